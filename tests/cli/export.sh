# breachdash export: the native JSON round trip, CSV, Markdown, --filter.
# The store is the bundled data plus tests/cli/fixtures/extra.jsonl, whose
# cells start with = @ -, hold quotes, commas, a pipe, a tab and a newline.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/store.db"
jq_() { sqlite3 :memory: "WITH d(x) AS (SELECT CAST(readfile('$1') AS TEXT)) $2"; }
lines_are() {  # DESC FILE N
	got=$(wc -l <"$2")
	if [ "$got" -eq "$3" ]; then ok "$1"; else not_ok "$1" "$got lines, expected $3"; fi
}
CR=$(printf '\r')

check "the fixtures import" 0 "$BD" import "$TOP/tests/cli/fixtures/extra.jsonl"
total=$("$BD" list --format tsv | awk 'NR > 1' | wc -l)
psni=$("$BD" list --format tsv --filter force:psni | awk 'NR > 1' | wc -l)

# ---- JSON: export, import into an empty store, export again ----
check "export (json) exits 0" 0 "$BD" export
cp "$T/out" "$T/e1.json"
if [ "$(jq_ "$T/e1.json" "SELECT json_valid(x) || json_extract(x, '\$.schema') || json_array_length(x, '\$.incidents') FROM d")" = "1breachdash/1$total" ]; then
	ok "export json parses: schema breachdash/1, every incident"; else
	not_ok "export json parses: schema breachdash/1, every incident" "$(head -3 "$T/e1.json")"; fi
check "the export validates as the native format" 0 "$BD" validate "$T/e1.json"
jq_ "$T/e1.json" "SELECT json_extract(value, '\$.id') FROM d, json_each(d.x, '\$.incidents')" >"$T/got"
sort "$T/got" >"$T/want"
same "export is in id order" "$T/want" "$T/got"
jq_ "$T/e1.json" "SELECT (SELECT group_concat(key, ',') FROM json_each(i.value)) FROM d, json_each(d.x, '\$.incidents') i
	WHERE json_extract(i.value, '\$.id') = 'fx-nodate'" >"$T/got"
echo "id,title,summary,organisation,nation,kind,affected,fields,referrals,impacts,quotes,figures,sources" >"$T/want"
same "keys in the order of data/SCHEMA.md" "$T/want" "$T/got"
contains "export escapes non-ASCII and control characters" "$T/e1.json" \
	'"title": "Line one\nline two\twith | pipe, comma and \"quotes\" \u00A35",'
jq_ "$T/e1.json" "SELECT json_extract(i.value, '\$.origin') FROM d, json_each(d.x, '\$.incidents') i
	WHERE json_extract(i.value, '\$.id') = 'fx-veris-2019'" >"$T/got"
echo '{"format":"veris","record_id":"ABC-123","extra":{"victim":{"industry":"92"}}}' >"$T/want"
same "provenance and its extra data survive" "$T/want" "$T/got"

# An empty store that still has the threat levels: a data directory
# without incidents.json, so nothing is seeded.
mkdir "$T/data"
cp "$TOP/tests/fixtures/data/threat_levels.json" "$T/data/"
fresh() { BREACHDASH_DATA="$T/data" "$BD" --db "$T/fresh.db" "$@"; }
check "a fresh empty store" 0 fresh list --format tsv
lines_are "... is empty" "$T/out" 1
check "import the export into it" 0 fresh import "$T/e1.json"
contains "... every incident new" "$T/out" "$total incidents read from 1 file: $total new, 0 updated, 0 unchanged"
check "export the fresh store" 0 fresh export
cp "$T/out" "$T/e2.json"
same "export, import, export gives the identical document" "$T/e1.json" "$T/e2.json"
"$BD" list --format tsv >"$T/want"
fresh list --format tsv >"$T/got"
same "... and the same list, derived columns included" "$T/want" "$T/got"
check "importing it again changes nothing" 0 fresh import "$T/e2.json"
contains "... all unchanged" "$T/out" "$total incidents read from 1 file: 0 new, 0 updated, $total unchanged"

# ---- CSV ----
check "export --format csv" 0 "$BD" export --format csv
cp "$T/out" "$T/csv"
printf 'id,date,force,supplier,nation,kind,affected,qualifier,exposed,not_exposed,lost,ico,nca,threat,origin,title\r\n' >"$T/want"
head -1 "$T/csv" >"$T/got"
same "csv header" "$T/want" "$T/got"
lines_are "csv: one line per incident, even with a newline in a title" "$T/csv" $((total + 1))
if [ "$(grep -c "$CR\$" "$T/csv")" -eq $((total + 1)) ]; then ok "csv lines end in CRLF"; else not_ok "csv lines end in CRLF"; fi
# RFC 4180 read strictly: every cell "quoted" with "" for a quote, 15 a row
csv_cells() {
	awk '{
		sub(/\r$/, ""); n = 0; i = 1; L = length($0)
		while (i <= L) {
			if (substr($0, i, 1) != "\"") { print "#   unquoted cell " n + 1 " in line " NR; bad = 1; next }
			i++
			while (i <= L) {
				c = substr($0, i, 1)
				if (c == "\"" && substr($0, i + 1, 1) == "\"") i += 2
				else if (c == "\"") break
				else i++
			}
			if (i > L) { print "#   unterminated quote in line " NR; bad = 1; next }
			n++; i++
			if (i <= L && substr($0, i, 1) != ",") { print "#   junk after cell " n " in line " NR; bad = 1; next }
			if (i == L) { print "#   unquoted last cell in line " NR; bad = 1; next }
			i++
		}
		if (n != 16) { print "#   " n " cells in line " NR; bad = 1 }
	} END { exit bad }' "$1"
}
if sed 1d "$T/csv" | csv_cells /dev/stdin >"$T/why"; then ok "csv: every cell quoted, 16 cells a row"; else
	not_ok "csv: every cell quoted, 16 cells a row" "$(head -3 "$T/why")"; fi
contains "csv: a cell starting with = is defused" "$T/csv" \
	"\"'=HYPERLINK(\"\"https://example.com/\"\",\"\"x\"\") formula title\""
contains "csv: ... and one starting with @" "$T/csv" "\"'@Scotland\""
contains "csv: ... and one starting with -" "$T/csv" "\"'-Minus Ltd\""
contains "csv: quotes doubled, newline and tab flattened" "$T/csv" \
	"\"Line one line two with | pipe, comma and \"\"quotes\"\" £5\"$CR"
contains "csv: the Met row" "$T/csv" \
	'"met-2023-08-supplier","2023-08-26","Met","Digital ID","england","supplier-compromise","47000","approx","name, rank, photo, id-number (reported), pay-number, vetting-level","home-address, phone, financial","","referred","investigating","substantial","native",'
contains "csv: an unknown count is an empty cell" "$T/csv" '"syp-2023-08-bwv-loss","2023-07-26","South Yorkshire","","england","loss","","unknown",'
contains "csv: a body with no referral recorded is an empty cell" "$T/csv" '"syp-2023-08-bwv-loss","2023-07-26","South Yorkshire","","england","loss","","unknown","","","video, evidence","reprimand","","substantial","native",'
if grep -q "\"'-\"" "$T/csv"; then not_ok "csv: no cell reads '-"; else ok "csv: no cell reads '-"; fi
sed 1d "$T/csv" | cut -d, -f1 | tr -d '"' >"$T/got"
sort "$T/got" >"$T/want"
same "csv in id order" "$T/want" "$T/got"
"$BD" export --format csv --reverse | sed 1d | cut -d, -f1 | tr -d '"' >"$T/got"
sort -r "$T/want" >"$T/want.r"
same "csv --reverse" "$T/want.r" "$T/got"
check "csv --filter" 0 "$BD" export --format csv --filter kind:theft
thefts=$("$BD" list --format tsv --filter kind:theft | wc -l)   # header included
lines_are "... has the header and the matching rows only" "$T/out" "$thefts"
if sed 1d "$T/out" | grep -q . && ! sed 1d "$T/out" | grep -vq '^"[^"]*","[^"]*","[^"]*","[^"]*","[^"]*","theft",'; then
	ok "... all thefts"; else not_ok "... all thefts" "$(cat "$T/out")"; fi

# ---- Markdown ----
check "export --format md" 0 "$BD" export --format md
cp "$T/out" "$T/md"
printf '| Date | Force | Kind | Affected | Exposed | Lost | ICO | NCA | Threat | Title |\n|---|---|---|---:|---|---|---|---|---|---|\n' >"$T/want"
head -2 "$T/md" >"$T/got"
same "md table header and alignment row" "$T/want" "$T/got"
lines_are "md: one row per incident" "$T/md" $((total + 2))
if sed 's/\\|//g' "$T/md" | awk -F'|' 'NF != 12 || !/^\| .* \|$|^\|---/ { bad = 1 } END { exit bad }'; then
	ok "md: every row has ten cells"; else not_ok "md: every row has ten cells" "$(sed 's/\\|//g' "$T/md" | awk -F'|' 'NF != 12' | head -2)"; fi
contains "md: a pipe in a title is escaped" "$T/md" 'Line one line two with \| pipe, comma and "quotes" £5 |'
contains "md: the Met row" "$T/md" "| 2023-08-26 | Met | supplier compromise | ~47,000 | name, rank or grade, photo, ID number (reported), pay number, vetting level | - | referred | investigating | SUBSTANTIAL | Hack of"
check "md --filter" 0 "$BD" export --format md --filter force:psni
lines_are "... only PSNI rows" "$T/out" $((psni + 2))
if sed 1,2d "$T/out" | grep -vq '^| [^|]* | PSNI |'; then not_ok "... all PSNI" "$(cat "$T/out")"; else ok "... all PSNI"; fi

# ---- json --filter ----
check "json --filter" 0 "$BD" export --filter force:psni
cp "$T/out" "$T/psni.json"
if [ "$(jq_ "$T/psni.json" "SELECT count(*) || '/' || sum(json_extract(value, '\$.organisation.short') = 'PSNI') FROM d, json_each(d.x, '\$.incidents')")" = "$psni/$psni" ]; then
	ok "... has exactly the PSNI incidents"; else not_ok "... has exactly the PSNI incidents"; fi
check "... and validates" 0 "$BD" validate "$T/psni.json"
check "json with nothing matching" 0 "$BD" export --filter id:no-such-thing
cp "$T/out" "$T/none.json"
check "... is an empty document that validates" 0 "$BD" validate "$T/none.json"
if [ "$(jq_ "$T/none.json" "SELECT json_array_length(x, '\$.incidents') FROM d")" = 0 ]; then ok "... with no incidents"; else
	not_ok "... with no incidents" "$(cat "$T/none.json")"; fi

# ---- bad usage ----
check "export --format xml is a usage error" 2 "$BD" export --format xml
contains "... naming it" "$T/err" "'xml'"
check "a bad filter is a usage error" 2 "$BD" export --filter 'nation:atlantis'
contains "... naming the column" "$T/err" "column 1"
check "an unexpected argument is a usage error" 2 "$BD" export met-2023-08-supplier
