#include "stats.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "text.h"

BD_VOCAB_DEFINE(bd_stats_dims, "breakdown", BD_STATS_DIMS, BD_VOCAB_ENTRY);
BD_VOCAB_DEFINE(bd_stats_formats, "format", BD_STATS_FORMATS, BD_VOCAB_ENTRY);

static long long add(long long a, long long b)
{
	return a > LLONG_MAX - b ? LLONG_MAX : a + b;
}

static void people_add(bd_people *p, long long count, int qualifier)
{
	if (count < 0 || qualifier == BD_Q_UNKNOWN) {
		p->n_unknown++;
		return;
	}
	switch (qualifier) {
	case BD_Q_EXACT:    p->exact = add(p->exact, count); p->n_exact++; break;
	case BD_Q_APPROX:   p->approx = add(p->approx, count); p->n_approx++; break;
	case BD_Q_AT_LEAST: p->at_least = add(p->at_least, count); p->n_at_least++; break;
	default:            p->up_to = add(p->up_to, count); p->n_up_to++; break;
	}
}

void bd_people_format(const bd_people *p, bool ascii, char *out, size_t size)
{
	const struct { int n; long long v; const char *before, *after; } part[] = {
		{ p->n_exact, p->exact, "", " exactly" },
		{ p->n_approx, p->approx, "about ", "" },
		{ p->n_at_least, p->at_least, "at least ", "" },
		{ p->n_up_to, p->up_to, ascii ? "up to " : "up to ", "" },
	};
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof part / sizeof part[0] && o < size; i++) {
		if (!part[i].n)
			continue;
		char num[32];
		bd_format_thousands(part[i].v, num, sizeof num);
		o += (size_t)snprintf(out + o, size - o, "%s%s%s%s", o ? ", " : "", part[i].before,
				      num, part[i].after);
	}
	if (p->n_unknown && o < size)
		snprintf(out + o, size - o, "%s%d unknown", o ? "; " : "", p->n_unknown);
	else if (!o)
		snprintf(out, size, "unknown");
}

/* ---- grouping ---- */

typedef struct builder {
	bd_stats *s;
	bd_store *st;
} builder;

static bd_stats_group *group_for(bd_stats *s, const char *key, const char *filter,
				 long long sort_key)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].key, key))
			return &s->v[i];
	bd_stats_group *v = realloc(s->v, (size_t)(s->n + 1) * sizeof *v);
	if (!v)
		return NULL;
	s->v = v;
	bd_stats_group *g = &v[s->n++];
	memset(g, 0, sizeof *g);
	g->key = strdup(key);
	g->filter = filter ? strdup(filter) : NULL;
	g->sort_key = sort_key;
	return g;
}

/* The ICO fines of a fined incident: read from its document, since the
 * row keeps only the furthest status. */
static long long fines_of(bd_store *st, const bd_row *r, int *n)
{
	bd_incident inc;
	long long sum = 0;
	*n = 0;
	if (r->ico != BD_REF_FINE || bd_store_get(st, r->id, &inc, NULL) != BD_OK)
		return 0;
	for (size_t i = 0; i < inc.n_referrals; i++)
		if (inc.referrals[i].body == BD_BODY_ICO && inc.referrals[i].status == BD_REF_FINE &&
		    inc.referrals[i].amount >= 0) {
			sum = add(sum, inc.referrals[i].amount);
			(*n)++;
		}
	bd_incident_free(&inc);
	return sum;
}

static void count_in(bd_stats_group *g, const bd_row *r, long long fines, int n_fines)
{
	if (!g)
		return;
	g->n++;
	people_add(&g->people, r->affected, r->qualifier);
	g->fines = add(g->fines, fines);
	g->n_fines += n_fines;
}

/* A value that can be quoted in a filter term: no double quote in it. */
static char *term(const char *key, const char *value)
{
	char *out = NULL;
	if (strchr(value, '"') || asprintf(&out, "%s:\"%s\"", key, value) < 0)
		return NULL;
	return out;
}

static void group_row(bd_stats *s, const bd_row *r, long long fines, int n_fines)
{
	char key[64], *filter = NULL;
	switch (s->by) {
	case BD_BY_FORCE:
		filter = term("org", r->force_short);
		count_in(group_for(s, r->force_short, filter, 0), r, fines, n_fines);
		break;
	case BD_BY_NATION:
		filter = term("nation", bd_vocab_name(&bd_nations, r->nation));
		count_in(group_for(s, bd_vocab_label(&bd_nations, r->nation), filter, 0), r, fines, n_fines);
		break;
	case BD_BY_KIND:
		filter = term("kind", bd_vocab_name(&bd_kinds, r->kind));
		count_in(group_for(s, bd_vocab_label(&bd_kinds, r->kind), filter, 0), r, fines, n_fines);
		break;
	case BD_BY_YEAR:
		if (bd_date_is_set(r->date)) {
			snprintf(key, sizeof key, "%04d", r->date.year);
			filter = term("year", key);
		} else {
			snprintf(key, sizeof key, "undated");
		}
		count_in(group_for(s, key, filter, r->date.year ? r->date.year : 99999), r, fines, n_fines);
		break;
	case BD_BY_OUTCOME:
		filter = term("ico", r->ico >= 0 ? bd_vocab_name(&bd_ref_statuses, r->ico) : "no");
		count_in(group_for(s, r->ico >= 0 ? bd_vocab_label(&bd_ref_statuses, r->ico)
				   : "no referral recorded", filter, 0), r, fines, n_fines);
		break;
	case BD_BY_FIELD:
		for (size_t k = 0; k < bd_fields.count; k++) {
			int f = bd_vocab_at(&bd_fields, k);
			if (!(r->exposed & BD_FIELD_BIT(f)))
				continue;
			char *t = term("field", bd_fields.entries[f].name);
			count_in(group_for(s, bd_fields.entries[f].label, t, 0), r, fines, n_fines);
			free(t);
		}
		if (!r->exposed)
			count_in(group_for(s, "none known", NULL, 0), r, fines, n_fines);
		break;
	default:
		filter = term("origin", bd_vocab_name(&bd_origins, r->origin));
		count_in(group_for(s, bd_vocab_label(&bd_origins, r->origin), filter, 0), r, fines, n_fines);
	}
	free(filter);
}

static void add_row(const bd_row *r, void *ctx)
{
	builder *b = ctx;
	int n_fines;
	long long fines = fines_of(b->st, r, &n_fines);
	b->s->total++;
	group_row(b->s, r, fines, n_fines);
}

static int by_count(const void *a, const void *b)
{
	const bd_stats_group *x = a, *y = b;
	if (x->sort_key != y->sort_key)
		return x->sort_key < y->sort_key ? -1 : 1;
	if (x->n != y->n)
		return y->n - x->n;
	return strcmp(x->key, y->key);
}

bd_status bd_stats_build(bd_store *st, const bd_query *q, int by, bd_stats *out,
			 bd_error *err)
{
	memset(out, 0, sizeof *out);
	out->by = by;
	builder b = { out, st };
	bd_status s = bd_query_each(st, q, add_row, &b, err);
	if (s != BD_OK) {
		bd_stats_free(out);
		return s;
	}
	qsort(out->v, (size_t)out->n, sizeof *out->v, by_count);
	for (int i = 0; i < out->n; i++) {
		if (out->v[i].n > out->largest)
			out->largest = out->v[i].n;
		if (out->v[i].fines > out->largest_fines)
			out->largest_fines = out->v[i].fines;
	}
	return BD_OK;
}

void bd_stats_free(bd_stats *s)
{
	for (int i = 0; i < s->n; i++) {
		free(s->v[i].key);
		free(s->v[i].filter);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* ---- writing ---- */

static const char overlap_note[] =
	"People are added within a group apart by qualifier; the same people may be in more"
	" than one incident.";

static void money(long long v, bool ascii, char *out, size_t size)
{
	char num[32];
	bd_format_thousands(v, num, sizeof num);
	snprintf(out, size, "%s%s", ascii ? "GBP " : "\xc2\xa3", num);
}

static void write_text(FILE *out, const bd_stats *s, bool ascii, int width)
{
	const char *dim = bd_vocab_label(&bd_stats_dims, s->by);
	fprintf(out, "Incidents by %s (%d incident%s)\n\n", dim, s->total, s->total == 1 ? "" : "s");
	fprintf(out, "%-20s %9s  %-*s%-18s %s\n", "GROUP", "INCIDENTS", width ? width + 1 : 0, "",
		"ICO FINES", "PEOPLE AFFECTED");
	for (int i = 0; i < s->n; i++) {
		const bd_stats_group *g = &s->v[i];
		char people[160], fines[48] = "-";
		bd_people_format(&g->people, ascii, people, sizeof people);
		if (g->n_fines) {
			char m[40];
			money(g->fines, ascii, m, sizeof m);
			snprintf(fines, sizeof fines, "%d: %s", g->n_fines, m);
		}
		bd_render_cell(out, g->key, 20, ascii);
		fprintf(out, " %9d  ", g->n);
		int len = width && s->largest ? (g->n * width + s->largest - 1) / s->largest : 0;
		for (int k = 0; k < width; k++)
			fputs(k < len ? (ascii ? "#" : "\xe2\x96\x88") : " ", out);
		/* padded by display width: "£" is one column, two bytes */
		int pad = 18 - bd_text_width(fines);
		fprintf(out, "%s%s%*s %s\n", width ? " " : "", fines, pad > 0 ? pad : 0, "", people);
	}
	fprintf(out, "\n%s%s\n", overlap_note, s->by == BD_BY_FIELD
		? " An incident is in the group of each field type it exposed." : "");
}

static void write_md(FILE *out, const bd_stats *s, bool ascii)
{
	const char *dim = bd_vocab_label(&bd_stats_dims, s->by);
	fprintf(out, "## Incidents by %s\n\n| %c%s | Incidents | ICO fines | Fines total | People affected |\n"
		"|---|---:|---:|---:|---|\n", dim, dim[0] >= 'a' && dim[0] <= 'z' ? dim[0] - 32 : dim[0],
		dim + 1);
	for (int i = 0; i < s->n; i++) {
		const bd_stats_group *g = &s->v[i];
		char people[160], m[40];
		bd_people_format(&g->people, ascii, people, sizeof people);
		money(g->fines, ascii, m, sizeof m);
		fputs("| ", out);
		bd_render_md_text(out, g->key);
		fprintf(out, " | %d | %d | %s | %s |\n", g->n, g->n_fines, m, people);
	}
	fprintf(out, "\n%d incidents. %s\n", s->total, overlap_note);
}

static void write_csv(FILE *out, const bd_stats *s)
{
	fputs("group,incidents,ico_fines,fines_total,exactly,n_exactly,about,n_about,at_least,"
	      "n_at_least,up_to,n_up_to,n_unknown,filter\r\n", out);
	for (int i = 0; i < s->n; i++) {
		const bd_stats_group *g = &s->v[i];
		const bd_people *p = &g->people;
		bd_render_csv_cell(out, g->key, ',');
		fprintf(out, "%d,%d,%lld,%lld,%d,%lld,%d,%lld,%d,%lld,%d,%d,", g->n, g->n_fines, g->fines,
			p->exact, p->n_exact, p->approx, p->n_approx, p->at_least, p->n_at_least,
			p->up_to, p->n_up_to, p->n_unknown);
		bd_render_csv_cell(out, g->filter ? g->filter : "", '\r');
		fputc('\n', out);
	}
}

static void write_json(FILE *out, const bd_stats *s)
{
	json_t *arr = json_array();
	for (int i = 0; i < s->n; i++) {
		const bd_stats_group *g = &s->v[i];
		const bd_people *p = &g->people;
		json_t *people = json_pack("{s:I, s:i, s:I, s:i, s:I, s:i, s:I, s:i, s:i}",
			"exactly", (json_int_t)p->exact, "n_exactly", p->n_exact,
			"about", (json_int_t)p->approx, "n_about", p->n_approx,
			"at_least", (json_int_t)p->at_least, "n_at_least", p->n_at_least,
			"up_to", (json_int_t)p->up_to, "n_up_to", p->n_up_to, "n_unknown", p->n_unknown);
		json_t *o = json_pack("{s:s, s:i, s:i, s:I, s:o}", "group", g->key, "incidents", g->n,
				      "ico_fines", g->n_fines, "fines_total", (json_int_t)g->fines,
				      "people", people);
		if (o && g->filter)
			json_object_set_new(o, "filter", json_string(g->filter));
		json_array_append_new(arr, o);
	}
	json_t *root = json_pack("{s:s, s:i, s:o, s:s}", "by", bd_vocab_name(&bd_stats_dims, s->by),
				 "incidents", s->total, "groups", arr, "note", overlap_note);
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	fputc('\n', out);
	json_decref(root);
}

void bd_stats_write(FILE *out, const bd_stats *s, int format, bool ascii, int width)
{
	switch (format) {
	case BD_STATS_MD:   write_md(out, s, ascii); break;
	case BD_STATS_CSV:  write_csv(out, s); break;
	case BD_STATS_JSON: write_json(out, s); break;
	default:            write_text(out, s, ascii, width);
	}
}
