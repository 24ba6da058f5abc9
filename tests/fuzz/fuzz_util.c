/* Oracles and fixtures shared by the fuzz targets (fuzz.h). */
#include "fuzz.h"

#include <jansson.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "diag.h"
#include "export.h"
#include "import_native.h"
#include "jsonout.h"
#include "native.h"
#include "paths.h"
#include "query.h"
#include "render.h"
#include "report.h"
#include "sink.h"

bd_threat_table fz_threats;

void fz_fail(const char *fmt, ...)
{
	va_list ap;
	fputs("fuzz oracle: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* A strict UTF-8 decoder of its own: shortest form, no surrogates, at most
 * U+10FFFF. Returns the length, 0 when invalid. */
static size_t decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0)
		len = 2, c &= 0x1F;
	else if ((c & 0xF0) == 0xE0)
		len = 3, c &= 0x0F;
	else if ((c & 0xF8) == 0xF0)
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
	static const unsigned min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

void fz_check_clean(const char *what, const char *buf, size_t n, unsigned allow)
{
	const unsigned char *p = (const unsigned char *)buf;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = decode(p + i, n - i, &cp);
		if (!len)
			fz_fail("%s: invalid UTF-8 at byte %zu (0x%02X)", what, i, p[i]);
		bool ok;
		if (cp == '\n')
			ok = allow & FZ_NEWLINES;
		else if (cp == '\t')
			ok = allow & FZ_TABS;
		else if (cp == '\r')
			ok = (allow & FZ_CRLF) && i + 1 < n && p[i + 1] == '\n';
		else
			ok = !(cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
			       cp == 0x061C || cp == 0x200E || cp == 0x200F ||
			       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
			       cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF);
		if (ok && (allow & FZ_ASCII) && cp >= 0x80)
			fz_fail("%s: U+%04X at byte %zu is not ASCII (on a terminal that is not"
				" UTF-8 its bytes can read as C1 controls)", what, cp, i);
		if (!ok)
			fz_fail("%s: U+%04X at byte %zu may act on a terminal", what, cp, i);
		i += len;
	}
}

char *fz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static void quiet_sqlite(void *ctx, int code, const char *msg)
{
	(void)ctx; (void)code; (void)msg;
}

void fz_init(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	setlocale(LC_ALL, "C.UTF-8");
	sqlite3_config(SQLITE_CONFIG_LOG, quiet_sqlite, NULL);
	char *file = bd_data_file("threat_levels.json");
	if (!file && getenv("BD_TOP") &&
	    asprintf(&file, "%s/data/threat_levels.json", getenv("BD_TOP")) < 0)
		file = NULL;
	bd_diags d = { 0 };
	if (file)
		bd_threat_load(file, &fz_threats, &d);
	bd_diags_free(&d);
	free(file);
}

static bd_store *open_memory(void)
{
	bd_store *st = NULL;
	bd_error err = { 0 };
	if (bd_store_open(":memory:", BD_STORE_CREATE, &st, &err) != BD_OK)
		fz_fail("cannot open an in-memory store: %s", bd_error_text(&err));
	return st;
}

bd_store *fz_store(void)
{
	static bd_store *st;
	if (!st)
		st = open_memory();
	return st;
}

bd_store *fz_seeded_store(void)
{
	static bd_store *st;
	if (st)
		return st;
	st = open_memory();
	char *file = bd_data_file("incidents.json");
	if (!file && getenv("BD_TOP") &&
	    asprintf(&file, "%s/data/incidents.json", getenv("BD_TOP")) < 0)
		file = NULL;
	bd_store_sink sink;
	bd_store_sink_init(&sink, st, &fz_threats);
	bd_diags d = { 0 };
	bd_error err = { 0 };
	if (bd_store_begin(st, &err) != BD_OK ||
	    (file && bd_import_native(file, &sink.base, &d) != 0) ||
	    bd_store_commit(st, &err) != BD_OK)
		fz_fail("cannot seed the store from %s", file ? file : "(no bundled data)");
	bd_diags_free(&d);
	free(file);
	return st;
}

/* Output into memory, for checking. */
typedef struct membuf {
	char *buf;
	size_t len;
	FILE *f;
} membuf;

static FILE *mb_open(membuf *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	if (!m->f)
		abort();
	return m->f;
}

static void mb_check(membuf *m, const char *what, unsigned allow)
{
	fclose(m->f);
	fz_check_clean(what, m->buf, m->len, allow);
	free(m->buf);
}

static void no_report(void *ctx, const char *path, const char *msg)
{
	char **first = ctx;
	if (!*first && asprintf(first, "%s: %s", path, msg) < 0)
		*first = NULL;
}

/* export -> import -> export gives the identical document. */
static void check_roundtrip(const bd_incident *inc)
{
	json_t *j = bd_incident_to_json(inc);
	if (!j)
		fz_fail("incident %s has no JSON form", inc->id ? inc->id : "(no id)");
	char *text = bd_json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(j);
	if (!text)
		fz_fail("incident %s cannot be written as JSON", inc->id);
	fz_check_clean("canonical JSON", text, strlen(text), FZ_ASCII);
	json_error_t e;
	json_t *back = json_loads(text, JSON_REJECT_DUPLICATES, &e);
	if (!back)
		fz_fail("incident %s: its JSON does not parse: %s\n%s", inc->id, e.text, text);
	bd_incident again;
	char *why = NULL;
	int problems = bd_incident_from_json(back, "$", &again, no_report, &why);
	json_decref(back);
	if (problems)
		fz_fail("incident %s does not import again: %s\n%.800s", inc->id, why ? why : "?", text);
	free(why);
	json_t *j2 = bd_incident_to_json(&again);
	char *text2 = bd_json_dumps(j2, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(j2);
	if (!text2 || strcmp(text, text2))
		fz_fail("incident %s: export, import, export differs:\n%.800s\n%.800s", inc->id, text,
			text2 ? text2 : "(none)");
	free(text2);
	free(text);
	bd_incident_free(&again);
}

void fz_check_incident(const bd_incident *inc)
{
	check_roundtrip(inc);
	membuf m;
	for (int ascii = 0; ascii < 2; ascii++) {
		bd_render_opts o = { .ascii = ascii, .width = 80 };
		unsigned allow = FZ_NEWLINES | (ascii ? FZ_ASCII : 0);
		bd_render_show_text(mb_open(&m), inc, &fz_threats, &o);
		mb_check(&m, ascii ? "show --ascii" : "show", allow);
		bd_render_show_md(mb_open(&m), inc, &fz_threats, &o);
		mb_check(&m, ascii ? "show --format md --ascii" : "show --format md", allow);
	}
	json_t *j = bd_render_list_json(inc, &fz_threats);
	char *text = bd_json_dumps(j, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	if (!text)
		fz_fail("list --format json: no object for %s", inc->id);
	fz_check_clean("list --format json", text, strlen(text), FZ_NEWLINES | FZ_ASCII);
	json_decref(j);
	free(text);
	/* A comparison with itself: its cells as the command line prints them. */
	const bd_incident *two[2] = { inc, inc };
	bd_comparison c;
	if (bd_compare_build(two, 2, &fz_threats, false, &c) == BD_OK) {
		FILE *f = mb_open(&m);
		for (int i = 0; i < c.n; i++)
			bd_render_cell(f, c.heads[i], 24, false);
		for (size_t r = 0; r < c.n_rows; r++) {
			bd_render_cell(f, c.rows[r].label, 21, false);
			for (int i = 0; i < c.n; i++) {
				bd_render_cell(f, c.rows[r].cells[i], 24, false);
				bd_render_md_text(f, c.rows[r].cells[i]);
			}
		}
		mb_check(&m, "compare", 0);
		bd_comparison_free(&c);
	}
}

void fz_check_store_outputs(bd_store *st)
{
	bd_query q = { .sort = BD_SORT_DATE };
	bd_error err = { 0 };
	membuf m;
	bd_rowset rs;
	if (bd_query_window(st, &q, 0, 50, &rs, &err) != BD_OK)
		fz_fail("query: %s", bd_error_text(&err));
	for (int ascii = 0; ascii < 2; ascii++) {
		bd_render_opts o = { .ascii = ascii };
		FILE *f = mb_open(&m);
		bd_render_table_header(f, &o);
		for (int i = 0; i < rs.n; i++)
			bd_render_table_row(f, &rs.v[i], &o);
		mb_check(&m, "list", FZ_NEWLINES | (ascii ? FZ_ASCII : 0));
	}
	FILE *f = mb_open(&m);
	bd_render_tsv_header(f);
	for (int i = 0; i < rs.n; i++)
		bd_render_tsv_row(f, &rs.v[i]);
	mb_check(&m, "list --format tsv", FZ_NEWLINES | FZ_TABS);
	bd_rowset_free(&rs);
	static const struct { int format; const char *what; unsigned allow; } ex[] = {
		{ BD_EXPORT_CSV, "export --format csv", FZ_NEWLINES | FZ_CRLF },
		{ BD_EXPORT_MD, "export --format md", FZ_NEWLINES },
		{ BD_EXPORT_JSON, "export --format json", FZ_NEWLINES | FZ_ASCII },
	};
	for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		bd_export_write(mb_open(&m), st, &q, NULL, 0, ex[i].format, &err);
		if (ex[i].format == BD_EXPORT_JSON) {
			fflush(m.f);
			json_error_t e;
			json_t *doc = json_loadb(m.buf, m.len, JSON_REJECT_DUPLICATES, &e);
			if (!doc)
				fz_fail("export --format json is not JSON: %s", e.text);
			json_decref(doc);
		}
		mb_check(&m, ex[i].what, ex[i].allow);
	}
	for (int ascii = 0; ascii < 2; ascii++) {
		bd_report_write(mb_open(&m), st, &q, &fz_threats, BD_REPORT_MD, ascii, &err);
		mb_check(&m, "report", FZ_NEWLINES | (ascii ? FZ_ASCII : 0));
		bd_report_write(mb_open(&m), st, &q, &fz_threats, BD_REPORT_TXT, ascii, &err);
		mb_check(&m, "report --format txt", FZ_NEWLINES | (ascii ? FZ_ASCII : 0));
	}
	bd_error_clear(&err);
}
