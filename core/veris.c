#include "veris.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fileio.h"
#include "jsonpos.h"
#include "native.h"
#include "text.h"
#include "veris_map.h"
#include "vocab.h"

#define MAX_SUMMARY 16384
#define SHORT_COLS 16

/* The action categories, in the order of their bits (veris_map.h). */
static const char *const action_names[N_ACTIONS] = { "hacking", "malware", "social", "misuse",
	"physical", "error", "environmental", "unknown" };

/* ---- problems ---- */

static void bad(vmap *m, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* One line per bad record: only the first problem is recorded. */
static void bad(vmap *m, const char *path, const char *fmt, ...)
{
	if (m->problems++ || !m->diags)
		return;
	char *msg = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	bd_diags_add(m->diags, m->file, 0, 0, path, "%s", msg ? msg : "out of memory");
	free(msg);
}

static const char *type_words(json_type t)
{
	switch (t) {
	case JSON_OBJECT:  return "an object";
	case JSON_ARRAY:   return "an array";
	case JSON_STRING:  return "a string";
	case JSON_INTEGER: return "a non-negative integer";
	case JSON_REAL:    return "a number";
	case JSON_TRUE:
	case JSON_FALSE:   return "true or false";
	default:           return "null";
	}
}

static void bad_type(vmap *m, const char *path, const char *expected, const json_t *j)
{
	char got[64];
	switch (json_typeof(j)) {
	case JSON_STRING: {
		char *clean = bd_text_sanitize(json_string_value(j), BD_TEXT_ASCII);
		if (clean && strlen(clean) > 40)
			strcpy(clean + 37, "...");
		snprintf(got, sizeof got, "\"%s\"", clean ? clean : "");
		free(clean);
		break;
	}
	case JSON_INTEGER:
		snprintf(got, sizeof got, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
		break;
	case JSON_REAL:
		snprintf(got, sizeof got, "%g", json_real_value(j));
		break;
	default:
		snprintf(got, sizeof got, "%s", type_words(json_typeof(j)));
	}
	bad(m, path, "expected %s, got %s", expected, got);
}

/* The member key of obj when it has the type wanted (JSON_REAL: any number;
 * JSON_TRUE: a boolean; JSON_INTEGER: non-negative); NULL when absent, or
 * reported and NULL when of another type. */
static const json_t *member(vmap *m, const json_t *obj, const char *path, const char *key,
			    json_type want)
{
	const json_t *j = obj ? json_object_get(obj, key) : NULL;
	if (!j)
		return NULL;
	bool ok = json_typeof(j) == want || (want == JSON_REAL && json_is_number(j)) ||
		  (want == JSON_TRUE && json_is_boolean(j));
	if (ok && want == JSON_INTEGER && json_integer_value(j) < 0)
		ok = false;
	if (!ok) {
		char *p = bd_path_key(path, key);
		bad_type(m, p, type_words(want), j);
		free(p);
		return NULL;
	}
	return j;
}

static const char *string_of(vmap *m, const json_t *obj, const char *path, const char *key)
{
	return json_string_value(member(m, obj, path, key, JSON_STRING));
}

/* An array member whose elements are all strings, or NULL. */
static const json_t *strings_of(vmap *m, const json_t *obj, const char *path, const char *key)
{
	const json_t *a = member(m, obj, path, key, JSON_ARRAY);
	size_t i;
	const json_t *v;
	json_array_foreach(a, i, v) {
		if (!json_is_string(v)) {
			char *p = bd_path_key(path, key), *ip = bd_path_index(p, i);
			bad_type(m, ip, "a string", v);
			free(ip);
			free(p);
			return NULL;
		}
	}
	return a;
}

static bool has_string(const json_t *arr, const char *s)
{
	size_t i;
	const json_t *v;
	json_array_foreach(arr, i, v)
		if (json_is_string(v) && strcasecmp(json_string_value(v), s) == 0)
			return true;
	return false;
}

/* ---- what is mapped leaves extra ---- */

void veris_drop(vmap *m, const char *k1, const char *k2, const char *k3)
{
	const char *k[3] = { k1, k2, k3 };
	json_t *o[3] = { m->extra, NULL, NULL };
	int depth = k3 ? 3 : k2 ? 2 : 1;
	for (int i = 0; i + 1 < depth; i++) {
		o[i + 1] = json_object_get(o[i], k[i]);
		if (!json_is_object(o[i + 1]))
			return;
	}
	json_object_del(o[depth - 1], k[depth - 1]);
	for (int i = depth - 1; i > 0; i--)
		if (json_object_size(o[i]) == 0)
			json_object_del(o[i - 1], k[i - 1]);
}

/* ---- text ---- */

char *veris_clean_text(const char *s, size_t max, bool lines)
{
	if (!s)
		return NULL;
	while (*s && (*s == ' ' || (unsigned char)*s < 0x20))
		s++;
	size_t n = strlen(s);
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || (unsigned char)s[n - 1] < 0x20))
		n--;
	if (n == 0)
		return NULL;
	char *out = strndup(s, n), *o = out;
	for (char *c = out; c && *c; c++) {
		unsigned char u = (unsigned char)*c;
		if (u == 0xC2 && (unsigned char)c[1] >= 0x80 && (unsigned char)c[1] <= 0x9F) {
			c++;    /* a C1 control, U+0080..U+009F: the native validator refuses them */
			*o++ = ' ';
		} else if ((u < 0x20 || u == 0x7F) && !(lines && (u == '\n' || u == '\t'))) {
			*o++ = ' ';
		} else {
			*o++ = *c;
		}
	}
	if (out)
		*o = '\0';
	return out;
}

static size_t count_words(const char *s, size_t n)
{
	size_t words = 0;
	for (size_t i = 0; i < n; i++)
		words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
	return words;
}

/* Initials of the capitalised words, whole words in capitals kept whole:
 * "United States Department of Veterans Affairs" -> "USDVA". */
static char *initials(const char *name)
{
	char buf[SHORT_COLS + 1];
	size_t o = 0;
	for (const char *w = name; *w && o < SHORT_COLS;) {
		size_t len = strcspn(w, " "), caps = 0;
		while (caps < len && w[caps] >= 'A' && w[caps] <= 'Z')
			caps++;
		if (caps == len && len <= 4 && o + len <= SHORT_COLS) {
			memcpy(buf + o, w, len);
			o += len;
		} else if (caps) {
			buf[o++] = w[0];
		}
		w += len;
		w += strspn(w, " ");
	}
	buf[o] = '\0';
	return o >= 2 ? strdup(buf) : NULL;
}

/* A short form of name, at most SHORT_COLS columns: the name itself; else
 * an acronym it gives in brackets ("... (CIA)"); else, for a name of four
 * words or more of which fewer than half fit, its initials; else its first
 * words that fit, else its first columns. Caller frees. */
static char *short_form(const char *name)
{
	if (bd_text_width(name) <= SHORT_COLS)
		return strdup(name);
	const char *open = strrchr(name, '('), *close = open ? strchr(open, ')') : NULL;
	if (close && close - open > 2 && close - open <= SHORT_COLS && !close[1])
		return strndup(open + 1, (size_t)(close - open - 1));
	size_t n = bd_text_fit(name, SHORT_COLS, NULL);
	if (name[n] != ' ') {
		size_t cut = n;
		while (cut > 0 && name[cut] != ' ')
			cut--;
		if (cut >= 4)
			n = cut;
	}
	static const char *const tail[] = { "of", "the", "and", "&", "for", "de", "la", "du" };
	for (bool again = true; again;) {
		again = false;
		while (n > 0 && strchr(" ,;:-(", name[n - 1]))
			n--;
		for (size_t i = 0; i < sizeof tail / sizeof tail[0] && !again; i++) {
			size_t len = strlen(tail[i]);
			if (n > len && name[n - len - 1] == ' ' && !strncasecmp(name + n - len, tail[i], len)) {
				n -= len;
				again = true;
			}
		}
	}
	char *acronym = NULL;
	size_t words = count_words(name, strlen(name));
	if (words >= 4 && count_words(name, n) * 2 < words && (acronym = initials(name)))
		return acronym;
	return strndup(name, n ? n : bd_text_fit(name, SHORT_COLS, NULL));
}

/* "veris-" + incident_id in lower case, other characters as '-'; NULL when
 * that is longer than a slug may be. */
static char *make_id(const char *incident_id)
{
	size_t plen = strlen(BD_VERIS_ID_PREFIX), n = strlen(incident_id);
	if (plen + n > 64)
		return NULL;
	char *id = malloc(plen + n + 1), *o = id + plen;
	if (!id)
		return NULL;
	memcpy(id, BD_VERIS_ID_PREFIX, plen);
	for (const char *c = incident_id; *c; c++) {
		char ch = *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
		if (ok || o[-1] != '-')
			*o++ = ok ? ch : '-';
	}
	while (o > id + plen && o[-1] == '-')
		o--;
	*o = '\0';
	if (o == id + plen) {
		free(id);
		return NULL;
	}
	return id;
}

/* ---- reading the record ---- */

static void read_victim(vmap *m, const json_t *root)
{
	vrec *r = &m->r;
	const json_t *v = member(m, root, "$", "victim", JSON_OBJECT);
	r->victim_id = string_of(m, v, "$.victim", "victim_id");
	r->state = string_of(m, v, "$.victim", "state");
	const json_t *countries = strings_of(m, v, "$.victim", "country");
	size_t i;
	const json_t *c;
	r->country_unknown = true;
	json_array_foreach(countries, i, c) {
		const char *s = json_string_value(c);
		bool code = strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
		if (code && (!strcmp(s, "GB") || !strcmp(s, "UK"))) {
			r->gb = true;
			r->country = "GB";
		} else if (code && !r->country) {
			r->country = s;
		}
		if (code)
			r->country_unknown = false;
	}
	r->country_exact = r->country && json_array_size(countries) == 1 &&
			   !strcmp(json_string_value(json_array_get(countries, 0)), r->country);
	const char *industry = string_of(m, v, "$.victim", "industry");
	size_t o = 0;
	bool digits = industry != NULL, nonzero = false;
	for (const char *s = industry; digits && *s; s++) {
		if (*s >= '0' && *s <= '9' && o + 1 < sizeof r->industry) {
			nonzero |= *s != '0';
			r->industry[o++] = *s;
		} else if (*s != '-') {
			digits = false;
		}
	}
	r->industry[digits && nonzero && o >= 2 ? o : 0] = '\0';
	const json_t *sec = member(m, v, "$.victim", "secondary", JSON_OBJECT);
	r->secondary = strings_of(m, sec, "$.victim.secondary", "victim_id");
}

static void read_actions(vmap *m, const json_t *root)
{
	vrec *r = &m->r;
	const json_t *action = member(m, root, "$", "action", JSON_OBJECT);
	for (size_t i = 0; action && i < N_ACTIONS; i++) {
		char *p = bd_path_key("$.action", action_names[i]);
		const json_t *a = member(m, action, "$.action", action_names[i], JSON_OBJECT);
		if (a) {
			r->actions |= 1u << i;
			r->varieties[i] = strings_of(m, a, p, "variety");
			const json_t *vectors = strings_of(m, a, p, "vector");
			if ((1u << i) & ACT_CYBER && has_string(vectors, "Partner"))
				r->partner_vector = true;
		}
		free(p);
	}
	const json_t *actor = member(m, root, "$", "actor", JSON_OBJECT);
	const json_t *partner = member(m, actor, "$.actor", "partner", JSON_OBJECT);
	r->partner_actor = partner != NULL;
	const json_t *names = strings_of(m, partner, "$.actor.partner", "name");
	r->partner_name = json_string_value(json_array_get(names, 0));
}

/* The year, month and day of obj (at path) as the longest valid partial
 * date, into *out; returns how many parts it took (0: none). What does not
 * make a date stays in extra. */
static int read_date(vmap *m, const json_t *obj, const char *path, bd_date *out)
{
	const json_t *y = member(m, obj, path, "year", JSON_INTEGER);
	const json_t *mo = member(m, obj, path, "month", JSON_INTEGER);
	const json_t *d = member(m, obj, path, "day", JSON_INTEGER);
	char buf[32];
	bd_date date;
	if (!y || json_integer_value(y) > 9999)
		return 0;
	snprintf(buf, sizeof buf, "%04d", (int)json_integer_value(y));
	if (!bd_date_parse(buf, &date))
		return 0;
	*out = date;
	if (!mo || json_integer_value(mo) > 12)
		return 1;
	snprintf(buf + 4, sizeof buf - 4, "-%02d", (int)json_integer_value(mo));
	if (!bd_date_parse(buf, &date))
		return 1;
	*out = date;
	if (!d || json_integer_value(d) > 31)
		return 2;
	snprintf(buf + 7, sizeof buf - 7, "-%02d", (int)json_integer_value(d));
	if (!bd_date_parse(buf, &date))
		return 2;
	*out = date;
	return 3;
}

static void read_timeline(vmap *m, const json_t *root)
{
	vrec *r = &m->r;
	const json_t *t = member(m, root, "$", "timeline", JSON_OBJECT);
	const json_t *inc = member(m, t, "$.timeline", "incident", JSON_OBJECT);
	r->date_parts = read_date(m, inc, "$.timeline.incident", &r->occurred);
	/* VCDB's notification date: when the breach was made known. */
	const json_t *plus = member(m, root, "$", "plus", JSON_OBJECT);
	const json_t *pt = member(m, plus, "$.plus", "timeline", JSON_OBJECT);
	const json_t *n = member(m, pt, "$.plus.timeline", "notification", JSON_OBJECT);
	r->notified_parts = read_date(m, n, "$.plus.timeline.notification", &r->notified);
	r->master_id = string_of(m, plus, "$.plus", "master_id");
}

static void read_attribute(vmap *m, const json_t *root)
{
	vrec *r = &m->r;
	const json_t *attr = member(m, root, "$", "attribute", JSON_OBJECT);
	const char *cp = "$.attribute.confidentiality";
	const json_t *conf = member(m, attr, "$.attribute", "confidentiality", JSON_OBJECT);
	const json_t *total = member(m, conf, cp, "data_total", JSON_INTEGER);
	r->has_total = total != NULL;
	r->total = total ? json_integer_value(total) : -1;
	r->disclosure = string_of(m, conf, cp, "data_disclosure");
	r->data = member(m, conf, cp, "data", JSON_ARRAY);
	size_t i;
	const json_t *d;
	json_array_foreach(r->data, i, d) {
		char *p = bd_path_index("$.attribute.confidentiality.data", i);
		if (!json_is_object(d))
			bad_type(m, p, "an object", d);
		string_of(m, d, p, "variety");
		member(m, d, p, "amount", JSON_INTEGER);
		free(p);
	}
}

static void read_impact(vmap *m, const json_t *root)
{
	const json_t *imp = member(m, root, "$", "impact", JSON_OBJECT);
	m->r.impact = imp;
	string_of(m, imp, "$.impact", "overall_rating");
	string_of(m, imp, "$.impact", "notes");
	string_of(m, imp, "$.impact", "iso_currency_code");
	member(m, imp, "$.impact", "overall_amount", JSON_REAL);
	const json_t *loss = member(m, imp, "$.impact", "loss", JSON_ARRAY);
	size_t i;
	const json_t *l;
	json_array_foreach(loss, i, l) {
		char *p = bd_path_index("$.impact.loss", i);
		if (!json_is_object(l))
			bad_type(m, p, "an object", l);
		string_of(m, l, p, "variety");
		string_of(m, l, p, "rating");
		member(m, l, p, "amount", JSON_REAL);
		free(p);
	}
}

static void read_record(vmap *m, const json_t *root)
{
	vrec *r = &m->r;
	const json_t *sv = json_object_get(root, "schema_version");
	if (!sv)
		bad(m, "$", "missing required key \"schema_version\"");
	else if (!json_is_string(sv))
		bad_type(m, "$.schema_version", "a string", sv);
	else if (strncmp(json_string_value(sv), "1.3", 3) && strncmp(json_string_value(sv), "1.4", 3))
		bad(m, "$.schema_version", "VERIS %s is not read; this reads 1.3.x (and 1.4.x)",
		    json_string_value(sv));
	r->incident_id = string_of(m, root, "$", "incident_id");
	if (!json_object_get(root, "incident_id"))
		bad(m, "$", "missing required key \"incident_id\"");
	char *id = r->incident_id ? make_id(r->incident_id) : NULL;
	if (!id)
		r->incident_id = NULL;  /* reported once the rest is known good */
	free(id);
	r->summary = string_of(m, root, "$", "summary");
	r->source_id = string_of(m, root, "$", "source_id");
	r->reference = string_of(m, root, "$", "reference");
	read_victim(m, root);
	read_actions(m, root);
	read_timeline(m, root);
	read_attribute(m, root);
	read_impact(m, root);
}

/* ---- building the incident ---- */

static const char *first_variety(const vrec *r, unsigned act)
{
	for (size_t i = 0; i < N_ACTIONS; i++)
		if (act == 1u << i)
			return json_string_value(json_array_get(r->varieties[i], 0));
	return NULL;
}

static bool has_variety(const vrec *r, unsigned act, const char *variety)
{
	for (size_t i = 0; i < N_ACTIONS; i++)
		if (act == 1u << i)
			return has_string(r->varieties[i], variety);
	return false;
}

/* Kind from the actions, most telling first: misuse (an insider), then an
 * attack (through a supplier or not), then theft, then error by variety. */
static int map_kind(const vrec *r, bool supplier)
{
	static const char *const disclosures[] = { "Misdelivery", "Publishing error",
		"Disposal error", "Misconfiguration", "Gaffe", "Classification error" };
	if (r->actions & ACT_MISUSE)
		return BD_KIND_INSIDER;
	if (r->actions & ACT_CYBER)
		return supplier ? BD_KIND_SUPPLIER : BD_KIND_CYBER;
	if ((r->actions & ACT_PHYSICAL) && has_variety(r, ACT_PHYSICAL, "Theft"))
		return BD_KIND_THEFT;
	if (!(r->actions & ACT_ERROR))
		return BD_KIND_OTHER;
	size_t i;
	const json_t *v;
	json_array_foreach(r->varieties[IDX_ERROR], i, v) {
		if (!strcasecmp(json_string_value(v), "Loss"))
			return BD_KIND_LOSS;
		for (size_t k = 0; k < sizeof disclosures / sizeof disclosures[0]; k++)
			if (!strcasecmp(json_string_value(v), disclosures[k]))
				return BD_KIND_DISCLOSURE;
	}
	return r->data && !(r->disclosure && !strcasecmp(r->disclosure, "No"))
		? BD_KIND_DISCLOSURE : BD_KIND_OTHER;
}

/* What happened, in plain words, for the title. */
static const char *what_happened(const vrec *r, int kind, const char *supplier)
{
	static const struct { const char *variety, *words; } errors[] = {
		{ "Misdelivery", "data sent to the wrong recipient" },
		{ "Publishing error", "data published in error" },
		{ "Disposal error", "records disposed of insecurely" },
		{ "Misconfiguration", "data exposed by a misconfiguration" },
		{ "Gaffe", "data disclosed in a slip" },
	};
	switch (kind) {
	case BD_KIND_INSIDER:  return "data misused by an insider";
	case BD_KIND_SUPPLIER: return supplier ? "supplier compromised" : "attack through a supplier";
	case BD_KIND_THEFT:    return "theft of equipment or records";
	case BD_KIND_LOSS:     return "records lost";
	case BD_KIND_CYBER:
		if (has_variety(r, ACT_MALWARE, "Ransomware"))
			return "ransomware attack";
		if (r->actions & ACT_HACKING)
			return "hacked";
		if (r->actions & ACT_MALWARE)
			return "malware infection";
		return has_variety(r, ACT_SOCIAL, "Phishing") ? "phishing attack" : "social engineering attack";
	case BD_KIND_DISCLOSURE: {
		const char *v = first_variety(r, ACT_ERROR);
		for (size_t i = 0; v && i < sizeof errors / sizeof errors[0]; i++)
			if (!strcasecmp(v, errors[i].variety))
				return errors[i].words;
		return "data disclosed in error";
	}
	default:
		if (r->actions & ACT_PHYSICAL)
			return "physical security breach";
		if (r->actions & ACT_ENVIRONMENTAL)
			return "environmental damage";
		return "security incident";
	}
}

/* Whether name is a UK police force in a record whose country is GB or
 * not known (maybe_uk), or one whose name no force abroad has, whatever
 * the country: VCDB codes the PSNI "IE". */
static bool uk_force(const char *name, bool maybe_uk, int *nation, const char **short_name)
{
	int n;
	const char *s;
	bool only = false;
	if (!bd_veris_uk_force(name, &n, &s, &only) || !(maybe_uk || only))
		return false;
	*nation = n;
	*short_name = s;
	return true;
}

/* The first secondary victim that is a UK police force. */
static const char *secondary_force(const vrec *r, bool maybe_uk, int *nation,
				   const char **short_name)
{
	size_t i;
	const json_t *v;
	json_array_foreach(r->secondary, i, v)
		if (uk_force(json_string_value(v), maybe_uk, nation, short_name))
			return json_string_value(v);
	return NULL;
}

/* "Unknown" is VERIS for "not known": the same as no victim_id. */
static char *victim_name(const vrec *r)
{
	if (r->victim_id && !strcasecmp(r->victim_id, "Unknown"))
		return NULL;
	return veris_clean_text(r->victim_id, VERIS_MAX_TEXT, false);
}

/* The nation of a victim that is not a recognised force: in GB, the nation
 * its state or name names, else "United Kingdom, nation unknown"; with no
 * country code, unknown; elsewhere, outside the UK. */
static int nation_of(const vrec *r, const char *victim)
{
	if (!r->gb)
		return r->country_unknown ? BD_NATION_UNKNOWN : BD_OUTSIDE_UK;
	int nation = bd_veris_nation_named(r->state);
	if (nation < 0)
		nation = bd_veris_nation_named(victim);
	return nation < 0 ? BD_UK_UNKNOWN : nation;
}

static void map_organisation(vmap *m)
{
	vrec *r = &m->r;
	bd_incident *inc = m->inc;
	const char *short_name = NULL;
	int nation = BD_OUTSIDE_UK;
	bool maybe_uk = r->gb || r->country_unknown;
	const char *sec = NULL;
	char *victim = victim_name(r);
	if (victim && uk_force(victim, maybe_uk, &nation, &short_name)) {
		inc->force = victim;
		if (strlen(r->victim_id) <= VERIS_MAX_TEXT)
			veris_drop(m, "victim", "victim_id", NULL);
	} else if ((sec = secondary_force(r, maybe_uk, &nation, &short_name))) {
		/* A supplier was breached; the force it serves is the
		 * organisation, as in the native data. */
		inc->force = veris_clean_text(sec, VERIS_MAX_TEXT, false);
		inc->supplier = victim;
	} else {
		inc->force = victim ? victim : strdup("unknown organisation");
		if (r->victim_id && strlen(r->victim_id) <= VERIS_MAX_TEXT)
			veris_drop(m, "victim", "victim_id", NULL);
		nation = nation_of(r, victim);
	}
	if (!inc->supplier && r->partner_name)
		inc->supplier = veris_clean_text(r->partner_name, VERIS_MAX_TEXT, false);
	inc->nation = nation;
	inc->force_short = short_name ? strdup(short_name) : short_form(inc->force);
	if (short_name) {
		/* A recognised force is a UK police force whatever else is said. */
		inc->country = strdup("GB");
		inc->industry = strdup(!sec && r->industry[0] ? r->industry : "922120");
	} else {
		inc->country = r->country ? strdup(r->country) : NULL;
		inc->industry = r->industry[0] ? strdup(r->industry) : NULL;
	}
	if (!sec && r->country_exact && inc->country && !strcmp(inc->country, r->country))
		veris_drop(m, "victim", "country", NULL);
	if (!sec && r->industry[0] && inc->industry && !strcmp(inc->industry, r->industry))
		veris_drop(m, "victim", "industry", NULL);
	inc->kind = map_kind(r, sec || r->partner_actor || r->partner_vector);
}

static void map_title(vmap *m)
{
	bd_incident *inc = m->inc;
	char *who = veris_clean_text(inc->force, 200, false), *title = NULL;
	const char *what = what_happened(&m->r, inc->kind, inc->supplier);
	int len = bd_date_is_set(inc->occurred)
		? asprintf(&title, "%s: %s (%d)", who ? who : "?", what, inc->occurred.year)
		: asprintf(&title, "%s: %s", who ? who : "?", what);
	inc->title = len < 0 ? NULL : title;
	free(who);
}

static void map_summary(vmap *m)
{
	const char *s = m->r.summary;
	m->inc->summary = veris_clean_text(s, MAX_SUMMARY, true);
	/* Cleaning changes only white space and control characters; only a
	 * summary cut short keeps its whole text in extra. */
	if (!s || strlen(s) <= MAX_SUMMARY)
		veris_drop(m, "summary", NULL, NULL);
}

static void drop_date(vmap *m, const char *k1, const char *k2, const char *k3, int parts)
{
	static const char *const names[] = { "year", "month", "day" };
	json_t *o = json_object_get(m->extra, k1);
	o = k3 ? json_object_get(json_object_get(o, k2), k3) : json_object_get(o, k2);
	for (int i = 0; i < parts; i++)
		json_object_del(o, names[i]);
	if (parts && json_object_size(o) == 0)
		veris_drop(m, k1, k2, k3);
}

static void map_dates(vmap *m)
{
	m->inc->occurred = m->r.occurred;
	drop_date(m, "timeline", "incident", NULL, m->r.date_parts);
	m->inc->disclosed = m->r.notified;
	drop_date(m, "plus", "timeline", "notification", m->r.notified_parts);
}

/* Where the record came from: its file (the name, not where it was) and
 * VCDB's master_id, so that it can be traced back. */
static void map_provenance(vmap *m)
{
	const char *base = m->file ? strrchr(m->file, '/') : NULL;
	m->inc->origin_file = veris_clean_text(base ? base + 1 : m->file, VERIS_MAX_TEXT, false);
	const char *master = m->r.master_id;
	m->inc->origin_master_id = veris_clean_text(master, VERIS_MAX_TEXT, false);
	if (master && m->inc->origin_master_id && !strcmp(master, m->inc->origin_master_id))
		veris_drop(m, "plus", "master_id", NULL);
}

/* ---- the mapping ---- */

bool bd_veris_detect(const json_t *root)
{
	return json_is_object(root) && json_object_get(root, "schema_version") &&
	       (json_object_get(root, "incident_id") || json_object_get(root, "action"));
}

static void build(vmap *m)
{
	bd_incident *inc = m->inc;
	const vrec *r = &m->r;
	inc->origin = BD_ORIGIN_VERIS;
	inc->id = make_id(r->incident_id);
	inc->origin_record_id = veris_clean_text(r->incident_id, VERIS_MAX_TEXT, false);
	if (inc->origin_record_id && !strcmp(inc->origin_record_id, r->incident_id))
		veris_drop(m, "incident_id", NULL, NULL);
	map_dates(m);
	map_provenance(m);
	map_organisation(m);
	map_title(m);
	map_summary(m);
	veris_map_sources(m);
	veris_map_data(m);
	veris_map_impact(m);
	if (json_object_size(m->extra))
		inc->origin_extra = json_dumps(m->extra, JSON_COMPACT | JSON_ENSURE_ASCII);
}

int bd_veris_to_incident(const json_t *root, const char *file, bd_incident *out,
			 bd_diags *diags)
{
	vmap m = { .file = file, .diags = diags, .inc = out };
	bd_incident_init(out);
	if (!json_is_object(root)) {
		bad_type(&m, "$", "a VERIS incident object", root);
		return m.problems;
	}
	read_record(&m, root);
	if (m.problems)
		return m.problems;
	if (!m.r.incident_id || !*m.r.incident_id) {
		bad(&m, "$.incident_id", "cannot make an id of it (at most %d characters)",
		    64 - (int)strlen(BD_VERIS_ID_PREFIX));
		return m.problems;
	}
	m.extra = json_deep_copy(root);
	if (!m.extra) {
		bad(&m, "$", "out of memory");
		return m.problems;
	}
	build(&m);
	json_decref(m.extra);
	if (!out->id || !out->title || !out->force || !out->force_short || !out->sources)
		bad(&m, "$", "out of memory");
	if (m.problems)
		bd_incident_free(out);
	return m.problems;
}
