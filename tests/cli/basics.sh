# The command line on the bundled data: first run seeds the store.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/store.db"

check "list on a new store exits 0" 0 "$BD" list
contains "list shows the Met supplier breach" "$T/out" "met-2023-08-supplier"
contains "list shows the PSNI spreadsheet" "$T/out" "psni-2023-08-foi-spreadsheet"
check "--version" 0 "$BD" --version
contains "--version names the program" "$T/out" "breachdash "
check "unknown command is a usage error" 2 "$BD" frobnicate
check "show of a missing id fails with 1" 1 "$BD" show no-such-incident
contains "missing id is named" "$T/err" "no-such-incident"
