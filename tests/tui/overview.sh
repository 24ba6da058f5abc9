# The overview: the first screen at the smallest supported size and at a
# large one, and sorting (s cycles the columns, S reverses).
. "$BD_TOP/tests/tui/lib.sh"

start 80 24
golden overview-80x24 "overview at 80x24"
is "the cursor starts on the newest incident (row 3)" "$(pane_fmt '#{cursor_y}')" 2
expect "the status line counts 1 of 7" " 1/7  sort: date"
stop

start 200 60
golden overview-200x60 "overview at 200x60 has titles and the full field strip"
expect "a title is shown in full" "Greater Manchester Police staff also hit by the Digital ID ransomware attack"
stop

start 80 24
keys s
golden sort-force "s sorts by force, A to Z"
keys s
golden sort-kind "s again sorts by kind"
keys s
golden sort-affected-desc "s again sorts by affected, biggest first"
first=$(screen | sed -n 3p)
case $first in
*Met*~47,000*) ok "sorted by affected, the first row is the Met's 47,000" ;;
*) not_ok "sorted by affected, the first row is the Met's 47,000" "first row: $first" ;;
esac
keys S
golden sort-affected-asc "S reverses: affected, smallest first"
expect "the status line shows the ascending sort" "sort: affected ▲"
stop
