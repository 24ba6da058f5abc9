#include "threat.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "jsonpos.h"
#include "native.h"

typedef struct loadctx {
	const char *file;
	const char *text;
	size_t len;
	bd_diags *diags;
	int problems;
} loadctx;

static void problem(loadctx *c, const char *path, const char *msg)
{
	int line = 0, col = 0;
	bd_json_locate(c->text, c->len, path, &line, &col);
	bd_diags_add(c->diags, c->file, line, col, path, "%s", msg);
	c->problems++;
}

static bool period_date(loadctx *c, json_t *o, const char *p, const char *key,
			bool required, bd_date *out)
{
	json_t *j = json_object_get(o, key);
	char *kp = bd_path_key(p, key);
	bool ok = true;
	if (!j && required) {
		problem(c, p, "missing required full date");
		ok = false;
	} else if (j && (!json_is_string(j) || !bd_date_parse(json_string_value(j), out) ||
			 !bd_date_is_full(*out))) {
		problem(c, kp, "expected a full date YYYY-MM-DD");
		ok = false;
	}
	free(kp);
	return ok;
}

static void load_period(loadctx *c, json_t *o, const char *p, bd_threat_period *tp)
{
	static const char *const keys[] = { "scope", "level", "from", "to", "note", "sources", NULL };
	const char *key;
	json_t *val;
	json_object_foreach(o, key, val) {
		bool ok = false;
		for (const char *const *k = keys; *k; k++)
			ok |= strcmp(*k, key) == 0;
		if (!ok) {
			char *kp = bd_path_key(p, key);
			problem(c, kp, "unknown key");
			free(kp);
		}
	}
	const char *scope = json_string_value(json_object_get(o, "scope"));
	const char *level = json_string_value(json_object_get(o, "level"));
	tp->scope = scope ? bd_vocab_find(&bd_scopes, scope) : -1;
	tp->level = level ? bd_vocab_find(&bd_levels, level) : -1;
	if (tp->scope < 0)
		problem(c, p, "expected \"scope\": uk or northern-ireland");
	if (tp->level < 0)
		problem(c, p, "expected \"level\": low, moderate, substantial, severe or critical");
	period_date(c, o, p, "from", true, &tp->from);
	period_date(c, o, p, "to", false, &tp->to);
	const char *note = json_string_value(json_object_get(o, "note"));
	tp->note = note ? strdup(note) : NULL;
	json_t *src = json_array_get(json_object_get(o, "sources"), 0);
	const char *pub = json_string_value(json_object_get(src, "publisher"));
	const char *title = json_string_value(json_object_get(src, "title"));
	if (pub && asprintf(&tp->source, "%s%s%s", pub, title ? ", " : "", title ? title : "") < 0)
		tp->source = NULL;
}

static void check_overlaps(loadctx *c, const bd_threat_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		for (size_t j = i + 1; j < t->n; j++) {
			const bd_threat_period *a = &t->v[i], *b = &t->v[j];
			if (a->scope != b->scope || a->scope < 0)
				continue;
			bool disjoint = (a->to.year && bd_date_cmp(a->to, b->from) < 0) ||
					(b->to.year && bd_date_cmp(b->to, a->from) < 0);
			if (!disjoint) {
				char *p = bd_path_index("$.levels", j);
				problem(c, p, "overlaps an earlier period of the same scope");
				free(p);
			}
		}
}

int bd_threat_load(const char *file, bd_threat_table *t, bd_diags *diags)
{
	memset(t, 0, sizeof *t);
	json_error_t jerr;
	json_t *root = json_load_file(file, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		/* jansson gives line -1 when the file cannot be opened: no position. */
		bd_diags_add(diags, file, jerr.line > 0 ? jerr.line : 0,
			     jerr.line > 0 && jerr.column > 0 ? jerr.column : 0, NULL, "%s", jerr.text);
		return 1;
	}
	/* The text is read again only to place problems; see jsonpos.h. */
	size_t len = 0;
	char *buf = bd_read_file(file, 0, &len, NULL);
	loadctx c = { file, buf ? buf : "", len, diags, 0 };
	json_t *levels = json_object_get(root, "levels");
	if (!json_is_array(levels)) {
		problem(&c, "$", "expected an object with a \"levels\" array");
	} else {
		t->v = calloc(json_array_size(levels) + 1, sizeof *t->v);
		size_t i;
		json_t *o;
		json_array_foreach(levels, i, o) {
			char *p = bd_path_index("$.levels", i);
			if (json_is_object(o))
				load_period(&c, o, p, &t->v[t->n++]);
			else
				problem(&c, p, "expected an object");
			free(p);
		}
		check_overlaps(&c, t);
	}
	json_decref(root);
	free(buf);
	if (c.problems)
		bd_threat_free(t);
	return c.problems;
}

void bd_threat_free(bd_threat_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].note);
		free(t->v[i].source);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

const bd_threat_period *bd_threat_at(const bd_threat_table *t, int scope, bd_date d)
{
	const bd_threat_period *best = NULL;
	for (size_t i = 0; i < t->n; i++) {
		const bd_threat_period *p = &t->v[i];
		if (p->scope == scope && bd_date_overlaps(d, p->from, p->to) &&
		    (!best || p->level > best->level))
			best = p;
	}
	return best;
}

const bd_threat_period *bd_threat_current(const bd_threat_table *t, int scope, bd_date today)
{
	return bd_threat_at(t, scope, today);
}

int bd_threat_scope_for(int nation)
{
	if (nation == BD_NORTHERN_IRELAND)
		return BD_SCOPE_NI;
	return nation == BD_OUTSIDE_UK ? -1 : BD_SCOPE_UK;
}

int bd_threat_level_for(const bd_threat_table *t, const bd_incident *inc)
{
	int scope = bd_threat_scope_for(inc->nation);
	if (scope < 0)
		return -1;
	const bd_threat_period *p = bd_threat_at(t, scope, bd_incident_date(inc));
	return p ? p->level : -1;
}
