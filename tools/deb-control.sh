#!/bin/sh
# deb-control.sh ROOT VERSION ARCH MAINTAINER: prints DEBIAN/control for the
# staged tree ROOT (make deb). Depends are what the installed binary links:
# dpkg-shlibdeps reads them from the binary and the libraries' symbols files
# (with minimum versions); without it (no dpkg-dev), the packages of the
# libraries it links, found by dpkg -S, unversioned.
set -eu
root=$1 version=$2 arch=$3 maintainer=$4
bin=$root/usr/bin/breachdash
[ -x "$bin" ] || { echo "deb-control.sh: no $bin" >&2; exit 1; }

depends=
if command -v dpkg-shlibdeps >/dev/null 2>&1; then
	# It wants a source package's debian/control; an empty one will do.
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	mkdir "$work/debian" && : >"$work/debian/control"
	abs=$(cd "$(dirname "$bin")" && pwd)/breachdash
	depends=$(cd "$work" && dpkg-shlibdeps -O "$abs" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
fi
if [ -z "$depends" ]; then
	depends=$(ldd "$bin" | awk '$3 ~ /^\// { print $3 }' | while read -r lib; do
		dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null
	done | cut -d: -f1 | sort -u | paste -sd, - | sed 's/,/, /g')
fi
[ -n "$depends" ] || { echo "deb-control.sh: cannot tell the runtime libraries of $bin" >&2; exit 1; }

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat <<CONTROL
Package: breachdash
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Section: utils
Priority: optional
Description: terminal dashboard of UK police data breaches
 Puts UK police data breaches side by side in a terminal: who was hit, how
 many people, which fields leaked, which regulators were told, and the
 terrorism threat level in force. The bundled record and threat levels are
 built into the program, so it runs with no data directory.
CONTROL
