#include "jsonout.h"

#include <stdlib.h>
#include <string.h>

char *bd_json_dumps(const json_t *j, size_t flags)
{
	char *text = j ? json_dumps(j, flags) : NULL;
	if (!text)
		return NULL;
	size_t dels = 0, n = 0;
	for (; text[n]; n++)
		dels += text[n] == 0x7F;
	if (!dels)
		return text;
	char *out = malloc(n + dels * 5 + 1), *o = out;
	if (!out) {
		free(text);
		return NULL;
	}
	for (const char *p = text; *p; p++) {
		if (*p == 0x7F) {
			memcpy(o, "\\u007f", 6);
			o += 6;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	free(text);
	return out;
}

static void margin(FILE *out, int indent, int depth)
{
	fputc('\n', out);
	for (int i = 0; i < indent + 2 * depth; i++)
		fputc(' ', out);
}

/* One UTF-8 sequence from s (at most n bytes) as its code point, with its
 * length in *len; -1 when it is not valid UTF-8. */
static long utf8_point(const unsigned char *s, size_t n, size_t *len)
{
	int k = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
	if (!k || (size_t)k > n || s[0] >= 0xF8)
		return -1;
	long c = s[0] & (0x3F >> (k - 1));
	for (int i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = c << 6 | (s[i] & 0x3F);
	}
	*len = (size_t)k;
	return c;
}

/* A string's bytes from just after its opening quote; returns the length
 * read, through the closing quote. */
static size_t write_string(FILE *out, const char *s, size_t n, int *bad)
{
	size_t i = 0;
	while (i < n && s[i] != '"') {
		unsigned char c = (unsigned char)s[i];
		size_t len = 1;
		if (c == '\\') {
			fputc(c, out);
			if (++i < n)
				fputc(s[i++], out);
			continue;
		}
		if (c == 0x7F) {
			fputs("\\u007f", out);
		} else if (c < 0x80) {
			fputc(c, out);
		} else {
			long p = utf8_point((const unsigned char *)s + i, n - i, &len);
			if (p < 0) {
				*bad = 1;
				return n;
			}
			if (p < 0x10000)
				fprintf(out, "\\u%04X", (unsigned)p);
			else
				fprintf(out, "\\u%04X\\u%04X", (unsigned)(0xD800 + ((p - 0x10000) >> 10)),
					(unsigned)(0xDC00 + ((p - 0x10000) & 0x3FF)));
		}
		i += len;
	}
	fputc('"', out);
	return i + 1;
}

int bd_json_write_indented(FILE *out, const char *compact, int indent)
{
	size_t n = strlen(compact);
	int depth = 0, bad = 0;
	for (size_t i = 0; i < n && !bad; i++) {
		char c = compact[i];
		if (c == '"') {
			fputc(c, out);
			i += write_string(out, compact + i + 1, n - i - 1, &bad);
		} else if ((c == '{' || c == '[') && i + 1 < n && compact[i + 1] == (c == '{' ? '}' : ']')) {
			fputc(c, out);
			fputc(compact[++i], out);
		} else if (c == '{' || c == '[') {
			fputc(c, out);
			margin(out, indent, ++depth);
		} else if (c == '}' || c == ']') {
			margin(out, indent, --depth);
			fputc(c, out);
		} else if (c == ',') {
			fputc(c, out);
			margin(out, indent, depth);
		} else if (c == ':') {
			fputs(": ", out);
		} else {
			fputc(c, out);
		}
	}
	return bad || depth ? -1 : 0;
}
