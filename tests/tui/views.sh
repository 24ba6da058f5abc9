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
