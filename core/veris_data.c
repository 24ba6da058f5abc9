/* veris_data — the sources, figures, exposed fields and impacts of a VERIS
 * record (veris_map.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "veris_map.h"
#include "vocab.h"

#define MAX_REFS 32

/* ---- sources, figures, impacts ---- */

static char *host_of(const char *url)
{
	const char *h = strstr(url, "://");
	if (!h)
		return NULL;
	h += 3;
	size_t n = strcspn(h, "/:?#");
	if (n > 4 && !strncasecmp(h, "www.", 4))
		h += 4, n -= 4;
	if (n == 0)
		return NULL;
	char *host = strndup(h, n);
	for (char *c = host; c && *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return host;
}

/* The URLs in a VCDB reference: "http://a; http://b (20140217)": each one
 * up to white space, ';' or ',', less an appended "(YYYYMMDD)". */
static size_t reference_urls(const char *ref, char **urls, size_t max)
{
	size_t n = 0;
	for (const char *p = ref; p && *p && n < max;) {
		const char *a = strcasestr(p, "http://"), *b = strcasestr(p, "https://");
		const char *start = a && (!b || a < b) ? a : b;
		if (!start)
			break;
		size_t len = strcspn(start, " \t\r\n;,\"<>");
		p = start + len;
		const char *paren = memchr(start, '(', len);
		if (paren && strspn(paren + 1, "0123456789") >= 6 && paren[1 + strspn(paren + 1, "0123456789")] == ')')
			len = (size_t)(paren - start);
		char *raw = strndup(start, len), *url = veris_clean_text(raw, VERIS_MAX_TEXT, false), *host = NULL;
		free(raw);
		bool dup = false;
		for (size_t i = 0; url && i < n; i++)
			dup |= !strcmp(urls[i], url);
		if (url && !dup && (host = host_of(url)) != NULL)
			urls[n++] = url;
		else
			free(url);
		free(host);
	}
	return n;
}

void veris_strv_one(bd_strv *sv, const char *s)
{
	sv->v = calloc(1, sizeof *sv->v);
	if (sv->v && (sv->v[0] = strdup(s)))
		sv->n = 1;
}

void veris_map_sources(vmap *m)
{
	bd_incident *inc = m->inc;
	const vrec *r = &m->r;
	char *urls[MAX_REFS];
	size_t n = reference_urls(r->reference, urls, MAX_REFS);
	inc->sources = calloc(n + 1, sizeof *inc->sources);
	if (!inc->sources) {
		for (size_t i = 0; i < n; i++)
			free(urls[i]);
		return;
	}
	bd_source *v = &inc->sources[0];
	bool vcdb = !r->source_id || !strcasecmp(r->source_id, "vcdb");
	v->id = strdup(VERIS_SOURCE);
	char *publisher = NULL;
	if (!vcdb && asprintf(&publisher, "VERIS data from source \"%s\"", r->source_id) < 0)
		publisher = NULL;
	v->publisher = veris_clean_text(publisher ? publisher : "VERIS Community Database", VERIS_MAX_TEXT, false);
	free(publisher);
	char *title = NULL;
	if (r->source_id ? asprintf(&title, "VERIS incident %s, source_id %s", r->incident_id, r->source_id) < 0
			 : asprintf(&title, "VERIS incident %s", r->incident_id) < 0)
		title = NULL;
	v->title = veris_clean_text(title, VERIS_MAX_TEXT, false);
	free(title);
	inc->n_sources = 1;
	for (size_t i = 0; i < n; i++) {
		bd_source *s = &inc->sources[inc->n_sources++];
		if (asprintf(&s->id, "ref-%zu", i + 1) < 0)
			s->id = NULL;
		s->publisher = host_of(urls[i]);
		s->url = urls[i];
	}
}

static void add_figure(bd_incident *inc, const char *about, const char *value, const char *note)
{
	bd_figure *f = &inc->figures[inc->n_figures++];
	f->about = veris_clean_text(about, VERIS_MAX_TEXT, false);
	f->value = strdup(value);
	f->note = note ? strdup(note) : NULL;
	veris_strv_one(&f->sources, VERIS_SOURCE);
}

/* The field a VERIS data variety maps to, or -1; *exact when nothing of
 * the variety is lost by the mapping (the others stay in extra). Every
 * variety of VERIS 1.3 and 1.4 has one: none is left out of the exposure
 * groups. */
static int variety_field(const char *variety, bool *exact)
{
	static const struct { const char *variety, *field; bool exact; } map[] = {
		{ "Personal", "personal-unspecified", true },
		{ "Sensitive Personal", "personal-unspecified", false },
		{ "Bank", "financial", true },
		{ "Payment", "financial", true },
		{ "Virtual currency", "financial", false },
		{ "Medical", "medical", true },
		{ "Credentials", "credentials", true },
		{ "Multi-factor credential", "credentials", false },
		{ "API key", "credentials", false },
		{ "Session key", "credentials", false },
		{ "Digital certificate", "credentials", false },
		{ "Internal", "internal", true },
		{ "Source code", "internal", false },
		{ "Classified", "classified", true },
		{ "Secrets", "secrets", true },
		{ "System", "system", true },
		{ "Copyrighted", "copyrighted", true },
		{ "Other", "other-data", true },
		{ "Unknown", "other-data", false },
	};
	for (size_t i = 0; variety && i < sizeof map / sizeof map[0]; i++)
		if (!strcasecmp(variety, map[i].variety)) {
			*exact = map[i].exact;
			return bd_vocab_find(&bd_fields, map[i].field);
		}
	/* a variety newer than this table: data of some kind, kept in extra */
	*exact = false;
	return bd_vocab_find(&bd_fields, "other-data");
}

/* What data_disclosure says of the varieties: only Yes is exposure. */
enum { DISCLOSED, AT_RISK, NOT_DISCLOSED, UNKNOWN };

static int disclosure_of(const char *s)
{
	if (s && !strcasecmp(s, "Yes"))
		return DISCLOSED;
	if (s && !strcasecmp(s, "Potentially"))
		return AT_RISK;
	if (s && !strcasecmp(s, "No"))
		return NOT_DISCLOSED;
	return UNKNOWN;
}

/* Potentially: the varieties are at risk. They are listed as exposed, by a
 * claim that only reports it, so that they show as "exposed (reported)". */
static void claim_at_risk(bd_incident *inc)
{
	inc->claims = calloc(1, sizeof *inc->claims);
	if (!inc->claims)
		return;
	bd_field_claim *c = &inc->claims[0];
	c->fields = inc->exposed;
	c->certainty = BD_CERT_REPORTED;
	c->note = strdup("VERIS data_disclosure Potentially: at risk, not confirmed");
	veris_strv_one(&c->sources, VERIS_SOURCE);
	inc->n_claims = 1;
}

void veris_map_data(vmap *m)
{
	bd_incident *inc = m->inc;
	const vrec *r = &m->r;
	size_t n = json_array_size(r->data);
	int disclosure = disclosure_of(r->disclosure);
	long long sum = 0;
	size_t n_amounts = 0;
	json_t *kept = json_object_get(json_object_get(json_object_get(m->extra, "attribute"),
						       "confidentiality"), "data");
	inc->figures = calloc(n + 2, sizeof *inc->figures);
	if (!inc->figures)
		return;
	for (size_t i = 0; i < n; i++) {
		const json_t *d = json_array_get(r->data, i);
		const json_t *amount = json_object_get(d, "amount");
		if (amount && sum >= 0)
			sum = LLONG_MAX - sum < json_integer_value(amount) ? -1 : sum + json_integer_value(amount);
		n_amounts += amount != NULL;
	}
	if (r->has_total) {
		/* VERIS counts records, not people: kept, never called exact. */
		inc->affected = r->total;
		inc->qualifier = BD_Q_APPROX;
		veris_drop(m, "attribute", "confidentiality", "data_total");
	} else if (n_amounts && sum >= 0) {
		inc->affected = sum;
		inc->qualifier = BD_Q_AT_LEAST;
	}
	char buf[48], val[64];
	if (inc->affected >= 0) {
		veris_strv_one(&inc->affected_sources, VERIS_SOURCE);
		bd_format_thousands(inc->affected, buf, sizeof buf);
		snprintf(val, sizeof val, "%s%s", r->has_total ? "" : "at least ", buf);
		add_figure(inc, "affected", val, r->has_total
			   ? "records (VERIS data_total), not a head count"
			   : "records (the sum of the amounts of the VERIS data varieties), not a head count");
	}
	/* Backwards, so that dropping an entry from extra keeps the indexes of
	 * those still to come. */
	for (size_t i = n; i-- > 0;) {
		const json_t *d = json_array_get(r->data, i);
		const char *variety = json_string_value(json_object_get(d, "variety"));
		const json_t *amount = json_object_get(d, "amount");
		bool exact = false;
		int f = disclosure == UNKNOWN ? -1 : variety_field(variety, &exact);
		if (f >= 0 && disclosure == NOT_DISCLOSED)
			inc->not_exposed |= BD_FIELD_BIT(f);
		else if (f >= 0)
			inc->exposed |= BD_FIELD_BIT(f);
		/* Each amount is kept, also beside a data_total; only a lone
		 * amount that is the sum itself would say nothing more. */
		if (amount && (r->has_total || !(n_amounts == 1 && json_integer_value(amount) == inc->affected))) {
			/* Not cut to a fixed buffer, which could split a UTF-8
			 * character: clean_text cuts at a character boundary. */
			char *about = NULL;
			if (asprintf(&about, "records: %s", variety ? variety : "unspecified") < 0)
				about = NULL;
			bd_format_thousands(json_integer_value(amount), buf, sizeof buf);
			add_figure(inc, about ? about : "records", buf, NULL);
			free(about);
		}
		if (f >= 0 && exact && json_object_size(d) == 1u + (amount != NULL))
			json_array_remove(kept, i);
	}
	if (json_is_array(kept) && json_array_size(kept) == 0)
		veris_drop(m, "attribute", "confidentiality", "data");
	if (disclosure == AT_RISK && inc->exposed)
		claim_at_risk(inc);
}

static char *money(const json_t *amount, const char *currency)
{
	char buf[48], *out = NULL;
	double v = json_number_value(amount);
	if (json_is_integer(amount) || (v >= 0 && v < 9e15 && v == (double)(long long)v))
		bd_format_thousands((long long)v, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "%.2f", v);
	if (asprintf(&out, "%s%s%s", buf, currency ? " " : "", currency ? currency : "") < 0)
		out = NULL;
	return out;
}

static void add_impact(bd_incident *inc, char *text)
{
	bd_impact *im = &inc->impacts[inc->n_impacts];
	im->text = veris_clean_text(text, VERIS_MAX_TEXT, true);
	free(text);
	if (!im->text)
		return;
	veris_strv_one(&im->sources, VERIS_SOURCE);
	inc->n_impacts++;
}

void veris_map_impact(vmap *m)
{
	const json_t *imp = m->r.impact;
	bd_incident *inc = m->inc;
	const json_t *loss = json_object_get(imp, "loss");
	const char *rating = json_string_value(json_object_get(imp, "overall_rating"));
	const char *currency = json_string_value(json_object_get(imp, "iso_currency_code"));
	const json_t *amount = json_object_get(imp, "overall_amount");
	const char *notes = json_string_value(json_object_get(imp, "notes"));
	char *text;
	inc->impacts = calloc(json_array_size(loss) + 3, sizeof *inc->impacts);
	if (!imp || !inc->impacts)
		return;
	if (rating && strcasecmp(rating, "Unknown") && asprintf(&text, "Overall impact rated %s (VERIS)", rating) >= 0)
		add_impact(inc, text);
	char *sum = amount ? money(amount, currency) : NULL;
	if (sum && asprintf(&text, "Overall loss: %s", sum) >= 0)
		add_impact(inc, text);
	free(sum);
	size_t i;
	const json_t *l;
	json_array_foreach(loss, i, l) {
		const char *variety = json_string_value(json_object_get(l, "variety"));
		const char *lr = json_string_value(json_object_get(l, "rating"));
		const json_t *la = json_object_get(l, "amount");
		char *cost = la ? money(la, currency) : NULL;
		bool rated = lr && strcasecmp(lr, "Unknown");
		if (asprintf(&text, "Loss: %s%s%s%s%s", variety ? variety : "unspecified",
			     cost ? ", " : "", cost ? cost : "", rated ? ", rated " : "", rated ? lr : "") >= 0)
			add_impact(inc, text);
		free(cost);
	}
	if (notes)
		add_impact(inc, strdup(notes));
}

