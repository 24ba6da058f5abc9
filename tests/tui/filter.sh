# Filtering (f) and searching (/, n, N) in the overview.
. "$BD_TOP/tests/tui/lib.sh"

start 80 24
keys f
golden filter-prompt "f opens the filter prompt in the status line"
send_text 'force:psni'
keys Enter
golden filter-psni "force:psni leaves the three PSNI incidents"
expect "the status line names the filter" "filter: force:psni"
expect_not "the Met is filtered out" "Met "

# A bad filter: its error in the status line, the old filter kept.
keys f C-u
send_text 'kind:nonsense'
keys Enter
golden filter-bad "a bad filter shows its error and keeps the old filter"
expect "the error names the bad value" '"nonsense" is not a kind'
keys C-l
expect "after the error the old filter still holds" "filter: force:psni"

# Clearing the line shows every incident again.
keys f C-u Enter
expect "an empty filter shows all 7, the cursor still on the PSNI laptop" " 3/7  sort: date ▼"
expect_not "the status line names no filter" "filter:"
stop

start 80 24
keys /
send_text laptop
golden search-prompt "/ opens the search prompt"
keys Enter
golden search-laptop "/laptop goes to the first match (the PSNI laptop on the M2)"
case $(cursor_line) in
*PSNI*loss*) ok "the cursor is on the PSNI loss" ;;
*) not_ok "the cursor is on the PSNI loss" "cursor row: $(cursor_line)" ;;
esac
keys n
golden search-next "n goes to the next match (the Newtownabbey theft)"
case $(cursor_line) in
*PSNI*theft*) ok "the cursor is on the PSNI theft" ;;
*) not_ok "the cursor is on the PSNI theft" "cursor row: $(cursor_line)" ;;
esac
keys N
golden search-laptop "N goes back to the previous match"
keys /
send_text zzzznomatch
keys Enter
expect "a search with no match says so" 'no match for "zzzznomatch"'
stop
