# Helpers for the hostile-input tests (tests/cli/injection.sh,
# tests/tui/injection.sh, tests/cli/hostile.sh). Sourced after lib.sh.
#
#   clean_bytes DESC FILE [MODE]  FILE has nothing that could act on a
#       terminal: no C0 control but tab and newline, no DEL, no C1 control
#       (as UTF-8 or raw), no bidi control, no line or paragraph separator,
#       no BOM, and it is valid UTF-8. MODE crlf also allows \r before \n
#       (CSV, or what went through a terminal); ascii demands pure ASCII.
#   tty_payload DESC FILE  the raw bytes a program wrote to a terminal
#       (which hold its own escape sequences) hold none of the hostile
#       fixtures' payloads: OSC 0 and 52, the cursor moves, DSR, charset
#       switches, SO/SI, BEL, C1 and bidi controls.
#   store_count DB         incidents in a store (sqlite3)

clean_bytes() {
	if perl -e '
		use strict;
		my ($file, $mode) = @ARGV;
		open(my $h, "<:raw", $file) or die "$file: $!";
		local $/;
		my $s = <$h> // "";
		my @why;
		my $c0 = $mode eq "crlf" ? qr/([\x00-\x08\x0B\x0C\x0E-\x1F\x7F]|\r(?!\n))/ : qr/([\x00-\x08\x0B-\x1F\x7F])/;
		while ($s =~ /$c0/g) { push @why, sprintf("control 0x%02X at byte %d", ord($1), pos($s) - 1) }
		while ($s =~ /\xC2([\x80-\x9F])/g) { push @why, sprintf("C1 control U+%04X at byte %d", ord($1), pos($s) - 2) }
		while ($s =~ /(\xE2\x80[\x8E\x8F\xA8-\xAE]|\xE2\x81[\xA6-\xA9]|\xD8\x9C|\xEF\xBB\xBF)/g) {
			push @why, sprintf("bidi control, separator or BOM (%s) at byte %d", unpack("H*", $1), pos($s) - length($1))
		}
		push @why, "bytes that are not ASCII" if $mode eq "ascii" && $s =~ /[\x80-\xFF]/;
		my $copy = $s;
		push @why, "invalid UTF-8" unless utf8::decode($copy) && $copy !~ /[\x{D800}-\x{DFFF}]/;
		print "$_\n" for @why[0 .. ($#why < 5 ? $#why : 5)];
		exit(@why ? 1 : 0);
	' "$2" "${3:-}" >"$T/clean.why" 2>&1; then
		ok "$1"
	else
		not_ok "$1" "$(cat "$T/clean.why")"
	fi
}

tty_payload() {
	if perl -e '
		use strict;
		open(my $h, "<:raw", $ARGV[0]) or die "$ARGV[0]: $!";
		local $/;
		my $s = <$h> // "";
		my %bad = (
			"OSC 0 (window title)" => qr/\e\]0;PWNED/, "OSC 52 (clipboard)" => qr/\e\]52;/,
			"cursor move 9999;9999" => qr/\e\[9999;9999H/, "DSR (terminal answers)" => qr/\e\[6n/,
			"charset switch" => qr/\e\(0lqk/, "SO/SI" => qr/[\x0E\x0F]/, "BEL" => qr/\x07/,
			"C1 CSI/OSC/NEL" => qr/\xC2[\x80-\x9F]/, "raw C1 CSI" => qr/(?<![\xC0-\xFF\x80-\xBF])\x9B/,
			"bidi control" => qr/\xE2\x80[\x8E\x8F\xAA-\xAE]|\xE2\x81[\xA6-\xA9]|\xD8\x9C/,
			"line separator" => qr/\xE2\x80[\xA8\xA9]/, "BOM" => qr/\xEF\xBB\xBF/,
		);
		my @why = grep { $s =~ $bad{$_} } sort keys %bad;
		print "$_\n" for @why;
		exit(@why ? 1 : 0);
	' "$2" >"$T/clean.why" 2>&1; then
		ok "$1"
	else
		not_ok "$1" "$(cat "$T/clean.why")"
	fi
}

store_count() {
	sqlite3 "$1" 'SELECT count(*) FROM incident' 2>/dev/null
}

# is DESC GOT WANT: two strings are equal (as in tests/tui/lib.sh).
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:      $2" "expected: $3"; fi
}
