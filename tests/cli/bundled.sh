# A store made from an older bundled record is brought up to a newer one
# when it is next opened: new incidents added, unedited ones updated, and an
# incident changed in the store kept as the user left it; said once.
. "$BD_TOP/tests/lib.sh"
OLD="$T/old" NEW="$T/new"
mkdir -p "$OLD" "$NEW"
cp "$TOP/tests/fixtures/data/incidents.json" "$TOP/tests/fixtures/data/threat_levels.json" "$OLD/"
cp "$OLD/threat_levels.json" "$NEW/"
S="$T/store.db"

# native_with ID SED: a native file of one incident, its document changed by SED
native_with() {
	echo '{"schema": "breachdash/1", "incidents": ['
	"$BD" --db "$1" show --format json "$2" | sed "$3"
	echo ']}'
}

check "a new store is filled from the old record" 0 env BREACHDASH_DATA="$OLD" "$BD" --db "$S" list --format tsv
is "... all seven incidents" "$(($(wc -l <"$T/out") - 1))" 7
lacks "... nothing said of bringing it up" "$T/err" "brought up"

# The user changes the Met incident in the store.
BREACHDASH_DATA="$OLD" native_with "$S" met-2023-08-supplier \
	's/"title": "[^"]*"/"title": "The Met breach, as this team calls it"/' >"$T/mine.json"
check "the user's change of an incident" 0 env BREACHDASH_DATA="$OLD" "$BD" --db "$S" import "$T/mine.json"

# The newer record: the PSNI spreadsheet retitled, the Met incident and a
# new one (Kent's 2014 phone download, from the full record) changed or added.
R="$T/record.db"
BREACHDASH_DATA="$OLD" "$BD" --db "$R" list >/dev/null
BREACHDASH_DATA="$OLD" native_with "$R" psni-2023-08-foi-spreadsheet \
	's/"title": "[^"]*"/"title": "PSNI spreadsheet, retitled by the record"/' >"$T/psni.json"
BREACHDASH_DATA="$OLD" native_with "$R" met-2023-08-supplier \
	's/"title": "[^"]*"/"title": "Met supplier breach, retitled by the record"/' >"$T/met.json"
BREACHDASH_DATA="$TOP/data" native_with "$T/full.db" kent-2014-phone-data '' >"$T/kent.json"
for f in psni met kent; do
	BREACHDASH_DATA="$OLD" "$BD" --db "$R" import "$T/$f.json" >/dev/null
done
BREACHDASH_DATA="$OLD" "$BD" --db "$R" export --format json >"$NEW/incidents.json"
contains "the newer record has the new incident" "$NEW/incidents.json" '"id": "kent-2014-phone-data"'

check "the store opened with the newer record" 0 env BREACHDASH_DATA="$NEW" "$BD" --db "$S" list --format tsv
contains "... says what it did" "$T/err" \
	"breachdash: the store was brought up to the bundled record: 1 incident added, 1 updated; 1 changed here kept as it is"
is "... eight incidents" "$(($(wc -l <"$T/out") - 1))" 8
contains "... the new one added" "$T/out" "kent-2014-phone-data"
contains "... the unedited one updated" "$T/out" "PSNI spreadsheet, retitled by the record"
contains "... the user's change kept" "$T/out" "The Met breach, as this team calls it"
lacks "... not the record's" "$T/out" "Met supplier breach, retitled by the record"

check "opened again" 0 env BREACHDASH_DATA="$NEW" "$BD" --db "$S" list --format tsv
lacks "... nothing more to say" "$T/err" "brought up"

# Back to the old record: the incident the store had from the record is
# the record's again; the user's change still stands.
check "back to the old record" 0 env BREACHDASH_DATA="$OLD" "$BD" --db "$S" list
contains "... the updated incident is the record's again" "$T/err" \
	"breachdash: the store was brought up to the bundled record: 1 updated; 1 changed here kept as it is"
