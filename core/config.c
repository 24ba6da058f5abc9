#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "filter.h"
#include "query.h"

#define MAX_CONFIG (1u << 20)

const char *const bd_theme_names[] = { "default", "colorblind", "mono", NULL };
const char *const bd_column_names[] = {
	"date", "force", "kind", "affected", "bar", "fields", "ico", "nca", "threat", "origin",
	"title", NULL
};

enum { K_SORT, K_FILTER, K_COLUMNS, K_THEME, K_MOUSE, K_ASCII, K_DB, K_COUNT };
static const char *const key_names[K_COUNT + 1] = {
	"sort", "filter", "columns", "theme", "mouse", "ascii", "db", NULL
};

void bd_config_init(bd_config *c)
{
	memset(c, 0, sizeof *c);
	c->sort = c->theme = c->mouse = c->ascii = -1;
}

void bd_config_free(bd_config *c)
{
	free(c->filter);
	free(c->columns);
	free(c->db);
	bd_config_init(c);
}

char *bd_config_path(void)
{
	char *out = NULL;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg == '/')
		return asprintf(&out, "%s/breachdash/config", xdg) < 0 ? NULL : out;
	const char *home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	return asprintf(&out, "%s/.config/breachdash/config", home) < 0 ? NULL : out;
}

static int find(const char *const *names, const char *s)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

/* "a, b or c" for messages; caller frees. */
static char *choices(const char *const *names, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return NULL;
	for (size_t i = 0; i < n; i++)
		fprintf(m, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
	fclose(m);
	return buf;
}

typedef struct parser {
	const char *file;
	int line;
	bd_diags *diags;
	int problems;
} parser;

static void bad(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void bad(parser *p, const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	bd_diags_add(p->diags, p->file, p->line, 0, NULL, "%s", msg ? msg : "out of memory");
	free(msg);
	p->problems++;
}

static int yes_no(parser *p, const char *key, const char *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1", NULL };
	static const char *const no[] = { "no", "false", "off", "0", NULL };
	if (find(yes, v) >= 0)
		return 1;
	if (find(no, v) >= 0)
		return 0;
	bad(p, "%s: expected yes or no, got '%s'", key, v);
	return -1;
}

static void set_sort(parser *p, bd_config *c, char *v)
{
	char *save = NULL;
	char *key = strtok_r(v, " \t", &save), *dir = strtok_r(NULL, " \t", &save);
	char *extra = strtok_r(NULL, " \t", &save);
	int k = bd_vocab_find(&bd_sort_keys, key);
	if (k < 0) {
		const char *names[16];
		size_t n = 0;
		for (; n < bd_sort_keys.count && n < 16; n++)
			names[n] = bd_sort_keys.entries[bd_vocab_at(&bd_sort_keys, n)].name;
		char *list = choices(names, n);
		bad(p, "sort: unknown sort key '%s' (use %s)", key, list ? list : "");
		free(list);
		return;
	}
	if (dir && strcmp(dir, "asc") && strcmp(dir, "desc")) {
		bad(p, "sort: expected asc or desc after the key, got '%s'", dir);
		return;
	}
	if (extra) {
		bad(p, "sort: unexpected '%s' (expected KEY [asc|desc])", extra);
		return;
	}
	c->sort = k;
	c->desc = dir && !strcmp(dir, "desc");
}

static void set_columns(parser *p, bd_config *c, char *v)
{
	unsigned mask = 0;
	char *save = NULL;
	for (char *w = strtok_r(v, ", \t", &save); w; w = strtok_r(NULL, ", \t", &save)) {
		int i = find(bd_column_names, w);
		if (i < 0) {
			char *list = choices(bd_column_names, BD_COLUMN_COUNT);
			bad(p, "columns: unknown column '%s' (use %s)", w, list ? list : "");
			free(list);
			return;
		}
		mask |= 1u << i;
	}
	if (!mask) {
		bad(p, "columns: name at least one column");
		return;
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return;
	bool first = true;
	for (int i = 0; i < BD_COLUMN_COUNT; i++)
		if (mask & (1u << i)) {
			fprintf(m, "%s%s", first ? "" : ",", bd_column_names[i]);
			first = false;
		}
	fclose(m);
	free(c->columns);
	c->columns = buf;
	c->column_mask = mask;
}

static void set_db(parser *p, bd_config *c, const char *v)
{
	char *path = NULL;
	if (!strncmp(v, "~/", 2)) {
		const char *home = getenv("HOME");
		if (!home || !*home) {
			bad(p, "db: '%s' starts with ~/ but HOME is not set", v);
			return;
		}
		if (asprintf(&path, "%s/%s", home, v + 2) < 0)
			path = NULL;
	} else {
		path = strdup(v);
	}
	free(c->db);
	c->db = path;
}

static void set(parser *p, bd_config *c, int key, char *v)
{
	switch (key) {
	case K_SORT:
		set_sort(p, c, v);
		break;
	case K_FILTER: {
		bd_filter *f = NULL;
		bd_error err = { 0 };
		if (bd_filter_parse(v, &f, &err) != BD_OK) {
			bad(p, "filter: %s", bd_error_text(&err));
			bd_error_clear(&err);
			return;
		}
		bd_filter_free(f);
		free(c->filter);
		c->filter = strdup(v);
		break;
	}
	case K_COLUMNS:
		set_columns(p, c, v);
		break;
	case K_THEME: {
		int t = find(bd_theme_names, v);
		if (t < 0 && !strcmp(v, "colourblind"))
			t = BD_THEME_COLORBLIND;
		if (t < 0)
			bad(p, "theme: unknown theme '%s' (use default, colorblind or mono)", v);
		else
			c->theme = t;
		break;
	}
	case K_MOUSE:
	case K_ASCII: {
		int b = yes_no(p, key_names[key], v);
		if (b >= 0)
			*(key == K_MOUSE ? &c->mouse : &c->ascii) = b;
		break;
	}
	case K_DB:
		set_db(p, c, v);
		break;
	default:
		break;
	}
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Cuts a comment: # at the start or after a blank, outside double quotes. */
static void cut_comment(char *s)
{
	bool quoted = false;
	for (char *p = s; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '#' && !quoted && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			return;
		}
	}
}

int bd_config_parse(const char *file, const char *text, bd_config *c, bd_diags *diags)
{
	parser p = { file, 0, diags, 0 };
	int seen[K_COUNT] = { 0 };      /* the line each key was set on */
	for (const char *s = text; *s;) {
		size_t len = strcspn(s, "\n");
		char *line = strndup(s, len);
		s += len + (s[len] == '\n');
		p.line++;
		if (!line)
			break;
		cut_comment(line);
		char *t = trim(line);
		char *eq = strchr(t, '=');
		if (!*t) {
			/* blank or a comment */
		} else if (!eq) {
			bad(&p, "expected 'key = value', got '%s'", t);
		} else {
			*eq = '\0';
			char *key = trim(t), *val = trim(eq + 1);
			int k = find(key_names, key);
			if (!*key) {
				bad(&p, "expected a key before '='");
			} else if (k < 0) {
				char *list = choices(key_names, K_COUNT);
				bad(&p, "unknown key '%s' (use %s)", key, list ? list : "");
				free(list);
			} else if (seen[k]) {
				bad(&p, "%s: already set on line %d", key, seen[k]);
			} else {
				seen[k] = p.line;
				if (!*val && k != K_FILTER)
					bad(&p, "%s: needs a value", key);
				else
					set(&p, c, k, val);
			}
		}
		free(line);
	}
	return p.problems;
}

int bd_config_load(const char *path, bd_config *c, bd_diags *diags)
{
	if (!path)
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		bd_diags_add(diags, path, 0, 0, NULL, "%s", strerror(errno));
		return 1;
	}
	fclose(f);
	bd_error err = { 0 };
	size_t len = 0;
	char *text = bd_read_file(path, MAX_CONFIG, &len, &err);
	if (!text) {
		bd_diags_add(diags, NULL, 0, 0, NULL, "%s", bd_error_text(&err));
		bd_error_clear(&err);
		return 1;
	}
	int problems = 0;
	if (strlen(text) != len) {
		bd_diags_add(diags, path, 0, 0, NULL, "contains NUL bytes; it is not a text file");
		problems = 1;
	} else {
		problems = bd_config_parse(path, text, c, diags);
	}
	free(text);
	return problems;
}

void bd_config_print(const bd_diags *diags, FILE *out)
{
	for (size_t i = 0; i < diags->n; i++) {
		const bd_diag *g = &diags->v[i];
		if (g->file)
			fprintf(out, "%s:", g->file);
		if (g->line)
			fprintf(out, "%d:", g->line);
		fprintf(out, "%s%s\n", g->file || g->line ? " " : "", g->msg ? g->msg : "(no message)");
	}
	if (diags->dropped)
		fprintf(out, "... and %zu more problems\n", diags->dropped);
}
