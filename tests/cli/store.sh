# Where the store lives, and stores that cannot be used as they are.
. "$BD_TOP/tests/lib.sh"
MET=met-2023-08-supplier
DEFAULT="$HOME/.local/share/breachdash/incidents.db"
exists() {  # DESC FILE
	if [ -f "$2" ]; then ok "$1"; else not_ok "$1" "no file $2"; fi
}
absent() {  # FILE DESC
	if [ -e "$1" ]; then not_ok "$2" "$1 exists"; else ok "$2"; fi
}
# crashed: the last check ended by a signal (status 128 or more)
crashed() { [ "$got" -ge 128 ]; }

# ---- first run: where the store is made ----
check "--db PATH: first run creates the store, directories too" 0 "$BD" --db "$T/a/b/store.db" list
exists "... at PATH" "$T/a/b/store.db"
contains "... filled from the bundled data" "$T/out" "$MET"
check "--db=PATH works too" 0 "$BD" --db="$T/eq.db" show $MET
exists "... at PATH" "$T/eq.db"

check "BREACHDASH_DB" 0 env BREACHDASH_DB="$T/env.db" "$BD" list
exists "... creates the store there" "$T/env.db"
contains "... filled" "$T/out" "$MET"

check "XDG_DATA_HOME" 0 env XDG_DATA_HOME="$T/xdg" "$BD" list
exists "... creates \$XDG_DATA_HOME/breachdash/incidents.db" "$T/xdg/breachdash/incidents.db"
contains "... filled" "$T/out" "$MET"

check "neither: HOME" 0 "$BD" list
exists "... creates ~/.local/share/breachdash/incidents.db" "$DEFAULT"
contains "... filled" "$T/out" "$MET"
rm -f "$DEFAULT"*

# precedence: --db > BREACHDASH_DB > XDG_DATA_HOME > HOME; an import into
# one store must not show in the others
cat >"$T/one.jsonl" <<'EOF'
{"id": "test-where", "title": "Which store am I in", "organisation": {"force": "T", "short": "T"}, "nation": "wales", "kind": "loss", "affected": {"count": null, "qualifier": "unknown"}, "sources": [{"id": "a", "publisher": "P"}]}
EOF
rm -rf "$T/p" && mkdir -p "$T/p"
check "--db wins over BREACHDASH_DB and XDG_DATA_HOME" 0 \
	env BREACHDASH_DB="$T/p/env.db" XDG_DATA_HOME="$T/p/xdg" "$BD" --db "$T/p/flag.db" import "$T/one.jsonl"
exists "... the --db store is made" "$T/p/flag.db"
absent "$T/p/env.db" "... not the BREACHDASH_DB one"
absent "$T/p/xdg" "... nor the XDG one"
check "BREACHDASH_DB wins over XDG_DATA_HOME and HOME" 0 \
	env BREACHDASH_DB="$T/p/env.db" XDG_DATA_HOME="$T/p/xdg" "$BD" list
exists "... the BREACHDASH_DB store is made" "$T/p/env.db"
lacks "... and it is a different store" "$T/out" "test-where"
absent "$T/p/xdg" "... the XDG one is not made"
check "XDG_DATA_HOME wins over HOME" 0 env XDG_DATA_HOME="$T/p/xdg" "$BD" list
exists "... the XDG store is made" "$T/p/xdg/breachdash/incidents.db"
absent "$DEFAULT" "... not the one under HOME"
check "a relative XDG_DATA_HOME is ignored (XDG spec)" 0 \
	sh -c 'cd "$1" && XDG_DATA_HOME=relative exec "$2" list' sh "$T" "$BD"
exists "... HOME is used" "$DEFAULT"
absent "$T/relative" "... nothing made under the relative path"
check "--db with BREACHDASH_DB set reads the --db store" 0 env BREACHDASH_DB="$T/p/env.db" "$BD" --db "$T/p/flag.db" show test-where

# ---- stores that are not usable ----
printf 'These are my notes, not a database.\n' >"$T/notes.db"
cp "$T/notes.db" "$T/notes.orig"
check "a text file as the store fails with 1" 1 "$BD" --db "$T/notes.db" list
crashed && not_ok "... without crashing" || ok "... without crashing"
contains "... saying it is not a database" "$T/err" "not a database"
contains "... naming the file" "$T/err" "$T/notes.db"
same "... and leaves the file alone" "$T/notes.orig" "$T/notes.db"
check "... also for import" 1 "$BD" --db "$T/notes.db" import "$T/one.jsonl"
same "... which leaves it alone too" "$T/notes.orig" "$T/notes.db"
head -c 4096 /dev/zero | tr '\0' 'x' >"$T/junk.db"
check "4 KiB of junk fails with 1" 1 "$BD" --db "$T/junk.db" show $MET
contains "... not a database" "$T/err" "not a database"

"$BD" --db "$T/new.db" list >/dev/null
sqlite3 "$T/new.db" 'PRAGMA user_version = 99;'
sqlite3 "$T/new.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
sha256sum <"$T/new.db" >"$T/new.before"
check "a store from a newer breachdash (user_version 99) fails with 1" 1 "$BD" --db "$T/new.db" list
crashed && not_ok "... without crashing" || ok "... without crashing"
contains "... saying it is newer" "$T/err" "newer"
contains "... with its version" "$T/err" "version 99"
if [ -s "$T/out" ]; then not_ok "... listing nothing"; else ok "... listing nothing"; fi
check "... import refuses too" 1 "$BD" --db "$T/new.db" import "$T/one.jsonl"
sqlite3 "$T/new.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
sha256sum <"$T/new.db" >"$T/new.after"
same "... and the store is not touched" "$T/new.before" "$T/new.after"

printf 'x\n' >"$T/file"
check "a store under a regular file fails with 1" 1 "$BD" --db "$T/file/store.db" list
contains "... naming the path" "$T/err" "$T/file/store.db"

# ---- read-only stores ----
if [ "$(id -u)" -eq 0 ]; then
	for what in "a read-only store file lists" "... and refuses an import" \
		"a store in a read-only directory lists" "... and refuses an import"; do
		ok "# SKIP $what: running as root, which ignores permissions"
	done
else
	"$BD" --db "$T/ro.db" list >/dev/null
	chmod 444 "$T/ro.db"
	check "a read-only store file lists" 0 "$BD" --db "$T/ro.db" list
	contains "... the incidents" "$T/out" "$MET"
	check "... and refuses an import" 1 "$BD" --db "$T/ro.db" import "$T/one.jsonl"
	contains "... saying why" "$T/err" "read-only"
	mkdir "$T/rodir"
	"$BD" --db "$T/rodir/s.db" list >/dev/null
	chmod 555 "$T/rodir"
	check "a store in a read-only directory lists" 0 "$BD" --db "$T/rodir/s.db" list
	contains "... the incidents" "$T/out" "$MET"
	check "... and refuses an import" 1 "$BD" --db "$T/rodir/s.db" import "$T/one.jsonl"
	contains "... saying why" "$T/err" "read-only"
	chmod 755 "$T/rodir"
	chmod 644 "$T/ro.db"
fi
