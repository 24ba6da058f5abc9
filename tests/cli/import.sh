# breachdash import and validate: JSON Lines and documents, unchanged and
# updated incidents, every problem reported as FILE:LINE:COL: PATH: message,
# and a failed import leaving the store exactly as it was.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/store.db"
mkdir -p "$T/in"

# snapshot NAME: the store's export, and the SHA-256 of its file once the
# write-ahead log is folded in
snapshot() {
	"$BD" export >"$T/$1.export" 2>/dev/null
	sqlite3 "$BREACHDASH_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	sha256sum <"$BREACHDASH_DB" >"$T/$1.sha"
}
unchanged() {  # DESC BEFORE AFTER
	same "$1: export unchanged" "$T/$2.export" "$T/$3.export"
	same "$1: database file unchanged" "$T/$2.sha" "$T/$3.sha"
}
count() { "$BD" list --format tsv | awk 'NR > 1' | wc -l; }

cat >"$T/in/good.jsonl" <<'EOF'
{"id": "test-2024-01-alpha", "title": "Original wording of the alpha incident", "organisation": {"force": "Test Constabulary", "short": "Test"}, "nation": "wales", "kind": "loss", "dates": {"occurred": "2024-01-15"}, "affected": {"count": 1500, "qualifier": "exact", "sources": ["a"]}, "fields": {"exposed": ["email"], "not_exposed": ["financial"]}, "sources": [{"id": "a", "publisher": "Test Gazette"}]}

{"id": "test-2024-02-beta", "title": "Beta incident", "organisation": {"force": "Other Police", "short": "Other"}, "nation": "scotland", "kind": "cyber-attack", "affected": {"count": null, "qualifier": "unknown"}, "sources": [{"id": "a", "publisher": "Test Gazette"}]}
EOF
cat >"$T/in/doc.json" <<'EOF'
{
  "schema": "breachdash/1",
  "incidents": [
    {
      "id": "test-2024-03-gamma",
      "title": "Gamma incident from a document",
      "organisation": {"force": "Test Constabulary", "short": "Test"},
      "nation": "england",
      "kind": "theft",
      "affected": {"count": 12, "qualifier": "at-least", "sources": ["a"]},
      "referrals": [{"body": "ico", "status": "fine", "amount": 5000, "sources": ["a"]}],
      "sources": [{"id": "a", "publisher": "Test Gazette"}]
    }
  ]
}
EOF

check "a new store lists" 0 "$BD" list
base=$(count)
check "import a JSON Lines file (blank line allowed)" 0 "$BD" import "$T/in/good.jsonl"
contains "... reports two new" "$T/out" "2 incidents read from 1 file: 2 new, 0 updated, 0 unchanged"
check "an imported incident shows" 0 "$BD" show test-2024-01-alpha
contains "... with its title" "$T/out" "Original wording of the alpha incident"
[ "$(count)" -eq $((base + 2)) ] && ok "the store has two more incidents" || not_ok "the store has two more incidents"

snapshot a
check "import the same file again" 0 "$BD" import "$T/in/good.jsonl"
contains "... reports both unchanged" "$T/out" "2 incidents read from 1 file: 0 new, 0 updated, 2 unchanged"
snapshot b
unchanged "an unchanged import" a b

check "import a document" 0 "$BD" import "$T/in/doc.json"
contains "... reports one new" "$T/out" "1 incident read from 1 file: 1 new, 0 updated, 0 unchanged"
check "the document's incident shows" 0 "$BD" show test-2024-03-gamma
contains "... with its fine" "$T/out" "fine £5,000"

sed 's/Original wording of the alpha incident/Revised wording of the alpha incident/' "$T/in/good.jsonl" >"$T/in/updated.jsonl"
before=$(count)
check "import an incident with a changed title" 0 "$BD" import "$T/in/updated.jsonl"
contains "... reports it updated" "$T/out" "2 incidents read from 1 file: 0 new, 1 updated, 1 unchanged"
check "show has the new title" 0 "$BD" show test-2024-01-alpha
contains "... the new title" "$T/out" "Revised wording of the alpha incident"
lacks "... not the old one" "$T/out" "Original wording"
[ "$(count)" -eq "$before" ] && ok "an update adds no row" || not_ok "an update adds no row"
check "the search finds the new words" 0 "$BD" list --format tsv --filter revised
contains "... alpha" "$T/out" "test-2024-01-alpha"
check "the search forgets the old words" 0 "$BD" list --format tsv --filter original
lacks "... alpha" "$T/out" "test-2024-01-alpha"

# ---- every problem, and nothing imported ----
cat >"$T/in/bad.json" <<'EOF'
{
  "schema": "breachdash/1",
  "incidents": [
    {
      "id": "test-bad-one",
      "title": "First broken incident",
      "organisation": {"force": "Test Police", "short": "Test"},
      "nation": "england",
      "kind": "robbery",
      "affected": {"count": "lots", "qualifier": "exact", "sources": ["a"]},
      "colour": "red",
      "sources": [{"id": "a", "publisher": "Test Gazette"}]
    },
    {
      "id": "test-bad-two",
      "organisation": {"force": "Test Police", "short": "Test"},
      "nation": "wales",
      "kind": "loss",
      "affected": {"count": 5, "qualifier": "exact", "sources": ["a"]},
      "sources": [{"id": "a", "publisher": "Test Gazette"}]
    }
  ]
}
EOF
cat >"$T/in/bad2.jsonl" <<'EOF'
{"id": "test-bad-three", "title": "A good line", "organisation": {"force": "Test Police", "short": "Test"}, "nation": "wales", "kind": "loss", "affected": {"count": 1, "qualifier": "exact", "sources": ["a"]}, "sources": [{"id": "a", "publisher": "Test Gazette"}]}
{"id": "test-bad-four", "title": "Broken line" "kind": "loss"}
{"id": "test-bad-five", "title": "Bad source", "organisation": {"force": "Test Police", "short": "Test"}, "nation": "wales", "kind": "loss", "affected": {"count": 1, "qualifier": "exact", "sources": ["zz"]}, "sources": [{"id": "a", "publisher": "Test Gazette"}]}
EOF
sed 's/test-2024-0\([12]\)-/test-2024-0\1-new-/' "$T/in/good.jsonl" >"$T/in/fine.jsonl"
B1="$T/in/bad.json" B2="$T/in/bad2.jsonl"
# problems FILE: the stderr of a failed import or validate names all six
problems() {
	contains "unknown kind at its value, 9:15" "$1" "$B1:9:15: \$.incidents[0].kind: expected a kind (supplier-compromise, accidental-disclosure, theft, loss, insider-misuse, cyber-attack, other), got \"robbery\""
	contains "a string for the count at 10:29" "$1" "$B1:10:29: \$.incidents[0].affected.count: expected a non-negative integer or null, got \"lots\""
	contains "an unknown key on line 11" "$1" "$B1:11:17: \$.incidents[0].colour: unknown key"
	contains "a missing title at its object, 14:5" "$1" "$B1:14:5: \$.incidents[1]: missing required key \"title\""
	if grep -Eq "^$B2:2:[0-9]+: \\$: '}' expected" "$1"; then ok "a syntax error in the second file, on line 2"; else
		not_ok "a syntax error in the second file, on line 2" "$(grep -F "$B2" "$1")"; fi
	contains "an unknown source after the syntax error, 3:201" "$1" "$B2:3:201: \$.affected.sources[0]: no source with id \"zz\""
	lines=$(grep -Ec '^[^:]+:[0-9]+:[0-9]+: \$[^ ]*: .' "$1")
	other=$(grep -Evc '^[^:]+:[0-9]+:[0-9]+: \$[^ ]*: .|^breachdash: ' "$1")
	if [ "$lines" -eq 6 ] && [ "$other" -eq 0 ]; then ok "six problems, each as file:line:col: \$.path: message"; else
		not_ok "six problems, each as file:line:col: \$.path: message" "$lines such lines, $other others" "$(head -8 "$1")"; fi
}
snapshot c
check "importing broken files with --strict fails with 1" 1 "$BD" import --strict "$T/in/fine.jsonl" "$B1" "$B2"
problems "$T/err"
contains "... and says nothing was imported" "$T/err" "2 bad files and --strict; nothing was imported"
lacks "... and reports no counts" "$T/out" "files read"
snapshot d
unchanged "a failed import" c d
check "a good incident from the same import is not in the store" 1 "$BD" show test-2024-01-new-alpha
check "nor is the good line of a broken file" 1 "$BD" show test-bad-three
check "without --strict, broken files are skipped and the rest lands, exit 1" 1 \
	"$BD" --db "$T/skip.db" import "$T/in/fine.jsonl" "$B1" "$B2"
problems "$T/err"
contains "... the counts, the bad files skipped" "$T/out" "3 files read: 2 imported, 0 updated, 0 unchanged, 2 skipped"
check "... the good file's incidents are in the store" 0 "$BD" --db "$T/skip.db" show test-2024-01-new-alpha
check "... but not the good line of a broken file: a bad file is skipped whole" 1 \
	"$BD" --db "$T/skip.db" show test-bad-three

check "validate prints every problem and fails with 1" 1 "$BD" validate "$B1" "$B2"
problems "$T/err"
contains "... and counts them" "$T/err" "6 problems found"
snapshot e
unchanged "validate" c e
check "validate of a good file exits 0" 0 "$BD" --db "$T/never.db" validate "$T/in/good.jsonl"
contains "... saying so" "$T/out" "1 file valid"
check "validate of two good files" 0 "$BD" --db "$T/never.db" validate "$T/in/good.jsonl" "$T/in/doc.json"
contains "... counts both" "$T/out" "2 files valid"
[ -e "$T/never.db" ] && not_ok "validate opens no store" || ok "validate opens no store"

# smaller cases
printf '\357\273\277' | cat - "$T/in/good.jsonl" >"$T/in/bom.jsonl"
check "a byte-order mark is an error" 1 "$BD" validate "$T/in/bom.jsonl"
contains "... at 1:1" "$T/err" "$T/in/bom.jsonl:1:1: "
sed 's/$/\r/' "$T/in/good.jsonl" >"$T/in/crlf.jsonl"
check "JSON Lines with CRLF line ends are valid" 0 "$BD" validate "$T/in/crlf.jsonl"
printf '{"id": "x", "title": "cut short",\n' >"$T/in/cut.jsonl"
check "a line cut short" 1 "$BD" validate "$T/in/cut.jsonl"
contains "... is reported on its own line, not the next" "$T/err" "$T/in/cut.jsonl:1:"
printf '{\n  "schema": "breachdash/1",\n  "incidents": [\n' >"$T/in/cut.json"
check "a document cut short" 1 "$BD" validate "$T/in/cut.json"
if grep -Eq "^$T/in/cut.json:[0-9]+:[1-9][0-9]*: \\$: " "$T/err"; then ok "... has a line, a column from 1 and a path"; else
	not_ok "... has a line, a column from 1 and a path" "$(cat "$T/err")"; fi
cat >"$T/in/dup.json" <<'EOF'
{"schema": "breachdash/1", "incidents": [
  {"id": "test-2024-01-alpha", "title": "One", "organisation": {"force": "T", "short": "T"}, "nation": "wales", "kind": "loss", "affected": {"count": null, "qualifier": "unknown"}, "sources": [{"id": "a", "publisher": "P"}]},
  {"id": "test-2024-01-alpha", "title": "Two", "organisation": {"force": "T", "short": "T"}, "nation": "wales", "kind": "loss", "affected": {"count": null, "qualifier": "unknown"}, "sources": [{"id": "a", "publisher": "P"}]}
]}
EOF
check "the same id twice in a document" 1 "$BD" validate "$T/in/dup.json"
contains "... is an error at the second" "$T/err" "$T/in/dup.json:3:10: \$.incidents[1].id: id \"test-2024-01-alpha\" is already used by \$.incidents[0]"
check "a file that does not exist" 1 "$BD" import "$T/in/nope.json"
contains "... is named" "$T/err" "$T/in/nope.json"
snapshot f
unchanged "a missing file" c f

# ---- directories ----
mkdir -p "$T/dir/sub/deeper"
sed 's/test-2024-03-gamma/test-dir-gamma/' "$T/in/doc.json" >"$T/dir/a.json"
sed 's/test-2024-0\([12]\)-/test-dir-\1-/' "$T/in/good.jsonl" >"$T/dir/sub/b.jsonl"
echo 'not json at all' >"$T/dir/notes.txt"
echo 'not json either' >"$T/dir/.hidden.json"
echo '{"broken": ' >"$T/dir/sub/deeper/readme.md"
check "importing a directory" 0 "$BD" import "$T/dir"
contains "... reads every .json and .jsonl under it, and nothing else" "$T/out" "3 incidents read from 2 files: 3 new, 0 updated, 0 unchanged"
check "... from the top" 0 "$BD" show test-dir-gamma
check "... and from a subdirectory" 0 "$BD" show test-dir-1-alpha

# ---- usage ----
check "import with no file is a usage error" 2 "$BD" import
check "validate with no file is a usage error" 2 "$BD" validate
check "import --format xml is a usage error" 2 "$BD" import --format xml "$T/in/good.jsonl"
