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

# A bad filter stays in the prompt with its error above it, to be fixed;
# Esc gives up and the old filter holds.
keys f C-u
send_text 'kind:nonsense'
keys Enter
golden filter-bad "a bad filter stays in the prompt, its error above"
expect "the error names the bad value" '"nonsense" is not a kind'
expect "... and the text is still there to fix" "filter: kind:nonsense"
keys Escape
expect "Esc gives up: the old filter still holds" "filter: force:psni"

# Editing in the middle: Home, past "kind:", the word fixed; Enter.
keys f C-u
send_text 'kind:thft nation:"northern ireland"'
keys Home Right Right Right Right Right Right Right
send_text 'e'
keys Enter
expect "a filter edited in the middle applies" 'filter: kind:theft nation:"north'
expect "... one PSNI theft" " 1/1 "
# Up recalls the last filter entered, Down the draft typed before.
keys f C-u
send_text 'force:met'
keys Up
expect "Up recalls the last filter" 'filter: kind:theft nation:"northern ireland"'
keys Up
expect "Up again: the one before, even one that failed" "filter: kind:nonsense"
keys Up
expect "... and the one before that" "filter: force:psni"
keys Down Down Down
expect "Down back to what was being typed" "filter: force:met"
keys C-w
send_text 'force:norfolk'
keys C-a C-k
send_text 'force:gmp'
keys Enter
expect "Ctrl-W, Ctrl-A and Ctrl-K edit the line" "filter: force:gmp"

# Clearing the line shows every incident again.
keys f C-u Enter
expect "an empty filter shows all 7" "/7  sort: date ▼"
expect_not "the status line names no filter" "filter:"
stop

start 80 24
keys /
send_text laptop
golden search-prompt "/ opens the search prompt"
keys Enter
golden search-laptop "/laptop goes to the first match (the PSNI laptop on the M2)"
case $(cursor_line) in
*PSNI*42*lapto*) ok "the cursor is on the PSNI loss" ;;
*) not_ok "the cursor is on the PSNI loss" "cursor row: $(cursor_line)" ;;
esac
keys n
golden search-next "n goes to the next match (the Newtownabbey theft)"
case $(cursor_line) in
*PSNI*200+*Papers*) ok "the cursor is on the PSNI theft" ;;
*) not_ok "the cursor is on the PSNI theft" "cursor row: $(cursor_line)" ;;
esac
keys N
golden search-laptop "N goes back to the previous match"
keys /
send_text zzzznomatch
keys Enter
expect "a search with no match says so" 'no match for "zzzznomatch"'
stop
