# Terminal injection through the command line: no byte in any field of any
# incident (native or VERIS), no file name, id or JSON key can reach the
# terminal as a control sequence, bidi override or invalid UTF-8 — in list,
# show, compare, report and export, to a pipe or a terminal, nor in the
# error messages. The fixtures (tests/fixtures/hostile/) carry OSC 0 and 52,
# cursor moves, DSR, charset switches, SO/SI, BS, CR, BEL, DEL, C1 CSI, OSC,
# ST and NEL, bidi overrides and isolates, U+2028 and a BOM in every field.
. "$BD_TOP/tests/lib.sh"
. "$BD_TOP/tests/hostile_lib.sh"
H="$TOP/tests/fixtures/hostile"
DB="$T/store.db"
"$BD" --db "$DB" list >/dev/null 2>&1

# ---- the native validator refuses control characters in text ----
check "native: C0 controls in every text field are refused" 1 "$BD" --db "$DB" import "$H/native-c0.json"
for f in title summary organisation.force organisation.short organisation.supplier \
	'referrals[0].by' 'referrals[0].note' 'impacts[0].text' 'quotes[0].who' 'quotes[0].role' \
	'quotes[0].text' 'figures[0].about' 'figures[0].value' 'figures[0].note' \
	'sources[0].publisher' 'sources[0].title' 'sources[0].url' origin.record_id; do
	contains "... $f: contains a control character" "$T/err" "\$.incidents[0].$f: contains a control character"
done
contains "... and nothing is imported" "$T/err" "nothing was imported"
clean_bytes "... the messages themselves are clean" "$T/err"
is "... the store is as it was" "$(store_count "$DB")" 7
check "native: C1 controls (U+0080-U+009F) are refused too" 1 "$BD" --db "$DB" import "$H/native-c1.json"
contains "... in the title" "$T/err" '$.incidents[0].title: contains a control character'
contains "... in the short name" "$T/err" '$.incidents[0].organisation.short: contains a control character'
check "validate says the same" 1 "$BD" validate "$H/native-c0.json"
contains "... per field" "$T/err" '$.incidents[0].summary: contains a control character'

# ---- what the validator lets through ----
check "native: bidi overrides, isolates, marks, U+2028 and BOMs in text are accepted" 0 \
	"$BD" --db "$DB" import "$H/native-bidi.json"
check "native: origin.extra is kept verbatim, controls and all" 0 "$BD" --db "$DB" import "$H/native-extra.json"
check "VERIS: a record with controls in every string (and key) imports" 0 \
	"$BD" --db "$DB" import "$H/veris-hostile.json"
VID=veris-hostile-veris-1
check "... and is readable afterwards (C1 in VERIS text made the stored incident unreadable)" 0 \
	"$BD" --db "$DB" show "$VID"
is "... 4 hostile incidents in the store" "$(store_count "$DB")" 11

# ---- every output, to a pipe ----
IDS="hostile-bidi-0 hostile-bidi-1 hostile-extra-0 $VID"
out() {  # NAME MODE ARGS...: runs breachdash ARGS into $T/o.NAME, checks its bytes
	_name=$1 _mode=$2
	shift 2
	"$BD" --db "$DB" "$@" >"$T/o.$_name" 2>"$T/e.$_name"
	_st=$?
	if [ "$_st" -ne 0 ]; then not_ok "$_name: exit status $_st" "$(head -3 "$T/e.$_name")"; return; fi
	clean_bytes "$_name" "$T/o.$_name" "$_mode"
	clean_bytes "$_name (stderr)" "$T/e.$_name"
}
for ascii in "" --ascii; do
	m=${ascii:+ascii}
	out "list$ascii" "$m" $ascii list
	out "list --format tsv$ascii" "" $ascii list --format tsv
	out "list --format json$ascii" ascii $ascii list --format json
	for id in $IDS; do
		out "show $id$ascii" "$m" $ascii show "$id"
		out "show $id --format md$ascii" "$m" $ascii show "$id" --format md
		out "show $id --format json$ascii" ascii $ascii show "$id" --format json
	done
	out "compare$ascii" "$m" $ascii compare $IDS
	out "compare --format md$ascii" "$m" $ascii compare $IDS --format md
	out "report$ascii" "$m" $ascii report
	out "report --format txt$ascii" "$m" $ascii report --format txt
	out "export --format csv$ascii" crlf $ascii export --format csv
	out "export --format md$ascii" "" $ascii export --format md
	out "export --format json$ascii" ascii $ascii export --format json
	out "list --filter on hostile text$ascii" "$m" $ascii list --filter 'pwned title'
done
contains "the hostile text is still shown (replaced, not lost)" "$T/o.show $VID" "]0;PWNED"
contains "... a control becomes U+FFFD" "$T/o.show $VID" "$(printf '\357\277\275]0;PWNED')"
contains "... and '?' in ASCII mode" "$T/o.show $VID--ascii" "?]0;PWNED"
contains "other VERIS data keeps the hostile keys, cleaned" "$T/o.show $VID" "key"
lacks "compare heads do not carry the bidi override (printed raw before)" "$T/o.compare" "$(printf '\342\200\256')"

# JSON carries every control escaped, DEL too, and stays valid JSON.
for f in "export --format json" "list --format json" "show $VID --format json"; do
	is "$f is valid JSON" "$(sqlite3 :memory: "SELECT json_valid(readfile('$T/o.$f'))")" 1
done
contains "... with the escapes" "$T/o.export --format json" '\u001B]0;PWNED\u0007'
contains "... DEL escaped as \\u007f (jansson writes it raw)" "$T/o.export --format json" '\u007f'

# Export, import, export gives the same document, hostile data and all.
check "the export imports into a new store" 0 "$BD" --db "$T/again.db" import "$T/o.export --format json"
"$BD" --db "$T/again.db" export --format json >"$T/again.json" 2>&1
same "... and exports to the identical document" "$T/o.export --format json" "$T/again.json"

# ---- to a terminal (a pty: ptyrun -o keeps the raw bytes) ----
PTY="$BD_BUILD/tests/ptyrun"
for cmd in "list" "show $VID" "compare $IDS" "report --format txt" "export --format md"; do
	rm -f "$T/tty.out"
	# shellcheck disable=SC2086
	echo frame | "$PTY" -o "$T/tty.out" 200 60 "$BD" --db "$DB" $cmd >/dev/null 2>&1
	if [ -s "$T/tty.out" ]; then
		clean_bytes "$cmd, on a terminal" "$T/tty.out" crlf
	else
		not_ok "$cmd, on a terminal: no output"
	fi
done

# ---- a store written by something else: raw controls, invalid UTF-8 ----
sqlite3 "$DB" "UPDATE incident SET title = 'Tampered ' || char(27) || ']0;PWNED' || char(7) || CAST(X'FFFEC0AF' AS TEXT) || char(155) || ' end',
	force_short = 'T' || char(27) || '[2J' || CAST(X'E2' AS TEXT), supplier = CAST(X'9B32324A' AS TEXT)
	WHERE id = 'psni-2023-08-foi-spreadsheet'"
out "tampered store: list" "" list
out "tampered store: list --format tsv" "" list --format tsv
out "tampered store: export --format csv" crlf export --format csv
out "tampered store: export --format md" "" export --format md
out "tampered store: list --ascii" ascii --ascii list
contains "... invalid UTF-8 is shown as U+FFFD" "$T/o.tampered store: list --format tsv" "$(printf 'Tampered \357\277\275]0;PWNED\357\277\275\357\277\275')"

# ---- names and messages quote the input: cleaned too ----
cat >"$T/keys.json" <<'EOF'
{"schema": "breachdash/1", "incidents": [
 {"id": "x\u001b]0;PWNED\u0007", "bad\u001b[2J\u202ekey": 1},
 {"id": "x\u001b]0;PWNED\u0007"}]}
EOF
check "validate: a key and an id with controls" 1 "$BD" validate "$T/keys.json"
contains "... the key is named" "$T/err" 'bad'
contains "... the duplicate id is named" "$T/err" 'is already used by'
clean_bytes "... and the messages are clean (keys and ids were printed raw)" "$T/err"
printf '{"schema": "breachdash/1", \033]0;PWNED\007 }' >"$T/syntax.json"
check "a syntax error near a control character" 1 "$BD" validate "$T/syntax.json"
clean_bytes "... jansson's 'near' text is cleaned" "$T/err"
bad_name=$(printf '%s/evil\033]0;PWNED\007\342\200\256.json' "$T")
printf 'not json' >"$bad_name"
check "a file name with controls" 1 "$BD" --db "$DB" import "$bad_name"
clean_bytes "... is cleaned in the messages" "$T/err"
check "show of an id with controls" 1 "$BD" --db "$DB" show "$(printf 'x\033[2J\233')"
clean_bytes "... the error message is clean" "$T/err"
check "a filter with controls" 2 "$BD" --db "$DB" list --filter "$(printf 'kind:\033]0;PWNED\007')"
clean_bytes "... the error message is clean" "$T/err"
