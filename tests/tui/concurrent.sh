# Two dashboards and importers on one store at once: every import lands,
# both dashboards keep working while it runs, and both show the new data
# without a key press.
. "$BD_TOP/tests/tui/lib.sh"
. "$BD_TOP/tests/hostile_lib.sh"

start 100 30
# The second dashboard: the same wrapper on the same store, in a second
# session of the same tmux server.
tm new-session -d -s bd2 -x 100 -y 30 "sh $(shq "$T/run$RUN/run.sh")"
screen2() { tm capture-pane -p -t bd2; }
wait_for2() {
	_i=0
	while [ "$_i" -lt 200 ]; do
		screen2 | grep -qF -- "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}
wait_for2 " 1/7 " && ok "the second dashboard is up" || not_ok "the second dashboard is up" "$(screen2 | tail -2)"
expect "the first shows 7 incidents" " 1/7 "

N=2000
"$BD_BUILD/tests/gen" $N 3 >"$T/a.jsonl"
"$BD_BUILD/tests/gen" $N 4 | sed 's/"id":"gen-/"id":"other-/' >"$T/b.jsonl"
# Two importers at once, while both dashboards scroll and open incidents.
"$BD" --db "$STORE" import "$T/a.jsonl" >"$T/imp-a.out" 2>&1 &
ia=$!
"$BD" --db "$STORE" import "$T/b.jsonl" >"$T/imp-b.out" 2>&1 &
ib=$!
for k in j j Enter Tab Escape k G g j Enter Escape; do
	tm send-keys -t "$SESSION" "$k"
	tm send-keys -t bd2 "$k"
	sleep 0.05
done
wait "$ia"
sa=$?
wait "$ib"
sb=$?
is "the first importer exits 0" "$sa" 0
is "the second importer, which waited for the first, exits 0" "$sb" 0
contains "... $N new" "$T/imp-a.out" "$N new"
contains "... $N new" "$T/imp-b.out" "$N new"
is "the store holds both imports" "$(store_count "$STORE")" $((7 + 2 * N))
is "... and is sound" "$(sqlite3 "$STORE" 'PRAGMA integrity_check')" ok
total=$((7 + 2 * N))
if wait_for "/$total "; then ok "the first dashboard shows $total incidents without a key press"
else not_ok "the first dashboard shows $total incidents without a key press" "$(screen | tail -1)"; fi
if wait_for2 "/$total "; then ok "the second dashboard too"
else not_ok "the second dashboard too" "$(screen2 | tail -1)"; fi

# An update while both are in the drill-down of the same incident.
id=$("$BD" --db "$STORE" list --reverse --format tsv | sed -n 2p | cut -f1)   # the top row, newest first
for s in "$SESSION" bd2; do tm send-keys -t "$s" Escape Escape g; done
sleep 0.3
title=$(sqlite3 "$STORE" "SELECT title FROM incident WHERE id = '$id'")
for s in "$SESSION" bd2; do tm send-keys -t "$s" Enter; done
sleep 0.3
cat "$T/a.jsonl" "$T/b.jsonl" | grep "\"id\":\"$id\"" | sed "s/\"title\":\"[^\"]*\"/\"title\":\"Updated while two dashboards watched\"/" >"$T/upd.jsonl"
check "an update of the incident both dashboards show imports" 0 "$BD" --db "$STORE" import "$T/upd.jsonl"
if wait_for "Updated while two dashboards watched"; then ok "the first dashboard's drill-down shows the update"
else not_ok "the first dashboard's drill-down shows the update" "was: $title" "$(screen | head -3)"; fi
if wait_for2 "Updated while two dashboards watched"; then ok "the second dashboard's too"
else not_ok "the second dashboard's too" "$(screen2 | head -3)"; fi
for s in "$SESSION" bd2; do tm send-keys -t "$s" Escape q; done
if wait_for "EXITED 0"; then ok "the first dashboard quits with 0"; else not_ok "the first dashboard quits with 0"; fi
if wait_for2 "EXITED 0"; then ok "the second dashboard quits with 0"; else not_ok "the second dashboard quits with 0"; fi
tm kill-session -t bd2 >/dev/null 2>&1
stop
