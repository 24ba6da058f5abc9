# breachdash new and edit: the incident in $VISUAL or $EDITOR (small shell
# scripts here), checked on save, stored in one transaction; an invalid
# file reopens with its problems at the top, placed at lines of the file as
# the editor shows it.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/store.db" TMPDIR="$T/tmp"
unset VISUAL EDITOR
mkdir -p "$TMPDIR"
MET=met-2023-08-supplier
E="$T/editors"
mkdir -p "$E"

# editor NAME <<'EOF' ... : a script the editor variables can name; $1 is the file
editor() {
	{ echo '#!/bin/sh'; cat; } >"$E/$1"
	chmod +x "$E/$1"
}
# round: counts the editor's runs in $HOME/round; prints the number of this one
editor lib.sh <<'EOF'
n=$(($(cat "$HOME/round" 2>/dev/null || echo 0) + 1)); echo $n >"$HOME/round"
EOF
snapshot() { "$BD" export >"$T/$1.export" 2>/dev/null; }
fresh() { rm -f "$HOME/round" "$HOME/seen"*; }

# an incident in ASCII, whose JSON reads the same in the editor and in show
cat >"$T/ascii.jsonl" <<'EOF'
{"id": "test-ascii", "title": "Plain", "organisation": {"force": "Test Police", "short": "Test"}, "nation": "wales", "kind": "loss", "dates": {"occurred": "2024-02"}, "affected": {"count": 12, "qualifier": "exact", "sources": ["a"]}, "fields": {"exposed": ["name", "rank"], "not_exposed": ["home-address"]}, "sources": [{"id": "a", "publisher": "P", "url": "https://example.org/a"}]}
EOF
"$BD" import "$T/ascii.jsonl" >/dev/null

# ---- edit: a change is stored ----
editor title.sh <<'EOF'
echo "$1" >"$HOME/seen-name"
stat -c %a "$1" >"$HOME/seen-mode"
sed -i 's/^  "title": .*/  "title": "Edited with sed",/' "$1"
EOF
fresh
check "edit: a changed title is stored, exit 0" 0 env EDITOR="$E/title.sh" "$BD" edit $MET
contains "... and reported" "$T/out" "$MET: updated"
check "... show has the new title" 0 "$BD" show $MET
contains "... there" "$T/out" "Edited with sed"
name=$(cat "$HOME/seen-name")
case $name in
*.json) ok "... the temporary file ends in .json" ;;
*) not_ok "... the temporary file ends in .json" "$name" ;;
esac
case $name in
*"$MET"*) ok "... and names the incident" ;;
*) not_ok "... and names the incident" "$name" ;;
esac
if [ "$(cat "$HOME/seen-mode")" = 600 ]; then ok "... it is private (0600)"; else
	not_ok "... it is private (0600)" "mode $(cat "$HOME/seen-mode")"; fi
if [ -e "$name" ]; then not_ok "... and removed afterwards" "$name"; else ok "... and removed afterwards"; fi

# the file holds the incident as show --format json gives it, below // lines
editor copy.sh <<'EOF'
cp "$1" "$HOME/seen"
EOF
fresh
snapshot before-nothing
check "edit: the editor sees the incident" 0 env EDITOR="$E/copy.sh" "$BD" edit test-ascii
"$BD" show test-ascii --format json >"$T/show.json"
grep -v '^//' "$HOME/seen" >"$T/seen.json"
same "... as show --format json gives it, below the header" "$T/show.json" "$T/seen.json"
contains "... with a header of // lines" "$HOME/seen" "// breachdash edit test-ascii"
contains "... keys in schema order, pretty-printed" "$HOME/seen" '  "id": "test-ascii",'
contains "... quitting without a change says so" "$T/out" "no change"
snapshot after-nothing
same "... and changes nothing" "$T/before-nothing.export" "$T/after-nothing.export"
fresh
check "edit: non-ASCII text is shown as UTF-8" 0 env EDITOR="$E/copy.sh" "$BD" edit $MET
contains "... not as escapes" "$HOME/seen" "’"

# VISUAL wins over EDITOR; the command may carry arguments
editor args.sh <<'EOF'
echo "$# $1" >"$HOME/seen-args"
EOF
fresh
check "VISUAL is used before EDITOR" 0 env VISUAL="$E/copy.sh" EDITOR="$E/args.sh" "$BD" edit $MET
if [ -e "$HOME/seen" ] && [ ! -e "$HOME/seen-args" ]; then ok "... EDITOR is not run"; else
	not_ok "... EDITOR is not run"; fi
fresh
check "an editor command with arguments" 0 env EDITOR="$E/args.sh --wait" "$BD" edit $MET
contains "... gets them before the file" "$HOME/seen-args" "2 --wait"

# ---- invalid, then valid: the problems at the top, on the right lines ----
editor twice.sh <<'EOF'
. "$HOME/../editors/lib.sh"
cp "$1" "$HOME/seen$n"
if [ $n = 1 ]; then
	sed -i 's/^    "count": [0-9]*,/    "count": "lots",/' "$1"
else
	sed -i 's/^    "count": "lots",/    "count": 12345,/' "$1"
fi
EOF
fresh
check "edit: invalid, then fixed: exit 0" 0 env EDITOR="$E/twice.sh" "$BD" edit $MET
contains "... stored" "$T/out" "$MET: updated"
if [ "$(cat "$HOME/round")" = 2 ]; then ok "... the editor opened twice"; else
	not_ok "... the editor opened twice" "$(cat "$HOME/round") times"; fi
contains "... the second time with the problem" "$HOME/seen2" "// NOT SAVED: 1 problem"
contains "... its JSON path and message" "$HOME/seen2" '$.affected.count: expected a non-negative integer or null, got "lots"'
# FILE:LINE:COL: the line of the file as the editor shows it holds the value
where=$(grep -o '\.json:[0-9]*:[0-9]*: \$\.affected\.count' "$HOME/seen2" | head -1)
line=$(echo "$where" | cut -d: -f2)
col=$(echo "$where" | cut -d: -f3)
text=$(sed -n "${line}p" "$HOME/seen2" 2>/dev/null)
case $text in
*'"count": "lots"'*) ok "... at the line that holds the bad value ($line)" ;;
*) not_ok "... at the line that holds the bad value" "line '$line': $text" ;;
esac
at=$(printf '%s\n' "$text" | cut -c"$col"-)
case $at in
'"lots"'*) ok "... and its column ($col)" ;;
*) not_ok "... and its column" "column $col: $at" ;;
esac
check "... show has the fixed value" 0 "$BD" show $MET --format json
contains "... there" "$T/out" '"count": 12345,'

# a syntax error is placed too
editor syntax.sh <<'EOF'
. "$HOME/../editors/lib.sh"
cp "$1" "$HOME/seen$n"
if [ $n = 1 ]; then sed -i 's/^  "kind": \(.*\),$/  "kind": \1/' "$1"; else
	sed -i 's/^  "kind": \(".*"\)$/  "kind": \1,/' "$1"; fi
EOF
fresh
check "edit: a syntax error, then fixed" 0 env EDITOR="$E/syntax.sh" "$BD" edit $MET
contains "... is shown the second time" "$HOME/seen2" "// NOT SAVED: 1 problem"
line=$(grep -o '\.json:[0-9]*:[0-9]*: \$: ' "$HOME/seen2" | head -1 | cut -d: -f2)
prev=$(sed -n "$((line - 1))p;${line}p" "$HOME/seen2")
case $prev in
*'"kind": '*) ok "... at the line after the missing comma ($line)" ;;
*) not_ok "... at the line after the missing comma" "line '$line': $prev" ;;
esac
contains "... nothing else changed" "$T/out" "no change"

# ---- giving up ----
snapshot before-abort
editor bad-then-quit.sh <<'EOF'
. "$HOME/../editors/lib.sh"
if [ $n = 1 ]; then sed -i 's/^  "nation": .*/  "nation": "atlantis",/' "$1"; fi
EOF
fresh
check "edit: invalid, then quit without a change: exit 1" 1 env EDITOR="$E/bad-then-quit.sh" "$BD" edit $MET
contains "... aborted" "$T/err" "aborted, nothing changed"
contains "... the problem is on stderr" "$T/err" '$.nation: expected a nation'
contains "... and the text is kept" "$T/err" "your text is kept in"
kept=$(sed -n 's/.*your text is kept in //p' "$T/err")
if [ -f "$kept" ] && grep -q atlantis "$kept"; then ok "... in a file that holds it"; rm -f "$kept"; else
	not_ok "... in a file that holds it" "$kept"; fi
snapshot after-abort
same "... the store is unchanged" "$T/before-abort.export" "$T/after-abort.export"

editor empty.sh <<'EOF'
: >"$1"
EOF
check "edit: an emptied file aborts: exit 1" 1 env EDITOR="$E/empty.sh" "$BD" edit $MET
contains "... saying so" "$T/err" "aborted, nothing changed"
lacks "... nothing to keep" "$T/err" "kept in"
editor only-comments.sh <<'EOF'
sed -i '/^\/\//!d' "$1"
EOF
check "edit: only the // lines left aborts too" 1 env EDITOR="$E/only-comments.sh" "$BD" edit $MET
contains "... saying so" "$T/err" "aborted, nothing changed"
snapshot after-empty
same "... the store is unchanged" "$T/before-abort.export" "$T/after-empty.export"

editor fails.sh <<'EOF'
sed -i 's/^  "title": .*/  "title": "Never stored",/' "$1"
exit 3
EOF
check "edit: an editor that fails: exit 1" 1 env EDITOR="$E/fails.sh" "$BD" edit $MET
contains "... saying so" "$T/err" "exited with status 3"
check "... nothing stored" 0 "$BD" show $MET
lacks "... there" "$T/out" "Never stored"

# the id cannot change
editor newid.sh <<'EOF'
. "$HOME/../editors/lib.sh"
cp "$1" "$HOME/seen$n"
if [ $n = 1 ]; then sed -i 's/^  "id": .*/  "id": "renamed-incident",/' "$1"; fi
EOF
fresh
check "edit: changing the id is refused" 1 env EDITOR="$E/newid.sh" "$BD" edit $MET
contains "... in the header" "$HOME/seen2" '$.id: the id cannot change (it was "met-2023-08-supplier")'
rm -f "$(sed -n 's/.*your text is kept in //p' "$T/err")"
check "... no incident under the new id" 1 "$BD" show renamed-incident

# someone else changes the incident while it is open
cat >"$T/other.jsonl" <<'EOF'
{"id": "test-race", "title": "Before", "organisation": {"force": "Test Police", "short": "Test"}, "nation": "wales", "kind": "loss", "affected": {"count": null, "qualifier": "unknown"}, "sources": [{"id": "a", "publisher": "P"}]}
EOF
"$BD" import "$T/other.jsonl" >/dev/null
sed 's/"Before"/"Changed by someone else"/' "$T/other.jsonl" >"$HOME/other2.jsonl"
editor race.sh <<'EOF'
"$BD_BIN" import "$HOME/other2.jsonl" >/dev/null
sed -i 's/^  "title": .*/  "title": "Mine",/' "$1"
EOF
check "edit: the incident changed meanwhile: exit 1" 1 env EDITOR="$E/race.sh" "$BD" edit test-race
contains "... saying so" "$T/err" "changed in the store while you were editing it"
contains "... and keeping the text" "$T/err" "your text is kept in"
rm -f "$(sed -n 's/.*your text is kept in //p' "$T/err")"
check "... the other change stands" 0 "$BD" show test-race
contains "... there" "$T/out" "Changed by someone else"

# ---- usage ----
editor never.sh <<'EOF'
touch "$HOME/ran"
EOF
rm -f "$HOME/ran"
check "edit of an unknown id: exit 1" 1 env EDITOR="$E/never.sh" "$BD" edit no-such-incident
contains "... naming it" "$T/err" "no-such-incident"
if [ -e "$HOME/ran" ]; then not_ok "... without opening the editor"; else ok "... without opening the editor"; fi
check "edit without an id is a usage error" 2 env EDITOR="$E/never.sh" "$BD" edit
check "edit with two ids is a usage error" 2 env EDITOR="$E/never.sh" "$BD" edit a b
check "new with an argument is a usage error" 2 env EDITOR="$E/never.sh" "$BD" new x
check "edit --help" 0 "$BD" edit --help
contains "... prints its usage" "$T/out" "usage: breachdash edit ID"
check "new --help" 0 "$BD" new --help
contains "... prints its usage" "$T/out" "usage: breachdash new"
if [ -e "$HOME/ran" ]; then not_ok "usage errors open no editor"; else ok "usage errors open no editor"; fi

# ---- new ----
"$BD" list --format tsv >"$T/list-before"
fresh
check "new: quitting at once adds nothing, exit 0" 0 env EDITOR="$E/copy.sh" "$BD" new
contains "... no change" "$T/out" "no change"
contains "... the template has every required key" "$HOME/seen" '"publisher": ""'
contains "... with help above it" "$HOME/seen" "// breachdash new"
contains "... naming the vocabularies" "$HOME/seen" "// kind: supplier-compromise, accidental-disclosure"
"$BD" list --format tsv >"$T/list-after"
same "... the store is unchanged" "$T/list-before" "$T/list-after"

editor fill.sh <<'EOF'
. "$HOME/../editors/lib.sh"
cp "$1" "$HOME/seen$n"
if [ $n = 1 ]; then
	# the id of an incident that exists: refused
	sed -i -e 's/^  "id": "",/  "id": "met-2023-08-supplier",/' \
	    -e 's/^  "title": "",/  "title": "Laptop left on a train",/' \
	    -e 's/^  "summary": "",/  "summary": "A laptop with duty rosters was left on a train.",/' \
	    -e 's/^    "force": "",/    "force": "Test Constabulary",/' \
	    -e 's/^    "short": ""$/    "short": "Test"/' \
	    -e 's/^    "occurred": ""/    "occurred": "2024-03"/' \
	    -e 's/^      "id": "",/      "id": "gazette",/' \
	    -e 's/^      "publisher": ""/      "publisher": "Test Gazette"/' "$1"
else
	sed -i 's/^  "id": "met-2023-08-supplier",/  "id": "test-2024-03-laptop",/' "$1"
fi
EOF
fresh
check "new: filled in (an existing id first): exit 0" 0 env EDITOR="$E/fill.sh" "$BD" new
contains "... added" "$T/out" "test-2024-03-laptop: added"
contains "... the taken id was refused" "$HOME/seen2" 'an incident with the id "met-2023-08-supplier" exists already'
contains "... the only problem" "$HOME/seen2" "// NOT SAVED: 1 problem;"
check "... show finds it" 0 "$BD" show test-2024-03-laptop
contains "... with its title" "$T/out" "Laptop left on a train"
check "... the existing incident is untouched" 0 "$BD" show $MET
lacks "... there" "$T/out" "Laptop left on a train"

editor unfilled.sh <<'EOF'
. "$HOME/../editors/lib.sh"
cp "$1" "$HOME/seen$n"
if [ $n = 1 ]; then sed -i 's/^  "title": "",/  "title": "Only a title",/' "$1"; fi
EOF
fresh
check "new: left half empty, then given up: exit 1" 1 env EDITOR="$E/unfilled.sh" "$BD" new
contains "... every empty value is a problem" "$HOME/seen2" '$.id: expected a slug'
contains "... ..." "$HOME/seen2" '$.organisation.force: must not be empty'
contains "... ..." "$HOME/seen2" '$.sources[0].publisher: must not be empty'
grep '^// .*\.json:[0-9]' "$HOME/seen2" | cut -d: -f2 >"$T/lines"
sort -n "$T/lines" >"$T/sorted"
same "... in the order of the file" "$T/lines" "$T/sorted"
contains "... aborted" "$T/err" "aborted, nothing changed"
rm -f "$(sed -n 's/.*your text is kept in //p' "$T/err")"

# ---- a read-only store is refused before the editor opens ----
rm -f "$HOME/ran"
cp "$BREACHDASH_DB" "$T/ro.db"
sqlite3 "$T/ro.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1
chmod a-w "$T/ro.db"
if [ -w "$T/ro.db" ]; then
	ok "# skip read-only store: running as a user who can write anyway"
else
	check "edit of a read-only store: exit 1" 1 env EDITOR="$E/never.sh" "$BD" --db "$T/ro.db" edit $MET
	if [ -e "$HOME/ran" ]; then not_ok "... without opening the editor"; else ok "... without opening the editor"; fi
fi
chmod u+w "$T/ro.db"

# the temporary files: gone, but for the texts kept on purpose (removed above)
left=$(find "$TMPDIR" -type f | head -3)
if [ -z "$left" ]; then ok "no temporary file is left behind"; else
	not_ok "no temporary file is left behind" "$left"; fi
