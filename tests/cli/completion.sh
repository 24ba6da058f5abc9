# Bash completion (completion/breachdash.bash): commands, options, values of
# --format, --sort and --theme, and incident ids from the store.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/store.db"
export PATH="$(dirname "$BD"):$PATH"
FILE="$TOP/completion/breachdash.bash"

if ! command -v bash >/dev/null 2>&1; then
	ok "# skip no bash"
	exit 0
fi

# comp WORD... : completes the last word of `WORD...` (the first is the
# program); one candidate a line in $T/out, sorted
comp() {
	bash -c '. "$1" || exit 1; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_breachdash; printf "%s\n" "${COMPREPLY[@]}"' sh "$FILE" "$@" 2>"$T/err" | sort >"$T/out"
}
# has DESC WORD : WORD is a candidate;  only DESC WORD : the one candidate
has() {
	if grep -qx -- "$2" "$T/out"; then ok "$1"; else not_ok "$1" "candidates: $(tr '\n' ' ' <"$T/out")"; fi
}
hasnt() {
	if grep -qx -- "$2" "$T/out"; then not_ok "$1" "candidates: $(tr '\n' ' ' <"$T/out")"; else ok "$1"; fi
}
only() {
	if [ "$(cat "$T/out")" = "$2" ]; then ok "$1"; else not_ok "$1" "candidates: $(tr '\n' ' ' <"$T/out")"; fi
}

if bash -n "$FILE"; then ok "the file is valid bash"; else not_ok "the file is valid bash"; fi
bash -c '. "$1"; complete -p breachdash' sh "$FILE" >"$T/out" 2>&1
contains "it registers the function for breachdash" "$T/out" "complete -F _breachdash breachdash"

comp breachdash sh
only "breachdash sh<TAB> gives show" "show"
comp breachdash ""
for c in list show compare import export validate report new edit link; do has "... and every command: $c" "$c"; done
comp breachdash e
only "breachdash e<TAB>: edit and export" "$(printf 'edit\nexport')"
comp breachdash --
has "global options: --db" "--db"
has "... --theme" "--theme"
has "... --no-color" "--no-color"
comp breachdash --theme ""
only "--theme values" "$(printf 'colorblind\ndefault\nmono')"
comp breachdash --db "$T/x.db" --theme mono lis
only "the command after global options and their values (lis: list, not link)" "list"

comp breachdash list --sort ""
has "list --sort <TAB> includes affected" "affected"
for k in date force kind fields ico nca threat id origin; do has "... and $k" "$k"; done
comp breachdash list --sort af
only "list --sort af<TAB> gives affected" "affected"
comp breachdash list --sort = ""
has "list --sort=<TAB> too" "affected"
comp breachdash list --format ""
only "list --format: table, tsv, json" "$(printf 'json\ntable\ntsv')"
comp breachdash show ID --format ""
only "show --format: text, md, json" "$(printf 'json\nmd\ntext')"
comp breachdash export --format ""
only "export --format: json, csv, md" "$(printf 'csv\njson\nmd')"
comp breachdash report --format ""
only "report --format: md, txt" "$(printf 'md\ntxt')"
comp breachdash import --format ""
only "import --format: auto, native, veris" "$(printf 'auto\nnative\nveris')"
comp breachdash list --
has "list's options: --reverse" "--reverse"
has "... --filter" "--filter"
hasnt "... not --strict" "--strict"
comp breachdash import --
has "import's options: --strict" "--strict"
comp breachdash list --filter ""
only "--filter is free text: nothing offered" ""

# incident ids, from the store (BREACHDASH_DB here)
"$BD" list >/dev/null 2>&1
comp breachdash show met
only "breachdash show met<TAB> gives met-2023-08-supplier" "met-2023-08-supplier"
comp breachdash edit psni
has "edit completes ids" "psni-2023-08-foi-spreadsheet"
comp breachdash compare psni-2023-08-foi-spreadsheet me
only "compare completes the second id" "met-2023-08-supplier"
comp breachdash link psni-2023-08-m2-laptop d
only "link completes the kind of link" "distinct"
comp breachdash link psni-2023-08-m2-laptop same psni-2023-08-f
only "... and then the other id" "psni-2023-08-foi-spreadsheet"
comp breachdash show ""
want=$(($("$BD" list --format tsv | wc -l) - 1))
if [ "$(wc -l <"$T/out")" -eq "$want" ]; then
	ok "show <TAB> offers every id"; else not_ok "show <TAB> offers every id" "$(head -3 "$T/out")"; fi
hasnt "... not the tsv header" "id"
if [ -s "$T/err" ]; then not_ok "... quietly" "$(head -2 "$T/err")"; else ok "... quietly"; fi

# --db on the line names the store; one that does not exist is not made
"$BD" --db "$T/other.db" list >/dev/null 2>&1
printf '%s\n' '{"id": "only-in-other", "title": "Other store", "organisation": {"force": "T", "short": "T"}, "nation": "wales", "kind": "loss", "affected": {"count": null, "qualifier": "unknown"}, "sources": [{"id": "a", "publisher": "P"}]}' >"$T/one.jsonl"
"$BD" --db "$T/other.db" import "$T/one.jsonl" >/dev/null 2>&1
comp breachdash --db "$T/other.db" show only
only "--db PATH on the line: ids from that store" "only-in-other"
comp breachdash show only
only "... not from the others" ""
comp breachdash --db "$T/missing.db" show ""
only "a --db store that does not exist: no ids" ""
if [ -e "$T/missing.db" ]; then not_ok "... and it is not made"; else ok "... and it is not made"; fi

# files for import and validate
mkdir -p "$T/in"
: >"$T/in/batch.jsonl"
comp breachdash import "$T/in/ba"
only "import completes files" "$T/in/batch.jsonl"
comp breachdash validate "$T/in/"
has "validate too" "$T/in/batch.jsonl"
comp breachdash list --du
only "list --du<TAB> gives --duplicates" "--duplicates"
