# breachdash import of VERIS records: a directory of them, bad files
# reported one line each and skipped, the summary line, --strict, importing
# again changing nothing, an updated file updating its record, the mapped
# records as the rest of the program sees them, and the VCDB sample when it
# is there.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/store.db"
FX="$TOP/tests/fixtures/veris"
VCDB="$TOP/../shared/vcdb"

snapshot() {  # NAME: the store's export, and the hash of its file
	"$BD" export >"$T/$1.export" 2>/dev/null
	sqlite3 "$BREACHDASH_DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	sha256sum <"$BREACHDASH_DB" >"$T/$1.sha"
}
unchanged() {  # DESC BEFORE AFTER
	same "$1: export unchanged" "$T/$2.export" "$T/$3.export"
	same "$1: database file unchanged" "$T/$2.sha" "$T/$3.sha"
}
ids() {  # FILTER: the ids it lists, one a line
	"$BD" list --filter "$1" --sort id --format tsv | awk -F '\t' 'NR > 1 { print $1 }'
}
lines() { grep -c '' "$1"; }
is() {  # DESC GOT WANT
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got: $2" "want: $3"; fi
}
P1=veris-b0a1f1c3-0001-4e5a-9c11-f1c3f1c30001
P2=veris-b0a1f1c3-0002-4e5a-9c11-f1c3f1c30002
P3=veris-b0a1f1c3-0003-4e5a-9c11-f1c3f1c30003
P4=veris-b0a1f1c3-0004-4e5a-9c11-f1c3f1c30004
P5=veris-b0a1f1c3-0005-4e5a-9c11-f1c3f1c30005
P6=veris-b0a1f1c3-0006-4e5a-9c11-f1c3f1c30006
P7=veris-b0a1f1c3-0007-4e5a-9c11-f1c3f1c30007

# ---- a directory, bad files skipped ----
check "a new store lists" 0 "$BD" list
native=$(ids "origin:native" | wc -l)
snapshot empty
check "import --format veris DIR: some files skipped, exit 1" 1 "$BD" import --format veris "$FX"
is "... the summary line" "$(cat "$T/out")" "9 files read: 7 imported, 0 updated, 0 unchanged, 2 skipped"
is "... one line per bad file" "$(lines "$T/err")" 2
contains "... not JSON: the file, where, why" "$T/err" "$FX/not-json.json:11:69: \$: not valid JSON: premature end of input"
contains "... wrong type: the file, where, the path, why" "$T/err" \
	"$FX/unexpected-types.json:47:16: \$.victim.country: expected an array, got \"GB\""
if grep -q "$(printf '\r')" "$T/err"; then not_ok "no progress line when stderr is not a terminal"
else ok "no progress line when stderr is not a terminal"; fi
is "the good records are in the store" "$(ids origin:veris | tr '\n' ' ')" "$P1 $P2 $P3 $P4 $P5 $P6 $P7 "
is "the native records are still there" "$(ids origin:native | wc -l)" "$native"

snapshot once
check "import the same directory again" 1 "$BD" import --format veris "$FX"
is "... changes nothing" "$(cat "$T/out")" "9 files read: 0 imported, 0 updated, 7 unchanged, 2 skipped"
snapshot twice
unchanged "importing again" once twice
check "and without --format (detected)" 1 "$BD" import "$FX"
is "... the same summary" "$(cat "$T/out")" "9 files read: 0 imported, 0 updated, 7 unchanged, 2 skipped"

# ---- the mapped records, as the rest of the program sees them ----
is "country:GB industry:police origin:veris" "$(ids 'country:GB industry:police origin:veris' | tr '\n' ' ')" \
	"$P1 $P2 $P3 $P5 $P7 "
is "-industry:police origin:veris" "$(ids '-industry:police origin:veris' | tr '\n' ' ')" "$P4 $P6 "
is "industry:92 (a NAICS prefix) takes in our own records" "$(ids 'industry:92 origin:native' | wc -l)" "$native"
is "country:uk is GB" "$(ids 'country:uk' | wc -l)" "$(ids 'country:GB' | wc -l)"
uk_native=$(ids 'origin:native -nation:outside-uk' | wc -l)
is "our own UK records are GB police" "$(ids 'country:GB industry:police origin:native' | wc -l)" "$uk_native"
sqlite3 "$BREACHDASH_DB" "UPDATE incident SET country = NULL, industry = NULL WHERE origin = 0"
is "... also when stored before the columns were filled" \
	"$(ids 'country:GB industry:police origin:native' | wc -l)" "$uk_native"
is "... and -industry:police leaves them out" "$(ids '-industry:police origin:native' | wc -l)" 0
is "nation:wales origin:veris" "$(ids 'nation:wales origin:veris' | tr '\n' ' ')" "$P2 $P6 "
is "outside-uk" "$(ids 'nation:outside-uk' | tr '\n' ' ')" "$P4 "
is "kind:supplier origin:veris" "$(ids 'kind:supplier origin:veris')" "$P3"
is "field:personal-unspecified" "$(ids 'field:personal-unspecified' | wc -l)" 5
is "the PSNI coded IE is in Northern Ireland" "$(ids 'nation:"northern ireland" origin:veris' | tr '\n' ' ')" "$P1 $P7 "
check "show the PSNI record coded IE" 0 "$BD" show "$P7"
contains "... Northern Ireland, and why" "$T/out" \
	"Nation        Northern Ireland (country IE in the record; recognised as PSNI)"
contains "... a UK police force" "$T/out" "Country       GB, industry NAICS 922120"
contains "... the record's code kept" "$T/out" "victim.country: IE"
contains "... the Northern Ireland threat level" "$T/out" "Northern Ireland-related: SEVERE"
contains "... the notification date is the disclosure date" "$T/out" "occurred 2023-08, discovered unknown, disclosed 2023-08-09"
contains "... the file it came from, and its master_id" "$T/out" \
	"              file psni-coded-ie.json, master_id C0FFEE00-0007-4E5A-9C11-F1C3F1C30007"
check "tsv says where a record came from" 0 "$BD" list --filter "id:$P1" --format tsv
contains "... origin veris" "$T/out" "$(printf 'northern-ireland\taccidental-disclosure\t9400\tapprox\tpersonal-unspecified\t\t\tunknown\tunknown\tsevere\tveris\t')"
check "show a mapped record" 0 "$BD" show "$P3"
contains "... its title in plain words" "$T/out" "Metropolitan Police Service: supplier compromised (2023)"
contains "... the force and the breached supplier" "$T/out" "Metropolitan Police Service (supplier: Example Payroll Services Ltd)"
contains "... country and industry" "$T/out" "Country       GB, industry NAICS 922120"
contains "... the partial date kept partial" "$T/out" "occurred 2023-08,"
contains "... the count, cited" "$T/out" "47,000 [vcdb]"
contains "... personal data, unspecified" "$T/out" "Exposed (2)       financial, personal, unspecified"
contains "... the impact" "$T/out" "Loss: Response and recovery, 250,000 GBP, rated Moderate"
contains "... its provenance" "$T/out" "Origin        VERIS B0A1F1C3-0003-4E5A-9C11-F1C3F1C30003"
contains "... the VCDB source" "$T/out" "[vcdb] VERIS Community Database"
contains "... a source per reference, the access date dropped" "$T/out" "https://www.example.com/statement"
contains "... other VERIS data" "$T/out" "Other VERIS data"
contains "... discovery method among it" "$T/out" "discovery_method.external.variety: Law enforcement"
contains "... the supplier's own industry among it" "$T/out" "victim.industry: 541214"
check "show --format md" 0 "$BD" show "$P6" --format md
contains "... other VERIS data, unknown keys kept" "$T/out" "- x\\_confidence\\_score: 0.75"
check "show a record whose data were potentially disclosed" 0 "$BD" show "$P2"
contains "... at risk: exposed (reported), medical data among it" "$T/out" \
	"Exposed (2)       personal, unspecified (reported), medical (reported)"
contains "... and why" "$T/out" "VERIS data_disclosure Potentially: at risk, not confirmed"
contains "... the sum of the amounts is records" "$T/out" "affected at least 40 [vcdb]: records (the sum of the amounts of"
check "show a record whose data are of unknown variety" 0 "$BD" show "$P5"
contains "... exposed, under its own group" "$T/out" "Exposed (1)       other/unknown data"
check "show a record without a timeline" 0 "$BD" show "$P4"
contains "... no date" "$T/out" "occurred unknown"
contains "... no year in its title" "$T/out" "Mairie d'Exemple-sur-Mer: ransomware attack"
check "show a record without a total" 0 "$BD" show "$P5"
contains "... affected unknown" "$T/out" "Affected      unknown"

# Exported, a VERIS record is a native record like any other.
"$BD" export --filter origin:veris >"$T/veris.export"
check "export of VERIS records imports into another store as native JSON" 0 \
	"$BD" --db "$T/other.db" import "$T/veris.export"
contains "... all new" "$T/out" "7 incidents read from 1 file: 7 new, 0 updated, 0 unchanged"
"$BD" --db "$T/other.db" export --filter origin:veris >"$T/veris.again"
same "... and exports the same" "$T/veris.export" "$T/veris.again"

# ---- --strict ----
export BREACHDASH_DB="$T/strict.db"
check "a second store lists" 0 "$BD" list
snapshot s0
check "--strict with a bad file fails" 1 "$BD" import --strict --format veris "$FX"
contains "... names the bad file" "$T/err" "not-json.json:11:69:"
contains "... says nothing was imported" "$T/err" "2 bad files and --strict; nothing was imported"
lacks "... and prints no summary" "$T/out" "files read"
snapshot s1
unchanged "a --strict import that failed" s0 s1
mkdir -p "$T/good"
cp "$FX/uk-police-disclosure.json" "$FX/stolen-laptop.json" "$T/good/"
check "--strict with good files only imports" 0 "$BD" import --strict "$T/good"
is "... the summary line" "$(cat "$T/out")" "2 files read: 2 imported, 0 updated, 0 unchanged, 0 skipped"

# ---- an updated file, one file, detection ----
mkdir -p "$T/upd"
sed -e 's/"modified": "2024-01-12T09:30:00Z"/"modified": "2024-02-01T00:00:00Z"/' \
    -e 's/carried a hidden tab/carried a hidden worksheet/' "$FX/uk-police-disclosure.json" >"$T/upd/newer.json"
check "an updated file, detected by its keys" 0 "$BD" import "$T/upd/newer.json"
is "... updates its record" "$(cat "$T/out")" "1 file read: 0 imported, 1 updated, 0 unchanged, 0 skipped"
check "... show has the new summary" 0 "$BD" show "$P1"
contains "... the new summary" "$T/out" "hidden worksheet"
check "the older file again" 0 "$BD" import "$FX/uk-police-disclosure.json"
is "... does not replace a newer record" "$(cat "$T/out")" "1 file read: 0 imported, 0 updated, 1 unchanged, 0 skipped"

# ---- native files keep their rule; formats ----
printf '{"id": "bad native"}\n' >"$T/bad.jsonl"
snapshot m0
check "a bad native file among VERIS files, --strict: fails" 1 "$BD" import --strict "$T/bad.jsonl" "$FX/missing-timeline.json"
contains "... names the bad file and where" "$T/err" "$T/bad.jsonl:1:1: \$:"
contains "... nothing was imported" "$T/err" "1 bad file and --strict; nothing was imported"
snapshot m1
unchanged "a mixed import that failed" m0 m1
check "... without --strict: the bad native file is skipped like a bad VERIS file" 1 \
	"$BD" import "$T/bad.jsonl" "$FX/missing-timeline.json"
is "... the rest lands" "$(cat "$T/out")" "2 files read: 1 imported, 0 updated, 0 unchanged, 1 skipped"

# ---- one rule for a folder with a truncated file, whatever its format ----
export BREACHDASH_DB="$T/folder.db"
mkdir -p "$T/folder"
cp "$FX/uk-police-disclosure.json" "$FX/stolen-laptop.json" "$FX/psni-coded-ie.json" "$T/folder/"
head -c 40 "$FX/supplier-hack.json" >"$T/folder/truncated.json"    # names no VERIS key
head -c 300 "$TOP/tests/fixtures/data/incidents.json" >"$T/folder/cut-native.json"
sed -n 1p "$TOP/tests/cli/fixtures/extra.jsonl" >"$T/folder/lines.ndjson"
check "a folder with truncated files: the good ones land, exit 1" 1 "$BD" import "$T/folder"
is "... the summary" "$(cat "$T/out")" "6 files read: 4 imported, 0 updated, 0 unchanged, 2 skipped"
contains "... the truncated VERIS file is named, with where and why" "$T/err" "$T/folder/truncated.json:"
contains "... the truncated native file too" "$T/err" "$T/folder/cut-native.json:"
is "... one line each" "$(grep -c "folder/" "$T/err")" 2
is "... the .ndjson file is read, not skipped" "$(ids 'id:fx-veris-2019')" "fx-veris-2019"
is "... every good VERIS file landed" "$(ids 'origin:veris -id:fx-veris-2019' | wc -l)" 3
check "--format native on a VERIS file: the native rules" 1 "$BD" import --format native "$FX/missing-timeline.json"
contains "... unknown keys" "$T/err" "unknown key"
check "--format bogus is a usage error" 2 "$BD" import --format bogus "$FX"
check "import --help names veris and --strict" 0 "$BD" import --help
contains "... --strict" "$T/out" "--strict"
contains "... veris" "$T/out" "auto|native|veris"

# ---- progress on a terminal ----
if command -v script >/dev/null 2>&1; then
	export BREACHDASH_DB="$T/many.db"
	mkdir -p "$T/many"
	awk -v dir="$T/many" '{ text = text $0 "\n" } END {
		for (i = 1; i <= 1500; i++) {
			id = sprintf("B0A1F1C3-9999-4E5A-9C11-%012d", i)
			t = text; gsub(/B0A1F1C3-0001-4E5A-9C11-F1C3F1C30001/, id, t)
			f = dir "/" id ".json"; printf "%s", t > f; close(f)
		} }' "$FX/uk-police-disclosure.json"
	script -qfec "\"$BD\" import \"$T/many\"" /dev/null >"$T/tty" 2>&1
	contains "on a terminal: a progress line" "$T/tty" "$(printf '\r importing ')"
	contains "... then the summary" "$T/tty" "1500 files read: 1500 imported, 0 updated, 0 unchanged, 0 skipped"
else
	ok "progress on a terminal # SKIP no script(1)"
fi

# ---- the VCDB sample (real records; not in the repository) ----
if [ -d "$VCDB" ]; then
	export BREACHDASH_DB="$T/vcdb.db"
	nf=$(ls "$VCDB" | grep -ci '\.json$')
	check "import the VCDB sample" 0 "$BD" import "$VCDB"
	is "... every file read, one pair of files holding one incident" "$(cat "$T/out")" \
		"$nf files read: $((nf - 1)) imported, 0 updated, 1 unchanged, 0 skipped"
	check "import the VCDB sample again" 0 "$BD" import --format veris "$VCDB"
	is "... changes nothing" "$(cat "$T/out")" "$nf files read: 0 imported, 0 updated, $nf unchanged, 0 skipped"
	is "... one record per incident" "$(ids origin:veris | wc -l)" $((nf - 1))
	H=veris-fa87b9e1-2a5e-4c02-9970-7fd7fe96bb47
	is "country:GB industry:police finds the UK police record" "$(ids 'country:GB industry:police origin:veris')" "$H"
	is "industry:police also finds police abroad" "$(ids 'industry:police -country:GB origin:veris')" \
		"veris-1b8ab0dd-2ebe-45aa-a1bd-294f7b74fa54"
	check "show the Hertfordshire Police record" 0 "$BD" show "$H"
	contains "... title" "$T/out" "Hertfordshire Police: records lost (2008)"
	contains "... nation" "$T/out" "Nation        England"
	contains "... count, not called exact" "$T/out" "Affected      ~165,000 [vcdb]"
	contains "... what VERIS counted" "$T/out" "affected 165,000 [vcdb]: records (VERIS data_total), not a"
	contains "... personal, unspecified" "$T/out" "Exposed (1)       personal, unspecified"
	contains "... its reference" "$T/out" "http://blog.annualcreditreport.co.uk/tagged/data-loss"
	contains "... its flash drive, as other VERIS data" "$T/out" "asset.assets[0].variety: M - Flash drive"
	check "the Guangdong Public Security Bureau record" 0 "$BD" list --filter 'id:veris-ae2887b8-f00b-4b52-ba46-39672af7c2f8' --format tsv
	contains "... is outside the UK, a hack of 4,440,000" "$T/out" "$(printf 'outside-uk\tcyber-attack\t4440000\tapprox\t')"
	check "a newer file's record is named by its incident_id, not its file name" 0 "$BD" show veris-fb184ba0-e0c4-11ef-bb83-fdfe95aef2b7
	contains "... Taj Hotels, 2024-11" "$T/out" "Taj Hotels: hacked (2024)"
else
	ok "VCDB sample # SKIP no VCDB sample at $VCDB"
	echo "# VCDB sample not found at $VCDB: skipped"
fi
