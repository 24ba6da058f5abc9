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
printf 'frame\nkey down\nidle 1\nrss\nquit\n' | TERM=xterm-256color "$PTY" 100 30 "$BD" --db "$T/g.db" > "$T/pty" 2>&1
awk '$1 == "frame" && $2 > 0 && $3 > 500 { f = 1 } END { exit !f }' "$T/pty" \
	&& ok "ptyrun measures the first frame" || not_ok "ptyrun measures the first frame" "$(cat "$T/pty")"
awk '$1 == "key" && $2 == "down" && $4 > 0 { f = 1 } END { exit !f }' "$T/pty" \
	&& ok "ptyrun counts the bytes of a cursor move" || not_ok "ptyrun counts the bytes of a cursor move" "$(cat "$T/pty")"
awk '$1 == "idle" && $2 >= 0 { f = 1 } END { exit !f }' "$T/pty" \
	&& ok "ptyrun reads idle CPU ticks" || not_ok "ptyrun reads idle CPU ticks"
awk '$1 == "rss" && $2 > 1000 { f = 1 } END { exit !f }' "$T/pty" \
	&& ok "ptyrun reads peak memory" || not_ok "ptyrun reads peak memory"
