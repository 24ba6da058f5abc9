# The fuzz targets (tests/fuzz/fuzz_*.c) built with the flags of this build
# (so under ASan and UBSan in make check) and run over their seed corpus and
# every input a fuzzer once failed on (tests/fuzz/regress/TARGET/): each
# crash found stays fixed. The oracles of tests/fuzz/fuzz.h run too.
. "$BD_TOP/tests/lib.sh"
for t in native veris filter text; do
	bin="$BD_BUILD/tests/replay_$t"
	if [ ! -x "$bin" ]; then
		not_ok "replay_$t is built" "no $bin"
		continue
	fi
	for dir in corpus regress; do
		d="$TOP/tests/fuzz/$dir/$t"
		files=$(find "$d" -type f 2>/dev/null | wc -l)
		if [ "$files" -eq 0 ]; then
			ok "# SKIP fuzz_$t: no $dir inputs"
			continue
		fi
		(cd "$T" && "$bin" "$d") >"$T/out" 2>"$T/err"
		got=$?
		passed=$(grep -c '^ok ' "$T/out")
		if [ "$got" -eq 0 ] && [ "$passed" -eq "$files" ]; then
			ok "fuzz_$t: all $files $dir inputs replay cleanly"
		else
			not_ok "fuzz_$t: all $files $dir inputs replay cleanly" \
				"status $got, $passed passed; last: $(grep '^ok ' "$T/out" | tail -1)" \
				"$(grep -v '^ok ' "$T/err" | head -12)"
		fi
	done
done
