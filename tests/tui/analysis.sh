# The breakdown (4) and trends (5) views over the whole bundled record, at
# 80x24 and 120x40 and without colour; Enter on a group shows its
# incidents and Esc comes back with the filter as it was.
. "$BD_TOP/tests/tui/lib.sh"
export BREACHDASH_DATA="$TOP/data"
BUNDLED=$(grep -c '^      "id": ' "$TOP/data/incidents.json")

start 80 24
keys 4
golden breakdown-force-80x24 "breakdown by force at 80x24"
expect "the PSNI's fine in its group" "1: £750,000"
keys Tab Tab Tab
golden breakdown-year-80x24 "Tab: by year, in order"
expect "the title names the breakdown" "Incidents by year"
keys 5
golden trends-80x24 "trends at 80x24"
expect "fines in thousands" "(£k)"
expect "the selected period's figures" "2026: 0 incidents, 1 ICO fine totalling £66,000"
keys Left Left
expect "Left moves the period" "2024: 1 incident, 1 ICO fine totalling £750,000"
stop

start 120 40
keys 4
golden breakdown-force-120x40 "breakdown by force at 120x40"
keys j Enter
expect "Enter shows the group's incidents" "filter: org:\"PSNI\""
expect "... six of them" " 1/6 "
keys Escape
expect "Esc comes back to the breakdown" "Incidents by force"
expect "... with the filter as it was" " $BUNDLED incidents"
expect_not "... and the status line too" "org:"
keys Tab Tab Tab
golden breakdown-year-120x40 "breakdown by year at 120x40"
keys 5
golden trends-120x40 "trends at 120x40"
stop

start 120 40 NO_COLOR=1
keys 5
golden trends-120x40-nocolor "trends without colour: the level names carry the meaning"
if screen_e | grep -q "$(printf '\033\\[[0-9;]*3[0-7]m')"; then not_ok "no colour codes"; else ok "no colour codes"; fi
stop

start 80 24 LANG=C LC_ALL=C
keys 4
if screen | LC_ALL=C grep -q '[^ -~]'; then not_ok "breakdown in ASCII"; else ok "breakdown in ASCII"; fi
keys 5
if screen | LC_ALL=C grep -q '[^ -~]'; then not_ok "trends in ASCII"; else ok "trends in ASCII"; fi
expect "fines in GBP" "(GBP k)"
stop

# The timeline over the whole record: one axis for the filtered set, level
# labels that never touch, outcomes by letter, zoom and pan.
start 80 24
keys 3
golden timeline-record-80x24 "the timeline of the whole record at 80x24"
expect "the axis is labelled in years" "2012"
expect "the selected incident's events are named" "South Wales 2025-10: ICO enforcement notice 2025-10"
keys j
expect "... and follow the cursor" "Met 2024-11-29: ICO referred 2024-11-29"
keys j j
expect "... to the Met's supplier breach" "Met 2023-08-26: NCA referred 2023-08-26"
keys + +
golden timeline-zoomed-80x24 "+ zooms in around the selected incident"
expect "zoomed in, the axis shows the years close up" "2023"
expect "incidents before the window are marked" "<"
keys Left
golden timeline-panned-80x24 "Left pans back"
keys - - - -
expect "- zooms out to the whole axis" "2012"
expect_not "... with nothing outside it" "<───"
stop

start 120 40
keys 3
golden timeline-record-120x40 "the timeline of the whole record at 120x40"
stop

start 120 40 NO_COLOR=1
keys 3
golden timeline-record-120x40-nocolor "the timeline without colour: a fine (F) differs from a referral (i)"
expect "the legend names the letters" "F fine"
stop
