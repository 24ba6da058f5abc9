# Hostile files: very deep nesting, huge strings and numbers, duplicate
# keys, NUL bytes, byte-order marks, a 1 GB file of zeros, a big file of
# garbage lines. Each gets a clear error (exit status 1), memory stays
# bounded (peak RSS from /usr/bin/time when installed, else from the
# kernel), nothing crashes and the store is left as it was. The 1 GB file of
# garbage lines is in tests/stress.sh (make stress).
. "$BD_TOP/tests/lib.sh"
. "$BD_TOP/tests/hostile_lib.sh"
DB="$T/store.db"
"$BD" --db "$DB" list >/dev/null 2>&1
DATA="$TOP/tests/fixtures/data/incidents.json"

# Under AddressSanitizer (make check) freed memory is held back in a
# quarantine of 256 MB, which a peak RSS would count; a small one keeps the
# figure about the program. No effect on an uninstrumented build.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=4"

# peak CMD...: runs CMD (output in $T/out, $T/err), its peak RSS in KiB in
# $peak (0 when it cannot be measured), its status in $got.
if [ -x /usr/bin/time ]; then
	peak() {
		/usr/bin/time -f '%M' -o "$T/rss" "$@" >"$T/out" 2>"$T/err"
		got=$?
		peak=$(tail -1 "$T/rss" | tr -dc 0-9)
		peak=${peak:-0}
	}
else
	peak() {
		"$@" >"$T/out" 2>"$T/err"
		got=$?
		peak=0
	}
fi

# hostile DESC FILE MAX_MB MESSAGE [import|validate]: a clear error within
# MAX_MB of memory, without a crash, and the store untouched.
hostile() {
	_desc=$1 _file=$2 _max=$3 _msg=$4 _cmd=${5:-import}
	if [ "$_cmd" = import ]; then
		peak "$BD" --db "$DB" import "$_file"
	else
		peak "$BD" validate "$_file"
	fi
	if [ "$got" -eq 1 ]; then ok "$_desc: $_cmd fails with 1"; else
		not_ok "$_desc: $_cmd fails with 1" "exit status $got" "$(head -3 "$T/err")"; fi
	contains "... saying: $_msg" "$T/err" "$_msg"
	if [ "$peak" -eq 0 ]; then
		ok "# SKIP ... peak memory: no /usr/bin/time"
	elif [ "$peak" -le $((_max * 1024)) ]; then
		ok "... in bounded memory (peak $((peak / 1024)) MB, at most $_max)"
	else
		not_ok "... in bounded memory" "peak $((peak / 1024)) MB, more than $_max"
	fi
	clean_bytes "... with clean messages" "$T/err"
}

# ---- nesting ----
perl -e 'print "[" x 100000, "]" x 100000' >"$T/deep.json"
hostile "100,000 nested arrays" "$T/deep.json" 64 "maximum parsing depth"
perl -e 'print "{\"schema\":\"breachdash/1\",\"incidents\":[", "[" x 100000, "]" x 100000, "]}"' >"$T/deep2.json"
hostile "100,000 nested arrays inside incidents" "$T/deep2.json" 64 "maximum parsing depth" validate
perl -e 'print "{\"a\":" x 100000, "1", "}" x 100000, "\n"' >"$T/deep.jsonl"
hostile "100,000 nested objects on a JSON Lines line" "$T/deep.jsonl" 64 "maximum parsing depth"
perl -e 'print "{\"schema_version\":\"1.3.4\",\"incident_id\":\"x\",\"plus\":", "[" x 100000, "]" x 100000, "}"' >"$T/deep-veris.json"
hostile "100,000 nested arrays in a VERIS record" "$T/deep-veris.json" 64 "not valid JSON: maximum parsing depth"
contains "... which is skipped" "$T/out" "1 skipped"

# ---- huge strings ----
perl -e 'print "{\"schema\":\"breachdash/1\",\"incidents\":[{\"id\":\"big\",\"title\":\"", "A" x 50000000, "\"}]}"' >"$T/bigstr.json"
hostile "a 50 MB title" "$T/bigstr.json" 600 'title: too long: 50000000 bytes, at most 4096'
perl -e 'print "{\"id\":\"big\",\"title\":\"", "A" x 20000000, "\"}\n"' >"$T/bigline.jsonl"
hostile "a 20 MB JSON Lines line" "$T/bigline.jsonl" 64 "line is longer than 16777216 bytes"
rm -f "$T/bigstr.json" "$T/bigline.jsonl"

# ---- numbers ----
count() {  # FILE VALUE: the bundled data with the PSNI count replaced
	sed "s/\"count\": 9483,/\"count\": $2,/" "$DATA" >"$1"
}
count "$T/n1.json" 1e400
hostile "a count of 1e400" "$T/n1.json" 64 "real number overflow"
count "$T/n2.json" 99999999999999999999999
hostile "a count of 99999999999999999999999" "$T/n2.json" 64 "too big integer"
count "$T/n3.json" 1e308
hostile "a count of 1e308 (a real)" "$T/n3.json" 64 'expected a non-negative integer or null, got 1e+308'
count "$T/n4.json" -1
hostile "a count of -1" "$T/n4.json" 64 "expected a non-negative integer"
count "$T/n5.json" 9223372036854775807
check "a count of 2^63-1 is valid" 0 "$BD" validate "$T/n5.json"
cp "$TOP/tests/fuzz/regress/native/report-sum-overflow.jsonl" "$T/max.jsonl"
check "two incidents counting 2^63-1 people and fined £2^63-1 import" 0 "$BD" --db "$T/max.db" import "$T/max.jsonl"
check "... and their report sums without wrapping round (it went negative)" 0 "$BD" --db "$T/max.db" report
lacks "... no negative total" "$T/out" "-9,"
contains "... the total stops at the largest count" "$T/out" "9,223,372,036,854,775,807"

# ---- keys, NUL, BOM ----
sed 's/"count": 9483,/"count": 9483, "count": 1,/' "$DATA" >"$T/dup.json"
hostile "a duplicate key" "$T/dup.json" 64 "duplicate object key"
sed 's/"id": "met-2023-08-supplier"/"id": "psni-2023-08-foi-spreadsheet"/' "$DATA" >"$T/dupid.json"
hostile "a duplicate id" "$T/dupid.json" 64 'is already used by $.incidents['
head -c 2000 "$DATA" >"$T/nul.json"
printf '\000\000' >>"$T/nul.json"
tail -c +2001 "$DATA" >>"$T/nul.json"
hostile "NUL bytes in a document" "$T/nul.json" 64 "file contains NUL bytes"
printf '\000{"id": "x"}\n' >"$T/nul.jsonl"
hostile "NUL bytes on a JSON Lines line" "$T/nul.jsonl" 64 "line contains NUL bytes"
sed 's/"title": "PSNI publishes/"title": "PSNI\\u0000publishes/' "$DATA" >"$T/nulesc.json"
hostile "an escaped NUL (\\u0000) in a string" "$T/nulesc.json" 64 "is not allowed"
printf '\357\273\277' | cat - "$DATA" >"$T/bom.json"
hostile "a byte-order mark" "$T/bom.json" 64 "byte-order mark"
printf '\357\273\277' | cat - "$TOP/tests/fixtures/veris/supplier-hack.json" >"$T/bom-veris.json"
hostile "a byte-order mark on a VERIS file" "$T/bom-veris.json" 64 "byte-order mark" import
printf '"\\ud800"' >"$T/surrogate.json"
hostile "a lone surrogate escape" "$T/surrogate.json" 64 "invalid Unicode"
printf '{"schema": "breachdash/1", "incidents": [{"id": "\377\376"}]}' >"$T/latin1.json"
hostile "invalid UTF-8 in the file" "$T/latin1.json" 64 "unable to decode byte"
: >"$T/empty.json"
hostile "an empty file" "$T/empty.json" 64 "'[' or '{' expected"

# ---- a 1 GB file of zeros (sparse: no disk used) ----
truncate -s 1G "$T/zeros.json"
hostile "1 GB of zeros named .json" "$T/zeros.json" 64 "file is larger than 268435456 bytes"
hostile "... validate" "$T/zeros.json" 64 "file is larger than 268435456 bytes" validate
mv "$T/zeros.json" "$T/zeros.jsonl"
hostile "1 GB of zeros named .jsonl (one line, no newline)" "$T/zeros.jsonl" 64 "line is longer than 16777216 bytes"
check "1 GB of zeros as VERIS" 1 "$BD" --db "$DB" import --format veris "$T/zeros.jsonl"
contains "... is too large" "$T/err" "file is larger than 16777216 bytes"
rm -f "$T/zeros.jsonl"

# ---- 30 MB of garbage lines ----
perl -e 'srand(7); my $l = ""; for (1..20000) { $l .= join("", map { chr(32 + int(rand(95))) } 1..60) . "\n" } print $l x 25' >"$T/garbage.jsonl"
hostile "30 MB of garbage JSON Lines" "$T/garbage.jsonl" 64 "500000 problems found; nothing was imported"
contains "... each line placed" "$T/err" "garbage.jsonl:1:1: \$:"
contains "... the first thousand listed, the rest counted" "$T/err" "... and 499000 more problems"
rm -f "$T/garbage.jsonl"

is "the store is as it was after all of them" "$(store_count "$DB")" 7
is "... and sound" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
