# Leaving: q and SIGTERM end the program with status 0 and give the
# terminal back: normal screen, cursor shown, keypad mode off, and the tty
# in its normal modes (a line typed afterwards is echoed and read).
. "$BD_TOP/tests/tui/lib.sh"

# restored HOW: the program has ended and the terminal is back to normal.
restored() {
	if wait_for "EXITED"; then ok "$1: the program ends"; else not_ok "$1: the program ends"; fi
	expect "$1: the wrapper shell reports exit status 0" "EXITED 0"
	is "$1: the alternate screen is gone" "$(pane_fmt '#{alternate_on}')" 0
	is "$1: keypad (application cursor) mode is off" \
		"$(pane_fmt '#{keypad_flag}#{keypad_cursor_flag}')" 00
	is "$1: the cursor is visible" "$(pane_fmt '#{cursor_flag}')" 1
	expect_not "$1: no dashboard left on the screen" "breachdash | Threat now"
	tm send-keys -t "$SESSION" -l "typed after"
	tm send-keys -t "$SESSION" Enter
	if wait_for "READ typed after"; then ok "$1: Enter ends a line again (icrnl)"
	else not_ok "$1: Enter ends a line again (icrnl)" "$(screen | head -4)"; fi
	is "$1: typed text is echoed (echo, icanon)" "$(screen | sed -n 2p)" "typed after"
}

start 80 24
is "while running the dashboard is on the alternate screen" "$(pane_fmt '#{alternate_on}')" 1
keys q
restored "q"
stop

# q in a drill-down goes back; only q in the overview quits.
start 80 24
keys Enter q
expect "q in the drill-down goes back to the overview" " 1/7  sort: date"
expect_not "q in the drill-down does not end the program" "EXITED"
keys q
restored "q from the overview after a drill-down"
stop

start 80 24
keys Enter Tab
kill -TERM "$(app_pid)"
restored "SIGTERM"
stop

start 80 24
keys f
send_text 'force:'
kill -TERM "$(app_pid)"
restored "SIGTERM at the filter prompt"
stop

# The help is a panel; ending with it open must free it before the screen.
start 80 24
keys ?
kill -TERM "$(app_pid)"
restored "SIGTERM with the help open"
stop

start 80 24
keys ?
kill -HUP "$(app_pid)"
restored "SIGHUP with the help open"
stop
