#!/bin/sh
# make fuzz: runs each libFuzzer target (built into $FUZZ_BUILD by make
# fuzz-build) for FUZZ_SECONDS, from its seed corpus tests/fuzz/corpus/T and
# the saved crash inputs tests/fuzz/regress/T, growing a working corpus in
# $FUZZ_BUILD/corpus/T. Prints executions per target; fails if any target
# found a crash, whose input is then in $FUZZ_BUILD/artifacts/T/. Fix it,
# then copy that input to tests/fuzz/regress/T/ so that make test replays it.
#
#   FUZZ_SECONDS=60  time per target      FUZZ_JOBS=1  parallel runs per target
#   FUZZ_ARGS=...    more libFuzzer flags
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
B=${FUZZ_BUILD:-build-fuzz}
S=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
export BD_TOP="$top"
# Leaks count as failures; a sanitizer report stops the run.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

max_len() {
	case $1 in
	native | veris) echo 65536 ;;
	filter) echo 4096 ;;
	*) echo 8192 ;;
	esac
}
dict() {
	case $1 in
	native | veris) echo "-dict=tests/fuzz/dict/json.dict" ;;
	filter) echo "-dict=tests/fuzz/dict/filter.dict" ;;
	esac
}

failed=0
summary=
for t in "$@"; do
	bin="$B/fuzz_$t"
	[ -x "$bin" ] || { echo "fuzz: no $bin (make fuzz-build)"; failed=1; continue; }
	mkdir -p "$B/corpus/$t" "$B/artifacts/$t" "$B/logs"
	log="$B/logs/$t.log"
	echo "fuzz_$t: ${S}s, -max_len=$(max_len "$t") (log: $log)"
	touch "$B/artifacts/$t/.start"
	par=
	[ "$jobs" -gt 1 ] && par="-jobs=$jobs -workers=$jobs"
	# shellcheck disable=SC2046
	"$bin" -max_total_time="$S" -max_len="$(max_len "$t")" -timeout=30 -rss_limit_mb=3072 \
		-print_final_stats=1 -artifact_prefix="$B/artifacts/$t/" $(dict "$t") \
		$par ${FUZZ_ARGS:-} \
		"$B/corpus/$t" "tests/fuzz/corpus/$t" "tests/fuzz/regress/$t" >"$log" 2>&1
	status=$?
	# With -jobs the runs log to fuzz-N.log in the working directory.
	for l in fuzz-[0-9]*.log; do [ -f "$l" ] && cat "$l" >>"$log" && rm -f "$l"; done
	execs=$(grep -h '^stat::number_of_executed_units' "$log" | awk '{ s += $2 } END { print s + 0 }')
	rate=$(grep -h '^stat::average_exec_per_sec' "$log" | awk '{ s += $2 } END { print s + 0 }')
	units=$(ls "$B/corpus/$t" | wc -l)
	new=$(find "$B/artifacts/$t" -type f -newer "$B/artifacts/$t/.start" ! -name .start)
	crashes=$(printf '%s' "$new" | grep -c .)
	line="fuzz_$t: $S s, $execs executions ($rate/s), corpus $units, crash inputs $crashes, exit $status"
	echo "  $line"
	summary="$summary$line
"
	if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
		failed=1
		grep -h -A25 'ERROR: \|fuzz oracle:\|runtime error' "$log" | head -40 | sed 's/^/    /'
		echo "    inputs: $(printf '%s' "$new" | tr '\n' ' ')"
		echo "    fix, then copy the input to tests/fuzz/regress/$t/"
	fi
done
printf '\n%s' "$summary"
exit $failed
