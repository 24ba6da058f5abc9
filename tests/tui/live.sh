# The open dashboard notices data imported by another process, without a
# key press.
. "$BD_TOP/tests/tui/lib.sh"

cat >"$T/new.json" <<'JSON'
{
  "schema": "breachdash/1",
  "incidents": [
    {
      "id": "test-2023-10-tui-live",
      "title": "Test incident imported while the dashboard is open",
      "organisation": { "force": "Testshire Constabulary", "short": "Testshire" },
      "nation": "wales",
      "kind": "loss",
      "dates": { "occurred": "2023-10-02" },
      "affected": { "count": 321, "qualifier": "exact", "who": ["officers"], "sources": ["s1"] },
      "fields": { "exposed": ["name", "rank"], "not_exposed": ["home-address"] },
      "sources": [ { "id": "s1", "publisher": "breachdash tests", "title": "A made-up record for the terminal tests" } ]
    }
  ]
}
JSON

start 80 24
expect_not "before the import Testshire is not listed" "Testshire"
check "breachdash import from outside exits 0" 0 "$BD" --db "$STORE" import "$T/new.json"
if wait_for "Testshire"; then
	ok "the new incident appears without a key press"
else
	not_ok "the new incident appears without a key press" "$(screen | head -12)"
fi
settle ""
golden live-import "the overview after the import"
expect "the count is 8 and the cursor stayed on GMP" " 2/8  sort: date"
stop

# An open drill-down shows an update to its incident.
start 120 32
"$BD" --db "$STORE" import "$T/new.json" >/dev/null 2>&1
wait_for "Testshire"
keys g Enter
expect "the drill-down shows the imported incident" "Test incident imported while the dashboard is open"
expect "with its figure" "321 (officers)"
sed 's/"count": 321/"count": 654/' "$T/new.json" >"$T/new2.json"
"$BD" --db "$STORE" import "$T/new2.json" >/dev/null 2>&1
if wait_for "654 (officers)"; then ok "an open drill-down shows the updated figure without a key press"
else not_ok "an open drill-down shows the updated figure without a key press" "$(screen | sed -n 1,14p)"; fi
stop
