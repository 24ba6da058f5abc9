# make install and make uninstall into a staging directory (DESTDIR): the
# files land where they belong, the installed program finds its bundled
# data, the manual page renders without a warning, and uninstall leaves no
# file behind. Installs the binary of the build under test (make check: the
# sanitizer build); nothing in the source tree is rebuilt or copied.
. "$BD_TOP/tests/lib.sh"
D="$T/dest"
P=/usr/local
MET=met-2023-08-supplier

check "make install DESTDIR=... PREFIX=$P" 0 make -C "$TOP" -s install DESTDIR="$D" PREFIX="$P"
for f in bin/breachdash share/man/man1/breachdash.1 share/breachdash/incidents.json \
	share/breachdash/threat_levels.json share/breachdash/SCHEMA.md \
	share/bash-completion/completions/breachdash; do
	if [ -f "$D$P/$f" ]; then ok "... installs $P/$f"; else not_ok "... installs $P/$f"; fi
done
if [ -x "$D$P/bin/breachdash" ]; then ok "... the program is executable"; else not_ok "... the program is executable"; fi
same "... the manual page as in the tree" "$TOP/breachdash.1" "$D$P/share/man/man1/breachdash.1"
same "... the completion as in the tree" "$TOP/completion/breachdash.bash" "$D$P/share/bash-completion/completions/breachdash"
same "... the bundled incidents as in the tree" "$TOP/data/incidents.json" "$D$P/share/breachdash/incidents.json"

# the installed program, from a clean HOME, with no BREACHDASH_DATA or
# BREACHDASH_DB: it seeds its store from the data installed beside it
mkdir -p "$T/home2"
check "the installed program lists the bundled data" 0 \
	env -u BREACHDASH_DB -u BREACHDASH_DATA HOME="$T/home2" "$D$P/bin/breachdash" list
contains "... the Met supplier breach" "$T/out" "$MET"
if [ -f "$T/home2/.local/share/breachdash/incidents.db" ]; then ok "... in a store under HOME"; else
	not_ok "... in a store under HOME"; fi
# proof that the data came from the staging tree, not some other copy
sed -i 's/"title": "Hack of warrant-card printer/"title": "STAGED COPY of warrant-card printer/' \
	"$D$P/share/breachdash/incidents.json"
mkdir -p "$T/home3"
check "... read from the installed data files" 0 \
	env -u BREACHDASH_DB -u BREACHDASH_DATA HOME="$T/home3" "$D$P/bin/breachdash" show $MET
contains "... (a change to them shows)" "$T/out" "STAGED COPY"
check "the installed program runs --version" 0 "$D$P/bin/breachdash" --version
contains "... naming itself" "$T/out" "breachdash "

# the manual page renders without warnings
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man --warnings -l "$D$P/share/man/man1/breachdash.1" >"$T/man.txt" 2>"$T/man.err"
	if [ -s "$T/man.err" ]; then not_ok "man -l renders the page without warnings" "$(head -5 "$T/man.err")"; else
		ok "man -l renders the page without warnings"; fi
	contains "... the page has its name" "$T/man.txt" "breachdash - terminal dashboard of UK police data breaches"
	for s in "new" "edit ID" "report"; do
		if grep -q "^ *$s\b" "$T/man.txt"; then ok "... documents $s"; else not_ok "... documents $s"; fi
	done
	contains "... and the config file" "$T/man.txt" "breachdash/config"
	if awk 'length > 80 { bad = 1 } END { exit bad }' "$T/man.txt"; then ok "... fits in 80 columns"; else
		not_ok "... fits in 80 columns" "$(awk 'length > 80' "$T/man.txt" | head -3)"; fi
else
	ok "# skip no man (apt-get install man-db groff-base)"
fi

check "make uninstall DESTDIR=..." 0 make -C "$TOP" -s uninstall DESTDIR="$D" PREFIX="$P"
left=$(find "$D" -type f -o -type l | head -5)
if [ -z "$left" ]; then ok "... leaves no file behind"; else not_ok "... leaves no file behind" "$left"; fi
check "make uninstall again is harmless" 0 make -C "$TOP" -s uninstall DESTDIR="$D" PREFIX="$P"
