#!/bin/sh
# make valgrind: every command of the command line, and a scripted dashboard
# session in tmux, under valgrind (memcheck). Any invalid read or write,
# use of an uninitialised value, or leak (definite, indirect or possible)
# fails. Slow, so not part of make test. Prints TAP lines and a summary.
BUILD=${BUILD:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
export BD_TOP="$top" BD_BIN="$top/$BUILD/breachdash" BD_BUILD="$top/$BUILD"
. "$top/tests/lib.sh"
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
VG="valgrind --quiet --error-exitcode=99 --suppressions=$top/tests/valgrind.supp --leak-check=full --show-leak-kinds=definite,indirect,possible
	--errors-for-leak-kinds=definite,indirect,possible --track-origins=yes --num-callers=30"
DB="$T/store.db"
H="$TOP/tests/fixtures/hostile"
failed=0

# vg DESC STATUS ARGS...: breachdash ARGS under valgrind exits STATUS, and
# valgrind found nothing.
vg() {
	desc=$1 want=$2
	shift 2
	# shellcheck disable=SC2086
	$VG --log-file="$T/vg.log" "$BD" "$@" >"$T/out" 2>"$T/err" </dev/null
	got=$?
	if [ "$got" -eq 99 ] || [ -s "$T/vg.log" ]; then
		not_ok "$desc: valgrind is clean" "$(grep -v '^==[0-9]*== *$' "$T/vg.log" | head -30)"
		failed=1
	elif [ "$got" -ne "$want" ]; then
		not_ok "$desc: exit status $want" "got $got" "$(head -3 "$T/err")"
		failed=1
	else
		ok "$desc"
	fi
}

vg "list on a new store (creates and seeds it)" 0 --db "$DB" list
vg "list --format json" 0 --db "$DB" list --format json
vg "list --filter" 0 --db "$DB" list --filter 'nation:"northern ireland" field:surname -kind:theft affected>10 psni'
vg "list --format tsv --sort affected --reverse" 0 --db "$DB" list --format tsv --sort affected --reverse
vg "show" 0 --db "$DB" show psni-2023-08-foi-spreadsheet
vg "show --format md --ascii" 0 --db "$DB" --ascii show met-2023-08-supplier --format md
vg "show --format json" 0 --db "$DB" show met-2023-08-supplier --format json
vg "show of a missing id" 1 --db "$DB" show no-such-incident
vg "compare" 0 --db "$DB" compare psni-2023-08-foi-spreadsheet met-2023-08-supplier
vg "compare --format md, four" 0 --db "$DB" compare --format md $("$BD" --db "$DB" list --format tsv | cut -f1 | sed -n 2,5p)
vg "report" 0 --db "$DB" report
vg "report --format txt" 0 --db "$DB" report --format txt
vg "export --format json" 0 --db "$DB" export --format json
vg "export --format csv" 0 --db "$DB" export --format csv
vg "export --format md --filter" 0 --db "$DB" export --format md --filter ico:fine
vg "validate the bundled data" 0 validate "$TOP/data/incidents.json"
vg "validate a file full of problems" 1 validate "$H/native-c0.json"
"$BD_BUILD/tests/gen" 300 9 >"$T/gen.jsonl"
vg "import JSON Lines" 0 --db "$DB" import "$T/gen.jsonl"
vg "import the same again (unchanged)" 0 --db "$DB" import "$T/gen.jsonl"
vg "import hostile native files" 0 --db "$DB" import "$H/native-bidi.json" "$H/native-extra.json"
vg "import a directory of VERIS files (some bad)" 1 --db "$DB" import "$TOP/tests/fixtures/veris"
vg "import VERIS --strict (a bad file aborts)" 1 --db "$DB" import --strict "$TOP/tests/fixtures/veris"
vg "import a hostile VERIS record" 0 --db "$DB" import "$H/veris-hostile.json"
vg "show the hostile VERIS record" 0 --db "$DB" show veris-hostile-veris-1
vg "import a native file with problems" 1 --db "$DB" import "$H/native-c0.json"
vg "a bad filter" 2 --db "$DB" list --filter 'kind:nonsense'
vg "a damaged store" 1 --db "$TOP/README.md" list
vg "--help" 0 --help

# The dashboard, in tmux: every view, a filter, a search, marks and compare,
# the help, quit. valgrind's log goes to a file; the pane shows the exit.
if command -v tmux >/dev/null; then
	SOCK="$T/tmux.sock"
	trap 'tmux -S "$SOCK" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
	tm() { tmux -S "$SOCK" "$@"; }
	# shellcheck disable=SC2086
	# Not quiet: the summary tells how much the suppression hid (one block,
	# libpanel's own, else a panel of ours leaked too).
	tm -f /dev/null new-session -d -s vg -x 120 -y 40 \
		"env TERM=screen-256color LC_ALL=C.UTF-8 $(echo $VG | sed 's/--quiet //') --log-file=$T/vg-ui.log $BD --db $DB; echo EXITED \$?; sleep 600"
	step() {  # wait for the screen to settle after keys (valgrind is slow)
		tm send-keys -t vg "$@"
		sleep "${PAUSE:-1.5}"
	}
	PAUSE=8 step ''
	step j j Enter
	for k in Tab Tab Tab Tab Tab Tab Tab BTab; do step "$k"; done
	step Escape 2 l l j
	step 3 j
	step 1 f
	tm send-keys -t vg -l 'force:psni'
	step Enter
	step f C-u Enter
	step /
	tm send-keys -t vg -l 'laptop'
	step Enter n N
	step g Space j Space c
	step d
	step Escape '?'
	step j Escape s S
	step q
	i=0
	while [ "$i" -lt 120 ] && ! tm capture-pane -p -t vg | grep -q EXITED; do sleep 0.5; i=$((i + 1)); done
	code=$(tm capture-pane -p -t vg | sed -n 's/^EXITED //p')
	tm kill-server
	hidden=$(sed -n 's/.*suppressed: [0-9,]* bytes in \([0-9,]*\) blocks.*/\1/p' "$T/vg-ui.log" | tail -1)
	if [ "$code" = 0 ] && [ "${hidden:-0}" -le 1 ] && ! grep -q 'ERROR SUMMARY: [1-9]' "$T/vg-ui.log"; then
		ok "a dashboard session (every view, filter, search, compare, help): valgrind is clean"
	else
		not_ok "a dashboard session: valgrind is clean, exit 0" "exit: ${code:-none}" \
			"suppressed blocks: ${hidden:-none}" "$(grep -v '^==[0-9]*== *$' "$T/vg-ui.log" | head -40)"
		failed=1
	fi
else
	ok "# SKIP the dashboard session: no tmux"
fi
echo "$n checks, $([ $failed -eq 0 ] && echo "all clean" || echo "FAILURES")"
exit $failed
