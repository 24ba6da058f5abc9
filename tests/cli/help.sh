# --help for the program and every subcommand: usage on stdout, exit 0,
# nothing on stderr, and no store opened or made.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/never.db"

check "--help exits 0" 0 "$BD" --help
contains "... prints the usage" "$T/out" "usage: breachdash [--db PATH]"
for c in list show compare import export validate; do
	contains "... names $c" "$T/out" "  $c "
done
contains "... gives the exit statuses" "$T/out" "Exit status: 0 success, 1 bad data or not found, 2 bad usage."
check "-h exits 0" 0 "$BD" -h
contains "... prints the usage" "$T/out" "usage: breachdash"

for c in list show compare import export validate; do
	check "$c --help exits 0" 0 "$BD" $c --help
	contains "... prints its usage on stdout" "$T/out" "usage: breachdash $c"
	if [ -s "$T/err" ]; then not_ok "... and nothing on stderr" "$(head -2 "$T/err")"; else ok "... and nothing on stderr"; fi
	check "$c -h exits 0" 0 "$BD" $c -h
	contains "... prints its usage" "$T/out" "usage: breachdash $c"
done
check "list --help" 0 "$BD" list --help
contains "... explains the filter language" "$T/out" "safe:FIELD"
contains "... lists the sort keys" "$T/out" "date, force, kind, affected, fields, ico, nca, threat, id, origin"
check "--help after other options" 0 "$BD" show met-2023-08-supplier --format md --help
contains "... still prints the usage" "$T/out" "usage: breachdash show"
if [ -e "$T/never.db" ]; then not_ok "help opens no store"; else ok "help opens no store"; fi
check "an unknown global option is a usage error" 2 "$BD" --frobnicate
contains "... naming it" "$T/err" "'--frobnicate'"
check "an unknown subcommand option is a usage error" 2 "$BD" show --frobnicate met-2023-08-supplier
contains "... naming it" "$T/err" "'--frobnicate'"
