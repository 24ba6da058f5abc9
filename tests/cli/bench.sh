# The bench's own tools on a small N: the generator is deterministic and
# its output imports cleanly; the pty driver measures a frame and a key.
. "$BD_TOP/tests/lib.sh"
GEN="$BD_BUILD/tests/gen"
PTY="$BD_BUILD/tests/ptyrun"
"$GEN" 50 7 > "$T/a.jsonl"
"$GEN" 50 7 > "$T/b.jsonl"
"$GEN" 50 8 > "$T/c.jsonl"
same "generator is deterministic for a seed" "$T/a.jsonl" "$T/b.jsonl"
if cmp -s "$T/a.jsonl" "$T/c.jsonl"; then not_ok "another seed gives other data"; else ok "another seed gives other data"; fi
lines=$(wc -l < "$T/a.jsonl")
[ "$lines" -eq 50 ] && ok "generator writes N lines" || not_ok "generator writes N lines" "got $lines"
check "generated incidents validate" 0 "$BD" validate "$T/a.jsonl"
check "generated incidents import" 0 "$BD" --db "$T/g.db" import "$T/a.jsonl"
contains "all 50 are new" "$T/out" "50 new"
# The bundled record's shape (--full): as deterministic, valid, and about
# 3.2 KB a line.
"$GEN" 200 7 --full > "$T/fa.jsonl"
"$GEN" 200 7 --full > "$T/fb.jsonl"
same "--full is deterministic for a seed" "$T/fa.jsonl" "$T/fb.jsonl"
check "--full incidents validate" 0 "$BD" validate "$T/fa.jsonl"
avg=$(awk '{ s += length($0) + 1 } END { printf "%d", s / NR }' "$T/fa.jsonl")
[ "$avg" -ge 2900 ] && [ "$avg" -le 3500 ] && ok "--full lines are about 3.2 KB ($avg bytes)" ||
	not_ok "--full lines are about 3.2 KB" "mean $avg bytes"
printf 'frame\nkey down\nidle 1\nrss\nquit\n' | TERM=xterm-256color "$PTY" 100 30 "$BD" --db "$T/g.db" > "$T/pty" 2>&1
awk '$1 == "frame" && $2 > 0 && $3 > 500 { f = 1 } END { exit !f }' "$T/pty" \
	&& ok "ptyrun measures the first frame" || not_ok "ptyrun measures the first frame" "$(cat "$T/pty")"
awk '$1 == "key" && $2 == "down" && $4 > 0 { f = 1 } END { exit !f }' "$T/pty" \
	&& ok "ptyrun counts the bytes of a cursor move" || not_ok "ptyrun counts the bytes of a cursor move" "$(cat "$T/pty")"
awk '$1 == "idle" && $2 >= 0 { f = 1 } END { exit !f }' "$T/pty" \
	&& ok "ptyrun reads idle CPU ticks" || not_ok "ptyrun reads idle CPU ticks"
awk '$1 == "rss" && $2 > 1000 { f = 1 } END { exit !f }' "$T/pty" \
	&& ok "ptyrun reads peak memory" || not_ok "ptyrun reads peak memory"

# The bytes of a cursor move on the bundled data, in colour and UTF-8 at
# 120 columns, stay under the bench's target (1.5 x the 264 bytes of two
# plain rows): a change that colours or reformats list rows carelessly
# shows here first. (Bytes, not time: the same on any machine.)
BREACHDASH_DATA="$TOP/data" "$BD" --db "$T/bundled.db" list >/dev/null 2>&1
printf 'frame\nkey down\nkey down\nkey down\nkey down\nkey down\n' |
	TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PTY" 120 40 "$BD" --db "$T/bundled.db" > "$T/moves" 2>&1
mean=$(awk '$1 == "key" { s += $4; n++ } END { if (n) printf "%d", s / n }' "$T/moves")
if [ -n "$mean" ] && [ "$mean" -gt 0 ] && [ "$mean" -lt 396 ]; then
	ok "a cursor move writes $mean bytes on average, under 396"
else
	not_ok "a cursor move writes under 396 bytes" "mean ${mean:-none}: $(cat "$T/moves")"
fi
