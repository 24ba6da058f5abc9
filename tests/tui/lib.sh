# Helpers for the terminal tests: they drive the real dashboard in tmux and
# compare what it draws with golden screens. Sourced by tests/tui/*.sh,
# which run through tests/run.sh (BD_BIN, BD_TOP set) and print TAP lines.
#
#   start COLS ROWS [VAR=VALUE...]  open the dashboard on a fresh store
#   keys KEY...                     tmux send-keys, then wait for the screen
#   send_text TEXT                  send TEXT literally (no key names), then wait
#   screen                          the screen as plain text
#   golden NAME [DESC]              compare the screen with golden/NAME.txt
#   stop                            end the dashboard and its tmux session
# and: screen_e (with escapes), cursor_line, pane_fmt FORMAT, wait_for TEXT,
# expect / expect_not DESC TEXT, is DESC GOT WANT, app_pid, tm (tmux).
#
# The golden files hold the whole screen as plain text. When the UI changes
# on purpose, regenerate them all with one command and read the diff:
#   UPDATE_GOLDEN=1 make test
#
# Each test file has its own tmux server on a private socket in its temp dir
# (never the user's server), a fixed terminal size, TERM, locale, TZ and
# HOME, and a fresh store, so runs do not depend on the machine or on each
# other. No controlling terminal is needed: tmux new-session -d makes the
# pseudo-terminal itself.
. "$BD_TOP/tests/lib.sh"

GOLDEN_DIR="$TOP/tests/tui/golden"
SOCK="$T/tmux.sock"
SESSION=bd
RUN=0                   # how many dashboards this file has started
STORE=                  # the store of the current dashboard
PIDFILE=                # holds the dashboard's process id
unset TMUX TMUX_PANE LINES COLUMNS

trap 'tmux -S "$SOCK" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 141' PIPE

# The terminal type tmux puts in the pane: tmux-256color where the terminfo
# entry is installed, else screen-256color.
TUI_TERM=screen-256color
for d in "$HOME/.terminfo" /etc/terminfo /lib/terminfo /usr/share/terminfo /usr/lib/terminfo; do
	if [ -f "$d/t/tmux-256color" ] || [ -f "$d/74/tmux-256color" ]; then
		TUI_TERM=tmux-256color
		break
	fi
done

tm() { tmux -S "$SOCK" "$@"; }

# Single-quotes a word for sh.
shq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# The screen, plain text, one line per terminal row.
screen() { tm capture-pane -p -t "$SESSION"; }
# The screen with attributes and colours as escape sequences.
screen_e() { tm capture-pane -p -e -t "$SESSION"; }
# A tmux format for the pane, e.g. pane_fmt '#{cursor_y}'.
pane_fmt() { tm display-message -p -t "$SESSION" "$1"; }
# The text of the row the hardware cursor is on (the selected row).
cursor_line() { screen | sed -n "$(($(pane_fmt '#{cursor_y}') + 1))p"; }

# settle BEFORE: waits for the screen (with attributes) to change from
# BEFORE and then hold still for 50 ms. A key that changes nothing is given
# 1 s to show a change. Gives up after 5 s.
settle() {
	_before=$1
	_prev=$(screen_e)
	_changed=0
	[ "$_prev" != "$_before" ] && _changed=1
	_i=0
	while [ "$_i" -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
		_cur=$(screen_e)
		[ "$_cur" != "$_before" ] && _changed=1
		if [ "$_cur" = "$_prev" ] && { [ "$_changed" = 1 ] || [ "$_i" -ge 20 ]; }; then
			return 0
		fi
		_prev=$_cur
	done
	echo "# the screen did not settle within 5 s"
	return 1
}

# keys KEY...: tmux key names (Enter, Escape, Tab, BTab, Space, C-l...) or
# plain characters, sent in order; then waits for the screen to settle.
keys() {
	_b=$(screen_e)
	tm send-keys -t "$SESSION" "$@"
	settle "$_b"
}

# send_text TEXT: sends TEXT as it is (no key names), then waits.
send_text() {
	_b=$(screen_e)
	tm send-keys -t "$SESSION" -l -- "$1"
	settle "$_b"
}

# wait_for TEXT: polls until TEXT (fixed string) is on the screen, up to 5 s.
wait_for() {
	_i=0
	while [ "$_i" -lt 100 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

# start COLS ROWS [VAR=VALUE...]: a fresh store seeded from the bundled
# data, then the dashboard in a new tmux session of that size. The
# variables are added to (or override) the pinned environment, e.g.
# LC_ALL=C, NO_COLOR=1, TERM=no-such-term. The program runs as
#   sh -c 'breachdash; echo EXITED $?'
# and then the shell reads a line (echoed if the terminal was given back in
# its normal modes) and waits, so a test can see what the program left.
start() {
	_cols=$1 _rows=$2
	shift 2
	tm kill-session -t "$SESSION" >/dev/null 2>&1
	RUN=$((RUN + 1))
	_dir="$T/run$RUN"
	mkdir -p "$_dir"
	STORE="$_dir/store.db"
	PIDFILE="$_dir/pid"
	# Seed the store first, so the screen does not name the temp dir.
	"$BD" --db "$STORE" list >/dev/null 2>&1
	_env="PATH=$(shq "$PATH") HOME=$(shq "$HOME") TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8"
	_env="$_env TERM=\"\$TERM\" BREACHDASH_DB=$(shq "$STORE") BREACHDASH_DATA=$(shq "$BREACHDASH_DATA")"
	# a and E open $VISUAL or $EDITOR: one that changes nothing, unless a
	# test names another
	_env="$_env VISUAL=true EDITOR=true"
	for _v in "$@"; do
		_env="$_env $(shq "$_v")"
	done
	# The inner sh writes its pid and execs the dashboard (env -i keeps only
	# what is pinned here and TERM as tmux set it).
	printf '%s\n' \
		"sh -c 'echo \$\$ >\"\$0\"; exec \"\$@\"' $(shq "$PIDFILE") env -i $_env $(shq "$BD")" \
		'echo "EXITED $?"' \
		'read line; echo "READ $line"' \
		'exec cat >/dev/null' >"$_dir/run.sh"
	tm -f /dev/null start-server \; \
		set -g default-terminal "$TUI_TERM" \; \
		set -g default-shell /bin/sh \; \
		set -g status off \; \
		set -g remain-on-exit on \; \
		set -g history-limit 0 \; \
		new-session -d -s "$SESSION" -x "$_cols" -y "$_rows" "sh $(shq "$_dir/run.sh")"
	# Wait for the first frame: the header (or a too-small notice).
	_i=0
	while [ "$_i" -lt 100 ] && ! screen | grep -q '[^ ]'; do
		sleep 0.05
		_i=$((_i + 1))
	done
	settle ""
}

# The dashboard's process id (the pane runs it under sh).
app_pid() { cat "$PIDFILE"; }

stop() { tm kill-session -t "$SESSION" >/dev/null 2>&1; :; }

# rowdiff GOLDEN SCREEN: exit status 0 when the two screens are the same;
# otherwise prints each row that differs, as TAP comments.
rowdiff() {
	awk 'FILENAME == ARGV[1] { g[FNR] = $0; ng = FNR; next }
	{ s[FNR] = $0; ns = FNR }
	END {
		n = ng > ns ? ng : ns
		for (i = 1; i <= n; i++)
			if (!(i in g) || !(i in s) || g[i] != s[i]) {
				bad = 1
				printf "#   row %2d golden |%s|\n", i, (i in g) ? g[i] : "(no row)"
				printf "#   row %2d screen |%s|\n", i, (i in s) ? s[i] : "(no row)"
			}
		exit bad
	}' "$1" "$2"
}

# golden NAME [DESC]: the whole screen equals tests/tui/golden/NAME.txt.
golden() {
	_name=$1
	_desc=${2:-$1}
	_file="$GOLDEN_DIR/$_name.txt"
	screen >"$T/screen.txt"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		mkdir -p "$GOLDEN_DIR"
		cat "$T/screen.txt" >"$_file"
		ok "$_desc (golden $_name written)"
	elif [ ! -f "$_file" ]; then
		not_ok "$_desc" "no golden file $_file; run: UPDATE_GOLDEN=1 make test"
		sed 's/^/#   |/' "$T/screen.txt"
	elif rowdiff "$_file" "$T/screen.txt" >"$T/rowdiff.txt"; then
		ok "$_desc"
	else
		not_ok "$_desc" "screen differs from golden/$_name.txt;" \
			"if the change is intended: UPDATE_GOLDEN=1 make test"
		cat "$T/rowdiff.txt"
	fi
}

# expect DESC TEXT: the screen has a line containing TEXT (fixed string).
expect() {
	screen >"$T/screen.txt"
	contains "$1" "$T/screen.txt" "$2"
}

# expect_not DESC TEXT: the screen has no line containing TEXT.
expect_not() {
	screen >"$T/screen.txt"
	lacks "$1" "$T/screen.txt" "$2"
}

# is DESC GOT WANT: two strings are equal.
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:      $2" "expected: $3"; fi
}
