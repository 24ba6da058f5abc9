# The exposure matrix (2), the timeline (3), the help (?) and back to the
# overview (1).
. "$BD_TOP/tests/tui/lib.sh"

start 80 24
keys 2
golden matrix "2 opens the exposure matrix on the name column"
keys l
golden matrix-initial "l moves to the next field (initial)"
keys h h
golden matrix-last "h twice wraps to the last field (personal, unspecified)"
# The counts follow a new filter (counted again when it changes).
keys l f
send_text 'force:psni'
keys Enter
expect "a filter counts the name column again" "name  ● exposed in 1, ○ not exposed in 0, × lost in 1, · unknown in 1 of 3"
keys f C-u Enter Home
expect "... and again when it is cleared" "name  ● exposed in 3, ○ not exposed in 0, × lost in 1, · unknown in 3 of 7"
keys 3
golden timeline "3 opens the timeline with the threat bands"
keys ?
golden help "? opens the help over the timeline"
keys j j
golden help-scrolled "j scrolls the help"
keys Escape
golden timeline "Esc closes the help"
keys 1
golden overview-80x24 "1 goes back to the overview"
keys F1
expect "F1 opens the help too" "breachdash help: Esc or q closes"
keys q
expect_not "q closes the help, not the program" "breachdash help"
expect "the overview is still there" " 1/7  sort: date"
stop
