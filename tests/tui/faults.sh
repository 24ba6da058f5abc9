# Terminal faults: a resize storm down to 1x1 and a SIGWINCH storm, an
# input flood of random keys, the terminal closed under the dashboard (by
# tmux, with and without SIGHUP, also at a prompt), a damaged store, and a
# broken pipe. The dashboard carries on or ends cleanly, never crashes, and
# gives the terminal back in its normal modes.
. "$BD_TOP/tests/tui/lib.sh"
. "$BD_TOP/tests/hostile_lib.sh"

alive() {  # DESC: the dashboard process is still running
	if kill -0 "$(app_pid)" 2>/dev/null; then ok "$1"; else not_ok "$1" "$(screen | tail -3)"; fi
}
# restored DESC: the dashboard ended with status 0 and gave the terminal back.
restored() {
	if wait_for "EXITED"; then ok "$1: the program ends"; else not_ok "$1: the program ends" "$(screen | tail -3)"; fi
	expect "$1: with exit status 0" "EXITED 0"
	is "$1: the alternate screen is gone" "$(pane_fmt '#{alternate_on}')" 0
	is "$1: the cursor is visible" "$(pane_fmt '#{cursor_flag}')" 1
	tm send-keys -t "$SESSION" -l "typed after"
	tm send-keys -t "$SESSION" Enter
	if wait_for "READ typed after"; then ok "$1: the terminal echoes and reads lines again"
	else not_ok "$1: the terminal echoes and reads lines again" "$(screen | tail -3)"; fi
}
# back_to_overview: leaves prompts and views (Esc, 1), up to the overview.
back_to_overview() {
	tm send-keys -t "$SESSION" Escape Escape Escape C-u Escape
	sleep 0.2
	tm send-keys -t "$SESSION" Escape 1
	settle ""
}
# The flood's keys may export (e): in a directory of its own.
mkdir -p "$T/cwd"
cd "$T/cwd" || exit 1

# ---- a resize storm ----
start 80 24
i=0
cmds=
for w in 1 2 3 10 40 59 60 61 79 80 81 120 200 250 17 1 300 5; do
	for h in 1 2 5 15 16 17 24 50 1 100 3; do
		cmds="$cmds resize-window -t $SESSION -x $w -y $h ;"
		i=$((i + 1))
	done
	# shellcheck disable=SC2086
	tm $cmds >/dev/null 2>&1
	cmds=
	sleep 0.01
done
tm resize-window -t "$SESSION" -x 80 -y 24
wait_for "sort: date"
settle ""
alive "after $i resizes (down to 1x1) the dashboard runs"
golden overview-80x24 "... and draws the overview at 80x24 again"
# in a drill-down and the help too
keys Enter Tab
for w in 1 30 200 60 1 80; do tm resize-window -t "$SESSION" -x $w -y $((w / 3 + 1)); sleep 0.02; done
keys ?
for w in 1 30 200 60 1; do tm resize-window -t "$SESSION" -x $w -y $((w / 3 + 1)); sleep 0.02; done
tm resize-window -t "$SESSION" -x 80 -y 24
settle ""
alive "resizing in the drill-down and the help: still running"
# a SIGWINCH storm without a size change
pid=$(app_pid)
sent=0
while [ "$sent" -lt 500 ]; do
	kill -WINCH "$pid" 2>/dev/null || break
	sent=$((sent + 1))
done
sleep 0.3
alive "after 500 SIGWINCHs: still running"
keys Escape Escape
expect "... and drawing" "sort: date"
keys q
restored "quit after the storms"
stop

# ---- an input flood ----
# a and E would open an editor: make it one that changes nothing.
start 100 30 VISUAL=true EDITOR=true
# Random printable keys (no q, which would quit), a chunk at a time, with
# the special keys in between.
specials="Escape Enter Tab BTab Up Down Left Right PageUp PageDown Home End F1 BSpace C-l C-u Space"
chunks=0
while [ "$chunks" -lt 25 ]; do
	text=$(head -c 600 /dev/urandom | tr -dc 'a-pr-zA-Z0-9 /?.,:;"<>{}()+=*&^%$#@!~_-' | head -c 160)
	tm send-keys -t "$SESSION" -l -- "$text"
	for k in $specials; do
		[ $((chunks % 3)) -eq 0 ] && tm send-keys -t "$SESSION" "$k"
	done
	chunks=$((chunks + 1))
done
sleep 0.5
alive "after about 4,000 random keys and $((chunks * 17 / 3)) special keys: still running"
back_to_overview
expect "... and it can be brought back to the overview" "sort:"
tm send-keys -t "$SESSION" q
sleep 0.3
screen | grep -q EXITED || { back_to_overview; tm send-keys -t "$SESSION" q; }
restored "quit after the flood"
stop

# ---- the terminal closed under it ----
for where in overview prompt help; do
	start 80 24
	case $where in
	prompt) keys f; send_text 'force:ps' ;;
	help) keys '?' ;;
	esac
	pid=$(app_pid)
	tm kill-session -t "$SESSION"
	i=0
	while [ "$i" -lt 40 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
	if kill -0 "$pid" 2>/dev/null; then
		not_ok "tmux kill-session ($where): the dashboard ends" "still running after 2 s"
		kill -9 "$pid" 2>/dev/null
	else
		ok "tmux kill-session ($where): the dashboard ends"
	fi
done
# In a session of its own the dashboard gets no SIGHUP when the terminal
# goes: it must see the hangup itself (it spun at 100% CPU forever).
"$BD" --db "$T/setsid.db" list >/dev/null 2>&1
for where in overview prompt; do
	tm kill-server >/dev/null 2>&1
	tm -f /dev/null new-session -d -s "$SESSION" -x 80 -y 24 \
		"setsid -w sh -c 'echo \$\$ >\"$T/setsid.pid\"; exec env TERM=screen-256color LC_ALL=C.UTF-8 \"$BD\" --db \"$T/setsid.db\"'"
	wait_for "sort: date" || echo "# the dashboard did not start"
	[ "$where" = prompt ] && { tm send-keys -t "$SESSION" f; sleep 0.3; }
	pid=$(cat "$T/setsid.pid")
	tm kill-server
	i=0
	while [ "$i" -lt 60 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
	if kill -0 "$pid" 2>/dev/null; then
		not_ok "terminal closed without SIGHUP ($where): the dashboard ends" \
			"$(ps -o pid=,stat=,pcpu= -p "$pid") (was it spinning?)"
		kill -9 "$pid" 2>/dev/null
	else
		ok "terminal closed without SIGHUP ($where): the dashboard ends"
	fi
done

# ---- a damaged store ----
"$BD" --db "$T/damaged.db" list >/dev/null
"$BD" --db "$T/damaged.db" import "$TOP/tests/fuzz/corpus/native/gen3.jsonl" >/dev/null
sqlite3 "$T/damaged.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
dd if=/dev/urandom of="$T/damaged.db" bs=4096 seek=2 count=200 conv=notrunc 2>/dev/null
start 100 24 BREACHDASH_DB="$T/damaged.db"
expect "a damaged store: the dashboard says it cannot be read" "The store cannot be read: database disk image is malformed"
keys G Enter 2 3 1
alive "... keys do not crash it"
keys q
restored "a damaged store"
stop

# ---- a broken pipe ----
"$BD" --db "$T/many.db" list >/dev/null
"$BD_BUILD/tests/gen" 3000 5 >"$T/many.jsonl"
"$BD" --db "$T/many.db" import "$T/many.jsonl" >/dev/null
check "list | head -1: head's status" 0 sh -c '"$1" --db "$2" list | head -1' sh "$BD" "$T/many.db"
contains "... the header arrives" "$T/out" "ID"
if [ -s "$T/err" ]; then not_ok "... and no message" "$(cat "$T/err")"; else ok "... and no message"; fi
st=$(sh -c '"$1" --db "$2" list 2>"$3"; echo $? >"$4"' sh "$BD" "$T/many.db" "$T/pipe.err" "$T/pipe.st" | head -1 >/dev/null; cat "$T/pipe.st")
case $st in
141 | 0) ok "... breachdash ends by SIGPIPE, as a pipe's writer should (status $st)" ;;
*) not_ok "... breachdash ends by SIGPIPE" "status $st" "$(cat "$T/pipe.err")" ;;
esac
