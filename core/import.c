#include "import.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "jsonpos.h"
#include "lineio.h"
#include "native.h"

typedef struct reader {
	const char *file;
	const char *text;       /* the document or the current line */
	size_t len;
	int line_offset;        /* lines before `text` in the file */
	bd_diags *diags;
	int problems;
	bd_sink *sink;
	bool sink_failed;
} reader;

static void report_at(void *ctx, const char *path, const char *msg)
{
	reader *r = ctx;
	int line = 0, col = 0;
	bd_json_locate(r->text, r->len, path, &line, &col);
	bd_diags_add(r->diags, r->file, line + r->line_offset, col, path, "%s", msg);
	r->problems++;
}

static void syntax_error(reader *r, const json_error_t *e)
{
	/* Path "$" like every other problem; jansson's column 0 (end of input
	 * after a newline) becomes column 1. */
	bd_diags_add(r->diags, r->file, e->line + r->line_offset, e->column > 0 ? e->column : 1,
		     "$", "%s", e->text);
	r->problems++;
}

static void take(reader *r, const json_t *obj, const char *path)
{
	bd_incident inc;
	if (bd_incident_from_json(obj, path, &inc, report_at, r) != 0)
		return;
	if (r->sink && !r->sink_failed) {
		bd_error err = { 0 };
		r->sink->read++;
		if (r->sink->item(r->sink, &inc, &err) != BD_OK) {
			bd_diags_add(r->diags, r->file, 0, 0, NULL, "%s", bd_error_text(&err));
			r->problems++;
			r->sink_failed = true;
		}
		bd_error_clear(&err);
	}
	bd_incident_free(&inc);
}

static bool has_bom(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0;
}

static void check_duplicate_ids(reader *r, const json_t *arr)
{
	size_t n = json_array_size(arr);
	json_t *seen = json_object();
	for (size_t i = 0; i < n; i++) {
		const char *id = json_string_value(json_object_get(json_array_get(arr, i), "id"));
		if (!id)
			continue;
		json_t *first = json_object_get(seen, id);
		if (first) {
			char *p = bd_path_index("$.incidents", i), *msg = NULL;
			if (asprintf(&msg, "id \"%s\" is already used by $.incidents[%lld]", id,
				     (long long)json_integer_value(first)) >= 0) {
				char *pid = bd_path_key(p, "id");
				report_at(r, pid, msg);
				free(pid);
			}
			free(msg);
			free(p);
		} else {
			json_object_set_new(seen, id, json_integer((json_int_t)i));
		}
	}
	json_decref(seen);
}

static void read_document(reader *r)
{
	static const char *const keys[] = { "schema", "incidents" };
	json_error_t e;
	json_t *root = json_loadb(r->text, r->len, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		syntax_error(r, &e);
		return;
	}
	if (!json_is_object(root)) {
		report_at(r, "$", "expected an object {\"schema\": \"" BD_SCHEMA_NAME "\", \"incidents\": [...]}");
		json_decref(root);
		return;
	}
	const char *key;
	json_t *val;
	json_object_foreach(root, key, val) {
		if (strcmp(key, keys[0]) && strcmp(key, keys[1])) {
			char *p = bd_path_key("$", key);
			report_at(r, p, "unknown key");
			free(p);
		}
	}
	const char *schema = json_string_value(json_object_get(root, "schema"));
	if (!schema || strcmp(schema, BD_SCHEMA_NAME) != 0)
		report_at(r, json_object_get(root, "schema") ? "$.schema" : "$",
			  "expected \"schema\": \"" BD_SCHEMA_NAME "\"");
	json_t *arr = json_object_get(root, "incidents");
	if (!json_is_array(arr)) {
		report_at(r, arr ? "$.incidents" : "$", "expected an \"incidents\" array");
	} else {
		check_duplicate_ids(r, arr);
		size_t i;
		json_t *obj;
		json_array_foreach(arr, i, obj) {
			char *p = bd_path_index("$.incidents", i);
			take(r, obj, p);
			free(p);
		}
	}
	json_decref(root);
}

static bool blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

static void read_lines(reader *r, FILE *f)
{
	/* Bounded: a line longer than BD_MAX_LINE is skipped, not held. */
	bd_lines lines;
	bd_lines_init(&lines, f, BD_MAX_LINE);
	char *line;
	size_t whole;
	int lineno = 0;
	while ((line = bd_lines_next(&lines, &whole))) {
		ssize_t n = (ssize_t)whole;
		lineno++;
		if (lineno == 1 && has_bom(line, (size_t)n)) {
			bd_diags_add(r->diags, r->file, 1, 1, NULL,
				     "file starts with a byte-order mark; save it as UTF-8 without one");
			r->problems++;
			break;
		}
		if ((size_t)n > BD_MAX_LINE) {
			bd_diags_add(r->diags, r->file, lineno, 1, NULL,
				     "line is longer than %u bytes", BD_MAX_LINE);
			r->problems++;
			continue;
		}
		/* Before the blank check, which stops at a NUL: "\0..." is no blank line. */
		if (memchr(line, '\0', (size_t)n)) {
			bd_diags_add(r->diags, r->file, lineno, (int)((char *)memchr(line, '\0', (size_t)n) - line) + 1,
				     NULL, "line contains NUL bytes; it is not JSON text");
			r->problems++;
			continue;
		}
		if (blank(line))
			continue;
		/* Without its newline, so a syntax error at the end of the line
		 * is reported on this line, not the next. */
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		r->text = line;
		r->len = (size_t)n;
		r->line_offset = lineno - 1;
		json_error_t e;
		json_t *obj = json_loadb(line, (size_t)n, JSON_REJECT_DUPLICATES, &e);
		if (!obj)
			syntax_error(r, &e);
		else
			take(r, obj, "$");
		json_decref(obj);
		if (r->sink_failed)
			break;
	}
	if (ferror(f)) {
		bd_diags_add(r->diags, r->file, lineno, 0, NULL, "read error: %s", strerror(errno));
		r->problems++;
	}
	bd_lines_free(&lines);
}

/* JSON Lines when the name says so, or when the first line is a whole JSON
 * object that is not a native document. */
static bool looks_like_lines(const char *path, FILE *f)
{
	size_t plen = strlen(path);
	if ((plen > 6 && strcmp(path + plen - 6, ".jsonl") == 0) ||
	    (plen > 7 && strcmp(path + plen - 7, ".ndjson") == 0))
		return true;
	bd_lines first;
	bd_lines_init(&first, f, BD_MAX_LINE);
	first.sniff = true;     /* a longer first line is no JSON Lines */
	size_t n = 0;
	char *line = bd_lines_next(&first, &n);
	bool lines = false;
	if (line && n > 0 && n <= BD_MAX_LINE) {
		json_t *obj = json_loadb(line, (size_t)n, JSON_DISABLE_EOF_CHECK, NULL);
		lines = json_is_object(obj) && !json_object_get(obj, "schema") &&
			!json_object_get(obj, "incidents");
		json_decref(obj);
	}
	bd_lines_free(&first);
	rewind(f);
	return lines;
}

int bd_import_native(const char *path, bd_sink *sink, bd_diags *diags)
{
	reader r = { .file = path, .diags = diags, .sink = sink };
	FILE *f = fopen(path, "rb");
	if (!f) {
		bd_diags_add(diags, path, 0, 0, NULL, "%s", strerror(errno));
		return 1;
	}
	if (looks_like_lines(path, f)) {
		read_lines(&r, f);
		fclose(f);
		return r.problems;
	}
	fclose(f);
	bd_error err = { 0 };
	size_t len;
	char *text = bd_read_file(path, BD_MAX_DOCUMENT, &len, &err);
	if (!text) {
		bd_diags_add(diags, NULL, 0, 0, NULL, "%s", bd_error_text(&err));
		bd_error_clear(&err);
		return 1;
	}
	r.text = text;
	r.len = len;
	if (has_bom(text, len)) {
		bd_diags_add(diags, path, 1, 1, NULL,
			     "file starts with a byte-order mark; save it as UTF-8 without one");
		r.problems++;
	} else if (memchr(text, '\0', len)) {
		bd_diags_add(diags, path, 0, 0, NULL, "file contains NUL bytes; it is not JSON text");
		r.problems++;
	} else {
		read_document(&r);
	}
	free(text);
	return r.problems;
}
