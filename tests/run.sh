#!/bin/sh
# Runs every test — cmocka unit tests, CLI tests, terminal tests — and ends
# with one line "N passed, N failed, N skipped". Each test program speaks TAP
# ("ok" / "not ok" lines; "ok ... # SKIP why" is a skip, not a pass); a
# program that crashes or prints no result counts as a failure, so a run that
# tested nothing cannot pass. Without tmux each terminal test file counts as
# one skip; with REQUIRE_TMUX=1 (CI) it is a failure instead.
# ONLY=WORD runs only the test programs whose path contains WORD (make test
# ONLY=veris), for working on one part.
BUILD=${BUILD:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
export BD_TOP="$top" BD_BIN="$top/$BUILD/breachdash" BD_BUILD="$top/$BUILD"
export BREACHDASH_DATA="$top/tests/fixtures/data"      # see tests/lib.sh
pass=0
fail=0
skip=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_one() {
	name=$1; shift
	"$@" >"$log" 2>&1
	status=$?
	s=$(grep -ci '^ok .*# *skip' "$log")
	p=$(($(grep -c '^ok ' "$log") - s))
	f=$(grep -c '^not ok ' "$log")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $status" >>"$log"
	fi
	if [ $((p + f + s)) -eq 0 ]; then
		f=1
		echo "not ok - $name reported no results" >>"$log"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
	if [ "$f" -gt 0 ]; then
		echo "FAIL $name ($p passed, $f failed, $s skipped)"
		grep -v '^ok ' "$log" | sed 's/^/    /' | head -60
	elif [ "$s" -gt 0 ]; then
		echo "ok   $name ($p passed, $s skipped)"
		grep -i '^ok .*# *skip' "$log" | sed 's/^/    /'
	else
		echo "ok   $name ($p)"
	fi
}

for t in "$top/$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	case $t in *"${ONLY:-}"*) ;; *) continue ;; esac
	CMOCKA_MESSAGE_OUTPUT=TAP run_one "unit/$(basename "$t")" "$t"
done
for t in "$top"/tests/cli/*.sh "$top"/tests/tui/*.sh; do
	[ -f "$t" ] || continue
	case $t in */lib.sh) continue ;; esac
	case $t in *"${ONLY:-}"*) ;; *) continue ;; esac
	case $t in */tui/*)
		if ! command -v tmux >/dev/null 2>&1; then
			if [ "${REQUIRE_TMUX:-}" = 1 ]; then
				echo "FAIL $t: no tmux, and REQUIRE_TMUX=1"; fail=$((fail + 1))
			else
				echo "skip $t: no tmux (apt-get install tmux)"; skip=$((skip + 1))
			fi
			continue
		fi ;;
	esac
	run_one "$(basename "$(dirname "$t")")/$(basename "$t")" sh "$t"
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
