# The bundled record (data/), not the test fixture: its coverage, what it
# says of lost and reported data, ICO fines by year and force, threat levels
# dated by their sources, and a golden report over all of it.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DATA="$TOP/data" BREACHDASH_DB="$T/record.db"
G="$TOP/tests/cli/golden"

check "list the whole record" 0 "$BD" list --format tsv
sed 1d "$T/out" >"$T/rows"
count=$(wc -l <"$T/rows")
if [ "$count" -ge 30 ]; then ok "at least 30 incidents ($count)"; else not_ok "at least 30 incidents" "only $count"; fi
forces=$(cut -f3 "$T/rows" | sort -u | wc -l)
if [ "$forces" -ge 15 ]; then ok "at least 15 forces ($forces)"; else not_ok "at least 15 forces" "only $forces"; fi
first=$(cut -f2 "$T/rows" | grep -o '^[0-9]\{4\}' | sort | head -1)
if [ "$first" -le 2012 ]; then ok "the record reaches back to 2012 ($first)"; else
	not_ok "the record reaches back to 2012" "first year $first"; fi
check "every native incident is cited (validate)" 0 "$BD" validate "$TOP/data/incidents.json"

check "report over the whole record" 0 "$BD" report --format md
cp "$T/out" "$T/report.md"
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$T/report.md" "$G/report-record.md"; fi
if cmp -s "$T/report.md" "$G/report-record.md"; then ok "report-record.md matches its golden file"; else
	not_ok "report-record.md matches its golden file" "$(diff "$G/report-record.md" "$T/report.md" | head -10)"; fi
section() { awk -v h="## $1" '$0 == h { on = 1; next } /^## / { on = 0 } on' "$2"; }
section "ICO fines by year and by force" "$T/report.md" >"$T/fines"
contains "fines in 2012" "$T/fines" "| 2012 |"
contains "fines in 2026" "$T/fines" "| 2026 |"
contains "Police Scotland's fine of 2026" "$T/fines" "| Police Scotland | 1 | £66,000 |"
contains "Kent's two fines" "$T/fines" "| Kent | 2 | £180,000 |"
contains "the headline counts the fines" "$T/report.md" "fines totalling"
lacks "no total of people across incidents" "$T/report.md" "people affected in all"
contains "threat levels dated by their sources" "$T/report.md" \
	"- Threat levels: UK SEVERE (latest source 2026-05-01), NI SUBSTANTIAL (last confirmed 2024-10-31)"
if grep -qw now "$T/report.md"; then not_ok "the report never says 'now'" "$(grep -w now "$T/report.md" | head -3)"; else
	ok "the report never says 'now'"; fi

check "show the South Yorkshire footage" 0 "$BD" show syp-2023-08-bwv-loss
contains "... lost, not exposed" "$T/out" "Lost (2)          video, evidence"
contains "... nothing exposed" "$T/out" "Exposed (0)       none"
check "export csv" 0 "$BD" export --format csv --filter id:syp-2023-08-bwv-loss
contains "... the footage in the lost column only" "$T/out" '"unknown","","","video, evidence","reprimand"'
check "show the Met breach" 0 "$BD" show met-2023-08-supplier
contains "... the ID number as reported" "$T/out" "ID number (reported)"
contains "... and by whom" "$T/out" "ID number: reported [s3, s2]"
check "lost:video finds the footage" 0 "$BD" list --filter lost:video --format tsv
contains "... South Yorkshire" "$T/out" "syp-2023-08-bwv-loss"
check "field:video does not" 0 "$BD" list --filter field:video --format tsv
lacks "... not South Yorkshire" "$T/out" "syp-2023-08-bwv-loss"

# A year-only date that covers a change of level: both levels and when,
# never the higher one alone as if it were known.
check "show Kent's 2014 phone download" 0 "$BD" show kent-2014-phone-data
contains "... both levels of 2014" "$T/out" "UK national: SUBSTANTIAL or SEVERE (2014 covers a change, so which is not"
contains "... and when each held" "$T/out" "known: SUBSTANTIAL to 2014-08-28, SEVERE from 2014-08-29)"
check "show Lancashire's July 2011 report" 0 "$BD" show lancashire-2011-07-missing-person-report
contains "... the change of 11 July 2011" "$T/out" "SEVERE to 2011-07-10, SUBSTANTIAL from 2011-07-11"
check "show a full date" 0 "$BD" show met-2023-08-supplier
contains "... one level, its period" "$T/out" "UK national: SUBSTANTIAL (in force from 2022-02-09 to 2026-04-29)"

# The spreadsheet and the laptop on the M2 are two breaches of one month,
# marked so in the record: no possible duplicate is left in it.
check "list --duplicates of the record" 0 "$BD" list --duplicates
contains "... none left" "$T/out" "No possible duplicates"
check "show of the spreadsheet" 0 "$BD" show psni-2023-08-foi-spreadsheet
contains "... says it is not the laptop" "$T/out" "Not the same incident as psni-2023-08-m2-laptop"
