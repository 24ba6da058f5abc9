# breachdash show: one incident as text, Markdown and native JSON.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/store.db"
jq_() { sqlite3 :memory: "WITH d(x) AS (SELECT CAST(readfile('$1') AS TEXT)) $2"; }
# section NAME FILE: the lines of a text section, up to the next blank line
section() { awk -v s="$1" '$0 == s { f = 1; next } /^$/ { f = 0 } f' "$2"; }
# matches DESC FILE ERE: FILE has a line matching the extended regex
matches() {
	if grep -Eq -- "$3" "$2"; then ok "$1"; else not_ok "$1" "no line matching: $3"; fi
}

MET=met-2023-08-supplier
PSNI=psni-2023-08-foi-spreadsheet

# ---- text ----
check "show $MET" 0 "$BD" show $MET
cp "$T/out" "$T/met.txt"
matches "text starts with the id" "$T/met.txt" "^$MET\$"
contains "text has the title" "$T/met.txt" "Hack of warrant-card printer Digital ID"
section Fields "$T/met.txt" | tr -s ' \n' '  ' >"$T/fields"
contains "exposed: names, ranks, photos, ID and pay numbers, vetting levels" "$T/fields" \
	"Exposed (6) name, rank or grade, photo, ID number (reported), pay number, vetting level Not exposed"
contains "not exposed: home address, phone, financial" "$T/fields" \
	"Not exposed (3) home address, phone, financial Unknown"
contains "unknown fields are listed as unknown, not as safe" "$T/fields" \
	"Unknown (21) initial, surname, role, unit, location, e-mail, date of birth, gender, victim details, crime details, video, evidence, personal, unspecified, medical, credentials, internal data, classified, secrets, system data, copyrighted, other/unknown data"
section Referrals "$T/met.txt" >"$T/refs"
matches "NCA referral, by the Met" "$T/refs" '^  2023-08-26  NCA +referred, by Metropolitan Police Service \[s'
matches "NCA investigating" "$T/refs" '^  2023-09-14  NCA +investigating \[s'
matches "ICO referral" "$T/refs" '^  2023-08-26  ICO +referred, by Metropolitan Police Service \[s'
section "Threat level in force" "$T/met.txt" >"$T/threat"
contains "threat level in England: the UK national level" "$T/threat" "UK national: SUBSTANTIAL (in force from 2022-02-09 to 2026-04-29)"
lacks "... and no Northern Ireland level" "$T/threat" "Northern Ireland-related"
contains "conflicting figures are kept" "$T/met.txt" "over 20,000"
section Sources "$T/met.txt" >"$T/sources"
contains "sources are listed with publisher and title" "$T/sources" \
	'[s1] Cyber Security Intelligence, "British Police On High Alert After Supply Chain Breach"'
contains "... and address" "$T/sources" "https://therecord.media/metropolitan-police-data-leak-hackers-uk"
# every source cited anywhere ("[s7, s8, s1]") is in the list of sources
grep -o '\[s[0-9][^]]*\]' "$T/met.txt" | grep -o 's[0-9][0-9]*' | sort -u >"$T/cited"
sed -n 's/^  \[\(s[0-9][0-9]*\)\] .*/\1/p' "$T/sources" | sort -u >"$T/listed"
missing=$(comm -23 "$T/cited" "$T/listed")
if [ -s "$T/cited" ] && [ -z "$missing" ]; then ok "every cited source is listed"; else
	not_ok "every cited source is listed" "missing: $missing"; fi

check "show $PSNI" 0 "$BD" show $PSNI
cp "$T/out" "$T/psni.txt"
section "Conflicting figures" "$T/psni.txt" >"$T/conflicts"
awk '/^  affected$/ { f = 1; next } /^  [^ ]/ { f = 0 } f' "$T/conflicts" >"$T/affected"
matches "conflicting figures: 9,483" "$T/affected" '^    9,483 +\[s'
matches "... side by side with about 10,000" "$T/affected" '^    about 10,000 +\[s'
matches "the headline figure is 9,483" "$T/psni.txt" '^Affected +9,483 '
section "Threat level in force" "$T/psni.txt" >"$T/threat"
contains "Northern Ireland threat level SEVERE" "$T/threat" "Northern Ireland-related: SEVERE (in force from 2023-03-28 to 2024-03-05)"
contains "... and the UK national level beside it" "$T/threat" "UK national: SUBSTANTIAL"
matches "the ICO fine with its amount" "$T/psni.txt" '^  2024-10-03  ICO +fine £750,000 \['
check "--ascii show" 0 "$BD" --ascii show $PSNI
if LC_ALL=C grep -q '[^ -~]' "$T/out"; then not_ok "--ascii show is pure ASCII" "$(LC_ALL=C grep '[^ -~]' "$T/out" | head -2)"
else ok "--ascii show is pure ASCII"; fi
matches "... with pounds spelt out" "$T/out" 'fine GBP 750,000'
if LC_ALL=C grep -q "$(printf '\033')" "$T/met.txt" "$T/psni.txt"; then not_ok "piped text has no escape sequences"
else ok "piped text has no escape sequences"; fi

# ---- Markdown ----
check "show --format md" 0 "$BD" show $MET --format md
cp "$T/out" "$T/met.md"
matches "md title is a heading" "$T/met.md" '^## Hack of warrant-card printer Digital ID'
contains "md id row" "$T/met.md" "| Id | \`$MET\` |"
contains "md exposed" "$T/met.md" "- **Exposed:** name, rank or grade, photo, ID number (reported), pay number, vetting level"
contains "md not exposed" "$T/met.md" "- **Not exposed:** home address, phone, financial"
contains "md unknown" "$T/met.md" "- **Unknown:** initial, surname, role,"
contains "md NCA referral" "$T/met.md" "- 2023-08-26 NCA: referred \\[s7"
contains "md ICO referral" "$T/met.md" "- 2023-08-26 ICO: referred \\[s7"
contains "md sources heading" "$T/met.md" "### Sources"
contains "md source with address" "$T/met.md" "- \\[s6\\] The Record, *'Incredible concern and anger' among Metropolitan Police after hackers breach data*, <https://therecord.media/metropolitan-police-data-leak-hackers-uk>"
check "show psni --format md" 0 "$BD" show $PSNI --format md
matches "md conflicting figures side by side" "$T/out" '^- \*\*affected\*\*: 9,483 .* vs about 10,000 '
contains "md threat: NI SEVERE and UK" "$T/out" "| Threat level | NI-related SEVERE (in force from 2023-03-28 to 2024-03-05); UK SUBSTANTIAL"

# ---- JSON ----
check "show --format json" 0 "$BD" show $MET --format json
cp "$T/out" "$T/met.json"
if [ "$(jq_ "$T/met.json" "SELECT json_valid(x) AND json_type(x) = 'object' FROM d")" = 1 ]; then
	ok "json parses to an object"; else not_ok "json parses to an object" "$(head -3 "$T/met.json")"; fi
jq_ "$T/met.json" "SELECT json_extract(x, '\$.id'), json_extract(x, '\$.fields.exposed'), json_extract(x, '\$.fields.not_exposed') FROM d" >"$T/got"
echo "$MET"'|["name","rank","photo","id-number","pay-number","vetting-level"]|["home-address","phone","financial"]' >"$T/want"
same "json fields exposed and not exposed" "$T/want" "$T/got"
jq_ "$T/met.json" "SELECT group_concat(json_extract(value, '\$.body') || ':' || json_extract(value, '\$.status'), ' ') FROM d, json_each(d.x, '\$.referrals')" >"$T/got"
echo "nca:referred nca:investigating ico:referred other:referred" >"$T/want"
same "json referrals" "$T/want" "$T/got"
jq_ "$T/met.json" "SELECT json_array_length(x, '\$.sources') > 0, json_extract(x, '\$.sources[0].id') FROM d" >"$T/got"
echo "1|s1" >"$T/want"
same "json sources" "$T/want" "$T/got"
{ printf '{"schema": "breachdash/1", "incidents": [\n'; cat "$T/met.json"; printf ']}\n'; } >"$T/wrapped.json"
check "json is a valid native incident (validate accepts it)" 0 "$BD" validate "$T/wrapped.json"
"$BD" export --filter id:$MET >"$T/export.json"
a=$(jq_ "$T/met.json" "SELECT json(x) FROM d")
b=$(jq_ "$T/export.json" "SELECT json_extract(x, '\$.incidents[0]') FROM d")
if [ -n "$a" ] && [ "$a" = "$b" ]; then ok "json is the incident as export writes it"; else
	not_ok "json is the incident as export writes it"; fi

# ---- errors ----
check "a missing id fails with 1" 1 "$BD" show no-such-incident
contains "... naming the id" "$T/err" '"no-such-incident"'
if [ -s "$T/out" ]; then not_ok "... printing nothing on stdout"; else ok "... printing nothing on stdout"; fi
check "a missing id fails with 1 in md too" 1 "$BD" show no-such-incident --format md
check "no id is a usage error" 2 "$BD" show
contains "... with the usage" "$T/err" "usage: breachdash show ID"
check "two ids are a usage error" 2 "$BD" show $MET $PSNI
check "--format html is a usage error" 2 "$BD" show $MET --format html
contains "... naming the format" "$T/err" "'html'"
