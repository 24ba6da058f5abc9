# Terminal injection through the dashboard: a store holding only hostile
# incidents (controls, C1, bidi overrides, U+2028, BOMs in every field; a row
# tampered with raw escape sequences and invalid UTF-8), walked through
# every view and pane. Checked two ways: the raw bytes the dashboard writes
# to a pseudo-terminal (ptyrun -o) hold none of the payloads, and in tmux
# the payloads had no effect (window title, clipboard, cursor, answers).
. "$BD_TOP/tests/tui/lib.sh"
. "$BD_TOP/tests/hostile_lib.sh"
H="$TOP/tests/fixtures/hostile"
PTY="$BD_BUILD/tests/ptyrun"

# The store: the hostile incidents only, one tampered with in SQL.
hostile_store() {
	"$BD" --db "$1" list >/dev/null 2>&1
	"$BD" --db "$1" import "$H/native-bidi.json" "$H/native-extra.json" >/dev/null 2>&1
	"$BD" --db "$1" import "$H/veris-hostile.json" >/dev/null 2>&1
	sqlite3 "$1" "DELETE FROM incident WHERE id NOT LIKE 'hostile-%' AND id NOT LIKE 'veris-hostile-%';
		UPDATE incident SET title = 'Tampered ' || char(27) || ']0;PWNED' || char(7) || char(27) || '[9999;9999H'
			|| CAST(X'FFFEC0AF9B' AS TEXT) || char(155) || '6n end',
			force_short = 'T' || char(27) || '(0lqk' || char(14) || CAST(X'E2' AS TEXT),
			force = 'Force' || char(27) || ']52;c;UFdORUQ=' || char(7)
		WHERE id = 'hostile-extra-0'"
}
hostile_store "$T/h.db"
is "the hostile store holds 4 incidents" "$(store_count "$T/h.db")" 4

# Every view and pane: per incident the drill-down and its panes, then the
# matrix, the timeline, a comparison, the help, a filter and a search. A key
# waits at most 300 ms for its output (ptyrun's limit) and ends after 30 ms
# of quiet.
walk() {
	echo frame
	echo "limit 300 30"
	for i in $1; do
		echo "key enter"
		for p in 1 2 3 4 5 6 7 8; do echo "key tab"; done
		echo "key esc"
		echo "key down"
	done
	echo "key home"
	echo "key space"; echo "key down"; echo "key space"; echo "key down"; echo "key space"
	echo "key c"; echo "key d"; echo "key d"; echo "key esc"
	echo "key 2"; echo "key l"; echo "key 3"; echo "key 1"
	echo "key ?"; echo "key esc"
	echo "key u"; echo "key p"; echo "key space"; echo "key space"; echo "key space"; echo "key esc"
	echo "key /"; echo "text pwned"; echo "key enter"
	echo "key f"; echo "text title"; echo "key enter"
	echo "key s"; echo "key S"
	echo "quit"
}
for loc in C.UTF-8 C; do
	rm -f "$T/raw.$loc"
	# every incident in UTF-8; in ASCII one is enough to see that no byte >= 0x80 is written
	incidents="1 2 3 4"
	[ "$loc" = C ] && incidents="1"
	walk "$incidents" | (cd "$T" && env TERM=xterm-256color LC_ALL=$loc LANG=$loc TZ=UTC HOME="$HOME" \
		"$PTY" -o "$T/raw.$loc" 160 48 "$BD" --db "$T/h.db") >"$T/pty.$loc" 2>&1
	bytes=$(wc -c <"$T/raw.$loc")
	if [ "$bytes" -gt 20000 ]; then ok "LC_ALL=$loc: the walk drew the views ($bytes bytes)"
	else not_ok "LC_ALL=$loc: the walk drew the views" "$bytes bytes" "$(tail -3 "$T/pty.$loc")"; fi
	tty_payload "LC_ALL=$loc: none of the payloads reached the terminal" "$T/raw.$loc"
	if perl -e 'local $/; open(my $h, "<:raw", $ARGV[0]); my $s = <$h>; exit($s =~ /\xEF\xBF\xBD|\?\]0;PWNED/ ? 0 : 1)' "$T/raw.$loc"; then
		ok "LC_ALL=$loc: the hostile text is drawn, controls replaced"
	else
		not_ok "LC_ALL=$loc: the hostile text is drawn, controls replaced"
	fi
done
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$T/raw.C"; then
	not_ok "LC_ALL=C: the dashboard writes only ASCII (on a terminal that is not UTF-8, UTF-8 bytes can read as C1)"
else
	ok "LC_ALL=C: the dashboard writes only ASCII"
fi

# In tmux: the payloads did nothing to the terminal.
# (start seeds the store of its next run; put the hostile one there first.)
mkdir -p "$T/run$((RUN + 1))"
hostile_store "$T/run$((RUN + 1))/store.db"
tm -f /dev/null start-server \; set -g set-clipboard on \; set -g allow-rename on 2>/dev/null
start 160 48
title_before=$(pane_fmt '#{pane_title}')
expect "the tampered row is listed, its controls replaced" "Tampered �]0;PWNED"
# The views once more, quickly: what matters here is the terminal's state.
for k in Enter Tab Tab Tab Tab Tab Tab Tab Escape j Enter Tab Tab Tab Tab Tab Tab Tab Escape \
	g Space j Space c; do
	tm send-keys -t "$SESSION" "$k"
	sleep 0.03
done
settle ""
expect "compare shows the hostile incidents" "Extra title"
screen >"$T/screen.txt"
if grep -q "$(printf '\033')" "$T/screen.txt"; then not_ok "no raw ESC on the screen"; else ok "no raw ESC on the screen"; fi
for k in Escape 2 3 1 /; do
	tm send-keys -t "$SESSION" "$k"
	sleep 0.05
done
send_text pwned
keys Enter
is "the window title was not changed (OSC 0)" "$(pane_fmt '#{pane_title}')" "$title_before"
case $(pane_fmt '#{window_name}') in
*PWNED*) not_ok "the window name was not changed" ;;
*) ok "the window name was not changed" ;;
esac
if tm list-buffers 2>/dev/null | grep -q .; then
	not_ok "nothing was set on the clipboard (OSC 52)" "$(tm list-buffers)"
else
	ok "nothing was set on the clipboard (OSC 52)"
fi
cy=$(pane_fmt '#{cursor_y}')
if [ "$cy" -lt 47 ]; then ok "the cursor was not sent to 9999;9999 ($cy)"; else not_ok "the cursor was not sent to 9999;9999" "cursor_y $cy"; fi
expect_not "the character set was not switched (\\e(0lqk would draw ┌─┐)" "┌─┐"
expect "the dashboard still answers: status line shown" "/"
keys q
if wait_for "EXITED 0"; then ok "q ends the dashboard normally"; else not_ok "q ends the dashboard normally" "$(screen | tail -3)"; fi
stop
