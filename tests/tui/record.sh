# The dashboard on the bundled record (data/, not the fixture): a fresh
# store shows the UK level with the date of its newest source, at 80 and 200
# columns, with and without colour and UTF-8, and no screen says "now".
. "$BD_TOP/tests/tui/lib.sh"
export BREACHDASH_DATA="$TOP/data"

start 80 24
golden record-overview-80x24 "the whole record at 80x24"
expect "the header dates each level (80 columns)" \
	"Threat UK SEVERE as of 2026-05-01, NI SUBSTANTIAL as of 2024-10-31"
expect_not "... and never says now" " now"
stop

start 200 60
golden record-overview-200x60 "the whole record at 200x60"
expect "the header names the newest source and the last confirmation" \
	"Threat: UK SEVERE (latest source 2026-05-01), NI SUBSTANTIAL (last confirmed 2024-10-31)"
stop

start 120 40 NO_COLOR=1 LANG=C LC_ALL=C
keys /
send_text "honeytrap"
keys Enter Enter Tab Tab Tab
golden record-threat-ascii "a 2024 incident's threat pane, ASCII and no colour"
expect "the open UK period says when its newest source is" "latest source"
expect_not "no level is 'now'" "now"
if screen | LC_ALL=C grep -q '[^ -~]'; then not_ok "only ASCII on the screen"; else ok "only ASCII on the screen"; fi
stop

start 120 40
keys /
send_text "body-worn"
keys Enter Enter Tab
golden record-syp-fields "South Yorkshire's footage: lost, not exposed"
expect "the lost group" "LOST, DELETED OR DESTROYED (2)"
expect "... says what it means" "Availability, not exposure"
stop
