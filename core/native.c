#include "native.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"
#include "text.h"

#define MAX_TEXT 4096
#define MAX_SUMMARY 16384

/* A JSON path, kept on the stack as the reader descends and written out
 * only when a problem is reported: formatting every path on the way down
 * was a fifth of the time spent reading a valid file. */
typedef struct jpath {
	const struct jpath *up;
	const char *key;                /* a member; NULL for an array element */
	size_t index;
	const char *root;               /* the caller's path, at the root only */
} jpath;

/* "$.incidents[2].kind"; caller frees. */
static char *path_text(const jpath *p)
{
	if (p->root)
		return strdup(p->root);
	char *up = path_text(p->up);
	char *out = !up ? NULL : p->key ? bd_path_key(up, p->key) : bd_path_index(up, p->index);
	free(up);
	return out;
}

typedef struct vctx {
	bd_report_fn report;
	void *ctx;
	int problems;
	const bd_incident *inc;         /* for checking source references */
} vctx;

static void bad(vctx *v, const jpath *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad(vctx *v, const jpath *path, const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	v->problems++;
	char *where = v->report ? path_text(path) : NULL;
	if (v->report)
		v->report(v->ctx, where ? where : "$", msg ? msg : "out of memory");
	free(where);
	free(msg);
}

/* "got \"lots\"", "got 3.5", "got an array": what the value was, shown
 * safely and briefly. Caller frees. */
static char *describe(const json_t *j)
{
	char *out = NULL;
	switch (json_typeof(j)) {
	case JSON_STRING: {
		char *clean = bd_text_sanitize(json_string_value(j), BD_TEXT_ASCII);
		if (clean && strlen(clean) > 40)
			strcpy(clean + 37, "...");
		if (asprintf(&out, "got \"%s\"", clean ? clean : "") < 0)
			out = NULL;
		free(clean);
		return out;
	}
	case JSON_INTEGER:
		if (asprintf(&out, "got %" JSON_INTEGER_FORMAT, json_integer_value(j)) < 0)
			out = NULL;
		return out;
	case JSON_REAL:
		if (asprintf(&out, "got %g", json_real_value(j)) < 0)
			out = NULL;
		return out;
	case JSON_OBJECT: return strdup("got an object");
	case JSON_ARRAY:  return strdup("got an array");
	case JSON_TRUE:   return strdup("got true");
	case JSON_FALSE:  return strdup("got false");
	default:          return strdup("got null");
	}
}

static void bad_type(vctx *v, const jpath *path, const char *expected, const json_t *j)
{
	char *got = describe(j);
	bad(v, path, "expected %s, %s", expected, got ? got : "");
	free(got);
}

static void check_keys(vctx *v, const json_t *obj, const jpath *path,
		       const char *const *allowed)
{
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)obj, key, val) {
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = strcmp(*a, key) == 0;
		if (!ok) {
			const jpath p[1] = { { path, key, 0, NULL } };
			bad(v, p, "unknown key");
		}
	}
}

/* The member `key`, or NULL. Reports a missing required key at the parent. */
static const json_t *member(vctx *v, const json_t *obj, const jpath *path,
			    const char *key, bool required)
{
	const json_t *j = json_object_get(obj, key);
	if (!j && required)
		bad(v, path, "missing required key \"%s\"", key);
	return j;
}

static bool has_control(const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if ((*c < 0x20 && *c != '\n' && *c != '\t') || *c == 0x7F ||
		    (*c == 0xC2 && c[1] >= 0x80 && c[1] <= 0x9F))    /* C1: U+0080..U+009F */
			return true;
	return false;
}

static char *text_of(vctx *v, const json_t *obj, const jpath *path,
		     const char *key, bool required, size_t max)
{
	const json_t *j = member(v, obj, path, key, required);
	if (!j)
		return NULL;
	const jpath p[1] = { { path, key, 0, NULL } };
	char *out = NULL;
	if (!json_is_string(j))
		bad_type(v, p, "a string", j);
	else if (json_string_length(j) == 0)
		bad(v, p, "must not be empty");
	else if (json_string_length(j) > max)
		bad(v, p, "too long: %zu bytes, at most %zu", json_string_length(j), max);
	else if (strlen(json_string_value(j)) != json_string_length(j))
		bad(v, p, "contains a NUL character");
	else if (has_control(json_string_value(j)))
		bad(v, p, "contains a control character");
	else
		out = strdup(json_string_value(j));
	return out;
}

static bool is_slug(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || s[0] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

static char *slug_of(vctx *v, const json_t *obj, const jpath *path, const char *key)
{
	const json_t *j = member(v, obj, path, key, true);
	if (!j)
		return NULL;
	const jpath p[1] = { { path, key, 0, NULL } };
	char *out = NULL;
	if (!json_is_string(j) || !is_slug(json_string_value(j)))
		bad_type(v, p, "a slug (a-z, 0-9 and -, at most 64)", j);
	else
		out = strdup(json_string_value(j));
	return out;
}

static void date_of(vctx *v, const json_t *obj, const jpath *path,
		    const char *key, bd_date *out)
{
	const json_t *j = member(v, obj, path, key, false);
	if (!j)
		return;
	const jpath p[1] = { { path, key, 0, NULL } };
	if (!json_is_string(j) || !bd_date_parse(json_string_value(j), out))
		bad_type(v, p, "a date (YYYY, YYYY-MM or YYYY-MM-DD)", j);
}

static int vocab_value(vctx *v, const json_t *j, const jpath *p, const bd_vocab *voc)
{
	int i = json_is_string(j) ? bd_vocab_find(voc, json_string_value(j)) : -1;
	if (i < 0) {
		char *expected = NULL, *list = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&list, &len);
		for (size_t k = 0; f && k < voc->count; k++)
			fprintf(f, "%s%s", k ? ", " : "", voc->entries[bd_vocab_at(voc, k)].name);
		if (f)
			fclose(f);
		if (asprintf(&expected, "a %s (%s)", voc->what, list ? list : "") < 0)
			expected = NULL;
		bad_type(v, p, expected ? expected : voc->what, j);
		free(expected);
		free(list);
	}
	return i;
}

static int vocab_of(vctx *v, const json_t *obj, const jpath *path,
		    const char *key, const bd_vocab *voc, bool required)
{
	const json_t *j = member(v, obj, path, key, required);
	if (!j)
		return -1;
	const jpath p[1] = { { path, key, 0, NULL } };
	int i = vocab_value(v, j, p, voc);
	return i;
}

/* An array of vocabulary names as a bit mask; repeats are errors. */
static unsigned vocab_set_of(vctx *v, const json_t *obj, const jpath *path,
			     const char *key, const bd_vocab *voc)
{
	const json_t *arr = member(v, obj, path, key, false);
	unsigned mask = 0;
	if (!arr)
		return 0;
	const jpath p[1] = { { path, key, 0, NULL } };
	if (!json_is_array(arr)) {
		bad_type(v, p, "an array", arr);
		return 0;
	}
	size_t i;
	const json_t *j;
	json_array_foreach(arr, i, j) {
		const jpath ip[1] = { { p, NULL, i, NULL } };
		int f = vocab_value(v, j, ip, voc);
		if (f >= 0 && (mask & (1u << f)))
			bad(v, ip, "\"%s\" is listed twice", voc->entries[f].name);
		else if (f >= 0)
			mask |= 1u << f;
	}
	return mask;
}

static void sources_of(vctx *v, const json_t *obj, const jpath *path,
		       const char *key, bool required, bd_strv *out)
{
	const json_t *arr = member(v, obj, path, key, required);
	if (!arr)
		return;
	const jpath p[1] = { { path, key, 0, NULL } };
	if (!json_is_array(arr) || json_array_size(arr) == 0) {
		bad_type(v, p, "a non-empty array of source ids", arr);
		return;
	}
	out->v = calloc(json_array_size(arr), sizeof *out->v);
	size_t i;
	const json_t *j;
	json_array_foreach(arr, i, j) {
		const jpath ip[1] = { { p, NULL, i, NULL } };
		if (!json_is_string(j))
			bad_type(v, ip, "a source id", j);
		else if (!bd_incident_source(v->inc, json_string_value(j)))
			bad(v, ip, "no source with id \"%s\" in this incident's sources",
			    json_string_value(j));
		else if (out->v)
			out->v[out->n++] = strdup(json_string_value(j));
	}
}

/* Calls each(v, element, path, index, ctx) for every element of an optional
 * array member; returns its size, 0 when absent or not an array. */
static size_t array_of(vctx *v, const json_t *obj, const jpath *path, const char *key,
		       bool required, void (*each)(vctx *, const json_t *, const jpath *, size_t, void *),
		       void *ctx)
{
	const json_t *arr = member(v, obj, path, key, required);
	if (!arr)
		return 0;
	const jpath p[1] = { { path, key, 0, NULL } };
	size_t n = 0;
	if (!json_is_array(arr)) {
		bad_type(v, p, "an array", arr);
	} else {
		size_t i;
		const json_t *j;
		n = json_array_size(arr);
		json_array_foreach(arr, i, j) {
			const jpath ip[1] = { { p, NULL, i, NULL } };
			if (!json_is_object(j))
				bad_type(v, ip, "an object", j);
			else
				each(v, j, ip, i, ctx);
		}
	}
	return n;
}

static void each_source(vctx *v, const json_t *j, const jpath *p, size_t i, void *ctx)
{
	static const char *const keys[] = { "id", "publisher", "title", "url", "date", NULL };
	bd_incident *inc = ctx;
	bd_source *s = &inc->sources[i];
	check_keys(v, j, p, keys);
	s->id = slug_of(v, j, p, "id");
	s->publisher = text_of(v, j, p, "publisher", true, MAX_TEXT);
	s->title = text_of(v, j, p, "title", false, MAX_TEXT);
	s->url = text_of(v, j, p, "url", false, MAX_TEXT);
	date_of(v, j, p, "date", &s->date);
	for (size_t k = 0; k < i && s->id; k++)
		if (inc->sources[k].id && strcmp(inc->sources[k].id, s->id) == 0)
			bad(v, p, "source id \"%s\" is used twice", s->id);
}

static void each_referral(vctx *v, const json_t *j, const jpath *p, size_t i, void *ctx)
{
	static const char *const keys[] = { "body", "by", "date", "status", "amount",
					    "note", "sources", NULL };
	bd_referral *r = &((bd_incident *)ctx)->referrals[i];
	check_keys(v, j, p, keys);
	r->body = vocab_of(v, j, p, "body", &bd_bodies, true);
	r->by = text_of(v, j, p, "by", false, MAX_TEXT);
	date_of(v, j, p, "date", &r->date);
	r->status = vocab_of(v, j, p, "status", &bd_ref_statuses, true);
	r->amount = -1;
	const json_t *a = member(v, j, p, "amount", false);
	const jpath ap[1] = { { p, "amount", 0, NULL } };
	if (a && (!json_is_integer(a) || json_integer_value(a) < 0))
		bad_type(v, ap, "a non-negative integer (pounds)", a);
	else if (a && r->status != BD_REF_FINE)
		bad(v, ap, "an amount is only allowed with status \"fine\"");
	else if (a)
		r->amount = json_integer_value(a);
	r->note = text_of(v, j, p, "note", false, MAX_TEXT);
	sources_of(v, j, p, "sources", true, &r->sources);
}

static void each_impact(vctx *v, const json_t *j, const jpath *p, size_t i, void *ctx)
{
	static const char *const keys[] = { "text", "date", "sources", NULL };
	bd_impact *m = &((bd_incident *)ctx)->impacts[i];
	check_keys(v, j, p, keys);
	m->text = text_of(v, j, p, "text", true, MAX_TEXT);
	date_of(v, j, p, "date", &m->date);
	sources_of(v, j, p, "sources", true, &m->sources);
}

static void each_quote(vctx *v, const json_t *j, const jpath *p, size_t i, void *ctx)
{
	static const char *const keys[] = { "who", "role", "text", "date", "sources", NULL };
	bd_quote *q = &((bd_incident *)ctx)->quotes[i];
	check_keys(v, j, p, keys);
	q->who = text_of(v, j, p, "who", true, MAX_TEXT);
	q->role = text_of(v, j, p, "role", false, MAX_TEXT);
	q->text = text_of(v, j, p, "text", true, MAX_TEXT);
	date_of(v, j, p, "date", &q->date);
	sources_of(v, j, p, "sources", true, &q->sources);
}

static void each_figure(vctx *v, const json_t *j, const jpath *p, size_t i, void *ctx)
{
	static const char *const keys[] = { "about", "value", "sources", "note", NULL };
	bd_figure *f = &((bd_incident *)ctx)->figures[i];
	check_keys(v, j, p, keys);
	f->about = text_of(v, j, p, "about", true, MAX_TEXT);
	f->value = text_of(v, j, p, "value", true, MAX_TEXT);
	sources_of(v, j, p, "sources", true, &f->sources);
	f->note = text_of(v, j, p, "note", false, MAX_TEXT);
}

/* Allocates the element array an array member will fill (n may be 0). */
static void *alloc_for(const json_t *obj, const char *key, size_t size)
{
	const json_t *arr = json_object_get(obj, key);
	size_t n = json_is_array(arr) ? json_array_size(arr) : 0;
	return calloc(n ? n : 1, size);
}

/* organisation.country: two capital letters; organisation.industry: 2 to 6
 * digits. Which one is told by `key`. */
static char *code_of(vctx *v, const json_t *obj, const jpath *path, const char *key,
		     const char *expected)
{
	const json_t *j = member(v, obj, path, key, false);
	if (!j)
		return NULL;
	bool country = strcmp(key, "country") == 0;
	const char *s = json_string_value(j);
	size_t n = s ? strlen(s) : 0;
	bool ok = s && (country ? n == 2 : n >= 2 && n <= 6);
	for (size_t i = 0; ok && i < n; i++)
		ok = country ? s[i] >= 'A' && s[i] <= 'Z' : s[i] >= '0' && s[i] <= '9';
	if (ok)
		return strdup(s);
	const jpath p[1] = { { path, key, 0, NULL } };
	bad_type(v, p, expected, j);
	return NULL;
}

static void parse_organisation(vctx *v, const json_t *obj, const jpath *path, bd_incident *inc)
{
	static const char *const keys[] = { "force", "short", "supplier", "country", "industry", NULL };
	const json_t *o = member(v, obj, path, "organisation", true);
	if (!o)
		return;
	const jpath p[1] = { { path, "organisation", 0, NULL } };
	if (!json_is_object(o)) {
		bad_type(v, p, "an object", o);
	} else {
		check_keys(v, o, p, keys);
		inc->force = text_of(v, o, p, "force", true, MAX_TEXT);
		inc->force_short = text_of(v, o, p, "short", true, 64);
		inc->supplier = text_of(v, o, p, "supplier", false, MAX_TEXT);
		inc->country = code_of(v, o, p, "country", "a country code (ISO 3166-1 alpha-2, e.g. GB)");
		inc->industry = code_of(v, o, p, "industry", "an industry code (NAICS, 2 to 6 digits)");
	}
}

static void parse_dates(vctx *v, const json_t *obj, const jpath *path, bd_incident *inc)
{
	static const char *const keys[] = { "occurred", "discovered", "disclosed", NULL };
	const json_t *d = member(v, obj, path, "dates", false);
	if (!d)
		return;
	const jpath p[1] = { { path, "dates", 0, NULL } };
	if (!json_is_object(d)) {
		bad_type(v, p, "an object", d);
	} else {
		check_keys(v, d, p, keys);
		date_of(v, d, p, "occurred", &inc->occurred);
		date_of(v, d, p, "discovered", &inc->discovered);
		date_of(v, d, p, "disclosed", &inc->disclosed);
	}
}

static void parse_affected(vctx *v, const json_t *obj, const jpath *path, bd_incident *inc)
{
	static const char *const keys[] = { "count", "qualifier", "who", "sources", NULL };
	const json_t *a = member(v, obj, path, "affected", true);
	if (!a)
		return;
	const jpath p[1] = { { path, "affected", 0, NULL } };
	if (!json_is_object(a)) {
		bad_type(v, p, "an object", a);
		return;
	}
	check_keys(v, a, p, keys);
	const json_t *c = member(v, a, p, "count", true);
	const jpath cp[1] = { { p, "count", 0, NULL } };
	if (c && !json_is_null(c) && (!json_is_integer(c) || json_integer_value(c) < 0))
		bad_type(v, cp, "a non-negative integer or null", c);
	else if (c && json_is_integer(c))
		inc->affected = json_integer_value(c);
	inc->qualifier = vocab_of(v, a, p, "qualifier", &bd_qualifiers, true);
	if (inc->qualifier >= 0 && c && (inc->qualifier == BD_Q_UNKNOWN) != json_is_null(c)) {
		const jpath qp[1] = { { p, "qualifier", 0, NULL } };
		bad(v, qp, "\"unknown\" goes with a null count, and only with it");
	}
	inc->who = vocab_set_of(v, a, p, "who", &bd_who);
	sources_of(v, a, p, "sources", c && !json_is_null(c), &inc->affected_sources);
}

static void each_claim(vctx *v, const json_t *j, const jpath *p, size_t i, void *ctx)
{
	static const char *const keys[] = { "fields", "certainty", "note", "sources", NULL };
	bd_field_claim *c = &((bd_incident *)ctx)->claims[i];
	check_keys(v, j, p, keys);
	c->fields = vocab_set_of(v, j, p, "fields", &bd_fields);
	if (!c->fields && json_is_array(json_object_get(j, "fields"))) {
		const jpath fp[1] = { { p, "fields", 0, NULL } };
		bad(v, fp, "a claim names at least one field");
	}
	c->certainty = BD_CERT_CONFIRMED;
	if (json_object_get(j, "certainty"))
		c->certainty = vocab_of(v, j, p, "certainty", &bd_certainties, true);
	c->note = text_of(v, j, p, "note", false, MAX_TEXT);
	sources_of(v, j, p, "sources", true, &c->sources);
}

/* A claim cites the sources of fields the lists name; one naming a field
 * in no list would cite a statement the incident does not make. */
static void check_claims(vctx *v, const jpath *p, const bd_incident *inc)
{
	bd_fieldset listed = inc->exposed | inc->not_exposed | inc->lost;
	for (size_t i = 0; i < inc->n_claims; i++) {
		bd_fieldset stray = inc->claims[i].fields & ~listed;
		const jpath cp[1] = { { p, "claims", 0, NULL } };
		const jpath ip[1] = { { cp, NULL, i, NULL } };
		for (size_t k = 0; stray && k < bd_fields.count; k++) {
			int f = bd_vocab_at(&bd_fields, k);
			if (stray & BD_FIELD_BIT(f))
				bad(v, ip, "\"%s\" is in no list (exposed, not_exposed, lost)",
				    bd_fields.entries[f].name);
		}
	}
}

static void parse_fields(vctx *v, const json_t *obj, const jpath *path, bd_incident *inc)
{
	static const char *const keys[] = { "exposed", "not_exposed", "lost", "claims", NULL };
	const json_t *f = member(v, obj, path, "fields", false);
	if (!f)
		return;
	const jpath p[1] = { { path, "fields", 0, NULL } };
	if (!json_is_object(f)) {
		bad_type(v, p, "an object", f);
		return;
	}
	check_keys(v, f, p, keys);
	inc->exposed = vocab_set_of(v, f, p, "exposed", &bd_fields);
	inc->not_exposed = vocab_set_of(v, f, p, "not_exposed", &bd_fields);
	inc->lost = vocab_set_of(v, f, p, "lost", &bd_fields);
	bd_fieldset both = inc->exposed & inc->not_exposed;
	for (size_t k = 0; k < bd_fields.count; k++) {
		int i = bd_vocab_at(&bd_fields, k);
		if (both & BD_FIELD_BIT(i))
			bad(v, p, "\"%s\" is both exposed and not exposed",
			    bd_fields.entries[i].name);
	}
	inc->claims = alloc_for(f, "claims", sizeof *inc->claims);
	inc->n_claims = array_of(v, f, p, "claims", false, each_claim, inc);
	check_claims(v, p, inc);
}

static void parse_origin(vctx *v, const json_t *obj, const jpath *path, bd_incident *inc)
{
	static const char *const keys[] = { "format", "record_id", "file", "master_id", "extra", NULL };
	const json_t *o = member(v, obj, path, "origin", false);
	if (!o)
		return;
	const jpath p[1] = { { path, "origin", 0, NULL } };
	if (!json_is_object(o)) {
		bad_type(v, p, "an object", o);
	} else {
		check_keys(v, o, p, keys);
		inc->origin = vocab_of(v, o, p, "format", &bd_origins, true);
		inc->origin_record_id = text_of(v, o, p, "record_id", false, MAX_TEXT);
		inc->origin_file = text_of(v, o, p, "file", false, MAX_TEXT);
		inc->origin_master_id = text_of(v, o, p, "master_id", false, MAX_TEXT);
		const json_t *x = member(v, o, p, "extra", false);
		if (x && !json_is_object(x)) {
			const jpath xp[1] = { { p, "extra", 0, NULL } };
			bad_type(v, xp, "an object", x);
		} else if (x) {
			inc->origin_extra = json_dumps(x, JSON_COMPACT | JSON_ENSURE_ASCII);
		}
	}
}

/* A link to another record of the same breach; a link to itself would
 * count nothing once. Whether the other is in the store is not this
 * file's to know: it may be imported later. */
static void parse_same_as(vctx *v, const json_t *obj, const jpath *path, bd_incident *inc)
{
	if (!json_object_get(obj, "same_as"))
		return;
	inc->same_as = slug_of(v, obj, path, "same_as");
	if (inc->same_as && inc->id && !strcmp(inc->same_as, inc->id)) {
		const jpath p[1] = { { path, "same_as", 0, NULL } };
		bad(v, p, "an incident is not the same incident as itself");
	}
}

/* Incidents this one is not the same breach as, though they look alike:
 * a mark that silences a possible duplicate. */
static void parse_distinct(vctx *v, const json_t *obj, const jpath *path, bd_incident *inc)
{
	const json_t *arr = json_object_get(obj, "distinct_from");
	if (!arr)
		return;
	const jpath p[1] = { { path, "distinct_from", 0, NULL } };
	if (!json_is_array(arr) || json_array_size(arr) == 0) {
		bad_type(v, p, "a non-empty array of incident ids", arr);
		return;
	}
	inc->distinct_from.v = calloc(json_array_size(arr), sizeof *inc->distinct_from.v);
	size_t i;
	const json_t *j;
	json_array_foreach(arr, i, j) {
		const jpath ip[1] = { { p, NULL, i, NULL } };
		const char *id = json_string_value(j);
		if (!id || !is_slug(id))
			bad_type(v, ip, "an incident id (a slug)", j);
		else if (inc->id && !strcmp(id, inc->id))
			bad(v, ip, "an incident is always the same incident as itself");
		else if (inc->same_as && !strcmp(id, inc->same_as))
			bad(v, ip, "\"%s\" is also named by same_as", id);
		else if (inc->distinct_from.v)
			inc->distinct_from.v[inc->distinct_from.n++] = strdup(id);
	}
}

int bd_incident_from_json(const json_t *obj, const char *where,
			  bd_incident *out, bd_report_fn report, void *ctx)
{
	const jpath path[1] = { { NULL, NULL, 0, where } };
	static const char *const keys[] = { "id", "title", "summary", "organisation",
		"nation", "kind", "dates", "affected", "fields", "referrals", "impacts",
		"quotes", "figures", "origin", "same_as", "distinct_from", "sources", NULL };
	vctx v = { report, ctx, 0, out };
	bd_incident_init(out);
	if (!json_is_object(obj)) {
		bad_type(&v, path, "an incident object", obj);
		return v.problems;
	}
	check_keys(&v, obj, path, keys);
	/* Sources first: everything else refers to them. */
	out->sources = alloc_for(obj, "sources", sizeof *out->sources);
	out->n_sources = array_of(&v, obj, path, "sources", true, each_source, out);
	const json_t *srcs = json_object_get(obj, "sources");
	if (json_is_array(srcs) && json_array_size(srcs) == 0) {
		const jpath p[1] = { { path, "sources", 0, NULL } };
		bad(&v, p, "at least one source is required");
	}
	out->id = slug_of(&v, obj, path, "id");
	out->title = text_of(&v, obj, path, "title", true, MAX_TEXT);
	out->summary = text_of(&v, obj, path, "summary", false, MAX_SUMMARY);
	parse_organisation(&v, obj, path, out);
	out->nation = vocab_of(&v, obj, path, "nation", &bd_nations, true);
	out->kind = vocab_of(&v, obj, path, "kind", &bd_kinds, true);
	parse_dates(&v, obj, path, out);
	parse_affected(&v, obj, path, out);
	parse_fields(&v, obj, path, out);
	out->referrals = alloc_for(obj, "referrals", sizeof *out->referrals);
	out->n_referrals = array_of(&v, obj, path, "referrals", false, each_referral, out);
	out->impacts = alloc_for(obj, "impacts", sizeof *out->impacts);
	out->n_impacts = array_of(&v, obj, path, "impacts", false, each_impact, out);
	out->quotes = alloc_for(obj, "quotes", sizeof *out->quotes);
	out->n_quotes = array_of(&v, obj, path, "quotes", false, each_quote, out);
	out->figures = alloc_for(obj, "figures", sizeof *out->figures);
	out->n_figures = array_of(&v, obj, path, "figures", false, each_figure, out);
	parse_origin(&v, obj, path, out);
	parse_same_as(&v, obj, path, out);
	parse_distinct(&v, obj, path, out);
	if (v.problems)
		bd_incident_free(out);
	return v.problems;
}

/* ---- export ---- */

static void set_text(json_t *o, const char *key, const char *s)
{
	if (s)
		json_object_set_new(o, key, json_string(s));
}

static void set_date(json_t *o, const char *key, bd_date d)
{
	char buf[11];
	if (!bd_date_is_set(d))
		return;
	bd_date_format(d, buf);
	json_object_set_new(o, key, json_string(buf));
}

static json_t *strv_json(const bd_strv *sv)
{
	json_t *a = json_array();
	for (size_t i = 0; i < sv->n; i++)
		json_array_append_new(a, json_string(sv->v[i]));
	return a;
}

/* In the order of the values, not of the list: the canonical document
 * does not change when the list is reordered for display. */
static json_t *mask_json(unsigned mask, const bd_vocab *voc)
{
	json_t *a = json_array();
	for (size_t i = 0; i < voc->count; i++)
		if (mask & (1u << i))
			json_array_append_new(a, json_string(voc->entries[i].name));
	return a;
}

static json_t *fields_json(const bd_incident *inc)
{
	json_t *f = json_object();
	json_object_set_new(f, "exposed", mask_json(inc->exposed, &bd_fields));
	json_object_set_new(f, "not_exposed", mask_json(inc->not_exposed, &bd_fields));
	if (inc->lost)
		json_object_set_new(f, "lost", mask_json(inc->lost, &bd_fields));
	if (!inc->n_claims)
		return f;
	json_t *arr = json_array();
	for (size_t i = 0; i < inc->n_claims; i++) {
		const bd_field_claim *c = &inc->claims[i];
		json_t *o = json_object();
		json_object_set_new(o, "fields", mask_json(c->fields, &bd_fields));
		json_object_set_new(o, "certainty", json_string(bd_vocab_name(&bd_certainties, c->certainty)));
		set_text(o, "note", c->note);
		json_object_set_new(o, "sources", strv_json(&c->sources));
		json_array_append_new(arr, o);
	}
	json_object_set_new(f, "claims", arr);
	return f;
}

static json_t *affected_json(const bd_incident *inc)
{
	json_t *a = json_object();
	json_object_set_new(a, "count", inc->affected >= 0 ? json_integer(inc->affected) : json_null());
	json_object_set_new(a, "qualifier", json_string(bd_vocab_name(&bd_qualifiers, inc->qualifier)));
	if (inc->who)
		json_object_set_new(a, "who", mask_json(inc->who, &bd_who));
	if (inc->affected_sources.n)
		json_object_set_new(a, "sources", strv_json(&inc->affected_sources));
	return a;
}

static json_t *referrals_json(const bd_incident *inc)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < inc->n_referrals; i++) {
		const bd_referral *r = &inc->referrals[i];
		json_t *o = json_object();
		json_object_set_new(o, "body", json_string(bd_vocab_name(&bd_bodies, r->body)));
		set_text(o, "by", r->by);
		set_date(o, "date", r->date);
		json_object_set_new(o, "status", json_string(bd_vocab_name(&bd_ref_statuses, r->status)));
		if (r->amount >= 0)
			json_object_set_new(o, "amount", json_integer(r->amount));
		set_text(o, "note", r->note);
		json_object_set_new(o, "sources", strv_json(&r->sources));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *impacts_json(const bd_incident *inc)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < inc->n_impacts; i++) {
		json_t *o = json_object();
		set_text(o, "text", inc->impacts[i].text);
		set_date(o, "date", inc->impacts[i].date);
		json_object_set_new(o, "sources", strv_json(&inc->impacts[i].sources));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *quotes_json(const bd_incident *inc)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < inc->n_quotes; i++) {
		const bd_quote *q = &inc->quotes[i];
		json_t *o = json_object();
		set_text(o, "who", q->who);
		set_text(o, "role", q->role);
		set_text(o, "text", q->text);
		set_date(o, "date", q->date);
		json_object_set_new(o, "sources", strv_json(&q->sources));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *figures_json(const bd_incident *inc)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < inc->n_figures; i++) {
		const bd_figure *f = &inc->figures[i];
		json_t *o = json_object();
		set_text(o, "about", f->about);
		set_text(o, "value", f->value);
		json_object_set_new(o, "sources", strv_json(&f->sources));
		set_text(o, "note", f->note);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *sources_json(const bd_incident *inc)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < inc->n_sources; i++) {
		const bd_source *s = &inc->sources[i];
		json_t *o = json_object();
		set_text(o, "id", s->id);
		set_text(o, "publisher", s->publisher);
		set_text(o, "title", s->title);
		set_text(o, "url", s->url);
		set_date(o, "date", s->date);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *origin_json(const bd_incident *inc)
{
	json_t *o = json_object();
	json_object_set_new(o, "format", json_string(bd_vocab_name(&bd_origins, inc->origin)));
	set_text(o, "record_id", inc->origin_record_id);
	set_text(o, "file", inc->origin_file);
	set_text(o, "master_id", inc->origin_master_id);
	if (inc->origin_extra) {
		json_t *x = json_loads(inc->origin_extra, 0, NULL);
		if (x)
			json_object_set_new(o, "extra", x);
	}
	return o;
}

json_t *bd_incident_to_json(const bd_incident *inc)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	set_text(o, "id", inc->id);
	set_text(o, "title", inc->title);
	set_text(o, "summary", inc->summary);
	json_t *org = json_object();
	set_text(org, "force", inc->force);
	set_text(org, "short", inc->force_short);
	set_text(org, "supplier", inc->supplier);
	set_text(org, "country", inc->country);
	set_text(org, "industry", inc->industry);
	json_object_set_new(o, "organisation", org);
	json_object_set_new(o, "nation", json_string(bd_vocab_name(&bd_nations, inc->nation)));
	json_object_set_new(o, "kind", json_string(bd_vocab_name(&bd_kinds, inc->kind)));
	if (bd_date_is_set(bd_incident_date(inc))) {
		json_t *d = json_object();
		set_date(d, "occurred", inc->occurred);
		set_date(d, "discovered", inc->discovered);
		set_date(d, "disclosed", inc->disclosed);
		json_object_set_new(o, "dates", d);
	}
	json_object_set_new(o, "affected", affected_json(inc));
	if (inc->exposed || inc->not_exposed || inc->lost || inc->n_claims)
		json_object_set_new(o, "fields", fields_json(inc));
	if (inc->n_referrals)
		json_object_set_new(o, "referrals", referrals_json(inc));
	if (inc->n_impacts)
		json_object_set_new(o, "impacts", impacts_json(inc));
	if (inc->n_quotes)
		json_object_set_new(o, "quotes", quotes_json(inc));
	if (inc->n_figures)
		json_object_set_new(o, "figures", figures_json(inc));
	if (inc->origin != BD_ORIGIN_NATIVE || inc->origin_record_id || inc->origin_file ||
	    inc->origin_master_id || inc->origin_extra)
		json_object_set_new(o, "origin", origin_json(inc));
	set_text(o, "same_as", inc->same_as);
	if (inc->distinct_from.n)
		json_object_set_new(o, "distinct_from", strv_json(&inc->distinct_from));
	json_object_set_new(o, "sources", sources_json(inc));
	return o;
}
