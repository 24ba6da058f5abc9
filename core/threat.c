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

static char *dup_member(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? strdup(s) : NULL;
}

/* Who says so: a publisher each, and a date where the page gives one, since
 * the newest of them dates the level. (Sources are optional in the format;
 * the bundled table's test requires them.) */
static void load_sources(loadctx *c, json_t *arr, const char *p, bd_threat_period *tp)
{
	tp->latest = tp->from;
	if (!arr)
		return;
	char *sp = bd_path_key(p, "sources");
	if (!json_is_array(arr)) {
		problem(c, sp, "expected an array of sources");
		free(sp);
		return;
	}
	tp->sources = calloc(json_array_size(arr), sizeof *tp->sources);
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o) {
		char *ip = bd_path_index(sp, i);
		bd_threat_source *s = &tp->sources[tp->n_sources];
		const char *d = json_string_value(json_object_get(o, "date"));
		if (!json_is_string(json_object_get(o, "publisher")))
			problem(c, ip, "expected a source with a \"publisher\"");
		else if (json_object_get(o, "date") && (!d || !bd_date_parse(d, &s->date)))
			problem(c, ip, "expected \"date\" as YYYY, YYYY-MM or YYYY-MM-DD");
		else if (tp->sources) {
			s->publisher = dup_member(o, "publisher");
			s->title = dup_member(o, "title");
			s->url = dup_member(o, "url");
			if (bd_date_is_set(s->date) && bd_date_cmp(s->date, tp->latest) > 0)
				tp->latest = s->date;
			tp->n_sources++;
		}
		free(ip);
	}
	free(sp);
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
	load_sources(c, json_object_get(o, "sources"), p, tp);
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
	bd_error err = { 0 };
	size_t len = 0;
	char *text = bd_read_file(file, 0, &len, &err);
	if (!text) {
		/* The message starts with the path, which the diagnostic names. */
		const char *why = bd_error_text(&err);
		size_t n = strlen(file);
		if (strncmp(why, file, n) == 0 && strncmp(why + n, ": ", 2) == 0)
			why += n + 2;
		bd_diags_add(diags, file, 0, 0, NULL, "%s", why);
		bd_error_clear(&err);
		return 1;
	}
	int problems = bd_threat_load_text(file, text, len, t, diags);
	free(text);
	return problems;
}

int bd_threat_load_text(const char *name, const char *text, size_t len, bd_threat_table *t,
			bd_diags *diags)
{
	memset(t, 0, sizeof *t);
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		bd_diags_add(diags, name, jerr.line > 0 ? jerr.line : 0,
			     jerr.line > 0 && jerr.column > 0 ? jerr.column : 0, NULL, "%s", jerr.text);
		return 1;
	}
	loadctx c = { name, text, len, diags, 0 };
	json_t *levels = json_object_get(root, "levels");
	json_t *as_of = json_object_get(root, "as_of");
	if (as_of && (!json_is_string(as_of) || !bd_date_parse(json_string_value(as_of), &t->as_of) ||
		      !bd_date_is_full(t->as_of)))
		problem(&c, "$.as_of", "expected a full date YYYY-MM-DD");
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
	if (c.problems)
		bd_threat_free(t);
	return c.problems;
}

void bd_threat_free(bd_threat_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].note);
		for (size_t k = 0; k < t->v[i].n_sources; k++) {
			bd_threat_source *s = &t->v[i].sources[k];
			free(s->publisher);
			free(s->title);
			free(s->url);
		}
		free(t->v[i].sources);
	}
	free(t->v);
	memset(t, 0, sizeof *t);
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

static int by_start(const void *a, const void *b)
{
	const bd_threat_period *const *x = a, *const *y = b;
	return bd_date_cmp((*x)->from, (*y)->from);
}

/* The file need not list periods in order (the loader checks only that
 * they do not overlap), so the few found are sorted. */
size_t bd_threat_during(const bd_threat_table *t, int scope, bd_date d,
			const bd_threat_period **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++) {
		const bd_threat_period *p = &t->v[i];
		if (p->scope != scope || !bd_date_overlaps(d, p->from, p->to))
			continue;
		if (n < max)
			out[n] = p;
		n++;
	}
	qsort(out, n < max ? n : max, sizeof *out, by_start);
	return n;
}

const bd_threat_period *bd_threat_current(const bd_threat_table *t, int scope, bd_date today)
{
	return bd_threat_at(t, scope, today);
}

int bd_threat_scope_for(int nation)
{
	if (nation == BD_NORTHERN_IRELAND)
		return BD_SCOPE_NI;
	return bd_nation_in_uk(nation) ? BD_SCOPE_UK : -1;
}

const char *bd_threat_none_reason(int nation)
{
	if (bd_nation_in_uk(nation))
		return NULL;
	return nation == BD_OUTSIDE_UK ? "outside the UK" : "country not known";
}

int bd_threat_level_for(const bd_threat_table *t, const bd_incident *inc)
{
	int scope = bd_threat_scope_for(inc->nation);
	if (scope < 0)
		return -1;
	const bd_threat_period *p = bd_threat_at(t, scope, bd_incident_date(inc));
	return p ? p->level : -1;
}

void bd_threat_summary(char *buf, size_t size, const bd_threat_table *t, bd_date today,
		       bool narrow)
{
	size_t n = 0;
	for (int scope = BD_SCOPE_UK; scope <= BD_SCOPE_NI && n < size; scope++) {
		const bd_threat_period *p = bd_threat_current(t, scope, today);
		const char *name = scope == BD_SCOPE_UK ? "UK" : "NI";
		const char *sep = scope == BD_SCOPE_UK ? "" : ", ";
		char d[11] = "";
		if (p)
			bd_date_format(p->latest, d);
		/* Newer than a year, the latest source reports the level; older,
		 * it is only the last confirmation found. */
		bool stale = p && bd_date_key(today) - bd_date_key(p->latest) > 10000;
		int w = !p ? snprintf(buf + n, size - n, "%s%s unknown", sep, name)
			: narrow ? snprintf(buf + n, size - n, "%s%s %s as of %s", sep, name,
					    bd_vocab_label(&bd_levels, p->level), d)
			: snprintf(buf + n, size - n, "%s%s %s (%s %s)", sep, name,
				   bd_vocab_label(&bd_levels, p->level),
				   stale ? "last confirmed" : "latest source", d);
		n += w > 0 ? (size_t)w : 0;
	}
}
