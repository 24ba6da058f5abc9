# The terminal: resizing, an ASCII-only locale, NO_COLOR, an unknown TERM.
. "$BD_TOP/tests/tui/lib.sh"

# resize WIDTH HEIGHT TEXT: resizes the window and waits for TEXT (tmux
# passes the new size on a little later, so a still screen is not enough).
resize() {
	tm resize-window -t "$SESSION" -x "$1" -y "$2"
	if wait_for "$3"; then settle ""; else echo "# no \"$3\" after resizing to $1x$2"; fi
}

start 80 24
resize 40 10 "terminal too small"
golden too-small-40x10 "at 40x10 the dashboard says the terminal is too small"
is "the pane is 40x10" "$(pane_fmt '#{pane_width}x#{pane_height}')" 40x10
keys j
expect "keys do nothing while too small" "terminal too small: 40x10, need 60x16"
resize 80 24 "sort: date"
golden overview-80x24 "back at 80x24 the overview is restored"

# Growing straight to a large size redraws for it.
resize 200 60 "FROM   TITLE"
golden overview-200x60 "resized to 200x60 it draws the wide layout"
stop

# ASCII only when the locale is not UTF-8.
has_high_bytes() { od -An -tu1 "$1" | tr -s ' ' '\n' | awk '$1 >= 128 { n++ } END { exit !n }'; }
ascii_only() {
	screen >"$T/screen.txt"
	if has_high_bytes "$T/screen.txt"; then
		not_ok "$1" "bytes >= 0x80 on the screen:" \
			"$(LC_ALL=C grep -n "$(printf '[\200-\377]')" "$T/screen.txt" | head -3)"
	else
		ok "$1"
	fi
}
start 80 24 LANG=C LC_ALL=C
golden ascii-overview "LC_ALL=C: the overview in ASCII"
ascii_only "LC_ALL=C: no byte >= 0x80 in the overview"
keys j j j j Enter Tab
golden ascii-detail-fields "LC_ALL=C: the fields pane in ASCII"
ascii_only "LC_ALL=C: no byte >= 0x80 in the fields pane"
keys Escape 2
ascii_only "LC_ALL=C: no byte >= 0x80 in the matrix"
keys 3
ascii_only "LC_ALL=C: no byte >= 0x80 in the timeline"
keys ?
ascii_only "LC_ALL=C: no byte >= 0x80 in the help"
golden ascii-help "LC_ALL=C: the help box drawn with + - |"
stop
# The check itself must see a UTF-8 screen.
start 80 24
screen >"$T/screen.txt"
if has_high_bytes "$T/screen.txt"; then ok "the UTF-8 overview has bytes >= 0x80 (the check works)"
else not_ok "the UTF-8 overview has bytes >= 0x80 (the check works)"; fi
stop

# NO_COLOR: attributes (bold, reverse, underline, dim) but no colour.
# colour_codes prints the SGR colour parameters on the screen: 30-38,
# 40-48, 90-97, 100-107 (39 and 49, the default colours, are not colour).
colour_codes() {
	screen_e | grep -o "$(printf '\033')\[[0-9;]*m" | sed 's/^.\[//; s/m$//' | tr ';' '\n' |
		grep -E '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$' | sort -u | tr '\n' ' '
}
no_colour() {
	codes=$(colour_codes)
	if [ -z "$codes" ]; then ok "$1"; else not_ok "$1" "colour codes on the screen: $codes"; fi
}
start 80 24
codes=$(colour_codes)
if [ -n "$codes" ]; then ok "without NO_COLOR the screen has colour ($codes)"
else not_ok "without NO_COLOR the screen has colour"; fi
stop

start 80 24 NO_COLOR=1
golden overview-80x24 "NO_COLOR=1: the same overview text"
no_colour "NO_COLOR=1: no colour in the overview"
case $(screen_e | sed -n 3p) in
*"$(printf '\033')[7m"* | *"$(printf '\033')["*";7m"*) ok "NO_COLOR=1: the selected row is in reverse video" ;;
*) not_ok "NO_COLOR=1: the selected row is in reverse video" "$(screen_e | sed -n 3p | od -c | head -3)" ;;
esac
keys j j j j Enter Tab
no_colour "NO_COLOR=1: no colour in the fields pane"
keys Escape 2
no_colour "NO_COLOR=1: no colour in the matrix"
keys 3
no_colour "NO_COLOR=1: no colour in the timeline"
keys ?
no_colour "NO_COLOR=1: no colour in the help"
stop

# An unknown TERM falls back to a known terminal type.
start 80 24 TERM=no-such-term
golden overview-80x24 "TERM=no-such-term: the dashboard starts and draws the overview"
keys j Enter
expect "TERM=no-such-term: keys work (Enter opens the drill-down)" " Summary   Fields "
stop
