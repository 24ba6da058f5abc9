#!/bin/sh
# make screenshots: renders the main views of the dashboard, on the bundled
# data, at 120x32 into screenshots/NAME.txt (plain text) and
# screenshots/NAME.png. The pictures come from the real program in a real
# terminal: tmux runs it (tests/tui/lib.sh), `tmux capture-pane -e` gives
# the screen with its colours and attributes as escape sequences, the awk
# program below turns those into SVG, one cell per character on a fixed
# grid (so the bars and box lines join up), and rsvg-convert (librsvg2-bin)
# draws the SVG with DejaVu Sans Mono (fonts-dejavu-core), which has every
# glyph the dashboard uses (● ○ · ▲ ▼ █ ▏…▉ ◆ ▶ ≠ … and the box lines).
#
# (ansifilter --svg was tried first: version 2.18 leaves out background
# colours, draws reverse video black on black and labels its UTF-8 output
# ISO-8859-1, so the header, the selected row and the threat bands were
# lost.)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
BD_TOP=$top
BD_BIN=$top/$BUILD/breachdash
export BD_TOP BD_BIN

for tool in tmux rsvg-convert; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "screenshots: $tool is missing; 'make deps' installs it" >&2
		exit 1
	fi
done
[ -x "$BD_BIN" ] || { echo "screenshots: no $BD_BIN; run make first" >&2; exit 1; }

. "$top/tests/tui/lib.sh"

OUT=$top/screenshots
COLS=120
ROWS=32
mkdir -p "$OUT"

# ansi2svg COLS ROWS < capture > svg
ansi2svg() {
	LC_ALL=C awk -v cols="$1" -v rows="$2" '
	function lv(x) { return x ? 55 + x * 40 : 0 }
	function reset() { fg = -1; bg = -1; bold = 0; dim = 0; ital = 0; ul = 0; rev = 0; hid = 0; strike = 0 }
	function colour(c, def) { return c == -1 ? def : (c ~ /^#/ ? c : pal[c + 0]) }
	function sgr(params,   n, p, k, v) {
		if (params == "")
			params = "0"
		n = split(params, p, ";")
		for (k = 1; k <= n; k++) {
			v = p[k] + 0
			if (v == 0) reset()
			else if (v == 1) bold = 1
			else if (v == 2) dim = 1
			else if (v == 3) ital = 1
			else if (v == 4) ul = 1
			else if (v == 7) rev = 1
			else if (v == 8) hid = 1
			else if (v == 9) strike = 1
			else if (v == 22) { bold = 0; dim = 0 }
			else if (v == 23) ital = 0
			else if (v == 24) ul = 0
			else if (v == 27) rev = 0
			else if (v == 28) hid = 0
			else if (v == 29) strike = 0
			else if (v >= 30 && v <= 37) fg = v - 30
			else if (v == 39) fg = -1
			else if (v >= 40 && v <= 47) bg = v - 40
			else if (v == 49) bg = -1
			else if (v >= 90 && v <= 97) fg = v - 90 + 8
			else if (v >= 100 && v <= 107) bg = v - 100 + 8
			else if (v == 38 || v == 48) {
				c = -1
				if (p[k + 1] == 5) { c = p[k + 2] + 0; k += 2 }
				else if (p[k + 1] == 2) { c = sprintf("#%02x%02x%02x", p[k + 2], p[k + 3], p[k + 4]); k += 4 }
				if (v == 38) fg = c; else bg = c
			}
		}
	}
	function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
	BEGIN {
		ESC = sprintf("%c", 27)
		for (k = 128; k < 192; k++) cont[sprintf("%c", k)] = 1
		# Tango, the palette of many Linux terminals
		split("#2e3436 #cc0000 #4e9a06 #c4a000 #3465a4 #75507b #06989a #d3d7cf " \
		      "#555753 #ef2929 #8ae234 #fce94f #729fcf #ad7fa8 #34e2e2 #eeeeec", t, " ")
		for (k = 0; k < 16; k++) pal[k] = t[k + 1]
		for (k = 16; k < 232; k++) {
			m = k - 16
			pal[k] = sprintf("#%02x%02x%02x", lv(int(m / 36)), lv(int(m / 6) % 6), lv(m % 6))
		}
		for (k = 232; k < 256; k++) { g = 8 + (k - 232) * 10; pal[k] = sprintf("#%02x%02x%02x", g, g, g) }
		DEF_FG = "#d3d7cf"; DEF_BG = "#1c1c1c"
		fs = 15; cw = 9.03; ch = 17.5; asc = 13.9; pad = 10
		reset()
		row = 0
	}
	{
		line = $0; L = length(line); x = 0; i = 1
		while (i <= L && row < rows) {
			c = substr(line, i, 1)
			if (c == ESC) {
				if (substr(line, i + 1, 1) == "[") {
					j = i + 2; params = ""
					while (j <= L && substr(line, j, 1) ~ /[0-9;]/) { params = params substr(line, j, 1); j++ }
					if (substr(line, j, 1) == "m") sgr(params)
					i = j + 1
				} else
					i += 2
				continue
			}
			chr = c; i++
			while (i <= L && (substr(line, i, 1) in cont)) { chr = chr substr(line, i, 1); i++ }
			if (x < cols) {
				f = colour(fg, DEF_FG); b = colour(bg, DEF_BG)
				if (rev) { tmp = f; f = b; b = tmp }
				if (hid) f = b
				CH[row, x] = chr; FG[row, x] = f; BG[row, x] = b
				ST[row, x] = (bold ? "b" : "") (dim ? "d" : "") (ital ? "i" : "")
				UL[row, x] = ul || strike ? (ul ? "u" : "") (strike ? "s" : "") : ""
			}
			x++
		}
		row++
	}
	END {
		W = 2 * pad + cols * cw; H = 2 * pad + rows * ch
		printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n", W, H, W, H
		printf "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n", DEF_BG
		printf "<g font-family=\"DejaVu Sans Mono\" font-size=\"%d\" xml:space=\"preserve\">\n", fs
		for (r = 0; r < rows; r++) {
			y = pad + r * ch
			# backgrounds, merged into runs
			for (x = 0; x < cols; ) {
				b = ((r, x) in BG) ? BG[r, x] : DEF_BG
				for (e = x + 1; e < cols && (((r, e) in BG) ? BG[r, e] : DEF_BG) == b; e++) ;
				if (b != DEF_BG)
					printf "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n", pad + x * cw, y, (e - x) * cw + 0.5, ch + 0.5, b
				x = e
			}
			# text, in runs of one style; every character placed on its cell
			for (x = 0; x < cols; ) {
				if (!((r, x) in CH) || CH[r, x] == " ") { x++; continue }
				f = FG[r, x]; s = ST[r, x]; xs = ""; txt = ""
				for (e = x; e < cols && ((r, e) in CH) && CH[r, e] != " " && FG[r, e] == f && ST[r, e] == s; e++) {
					xs = xs (e > x ? " " : "") sprintf("%.2f", pad + e * cw)
					txt = txt esc(CH[r, e])
				}
				printf "<text x=\"%s\" y=\"%.2f\" fill=\"%s\"%s%s%s>%s</text>\n", xs, y + asc, f,
					index(s, "b") ? " font-weight=\"bold\"" : "",
					index(s, "d") ? " fill-opacity=\"0.55\"" : "",
					index(s, "i") ? " font-style=\"italic\"" : "", txt
				x = e
			}
			# underline and strike-through
			for (x = 0; x < cols; x++)
				if (((r, x) in UL) && UL[r, x] != "") {
					if (index(UL[r, x], "u"))
						printf "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"1\" fill=\"%s\"/>\n", pad + x * cw, y + ch - 2.5, cw + 0.2, FG[r, x]
					if (index(UL[r, x], "s"))
						printf "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"1\" fill=\"%s\"/>\n", pad + x * cw, y + ch / 2, cw + 0.2, FG[r, x]
				}
		}
		print "</g>\n</svg>"
	}'
}

# shot NAME: the current screen into screenshots/NAME.txt and NAME.png.
shot() {
	screen >"$OUT/$1.txt"
	tm capture-pane -p -e -N -t "$SESSION" | ansi2svg "$COLS" "$ROWS" >"$T/$1.svg"
	if rsvg-convert -f png -o "$OUT/$1.png" "$T/$1.svg"; then
		echo "screenshots/$1.txt screenshots/$1.png"
	else
		echo "screenshots: rsvg-convert failed for $1" >&2
		failed=1
	fi
}
failed=0

# The bundled record, not the tests' fixed copy of it.
BREACHDASH_DATA=$top/data
export BREACHDASH_DATA

# find TEXT: the cursor to the first incident whose text has TEXT.
find() {
	keys /
	send_text "$1"
	keys Enter
}

start $COLS $ROWS
shot overview

# The Met supplier breach, fields pane.
find "Hack of warrant-card"
keys Enter Tab
shot detail-fields
stop

# Compare the PSNI spreadsheet with the Met supplier breach.
start $COLS $ROWS
find "freedom-of-information reply"
keys Space
find "Hack of warrant-card"
keys Space c
shot compare
# The matrix with the Met selected and the home-address column (12th).
keys Escape u
keys 2
keys l l l l l l l l l l l
shot matrix
keys 3
shot timeline
keys 4
shot breakdown
keys 5
shot trends
keys 1 ?
shot help
stop
exit "$failed"
