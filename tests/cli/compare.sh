# breachdash compare: incidents side by side, rows that differ marked.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/store.db"
MET=met-2023-08-supplier
PSNI=psni-2023-08-foi-spreadsheet
matches() {  # DESC FILE ERE
	if grep -Eq -- "$3" "$2"; then ok "$1"; else not_ok "$1" "no line matching: $3"; fi
}

# ---- text ----
check "compare two incidents" 0 "$BD" compare $MET $PSNI
cp "$T/out" "$T/text"
matches "heads name the forces and dates" "$T/text" '^ +Met 2023-08-26 +PSNI 2023-08-08 *$'
matches "a differing row is marked: nation" "$T/text" '^\* Nation +England +Northern Ireland *$'
matches "... kind" "$T/text" '^\* Kind +supplier compromise +accidental disclosure *$'
matches "... affected" "$T/text" '^\* Affected +~47,000 +9,483 *$'
matches "... threat level" "$T/text" '^\* Threat level +SUBSTANTIAL \(UK\) +SEVERE \(NI\) *$'
matches "... referrals" "$T/text" '^\* ICO +referred 2023-08-26 +fine £750,000 2024-10-03 *$'
matches "... a field exposed in one, unknown in the other" "$T/text" '^\* photo +exposed +unknown *$'
matches "... exposed against not exposed is not the same" "$T/text" '^\* phone +not exposed +unknown *$'
matches "an equal row is not marked: rank" "$T/text" '^  rank or grade +exposed +exposed *$'
matches "... home address safe in both" "$T/text" '^  home address +not exposed +not exposed *$'
matches "... who" "$T/text" '^  Who +officers, staff +officers, staff *$'
matches "the longest label keeps a space before its cell" "$T/text" '^  personal, unspecified +unknown +unknown *$'
contains "the mark is explained" "$T/text" "* the incidents differ on this row"
# cells start in the same column on every row
awk 'NR == 1 || /^[* ] [A-Za-z]/ && !/differ on this row/ { n++; if (substr($0, 24, 1) != " " || substr($0, 25, 1) == " ") { print; bad = 1 } }
	END { exit bad || n < 30 }' "$T/text" >"$T/why"
if [ $? -eq 0 ]; then ok "heads and cells begin at the same column"; else
	not_ok "heads and cells begin at the same column" "$(head -3 "$T/why")"; fi
if LC_ALL=C grep -q "$(printf '\033')" "$T/text"; then not_ok "no escape sequences when piped"; else ok "no escape sequences when piped"; fi

# ---- Markdown ----
check "compare --format md" 0 "$BD" compare $MET $PSNI --format md
cp "$T/out" "$T/md"
head -2 "$T/md" >"$T/got"
printf '| | Met 2023-08-26 | PSNI 2023-08-08 |\n|---|---|---|\n' >"$T/want"
same "md header" "$T/want" "$T/got"
contains "md: differing cells in bold" "$T/md" "| Nation | **England** | **Northern Ireland** |"
contains "md: ... threat level" "$T/md" "| Threat level | **SUBSTANTIAL (UK)** | **SEVERE (NI)** |"
contains "md: equal cells plain" "$T/md" "| rank or grade | exposed | exposed |"
contains "md: sections in bold" "$T/md" "| **Fields** | | |"
if sed 's/\\|//g' "$T/md" | awk -F'|' 'NF != 5 { bad = 1 } END { exit bad }'; then ok "md: every row has three cells"; else
	not_ok "md: every row has three cells" "$(awk -F'|' 'NF != 5' "$T/md" | head -3)"; fi

# ---- three and four ----
check "compare three" 0 "$BD" compare $MET $PSNI gmp-2023-09-supplier
matches "... three heads" "$T/out" '^ +Met 2023-08-26 +PSNI 2023-08-08 +GMP 2023-09-14 *$'
check "compare four in md" 0 "$BD" compare $MET $PSNI gmp-2023-09-supplier psni-2023-08-m2-laptop --format md
contains "... four heads" "$T/out" "| | Met 2023-08-26 | PSNI 2023-08-08 | GMP 2023-09-14 | PSNI 2023-08-17 |"
contains "... a row equal in all four is plain" "$T/out" "| e-mail | unknown | unknown | unknown | unknown |"
check "an incident against itself" 0 "$BD" compare $MET $MET
if grep -v 'differ on this row' "$T/out" | grep -q '^\* [A-Za-z]'; then not_ok "... marks no row" "$(grep '^\* [A-Za-z]' "$T/out" | head -3)"; else
	ok "... marks no row"; fi

# ---- errors ----
check "one id is a usage error" 2 "$BD" compare $MET
contains "... with the usage" "$T/err" "usage: breachdash compare ID ID"
check "five ids are a usage error" 2 "$BD" compare $MET $PSNI gmp-2023-09-supplier psni-2023-08-m2-laptop syp-2023-08-bwv-loss
check "an unknown id fails with 1" 1 "$BD" compare $MET no-such-incident
contains "... naming it" "$T/err" '"no-such-incident"'
if [ -s "$T/out" ]; then not_ok "... printing no table"; else ok "... printing no table"; fi
check "--format json is a usage error" 2 "$BD" compare $MET $PSNI --format json
