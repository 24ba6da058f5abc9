#include "incdoc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "veris.h"

/* The builder's cursor: the document and the section being written. */
typedef struct builder {
	bd_incdoc *d;
	bd_section *sec;
	const bd_incident *inc;
	const bd_threat_table *t;
	const bd_links *links;
	bool ascii;
} builder;

static char *vfmt(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static char *vfmt(const char *fmt, va_list ap)
{
	char *s = NULL;
	return vasprintf(&s, fmt, ap) < 0 ? NULL : s;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	char *s = vfmt(f, ap);
	va_end(ap);
	return s;
}

/* A new block in the current section; NULL (and the document marked
 * failed) when out of memory. */
static bd_block *block(builder *b, int fact, unsigned in, const char *label)
{
	bd_section *s = b->sec;
	bd_block *bl = realloc(s->blocks, (s->n_blocks + 1) * sizeof *bl);
	if (!bl) {
		b->d->failed = true;
		return NULL;
	}
	s->blocks = bl;
	bl = &s->blocks[s->n_blocks++];
	memset(bl, 0, sizeof *bl);
	bl->fact = fact;
	bl->in = in;
	bl->label = label ? strdup(label) : NULL;
	if (label && !bl->label)
		b->d->failed = true;
	return bl;
}

/* Appends a run; takes text (which may be NULL for a citation). */
static bd_run *run_take(builder *b, bd_block *bl, int role, unsigned in, char *text)
{
	bd_run *r = bl && (text || role == BD_ROLE_CITE)
		    ? realloc(bl->runs, (bl->n_runs + 1) * sizeof *r) : NULL;
	if (!r) {
		free(text);
		b->d->failed = true;
		return NULL;
	}
	bl->runs = r;
	r = &bl->runs[bl->n_runs++];
	*r = (bd_run){ role, 0, in, text, NULL };
	return r;
}

static bd_run *run(builder *b, bd_block *bl, int role, unsigned in, const char *text)
{
	char *copy = strdup(text ? text : "");
	if (!copy) {
		b->d->failed = true;
		return NULL;
	}
	return run_take(b, bl, role, in, copy);
}

static void cite(builder *b, bd_block *bl, unsigned in, const bd_strv *sv)
{
	bd_run *r = sv->n ? run_take(b, bl, BD_ROLE_CITE, in, NULL) : NULL;
	if (r)
		r->cites = sv;
}

static void note(builder *b, bd_block *bl, const char *text)
{
	if (!bl || !text)
		return;
	bl->note = strdup(text);
	if (!bl->note)
		b->d->failed = true;
}

/* A line of one value. */
static bd_block *line(builder *b, unsigned in, const char *label, int role, char *value)
{
	bd_block *bl = block(b, BD_FACT_LINE, in, label);
	run_take(b, bl, role, BD_IN_ALL, value);
	return bl;
}

static bd_block *para(builder *b, unsigned in, int role, const char *text)
{
	bd_block *bl = block(b, BD_FACT_PARA, in, NULL);
	run(b, bl, role, BD_IN_ALL, text);
	return bl;
}

static char *date_or(bd_date d, const char *none)
{
	char buf[11];
	bd_date_format(d, buf);
	return strdup(*buf ? buf : none);
}

static char *amount(const builder *b, long long n)
{
	char num[32];
	bd_format_thousands(n, num, sizeof num);
	return fmt(" %s%s", b->ascii ? "GBP " : "\xc2\xa3", num);
}

static void organisation(builder *b)
{
	const bd_incident *inc = b->inc;
	line(b, BD_IN_ALL, "Organisation", BD_ROLE_TEXT,
	     fmt("%s%s%s%s", inc->force, inc->supplier ? " (supplier: " : "",
		 inc->supplier ? inc->supplier : "", inc->supplier ? ")" : ""));
	if (inc->country || inc->industry)
		line(b, BD_IN_TEXT, "Country", BD_ROLE_TEXT,
		     fmt("%s%s%s", inc->country ? inc->country : "unknown",
			 inc->industry ? ", industry NAICS " : "", inc->industry ? inc->industry : ""));
	char *overruled = bd_veris_country_note(inc);
	line(b, BD_IN_ALL, "Nation", BD_ROLE_TEXT,
	     fmt("%s%s%s%s", bd_vocab_label(&bd_nations, b->inc->nation), overruled ? " (" : "",
		 overruled ? overruled : "", overruled ? ")" : ""));
	free(overruled);
	line(b, BD_IN_ALL, "Kind", BD_ROLE_TEXT, strdup(bd_vocab_label(&bd_kinds, inc->kind)));
}

/* The three dates: on one line in text, a line each in the panes, and the
 * one that places the incident in Markdown. */
static void dates(builder *b)
{
	const bd_incident *inc = b->inc;
	char *o = date_or(inc->occurred, "unknown"), *di = date_or(inc->discovered, "unknown"),
	     *dc = date_or(inc->disclosed, "unknown");
	line(b, BD_IN_TEXT, "Dates", BD_ROLE_TEXT,
	     o && di && dc ? fmt("occurred %s, discovered %s, disclosed %s", o, di, dc) : NULL);
	line(b, BD_IN_PANE, "Occurred", BD_ROLE_TEXT, o);
	line(b, BD_IN_PANE, "Discovered", BD_ROLE_TEXT, di);
	line(b, BD_IN_PANE, "Disclosed", BD_ROLE_TEXT, dc);
	line(b, BD_IN_MD, "Date", BD_ROLE_TEXT, date_or(bd_incident_date(inc), "unknown"));
}

/* Whether figure i has the same `about` as another figure and another
 * value: a conflict, shown with the conflicts rather than as a count. */
static bool in_conflict(const bd_incident *inc, size_t i)
{
	const bd_figure *f = &inc->figures[i];
	for (size_t k = 0; k < inc->n_figures; k++)
		if (k != i && !strcmp(inc->figures[k].about, f->about) &&
		    strcmp(inc->figures[k].value, f->value))
			return true;
	return false;
}

/* A VERIS record's counts under its headline: what the headline counts
 * (records, not people) and the amount of each data variety, which the
 * headline alone would hide. */
static void counts(builder *b)
{
	const bd_incident *inc = b->inc;
	if (inc->origin != BD_ORIGIN_VERIS)
		return;
	for (size_t i = 0; i < inc->n_figures; i++) {
		const bd_figure *f = &inc->figures[i];
		if (in_conflict(inc, i))
			continue;
		bd_block *bl = block(b, BD_FACT_LINE, BD_IN_TEXT | BD_IN_MD, "Counts");
		if (!bl)
			return;
		bl->flags = BD_BLOCK_CONT | BD_BLOCK_WRAP;
		run_take(b, bl, BD_ROLE_TEXT, BD_IN_ALL, fmt("%s %s", f->about, f->value));
		cite(b, bl, BD_IN_ALL, &f->sources);
		if (f->note) {
			run_take(b, bl, BD_ROLE_TEXT, BD_IN_TEXT, fmt(": %s", f->note));
			run_take(b, bl, BD_ROLE_TEXT, BD_IN_MD, fmt(" (%s)", f->note));
		}
	}
}

static void affected(builder *b)
{
	const bd_incident *inc = b->inc;
	char buf[48];
	bd_format_affected(inc->affected, inc->qualifier, b->ascii, buf, sizeof buf);
	bd_block *bl = block(b, BD_FACT_LINE, BD_IN_ALL, "Affected");
	run(b, bl, BD_ROLE_VALUE, BD_IN_ALL, buf);
	if (inc->who) {
		char who[256] = "";
		size_t o = 0;
		for (size_t k = 0; k < bd_who.count && o < sizeof who; k++) {
			int i = bd_vocab_at(&bd_who, k);
			if (inc->who & (1u << i))
				o += (size_t)snprintf(who + o, sizeof who - o, "%s%s", o ? ", " : " (",
						      bd_who.entries[i].name);
		}
		run_take(b, bl, BD_ROLE_VALUE, BD_IN_TEXT | BD_IN_PANE, fmt("%s)", who));
	}
	cite(b, bl, BD_IN_TEXT | BD_IN_PANE, &inc->affected_sources);
	counts(b);
	size_t n = bd_links_conflicts(inc, b->links, NULL, NULL);
	if (n) {
		bd_block *c = line(b, BD_IN_PANE, "", BD_ROLE_CONFLICT,
				   fmt("%zu figure%s reported differently by different sources: see Sources",
				       n, n == 1 ? " is" : "s are"));
		if (c)
			c->flags = BD_BLOCK_CONT;
	}
}

static void origin(builder *b)
{
	const bd_incident *inc = b->inc;
	line(b, BD_IN_TEXT | BD_IN_PANE, "Origin", BD_ROLE_TEXT,
	     fmt("%s%s%s", bd_vocab_label(&bd_origins, inc->origin), inc->origin_record_id ? " " : "",
		 inc->origin_record_id ? inc->origin_record_id : ""));
	if (inc->origin_file || inc->origin_master_id) {
		bd_block *bl = line(b, BD_IN_TEXT | BD_IN_PANE, "", BD_ROLE_TEXT,
				    fmt("%s%s%s%s", inc->origin_file ? "file " : "",
					inc->origin_file ? inc->origin_file : "",
					inc->origin_master_id ? (inc->origin_file ? ", master_id " : "master_id ") : "",
					inc->origin_master_id ? inc->origin_master_id : ""));
		if (bl)
			bl->flags = BD_BLOCK_CONT;
	}
}

/* Another record of the same breach, or one that may be. */
static void link(builder *b, const char *what, const char *id, const char *why, int role)
{
	bd_block *bl = block(b, BD_FACT_LINE, BD_IN_ALL, "Links");
	if (!bl)
		return;
	bl->flags = BD_BLOCK_WRAP | (bl == b->sec->blocks ||
				     strcmp(bl[-1].label ? bl[-1].label : "", "Links") ? 0 : BD_BLOCK_CONT);
	run_take(b, bl, role, BD_IN_ALL, fmt("%s %s (%s)", what, id, why));
}

static void links(builder *b)
{
	const bd_incident *inc = b->inc;
	const bd_links *l = b->links;
	if (inc->same_as)
		link(b, "Same incident as", inc->same_as,
		     !l || l->same_as_found ? "counted once, there" : "not in the store", BD_ROLE_TEXT);
	for (size_t i = 0; l && i < l->linked.n; i++)
		link(b, "Same incident as", l->linked.v[i],
		     "its record links here: counted once, here", BD_ROLE_TEXT);
	for (size_t i = 0; l && i < l->possible.n; i++)
		link(b, "Possible duplicate of", l->possible.v[i], "same force and month",
		     BD_ROLE_CONFLICT);
	for (size_t i = 0; i < inc->distinct_from.n; i++)
		link(b, "Not the same incident as", inc->distinct_from.v[i], "marked: distinct_from",
		     BD_ROLE_TEXT);
}

static void head(builder *b)
{
	b->sec = &b->d->sec[BD_SEC_HEAD];
	bd_block *id = line(b, BD_IN_MD, "Id", BD_ROLE_TEXT, strdup(b->inc->id));
	if (id)
		id->flags = BD_BLOCK_CODE;
	organisation(b);
	dates(b);
	affected(b);
	origin(b);
	links(b);
}

static const char *level_meaning(int level)
{
	static const char *const m[] = {
		"an attack is highly unlikely", "an attack is possible but not likely",
		"an attack is likely", "an attack is highly likely",
		"an attack is highly likely in the near future",
	};
	return level >= 0 && level <= BD_LEVEL_CRITICAL ? m[level] : "";
}

static void source(builder *b, unsigned in, const char *id, const char *publisher,
		   const char *title, bd_date date, const char *url)
{
	bd_block *bl = block(b, BD_FACT_SOURCE, in, NULL);
	run(b, bl, BD_ROLE_TEXT, BD_IN_ALL, id);
	run(b, bl, BD_ROLE_TEXT, BD_IN_ALL, publisher);
	run(b, bl, BD_ROLE_TEXT, BD_IN_ALL, title);
	run_take(b, bl, BD_ROLE_MUTED, BD_IN_ALL, date_or(date, ""));
	run(b, bl, BD_ROLE_MUTED, BD_IN_ALL, url);
}

/* Whether a period before p[k] cites the same page (one page often reports
 * the end of one period and the start of the next). */
static bool listed_before(const bd_threat_period *const *p, size_t k, const bd_threat_source *s)
{
	for (size_t j = 0; j < k; j++)
		for (size_t i = 0; i < p[j]->n_sources; i++) {
			const bd_threat_source *o = &p[j]->sources[i];
			if (s->url ? o->url && !strcmp(o->url, s->url)
				   : !o->url && !strcmp(o->publisher, s->publisher) &&
				     (s->title && o->title ? !strcmp(o->title, s->title) : s->title == o->title))
				return true;
		}
	return false;
}

/* A partial date that covers a change of level: every level it covers,
 * in the colour of the highest, and when each was in force; the sources
 * of each. Which was in force on the day is not known. */
static void threat_change(builder *b, bd_block *bl, const bd_threat_period *const *p, size_t n,
			  bd_date d)
{
	char levels[64], changes[512], ds[11];
	int top = 0;
	for (size_t i = 0; i < n; i++)
		top = p[i]->level > top ? p[i]->level : top;
	bd_render_threat_levels(levels, sizeof levels, p, n);
	bd_render_threat_changes(changes, sizeof changes, p, n, d);
	bd_date_format(d, ds);
	bd_run *r = run(b, bl, BD_ROLE_LEVEL, BD_IN_ALL, levels);
	if (r)
		r->level = top;
	run_take(b, bl, BD_ROLE_MUTED, BD_IN_TEXT | BD_IN_MD,
		 fmt(" (%s covers a change, so which is not known: %s)", ds, changes));
	run_take(b, bl, BD_ROLE_TEXT, BD_IN_PANE,
		 fmt("%s covers a change of level, so which was in force is not known", ds));
	run(b, bl, BD_ROLE_MUTED, BD_IN_PANE, changes);
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < p[k]->n_sources; i++) {
			const bd_threat_source *s = &p[k]->sources[i];
			if (!listed_before(p, k, s))
				source(b, BD_IN_TEXT | BD_IN_PANE, NULL, s->publisher, s->title, s->date,
				       s->url);
		}
}

/* One scope's level: in text "SEVERE (in force from A to B)", in the
 * panes what the level means and how sure its end is, with its sources. */
static void threat_scope(builder *b, int scope, const char *label, const char *md_label,
			 bd_date d)
{
	const bd_threat_period *during[BD_THREAT_DURING_MAX];
	size_t n = b->t ? bd_threat_during(b->t, scope, d, during, BD_THREAT_DURING_MAX) : 0;
	const bd_threat_period *p = n ? during[0] : NULL;
	bd_block *bl = block(b, BD_FACT_THREAT, BD_IN_ALL, label);
	run(b, bl, BD_ROLE_TEXT, BD_IN_MD, md_label);
	if (!p) {
		run(b, bl, BD_ROLE_UNKNOWN, BD_IN_ALL, "not known");
		return;
	}
	if (n > 1) {
		threat_change(b, bl, during, n > BD_THREAT_DURING_MAX ? BD_THREAT_DURING_MAX : n, d);
		return;
	}
	bd_run *r = run(b, bl, BD_ROLE_LEVEL, BD_IN_ALL, bd_vocab_label(&bd_levels, p->level));
	if (r)
		r->level = p->level;
	char from[11], to[11], latest[11];
	bd_date_format(p->from, from);
	bd_date_format(p->to, to);
	bd_date_format(p->latest, latest);
	run_take(b, bl, BD_ROLE_MUTED, BD_IN_TEXT | BD_IN_MD,
		 *to ? fmt(" (in force from %s to %s)", from, to) : fmt(" (in force from %s)", from));
	run(b, bl, BD_ROLE_TEXT, BD_IN_PANE, level_meaning(p->level));
	run_take(b, bl, BD_ROLE_MUTED, BD_IN_PANE, *to ? fmt("in force from %s to %s", from, to)
		 : fmt("in force from %s; no end found (latest source %s)", from, latest));
	if (bl)
		note(b, bl, p->note);
	for (size_t i = 0; i < p->n_sources; i++) {
		const bd_threat_source *s = &p->sources[i];
		source(b, BD_IN_TEXT | BD_IN_PANE, NULL, s->publisher, s->title, s->date, s->url);
	}
}

/* Identifying details exposed while the level was substantial or higher. */
static void why_it_matters(builder *b, bd_date date)
{
	const bd_incident *inc = b->inc;
	int scope = bd_threat_scope_for(inc->nation);
	const bd_threat_period *p[BD_THREAT_DURING_MAX];
	size_t n = b->t ? bd_threat_during(b->t, scope, date, p, BD_THREAT_DURING_MAX) : 0;
	n = n > BD_THREAT_DURING_MAX ? BD_THREAT_DURING_MAX : n;
	bd_fieldset identifying = BD_FIELD_BIT(BD_F_NAME) | BD_FIELD_BIT(BD_F_INITIAL) |
				  BD_FIELD_BIT(BD_F_SURNAME) | BD_FIELD_BIT(BD_F_PHOTO) |
				  BD_FIELD_BIT(BD_F_UNIT) | BD_FIELD_BIT(BD_F_LOCATION) |
				  BD_FIELD_BIT(BD_F_HOME_ADDRESS);
	/* Where the date covers a change, the lowest level it covers decides
	 * and is the one explained: the others are not known to apply. */
	int low = n ? p[0]->level : -1;
	for (size_t i = 1; i < n; i++)
		low = p[i]->level < low ? p[i]->level : low;
	if (low < BD_LEVEL_SUBSTANTIAL || !(inc->exposed & identifying))
		return;
	char levels[64];
	bd_render_threat_levels(levels, sizeof levels, p, n);
	char *fields = bd_render_fields(inc->exposed & identifying, true);
	char *text = fmt("Why it matters: identifying details of %s (%s) were exposed in %s"
			 " while the threat level there was %s (%s%s).",
			 inc->who ? bd_vocab_name(&bd_who, __builtin_ctz(inc->who)) : "people",
			 fields ? fields : "unspecified", bd_vocab_label(&bd_nations, inc->nation),
			 levels, n > 1 ? "at least: " : "", level_meaning(low));
	free(fields);
	bd_block *bl = block(b, BD_FACT_PARA, BD_IN_PANE, NULL);
	run_take(b, bl, BD_ROLE_ALERT, BD_IN_ALL, text);
}

static void threat(builder *b)
{
	const bd_incident *inc = b->inc;
	b->sec = &b->d->sec[BD_SEC_THREAT];
	bd_date d = bd_incident_date(inc);
	const char *none = bd_threat_none_reason(inc->nation);
	if (none || !bd_date_is_set(d)) {
		/* no UK level is in force outside the UK */
		bd_block *bl = block(b, BD_FACT_THREAT, BD_IN_TEXT | BD_IN_MD, NULL);
		run_take(b, bl, BD_ROLE_UNKNOWN, BD_IN_ALL, fmt("not known (%s)", none ? none : "no date"));
		para(b, BD_IN_PANE, BD_ROLE_MUTED, inc->nation == BD_NATION_UNKNOWN
		     ? "No UK threat level is given: the record does not say in which country the incident was."
		     : inc->nation == BD_OUTSIDE_UK
		     ? "The UK threat levels do not apply: the incident was outside the UK."
		     : "The incident has no date, so the level in force is not known.");
		return;
	}
	char ds[11];
	bd_date_format(d, ds);
	bd_block *bl = block(b, BD_FACT_PARA, BD_IN_PANE, NULL);
	run_take(b, bl, BD_ROLE_VALUE, BD_IN_ALL,
		 fmt("Threat levels in force on %s (the incident's %s date):", ds,
		     bd_date_is_set(inc->occurred) ? "occurred"
		     : bd_date_is_set(inc->discovered) ? "discovered" : "disclosed"));
	if (inc->nation == BD_NORTHERN_IRELAND)
		threat_scope(b, BD_SCOPE_NI, "Northern Ireland-related", "NI-related ", d);
	threat_scope(b, BD_SCOPE_UK, "UK national", "UK ", d);
	why_it_matters(b, d);
}

/* A group of fields, a run a field; exposed ones that only hedged reports
 * state are marked as reported. */
static void field_group(builder *b, const char *label, int role, bd_fieldset mask,
			bd_fieldset reported, const char *meaning)
{
	bd_block *bl = block(b, BD_FACT_FIELDS, BD_IN_ALL, label);
	if (!bl)
		return;
	bl->role = role;
	bl->count = __builtin_popcount(mask);
	for (size_t k = 0; k < bd_fields.count; k++) {
		int f = bd_vocab_at(&bd_fields, k);
		if (mask & BD_FIELD_BIT(f))
			run(b, bl, reported & BD_FIELD_BIT(f) ? BD_ROLE_REPORTED : role, BD_IN_ALL,
			    bd_fields.entries[f].label);
	}
	note(b, bl, meaning);
}

static void fields(builder *b)
{
	const bd_incident *inc = b->inc;
	b->sec = &b->d->sec[BD_SEC_FIELDS];
	field_group(b, "Exposed", BD_ROLE_EXPOSED, inc->exposed, bd_incident_reported(inc), NULL);
	field_group(b, "Not exposed", BD_ROLE_NOT_EXPOSED, inc->not_exposed, 0, NULL);
	if (inc->lost)
		field_group(b, "Lost", BD_ROLE_LOST, inc->lost, 0, BD_LOST_MEANING);
	field_group(b, "Unknown", BD_ROLE_UNKNOWN, bd_incident_unknown(inc), 0, NULL);
	for (size_t i = 0; i < inc->n_claims; i++) {
		const bd_field_claim *c = &inc->claims[i];
		bd_block *bl = block(b, BD_FACT_CLAIM, BD_IN_ALL, NULL);
		run_take(b, bl, BD_ROLE_TEXT, BD_IN_ALL, bd_render_fields(c->fields, true));
		run(b, bl, c->certainty == BD_CERT_REPORTED ? BD_ROLE_MUTED : BD_ROLE_TEXT, BD_IN_ALL,
		    bd_vocab_name(&bd_certainties, c->certainty));
		cite(b, bl, BD_IN_ALL, &c->sources);
		note(b, bl, c->note);
	}
	para(b, BD_IN_PANE, BD_ROLE_MUTED,
	     "Unknown means no source says either way; it is never shown as safe.");
}

static void referrals(builder *b)
{
	const bd_incident *inc = b->inc;
	b->sec = &b->d->sec[BD_SEC_REFERRALS];
	if (!inc->n_referrals)
		para(b, BD_IN_PANE, BD_ROLE_MUTED, "No referral to a regulator or agency is recorded:"
		     " whether one was made is unknown.");
	for (size_t i = 0; i < inc->n_referrals; i++) {
		const bd_referral *r = &inc->referrals[i];
		bd_block *bl = block(b, BD_FACT_REFERRAL, BD_IN_ALL, NULL);
		if (!bl)
			return;
		bl->date = r->date;
		/* a step that binds the force (an undertaking or more) stands out */
		bl->role = bd_ref_status_rank(r->status) >= bd_ref_status_rank(BD_REF_UNDERTAKING)
			   ? BD_ROLE_EXPOSED : BD_ROLE_TEXT;
		run_take(b, bl, BD_ROLE_TEXT, BD_IN_ALL, date_or(r->date, "undated"));
		run(b, bl, BD_ROLE_VALUE, BD_IN_ALL, bd_vocab_label(&bd_bodies, r->body));
		char *a = r->amount >= 0 ? amount(b, r->amount) : NULL;
		run_take(b, bl, bl->role, BD_IN_ALL, fmt("%s%s", bd_vocab_name(&bd_ref_statuses, r->status),
							    a ? a : ""));
		free(a);
		run(b, bl, BD_ROLE_TEXT, BD_IN_TEXT | BD_IN_PANE, r->by);
		cite(b, bl, BD_IN_ALL, &r->sources);
		note(b, bl, r->note);
	}
}

static void conflict(void *ctx, const char *about, const bd_figure *const *figs, size_t n)
{
	builder *b = ctx;
	block(b, BD_FACT_CONFLICT, BD_IN_ALL, about);
	for (size_t i = 0; i < n; i++) {
		bd_block *bl = block(b, BD_FACT_FIGURE, BD_IN_ALL, NULL);
		run(b, bl, BD_ROLE_VALUE, BD_IN_ALL, figs[i]->value);
		cite(b, bl, BD_IN_ALL, &figs[i]->sources);
		note(b, bl, figs[i]->note);
	}
}

static void impacts(builder *b)
{
	const bd_incident *inc = b->inc;
	b->sec = &b->d->sec[BD_SEC_IMPACTS];
	if (!inc->n_impacts)
		para(b, BD_IN_PANE, BD_ROLE_MUTED, "No impacts are recorded.");
	for (size_t i = 0; i < inc->n_impacts; i++) {
		bd_block *bl = block(b, BD_FACT_IMPACT, BD_IN_ALL, NULL);
		run_take(b, bl, BD_ROLE_MUTED, BD_IN_PANE, date_or(inc->impacts[i].date, "-"));
		run(b, bl, BD_ROLE_TEXT, BD_IN_ALL, inc->impacts[i].text);
		cite(b, bl, BD_IN_MD, &inc->impacts[i].sources);
	}
}

static void quotes(builder *b)
{
	const bd_incident *inc = b->inc;
	b->sec = &b->d->sec[BD_SEC_QUOTES];
	if (!inc->n_quotes)
		para(b, BD_IN_PANE, BD_ROLE_MUTED, "No quotes are recorded.");
	for (size_t i = 0; i < inc->n_quotes; i++) {
		const bd_quote *q = &inc->quotes[i];
		bd_block *bl = block(b, BD_FACT_QUOTE, BD_IN_ALL, NULL);
		run(b, bl, BD_ROLE_TEXT, BD_IN_ALL, q->text);
		run(b, bl, BD_ROLE_VALUE, BD_IN_ALL, q->who);
		run(b, bl, BD_ROLE_MUTED, BD_IN_TEXT | BD_IN_PANE, q->role);
		cite(b, bl, BD_IN_ALL, &q->sources);
	}
}

static void sources(builder *b)
{
	const bd_incident *inc = b->inc;
	b->sec = &b->d->sec[BD_SEC_SOURCES];
	for (size_t i = 0; i < inc->n_sources; i++) {
		const bd_source *s = &inc->sources[i];
		source(b, BD_IN_ALL, s->id, s->publisher, s->title, s->date, s->url);
	}
}

/* What the source format had that the model has no place for: kept and
 * shown, never dropped. */
static void extra(builder *b)
{
	const bd_incident *inc = b->inc;
	char *lines = bd_veris_extra_lines(inc->origin_extra), *save = NULL;
	if (!lines || !*lines) {
		free(lines);
		return;
	}
	b->sec = &b->d->sec[BD_SEC_EXTRA];
	b->sec->title = strdup(inc->origin == BD_ORIGIN_VERIS ? "Other VERIS data" : "Other source data");
	for (char *l = strtok_r(lines, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		para(b, BD_IN_ALL, BD_ROLE_MUTED, l);
	free(lines);
}

bool bd_incdoc_build(bd_incdoc *d, const bd_incident *inc, const bd_threat_table *t,
		     const bd_incdoc_opts *o)
{
	memset(d, 0, sizeof *d);
	builder b = { d, NULL, inc, t, o ? o->links : NULL, o && o->ascii };
	d->id = strdup(inc->id);
	d->title = strdup(inc->title);
	head(&b);
	threat(&b);
	b.sec = &d->sec[BD_SEC_SUMMARY];
	if (inc->summary)
		para(&b, BD_IN_ALL, BD_ROLE_TEXT, inc->summary);
	fields(&b);
	referrals(&b);
	b.sec = &d->sec[BD_SEC_CONFLICTS];
	bd_links_conflicts(inc, b.links, conflict, &b);
	impacts(&b);
	quotes(&b);
	sources(&b);
	extra(&b);
	if (!d->id || !d->title)
		d->failed = true;
	return !d->failed;
}

void bd_incdoc_free(bd_incdoc *d)
{
	for (size_t s = 0; s < BD_SEC_COUNT; s++) {
		bd_section *sec = &d->sec[s];
		for (size_t i = 0; i < sec->n_blocks; i++) {
			bd_block *bl = &sec->blocks[i];
			for (size_t r = 0; r < bl->n_runs; r++)
				free(bl->runs[r].text);
			free(bl->runs);
			free(bl->label);
			free(bl->note);
		}
		free(sec->blocks);
		free(sec->title);
	}
	free(d->id);
	free(d->title);
	memset(d, 0, sizeof *d);
}

const char *bd_incdoc_run(const bd_block *b, size_t i)
{
	return i < b->n_runs && b->runs[i].text && *b->runs[i].text ? b->runs[i].text : NULL;
}
