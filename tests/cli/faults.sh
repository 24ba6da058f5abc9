# Faults around the store: an import killed (SIGKILL) at many points, a full
# disk, damaged, truncated and newer stores, read-only files and
# directories, a store locked by another writer, output that cannot be
# written. Each gives a clear message and exit status 1, never a crash, and
# the store is left as it was or fully imported, never half.
. "$BD_TOP/tests/lib.sh"
. "$BD_TOP/tests/hostile_lib.sh"
GEN="$BD_BUILD/tests/gen"
MET=met-2023-08-supplier
crashed() { [ "$got" -ge 128 ]; }
no_crash() {
	if crashed; then not_ok "$1: no crash" "status $got"; else ok "$1: no crash"; fi
}
sound() {  # DESC DB: integrity_check says ok
	is "$1" "$(sqlite3 "$2" 'PRAGMA integrity_check' 2>&1)" ok
}

# ---- SIGKILL during an import: before, or all of it, never half ----
N=2500
"$GEN" $N 11 >"$T/big.jsonl"
"$BD" --db "$T/base.db" list >/dev/null
sqlite3 "$T/base.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
"$BD" --db "$T/base.db" export >"$T/before.json"
cp "$T/base.db" "$T/full.db"
start=$(date +%s%N)
"$BD" --db "$T/full.db" import "$T/big.jsonl" >/dev/null 2>&1
took=$((($(date +%s%N) - start) / 1000000))
"$BD" --db "$T/full.db" export >"$T/after.json"
is "the whole import adds $N incidents" "$(store_count "$T/full.db")" $((7 + N))
old=0 new=0
for i in 0 1 2 3 4 5 6 7 8 9; do
	# from at once to just past the end of a full import
	ms=$((took * i / 8 + i))
	cp "$T/base.db" "$T/k.db"
	rm -f "$T/k.db-wal" "$T/k.db-shm"
	"$BD" --db "$T/k.db" import "$T/big.jsonl" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	sound "killed after $ms ms: the store is sound" "$T/k.db"
	c=$(store_count "$T/k.db")
	if [ "$c" = 7 ]; then
		old=$((old + 1))
		"$BD" --db "$T/k.db" export >"$T/k.json"
		same "... as it was before ($c incidents, the same export)" "$T/before.json" "$T/k.json"
	elif [ "$c" = $((7 + N)) ]; then
		new=$((new + 1))
		"$BD" --db "$T/k.db" export >"$T/k.json"
		same "... fully imported ($c incidents, the same export)" "$T/after.json" "$T/k.json"
	else
		not_ok "... as before or fully imported" "$c incidents: neither 7 nor $((7 + N))"
	fi
done
echo "# SIGKILL: $old runs left the store as it was, $new fully imported (import takes $took ms)"
check "a killed import can be run again" 0 "$BD" --db "$T/k.db" import "$T/big.jsonl"
is "... and lands whole" "$(store_count "$T/k.db")" $((7 + N))

# ---- a full disk ----
mkdir -p "$T/tiny"
if mount -t tmpfs -o size=2m tmpfs "$T/tiny" 2>/dev/null; then
	trap 'umount "$T/tiny" 2>/dev/null; rm -rf "$T"' EXIT
	check "a store on a 2 MB tmpfs is made" 0 "$BD" --db "$T/tiny/s.db" list
	sqlite3 "$T/tiny/s.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	"$BD" --db "$T/tiny/s.db" export >"$T/tiny-before.json"
	check "an import that fills the disk fails with 1" 1 "$BD" --db "$T/tiny/s.db" import "$T/big.jsonl"
	no_crash "... full disk"
	contains "... saying the disk is full" "$T/err" "disk is full"
	sound "... the store is sound" "$T/tiny/s.db"
	is "... and as it was" "$(store_count "$T/tiny/s.db")" 7
	"$BD" --db "$T/tiny/s.db" export >"$T/tiny-after.json"
	same "... the same export" "$T/tiny-before.json" "$T/tiny-after.json"
	# Exports to the full disk: the data fits, leave 40 KB.
	dd if=/dev/zero of="$T/tiny/filler" bs=4096 count=$(($(df -k --output=avail "$T/tiny" | tail -1) / 4 - 10)) 2>/dev/null
	check "an export that fills the disk fails with 1" 1 sh -c '"$1" --db "$2" export >"$3"' sh "$BD" "$T/tiny/s.db" "$T/tiny/out.json"
	contains "... saying why" "$T/err" "cannot write the output: No space left on device"
	rm -f "$T/tiny/out.json"
	dd if=/dev/zero of="$T/tiny/filler2" bs=4096 2>/dev/null
	check "a completely full disk: list fails with 1 (no room for the WAL index)" 1 "$BD" --db "$T/tiny/s.db" list
	no_crash "... list"
	contains "... saying the disk is full" "$T/err" "No space left on device"
	check "... an import fails with 1" 1 "$BD" --db "$T/tiny/s.db" import "$TOP/tests/fuzz/regress/native/report-sum-overflow.jsonl"
	no_crash "... import"
	contains "... saying the disk is full" "$T/err" "No space left on device"
	rm -f "$T/tiny/filler" "$T/tiny/filler2"
	sound "... once there is room again the store is sound" "$T/tiny/s.db"
	is "... and as it was" "$(store_count "$T/tiny/s.db")" 7
	umount "$T/tiny"
else
	for what in "an import that fills a 2 MB tmpfs" "an export onto a full tmpfs"; do
		ok "# SKIP $what: mount is not permitted here"
	done
fi
for c in list export report "show $MET" "list --format json" "compare $MET psni-2023-08-foi-spreadsheet"; do
	# shellcheck disable=SC2086
	check "$c >/dev/full fails with 1 (it said 0)" 1 sh -c '"$1" --db "$2" '"$c"' >/dev/full' sh "$BD" "$T/base.db"
	contains "... saying why" "$T/err" "cannot write the output: No space left on device"
done
check "list | head -1 on $((N + 7)) incidents ends without a message" 0 sh -c '"$1" --db "$2" list | head -1' sh "$BD" "$T/full.db"
if [ -s "$T/err" ]; then not_ok "... and nothing on stderr" "$(head -2 "$T/err")"; else ok "... and nothing on stderr"; fi
check "... also when SIGPIPE is ignored" 0 sh -c 'trap "" PIPE; "$1" --db "$2" list | head -1' sh "$BD" "$T/full.db"
if [ -s "$T/err" ]; then not_ok "... quietly" "$(head -2 "$T/err")"; else ok "... quietly"; fi

# ---- damaged stores ----
cp "$T/full.db" "$T/d.db"
size=$(stat -c %s "$T/d.db")
head -c $((size / 2)) "$T/d.db" >"$T/half.db"
head -c 100 "$T/d.db" >"$T/head.db"
cp "$T/d.db" "$T/holed.db"
dd if=/dev/urandom of="$T/holed.db" bs=4096 seek=$((size / 4096 / 2)) count=32 conv=notrunc 2>/dev/null
for db in half head holed; do
	for c in list "show $MET" export report "list --filter force:psni" "import $T/big.jsonl"; do
		# shellcheck disable=SC2086
		"$BD" --db "$T/$db.db" $c >"$T/out" 2>"$T/err"
		got=$?
		no_crash "$db store: $c"
	done
done
check "a store cut in half: list fails with 1" 1 "$BD" --db "$T/half.db" list
contains "... saying it is damaged" "$T/err" "the store is damaged (database disk image is malformed)"
check "... import fails with 1 too" 1 "$BD" --db "$T/half.db" import "$T/big.jsonl"
check "only the first 100 bytes: list fails with 1" 1 "$BD" --db "$T/head.db" list
contains "... saying it is damaged" "$T/err" "damaged"
check "32 pages of noise in the middle: list fails with 1" 1 "$BD" --db "$T/holed.db" list
contains "... saying it is malformed" "$T/err" "malformed"
check "... export fails with 1" 1 "$BD" --db "$T/holed.db" export

"$BD" --db "$T/v99.db" list >/dev/null
sqlite3 "$T/v99.db" 'PRAGMA user_version = 99'
for c in list "import $T/big.jsonl" export report; do
	# shellcheck disable=SC2086
	check "a store from a newer version: $c fails with 1" 1 "$BD" --db "$T/v99.db" $c
	contains "... saying it is newer" "$T/err" "store is version 99, newer than this breachdash reads"
done

# ---- read-only, for real: as an unprivileged user (root ignores modes) ----
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	chmod 755 "$T"
	mkdir "$T/ro" "$T/rodir"
	cp "$T/base.db" "$T/ro/s.db"
	cp "$T/base.db" "$T/rodir/s.db"
	chmod 777 "$T/ro"
	chmod 444 "$T/ro/s.db"
	chmod 555 "$T/rodir"
	chmod 644 "$T/rodir/s.db"
	chmod 644 "$T/big.jsonl"
	nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent "$@"; }
	check "a read-only store file (as nobody) lists" 0 nobody "$BD" --db "$T/ro/s.db" list
	contains "... the incidents" "$T/out" "$MET"
	check "... refuses an import with 1" 1 nobody "$BD" --db "$T/ro/s.db" import "$T/big.jsonl"
	contains "... saying it is read-only" "$T/err" "read-only"
	check "a store in a read-only directory (as nobody) lists" 0 nobody "$BD" --db "$T/rodir/s.db" list
	check "... refuses an import with 1" 1 nobody "$BD" --db "$T/rodir/s.db" import "$T/big.jsonl"
	contains "... saying it is read-only" "$T/err" "read-only"
	check "a new store in a read-only directory fails with 1" 1 nobody "$BD" --db "$T/rodir/new.db" list
	contains "... naming it" "$T/err" "$T/rodir/new.db"
	is "the read-only stores are untouched" "$(store_count "$T/ro/s.db") $(store_count "$T/rodir/s.db")" "7 7"
	chmod 755 "$T/rodir"
	chmod 700 "$T"
else
	ok "# SKIP read-only stores: not root, or no setpriv or nobody (store.sh tests them unprivileged)"
fi

# ---- a store locked by another writer ----
"$BD" --db "$T/lock.db" list >/dev/null
mkfifo "$T/fifo"
sqlite3 "$T/lock.db" <"$T/fifo" >"$T/sqlite.out" 2>&1 &
locker=$!
exec 3>"$T/fifo"
echo "BEGIN EXCLUSIVE; INSERT INTO tally VALUES ('lock', 1); SELECT 'locked';" >&3
i=0
while [ "$i" -lt 50 ] && ! grep -q locked "$T/sqlite.out"; do sleep 0.1; i=$((i + 1)); done
start=$(date +%s)
check "an import into a store another process is writing fails with 1" 1 \
	"$BD" --db "$T/lock.db" import "$TOP/tests/fuzz/regress/native/report-sum-overflow.jsonl"
waited=$(($(date +%s) - start))
contains "... saying the store is locked" "$T/err" "the store is locked: another process has been writing to it"
if [ "$waited" -ge 4 ] && [ "$waited" -le 15 ]; then ok "... after waiting for it (${waited} s)"
else not_ok "... after waiting for it" "waited $waited s, expected about 5"; fi
check "... while reading goes on (list exits 0)" 0 "$BD" --db "$T/lock.db" list
contains "... and lists" "$T/out" "$MET"
echo "ROLLBACK;" >&3
exec 3>&-
wait "$locker"
check "once the lock is gone the import works" 0 \
	"$BD" --db "$T/lock.db" import "$TOP/tests/fuzz/regress/native/report-sum-overflow.jsonl"
is "... and lands" "$(store_count "$T/lock.db")" 9
