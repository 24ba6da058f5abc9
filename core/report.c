#include "report.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "links.h"
#include "render.h"
#include "text.h"
#include "trend.h"

/* a + b for amounts (never negative), stopping at LLONG_MAX so a sum of
 * valid data never wraps round. */
static long long add(long long a, long long b)
{
	return a > LLONG_MAX - b ? LLONG_MAX : a + b;
}

/* ---- gathering ---- */

/* Fines summed under one key (a year, a force). */
typedef struct fine_group {
	char *key;
	int n;
	long long total;
} fine_group;

typedef struct fine_groups {
	fine_group *v;
	int n;
} fine_groups;

enum { N_STATUS = 7 };

typedef struct summary {
	bd_store *st;
	const bd_query *q;
	int n, n_counted;
	int n_same;                     /* records of an incident counted here already */
	long long largest;              /* the largest single count, -1: none */
	char *largest_label;
	int refs[4][N_STATUS];          /* body x status: incidents at that furthest status */
	int n_fines;
	long long fines;
	fine_groups by_year, by_force;
	char **where[32];               /* per field: labels of incidents that exposed it */
	int n_where[32];
	char **lost[32];                /* per field: labels of incidents that lost it */
	int n_lost[32];
} summary;

typedef void (*each_fn)(const bd_incident *inc, void *ctx);

typedef struct each_ctx {
	bd_store *st;
	each_fn fn;
	void *ctx;
	bd_status status;
	bd_error *err;
} each_ctx;

static void each_doc(const bd_row *r, void *ctx)
{
	each_ctx *e = ctx;
	bd_incident inc;
	if (e->status != BD_OK)
		return;
	/* a row the store cannot give back whole is an error, not a gap */
	e->status = bd_store_get(e->st, r->id, &inc, e->err);
	if (e->status == BD_OK) {
		e->fn(&inc, e->ctx);
		bd_incident_free(&inc);
	}
}

/* Every incident of the query, in the query's order, one at a time. */
static bd_status each_incident(bd_store *st, const bd_query *q, each_fn fn, void *ctx, bd_error *err)
{
	each_ctx e = { st, fn, ctx, BD_OK, err };
	bd_status s = bd_query_each(st, q, each_doc, &e, err);
	return s != BD_OK ? s : e.status;
}

static char *label_of(const bd_incident *inc)
{
	char date[11], *out = NULL;
	bd_date_format(bd_incident_date(inc), date);
	if (asprintf(&out, "%s %s", inc->force_short, *date ? date : "undated") < 0)
		return NULL;
	return out;
}

static void fine_add(fine_groups *g, const char *key, long long amount)
{
	for (int i = 0; i < g->n; i++)
		if (!strcmp(g->v[i].key, key)) {
			g->v[i].n++;
			g->v[i].total = add(g->v[i].total, amount);
			return;
		}
	fine_group *v = realloc(g->v, (size_t)(g->n + 1) * sizeof *v);
	if (!v)
		return;
	g->v = v;
	v[g->n++] = (fine_group){ strdup(key), 1, amount };
}

static int fine_cmp(const void *a, const void *b)
{
	return strcmp(((const fine_group *)a)->key, ((const fine_group *)b)->key);
}

static void label_add(char ***v, int *n, char *label)
{
	char **w = realloc(*v, (size_t)(*n + 1) * sizeof *w);
	if (!w) {
		free(label);
		return;
	}
	*v = w;
	w[(*n)++] = label;
}

/* A fine counts in the year of its own date, else of the incident's. */
static void gather_fines(summary *s, const bd_incident *inc)
{
	for (size_t i = 0; i < inc->n_referrals; i++) {
		const bd_referral *r = &inc->referrals[i];
		if (r->status != BD_REF_FINE || r->amount < 0 || r->body != BD_BODY_ICO)
			continue;
		bd_date d = bd_date_is_set(r->date) ? r->date : bd_incident_date(inc);
		char year[8] = "undated";
		if (bd_date_is_set(d))
			snprintf(year, sizeof year, "%04d", d.year);
		s->n_fines++;
		s->fines = add(s->fines, r->amount);
		fine_add(&s->by_year, year, r->amount);
		fine_add(&s->by_force, inc->force_short, r->amount);
	}
}

/* Whether the incident is another record of one the report counts: its
 * same_as names an incident the query selects. */
static bool counted_elsewhere(bd_store *st, const bd_query *q, const bd_incident *inc)
{
	return inc->same_as && bd_query_selects(st, q, inc->same_as);
}

static void gather(const bd_incident *inc, void *ctx)
{
	summary *s = ctx;
	if (counted_elsewhere(s->st, s->q, inc)) {
		s->n_same++;
		return;
	}
	s->n++;
	if (inc->affected >= 0) {
		s->n_counted++;
		if (inc->affected > s->largest) {
			s->largest = inc->affected;
			free(s->largest_label);
			s->largest_label = label_of(inc);
		}
	}
	for (int body = 0; body < 4; body++) {
		int st = bd_incident_referral_status(inc, body);
		if (st >= 0 && st < N_STATUS)
			s->refs[body][st]++;
	}
	gather_fines(s, inc);
	bd_fieldset reported = bd_incident_reported(inc);
	for (size_t f = 0; f < bd_fields.count && f < 32; f++) {
		bd_fieldset bit = BD_FIELD_BIT(f);
		char *label = label_of(inc), *marked = NULL;
		if ((reported & bit) && label && asprintf(&marked, "%s (reported)", label) >= 0) {
			free(label);
			label = marked;
		}
		if (inc->exposed & bit)
			label_add(&s->where[f], &s->n_where[f], label);
		else
			free(label);
		if (inc->lost & bit)
			label_add(&s->lost[f], &s->n_lost[f], label_of(inc));
	}
}

static void groups_free(fine_groups *g)
{
	for (int i = 0; i < g->n; i++)
		free(g->v[i].key);
	free(g->v);
}

static void summary_free(summary *s)
{
	for (int f = 0; f < 32; f++) {
		for (int i = 0; i < s->n_where[f]; i++)
			free(s->where[f][i]);
		free(s->where[f]);
		for (int i = 0; i < s->n_lost[f]; i++)
			free(s->lost[f][i]);
		free(s->lost[f]);
	}
	free(s->largest_label);
	groups_free(&s->by_year);
	groups_free(&s->by_force);
}

/* ---- writing ---- */

typedef struct writer {
	FILE *out;
	bool md, ascii;
	const bd_threat_table *threats;
	bd_store *st;
	const bd_query *q;
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
	fprintf(w->out, "- Incidents: %d", s->n);
	if (s->n_same)
		fprintf(w->out, " (%d more record%s of %s incident%s counted here, linked by same_as:"
			" counted once)", s->n_same, s->n_same == 1 ? "" : "s",
			s->n_same == 1 ? "an" : "the", s->n_same == 1 ? "" : "s");
	fputc('\n', w->out);
	fputs("- People affected: counted per incident and not added up, since the same people"
	      " can be in more than one incident and some counts are of people warned of a possible"
	      " exposure", w->out);
	if (s->largest >= 0) {
		bd_format_thousands(s->largest, num, sizeof num);
		fprintf(w->out, "; the largest count is %s (", num);
		text(w, s->largest_label ? s->largest_label : "?");
		fputc(')', w->out);
	}
	fprintf(w->out, "; %d of %d incidents have a count, %d unknown\n", s->n_counted, s->n,
		s->n - s->n_counted);
	for (int body = 0; body < 2; body++) {
		int told = 0;
		for (int st = 0; st < N_STATUS; st++)
			told += s->refs[body][st];
		fprintf(w->out, "- %s: a referral is recorded for %d of %d; for %d none is, which is"
			" unknown, not \"never told\"", bd_vocab_label(&bd_bodies, body), told, s->n,
			s->n - told);
		if (body == BD_BODY_ICO && s->n_fines) {
			bd_format_thousands(s->fines, num, sizeof num);
			fprintf(w->out, "; %d fine%s totalling %s%s", s->n_fines, s->n_fines == 1 ? "" : "s",
				w->ascii ? "GBP " : "£", num);
		}
		fputc('\n', w->out);
	}
	bd_date day = w->threats->as_of;
	bd_threat_summary(buf, sizeof buf, w->threats, day, false);
	bd_date_format(day, num);
	fprintf(w->out, "- Threat levels: %s", buf);
	if (*num)
		fprintf(w->out, "; the threat table was last checked on %s", num);
	fputc('\n', w->out);
	if (!bd_filter_is_empty(q->filter)) {
		fputs("- Filter: ", w->out);
		text(w, bd_filter_text(q->filter));
		fputc('\n', w->out);
	}
}

static void write_fine_groups(writer *w, const char *what, fine_groups *g)
{
	char num[32];
	qsort(g->v, (size_t)g->n, sizeof *g->v, fine_cmp);
	if (w->md)
		fprintf(w->out, "| %s | Fines | Total |\n|---|---:|---:|\n", what);
	else
		fprintf(w->out, "%-16s %5s  %s\n", what, "Fines", "Total");
	for (int i = 0; i < g->n; i++) {
		bd_format_thousands(g->v[i].total, num, sizeof num);
		if (w->md) {
			fputs("| ", w->out);
			text(w, g->v[i].key);
			fprintf(w->out, " | %d | %s%s |\n", g->v[i].n, w->ascii ? "GBP " : "£", num);
		} else {
			bd_render_cell(w->out, g->v[i].key, 16, w->ascii);
			fprintf(w->out, " %5d  %s%s\n", g->v[i].n, w->ascii ? "GBP " : "£", num);
		}
	}
}

static void write_fines(writer *w, summary *s)
{
	heading(w, "ICO fines by year and by force");
	if (!s->n_fines) {
		fputs("No ICO fine is recorded for these incidents.\n", w->out);
		return;
	}
	write_fine_groups(w, "Year", &s->by_year);
	fputc('\n', w->out);
	write_fine_groups(w, "Force", &s->by_force);
	fputs("\nA fine is counted in the year of the ICO's decision where a source dates it.\n", w->out);
}

static void table_row(const bd_incident *inc, void *ctx)
{
	writer *w = ctx;
	char date[11], aff[48], threat[64] = "-";
	bd_date_format(bd_incident_date(inc), date);
	bd_format_affected(inc->affected, inc->qualifier, w->ascii, aff, sizeof aff);
	/* a date covering a change: every level it covers, as listed below */
	int scope = bd_threat_scope_for(inc->nation);
	const bd_threat_period *p[BD_THREAT_DURING_MAX];
	size_t n = scope < 0 || !w->threats ? 0 : bd_threat_during(w->threats, scope, bd_incident_date(inc), p,
						      BD_THREAT_DURING_MAX);
	if (n)
		bd_render_threat_levels(threat, sizeof threat, p,
					n > BD_THREAT_DURING_MAX ? BD_THREAT_DURING_MAX : n);
	char ico[80], nca[80];
	bd_render_referral(inc, BD_BODY_ICO, w->ascii, ico, sizeof ico);
	bd_render_referral(inc, BD_BODY_NCA, w->ascii, nca, sizeof nca);
	char *same = NULL;
	if (counted_elsewhere(w->st, w->q, inc) &&
	    asprintf(&same, " (same incident as %s: counted once, there)", inc->same_as) < 0)
		same = NULL;
	if (w->md) {
		fprintf(w->out, "| %s | ", *date ? date : "-");
		text(w, inc->force_short);
		fprintf(w->out, " | %s | %s | %s | %s | %s | ", bd_vocab_label(&bd_kinds, inc->kind),
			aff, ico, nca, threat);
		text(w, inc->title);
		if (same)
			text(w, same);
		fputs(" |\n", w->out);
	} else {
		fprintf(w->out, "%-10s  ", *date ? date : "-");
		bd_render_cell(w->out, inc->force_short, 16, w->ascii);
		fprintf(w->out, "  %-22s %9s  %-27s %-27s %s\n", bd_vocab_label(&bd_kinds, inc->kind),
			aff, ico, nca, threat);
		fputs("            ", w->out);
		bd_render_cell(w->out, inc->title, 0, w->ascii);
		if (same)
			bd_render_cell(w->out, same, 0, w->ascii);
		fputc('\n', w->out);
	}
	free(same);
}

static void field_lines(writer *w, char **const *v, const int *n)
{
	for (size_t k = 0; k < bd_fields.count; k++) {
		int f = bd_vocab_at(&bd_fields, k);
		if (!n[f])
			continue;
		fprintf(w->out, "- %s%s%s (%d): ", w->md ? "**" : "", bd_fields.entries[f].label,
			w->md ? "**" : "", n[f]);
		for (int i = 0; i < n[f]; i++) {
			fputs(i ? ", " : "", w->out);
			text(w, v[f][i] ? v[f][i] : "?");
		}
		fputc('\n', w->out);
	}
}

static bool any_of(const int *n)
{
	for (size_t f = 0; f < bd_fields.count; f++)
		if (n[f])
			return true;
	return false;
}

static void write_fields(writer *w, const summary *s)
{
	heading(w, "Which field types leaked where");
	if (any_of(s->n_where))
		field_lines(w, s->where, s->n_where);
	else
		fputs("No source reports an exposed field type for these incidents.\n", w->out);
	fputs("\nField types not listed are not known to have leaked; that is not the same as safe."
	      " \"(reported)\": only hedged reports say so.\n", w->out);
	if (!any_of(s->n_lost))
		return;
	heading(w, "Data lost, deleted or destroyed");
	field_lines(w, s->lost, s->n_lost);
	fputs("\nAvailability, not exposure: losing data says nothing of who saw it.\n", w->out);
}

static void write_referrals(writer *w, const summary *s)
{
	/* Columns in the order of how far a matter went. */
	static const int order[N_STATUS] = {
		BD_REF_REFERRED, BD_REF_INVESTIGATING, BD_REF_CLOSED, BD_REF_UNDERTAKING,
		BD_REF_REPRIMAND, BD_REF_ENFORCEMENT, BD_REF_FINE,
	};
	heading(w, "Referrals by regulator and furthest status");
	fputs(w->md ? "| Body |" : "Body  ", w->out);
	for (int k = 0; k < N_STATUS; k++)
		fprintf(w->out, w->md ? " %s |" : " %s", bd_vocab_name(&bd_ref_statuses, order[k]));
	fputs(w->md ? "\n|---|" : "\n", w->out);
	for (int k = 0; w->md && k < N_STATUS; k++)
		fputs("---:|", w->out);
	if (w->md)
		fputc('\n', w->out);
	for (int body = 0; body < 4; body++) {
		fprintf(w->out, w->md ? "| %s |" : "%-5s ", bd_vocab_label(&bd_bodies, body));
		for (int k = 0; k < N_STATUS; k++) {
			const char *name = bd_vocab_name(&bd_ref_statuses, order[k]);
			fprintf(w->out, w->md ? " %d |" : " %*d", w->md ? s->refs[body][order[k]]
				: (int)strlen(name), s->refs[body][order[k]]);
		}
		fputc('\n', w->out);
	}
}

static void threat_row(const bd_incident *inc, void *ctx)
{
	writer *w = ctx;
	char buf[640];
	bd_date d = bd_incident_date(inc);
	fputs("- ", w->out);
	text(w, inc->force_short);
	bd_date_format(d, buf);
	fprintf(w->out, " (%s): ", *buf ? buf : "undated");
	if (bd_threat_scope_for(inc->nation) < 0 || !bd_date_is_set(d)) {
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

static void conflict_line(void *ctx, const char *about, const bd_figure *const *figs, size_t n)
{
	conflict_w *c = ctx;
	c->any = true;
	fputs("- ", c->w->out);
	text(c->w, c->inc->force_short);
	fputs(", ", c->w->out);
	text(c->w, about);
	fputs(": ", c->w->out);
	for (size_t i = 0; i < n; i++) {
		const bd_figure *f = figs[i];
		fputs(i ? " vs " : "", c->w->out);
		text(c->w, f->value);
		fputs(" (", c->w->out);
		for (size_t k = 0; k < f->sources.n; k++) {
			const bd_source *src = bd_incident_source(c->inc, f->sources.v[k]);
			fputs(k ? "; " : "", c->w->out);
			text(c->w, src ? src->publisher : f->sources.v[k]);
		}
		if (f->note) {
			fputs(": ", c->w->out);
			text(c->w, f->note);
		}
		fputs(")", c->w->out);
	}
	fputc('\n', c->w->out);
}

/* With the figures of the records linked to it (same_as), which the
 * report counts as this incident. */
static void conflicts_of(const bd_incident *inc, void *ctx)
{
	conflict_w *c = ctx;
	bd_links l;
	bool linked = bd_links_load_figures(c->w->st, inc, &l, NULL) == BD_OK;
	c->inc = inc;
	bd_links_conflicts(inc, linked ? &l : NULL, conflict_line, c);
	if (linked)
		bd_links_free(&l);
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
		if (bd_date_is_set(s->date)) {
			char d[11];
			bd_date_format(s->date, d);
			fprintf(w->out, ", %s", d);
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

/* The sections written an incident at a time, in the one pass over the
 * incidents: each to a file of its own, copied out in the report's order
 * once the totals, which come first, are known. */
enum { SEC_TABLE, SEC_THREATS, SEC_CONFLICTS, SEC_SOURCES, N_SECTIONS };

typedef struct pass {
	summary *s;
	writer w[N_SECTIONS];
	conflict_w c;
	bd_trend_points trend;
} pass;

static void one_incident(const bd_incident *inc, void *ctx)
{
	pass *p = ctx;
	gather(inc, p->s);
	bd_trend_add(&p->trend, inc);
	table_row(inc, &p->w[SEC_TABLE]);
	threat_row(inc, &p->w[SEC_THREATS]);
	conflicts_of(inc, &p->c);
	sources_of(inc, &p->w[SEC_SOURCES]);
}

static bd_status open_sections(pass *p, const writer *w, bd_error *err)
{
	for (int i = 0; i < N_SECTIONS; i++) {
		p->w[i] = *w;
		if (!(p->w[i].out = tmpfile()))
			return bd_fail(err, BD_EIO, "a temporary file for the report: %s", strerror(errno));
	}
	p->c = (conflict_w){ &p->w[SEC_CONFLICTS], NULL, false };
	return BD_OK;
}

/* Appends a section's file to out; false when it could not be read back. */
static bool copy_section(FILE *out, FILE *from)
{
	char buf[65536];
	size_t n;
	if (fflush(from) != 0 || fseek(from, 0, SEEK_SET) != 0)
		return false;
	while ((n = fread(buf, 1, sizeof buf, from)) > 0)
		fwrite(buf, 1, n, out);
	return !ferror(from);
}

static void close_sections(pass *p)
{
	for (int i = 0; i < N_SECTIONS; i++)
		if (p->w[i].out)
			fclose(p->w[i].out);
	free(p->trend.v);
}

static bd_status write_sections(writer *w, summary *s, pass *p, bd_error *err)
{
	bd_status status = BD_OK;
	heading(w, "Incidents");
	if (w->md)
		fputs("| Date | Force | Kind | Affected | ICO | NCA | Threat level | Title |\n"
		      "|---|---|---|---:|---|---|---|---|\n", w->out);
	bool ok = copy_section(w->out, p->w[SEC_TABLE].out);
	write_fields(w, s);
	write_referrals(w, s);
	write_fines(w, s);
	bd_trend tr;
	status = bd_trend_finish(&p->trend, &tr, err);
	if (status != BD_OK)
		return status;
	heading(w, tr.quarterly ? "Trend by quarter" : "Trend by year");
	bd_trend_write(w->out, &tr, w->threats, w->md, w->ascii);
	bd_trend_free(&tr);
	heading(w, "Threat levels in force");
	ok = ok && copy_section(w->out, p->w[SEC_THREATS].out);
	heading(w, "Conflicting figures");
	ok = ok && copy_section(w->out, p->w[SEC_CONFLICTS].out);
	if (!p->c.any)
		fputs("None: every source gives the same figures.\n", w->out);
	heading(w, "Sources");
	ok = ok && copy_section(w->out, p->w[SEC_SOURCES].out);
	return ok ? BD_OK : bd_fail(err, BD_EIO, "a temporary file for the report: %s", strerror(errno));
}

bd_status bd_report_write(FILE *out, bd_store *st, const bd_query *q,
			  const bd_threat_table *t, int format, bool ascii, bd_error *err)
{
	summary s;
	memset(&s, 0, sizeof s);
	s.largest = -1;
	s.st = st;
	s.q = q;
	writer w = { out, format == BD_REPORT_MD, ascii, t, st, q };
	pass p = { .s = &s };
	bd_status status = open_sections(&p, &w, err);
	if (status == BD_OK)
		status = each_incident(st, q, one_incident, &p, err);
	if (status == BD_OK) {
		fputs(w.md ? "# Briefing: UK police data breaches\n" : "Briefing: UK police data breaches\n", out);
		write_headline(&w, &s, q);
		status = write_sections(&w, &s, &p, err);
	}
	close_sections(&p);
	summary_free(&s);
	return status;
}
