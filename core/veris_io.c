/* veris_io — VERIS files into a sink, and other VERIS data for people
 * (veris.h). */
#include "veris.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fileio.h"
#include "jsonpos.h"

json_t *bd_veris_load(const char *path, size_t max, char **text, size_t *len, bd_diags *diags)
{
	bd_error err = { 0 };
	*text = bd_read_file(path, max, len, &err);
	if (!*text) {
		bd_diags_add(diags, NULL, 0, 0, NULL, "%s", bd_error_text(&err));
		bd_error_clear(&err);
		return NULL;
	}
	if (*len >= 3 && memcmp(*text, "\xEF\xBB\xBF", 3) == 0) {
		bd_diags_add(diags, path, 1, 1, NULL,
			     "file starts with a byte-order mark; save it as UTF-8 without one");
		return NULL;
	}
	json_error_t e;
	json_t *root = json_loadb(*text, *len, JSON_REJECT_DUPLICATES, &e);
	if (!root)
		bd_diags_add(diags, path, e.line > 0 ? e.line : 1, e.column > 0 ? e.column : 1,
			     "$", "not valid JSON: %s", e.text);
	return root;
}

bd_status bd_veris_take(const json_t *root, const char *file, const char *text, size_t len,
			bd_sink *sink, bd_diags *diags, int *problems, bd_error *err)
{
	size_t first = diags ? diags->n : 0;
	bd_incident inc;
	*problems = bd_veris_to_incident(root, file, &inc, diags);
	if (*problems) {
		/* Placed in the text only now, on the error path. */
		for (size_t i = first; text && diags && i < diags->n; i++)
			if (!diags->v[i].line && diags->v[i].path)
				bd_json_locate(text, len, diags->v[i].path, &diags->v[i].line,
					       &diags->v[i].col);
		return BD_OK;
	}
	bd_status s = BD_OK;
	if (sink) {
		sink->read++;
		s = sink->item(sink, &inc, err);
	}
	bd_incident_free(&inc);
	return s;
}

int bd_import_veris(const char *path, bd_sink *sink, bd_diags *diags)
{
	char *text;
	size_t len;
	json_t *root = bd_veris_load(path, BD_VERIS_MAX_FILE, &text, &len, diags);
	int problems = 1;
	if (root) {
		bd_error err = { 0 };
		if (bd_veris_take(root, path, text, len, sink, diags, &problems, &err) != BD_OK) {
			bd_diags_add(diags, path, 0, 0, NULL, "%s", bd_error_text(&err));
			problems = 1;
		}
		bd_error_clear(&err);
	}
	json_decref(root);
	free(text);
	return problems;
}

/* ---- other VERIS data, as lines ---- */

static void put_scalar(FILE *f, const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_STRING:
		for (const char *c = json_string_value(j); *c; c++)
			fputc((unsigned char)*c < 0x20 ? ' ' : *c, f);
		break;
	case JSON_INTEGER:
		fprintf(f, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
		break;
	case JSON_REAL:
		fprintf(f, "%g", json_real_value(j));
		break;
	case JSON_TRUE:
		fputs("yes", f);
		break;
	case JSON_FALSE:
		fputs("no", f);
		break;
	default:
		fputs("null", f);
	}
}

static bool all_scalars(const json_t *arr)
{
	size_t i;
	const json_t *v;
	json_array_foreach(arr, i, v)
		if (json_is_object(v) || json_is_array(v))
			return false;
	return true;
}

static void flatten(FILE *f, const json_t *j, const char *path)
{
	if (json_is_object(j)) {
		const char *key;
		json_t *v;
		json_object_foreach((json_t *)j, key, v) {
			char *p = NULL;
			if (asprintf(&p, "%s%s%s", path, *path ? "." : "", key) >= 0)
				flatten(f, v, p);
			free(p);
		}
	} else if (json_is_array(j) && all_scalars(j)) {
		if (!json_array_size(j))
			return;
		fprintf(f, "%s: ", path);
		for (size_t i = 0; i < json_array_size(j); i++) {
			fputs(i ? ", " : "", f);
			put_scalar(f, json_array_get(j, i));
		}
		fputc('\n', f);
	} else if (json_is_array(j)) {
		for (size_t i = 0; i < json_array_size(j); i++) {
			char *p = NULL;
			if (asprintf(&p, "%s[%zu]", path, i) >= 0)
				flatten(f, json_array_get(j, i), p);
			free(p);
		}
	} else {
		fprintf(f, "%s: ", path);
		put_scalar(f, j);
		fputc('\n', f);
	}
}

char *bd_veris_extra_lines(const char *extra)
{
	json_t *j = extra ? json_loads(extra, 0, NULL) : NULL;
	char *buf = NULL;
	size_t len = 0;
	if (json_is_object(j) && json_object_size(j)) {
		FILE *f = open_memstream(&buf, &len);
		if (f) {
			flatten(f, j, "");
			fclose(f);
		}
	}
	json_decref(j);
	if (buf && !*buf) {
		free(buf);
		buf = NULL;
	}
	return buf;
}

/* ---- a country code overruled ---- */

char *bd_veris_country_note(const bd_incident *inc)
{
	if (inc->origin != BD_ORIGIN_VERIS || !inc->country || !inc->origin_extra)
		return NULL;
	json_t *x = json_loads(inc->origin_extra, 0, NULL);
	const json_t *victim = json_object_get(x, "victim");
	const json_t *codes = json_object_get(victim, "country");
	char *note = NULL, *list = NULL;
	size_t len = 0, i;
	const json_t *c;
	bool listed = false;
	FILE *f = json_is_array(codes) ? open_memstream(&list, &len) : NULL;
	json_array_foreach(codes, i, c) {
		const char *s = json_string_value(c);
		listed |= s && (!strcasecmp(s, inc->country) ||
				(!strcasecmp(s, "UK") && !strcmp(inc->country, "GB")));
		if (f && s)
			fprintf(f, "%s%s", i ? ", " : "", s);
	}
	if (f)
		fclose(f);
	/* A supplier's record keeps the supplier's own country. */
	bool supplier = inc->supplier && json_object_get(victim, "secondary");
	if (list && *list && !listed && !supplier &&
	    asprintf(&note, "country %s in the record; recognised as %s", list, inc->force_short) < 0)
		note = NULL;
	free(list);
	json_decref(x);
	return note;
}
