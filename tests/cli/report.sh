# Briefing output against golden files: report and compare, every format.
# The bundled data is fixed, so the output is too; UPDATE_GOLDEN=1 rewrites
# the golden files (review them by eye before committing).
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/store.db"

golden_cmd report.md "$BD" report --format md
golden_cmd report.txt "$BD" report --format txt
golden_cmd report-ni.md "$BD" report --filter 'nation:"northern ireland"'
golden_cmd compare-psni-met.txt "$BD" compare psni-2023-08-foi-spreadsheet met-2023-08-supplier
golden_cmd compare-psni-met.md "$BD" compare psni-2023-08-foi-spreadsheet met-2023-08-supplier --format md

"$BD" report >"$T/a"; "$BD" report >"$T/b"
same "report is deterministic" "$T/a" "$T/b"
contains "people are never added across incidents" "$T/a" "counted per incident and not added up"
contains "... the largest count, named" "$T/a" "the largest count is 47,000 (Met 2023-08-26)"
lacks "... and no total of people" "$T/a" "70,455"
contains "the ICO fine is in the headline" "$T/a" "1 fine totalling £750,000"
contains "fines by year" "$T/a" "| 2024 | 1 | £750,000 |"
contains "fines by force" "$T/a" "| PSNI | 1 | £750,000 |"
contains "lost data has its own section" "$T/a" "- **video** (1): South Yorkshire 2023-07-26"
contains "a reported field is marked" "$T/a" "- **ID number** (2): PSNI 2023-08-08, Met 2023-08-26 (reported)"
contains "threat levels dated by their sources" "$T/a" "- Threat levels: UK SEVERE (latest source 2026-05-01), NI SUBSTANTIAL (last confirmed 2024-10-31)"
lacks "no level is 'now'" "$T/a" " now"
check "report --format pdf is a usage error" 2 "$BD" report --format pdf
check "report with a bad filter is a usage error" 2 "$BD" report --filter 'colour:red'
check "report of nothing still works" 0 "$BD" report --filter 'force:nowhere'
contains "an empty report says so" "$T/out" "Incidents: 0"
# The three-command briefing the README promises, pasted into an email.
check "briefing step 1: compare" 0 "$BD" compare psni-2023-08-foi-spreadsheet met-2023-08-supplier --format md
check "briefing step 2: report" 0 "$BD" report --filter 'id:psni-2023-08-foi-spreadsheet'
check "briefing step 3: show" 0 "$BD" show met-2023-08-supplier --format md
