# The drill-down (Enter): every pane with Tab, back again with Shift-Tab,
# and Esc back to the overview with the cursor where it was.
. "$BD_TOP/tests/tui/lib.sh"

start 80 24
# Newest first: GMP, Met, PSNI laptop, Norfolk/Suffolk, PSNI spreadsheet.
keys j j j j
before=$(cursor_line)
case $before in
*PSNI*9,483*publishes*) ok "the cursor is on the PSNI spreadsheet" ;;
*) not_ok "the cursor is on the PSNI spreadsheet" "cursor row: $before" ;;
esac
keys Enter
golden detail-summary "Enter opens the drill-down on its summary pane"

panes="fields referrals threat impacts quotes sources"
for p in $panes; do
	keys Tab
	golden "detail-$p" "Tab: the $p pane"
done
keys Tab
golden detail-summary "Tab after the last pane wraps to the summary"

# Shift-Tab walks back through the same panes.
keys BTab
golden detail-sources "Shift-Tab from the summary: the sources pane"
for p in quotes impacts threat referrals fields; do
	keys BTab
	golden "detail-$p" "Shift-Tab: the $p pane"
done
keys BTab
golden detail-summary "Shift-Tab: back to the summary"

# Scrolling a long pane.
keys j j j
golden detail-summary-scrolled "j scrolls the summary"

keys Escape
golden overview-at-psni-spreadsheet "Esc goes back to the overview"
is "the selected row is where it was" "$(cursor_line)" "$before"
expect "the status line still says 5 of 7" " 5/7  sort: date"
stop
