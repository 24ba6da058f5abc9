# Two records of one breach: VCDB's record of the PSNI spreadsheet beside
# the fixture's own. list --duplicates finds them (same force and month);
# a native file linking them (same_as) makes them linked, the report counts
# them once, and show of the primary puts both records' figures side by
# side as a conflict.
. "$BD_TOP/tests/lib.sh"
export BREACHDASH_DB="$T/store.db"
PSNI=psni-2023-08-foi-spreadsheet
V=veris-b0a1f1c3-0007-4e5a-9c11-f1c3f1c30007

# one group's row for an id: "ID<TAB>LINK"
dup_row() {
	"$BD" list --duplicates --format tsv | awk -F '\t' -v id="$1" '$2 == id { print $1 "\t" $5 }'
}

check "the fixture data alone lists" 0 "$BD" list --duplicates
lacks "... without the VERIS record" "$T/out" "$V"
check "import the VERIS record of the spreadsheet" 0 "$BD" import --format veris \
	"$TOP/tests/fixtures/veris/psni-coded-ie.json"
check "list --duplicates" 0 "$BD" list --duplicates
contains "... a block for PSNI, 2023-08" "$T/out" "PSNI 2023-08: 3 incidents"
is "... the VERIS record is in it, a possible duplicate" "$(dup_row $V)" \
	"$(printf 'PSNI 2023-08\tpossible duplicate')"
is "... beside the fixture's record" "$(dup_row $PSNI)" "$(printf 'PSNI 2023-08\tpossible duplicate')"
check "show of the fixture's record" 0 "$BD" show $PSNI
contains "... names the possible duplicate" "$T/out" "Possible duplicate of $V"
check "show --format md" 0 "$BD" show --format md $V
contains "... names it in Markdown" "$T/out" "| Links | Possible duplicate of psni-2023-08-foi-spreadsheet (same force and month)"
check "report before linking" 0 "$BD" report --format txt
contains "... counts both" "$T/out" "- Incidents: 8"

# The VERIS record as a native file, with the link added: no edit session.
{
	echo '{"schema": "breachdash/1", "incidents": ['
	"$BD" show --format json $V |
		sed "s/^  \"sources\": \\[/  \"same_as\": \"$PSNI\",\\n  \"sources\": [/"
	echo ']}'
} >"$T/link.json"
contains "the native file links them" "$T/link.json" "\"same_as\": \"$PSNI\""
check "import of the linking file" 0 "$BD" import "$T/link.json"
is "... updates the record" "$(cat "$T/out")" "1 incident read from 1 file: 0 new, 1 updated, 0 unchanged"
check "export keeps the link" 0 "$BD" export
contains "... in the canonical dump" "$T/out" "\"same_as\": \"$PSNI\""
cp "$T/out" "$T/export1.json"
check "export, import, export" 0 "$BD" --db "$T/again.db" import "$T/export1.json"
"$BD" --db "$T/again.db" export >"$T/export2.json"
same "... gives the same file" "$T/export1.json" "$T/export2.json"

check "list --duplicates after linking" 0 "$BD" list --duplicates
is "... the VERIS record is linked, not a possible duplicate" "$(dup_row $V)" \
	"$(printf 'PSNI 2023-08\tsame incident as %s' $PSNI)"
is "... and the fixture's record is the one counted" "$(dup_row $PSNI)" \
	"$(printf 'PSNI 2023-08\tlinked: 1 other record of it, counted once')"
is "... the laptop loss stays a possible duplicate" "$(dup_row psni-2023-08-m2-laptop)" \
	"$(printf 'PSNI 2023-08\tpossible duplicate')"

check "report after linking" 0 "$BD" report --format txt
contains "... counts the two records once" "$T/out" \
	"- Incidents: 7 (1 more record of an incident counted here, linked by same_as: counted once)"
contains "... and says which in the table" "$T/out" "(same incident as $PSNI: counted once, there)"
contains "... the linked figure among the conflicts" "$T/out" "vs 10,000 ($V:vcdb"
check "report of the VERIS record alone" 0 "$BD" report --format txt --filter "origin:veris"
contains "... counts it: its primary is not in this report" "$T/out" "- Incidents: 1"

check "show of the primary" 0 "$BD" show $PSNI
contains "... says it is the same incident" "$T/out" "Same incident as $V"
lacks "... and no longer a possible duplicate of it" "$T/out" "Possible duplicate of $V"
awk '/^Conflicting figures/ { on = 1 } on && /^  time online/ { exit } on' "$T/out" >"$T/conflict"
contains "... its own figure in the conflict" "$T/conflict" "9,483                    [s1, s2, s3, s4, s5, s6]"
contains "... beside the VERIS record's, named by its id" "$T/conflict" \
	"10,000                   [$V:vcdb]"
check "show --format md of the primary" 0 "$BD" show --format md $PSNI
contains "... the conflict in Markdown" "$T/out" "vs 10,000 [$V:vcdb]"
check "show of the linked record" 0 "$BD" show $V
contains "... points at the primary" "$T/out" "Same incident as $PSNI (counted once,"

# A link to a record not in the store is kept and said so.
sed "s/\"same_as\": \"$PSNI\"/\"same_as\": \"no-such-incident\"/" "$T/link.json" >"$T/dangling.json"
check "import of a link to an absent incident" 0 "$BD" import "$T/dangling.json"
check "show of it" 0 "$BD" show $V
contains "... says the other is not in the store" "$T/out" "Same incident as no-such-incident (not in"

sed "s/\"same_as\": \"$PSNI\"/\"same_as\": \"$V\"/" "$T/link.json" >"$T/self.json"
check "a link to itself is refused" 1 "$BD" import "$T/self.json"
contains "... with its path" "$T/err" "\$.incidents[0].same_as: an incident is not the same incident as itself"

check "--duplicates with --filter is a usage error" 2 "$BD" list --duplicates --filter force:PSNI
check "--duplicates --format md is refused" 2 "$BD" list --duplicates --format md

# JSON: the same groups for programs, each row's relation spelled out.
check "link the two again" 0 "$BD" import "$T/link.json"
golden_cmd duplicates.json "$BD" list --duplicates --format json

# Marked not the same: the spreadsheet's record says the laptop on the M2
# is another breach (distinct_from), which holds for the VERIS record
# linked to it too; the laptop is then no one's possible duplicate.
{
	echo '{"schema": "breachdash/1", "incidents": ['
	"$BD" show --format json $PSNI |
		sed 's/^  "sources": \[/  "distinct_from": ["psni-2023-08-m2-laptop"],\n  "sources": [/'
	echo ']}'
} >"$T/distinct.json"
check "import of the mark" 0 "$BD" import "$T/distinct.json"
check "list --duplicates after the mark" 0 "$BD" list --duplicates --format tsv
is "... the laptop is marked, not a possible duplicate" "$(dup_row psni-2023-08-m2-laptop)" \
	"$(printf 'PSNI 2023-08\tmarked not the same as the others')"
is "... the linked pair stays linked" "$(dup_row $V)" "$(printf 'PSNI 2023-08\tsame incident as %s' $PSNI)"
check "show of the laptop" 0 "$BD" show psni-2023-08-m2-laptop
lacks "... names no possible duplicate" "$T/out" "Possible duplicate"
check "show of the spreadsheet" 0 "$BD" show $PSNI
contains "... names the mark" "$T/out" "Not the same incident as psni-2023-08-m2-laptop (marked:"
check "export keeps the mark" 0 "$BD" export --filter id:$PSNI
contains "... in the canonical dump" "$T/out" '"distinct_from": ['
sed 's/"distinct_from": \["psni-2023-08-m2-laptop"\]/"distinct_from": ["'$PSNI'"]/' "$T/distinct.json" >"$T/self-distinct.json"
check "a mark against itself is refused" 1 "$BD" import "$T/self-distinct.json"
contains "... with its path" "$T/err" "distinct_from[0]: an incident is always the same incident as itself"

# The same marks and links without editing JSON: breachdash link.
check "link: the laptop is not the spreadsheet, said from its side" 0 \
	"$BD" link psni-2023-08-m2-laptop distinct $PSNI
contains "... nothing to change (the spreadsheet says so already)" "$T/out" "nothing changed"
check "link none removes the mark, either way round" 0 "$BD" link psni-2023-08-m2-laptop none $PSNI
contains "... and says so" "$T/out" "are now neither linked nor marked"
is "... the laptop is a possible duplicate again" "$(dup_row psni-2023-08-m2-laptop)" \
	"$(printf 'PSNI 2023-08\tpossible duplicate')"
check "link same" 0 "$BD" link psni-2023-08-m2-laptop same $PSNI
is "... the laptop is a record of the spreadsheet" "$(dup_row psni-2023-08-m2-laptop)" \
	"$(printf 'PSNI 2023-08\tsame incident as %s' $PSNI)"
check "link to a record of another primary is refused" 1 "$BD" link psni-2023-08-m2-laptop same $V
contains "... naming the primary" "$T/err" "$V is itself the same breach as $PSNI"
check "a word that is no kind of link" 2 "$BD" link psni-2023-08-m2-laptop maybe $PSNI
contains "... is named" "$T/err" "'maybe' is not same, distinct or none"
check "link with an unknown id" 1 "$BD" link nosuch same $PSNI
contains "... says which" "$T/err" 'no incident with id "nosuch"'
check "the link undone" 0 "$BD" link psni-2023-08-m2-laptop d $PSNI
is "... by the first letter of distinct" "$(dup_row psni-2023-08-m2-laptop)" \
	"$(printf 'PSNI 2023-08\tmarked not the same as the others')"
