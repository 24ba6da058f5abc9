#include "edit.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"
#include "native.h"

/* The same layout for an incident and for the template. */
static char *dump(json_t *j)
{
	char *text = j ? json_dumps(j, JSON_INDENT(2)) : NULL;
	json_decref(j);
	if (!text)
		return NULL;
	char *out = NULL;
	if (asprintf(&out, "%s\n", text) < 0)
		out = NULL;
	free(text);
	return out;
}

char *bd_edit_render(const bd_incident *inc)
{
	return dump(bd_incident_to_json(inc));
}

char *bd_edit_template(void)
{
	return dump(json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:s, s:s, s:{s:s},"
			      " s:{s:n, s:s}, s:{s:[], s:[]}, s:[{s:s, s:s}]}",
			      "id", "", "title", "", "summary", "",
			      "organisation", "force", "", "short", "",
			      "nation", "england", "kind", "other",
			      "dates", "occurred", "",
			      "affected", "count", "qualifier", "unknown",
			      "fields", "exposed", "not_exposed",
			      "sources", "id", "", "publisher", ""));
}

static bool comment_or_blank(const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
		i++;
	return i == len || line[i] == '#' || (i + 1 < len && line[i] == '/' && line[i + 1] == '/');
}

const char *bd_edit_body(const char *text)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (!comment_or_blank(p, len))
			break;
		p += len + (nl ? 1 : 0);
	}
	return p;
}

bool bd_edit_blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

typedef struct ctx {
	const char *file, *body;
	bd_diags *diags;
	int problems;
} ctx;

static void report(void *c, const char *path, const char *msg)
{
	ctx *x = c;
	int line = 0, col = 0;
	bd_json_locate(x->body, strlen(x->body), path, &line, &col);
	bd_diags_add(x->diags, x->file, line, col, path, "%s", msg);
	x->problems++;
}

void bd_edit_problem(bd_diags *diags, const char *file, const char *body, const char *path,
		     const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	ctx x = { file, body, diags, 0 };
	report(&x, path, msg ? msg : "out of memory");
	free(msg);
}

int bd_edit_parse(const char *file, const char *body, bd_incident *out, bd_diags *diags)
{
	ctx x = { file, body, diags, 0 };
	json_error_t e;
	json_t *root = json_loads(body, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		/* jansson's column 0 (end of input after a newline) becomes 1 */
		bd_diags_add(diags, file, e.line > 0 ? e.line : 1, e.column > 0 ? e.column : 1,
			     "$", "%s", e.text);
		return 1;
	}
	if (!json_is_object(root)) {
		report(&x, "$", "expected one incident object { \"id\": ..., ... }");
	} else if (json_object_get(root, "incidents")) {
		report(&x, "$", "expected one incident object, not a document with \"incidents\"");
	} else {
		int n = bd_incident_from_json(root, "$", out, report, &x);
		if (n > x.problems)
			x.problems = n;
	}
	json_decref(root);
	return x.problems;
}

bd_status bd_edit_save(bd_dataset *ds, const bd_incident *inc, const char *before,
		       int *result, bd_error *err)
{
	bd_status s = bd_store_begin(ds->store, err);
	if (s != BD_OK)
		return s;
	bd_incident cur;
	bd_error gerr = { 0 };
	s = bd_store_get(ds->store, inc->id, &cur, &gerr);
	if (s == BD_OK) {
		char *now = before ? bd_edit_render(&cur) : NULL;
		bool same = now && strcmp(now, before) == 0;
		free(now);
		bd_incident_free(&cur);
		if (!before)
			s = bd_fail(err, BD_EDATA, "%s: an incident with this id already exists", inc->id);
		else if (!same)
			s = bd_fail(err, BD_EDATA, "%s: changed in the store while you were editing it; "
				    "nothing was saved", inc->id);
	} else if (s == BD_ENOTFOUND) {
		s = before ? bd_fail(err, BD_ENOTFOUND, "%s: deleted from the store while you were "
				     "editing it; nothing was saved", inc->id) : BD_OK;
	} else {
		s = bd_fail(err, s, "%s", bd_error_text(&gerr));
	}
	bd_error_clear(&gerr);
	if (s == BD_OK)
		s = bd_store_put(ds->store, inc, &ds->threats, result, err);
	if (s == BD_OK)
		s = bd_store_commit(ds->store, err);
	if (s != BD_OK)
		bd_store_rollback(ds->store);
	return s;
}
