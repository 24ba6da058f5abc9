# breachdash stats: the breakdowns in every format against golden files,
# people kept apart by qualifier, and bad usage.
. "$BD_TOP/tests/lib.sh"
golden_cmd stats-force.txt "$BD" stats --by force
golden_cmd stats-year.txt "$BD" stats --by year
golden_cmd stats-force.md "$BD" stats --by force --format md
golden_cmd stats-kind.csv "$BD" stats --by kind --format csv
golden_cmd stats-outcome.json "$BD" stats --by outcome --format json
golden_cmd stats-field.txt "$BD" stats --by field --filter 'nation:"northern ireland"'

check "stats --by force" 0 "$BD" stats --by force
contains "PSNI: three incidents, a fine, people per qualifier" "$T/out" "9,525 exactly, at least 200"
lacks "no single total of people" "$T/out" "9,725"
contains "the overlap is said" "$T/out" "the same people may be in more than one incident"
check "json parses" 0 "$BD" stats --by year --format json
if [ "$(sqlite3 :memory: "SELECT json_valid(CAST(readfile('$T/out') AS TEXT))")" = 1 ]; then ok "... valid JSON"; else
	not_ok "... valid JSON" "$(head -3 "$T/out")"; fi
check "a group's filter selects its incidents" 0 "$BD" list --filter 'org:"PSNI"' --format tsv
is "... the three PSNI incidents" "$(sed 1d "$T/out" | wc -l | tr -d ' ')" 3
check "unknown breakdown: exit 2" 2 "$BD" stats --by colour
contains "... says which exist" "$T/err" "force, nation, kind, year, outcome, field, origin"
check "unknown format: exit 2" 2 "$BD" stats --format xml
check "bad filter: exit 2" 2 "$BD" stats --filter 'affected>lots'
check "--help" 0 "$BD" stats --help
contains "... usage" "$T/out" "usage: breachdash stats"
