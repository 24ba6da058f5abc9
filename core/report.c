#include "report.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "text.h"

/* a + b for counts (never negative), stopping at LLONG_MAX: counts up to
 * 2^63 - 1 are valid data, and their sum must not wrap round. */
static long long add(long long a, long long b)
{
	return a > LLONG_MAX - b ? LLONG_MAX : a + b;
}

void bd_tally_add(bd_tally *t, long long count, int qualifier)
{
	if (count < 0 || qualifier == BD_Q_UNKNOWN) {
		t->n_unknown++;
		return;
	}
	switch (qualifier) {
	case BD_Q_EXACT:    t->exact = add(t->exact, count); t->n_exact++; break;
	case BD_Q_APPROX:   t->approx = add(t->approx, count); t->n_approx++; break;
	case BD_Q_AT_LEAST: t->at_least = add(t->at_least, count); t->n_at_least++; break;
	default:            t->up_to = add(t->up_to, count); t->n_up_to++; break;
	}
}

/* Appends before, n with thousands separators, after. */
static size_t part(char *out, size_t size, size_t o, const char *before, long long n,
		   const char *after)
{
	char num[32];
	bd_format_thousands(n, num, sizeof num);
	if (o < size)
		o += (size_t)snprintf(out + o, size - o, "%s%s%s", before, num, after);
	return o;
}

void bd_tally_format(const bd_tally *t, bool ascii, char *out, size_t size)
{
	(void)ascii;
	size_t o = 0;
	long long floor = add(t->exact, t->at_least);
	int counted = t->n_exact + t->n_approx + t->n_at_least + t->n_up_to;
	out[0] = '\0';
	if (!counted) {
		snprintf(out, size, "not known (no incident has a count)");
		return;
	}
	/* Only exact and at-least figures give a floor; approximate ones make
	 * the whole total approximate. */
	if (t->n_approx)
		o = part(out, size, o, "about ", add(floor, t->approx), " people");
	else if (t->n_at_least)
		o = part(out, size, o, "at least ", floor, " people");
	else
		o = part(out, size, o, "", floor, " people");
	const char *sep = ": ";
	if (t->n_exact && (t->n_approx || t->n_at_least || t->n_up_to)) {
		o = part(out, size, o, ": ", t->exact, " counted exactly");
		sep = ", ";
	}
	if (t->n_approx && (t->n_exact || t->n_at_least)) {
		if (o < size)
			o += (size_t)snprintf(out + o, size - o, "%s", sep);
		o = part(out, size, o, "about ", t->approx, "");
		sep = ", ";
	}
	if (t->n_at_least && (t->n_exact || t->n_approx)) {
		if (o < size)
			o += (size_t)snprintf(out + o, size - o, "%s", sep);
		o = part(out, size, o, "at least ", t->at_least, "");
		sep = ", ";
	}
	if (t->n_up_to) {
		if (o < size)
			o += (size_t)snprintf(out + o, size - o, "%s", sep);
		o = part(out, size, o, "and up to ", t->up_to, " more");
	}
	if (t->n_unknown && o < size)
		snprintf(out + o, size - o, "; %d incident%s no count", t->n_unknown,
			 t->n_unknown == 1 ? " has" : "s have");
}

/* ---- gathering ---- */

typedef struct summary {
	int n;
	bd_tally tally;
	int refs[4][5];                 /* body x status: incidents at that furthest status */
	long long fines;
	char **where[32];               /* per field: labels of incidents that exposed it */
	int n_where[32];
} summary;

typedef void (*each_fn)(const bd_incident *inc, void *ctx);

/* Every incident of the query, in the query's order, one at a time. */
static bd_status each_incident(bd_store *st, const bd_query *q, each_fn fn, void *ctx, bd_error *err)
{
	enum { CHUNK = 256 };
	for (long long off = 0;; off += CHUNK) {
		bd_rowset rs;
		bd_status s = bd_query_window(st, q, off, CHUNK, &rs, err);
		if (s != BD_OK)
			return s;
		for (int i = 0; i < rs.n; i++) {
			bd_incident inc;
			if (bd_store_get(st, rs.v[i].id, &inc, err) == BD_OK) {
				fn(&inc, ctx);
				bd_incident_free(&inc);
			}
		}
		int n = rs.n;
		bd_rowset_free(&rs);
		if (n < CHUNK)
			return BD_OK;
	}
}

static char *label_of(const bd_incident *inc)
{
	char date[11], *out = NULL;
	bd_date_format(bd_incident_date(inc), date);
	if (asprintf(&out, "%s %s", inc->force_short, *date ? date : "undated") < 0)
		return NULL;
	return out;
}

static void gather(const bd_incident *inc, void *ctx)
{
	summary *s = ctx;
	s->n++;
	bd_tally_add(&s->tally, inc->affected, inc->qualifier);
	for (int body = 0; body < 4; body++) {
		int st = bd_incident_referral_status(inc, body);
		if (st >= 0)
			s->refs[body][st]++;
	}
	for (size_t i = 0; i < inc->n_referrals; i++)
		if (inc->referrals[i].amount > 0)
			s->fines = add(s->fines, inc->referrals[i].amount);
	for (size_t f = 0; f < bd_fields.count && f < 32; f++) {
		if (!(inc->exposed & BD_FIELD_BIT(f)))
			continue;
		char **w = realloc(s->where[f], (size_t)(s->n_where[f] + 1) * sizeof *w);
		if (!w)
			continue;
		s->where[f] = w;
		w[s->n_where[f]++] = label_of(inc);
	}
}

static void summary_free(summary *s)
{
	for (int f = 0; f < 32; f++) {
		for (int i = 0; i < s->n_where[f]; i++)
			free(s->where[f][i]);
		free(s->where[f]);
	}
}

/* ---- writing ---- */

typedef struct writer {
	FILE *out;
	bool md, ascii;
	const bd_threat_table *threats;
} writer;

static void heading(writer *w, const char *text)
{
	if (w->md)
		fprintf(w->out, "\n## %s\n\n", text);
	else {
		fprintf(w->out, "\n%s\n", text);
		for (size_t i = 0; i < strlen(text); i++)
			fputc('=', w->out);
		fputs("\n\n", w->out);
	}
}

static void text(writer *w, const char *s)
{
	if (w->md && w->ascii) {
		/* ASCII first: on a terminal that is not UTF-8, the bytes of a
		 * UTF-8 character can read as C1 controls. */
		char *a = bd_text_sanitize(s, BD_TEXT_ASCII);
		bd_render_md_text(w->out, a);
		free(a);
	} else if (w->md)
		bd_render_md_text(w->out, s);
	else
		bd_render_cell(w->out, s, 0, w->ascii);
}

static void write_headline(writer *w, const summary *s, const bd_query *q)
{
	char buf[512], num[32];
	heading(w, "Headline");
	fprintf(w->out, "- Incidents: %d\n", s->n);
	bd_tally_format(&s->tally, w->ascii, buf, sizeof buf);
	fprintf(w->out, "- People affected: %s\n", buf);
	for (int body = 0; body < 2; body++) {
		int told = 0;
		for (int st = 0; st < 5; st++)
			told += s->refs[body][st];
		fprintf(w->out, "- Told the %s: %d of %d", bd_vocab_label(&bd_bodies, body), told, s->n);
		if (body == BD_BODY_ICO && s->refs[body][BD_REF_FINE]) {
			bd_format_thousands(s->fines, num, sizeof num);
			fprintf(w->out, " (fines: %s%s)", w->ascii ? "GBP " : "£", num);
		}
		fputc('\n', w->out);
	}
	if (!bd_filter_is_empty(q->filter)) {
		fputs("- Filter: ", w->out);
		text(w, bd_filter_text(q->filter));
		fputc('\n', w->out);
	}
}

static void table_row(const bd_incident *inc, void *ctx)
{
	writer *w = ctx;
	char date[11], aff[48], threat[32] = "-";
	bd_date_format(bd_incident_date(inc), date);
	bd_format_affected(inc->affected, inc->qualifier, w->ascii, aff, sizeof aff);
	int level = bd_threat_level_for(w->threats, inc);
	if (level >= 0)
		snprintf(threat, sizeof threat, "%s", bd_vocab_label(&bd_levels, level));
	const char *ico = bd_render_status(bd_incident_referral_status(inc, BD_BODY_ICO));
	const char *nca = bd_render_status(bd_incident_referral_status(inc, BD_BODY_NCA));
	if (w->md) {
		fprintf(w->out, "| %s | ", *date ? date : "-");
		text(w, inc->force_short);
		fprintf(w->out, " | %s | %s | %s | %s | %s | ", bd_vocab_label(&bd_kinds, inc->kind),
			aff, ico, nca, threat);
		text(w, inc->title);
		fputs(" |\n", w->out);
	} else {
		fprintf(w->out, "%-10s  ", *date ? date : "-");
		bd_render_cell(w->out, inc->force_short, 16, w->ascii);
		fprintf(w->out, "  %-22s %9s  %-13s %-13s %s\n", bd_vocab_label(&bd_kinds, inc->kind),
			aff, ico, nca, threat);
		fputs("            ", w->out);
		bd_render_cell(w->out, inc->title, 0, w->ascii);
		fputc('\n', w->out);
	}
}

static void write_fields(writer *w, const summary *s)
{
	heading(w, "Which field types leaked where");
	bool any = false;
	for (size_t f = 0; f < bd_fields.count; f++) {
		if (!s->n_where[f])
			continue;
		any = true;
		fprintf(w->out, "- %s%s%s (%d): ", w->md ? "**" : "", bd_fields.entries[f].label,
			w->md ? "**" : "", s->n_where[f]);
		for (int i = 0; i < s->n_where[f]; i++) {
			fputs(i ? ", " : "", w->out);
			text(w, s->where[f][i] ? s->where[f][i] : "?");
		}
		fputc('\n', w->out);
	}
	if (!any)
		fputs("No source reports an exposed field type for these incidents.\n", w->out);
	fputs("\nField types not listed are not known to have leaked; that is not the same as safe.\n", w->out);
}

static void write_referrals(writer *w, const summary *s)
{
	heading(w, "Referrals by regulator and furthest status");
	if (w->md) {
		fputs("| Body | referred | investigating | reprimand | fine | closed |\n"
		      "|---|---:|---:|---:|---:|---:|\n", w->out);
	} else {
		fprintf(w->out, "%-6s %9s %14s %10s %5s %7s\n", "Body", "referred", "investigating",
			"reprimand", "fine", "closed");
	}
	for (int body = 0; body < 4; body++) {
		const int *r = s->refs[body];
		if (w->md)
			fprintf(w->out, "| %s | %d | %d | %d | %d | %d |\n", bd_vocab_label(&bd_bodies, body),
				r[0], r[1], r[2], r[3], r[4]);
		else
			fprintf(w->out, "%-6s %9d %14d %10d %5d %7d\n", bd_vocab_label(&bd_bodies, body),
				r[0], r[1], r[2], r[3], r[4]);
	}
}

static void threat_row(const bd_incident *inc, void *ctx)
{
	writer *w = ctx;
	char buf[96];
	bd_date d = bd_incident_date(inc);
	fputs("- ", w->out);
	text(w, inc->force_short);
	bd_date_format(d, buf);
	fprintf(w->out, " (%s): ", *buf ? buf : "undated");
	if (inc->nation == BD_OUTSIDE_UK || !bd_date_is_set(d)) {
		fputs("not known\n", w->out);
		return;
	}
	if (inc->nation == BD_NORTHERN_IRELAND) {
		bd_render_threat(buf, sizeof buf, w->threats, BD_SCOPE_NI, d);
		fprintf(w->out, "Northern Ireland-related %s; ", buf);
	}
	bd_render_threat(buf, sizeof buf, w->threats, BD_SCOPE_UK, d);
	fprintf(w->out, "UK national %s\n", buf);
}

typedef struct conflict_w {
	writer *w;
	const bd_incident *inc;
	bool any;
} conflict_w;

static void conflict_line(void *ctx, const char *about, const size_t *idx, size_t n)
{
	conflict_w *c = ctx;
	c->any = true;
	fputs("- ", c->w->out);
	text(c->w, c->inc->force_short);
	fputs(", ", c->w->out);
	text(c->w, about);
	fputs(": ", c->w->out);
	for (size_t i = 0; i < n; i++) {
		const bd_figure *f = &c->inc->figures[idx[i]];
		fputs(i ? " vs " : "", c->w->out);
		text(c->w, f->value);
		fputs(" (", c->w->out);
		for (size_t k = 0; k < f->sources.n; k++) {
			const bd_source *src = bd_incident_source(c->inc, f->sources.v[k]);
			fputs(k ? "; " : "", c->w->out);
			text(c->w, src ? src->publisher : f->sources.v[k]);
		}
		fputs(")", c->w->out);
	}
	fputc('\n', c->w->out);
}

static void conflicts_of(const bd_incident *inc, void *ctx)
{
	conflict_w *c = ctx;
	c->inc = inc;
	bd_incident_conflicts(inc, conflict_line, c);
}

static void sources_of(const bd_incident *inc, void *ctx)
{
	writer *w = ctx;
	fputs(w->md ? "**" : "", w->out);
	text(w, inc->id);
	fputs(w->md ? "**\n\n" : "\n", w->out);
	for (size_t i = 0; i < inc->n_sources; i++) {
		const bd_source *s = &inc->sources[i];
		fprintf(w->out, "- [%s] ", s->id);
		text(w, s->publisher);
		if (s->title) {
			fputs(", ", w->out);
			text(w, s->title);
		}
		if (s->url) {
			fputs(w->md ? ", <" : ", ", w->out);
			text(w, s->url);
			fputs(w->md ? ">" : "", w->out);
		}
		fputc('\n', w->out);
	}
	fputc('\n', w->out);
}

bd_status bd_report_write(FILE *out, bd_store *st, const bd_query *q,
			  const bd_threat_table *t, int format, bool ascii, bd_error *err)
{
	summary s;
	memset(&s, 0, sizeof s);
	writer w = { out, format == BD_REPORT_MD, ascii, t };
	bd_status status = each_incident(st, q, gather, &s, err);
	if (status != BD_OK) {
		summary_free(&s);
		return status;
	}
	fputs(w.md ? "# Briefing: UK police data breaches\n" : "Briefing: UK police data breaches\n", out);
	write_headline(&w, &s, q);
	heading(&w, "Incidents");
	if (w.md)
		fputs("| Date | Force | Kind | Affected | ICO | NCA | Threat level | Title |\n"
		      "|---|---|---|---:|---|---|---|---|\n", out);
	status = each_incident(st, q, table_row, &w, err);
	if (status == BD_OK)
		write_fields(&w, &s);
	if (status == BD_OK)
		write_referrals(&w, &s);
	if (status == BD_OK) {
		heading(&w, "Threat levels in force");
		status = each_incident(st, q, threat_row, &w, err);
	}
	conflict_w c = { &w, NULL, false };
	if (status == BD_OK) {
		heading(&w, "Conflicting figures");
		status = each_incident(st, q, conflicts_of, &c, err);
		if (!c.any)
			fputs("None: every source gives the same figures.\n", out);
	}
	if (status == BD_OK) {
		heading(&w, "Sources");
		status = each_incident(st, q, sources_of, &w, err);
	}
	summary_free(&s);
	return status;
}
