# Shell helpers for CLI and terminal tests; they print TAP lines.
# Every test gets a private HOME, store and TZ so nothing leaks between runs.
set -u
BD=${BD_BIN:?run through tests/run.sh}
TOP=${BD_TOP:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8 NO_COLOR=
unset BREACHDASH_DB XDG_DATA_HOME XDG_CONFIG_HOME
# The tests read a fixed copy of the record (the seven incidents of summer
# 2023), so the bundled record can grow without moving every golden screen;
# tests/cli/record.sh and the dataset unit test check the bundled one.
export BREACHDASH_DATA="$TOP/tests/fixtures/data"
mkdir -p "$HOME"
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }

# check DESC EXPECTED-STATUS CMD... : runs CMD, output in $T/out and $T/err
check() {
	desc=$1; want=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$desc"; else
		not_ok "$desc" "exit status $got, expected $want" "$(head -5 "$T/err")"; fi
}

# contains DESC FILE TEXT : FILE has a line containing TEXT (fixed string)
contains() {
	if grep -qF -- "$3" "$2"; then ok "$1"; else
		not_ok "$1" "no line with: $3" "$(head -5 "$2")"; fi
}

lacks() {
	if grep -qF -- "$3" "$2"; then not_ok "$1" "unexpected line with: $3"; else ok "$1"; fi
}

# same DESC FILE1 FILE2 : identical files
same() {
	if cmp -s "$2" "$3"; then ok "$1"; else
		not_ok "$1" "$(diff "$2" "$3" | head -10)"; fi
}

# is DESC GOT WANT: two strings are equal.
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:      $2" "expected: $3"; fi
}

# golden_cmd NAME CMD...: the command exits 0 and its stdout equals
# tests/cli/golden/NAME; UPDATE_GOLDEN=1 rewrites the file (review it).
golden_cmd() {
	name=$1; shift
	"$@" >"$T/got" 2>"$T/err"
	status=$?
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$T/got" "$TOP/tests/cli/golden/$name"; fi
	if [ "$status" -ne 0 ]; then not_ok "$name: exit status $status" "$(head -3 "$T/err")"
	elif cmp -s "$T/got" "$TOP/tests/cli/golden/$name"; then ok "$name matches its golden file"
	else not_ok "$name matches its golden file" "$(diff "$TOP/tests/cli/golden/$name" "$T/got" | head -10)"; fi
}
