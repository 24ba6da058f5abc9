#!/bin/sh
# make stress: gigabyte inputs, too slow for make test (tests/cli/hostile.sh
# has the smaller versions). Each gets a clear error and exit status 1 in
# bounded memory (peak RSS by /usr/bin/time), without a crash, and the store
# stays as it was. Needs about 1.1 GB free in $TMPDIR (the garbage file; the
# files of zeros are sparse).
BUILD=${BUILD:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
export BD_TOP="$top" BD_BIN="$top/$BUILD/breachdash" BD_BUILD="$top/$BUILD"
. "$top/tests/lib.sh"
. "$top/tests/hostile_lib.sh"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
DB="$T/store.db"
"$BD" --db "$DB" list >/dev/null 2>&1
failed=0

# big DESC MAX_MB MESSAGE CMD...: a clear error within MAX_MB, no crash.
big() {
	desc=$1 max=$2 msg=$3
	shift 3
	start=$(date +%s)
	/usr/bin/time -f '%M' -o "$T/rss" "$@" >"$T/out" 2>"$T/err"
	got=$?
	secs=$(($(date +%s) - start))
	kb=$(tail -1 "$T/rss" | tr -dc 0-9)
	if [ "$got" -eq 1 ] && grep -qF -- "$msg" "$T/err" && [ "${kb:-0}" -le $((max * 1024)) ]; then
		ok "$desc: exit 1, \"$msg\", peak $((kb / 1024)) MB (at most $max), $secs s"
	else
		not_ok "$desc" "exit $got, peak $((${kb:-0} / 1024)) MB (at most $max), $secs s" "$(head -3 "$T/err")"
		failed=1
	fi
}

truncate -s 1G "$T/zeros.json"
big "import 1 GB of zeros (.json)" 64 "file is larger than" "$BD" --db "$DB" import "$T/zeros.json"
big "validate 1 GB of zeros (.json)" 64 "file is larger than" "$BD" validate "$T/zeros.json"
big "import --format veris 1 GB of zeros" 64 "file is larger than" "$BD" --db "$DB" import --format veris "$T/zeros.json"
mv "$T/zeros.json" "$T/zeros.jsonl"
big "import 1 GB of zeros (.jsonl: one line)" 64 "line is longer than" "$BD" --db "$DB" import "$T/zeros.jsonl"
big "validate 1 GB of zeros (.jsonl)" 64 "line is longer than" "$BD" validate "$T/zeros.jsonl"
rm -f "$T/zeros.jsonl"
# 1 GB of random printable garbage in 61-byte lines: 17.6 million problems.
perl -e 'srand(3); my $l = ""; for (1..100000) { $l .= join("", map { chr(32 + int(rand(95))) } 1..60) . "\n" } print $l x 176' >"$T/garbage.jsonl"
echo "# garbage: $(($(stat -c %s "$T/garbage.jsonl") / 1048576)) MB"
big "import 1 GB of garbage JSON Lines" 64 "problems found; nothing was imported" "$BD" --db "$DB" import "$T/garbage.jsonl"
big "validate 1 GB of garbage JSON Lines" 64 "problems found" "$BD" validate "$T/garbage.jsonl"
# 60 lines of 17 MB, each just over the limit of a line, between short ones.
rm -f "$T/garbage.jsonl"
perl -e 'for (1..60) { print "x" x 17000000, "\n", "{\"id\": \"x\"}\n" }' >"$T/long.jsonl"
echo "# long lines: $(($(stat -c %s "$T/long.jsonl") / 1048576)) MB"
big "import 1 GB of 17 MB lines" 64 "line is longer than 16777216 bytes" "$BD" --db "$DB" import "$T/long.jsonl"
rm -f "$T/long.jsonl"
# A document just under the limit: 250 MB in one string.
perl -e 'print "{\"schema\":\"breachdash/1\",\"incidents\":[{\"id\":\"big\",\"title\":\"", "A" x 250000000, "\"}]}"' >"$T/big.json"
big "import a 250 MB document (one string)" 1600 "too long: 250000000 bytes" "$BD" --db "$DB" import "$T/big.json"
rm -f "$T/big.json"
is "the store is as it was" "$(store_count "$DB")" 7
echo "$n checks, $([ $failed -eq 0 ] && echo "all passed" || echo "FAILURES")"
exit $failed
