#include "export.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonout.h"
#include "native.h"
#include "render.h"

int bd_export_format_named(const char *name)
{
	static const char *const names[] = { "json", "csv", "md" };
	for (int i = 0; name && i < 3; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

int bd_export_format_for_path(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (!dot)
		return -1;
	if (!strcasecmp(dot, ".markdown"))
		return BD_EXPORT_MD;
	char ext[8];
	snprintf(ext, sizeof ext, "%s", dot + 1);
	for (char *c = ext; *c; c++)
		*c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
	return bd_export_format_named(ext);
}

typedef struct writer {
	FILE *out;
	bd_store *st;
	int format;
	int n;
	bd_status status;
	bd_error *err;
} writer;

/* One native incident inside the document's array, indented one level. */
static void write_json(writer *w, const char *id)
{
	bd_incident inc;
	bd_status s = bd_store_get(w->st, id, &inc, w->err);
	if (s != BD_OK) {
		w->status = s;
		return;
	}
	json_t *j = bd_incident_to_json(&inc);
	char *text = bd_json_dumps(j, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	if (text) {
		fputs(w->n++ ? ",\n    " : "\n    ", w->out);
		for (const char *p = text; *p; p++) {
			fputc(*p, w->out);
			if (*p == '\n')
				fputs("    ", w->out);
		}
	}
	free(text);
	json_decref(j);
	bd_incident_free(&inc);
}

static void write_row(writer *w, const bd_row *r)
{
	if (w->format == BD_EXPORT_JSON)
		write_json(w, r->id);
	else if (w->format == BD_EXPORT_CSV)
		bd_render_csv_row(w->out, r);
	else
		bd_render_md_row(w->out, r);
}

/* Every row of the query, a window at a time, never the whole table. */
static void each_row(writer *w, const bd_query *q)
{
	enum { CHUNK = 512 };
	for (long long off = 0; w->status == BD_OK; off += CHUNK) {
		bd_rowset rs;
		w->status = bd_query_window(w->st, q, off, CHUNK, &rs, w->err);
		for (int i = 0; w->status == BD_OK && i < rs.n; i++)
			write_row(w, &rs.v[i]);
		int n = rs.n;
		bd_rowset_free(&rs);
		if (n < CHUNK)
			break;
	}
}

static void each_id(writer *w, char *const *ids, int n)
{
	for (int i = 0; i < n && w->status == BD_OK; i++) {
		char *text = NULL;
		bd_filter *f = NULL;
		if (asprintf(&text, "id:\"%s\"", ids[i]) < 0 || bd_filter_parse(text, &f, w->err) != BD_OK) {
			free(text);
			w->status = BD_EUSAGE;
			return;
		}
		bd_query q = { .filter = f, .sort = BD_SORT_ID };
		each_row(w, &q);
		bd_filter_free(f);
		free(text);
	}
}

bd_status bd_export_write(FILE *out, bd_store *st, const bd_query *q, char *const *ids,
			  int n_ids, int format, bd_error *err)
{
	writer w = { out, st, format, 0, BD_OK, err };
	if (format == BD_EXPORT_JSON)
		fputs("{\n  \"schema\": \"" BD_SCHEMA_NAME "\",\n  \"incidents\": [", out);
	else if (format == BD_EXPORT_CSV)
		bd_render_csv_header(out);
	else
		bd_render_md_header(out);
	if (ids)
		each_id(&w, ids, n_ids);
	else
		each_row(&w, q);
	if (format == BD_EXPORT_JSON)
		fputs(w.n ? "\n  ]\n}\n" : "]\n}\n", out);
	return w.status;
}
