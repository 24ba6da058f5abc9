# Inside the drill-down: / searches the incident's text, the match shown
# in reverse video and counted in the status line, n and N step (into the
# next pane that has one); J and K move to the next and previous incident.
. "$BD_TOP/tests/tui/lib.sh"

start 100 30
keys j Enter
expect "the Met breach is open" "Hack of warrant-card printer"
keys /
send_text "digital"
keys Enter
expect "the first match, counted" "match 1 of 2 for \"digital\" in Summary"
if screen_e | grep -q "$(printf '\033\\[[0-9;]*7[;m]')Digital"; then ok "the match is in reverse video"; else
	not_ok "the match is in reverse video" "$(screen_e | grep -m1 Digital | cat -v)"; fi
keys n
expect "n: the next" "match 2 of 2"
keys n
expect "n past the last wraps to the first" "match 1 of 2"
keys N
expect "N: the previous" "match 2 of 2"
keys /
send_text "ransom demand"
keys Enter
expect "a search with no match in the summary moves to the pane that has one" "in Impacts"
keys /
send_text "zzzz-nothing"
keys Enter
expect "no match says so" "no match for \"zzzz-nothing\" in this incident"
keys J
expect "J: the next incident" "PSNI officer's laptop and notebook"
keys K K
expect "K: back past the Met to the one before" "Greater Manchester Police staff"
keys K
expect "K at the first says so" "the first incident of the list"
stop
