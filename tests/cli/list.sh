# breachdash list: the three formats, every sort key, the filter language.
# The store is the bundled data plus tests/cli/fixtures/extra.jsonl (a VERIS
# record outside the UK dated only "2019", one dated only "2023-08", one with
# no date, a count "up to", a title with a tab, a newline and a bidi control).
# Orders and filters are checked against the TSV columns row by row, so the
# tests keep holding when the bundled data grows.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/store.db"

check "the fixtures import" 0 "$BD" import "$TOP/tests/cli/fixtures/extra.jsonl"
contains "... as three new incidents" "$T/out" "3 incidents read from 1 file: 3 new, 0 updated, 0 unchanged"
"$BD" list --format tsv >"$T/all.tsv"
total=$(awk 'NR > 1' "$T/all.tsv" | wc -l)

# no_escapes DESC FILE: no ESC byte, no C1 CSI, no bidi override in FILE
no_escapes() {
	if LC_ALL=C grep -q "$(printf '\033\\|\302\233\\|\342\200\256')" "$2"; then
		not_ok "$1" "escape or bidi control in the output"
	else ok "$1"; fi
}

# ---- table ----
check "list (table) exits 0" 0 "$BD" list
cp "$T/out" "$T/table"
if head -1 "$T/table" | grep -Eq '^ID +DATE +FORCE +KIND +AFFECTED +FLDS +ICO +NCA +THREAT +ORIGIN *$'; then
	ok "table has its header line"; else not_ok "table has its header line" "$(head -1 "$T/table")"; fi
same_count() {  # DESC FILE N: FILE has N lines
	got=$(wc -l <"$2")
	if [ "$got" -eq "$3" ]; then ok "$1"; else not_ok "$1" "$got lines, expected $3"; fi
}
same_count "table has a header and one line per incident" "$T/table" $((total + 1))
if grep -Eq '^met-2023-08-supplier +2023-08-26 +Met +supplier-compromise +~47,000 +6 +referred +investigating +substantial +native *$' "$T/table"; then
	ok "table row for the Met breach"; else not_ok "table row for the Met breach" "$(grep met- "$T/table")"; fi
if grep -Eq '^fx-nodate +- +@Scotland +cyber-attack +≤123,456 +10 +unknown +fine +- +(native|veris) *$' "$T/table"; then
	ok "table row with no date and an 'up to' count"; else not_ok "table row with no date and an 'up to' count" "$(grep fx-nodate "$T/table")"; fi
widths=$(while IFS= read -r l; do printf '%s' "$l" | wc -L; done <"$T/table" | sort -u | wc -l)
if [ "$widths" -eq 1 ]; then ok "every table line has the same display width (columns line up)"; else
	not_ok "every table line has the same display width (columns line up)" \
		"$(while IFS= read -r l; do printf '%s %s\n' "$(printf '%s' "$l" | wc -L)" "$l"; done <"$T/table" | head -5)"; fi
no_escapes "table piped: no escape sequences" "$T/table"
check "--ascii table" 0 "$BD" --ascii list
if LC_ALL=C grep -q '[^ -~]' "$T/out"; then not_ok "--ascii table is pure ASCII" "$(LC_ALL=C grep '[^ -~]' "$T/out" | head -2)"
else ok "--ascii table is pure ASCII"; fi
contains "--ascii writes 'up to' as <=" "$T/out" "<=123,456"

# ---- tsv ----
check "list --format tsv exits 0" 0 "$BD" list --format tsv
cp "$T/out" "$T/tsv"
printf 'id\tdate\tforce\tsupplier\tnation\tkind\taffected\tqualifier\texposed\tnot_exposed\tlost\tico\tnca\tthreat\torigin\ttitle\n' >"$T/want"
head -1 "$T/tsv" >"$T/got"
same "tsv header" "$T/want" "$T/got"
same_count "tsv has a header and one line per incident" "$T/tsv" $((total + 1))
if awk -F'\t' 'NF != 16 { bad = 1 } END { exit bad }' "$T/tsv"; then ok "every tsv line has 16 fields"; else
	not_ok "every tsv line has 16 fields" "$(awk -F'\t' 'NF != 16' "$T/tsv" | head -3)"; fi
contains "tsv row for the Met breach" "$T/tsv" "$(printf 'met-2023-08-supplier\t2023-08-26\tMet\tDigital ID\tengland\tsupplier-compromise\t47000\tapprox\tname, rank, photo, id-number (reported), pay-number, vetting-level\thome-address, phone, financial\t\treferred\tinvestigating\tsubstantial\tnative\tHack of')"
contains "tsv: an unknown count is empty, qualifier unknown" "$T/tsv" "$(printf 'syp-2023-08-bwv-loss\t2023-07-26\tSouth Yorkshire\t\tengland\tloss\t\tunknown\t')"
contains "tsv: tab and newline in a title become spaces" "$T/tsv" "$(printf '\tLine one line two with | pipe, comma and "quotes" £5')"
contains "tsv: a VERIS record says so" "$T/tsv" "$(printf 'fx-veris-2019\t2019\tacme\t\toutside-uk\tother\t\tunknown\t\t\t\tunknown\tunknown\t-\tveris\tEvil  reversed title')"
no_escapes "tsv piped: no escape sequences, bidi control removed" "$T/tsv"

# ---- json (parsed by SQLite's JSON functions) ----
jq_() { sqlite3 :memory: "WITH d(x) AS (SELECT CAST(readfile('$1') AS TEXT)) $2"; }
check "list --format json exits 0" 0 "$BD" list --format json
cp "$T/out" "$T/json"
if [ "$(jq_ "$T/json" 'SELECT json_valid(x) FROM d')" = 1 ]; then ok "list json parses"; else
	not_ok "list json parses" "$(head -5 "$T/json")"; fi
if [ "$(jq_ "$T/json" 'SELECT json_array_length(x) FROM d')" = "$total" ]; then ok "list json has one object per incident"; else
	not_ok "list json has one object per incident"; fi
jq_ "$T/json" "SELECT json_extract(value, '\$.id') FROM d, json_each(d.x)" >"$T/got"
awk -F'\t' 'NR > 1 { print $1 }' "$T/tsv" >"$T/want"
same "list json ids in the same order as tsv" "$T/want" "$T/got"
jq_ "$T/json" "SELECT json_extract(value, '\$.affected.count'), json_extract(value, '\$.affected.qualifier'),
	json_extract(value, '\$.threat'), json_extract(value, '\$.exposed'), json_extract(value, '\$.organisation.short')
	FROM d, json_each(d.x) WHERE json_extract(value, '\$.id') = 'met-2023-08-supplier'" >"$T/got"
echo '47000|approx|substantial|["name","rank","photo","id-number","pay-number","vetting-level"]|Met' >"$T/want"
same "list json: the Met breach's count, qualifier, threat, fields" "$T/want" "$T/got"
jq_ "$T/json" "SELECT json_type(value, '\$.affected.count'), json_type(value, '\$.threat') FROM d, json_each(d.x)
	WHERE json_extract(value, '\$.id') = 'fx-veris-2019'" >"$T/got"
echo 'null|null' >"$T/want"
same "list json: unknown count and threat are null, not 0" "$T/want" "$T/got"
check "list json with nothing matching" 0 "$BD" list --format json --filter id:no-such-thing
if [ "$(jq_ "$T/out" 'SELECT json_valid(x) || json_array_length(x) FROM d')" = 10 ]; then
	ok "... is an empty array"; else not_ok "... is an empty array" "$(cat "$T/out")"; fi
no_escapes "json piped: no escape sequences" "$T/json"

# ---- sorting ----
# sorted KEY DIR FILE: rows of the TSV FILE are ordered by KEY (as the store
# orders it: enum order for vocabularies, unknown first) then by id, all
# ascending or all descending; and the key takes at least two values.
sorted() {
	awk -F'\t' -v key="$1" -v dir="$2" '
	function rank(v, list,   n, a, i) {
		if (v == "" || v == "-" || v == "unknown") return -1
		n = split(list, a, " ")
		for (i = 1; i <= n; i++) if (a[i] == v) return i
		return 99
	}
	function k(   tmp) {
		if (key == "date") return "d" $2
		if (key == "force") return "f" tolower($3)
		if (key == "kind") return rank($6, "supplier-compromise accidental-disclosure theft loss insider-misuse cyber-attack other")
		if (key == "affected") return $7 == "" ? -1 : $7 + 0
		if (key == "fields") return $9 == "" ? 0 : split($9, tmp, ", ")
		if (key == "ico") return rank($12, "referred investigating reprimand fine closed enforcement-notice undertaking")
		if (key == "nca") return rank($13, "referred investigating reprimand fine closed enforcement-notice undertaking")
		if (key == "threat") return rank($14, "low moderate substantial severe critical")
		if (key == "id") return "i" $1
		if (key == "origin") return rank($15, "native veris")
		return "?"
	}
	NR == 1 { next }
	{
		cur = k(); id = "i" $1
		if (!(cur in seen)) { seen[cur] = 1; distinct++ }
		if (NR > 2) {
			c = prev < cur ? -1 : prev > cur ? 1 : pid < id ? -1 : pid > id ? 1 : 0
			if ((dir == "asc" && c >= 0) || (dir == "desc" && c <= 0)) {
				bad++; print "#   out of order: " pid " then " id
			}
		}
		prev = cur; pid = id
	}
	END { if (distinct < 2) print "#   only one value of " key; exit !(distinct >= 2 && !bad) }' "$3"
}
for key in date force kind affected fields ico nca threat id origin; do
	check "--sort $key exits 0" 0 "$BD" list --format tsv --sort "$key"
	cp "$T/out" "$T/asc"
	if sorted "$key" asc "$T/asc" >"$T/why"; then ok "--sort $key orders the rows"; else
		not_ok "--sort $key orders the rows" "$(head -5 "$T/why")"; fi
	"$BD" list --format tsv --sort "$key" --reverse >"$T/desc"
	if sorted "$key" desc "$T/desc" >"$T/why"; then ok "--sort $key --reverse orders them the other way"; else
		not_ok "--sort $key --reverse orders them the other way" "$(head -5 "$T/why")"; fi
	awk 'NR > 1' "$T/asc" | tac >"$T/want"
	awk 'NR > 1' "$T/desc" >"$T/got"
	same "--sort $key --reverse is exactly the reverse" "$T/want" "$T/got"
done
"$BD" list --format tsv >"$T/got"
"$BD" list --format tsv --sort date >"$T/want"
same "the default order is by date" "$T/want" "$T/got"
awk -F'\t' 'NR > 1 && NR < 5 { print $1 }' "$T/want" >"$T/got"
printf 'fx-nodate\nfx-veris-2019\npsni-2023-07-newtownabbey-theft\n' >"$T/want"
same "by date: no date first, then a year-only date before full dates" "$T/want" "$T/got"
"$BD" list --format tsv --sort date | awk -F'\t' '$1 == "fx-partial-2023-08" { p = NR } $1 == "psni-2023-08-foi-spreadsheet" { f = NR } END { exit !(p && f && p < f) }'
if [ $? -eq 0 ]; then ok "by date: 2023-08 sorts before 2023-08-08"; else not_ok "by date: 2023-08 sorts before 2023-08-08"; fi
check "--sort with --filter" 0 "$BD" list --format tsv --sort affected --reverse --filter force:psni
if sorted affected desc "$T/out" >"$T/why" && ! awk -F'\t' 'NR > 1 && $3 != "PSNI"' "$T/out" | grep -q .; then
	ok "... sorts only the filtered rows"; else not_ok "... sorts only the filtered rows" "$(cat "$T/out")"; fi

# ---- filtering ----
# rows DESC FILTER AWK-CONDITION [ID...]: `list --filter FILTER` exits 0,
# lists some but not all incidents, every row meets the condition (TSV
# fields $1..$16), and the IDs are among the rows.
rows() {
	desc=$1; filter=$2; cond=$3; shift 3
	if ! "$BD" list --format tsv --filter "$filter" >"$T/rows" 2>"$T/err"; then
		not_ok "$desc" "exit status $?" "$(head -3 "$T/err")"; return; fi
	why=$(awk -F'\t' -v total="$total" "NR > 1 { n++; if (!($cond)) print \"#   does not match: \" \$1 }
		END { if (n == 0) print \"#   nothing listed\"; if (n >= total) print \"#   everything listed\" }" "$T/rows")
	for id in "$@"; do
		awk -F'\t' -v id="$id" '$1 == id { f = 1 } END { exit !f }' "$T/rows" || why="$why
#   $id is missing"
	done
	if [ -z "$why" ]; then ok "$desc"; else not_ok "$desc" "$why"; fi
}
hasf() { printf '(", " %s ", ") ~ /, %s, /' "$1" "$2"; }   # a field in a TSV list column
rows "force:psni" "force:psni" 'tolower($3 " " $4) ~ /psni/' \
	psni-2023-08-foi-spreadsheet psni-2023-07-newtownabbey-theft psni-2023-08-m2-laptop
rows "force: matches the supplier too" "force:digital" '$4 == "Digital ID"' met-2023-08-supplier gmp-2023-09-supplier
rows "kind:theft" "kind:theft" '$6 == "theft"' psni-2023-07-newtownabbey-theft
rows "kind: by unique prefix" "kind:supp" '$6 == "supplier-compromise"' met-2023-08-supplier
rows "affected>1000" "affected>1000" '$7 != "" && $7 > 1000' met-2023-08-supplier psni-2023-08-foi-spreadsheet fx-nodate
rows "affected<=500 (unknown counts never match)" "affected<=500" '$7 != "" && $7 <= 500' \
	psni-2023-08-m2-laptop fx-partial-2023-08
rows "affected=42" "affected=42" '$7 == 42' psni-2023-08-m2-laptop
rows "field:photo" "field:photo" "$(hasf '$9' photo)" met-2023-08-supplier fx-nodate
rows "ico:yes" "ico:yes" '$12 != "unknown"' met-2023-08-supplier psni-2023-08-foi-spreadsheet
rows "ico:no" "ico:no" '$12 == "unknown"' psni-2023-08-m2-laptop gmp-2023-09-supplier
rows "ico:fine" "ico:fine" '$12 == "fine"' psni-2023-08-foi-spreadsheet
rows "nca:investigating" "nca:investigating" '$13 == "investigating"' met-2023-08-supplier
rows 'nation:"northern ireland"' 'nation:"northern ireland"' '$5 == "northern-ireland"' \
	psni-2023-08-foi-spreadsheet psni-2023-07-newtownabbey-theft
rows "safe:home-address" "safe:home-address" "$(hasf '$10' home-address)" met-2023-08-supplier psni-2023-08-foi-spreadsheet
rows "unknown:phone" "unknown:phone" "!($(hasf '$9' phone)) && !($(hasf '$10' phone))" psni-2023-08-foi-spreadsheet
rows "lost:video" "lost:video" "$(hasf '$11' video)" syp-2023-08-bwv-loss
rows "reported:id-number" "reported:id-number" '$9 ~ /id-number \(reported\)/' met-2023-08-supplier
rows "unknown: a lost field is not unknown" "unknown:name" "!($(hasf '$9' name)) && !($(hasf '$11' name))" \
	psni-2023-08-foi-spreadsheet syp-2023-08-bwv-loss
rows "threat:severe" "threat:severe" '$14 == "severe"' psni-2023-08-foi-spreadsheet
rows "date>=2023-08 (a partial date covers its span)" "date>=2023-08" '$2 != "" && ($2 "") >= "2023-08"' \
	fx-partial-2023-08 met-2023-08-supplier
rows "date<2023-08" "date<2023-08" '$2 != "" && ($2 "") < "2023-08"' fx-veris-2019 syp-2023-08-bwv-loss
rows "year:2023" "year:2023" 'substr($2, 1, 4) == "2023"' fx-partial-2023-08 gmp-2023-09-supplier
rows "origin:veris" "origin:veris" '$15 == "veris"' fx-veris-2019
rows "-force:psni negates" "-force:psni" 'tolower($3) !~ /psni/' met-2023-08-supplier
rows "free words match title and summary" "warrant card" '$1 != "psni-2023-08-foi-spreadsheet"' \
	met-2023-08-supplier gmp-2023-09-supplier
rows "the README example" 'nation:"northern ireland" field:surname ico:yes' \
	"\$5 == \"northern-ireland\" && $(hasf '$9' surname) && \$12 != \"unknown\"" psni-2023-08-foi-spreadsheet
check "several terms are ANDed" 0 "$BD" list --format tsv \
	--filter 'kind:supplier-compromise nca:investigating affected>=12500 -force:gmp'
awk -F'\t' 'NR > 1 { print $1 }' "$T/out" >"$T/got"
echo met-2023-08-supplier >"$T/want"
same "... leaving only the Met breach" "$T/want" "$T/got"
count=$("$BD" list --format tsv --filter force:psni | awk 'NR > 1' | wc -l)
neg=$("$BD" list --format tsv --filter -force:psni | awk 'NR > 1' | wc -l)
if [ $((count + neg)) -eq "$total" ]; then ok "a term and its negation split the list"; else
	not_ok "a term and its negation split the list" "$count + $neg != $total"; fi

# ---- bad usage ----
check "an unknown filter key is a usage error" 2 "$BD" --db "$T/never.db" list --filter 'kind:theft colour:red'
contains "... naming the column" "$T/err" "column 12"
contains "... and the key" "$T/err" '"colour"'
if [ -s "$T/out" ]; then not_ok "... and prints no rows"; else ok "... and prints no rows"; fi
if [ -e "$T/never.db" ]; then not_ok "... and creates no store"; else ok "... and creates no store"; fi
check "an unknown kind in a filter" 2 "$BD" list --filter 'kind:robbery'
contains "... says so" "$T/err" '"robbery" is not a kind'
check "an unknown field in a filter" 2 "$BD" list --filter 'ico:yes field:toes'
contains "... names the column and the field" "$T/err" 'column 9: "toes"'
check "affected>lots" 2 "$BD" list --filter 'affected>lots'
contains "... wants a number" "$T/err" "expected a number"
check "date>=2023-13" 2 "$BD" list --filter 'date>=2023-13'
check "--format xml is a usage error" 2 "$BD" list --format xml
contains "... naming the format" "$T/err" "'xml'"
check "--sort bogus is a usage error" 2 "$BD" list --sort bogus
contains "... listing the keys" "$T/err" "date, force, kind, affected"
check "an unexpected argument is a usage error" 2 "$BD" list met-2023-08-supplier
check "--filter without a value is a usage error" 2 "$BD" list --filter
check "an unknown option is a usage error" 2 "$BD" list --frobnicate
