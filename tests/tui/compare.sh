# Marking (Space) and compare (c), differences only (d).
. "$BD_TOP/tests/tui/lib.sh"

start 80 24
# The PSNI spreadsheet is the 5th row, the Met supplier breach the 2nd.
keys j j j j
keys Space
expect "one mark is counted" "1 marked"
keys k k k k
case $(cursor_line) in
*Met*47,000*Hack*) ok "the cursor is on the Met supplier breach" ;;
*) not_ok "the cursor is on the Met supplier breach" "cursor row: $(cursor_line)" ;;
esac
keys Space
golden compare-marked "Space marks the PSNI spreadsheet and the Met breach"
expect "two marks prompt for compare" "2 marked: press c to compare"
keys c
golden compare-all "c compares them side by side"
keys d
golden compare-diffs "d shows only the rows that differ"
expect_not "a row that is the same (Who) is hidden" "  Who "
keys d
golden compare-all "d again shows all rows"
keys Escape
golden compare-back "Esc goes back to the overview, the marks kept"
keys u
expect "u clears the marks" "0 marked"
keys c
expect "c with no marks explains itself" "mark 2 to 4 incidents with Space, then press c"
stop
