# The layers keep to their parts: only core's store and query modules
# (core/store*.c, core/query*.c and their private header store_db.h) talk
# to SQLite; nothing else calls sqlite3_ or includes sqlite3.h, and tui/
# never does.
. "$BD_TOP/tests/lib.sh"

cd "$BD_TOP" || exit 1
found=$(grep -ln 'sqlite3_\|sqlite3\.h' core/*.c core/*.h tui/*.c tui/*.h cli/*.c cli/*.h |
	grep -v '^core/store[^/]*\.[ch]$' | grep -v '^core/query[^/]*\.c$')
if [ -z "$found" ]; then
	ok "no SQLite outside core's store and query modules"
else
	not_ok "no SQLite outside core's store and query modules" $found
fi
if grep -ln 'sqlite3' tui/*.c tui/*.h >/dev/null; then
	not_ok "tui/ talks no SQL" "$(grep -ln 'sqlite3' tui/*.c tui/*.h)"
else
	ok "tui/ talks no SQL"
fi
if grep -n 'OFFSET' core/*.c | grep -v '^[^:]*:[0-9]*:\s*/\?\*' >/dev/null; then
	not_ok "no OFFSET in core's queries" "$(grep -n 'OFFSET' core/*.c)"
else
	ok "no OFFSET in core's queries"
fi
