# The config file, ${XDG_CONFIG_HOME:-~/.config}/breachdash/config: its
# settings as defaults, options over them, and every bad line reported with
# its line number (exit status 2).
. "$BD_TOP/tests/lib.sh"
MET=met-2023-08-supplier
CFG="$HOME/.config/breachdash/config"
mkdir -p "$HOME/.config/breachdash"
export BREACHDASH_DB="$T/store.db"

# config LINE... : writes the config file
config() { printf '%s\n' "$@" >"$CFG"; }
# ids FILE: the id column of list --format tsv output
ids() { awk -F '\t' 'NR > 1 { print $1 }' "$1"; }

# ---- no file, an empty file, comments ----
check "no config file: fine" 0 "$BD" list
config "" "# only a comment" "   # indented" ""
check "comments and blank lines: fine" 0 "$BD" list

# ---- bad lines ----
config "# settings" "sort = affected" "colour = red" "theme = rainbow"
check "a bad line is a usage error (2)" 2 "$BD" list
contains "... reported as PATH:LINE: what is wrong" "$T/err" "$CFG:3: unknown key 'colour'"
contains "... every bad line, not only the first" "$T/err" "$CFG:4: theme: unknown theme 'rainbow'"
if [ -s "$T/out" ]; then not_ok "... and nothing listed" "$(head -2 "$T/out")"; else ok "... and nothing listed"; fi
check "... for every command" 2 "$BD" show $MET
contains "... with the line number" "$T/err" "$CFG:3: "
check "... and for the dashboard, before it needs a terminal" 2 "$BD"
contains "... with the line number" "$T/err" "$CFG:3: "
check "--help works even so" 0 "$BD" --help
check "--version works even so" 0 "$BD" --version
config "sort = size"
check "an unknown sort key" 2 "$BD" list
contains "... names the keys" "$T/err" "$CFG:1: sort: unknown sort key 'size' (use date, force, kind"
config "" "filter = affected>lots"
check "a filter that does not parse" 2 "$BD" list
contains "... reported at its line" "$T/err" "$CFG:2: filter: "
config "mouse = sometimes" "columns = date, wingspan" "ascii = yes" "ascii = no"
check "bad values" 2 "$BD" list
contains "... mouse" "$T/err" "$CFG:1: mouse: expected yes or no, got 'sometimes'"
contains "... columns" "$T/err" "$CFG:2: columns: unknown column 'wingspan'"
contains "... a key set twice" "$T/err" "$CFG:4: ascii: already set on line 3"
mkdir -p "$T/dir-config/breachdash/config"
check "a directory in place of the file" 2 env XDG_CONFIG_HOME="$T/dir-config" "$BD" list
contains "... is reported" "$T/err" "is a directory"

# ---- db ----
config "db = $T/from-config.db"
check "db = PATH: list uses that store" 0 env -u BREACHDASH_DB "$BD" list
contains "... filled from the bundled data" "$T/out" "$MET"
if [ -f "$T/from-config.db" ]; then ok "... made at PATH"; else not_ok "... made at PATH"; fi
if [ -e "$HOME/.local/share/breachdash/incidents.db" ]; then
	not_ok "... not at the default place"; else ok "... not at the default place"; fi
check "--db overrides db" 0 env -u BREACHDASH_DB "$BD" --db "$T/from-flag.db" list
if [ -f "$T/from-flag.db" ]; then ok "... the --db store is made"; else not_ok "... the --db store is made"; fi
check "BREACHDASH_DB overrides db too" 0 env BREACHDASH_DB="$T/from-env.db" "$BD" list
if [ -f "$T/from-env.db" ]; then ok "... the BREACHDASH_DB store is made"; else
	not_ok "... the BREACHDASH_DB store is made"; fi
config "db = ~/tilde.db"
check "db = ~/FILE is under HOME" 0 env -u BREACHDASH_DB "$BD" list
if [ -f "$HOME/tilde.db" ]; then ok "... made there"; else not_ok "... made there"; fi

# XDG_CONFIG_HOME moves the file
mkdir -p "$T/xdg/breachdash"
printf 'db = %s\n' "$T/from-xdg.db" >"$T/xdg/breachdash/config"
check "XDG_CONFIG_HOME: its breachdash/config is read" 0 \
	env -u BREACHDASH_DB XDG_CONFIG_HOME="$T/xdg" "$BD" list
if [ -f "$T/from-xdg.db" ]; then ok "... its db is used"; else not_ok "... its db is used"; fi

# ---- sort ----
rm -f "$CFG"
"$BD" list --format tsv >"$T/default.tsv"
"$BD" list --format tsv --sort affected --reverse >"$T/affected-desc.tsv"
"$BD" list --format tsv --sort affected >"$T/affected-asc.tsv"
"$BD" list --format tsv --sort force >"$T/force.tsv"
config "sort = affected desc"
check "sort = affected desc: list in that order" 0 "$BD" list --format tsv
same "... as --sort affected --reverse" "$T/affected-desc.tsv" "$T/out"
first=$(ids "$T/out" | head -1)
if [ "$first" = "$MET" ]; then ok "... the Met's 47,000 first"; else not_ok "... the Met's 47,000 first" "first: $first"; fi
check "--sort overrides it" 0 "$BD" list --format tsv --sort force
same "... as without the config file" "$T/force.tsv" "$T/out"
check "--reverse turns it round" 0 "$BD" list --format tsv --reverse
same "... ascending" "$T/affected-asc.tsv" "$T/out"
config "sort = affected"
check "sort = affected (ascending)" 0 "$BD" list --format tsv
same "... as --sort affected" "$T/affected-asc.tsv" "$T/out"
config "  sort=affected   asc  "
check "spacing does not matter" 0 "$BD" list --format tsv
same "... the same order" "$T/affected-asc.tsv" "$T/out"
check "export keeps its own order (by id)" 0 "$BD" export --format csv
rm -f "$CFG"
"$BD" export --format csv >"$T/export-default.csv"
same "... the same as without the file" "$T/export-default.csv" "$T/out"

# ---- filter: the dashboard's, never a listing's ----
config 'filter = nation:"northern ireland"'
check "filter = ...: list still shows everything" 0 "$BD" list --format tsv
same "... as without the file" "$T/default.tsv" "$T/out"

# ---- theme, mouse, ascii, columns: accepted; the dashboard uses them ----
config "theme = colorblind" "mouse = yes" "ascii = yes" "columns = date, force, affected, title"
check "theme, mouse, ascii and columns are accepted" 0 "$BD" list
config "columns = date, force, kind, affected, bar, fields, ico, nca, threat, origin, title"
check "every column name is accepted" 0 "$BD" list
rm -f "$CFG"
check "without ascii = yes, show draws UTF-8" 0 "$BD" show $MET
if LC_ALL=C grep -q '[^ -~	]' "$T/out"; then ok "... bytes outside ASCII"; else not_ok "... bytes outside ASCII"; fi
config "ascii = yes"
check "ascii = yes: show draws in ASCII" 0 "$BD" show $MET
if LC_ALL=C grep -q '[^ -~	]' "$T/out"; then not_ok "... no byte outside ASCII" "$(LC_ALL=C grep '[^ -~	]' "$T/out" | head -2)"; else
	ok "... no byte outside ASCII"; fi
config "theme = mono" "theme = default"
check "a theme set twice" 2 "$BD" list
contains "... names the first line" "$T/err" "$CFG:2: theme: already set on line 1"
rm -f "$CFG"
check "--theme NAME is an option" 0 "$BD" --theme colorblind list
check "--theme=NAME too" 0 "$BD" --theme=mono list
check "an unknown --theme is a usage error" 2 "$BD" --theme rainbow list
contains "... naming it" "$T/err" "unknown theme 'rainbow'"
check "--no-mouse is an option" 0 "$BD" --no-mouse list
check "--help names --theme" 0 "$BD" --help
contains "... there" "$T/out" "--theme NAME"
contains "... and the config file" "$T/out" "breachdash/config"

# an unreadable file is reported too (not as root, who reads anything)
config "sort = date"
chmod 000 "$CFG"
if [ -r "$CFG" ]; then
	ok "# skip unreadable config: running as a user who can read anyway"
else
	check "an unreadable config file" 2 "$BD" list
	contains "... is reported" "$T/err" "$CFG"
fi
chmod 644 "$CFG"
