# A bulk load into a store no one else has open is written once, in
# rollback-journal mode (store.c, leave_wal), and still lands whole or not
# at all: a bad record, a kill at any point, leave the store as it was,
# in WAL mode, with no journal or other file left beside it. With a reader
# open, the load stays in WAL and works as before.
. "$BD_TOP/tests/lib.sh"
. "$BD_TOP/tests/hostile_lib.sh"
GEN="$BD_BUILD/tests/gen"
N=6000
"$GEN" $N 5 --full >"$T/big.jsonl"        # about 19 MB: a bulk load
"$BD" --db "$T/base.db" list >/dev/null
"$BD" --db "$T/base.db" export >"$T/before.json"
mode() { sqlite3 "$1" 'PRAGMA journal_mode' 2>&1; }
beside() { ls "$(dirname "$1")" | grep -F "$(basename "$1")" | grep -v -e '-wal$' -e '-shm$' | tr '\n' ' '; }

mkdir "$T/ok"
cp "$T/base.db" "$T/ok/s.db"
check "a bulk load succeeds" 0 "$BD" --db "$T/ok/s.db" import "$T/big.jsonl"
contains "... all new" "$T/out" "$N new"
is "... every incident is there" "$(store_count "$T/ok/s.db")" $((7 + N))
is "... the store is in WAL mode again" "$(mode "$T/ok/s.db")" wal
is "... and sound" "$(sqlite3 "$T/ok/s.db" 'PRAGMA integrity_check')" ok
is "... with nothing else beside it" "$(beside "$T/ok/s.db")" "s.db "
is "... the text index has every incident" \
	"$(sqlite3 "$T/ok/s.db" "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'synthetic'")" $N
"$BD" --db "$T/ok/s.db" export >"$T/after.json"

# A bad last record: nothing is imported.
mkdir "$T/bad"
cp "$T/base.db" "$T/bad/s.db"
cp "$T/big.jsonl" "$T/bad.jsonl"
echo '{"id":"Not A Slug"}' >>"$T/bad.jsonl"
check "a bulk load with a bad record fails" 1 "$BD" --db "$T/bad/s.db" import "$T/bad.jsonl"
contains "... saying nothing was imported" "$T/err" "nothing was imported"
"$BD" --db "$T/bad/s.db" export >"$T/bad.json"
same "... the store is as it was" "$T/before.json" "$T/bad.json"
is "... in WAL mode" "$(mode "$T/bad/s.db")" wal
is "... with no journal or temporary file left" "$(beside "$T/bad/s.db")" "s.db "

# Killed at several points: as it was, or whole; the next opening rolls a
# half load back from the journal.
start=$(date +%s%N)
cp "$T/base.db" "$T/timing.db"
"$BD" --db "$T/timing.db" import "$T/big.jsonl" >/dev/null 2>&1
took=$((($(date +%s%N) - start) / 1000000))
old=0 new=0
for i in 1 2 3 4 5; do
	ms=$((took * i / 5))
	mkdir "$T/k$i"
	cp "$T/base.db" "$T/k$i/s.db"
	"$BD" --db "$T/k$i/s.db" import "$T/big.jsonl" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	"$BD" --db "$T/k$i/s.db" export >"$T/k.json" 2>"$T/err"
	c=$(store_count "$T/k$i/s.db")
	if [ "$c" = 7 ]; then
		old=$((old + 1))
		same "killed after $ms ms: as it was" "$T/before.json" "$T/k.json"
	elif [ "$c" = $((7 + N)) ]; then
		new=$((new + 1))
		same "killed after $ms ms: whole" "$T/after.json" "$T/k.json"
	else
		not_ok "killed after $ms ms: as it was or whole" "$c incidents" "$(cat "$T/err")"
	fi
	is "... sound" "$(sqlite3 "$T/k$i/s.db" 'PRAGMA integrity_check')" ok
	is "... in WAL mode, nothing beside it" "$(mode "$T/k$i/s.db") $(beside "$T/k$i/s.db")" "wal s.db "
done
echo "# SIGKILL: $old runs left the store as it was, $new whole (the load takes $took ms)"

# A reader holds the store open: the load stays in WAL, and lands.
mkdir "$T/read"
cp "$T/base.db" "$T/read/s.db"
(echo 'BEGIN; SELECT count(*) FROM incident;'; sleep 3; echo 'COMMIT;') |
	sqlite3 "$T/read/s.db" >/dev/null 2>&1 &
reader=$!
sleep 0.5
check "a bulk load beside a reader succeeds" 0 "$BD" --db "$T/read/s.db" import "$T/big.jsonl"
wait "$reader"
is "... every incident is there" "$(store_count "$T/read/s.db")" $((7 + N))
is "... in WAL mode" "$(mode "$T/read/s.db")" wal
