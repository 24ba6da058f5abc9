# L: the two marked incidents are one breach, or not, written to the store
# (bd_link_set) without leaving the dashboard.
. "$BD_TOP/tests/tui/lib.sh"

start 120 30
keys L
expect "L with nothing marked explains itself" "mark two incidents (Space) to link them; 0 marked"
# The PSNI laptop is the 3rd row, the spreadsheet the 5th: marked in that
# order, the laptop is linked to the spreadsheet.
keys j j Space j Space
expect "two marked" "2 marked"
keys L
expect "L asks which link" "first marked to second: same, distinct or none?"
send_text maybe
keys Enter
expect "a word that is no link keeps the prompt, with what to type" "type same, distinct or none (or s, d, n); Esc cancels"
keys C-u
send_text same
keys Enter
expect "same links them, and says which is the primary" \
	"psni-2023-08-m2-laptop is now the same breach as psni-2023-08-foi-spreadsheet (the primary)"
keys k k k Enter
expect "the laptop's drill-down names the link" "Same incident as psni-2023-08-foi-spreadsheet"
keys Escape L
send_text s
keys Enter
expect "said again, nothing changes" "already the same breach"
keys L
send_text none
keys Enter
expect "none undoes it" "now neither linked nor marked"
keys L Escape
expect_not "Esc cancels the prompt" "first marked to second"
stop
is "the store holds no link after none" \
	"$("$BD" --db "$STORE" show --format json psni-2023-08-m2-laptop | grep -c same_as)" "0"
