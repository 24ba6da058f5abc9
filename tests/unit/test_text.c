/* Text from data on its way to a terminal: sanitising, UTF-8 decoding and
 * widths in columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define FFFD "\xEF\xBF\xBD"

static void expect(const char *in, unsigned flags, const char *want)
{
	char *out = bd_text_sanitize(in, flags);
	assert_non_null(out);
	assert_string_equal(out, want);
	free(out);
}

/* No C0 control (bar \n when allowed), DEL, C1 control or bidi control may
 * survive, whatever the input. */
static void assert_inert(const char *s, bool newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = bd_utf8_decode(p + i, n - i, &cp);
		assert_true(len > 0);          /* output is valid UTF-8 */
		if (cp == '\n')
			assert_true(newlines);
		else
			assert_false(cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F));
		assert_false((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069));
		i += len;
	}
}

static void replaces_csi_escape_sequences(void **state)
{
	(void)state;
	expect("a\x1b[31mred\x1b[0m", 0, "a" FFFD "[31mred" FFFD "[0m");
	expect("a\x1b[31mred\x1b[0m", BD_TEXT_ASCII, "a?[31mred?[0m");
	expect("\x1b[2J\x1b[H", 0, FFFD "[2J" FFFD "[H");
}

static void replaces_osc_sequences(void **state)
{
	(void)state;
	/* OSC 52 would write the clipboard; OSC 0 sets the window title. */
	expect("\x1b]52;c;SGVsbG8=\x07", 0, FFFD "]52;c;SGVsbG8=" FFFD);
	expect("\x1b]0;owned\x1b\\", BD_TEXT_ASCII, "?]0;owned?\\");
	char *out = bd_text_sanitize("x\x1b]2;title\x07y\x1bPq\x1b\\", 0);
	assert_null(strchr(out, '\x1b'));
	assert_null(strchr(out, '\x07'));
	assert_inert(out, false);
	free(out);
}

static void replaces_bel_and_other_c0_controls(void **state)
{
	(void)state;
	expect("ding\x07", 0, "ding" FFFD);
	expect("a\x01" "b\x7f" "c\x08" "d", BD_TEXT_ASCII, "a?b?c?d");
	expect("\x0c\x0b", BD_TEXT_ASCII, "??");
}

static void replaces_c1_controls_encoded_as_utf8(void **state)
{
	(void)state;
	/* U+009B is CSI and U+009D is OSC in terminals that honour C1. */
	expect("\xC2\x9B" "31m", 0, FFFD "31m");
	expect("\xC2\x9D" "0;t\xC2\x9C", BD_TEXT_ASCII, "?0;t?");
	expect("\xC2\x80\xC2\x9F", 0, FFFD FFFD);
	/* U+00A0 is just past the C1 range: kept. */
	expect("\xC2\xA0", 0, "\xC2\xA0");
}

static void replaces_c1_controls_as_raw_bytes(void **state)
{
	(void)state;
	expect("\x9B" "31m", 0, FFFD "31m");
	expect("a\x9D" "0;x\x9C" "b", BD_TEXT_ASCII, "a?0;x?b");
	expect("\x80\x9F", 0, FFFD FFFD);
}

static void drops_bidi_overrides_and_isolates(void **state)
{
	(void)state;
	static const char *const bidi[] = {
		"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE", /* 202A-202E */
		"\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9",                 /* 2066-2069 */
	};
	for (size_t i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
		char in[32];
		snprintf(in, sizeof in, "ab%scd", bidi[i]);
		expect(in, 0, "abcd");
		expect(in, BD_TEXT_ASCII, "abcd");
	}
	/* "txt.exe" disguised as "exe.txt" by a right-to-left override. */
	expect("invoice\xE2\x80\xAEtxt.exe", 0, "invoicetxt.exe");
	/* Neighbours of the ranges stay. */
	expect("\xE2\x80\xA9", 0, FFFD);               /* U+2029 paragraph separator: a control */
	expect("\xE2\x80\xAF", 0, "\xE2\x80\xAF");     /* U+202F narrow no-break space */
	expect("\xE2\x81\xA5", 0, "\xE2\x81\xA5");     /* U+2065 */
	expect("\xE2\x81\xAA", 0, "\xE2\x81\xAA");     /* U+206A */
}

static void invalid_utf8_becomes_replacement_character(void **state)
{
	(void)state;
	expect("a\xFF" "b", 0, "a" FFFD "b");
	expect("a\xFF" "b", BD_TEXT_ASCII, "a?b");
	/* An overlong '/' and an encoded surrogate, byte by byte. */
	expect("\xC0\xAF", 0, FFFD FFFD);
	expect("\xED\xA0\x80", 0, FFFD FFFD FFFD);
	/* A sequence cut short by the end of the string. */
	expect("x\xE2\x82", 0, "x" FFFD FFFD);
	expect("x\xE2\x82", BD_TEXT_ASCII, "x??");
	/* Valid text is untouched. */
	expect("caf\xC3\xA9 \xE2\x82\xAC" "5 \xF0\x9F\x98\x80", 0, "caf\xC3\xA9 \xE2\x82\xAC" "5 \xF0\x9F\x98\x80");
}

static void keeps_newlines_only_when_asked(void **state)
{
	(void)state;
	expect("one\ntwo", 0, "one two");
	expect("one\ntwo", BD_TEXT_NEWLINES, "one\ntwo");
	expect("one\ntwo", BD_TEXT_NEWLINES | BD_TEXT_ASCII, "one\ntwo");
	/* Tab and carriage return are spaces either way. */
	expect("a\tb\r\nc", 0, "a b  c");
	expect("a\tb\r\nc", BD_TEXT_NEWLINES, "a b \nc");
	/* U+2028 line separator is not a newline. */
	expect("a\xE2\x80\xA8" "b", BD_TEXT_NEWLINES, "a" FFFD "b");
}

static void ascii_mode_uses_stand_ins(void **state)
{
	(void)state;
	expect("\xC2\xA3" "750,000", BD_TEXT_ASCII, "GBP 750,000");
	expect("\xE2\x80\x9Cquoted\xE2\x80\x9D it\xE2\x80\x99s", BD_TEXT_ASCII, "\"quoted\" it's");
	expect("wait\xE2\x80\xA6", BD_TEXT_ASCII, "wait...");
	expect("2021\xE2\x80\x93" "22", BD_TEXT_ASCII, "2021-22");
	expect("\xE2\x89\xA4" "500", BD_TEXT_ASCII, "<=500");
	expect("caf\xC3\xA9 \xE6\x97\xA5", BD_TEXT_ASCII, "caf? ?");
	char *out = bd_text_sanitize("\xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 \xC2\x9B\x1b", BD_TEXT_ASCII);
	for (const char *c = out; *c; c++)
		assert_true((unsigned char)*c >= 0x20 && (unsigned char)*c < 0x7F);
	free(out);
}

static void drops_byte_order_marks(void **state)
{
	(void)state;
	expect("\xEF\xBB\xBFhello", 0, "hello");
}

static void null_and_empty_give_empty(void **state)
{
	(void)state;
	expect(NULL, 0, "");
	expect("", BD_TEXT_ASCII, "");
}

static void hostile_mixture_is_inert(void **state)
{
	(void)state;
	static const char hostile[] =
		"\x1b[1;31m\x1b]52;c;ZXZpbA==\x07\xC2\x9B" "2J\x9B\x1bP+q\x1b\\"
		"\xE2\x80\xAE\xE2\x81\xA6\xFF\xFE\xC0\x80\xED\xBF\xBF\x7F\x08\r\n\x1b" "c";
	char *a = bd_text_sanitize(hostile, 0);
	assert_inert(a, false);
	free(a);
	char *b = bd_text_sanitize(hostile, BD_TEXT_NEWLINES);
	assert_inert(b, true);
	assert_non_null(strchr(b, '\n'));
	free(b);
}

/* ---- widths ---- */

static void measures_ascii_wide_and_combining(void **state)
{
	(void)state;
	assert_int_equal(bd_text_width(""), 0);
	assert_int_equal(bd_text_width("abc"), 3);
	assert_int_equal(bd_text_width("\xE6\x97\xA5\xE6\x9C\xAC"), 4);        /* 日本 */
	assert_int_equal(bd_text_width("e\xCC\x81"), 1);                        /* e + U+0301 */
	assert_int_equal(bd_text_width("caf\xC3\xA9"), 4);
	assert_int_equal(bd_text_width("\xE2\x89\xA4" "500"), 4);
	assert_int_equal(bd_text_width("a\xEF\xBC\xA1" "b"), 4);                 /* fullwidth A */
}

static void fits_without_splitting_wide_characters(void **state)
{
	(void)state;
	static const char cjk[] = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";   /* 日本語: 9 bytes, 6 columns */
	int w = -1;
	assert_int_equal(bd_text_fit(cjk, 6, &w), 9);
	assert_int_equal(w, 6);
	assert_int_equal(bd_text_fit(cjk, 5, &w), 6);
	assert_int_equal(w, 4);
	assert_int_equal(bd_text_fit(cjk, 1, &w), 0);
	assert_int_equal(w, 0);
	assert_int_equal(bd_text_fit(cjk, 0, &w), 0);
	assert_int_equal(bd_text_fit("a\xE6\x97\xA5", 2, &w), 1);
	assert_int_equal(w, 1);
	assert_int_equal(bd_text_fit("abcdef", 4, NULL), 4);
	assert_int_equal(bd_text_fit("abc", 10, &w), 3);
	assert_int_equal(w, 3);
}

static void fits_combining_marks_with_their_base(void **state)
{
	(void)state;
	int w;
	/* "éx" with a combining acute: the accent stays with its e. */
	assert_int_equal(bd_text_fit("e\xCC\x81x", 1, &w), 3);
	assert_int_equal(w, 1);
	assert_int_equal(bd_text_fit("e\xCC\x81\xCC\xA3x", 1, &w), 5);
	assert_int_equal(w, 1);
	assert_int_equal(bd_text_fit("e\xCC\x81x", 2, &w), 4);
	assert_int_equal(w, 2);
}

static void fit_never_cuts_inside_a_character(void **state)
{
	(void)state;
	static const char s[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xE6\x97\xA5z";
	for (int cols = 0; cols < 10; cols++) {
		int w;
		size_t n = bd_text_fit(s, cols, &w);
		assert_true(w <= cols);
		assert_true(bd_utf8_valid(s, n));
		/* The next byte starts a character (or ends the string). */
		assert_true(s[n] == '\0' || ((unsigned char)s[n] & 0xC0) != 0x80);
	}
}

/* ---- decoding ---- */

static size_t dec(const char *s, size_t n, unsigned *cp)
{
	return bd_utf8_decode((const unsigned char *)s, n, cp);
}

static void decodes_valid_sequences(void **state)
{
	(void)state;
	static const struct { const char *s; size_t len; unsigned cp; } ok[] = {
		{ "A", 1, 'A' }, { "\x7F", 1, 0x7F },
		{ "\xC2\x80", 2, 0x80 }, { "\xC3\xA9", 2, 0xE9 }, { "\xDF\xBF", 2, 0x7FF },
		{ "\xE0\xA0\x80", 3, 0x800 }, { "\xE2\x82\xAC", 3, 0x20AC },
		{ "\xED\x9F\xBF", 3, 0xD7FF }, { "\xEE\x80\x80", 3, 0xE000 }, { "\xEF\xBF\xBD", 3, 0xFFFD },
		{ "\xF0\x90\x80\x80", 4, 0x10000 }, { "\xF0\x9F\x98\x80", 4, 0x1F600 },
		{ "\xF4\x8F\xBF\xBF", 4, 0x10FFFF },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		unsigned cp = 0;
		assert_int_equal(dec(ok[i].s, strlen(ok[i].s), &cp), ok[i].len);
		assert_int_equal(cp, ok[i].cp);
	}
	unsigned cp = 1;
	assert_int_equal(dec("\0", 1, &cp), 1);
	assert_int_equal(cp, 0);
}

static void rejects_overlong_sequences(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\xC0\x80", "\xC0\xAF", "\xC1\xBF",             /* 2-byte overlongs */
		"\xE0\x80\x80", "\xE0\x80\xAF", "\xE0\x9F\xBF",  /* 3-byte overlongs */
		"\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",          /* 4-byte overlongs */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		unsigned cp = 0x1234;
		assert_int_equal(dec(bad[i], strlen(bad[i]), &cp), 0);
		assert_false(bd_utf8_valid(bad[i], strlen(bad[i])));
	}
}

static void rejects_surrogates_and_out_of_range(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\xED\xA0\x80", "\xED\xAD\xBF", "\xED\xB0\x80", "\xED\xBF\xBF",   /* D800..DFFF */
		"\xED\xA0\xBD\xED\xB8\x80",                                       /* CESU-8 pair */
		"\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF7\xBF\xBF\xBF",        /* > 10FFFF */
		"\xF8\x88\x80\x80\x80", "\xFE", "\xFF",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		unsigned cp;
		assert_int_equal(dec(bad[i], strlen(bad[i]), &cp), 0);
		assert_false(bd_utf8_valid(bad[i], strlen(bad[i])));
	}
}

static void rejects_broken_and_truncated_sequences(void **state)
{
	(void)state;
	unsigned cp;
	assert_int_equal(dec("\x80", 1, &cp), 0);               /* lone continuation */
	assert_int_equal(dec("\xBF" "a", 2, &cp), 0);
	assert_int_equal(dec("\xE2\x28\xA1", 3, &cp), 0);       /* bad second byte */
	assert_int_equal(dec("\xE2\x82\x28", 3, &cp), 0);       /* bad third byte */
	assert_int_equal(dec("\xF0\x9F\x98" "a", 4, &cp), 0);
	/* Enough bytes in memory, but not within n. */
	assert_int_equal(dec("\xE2\x82\xAC", 2, &cp), 0);
	assert_int_equal(dec("\xF0\x9F\x98\x80", 3, &cp), 0);
	assert_int_equal(dec("\xC3\xA9", 1, &cp), 0);
}

static void validates_whole_strings(void **state)
{
	(void)state;
	assert_true(bd_utf8_valid("", 0));
	assert_true(bd_utf8_valid("plain", 5));
	assert_true(bd_utf8_valid("caf\xC3\xA9 \xF0\x9F\x98\x80", 10));
	assert_false(bd_utf8_valid("caf\xC3", 4));
	assert_false(bd_utf8_valid("a\0b", 3));                 /* NUL inside */
	assert_false(bd_utf8_valid("ab\xED\xA0\x80", 5));
}

int main(void)
{
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(replaces_csi_escape_sequences),
		cmocka_unit_test(replaces_osc_sequences),
		cmocka_unit_test(replaces_bel_and_other_c0_controls),
		cmocka_unit_test(replaces_c1_controls_encoded_as_utf8),
		cmocka_unit_test(replaces_c1_controls_as_raw_bytes),
		cmocka_unit_test(drops_bidi_overrides_and_isolates),
		cmocka_unit_test(invalid_utf8_becomes_replacement_character),
		cmocka_unit_test(keeps_newlines_only_when_asked),
		cmocka_unit_test(ascii_mode_uses_stand_ins),
		cmocka_unit_test(drops_byte_order_marks),
		cmocka_unit_test(null_and_empty_give_empty),
		cmocka_unit_test(hostile_mixture_is_inert),
		cmocka_unit_test(measures_ascii_wide_and_combining),
		cmocka_unit_test(fits_without_splitting_wide_characters),
		cmocka_unit_test(fits_combining_marks_with_their_base),
		cmocka_unit_test(fit_never_cuts_inside_a_character),
		cmocka_unit_test(decodes_valid_sequences),
		cmocka_unit_test(rejects_overlong_sequences),
		cmocka_unit_test(rejects_surrogates_and_out_of_range),
		cmocka_unit_test(rejects_broken_and_truncated_sequences),
		cmocka_unit_test(validates_whole_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
