# The threat level in force is derived when an incident is stored; when
# data/threat_levels.json changes, the next opening of the store derives
# every level again (and only then), and a threat file that does not load
# leaves the levels as they were.
. "$BD_TOP/tests/lib.sh"
DB="$T/store.db"
mkdir -p "$T/data"
cp "$TOP/tests/fixtures/data/incidents.json" "$TOP/tests/fixtures/data/threat_levels.json" "$T/data/"
export BREACHDASH_DATA="$T/data"
levels() { "$BD" --db "$DB" list --sort id --format tsv | awk -F'\t' 'NR > 1 { print $1, $14 }'; }
check "a store is made from the bundled data" 0 "$BD" --db "$DB" list
levels > "$T/before"
grep -q '^psni-2023-08-foi-spreadsheet severe$' "$T/before" \
	&& ok "the PSNI spreadsheet is under a severe level" \
	|| not_ok "the PSNI spreadsheet is under a severe level" "$(cat "$T/before")"

# Every "severe" in the threat file becomes "critical".
sed 's/"level": "severe"/"level": "critical"/' "$TOP/tests/fixtures/data/threat_levels.json" > "$T/data/threat_levels.json"
levels > "$T/after"
grep -q '^psni-2023-08-foi-spreadsheet critical$' "$T/after" \
	&& ok "after the threat file changed, the level is derived again" \
	|| not_ok "after the threat file changed, the level is derived again" "$(cat "$T/after")"
sed 's/ severe$/ critical/' "$T/before" > "$T/want"
same "... for every incident, and nothing else changed" "$T/want" "$T/after"

# Back to the real file: back to severe.
cp "$TOP/tests/fixtures/data/threat_levels.json" "$T/data/"
levels > "$T/again"
same "the real file again gives the levels again" "$T/before" "$T/again"

# A threat file that does not load: an error is shown, the levels stay.
echo '{ not json' > "$T/data/threat_levels.json"
"$BD" --db "$DB" list --sort id --format tsv > /dev/null 2> "$T/err"
levels 2>/dev/null > "$T/broken"
same "a broken threat file leaves the levels as they were" "$T/before" "$T/broken"

# Incidents imported meanwhile have no level to be given...
"$BD_BUILD/tests/gen" 20 5 > "$T/new.jsonl"
check "an import while the threat file is broken" 0 "$BD" --db "$DB" import "$T/new.jsonl"
# (the threat column of the generated incidents, gen-0 to gen-19)
gen_levels() { "$BD" --db "$DB" list --format tsv 2>/dev/null | awk -F'\t' '$1 ~ /^gen-/ { print $14 }'; }
gen_levels > "$T/gen"
[ "$(wc -l < "$T/gen")" -eq 20 ] && [ "$(grep -vc '^-$' "$T/gen")" -eq 0 ] \
	&& ok "... leaves the new incidents without a level" \
	|| not_ok "... leaves the new incidents without a level" "$(tr '\n' ' ' < "$T/gen")"

# ...until the same real file is back: then their levels are derived.
cp "$TOP/tests/fixtures/data/threat_levels.json" "$T/data/"
levels | grep -v '^gen-' > "$T/again"
same "... the others keep theirs" "$T/before" "$T/again"
gen_levels > "$T/gen"
known=$(grep -vc '^-$' "$T/gen")
[ "$known" -gt 0 ] && ok "... and the incidents imported meanwhile get theirs ($known of 20)" \
	|| not_ok "... and the incidents imported meanwhile get theirs" "$(tr '\n' ' ' < "$T/gen")"
