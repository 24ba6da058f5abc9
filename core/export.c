#include "export.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonout.h"
#include "native.h"
#include "render.h"
#include "store_doc.h"

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

/* One native incident inside the document's array, indented one level:
 * the stored document, laid out as it is (no parse and rewrite). */
static void write_json(writer *w, const char *id)
{
	char *doc;
	bd_status s = bd_store_doc(w->st, id, &doc, w->err);
	if (s == BD_OK) {
		fputs(w->n++ ? ",\n    " : "\n    ", w->out);
		if (bd_json_write_indented(w->out, doc, 4) != 0)
			s = bd_fail(w->err, BD_ESTORE, "%s: stored incident \"%s\" is damaged",
				    bd_store_path(w->st), id);
	}
	free(doc);
	if (s != BD_OK)
		w->status = s;
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

static void write_each(const bd_row *r, void *ctx)
{
	writer *w = ctx;
	if (w->status == BD_OK)
		write_row(w, r);
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
	bd_status s = ids ? bd_query_each_id(st, ids, n_ids, write_each, &w, err)
		: bd_query_each(st, q, write_each, &w, err);
	if (w.status == BD_OK)
		w.status = s;
	if (format == BD_EXPORT_JSON)
		fputs(w.n ? "\n  ]\n}\n" : "]\n}\n", out);
	return w.status;
}
