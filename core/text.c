#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* A hand-written decoder because mbrtowc follows the locale, and text must
 * be checked and cleaned the same way whatever locale the user runs in. */
size_t bd_utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	static const unsigned min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	unsigned c = s[0];
	size_t len;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, c &= 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, c &= 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, c &= 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

bool bd_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	for (size_t i = 0; i < n;) {
		size_t len = bd_utf8_decode(p + i, n - i, &cp);
		if (!len || cp == 0)
			return false;
		i += len;
	}
	return true;
}

static bool is_bidi_control(unsigned cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static bool is_control(unsigned cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       cp == 0x2028 || cp == 0x2029;
}

static const char *ascii_standin(unsigned cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x2032: return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x2033: return "\"";
	case 0x2013: case 0x2014: case 0x2212: return "-";
	case 0x2026: return "...";
	case 0x00A0: return " ";
	case 0x00A3: return "GBP ";
	case 0x20AC: return "EUR ";
	case 0x2264: return "<=";
	case 0x2265: return ">=";
	case 0x00D7: return "x";
	default: return "?";
	}
}

static void put(char *out, size_t *o, const char *s, size_t n)
{
	memcpy(out + *o, s, n);
	*o += n;
}

char *bd_text_sanitize(const char *s, unsigned flags)
{
	if (!s)
		s = "";
	size_t n = strlen(s);
	/* Worst case: every byte becomes U+FFFD (3 bytes) or "GBP " (4). */
	char *out = malloc(n * 4 + 1);
	if (!out)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = bd_utf8_decode(p + i, n - i, &cp);
		if (!len) {
			i++;
			if (flags & BD_TEXT_ASCII)
				put(out, &o, "?", 1);
			else
				put(out, &o, "\xEF\xBF\xBD", 3);
			continue;
		}
		i += len;
		if (cp == '\n' && (flags & BD_TEXT_NEWLINES))
			put(out, &o, "\n", 1);
		else if (cp == '\t' || cp == '\n' || cp == '\r')
			put(out, &o, " ", 1);
		else if (is_bidi_control(cp) || cp == 0xFEFF)
			continue;
		else if (is_control(cp)) {
			if (flags & BD_TEXT_ASCII)
				put(out, &o, "?", 1);
			else
				put(out, &o, "\xEF\xBF\xBD", 3);
		} else if (cp >= 0x80 && (flags & BD_TEXT_ASCII)) {
			const char *r = ascii_standin(cp);
			put(out, &o, r, strlen(r));
		} else
			put(out, &o, (const char *)p + i - len, len);
	}
	out[o] = '\0';
	return out;
}

static int char_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;       /* unprintable in this locale: drawn as one cell */
	return w;
}

size_t bd_text_fit(const char *s, int cols, int *width)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	int w = 0;
	while (i < n) {
		unsigned cp;
		size_t len = bd_utf8_decode(p + i, n - i, &cp);
		int cw = len ? char_width(cp) : 1;
		if (!len)
			len = 1;
		if (w + cw > cols)
			break;
		w += cw;
		i += len;
	}
	if (width)
		*width = w;
	return i;
}

int bd_text_width(const char *s)
{
	int w;
	bd_text_fit(s, 1 << 30, &w);
	return w;
}

size_t bd_text_line(const char *s, int cols)
{
	size_t n = bd_text_fit(s, cols, NULL);
	if (s[n] && s[n] != ' ') {
		size_t cut = n;
		while (cut > 0 && s[cut] != ' ')
			cut--;
		if (cut > 0)
			n = cut;
	}
	return n;
}
