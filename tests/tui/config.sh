# The config file in the dashboard: the overview's columns, the colour
# themes (colour-blind-safe orange and blue; mono), and a bad line ending
# the program before the screen is touched.
. "$BD_TOP/tests/tui/lib.sh"
mkdir -p "$T/cfg/breachdash"
CFG="$T/cfg/breachdash/config"

# colour: the screen has a colour escape (30-37, 40-47, 256 colours; 39
# and 49, the default colours, are none)
COLOUR='(\[|;)(3[0-7]|4[0-7])m|[34]8;5;'
colour() { screen_e | grep -qE "$COLOUR"; }
# the Met row (exposed fields NRP#$V) with its escapes
met_row() { screen_e | grep 'Met ' | head -1; }

start 80 24
expect "without a config: the usual columns, the title always" "DATE▼      FORCE        AFFECTED  EXPOSED  ICO   THREAT  TITLE"
default_row=$(met_row)
case $default_row in
*'[31mNRP'*) ok "... exposed fields in red" ;;
*) not_ok "... exposed fields in red" "$(printf '%s' "$default_row" | cat -v)" ;;
esac
stop

printf '%s\n' "# the columns I read" "columns = date, force, affected, title" >"$CFG"
start 80 24 XDG_CONFIG_HOME="$T/cfg"
expect "columns = ...: only those" "DATE▼      FORCE        AFFECTED  TITLE"
expect_not "... no kind column" "KIND"
expect "... a narrow screen has room for titles" "Hack of warrant-card printer"
stop

printf '%s\n' "theme = colorblind" >"$CFG"
start 80 24 XDG_CONFIG_HOME="$T/cfg"
row=$(met_row)
case $row in
*'[38;5;208mNRP'*|*'[33mNRP'*) ok "theme = colorblind: exposed fields in orange" ;;
*) not_ok "theme = colorblind: exposed fields in orange" "$(printf '%s' "$row" | cat -v)" ;;
esac
case $row in
*'[31m'*) not_ok "... and no red on the row" "$(printf '%s' "$row" | cat -v)" ;;
*) ok "... and no red on the row" ;;
esac
stop

printf '%s\n' "theme = mono" >"$CFG"
start 80 24 XDG_CONFIG_HOME="$T/cfg"
if colour; then
	not_ok "theme = mono: no colour at all" "$(screen_e | grep -E "$COLOUR" | head -1 | cat -v)"
else ok "theme = mono: no colour at all"; fi
expect "... the data still there" "NRP#\$V"
stop

printf '%s\n' "theme = colorblind" >"$CFG"
start 80 24 XDG_CONFIG_HOME="$T/cfg" NO_COLOR=1
if colour; then not_ok "NO_COLOR wins over the theme"; else
	ok "NO_COLOR wins over the theme"; fi
stop

printf '%s\n' "" "" "theme = sepia" >"$CFG"
start 80 24 XDG_CONFIG_HOME="$T/cfg"
wait_for "EXITED" >/dev/null
expect "a bad line: the program ends at once with status 2" "EXITED 2"
expect "... naming the line" "$CFG:3: theme: unknown theme 'sepia'"
is "... the screen was never taken over" "$(pane_fmt '#{alternate_on}')" 0
stop
