# One file on a jump host: the binary copied alone runs on the data built
# into it; a data file on the search path wins over that; make deb builds a
# package of this build, and (as root, with dpkg: CI) it installs, runs
# with its data directory gone, and removes cleanly.
. "$BD_TOP/tests/lib.sh"
MET=met-2023-08-supplier
# The record's size and the threat table's as_of, read from data/ itself.
BUNDLED=$(grep -c '^      "id": ' "$TOP/data/incidents.json")
FIXTURE=$(grep -c '^      "id": ' "$TOP/tests/fixtures/data/incidents.json")
AS_OF=$(sed -n 's/^  "as_of": "\([0-9-]*\)",*$/\1/p' "$TOP/data/threat_levels.json")
VERSION=$("$BD" --version | sed -n '1s/^breachdash //p')

# counted DESC N: the listing in $T/out has N incidents (and a header)
counted() {
	got=$(($(wc -l <"$T/out") - 1))
	is "$1" "$got" "$2"
}

# alone DIR HOME ARGS...: the binary copied to DIR, run from an empty HOME,
# with no BREACHDASH_DATA or BREACHDASH_DB
alone() {
	dir=$1 home=$2; shift 2
	mkdir -p "$home"
	(cd "$dir" && env -u BREACHDASH_DATA -u BREACHDASH_DB HOME="$home" ./breachdash "$@")
}

# ---- the binary alone ----
mkdir -p "$T/alone"
cp "$BD" "$T/alone/breachdash"
check "the binary alone: --version" 0 alone "$T/alone" "$T/h1" --version
contains "... names the threat table's as-of date" "$T/out" "threat levels as of $AS_OF (the table's as_of date)"
contains "... and the incidents' newest source date" "$T/out" "$BUNDLED incidents as of 20"
if grep -q "read from /" "$T/out"; then
	# a copy of the data installed on this machine (BD_DATADIR) wins
	ok "# skip installed data found: $(grep -o 'read from [^ ]*' "$T/out" | head -1)"
else
	contains "... built in" "$T/out" "incidents.json (built in)"
	contains "... both files" "$T/out" "threat_levels.json (built in)"
	check "the binary alone lists the bundled record" 0 alone "$T/alone" "$T/h1" list --format tsv
	counted "... all of it" "$BUNDLED"
	if [ -f "$T/h1/.local/share/breachdash/incidents.db" ]; then ok "... from a store made under HOME"; else
		not_ok "... from a store made under HOME"; fi
	check "... report" 0 alone "$T/alone" "$T/h1" report
	contains "... with the threat levels" "$T/out" "the threat table was last checked on $AS_OF"
	check "... show" 0 alone "$T/alone" "$T/h1" show $MET
	contains "... with the level in force" "$T/out" "Threat level in force"
fi

# ---- a data file found wins over the built-in copy ----
check "BREACHDASH_DATA: --version" 0 env BREACHDASH_DATA="$TOP/tests/fixtures/data" "$BD" --version
contains "... reads the files there" "$T/out" \
	"$FIXTURE incidents as of 2025-08-20 (the newest date of their sources), read from $TOP/tests/fixtures/data/incidents.json"
mkdir -p "$T/h2"
check "... list" 0 env BREACHDASH_DATA="$TOP/tests/fixtures/data" HOME="$T/h2" "$BD" list --format tsv
counted "... its incidents, not the built-in ones" "$FIXTURE"
# installed beside the program: PREFIX/bin and PREFIX/share/breachdash
mkdir -p "$T/inst/bin" "$T/inst/share/breachdash"
cp "$BD" "$T/inst/bin/breachdash"
cp "$TOP/tests/fixtures/data/incidents.json" "$TOP/tests/fixtures/data/threat_levels.json" "$T/inst/share/breachdash/"
check "installed data files: --version" 0 alone "$T/inst/bin" "$T/h3" --version
contains "... reads them" "$T/out" "read from $T/inst/bin/../share/breachdash/incidents.json"
check "... list" 0 alone "$T/inst/bin" "$T/h3" list --format tsv
counted "... their incidents" "$FIXTURE"
# a broken file is named with where and what, not replaced by the copy
mkdir -p "$T/bad"
sed 's/"level": "severe"/"level": "dire"/' "$TOP/tests/fixtures/data/threat_levels.json" >"$T/bad/threat_levels.json"
check "a broken threat file: --version fails" 1 env BREACHDASH_DATA="$T/bad" "$BD" --version
contains "... naming the file, line and column" "$T/err" "$T/bad/threat_levels.json:"
contains "... and what is wrong" "$T/err" 'expected "level": low, moderate'

# ---- make deb ----
if ! command -v dpkg-deb >/dev/null 2>&1; then
	ok "# skip no dpkg-deb (not a Debian system)"
	exit 0
fi
ARCH=$(dpkg --print-architecture)
DEB="$BD_BUILD/breachdash_${VERSION}_$ARCH.deb"
rm -f "$DEB"
check "make deb" 0 make -C "$TOP" -s deb
if [ -f "$DEB" ]; then ok "... builds $(basename "$DEB")"; else not_ok "... builds $DEB" "$(cat "$T/err")"; fi
dpkg-deb -c "$DEB" >"$T/contents" 2>&1
contains "... holding usr/bin/breachdash" "$T/contents" " ./usr/bin/breachdash"
contains "... the manual page" "$T/contents" " ./usr/share/man/man1/breachdash.1"
contains "... the completion" "$T/contents" " ./usr/share/bash-completion/completions/breachdash"
contains "... owned by root" "$T/contents" "root/root"
dpkg-deb -I "$DEB" >"$T/info" 2>&1
contains "... control: Package" "$T/info" " Package: breachdash"
contains "... Version" "$T/info" " Version: $VERSION"
contains "... Architecture" "$T/info" " Architecture: $ARCH"
contains "... Maintainer" "$T/info" " Maintainer: "
for lib in libncursesw6 libsqlite3-0 libjansson4; do
	if grep -q "^ Depends:.*\b$lib\b" "$T/info"; then ok "... Depends names $lib"; else
		not_ok "... Depends names $lib" "$(grep Depends "$T/info")"; fi
done
contains "... Description" "$T/info" " Description: "

# ---- the package's program with no data directory ----
# As root with dpkg, and no breachdash on the system to disturb: install it
# for real. Otherwise: the package's tree, extracted.
if [ "$(id -u)" = 0 ] && ! dpkg -s breachdash >/dev/null 2>&1 && [ ! -e /usr/bin/breachdash ]; then
	trap 'dpkg -r breachdash >/dev/null 2>&1; rm -rf "$T"' EXIT
	check "dpkg -i the package" 0 dpkg -i "$DEB"
	PROG=/usr/bin/breachdash
	DATA=/usr/share/breachdash
	check "... /usr/bin/breachdash reads the installed data" 0 env -u BREACHDASH_DATA "$PROG" --version
	contains "... from /usr/share/breachdash" "$T/out" "read from /usr/bin/../share/breachdash/incidents.json"
else
	dpkg-deb -x "$DEB" "$T/root"
	PROG=$T/root/usr/bin/breachdash
	DATA=$T/root/usr/share/breachdash
	ok "# skip dpkg -i: not root, or breachdash is installed already (checked the extracted package)"
fi
rm -f "$DATA/incidents.json" "$DATA/threat_levels.json"
check "with its data files removed: --version" 0 alone "$(dirname "$PROG")" "$T/h4" --version
contains "... the data is built in" "$T/out" "$BUNDLED incidents as of 20"
contains "... named so" "$T/out" "incidents.json (built in)"
contains "... with the as-of date" "$T/out" "threat levels as of $AS_OF"
check "... list" 0 alone "$(dirname "$PROG")" "$T/h4" list --format tsv
counted "... the bundled record" "$BUNDLED"
if [ "$PROG" = /usr/bin/breachdash ]; then
	check "dpkg -r breachdash" 0 dpkg -r breachdash
	if [ ! -e /usr/bin/breachdash ] && [ ! -e /usr/share/man/man1/breachdash.1 ]; then
		ok "... removes the program and its page"; else not_ok "... removes the program and its page"; fi
	trap 'rm -rf "$T"' EXIT
fi
