/*
 * fuzz_text — the text sanitiser (core/text.c) on any bytes. The first
 * byte picks the flags (ASCII, newlines) and a width; the rest is the text.
 *
 * The output is valid UTF-8 with no C0 control (but \n where asked), DEL,
 * C1 control, bidi control, line or paragraph separator or BOM; pure ASCII
 * in ASCII mode; sanitising it again changes nothing; and the width
 * functions cut it at character boundaries within the width.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	fz_init();
	unsigned flags = data[0] & (BD_TEXT_ASCII | BD_TEXT_NEWLINES);
	int cols = data[0] >> 2;
	char *in = fz_strndup(data + 1, size - 1);
	char *out = bd_text_sanitize(in, flags);
	if (!out)
		fz_fail("sanitize returned NULL");
	size_t n = strlen(out);
	fz_check_clean("sanitised text", out, n,
		       ((flags & BD_TEXT_NEWLINES) ? FZ_NEWLINES : 0) |
		       ((flags & BD_TEXT_ASCII) ? FZ_ASCII : 0));
	if (!bd_utf8_valid(out, n))
		fz_fail("bd_utf8_valid rejects sanitised text");
	char *again = bd_text_sanitize(out, flags);
	if (!again || strcmp(again, out))
		fz_fail("sanitising twice changes the text");
	free(again);
	int w = -1;
	size_t fit = bd_text_fit(out, cols, &w);
	if (fit > n || w < 0 || w > cols)
		fz_fail("fit %zu bytes of %zu, width %d of %d", fit, n, w, cols);
	if (fit < n && (out[fit] & 0xC0) == 0x80)
		fz_fail("fit cuts a character at byte %zu", fit);
	if (bd_text_width(out) < w)
		fz_fail("the whole is narrower than a part");
	/* The input itself, decoded: never past its end. */
	unsigned cp;
	for (size_t i = 0, len; i < size - 1; i += len ? len : 1)
		len = bd_utf8_decode((const unsigned char *)in + i, size - 1 - i, &cp);
	free(out);
	free(in);
	return 0;
}
