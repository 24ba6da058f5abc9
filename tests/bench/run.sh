#!/bin/sh
# make bench: builds a store of N synthetic incidents (default 1,000,000)
# and prints one figure a line — name, value, unit, target — measured on
# the real binary driven in a pseudo-terminal (tests/bench/ptyrun.c).
# BENCH_N sets N; BENCH_DIR keeps the stores between runs. BENCH_FULL_N
# (default 200,000) sizes the import of incidents of the bundled record's
# shape, about 3.2 KB each (gen --full).
set -u
BUILD=${BUILD:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
BD="$top/$BUILD/breachdash"
GEN="$top/$BUILD/tests/gen"
PTY="$top/$BUILD/tests/ptyrun"
N=${BENCH_N:-1000000}
dir=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$dir"
export HOME="$dir" TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR

figure() { printf '%-34s %14s %-10s %s\n' "$1" "$2" "$3" "$4"; }
ms() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.0f", (e - s) / 1e6 }'; }

build_store() { # N DB
	if [ ! -s "$2" ]; then
		"$GEN" "$1" 1 > "$dir/gen-$1.jsonl"
		start=$(date +%s%N)
		BREACHDASH_DATA="$top/data" "$BD" --db "$2" import "$dir/gen-$1.jsonl" >/dev/null || exit 1
		end=$(date +%s%N)
		echo "$(ms "$start" "$end")" > "$2.ms"
		rm -f "$dir/gen-$1.jsonl"
	fi
}

drive() { # DB COLS ROWS script
	printf "$4" | "$PTY" "$2" "$3" "$BD" --db "$1"
}

small="$dir/small.db"
big="$dir/big.db"
BENCH_SMALL_ONLY=0
build_store 10 "$small"
build_store "$N" "$big"
imp_ms=$(cat "$big.ms")
echo "breachdash bench: N=$N, $(nproc) cores"
figure "import rate" "$(awk -v n="$N" -v m="$imp_ms" 'BEGIN { printf "%.0f", n / (m / 1000) }')" "incid/s" ">= 100000"
figure "store size" "$(du -k "$big" | awk '{ printf "%.1f", $1 / 1024 }')" "MB" "-"

# Incidents of the bundled record's shape (3.2 KB: long summaries, several
# sources, claims and figures with notes) into a new store: the rate, the
# store's size against its JSON's, and the import's peak memory.
FULL_N=${BENCH_FULL_N:-200000}
full="$dir/full.db"
if [ ! -s "$full" ]; then
	"$GEN" "$FULL_N" 1 --full > "$dir/full.jsonl"
	wc -c < "$dir/full.jsonl" > "$full.bytes"
	start=$(date +%s%N)
	BREACHDASH_DATA="$top/data" /usr/bin/time -f %M -o "$full.rss" \
		"$BD" --db "$full" import "$dir/full.jsonl" >/dev/null || exit 1
	end=$(date +%s%N)
	echo "$(ms "$start" "$end")" > "$full.ms"
	rm -f "$dir/full.jsonl"
fi
figure "import rate, 3.2 KB incidents" \
	"$(awk -v n="$FULL_N" -v m="$(cat "$full.ms")" 'BEGIN { printf "%.0f", n / (m / 1000) }')" "incid/s" ">= 25000"
figure "store size / JSON size, 3.2 KB" \
	"$(awk -v s="$(du -bc "$full" "$full-wal" 2>/dev/null | tail -1 | cut -f1)" -v j="$(cat "$full.bytes")" 'BEGIN { printf "%.2f", s / j }')" "x" "<= 2.0"
figure "peak RSS, import of 3.2 KB" "$(awk -v k="$(cat "$full.rss")" 'BEGIN { printf "%.1f", k / 1024 }')" "MB" "< 64"
# The same shape stage by stage on one thread (tests/bench/stages.c):
# processor time an incident, and the rate their sum allows here.
"$GEN" 10000 2 --full > "$dir/stages.jsonl"
"$top/$BUILD/tests/stages" "$dir/stages.jsonl" "$dir/stages.db" 10000 || exit 1
rm -f "$dir/stages.jsonl" "$dir/stages.db"*

# The first frame: the median of 5 starts (one start is at the mercy of the
# scheduler); the peak memory: the largest.
first() {
	for i in 1 2 3 4 5; do drive "$1" 120 40 'frame\nrss\nquit\n'; done > "$dir/first.out"
	echo "$(awk '/^frame/ { print $2 }' "$dir/first.out" | sort -n | sed -n 3p)" \
	     "$(awk '/^rss/ && $2 > r { r = $2 } END { print r }' "$dir/first.out")"
}
set -- $(first "$small"); f10=$1; r10=$2
set -- $(first "$big"); fN=$1; rN=$2
figure "first frame, 10 incidents" "$f10" "ms" "< 30"
figure "first frame, N incidents" "$fN" "ms" "< 30"
figure "first frame ratio N/10" "$(awk -v a="$fN" -v b="$f10" 'BEGIN { printf "%.2f", a / b }')" "x" "< 1.5"
figure "peak RSS, 10 incidents" "$(awk -v k="$r10" 'BEGIN { printf "%.1f", k / 1024 }')" "MB" "< 24"
figure "peak RSS, N incidents" "$(awk -v k="$rN" 'BEGIN { printf "%.1f", k / 1024 }')" "MB" "< 24"

script='frame\nkey down\nkey down\nkey pgdn\nkey end\nkey home\n'
script="${script}key s\nkey s\nkey s\nkey s\nkey s\nkey s\nkey s\nkey s\n"
script="${script}key f\ntext force:psni\nkey enter\nkey f\nkey \025\nkey enter\n"
script="${script}key /\ntext laptop\nkey enter\nkey n\n"
script="${script}key enter\nkey esc\nkey space\nkey space\nkey c\nkey esc\nidle 5\nrss\nquit\n"
drive "$big" 120 40 "$script" > "$dir/drive.out"
pick() { awk -v n="$1" -v k="$2" '$1 == "key" && $2 == k { c++; if (c == n) { print $3; exit } }' "$dir/drive.out"; }
figure "cursor move (down)" "$(pick 2 down)" "ms" "< 2"
# Rows differ in how much they colour, so the bytes of a move are taken
# over 20 moves: their mean, and the largest.
{ echo frame; for i in $(seq 20); do echo "key down"; done; echo quit; } |
	"$PTY" 120 40 "$BD" --db "$big" > "$dir/moves.out" 2>&1
figure "bytes for one cursor move (mean)" \
	"$(awk '$1 == "key" { s += $4; n++ } END { printf "%.0f", s / n }' "$dir/moves.out")" "bytes" "< 396 (1.5 x 264)"
figure "bytes for one cursor move (max)" \
	"$(awk '$1 == "key" && $4 > m { m = $4 } END { print m }' "$dir/moves.out")" "bytes" "-"
figure "page down" "$(pick 1 pgdn)" "ms" "< 50"
figure "jump to end" "$(pick 1 end)" "ms" "< 50"
figure "jump to start" "$(pick 1 home)" "ms" "< 50"
for i in 1 2 3 4 5 6 7 8; do
	figure "sort step $i (s)" "$(pick "$i" s)" "ms" "< 50"
done
figure "filter force:psni" "$(pick 1 enter)" "ms" "< 50"
figure "clear filter" "$(pick 2 enter)" "ms" "< 50"
figure "search (FTS5) laptop" "$(pick 3 enter)" "ms" "< 50"
figure "search next (n)" "$(pick 1 n)" "ms" "< 50"
figure "open drill-down" "$(pick 4 enter)" "ms" "< 50"
figure "open compare" "$(pick 1 c)" "ms" "< 50"
# The hard case for a filter: its matches all at the far end of the order
# (PSNI sorted by force, A to Z).
drive "$big" 120 40 'frame\nkey s\nkey f\ntext force:psni\nkey enter\nkey pgdn\nquit\n' > "$dir/cluster.out"
figure "filter force:psni, sorted by force" \
	"$(awk '$1 == "key" && $2 == "enter" { print $3 }' "$dir/cluster.out")" "ms" "< 50"
figure "... then page down" "$(awk '$1 == "key" && $2 == "pgdn" { print $3 }' "$dir/cluster.out")" "ms" "< 50"
# The breakdown counts once per filter (a pass over the rows), then a cursor
# move reads nothing: measured on 10,000 incidents, beside the overview's
# move on the same store.
mid="$dir/mid.db"
build_store 10000 "$mid"
drive "$mid" 120 40 'frame\nkey down\nkey down\nkey 4\nkey down\nkey down\nkey 5\nquit\n' > "$dir/bd.out"
mpick() { awk -v n="$1" -v k="$2" '$1 == "key" && $2 == k { c++; if (c == n) { print $3; exit } }' "$dir/bd.out"; }
figure "open breakdown, 10,000 incidents" "$(mpick 1 4)" "ms" "-"
figure "cursor move, overview, 10,000" "$(mpick 2 down)" "ms" "< 2"
figure "cursor move, breakdown, 10,000" "$(mpick 4 down)" "ms" "< 2"
figure "open trends, 10,000 incidents" "$(mpick 1 5)" "ms" "-"
figure "CPU while idle 5 s" "$(awk '/^idle/ { print $2 }' "$dir/drive.out")" "ticks" "0"
figure "peak RSS after session, N" "$(awk '/^rss/ { printf "%.1f", $2 / 1024 }' "$dir/drive.out")" "MB" "< 24"

# Listings are one pass over the rows, linear in N: each command over the
# big store and over one of N/10, and the ratio of their times (about 10
# when linear; a quadratic cost shows as about 100).
tenth="$dir/tenth.db"
build_store $((N / 10)) "$tenth"
wall() { # DB command...: the second of two runs, so that both stores are
	# read from the page cache and the ratio is of the work, not the disk
	db=$1
	shift
	"$BD" --db "$db" "$@" > /dev/null 2>&1
	start=$(date +%s%N)
	"$BD" --db "$db" "$@" > /dev/null || echo "bench: $* failed" >&2
	end=$(date +%s%N)
	ms "$start" "$end"
}
for c in "list --format tsv" "export --format json" "report"; do
	# shellcheck disable=SC2086 # the command's words
	a=$(wall "$tenth" $c)
	# shellcheck disable=SC2086
	b=$(wall "$big" $c)
	figure "$c, N/10" "$a" "ms" "-"
	figure "$c, N" "$b" "ms" "-"
	figure "$c, ratio N to N/10" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", (a > 0 ? b / a : 0) }')" "x" "~10"
done
[ -n "${BENCH_DIR:-}" ] || rm -rf "$dir"
