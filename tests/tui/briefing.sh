# Briefing from the dashboard: e exports (the marked incidents, or the view
# as filtered), never overwriting unasked; p presents one incident a screen.
. "$BD_TOP/tests/tui/lib.sh"

start 80 24
# Mark the PSNI spreadsheet (row 5; Space then moves down) and the Met
# (row 2), then export them.
keys j j j j Space
keys k k k k Space
keys e
expect "e asks where, naming how many are marked" "export 2 marked to (.md .csv .json):"
keys C-u
send_text "$T/marked.md"
keys Enter
expect "the status line says where it went" "exported to $T/marked.md"
if [ -f "$T/marked.md" ] && [ "$(grep -c '^| 20' "$T/marked.md")" -eq 2 ]; then
	ok "the file holds a Markdown table of the 2 marked incidents"
else
	not_ok "the file holds a Markdown table of the 2 marked incidents" "$(cat "$T/marked.md" 2>&1 | head -5)"
fi
grep -q 'PSNI' "$T/marked.md" && grep -q '| Met |' "$T/marked.md" \
	&& ok "both marked incidents are in it" || not_ok "both marked incidents are in it"
ls "$T"/marked.md.tmp.* >/dev/null 2>&1 && not_ok "no temporary file is left" || ok "no temporary file is left"

# The same name again: asked first; no leaves the file as it was.
cp "$T/marked.md" "$T/before.md"
keys e C-u
send_text "$T/marked.md"
keys Enter
expect "an existing file is not replaced unasked" "the file exists; replace it? (y/N)"
keys n Enter
expect "saying no keeps it" "not exported"
same "the file is unchanged" "$T/before.md" "$T/marked.md"

# Unmark, filter, export the view as CSV, JSON.
keys u f C-u
send_text 'nation:"northern ireland"'
keys Enter e C-u
send_text "$T/ni.csv"
keys Enter
lines=$(wc -l < "$T/ni.csv" 2>/dev/null || echo 0)
[ "$lines" -eq 4 ] && ok "the filtered view as CSV: a header and the 3 NI incidents" \
	|| not_ok "the filtered view as CSV: a header and the 3 NI incidents" "$lines lines"
keys e C-u
send_text "$T/ni.json"
keys Enter
check "the JSON export is a valid native document" 0 "$BD" validate "$T/ni.json"
keys e C-u
send_text "$T/ni.txt"
keys Enter
expect "an unknown extension is refused with a reason" "name the file .md, .csv or .json"
stop

# Presentation: p from the selected incident; Space and Backspace step.
start 80 24
keys j j j j p
expect "p presents the selected incident" "PSNI publishes details of its whole workforce"
expect "its position among the shown ones" "5 / 7"
expect "what leaked, in full words" "initial, surname, rank or grade, role, ID number, unit,"
expect "who was told" "ICO: fine £750,000"
expect "the threat level then" "SEVERE (Northern Ireland-related)"
keys Space
expect "Space steps to the next" "6 / 7"
keys BSpace
expect "Backspace steps back" "5 / 7"
keys Escape
expect "Esc ends the presentation" "DATE▼"
stop


# E edits the selected incident in $VISUAL (here a script that changes the
# title), the screen handed over meanwhile; the overview shows the change.
cat > "$T/ed.sh" <<'SH'
#!/bin/sh
sed -i 's/"title": "[^"]*"/"title": "Edited from the dashboard"/' "$1"
SH
chmod +x "$T/ed.sh"
start 100 20 "VISUAL=$T/ed.sh"
keys j E
expect "E saves the edit and the overview shows it" "Edited from the da"
stop
"$BD" --db "$STORE" show met-2023-08-supplier > "$T/shown"
contains "the store holds the edited title" "$T/shown" "Edited from the dashboard"

# e from compare exports the compared incidents; ~ is the home directory,
# and the message gives the absolute path.
start 100 30
keys j Space
keys j j j Space
keys c
expect "compare is open" "Compare"
keys e
expect "e from compare asks where" "export 2 marked to"
keys C-u
send_text "~/compared.md"
keys Enter
expect "~ is expanded and the path is absolute" "exported to $HOME/compared.md"
if [ -f "$HOME/compared.md" ] && [ "$(grep -c '^| 20' "$HOME/compared.md")" -eq 2 ]; then
	ok "the file holds the 2 compared incidents"
else
	not_ok "the file holds the 2 compared incidents" "$(ls "$HOME" 2>&1)"
fi
stop

# a adds an incident in $VISUAL; the cursor lands on it.
cat > "$T/add.sh" <<'SH'
#!/bin/sh
cat > "$1" <<'JSON'
{ "id": "zz-added-2019", "title": "Added from the dashboard", "organisation": { "force": "Test Police", "short": "Test" },
  "nation": "england", "kind": "other", "dates": { "occurred": "2019-05" },
  "affected": { "count": null, "qualifier": "unknown" },
  "sources": [ { "id": "s1", "publisher": "Test" } ] }
JSON
SH
chmod +x "$T/add.sh"
start 100 20 "VISUAL=$T/add.sh"
keys a
expect "a adds the incident" "add done"
case $(cursor_line) in
*"Added from the dashboard"*) ok "the cursor lands on the new incident" ;;
*) not_ok "the cursor lands on the new incident" "cursor row: $(cursor_line)" ;;
esac
stop
