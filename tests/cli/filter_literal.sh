# Filter and search text reaches SQLite only as bound parameters and FTS5
# string literals: quotes, %, _, FTS5 syntax (", *, NEAR, -, OR, AND, NOT, ^,
# :, {col}, parentheses) and SQL are matched literally, never an error,
# never an injection.
. "$BD_TOP/tests/lib.sh"
. "$BD_TOP/tests/hostile_lib.sh"
DB="$T/store.db"
inc() {  # ID TITLE FORCE SHORT [SUMMARY]
	printf '{"id": "%s", "title": "%s", "summary": "%s", "organisation": {"force": "%s", "short": "%s"}, "nation": "wales", "kind": "loss", "affected": {"count": null, "qualifier": "unknown"}, "sources": [{"id": "s", "publisher": "tests"}]}\n' \
		"$1" "$2" "${5:-none}" "$3" "$4"
}
{
	inc lit-quote "Officer O'Brien's file" "O'Brien Constabulary" "O'Brien"
	inc lit-percent "100% of staff exposed" "Percent Police" "Pct"
	inc lit-thousand "1000 records" "Thousand Police" "Thousand"
	inc lit-underscore "file a_b leaked" "Under_score Police" "U_S"
	inc lit-axb "file axb leaked" "Axb Police" "Axb"
	inc lit-fts "NEAR OR AND NOT title force" "Fts Police" "Fts" '(a OR b) ^x {col}:y * \"quoted\" -minus'
	inc lit-drop "Nothing special" "Plain Police" "Plain" "DROP TABLE incident"
} >"$T/lit.jsonl"
check "the literal test incidents import" 0 "$BD" --db "$DB" import "$T/lit.jsonl"
sqlite3 "$DB" "DELETE FROM incident WHERE id NOT LIKE 'lit-%'"

# finds DESC FILTER IDS...: list --filter FILTER exits 0 and selects exactly IDS.
finds() {
	_desc=$1 _filter=$2
	shift 2
	"$BD" --db "$DB" list --sort id --format tsv --filter "$_filter" >"$T/out" 2>"$T/err"
	_st=$?
	_got=$(tail -n +2 "$T/out" | cut -f1 | tr '\n' ' ' | sed 's/ $//')
	if [ "$_st" -eq 0 ] && [ "$_got" = "$*" ]; then ok "$_desc"
	else not_ok "$_desc" "filter: $_filter" "exit status $_st, ids: $_got" "expected: $*" "$(head -2 "$T/err")"; fi
}
finds "a quote: o'brien" "o'brien" lit-quote
finds "... O'Brien's (word prefix)" "O'Brien's" lit-quote
finds "force:o'brien" "force:o'brien" lit-quote
finds "force:\"O'Brien Constabulary\"" "force:\"O'Brien Constabulary\"" lit-quote
finds "100%: the word prefix 100 (words match as prefixes)" "100%" "lit-percent lit-thousand"
finds "%00: % is no wildcard" "%00" ""
finds "1%: nor here" "1%0" ""
finds "force:100% (a substring, no wildcard)" "force:%" ""
finds "a_b is not a LIKE pattern" "a_b" lit-underscore
finds "force:under_score matches the underscore only" "force:under_score" lit-underscore
finds "force:_ matches a literal underscore" "force:_" lit-underscore
finds "NEAR is a word" "near" lit-fts
finds "OR is a word" "OR" lit-fts
finds "AND and NOT are words" "AND NOT" lit-fts
finds "NEAR(a b) is text" "NEAR(a b)" ""
finds "\"(a OR b)\" as a phrase" '"(a OR b)"' lit-fts
finds "^x is text" "^x" lit-fts
finds "* alone is no word and matches everything" "*" "lit-axb lit-drop lit-fts lit-percent lit-quote lit-thousand lit-underscore"
finds "a lone quote" '"' "lit-axb lit-drop lit-fts lit-percent lit-quote lit-thousand lit-underscore"
finds "an unclosed quote" '"file a' "lit-axb lit-underscore"
finds "- alone" "-" "lit-axb lit-drop lit-fts lit-percent lit-quote lit-thousand lit-underscore"
finds "-minus negates: not minus" "-minus" "lit-axb lit-drop lit-percent lit-quote lit-thousand lit-underscore"
finds "a word with a quote inside" 'quo"ted' lit-fts
finds "SQL in a word: '; DROP TABLE incident; --" "'; DROP TABLE incident; --" ""
finds "... the word drop is found, the table is not dropped" "drop" lit-drop
finds "SQL in a force: force:\"'); DROP TABLE incident; --\"" "force:\"'); DROP TABLE incident; --\"" ""
finds "SQL in an id: id:\"x' OR '1'='1\"" "id:\"x' OR '1'='1\"" ""
finds "country:\"GB' OR 1=1 --\"" "country:\"GB' OR 1=1 --\"" ""
finds "industry:\"police%\"" "industry:\"police%\"" ""
finds "1,001 quoted words are one term: every word, as a prefix (FTS5 takes them)" \
	"\"$(perl -e 'print "a " x 1001')\"" "lit-axb lit-fts lit-underscore"
is "the store has all its incidents still" "$(store_count "$DB")" 7
is "... and is sound" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok

# Refused as usage (status 2, a message), never an SQL error (status 1).
refused() {  # DESC FILTER MESSAGE
	check "$1" 2 "$BD" --db "$DB" list --filter "$2"
	contains "... saying: $3" "$T/err" "$3"
}
refused "101 terms: too many" "$(perl -e 'print join(" ", ("a") x 101)')" "too many terms (at most 100)"
refused "1,000 negated iopc terms (an SQL expression too deep before)" \
	"$(perl -e 'print join(" ", ("-iopc:no") x 1000)')" "too many terms"
refused "an unknown key with SQL" "x'); DROP TABLE incident;--:1" "unknown key"
refused "FTS5 column filters are no keys: title:near" "title:near" 'unknown key "title"'
refused "... nor {col}:y" '"{col}:y"' 'unknown key "{col}"'
refused "affected>'1' OR 1=1" "affected>'1' OR 1=1" "expected a number"
refused "date>=2023' --" "date>=2023' --" "expected a date"
is "the store still has its incidents" "$(store_count "$DB")" 7
