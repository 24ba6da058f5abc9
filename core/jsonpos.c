#include "jsonpos.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A scanner over JSON text that only knows how to skip values and walk into
 * objects and arrays: enough to find where a path points. The text is
 * already known to parse (jansson said so), so it need not validate. */
typedef struct scan {
	const char *s;
	size_t n, i;
} scan;

static void skip_ws(scan *sc)
{
	while (sc->i < sc->n && strchr(" \t\r\n", sc->s[sc->i]) && sc->s[sc->i])
		sc->i++;
}

/* Four hex digits at sc->i; -1 (nothing consumed) if they are not. */
static long hex4(scan *sc)
{
	long v = 0;
	for (size_t k = 0; k < 4; k++) {
		char h = sc->i + k < sc->n ? sc->s[sc->i + k] : '\0';
		int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 :
			h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v << 4 | d;
	}
	sc->i += 4;
	return v;
}

/* The character of a \u escape (after the "\u"; a surrogate pair takes
 * the following escape too) as UTF-8 at out: at most 4 bytes, never more
 * than the escape text it replaces. Returns the bytes written. */
static size_t read_u_escape(scan *sc, char *out)
{
	long cp = hex4(sc);
	if (cp < 0) {
		out[0] = '?';
		return 1;
	}
	if (cp >= 0xD800 && cp <= 0xDBFF && sc->i + 1 < sc->n &&
	    sc->s[sc->i] == '\\' && sc->s[sc->i + 1] == 'u') {
		sc->i += 2;
		long lo = hex4(sc);
		if (lo >= 0xDC00 && lo <= 0xDFFF)
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		else
			sc->i -= lo < 0 ? 2 : 6;        /* not a pair: read it on its own */
	}
	unsigned char *u = (unsigned char *)out;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | cp >> 18);
	u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Reads a string at sc->i (which is '"'), decoding only the escapes that
 * matter for comparing keys. Caller frees. */
static char *read_string(scan *sc)
{
	size_t start = ++sc->i, o = 0;
	char *out = malloc(sc->n - start + 1);
	if (!out)
		return NULL;
	while (sc->i < sc->n && sc->s[sc->i] != '"') {
		char c = sc->s[sc->i++];
		if (c == '\\' && sc->i < sc->n) {
			c = sc->s[sc->i++];
			if (c == 'u') {         /* keys like "caf\u00e9" must match "café" */
				o += read_u_escape(sc, out + o);
				continue;
			}
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			default: break;
			}
		}
		out[o++] = c;
	}
	sc->i++;
	out[o] = '\0';
	return out;
}

static void skip_value(scan *sc)
{
	int depth = 0;
	skip_ws(sc);
	do {
		if (sc->i >= sc->n)
			return;
		char c = sc->s[sc->i];
		if (c == '"') {
			free(read_string(sc));
		} else if (c == '{' || c == '[') {
			depth++;
			sc->i++;
		} else if (c == '}' || c == ']') {
			depth--;
			sc->i++;
		} else if (depth == 0) {
			while (sc->i < sc->n && !strchr(",}] \t\r\n", sc->s[sc->i]))
				sc->i++;
		} else {
			sc->i++;
		}
	} while (depth > 0);
}

/* Move into the member `key` of the object at sc->i. */
static bool enter_key(scan *sc, const char *key)
{
	skip_ws(sc);
	if (sc->i >= sc->n || sc->s[sc->i] != '{')
		return false;
	sc->i++;
	for (;;) {
		skip_ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != '"')
			return false;
		char *k = read_string(sc);
		bool match = k && strcmp(k, key) == 0;
		free(k);
		skip_ws(sc);
		if (sc->i < sc->n && sc->s[sc->i] == ':')
			sc->i++;
		skip_ws(sc);
		if (match)
			return true;
		skip_value(sc);
		skip_ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != ',')
			return false;
		sc->i++;
	}
}

static bool enter_index(scan *sc, size_t index)
{
	skip_ws(sc);
	if (sc->i >= sc->n || sc->s[sc->i] != '[')
		return false;
	sc->i++;
	for (size_t k = 0; k < index; k++) {
		skip_value(sc);
		skip_ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != ',')
			return false;
		sc->i++;
	}
	skip_ws(sc);
	return sc->i < sc->n && sc->s[sc->i] != ']';
}

/* Parses the next step of path at *p. Returns 0 at the end, 1 for a key
 * (in *key, caller frees), 2 for an index, -1 for a malformed path. */
static int next_step(const char **p, char **key, size_t *index)
{
	const char *s = *p;
	if (*s == '\0')
		return 0;
	if (*s == '.') {
		size_t len = strcspn(s + 1, ".[");
		*key = strndup(s + 1, len);
		*p = s + 1 + len;
		return *key ? 1 : -1;
	}
	if (s[0] == '[' && s[1] == '"') {
		char *k = malloc(strlen(s)), *o = k;
		if (!k)
			return -1;
		for (s += 2; *s && *s != '"'; s++) {
			if (*s == '\\' && s[1])
				s++;
			*o++ = *s;
		}
		*o = '\0';
		*key = k;
		*p = *s ? s + 2 : s;
		return 1;
	}
	if (s[0] == '[' && isdigit((unsigned char)s[1])) {
		char *end;
		*index = strtoul(s + 1, &end, 10);
		*p = *end == ']' ? end + 1 : end;
		return 2;
	}
	return -1;
}

static void position(const scan *sc, size_t at, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < at && i < sc->n; i++) {
		if (sc->s[i] == '\n')
			l++, c = 1;
		else
			c++;
	}
	*line = l;
	*col = c;
}

bool bd_json_locate(const char *text, size_t len, const char *path,
		    int *line, int *col)
{
	scan sc = { text, len, 0 };
	skip_ws(&sc);
	if (sc.i >= sc.n)
		return false;
	const char *p = path[0] == '$' ? path + 1 : path;
	size_t found = sc.i;
	for (;;) {
		char *key = NULL;
		size_t index = 0;
		int step = next_step(&p, &key, &index);
		if (step <= 0)
			break;
		bool ok = step == 1 ? enter_key(&sc, key) : enter_index(&sc, index);
		free(key);
		if (!ok)
			break;
		skip_ws(&sc);
		found = sc.i;
	}
	position(&sc, found, line, col);
	return true;
}

static bool plain_key(const char *key)
{
	if (!*key)
		return false;
	for (const char *c = key; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-')
			return false;
	return true;
}

char *bd_path_key(const char *parent, const char *key)
{
	char *out = NULL;
	if (plain_key(key)) {
		if (asprintf(&out, "%s.%s", parent, key) < 0)
			return NULL;
		return out;
	}
	size_t n = strlen(key);
	char *q = malloc(n * 2 + 1), *o = q;
	if (!q)
		return NULL;
	for (const char *c = key; *c; c++) {
		if (*c == '"' || *c == '\\')
			*o++ = '\\';
		*o++ = *c;
	}
	*o = '\0';
	if (asprintf(&out, "%s[\"%s\"]", parent, q) < 0)
		out = NULL;
	free(q);
	return out;
}

char *bd_path_index(const char *parent, size_t index)
{
	char *out = NULL;
	if (asprintf(&out, "%s[%zu]", parent, index) < 0)
		return NULL;
	return out;
}
