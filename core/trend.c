#include "trend.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "render.h"
#include "text.h"

typedef struct bd_trend_point point;
typedef bd_trend_points points;

static void push(points *p, bd_date d, long long fine)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		point *v = realloc(p->v, cap * sizeof *v);
		if (!v)
			return;
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n++] = (point){ d, fine };
}

/* The fines of a fined incident (its ICO referral went no further than a
 * fine), each dated by its decision. */
static void fines_in(const bd_incident *inc, points *p)
{
	for (size_t i = 0; i < inc->n_referrals; i++) {
		const bd_referral *f = &inc->referrals[i];
		if (f->body != BD_BODY_ICO || f->status != BD_REF_FINE || f->amount < 0)
			continue;
		bd_date d = bd_date_is_set(f->date) ? f->date : bd_incident_date(inc);
		if (bd_date_is_set(d))
			push(p, d, f->amount);
	}
}

/* The same from a row: its document is read only when the row says it was
 * fined, since the row keeps only the furthest status. */
static void fines_of(bd_store *st, const bd_row *r, points *p)
{
	bd_incident inc;
	if (r->ico != BD_REF_FINE || bd_store_get(st, r->id, &inc, NULL) != BD_OK)
		return;
	fines_in(&inc, p);
	bd_incident_free(&inc);
}

void bd_trend_add(bd_trend_points *p, const bd_incident *inc)
{
	bd_date d = bd_incident_date(inc);
	if (bd_date_is_set(d))
		push(p, d, -1);
	else
		p->undated++;
	if (bd_incident_referral_status(inc, BD_BODY_ICO) == BD_REF_FINE)
		fines_in(inc, p);
}

typedef struct gather_ctx {
	bd_store *st;
	points *p;
} gather_ctx;

static void gather_row(const bd_row *r, void *ctx)
{
	gather_ctx *g = ctx;
	if (bd_date_is_set(r->date))
		push(g->p, r->date, -1);
	else
		g->p->undated++;
	fines_of(g->st, r, g->p);
}

/* A partial date without a month counts in the first quarter: the only
 * honest alternative, no quarter, would drop it from the chart. */
static int index_of(const bd_trend *t, bd_date d, int first_year)
{
	int q = d.month ? (d.month - 1) / 3 : 0;
	return t->quarterly ? (d.year - first_year) * 4 + q : d.year - first_year;
}

bd_status bd_trend_build(bd_store *st, const bd_query *q, bd_trend *out, bd_error *err)
{
	points p = { 0 };
	gather_ctx g = { st, &p };
	bd_status s = bd_query_each(st, q, gather_row, &g, err);
	if (s != BD_OK) {
		memset(out, 0, sizeof *out);
		free(p.v);
		return s;
	}
	return bd_trend_finish(&p, out, err);
}

bd_status bd_trend_finish(bd_trend_points *pts, bd_trend *out, bd_error *err)
{
	points p = *pts;
	bd_status s = BD_OK;
	*pts = (points){ 0 };
	memset(out, 0, sizeof *out);
	out->undated = p.undated;
	int first = INT_MAX, last = INT_MIN;
	for (size_t i = 0; i < p.n; i++) {
		first = p.v[i].date.year < first ? p.v[i].date.year : first;
		last = p.v[i].date.year > last ? p.v[i].date.year : last;
	}
	if (s != BD_OK || !p.n) {
		free(p.v);
		return s;
	}
	out->quarterly = last - first < 3;
	out->n = out->quarterly ? (last - first + 1) * 4 : last - first + 1;
	out->v = calloc((size_t)out->n, sizeof *out->v);
	for (int i = 0; out->v && i < out->n; i++) {
		out->v[i].year = first + (out->quarterly ? i / 4 : i);
		out->v[i].quarter = out->quarterly ? i % 4 + 1 : 0;
	}
	for (size_t i = 0; out->v && i < p.n; i++) {
		bd_trend_bucket *b = &out->v[index_of(out, p.v[i].date, first)];
		if (p.v[i].fine < 0) {
			b->n++;
		} else {
			b->n_fines++;
			b->fines = b->fines > LLONG_MAX - p.v[i].fine ? LLONG_MAX : b->fines + p.v[i].fine;
		}
	}
	for (int i = 0; out->v && i < out->n; i++) {
		out->max_n = out->v[i].n > out->max_n ? out->v[i].n : out->max_n;
		out->max_fines = out->v[i].fines > out->max_fines ? out->v[i].fines : out->max_fines;
	}
	free(p.v);
	return out->v ? BD_OK : bd_fail(err, BD_ENOMEM, "out of memory");
}

void bd_trend_free(bd_trend *t)
{
	free(t->v);
	memset(t, 0, sizeof *t);
}

void bd_trend_label(const bd_trend_bucket *b, char *out, size_t size)
{
	if (b->quarter)
		snprintf(out, size, "%04d Q%d", b->year, b->quarter);
	else
		snprintf(out, size, "%04d", b->year);
}

int bd_trend_level(const bd_threat_table *t, int scope, const bd_trend_bucket *b)
{
	int best = -1;
	int m0 = b->quarter ? (b->quarter - 1) * 3 + 1 : 1, m1 = b->quarter ? m0 + 2 : 12;
	for (int m = m0; t && m <= m1; m++) {
		bd_date d = { b->year, m, 0 };
		const bd_threat_period *p = bd_threat_at(t, scope, d);
		if (p && p->level > best)
			best = p->level;
	}
	return best;
}

void bd_trend_write(FILE *out, const bd_trend *tr, const bd_threat_table *t, bool md, bool ascii)
{
	const char *pound = ascii ? "GBP " : "\xc2\xa3";
	if (!tr->n) {
		fputs("No dated incident.\n", out);
		return;
	}
	if (md)
		fputs("| Period | Incidents | ICO fines | Fines total | UK level (highest) | NI level (highest) |\n"
		      "|---|---:|---:|---:|---|---|\n", out);
	else
		fprintf(out, "%-8s %9s %9s %14s  %-11s %s\n", "PERIOD", "INCIDENTS", "ICO FINES",
			"FINES TOTAL", "UK LEVEL", "NI LEVEL");
	for (int i = 0; i < tr->n; i++) {
		const bd_trend_bucket *b = &tr->v[i];
		char label[16], num[32], total[40];
		bd_trend_label(b, label, sizeof label);
		bd_format_thousands(b->fines, num, sizeof num);
		snprintf(total, sizeof total, "%s%s", b->n_fines ? pound : "", b->n_fines ? num : "-");
		int uk = bd_trend_level(t, BD_SCOPE_UK, b), ni = bd_trend_level(t, BD_SCOPE_NI, b);
		const char *ukl = uk >= 0 ? bd_vocab_label(&bd_levels, uk) : "not known";
		const char *nil = ni >= 0 ? bd_vocab_label(&bd_levels, ni) : "not known";
		if (md)
			fprintf(out, "| %s | %d | %d | %s | %s | %s |\n", label, b->n, b->n_fines, total,
				ukl, nil);
		else
			fprintf(out, "%-8s %9d %9d %*s  %-11s %s\n", label, b->n, b->n_fines,
				14 + (int)(strlen(total) - (size_t)bd_text_width(total)), total, ukl, nil);
	}
	fprintf(out, "\nIncidents count in the %s of their date, fines in that of the ICO's decision;"
		" levels are the highest in force in the period.%s\n", tr->quarterly ? "quarter" : "year",
		tr->undated ? " Undated incidents are in no period." : "");
}
