/* Drill-down (Enter): one incident in panes — summary, fields, referrals,
 * threat context, impacts, quotes, sources — cycled with Tab. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "compare.h"
#include "doc.h"
#include "keys.h"
#include "render.h"
#include "text.h"
#include "veris.h"

enum pane { P_SUMMARY, P_FIELDS, P_REFERRALS, P_THREAT, P_IMPACTS, P_QUOTES, P_SOURCES, P_COUNT };
static const char *const pane_names[P_COUNT] = {
	"Summary", "Fields", "Referrals", "Threat", "Impacts", "Quotes", "Sources"
};

typedef struct detail {
	char *id;
	bd_incident inc;
	bool loaded;
	bd_links links;         /* possible duplicates and linked records */
	bool links_loaded;
	int pane;
	int scroll[P_COUNT];
	doc body;
	int built_width, built_pane;
	char *find;             /* the search in this drill-down, or NULL */
	int match;              /* the current match, counted in the pane */
} detail;

static void label_value(doc *d, const char *label, const char *value)
{
	doc_add(d, R_DIM, label);
	doc_tab(d, 14);
	doc_wrap(d, R_NORMAL, 14, value);
}

static void sources_suffix(doc *d, const bd_strv *sv)
{
	char buf[256] = "";
	size_t o = 0;
	for (size_t i = 0; i < sv->n && o < sizeof buf - 8; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? "," : " [", sv->v[i]);
	if (o)
		snprintf(buf + o, sizeof buf - o, "]");
	doc_add(d, R_DIM, buf);
}

/* A line a link: another record of the same breach, or one that may be. */
static void link_lines(doc *d, const bd_incident *inc, const bd_links *l)
{
	char *lines = bd_render_links(inc, l), *save = NULL;
	bool first = true;
	for (char *line = lines ? strtok_r(lines, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		doc_add(d, R_DIM, first ? "Links" : "");
		doc_tab(d, 14);
		doc_wrap(d, strncmp(line, "Possible", 8) ? R_NORMAL : R_DIFF, 14, line);
		first = false;
	}
	free(lines);
}

static void build_summary(doc *d, const bd_incident *inc, const bd_links *l)
{
	char buf[512], date[11];
	snprintf(buf, sizeof buf, "%s%s%s%s", inc->force, inc->supplier ? " (supplier: " : "",
		 inc->supplier ? inc->supplier : "", inc->supplier ? ")" : "");
	label_value(d, "Organisation", buf);
	char *overruled = bd_veris_country_note(inc);
	snprintf(buf, sizeof buf, "%s%s%s%s", bd_vocab_label(&bd_nations, inc->nation),
		 overruled ? " (" : "", overruled ? overruled : "", overruled ? ")" : "");
	free(overruled);
	label_value(d, "Nation", buf);
	label_value(d, "Kind", bd_vocab_label(&bd_kinds, inc->kind));
	const struct { const char *l; bd_date v; } dates[] = {
		{ "Occurred", inc->occurred }, { "Discovered", inc->discovered }, { "Disclosed", inc->disclosed }
	};
	for (size_t i = 0; i < 3; i++) {
		bd_date_format(dates[i].v, date);
		label_value(d, dates[i].l, *date ? date : "unknown");
	}
	bd_format_affected(inc->affected, inc->qualifier, the_term->ascii, buf, sizeof buf);
	size_t o = strlen(buf);
	for (size_t k = 0; k < bd_who.count; k++) {
		int i = bd_vocab_at(&bd_who, k);
		if (inc->who & (1u << i))
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", o && buf[o - 1] != '(' ? (strchr(buf, '(') ? ", " : " (") : "", bd_who.entries[i].name);
	}
	if (strchr(buf, '('))
		snprintf(buf + o, sizeof buf - o, ")");
	doc_add(d, R_DIM, "Affected");
	doc_tab(d, 14);
	doc_add(d, R_TITLE, buf);
	sources_suffix(d, &inc->affected_sources);
	doc_nl(d);
	size_t conflicts = bd_links_conflicts(inc, l, NULL, NULL);
	if (conflicts) {
		snprintf(buf, sizeof buf, "%zu figure%s reported differently by different sources: see Sources",
			 conflicts, conflicts == 1 ? " is" : "s are");
		doc_tab(d, 14);
		doc_wrap(d, R_DIFF, 14, buf);
	}
	snprintf(buf, sizeof buf, "%s%s%s", bd_vocab_label(&bd_origins, inc->origin),
		 inc->origin_record_id ? " record " : "", inc->origin_record_id ? inc->origin_record_id : "");
	label_value(d, "Origin", buf);
	if (inc->origin_file || inc->origin_master_id) {
		snprintf(buf, sizeof buf, "%s%s%s%s", inc->origin_file ? "file " : "",
			 inc->origin_file ? inc->origin_file : "",
			 inc->origin_master_id ? (inc->origin_file ? ", master_id " : "master_id ") : "",
			 inc->origin_master_id ? inc->origin_master_id : "");
		label_value(d, "", buf);
	}
	link_lines(d, inc, l);
	doc_nl(d);
	if (inc->summary)
		doc_wrap(d, R_NORMAL, 0, inc->summary);
	/* What a VERIS record said that has no place in the model is kept and
	 * shown, never dropped. */
	char *extra = bd_veris_extra_lines(inc->origin_extra);
	if (extra && *extra) {
		doc_nl(d);
		doc_add(d, R_TITLE, inc->origin == BD_ORIGIN_VERIS ? "Other VERIS data" : "Other data");
		doc_nl(d);
		char *save = NULL;
		for (char *line = strtok_r(extra, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			doc_tab(d, 2);
			doc_wrap(d, R_DIM, 4, line);
		}
	}
	free(extra);
}

/* One field: its glyph and label, "(reported)" after a field that only
 * hedged reports say was exposed. */
static void field_item(doc *d, int role, const char *glyph, int f, bd_fieldset reported)
{
	bool rep = reported & BD_FIELD_BIT(f);
	doc_add(d, rep ? R_DIM : role, rep ? the_term->g->reported : glyph);
	doc_add(d, role, " ");
	doc_add(d, rep ? R_DIM : role, bd_fields.entries[f].label);
	if (rep)
		doc_add(d, R_DIM, " (reported)");
}

/* One column of field names, written down from line0 at column x. Returns
 * the line after its last. */
static int field_column(doc *d, int x, int role, const char *glyph, bd_fieldset mask,
			bd_fieldset reported, int line0)
{
	int row = line0;
	for (size_t k = 0; k < bd_fields.count; k++) {
		int f = bd_vocab_at(&bd_fields, k);
		if (!(mask & BD_FIELD_BIT(f)))
			continue;
		doc_goto(d, row++);
		doc_tab(d, x);
		field_item(d, role, glyph, f, reported);
	}
	return row;
}

/* Which sources place each field, and how firmly. */
static void field_claims(doc *d, const bd_incident *inc)
{
	if (!inc->n_claims)
		return;
	doc_nl(d);
	doc_add(d, R_TITLE, "SOURCES OF THESE FIELDS");
	doc_nl(d);
	for (size_t i = 0; i < inc->n_claims; i++) {
		const bd_field_claim *c = &inc->claims[i];
		char *names = bd_render_fields(c->fields, true);
		doc_add(d, c->certainty == BD_CERT_REPORTED ? R_DIM : R_NORMAL,
			bd_vocab_name(&bd_certainties, c->certainty));
		doc_tab(d, 11);
		doc_add(d, R_NORMAL, names ? names : "");
		sources_suffix(d, &c->sources);
		doc_nl(d);
		if (c->note) {
			doc_tab(d, 11);
			doc_wrap(d, R_DIM, 11, c->note);
		}
		free(names);
	}
}

static void build_fields(doc *d, const bd_incident *inc)
{
	const glyphs *g = the_term->g;
	bd_fieldset reported = bd_incident_reported(inc);
	bd_fieldset groups[3] = { inc->exposed, inc->not_exposed, bd_incident_unknown(inc) };
	const char *titles[3] = { "EXPOSED", "NOT EXPOSED", "UNKNOWN" };
	const char *marks[3] = { g->exposed, g->safe, g->unknown };
	int roles[3] = { R_EXPOSED, R_SAFE, R_UNKNOWN };
	char buf[64];
	if (d->width >= 72) {
		int colw = d->width / 3;
		for (int i = 0; i < 3; i++) {
			snprintf(buf, sizeof buf, "%s (%d)", titles[i], __builtin_popcount(groups[i]));
			doc_tab(d, i * colw);
			doc_add(d, R_TITLE, buf);
		}
		doc_nl(d);
		int first = d->cur, last = first;
		for (int i = 0; i < 3; i++) {
			int end = field_column(d, i * colw, roles[i], marks[i], groups[i],
					       i == 0 ? reported : 0, first);
			last = end > last ? end : last;
		}
		doc_goto(d, last);
	} else {
		for (int i = 0; i < 3; i++) {
			snprintf(buf, sizeof buf, "%s (%d)", titles[i], __builtin_popcount(groups[i]));
			doc_add(d, R_TITLE, buf);
			doc_nl(d);
			for (size_t k = 0; k < bd_fields.count; k++) {
				int f = bd_vocab_at(&bd_fields, k);
				if (groups[i] & BD_FIELD_BIT(f)) {
					doc_tab(d, 2);
					field_item(d, roles[i], marks[i], f, i == 0 ? reported : 0);
					doc_nl(d);
				}
			}
			doc_nl(d);
		}
	}
	if (inc->lost) {
		doc_nl(d);
		snprintf(buf, sizeof buf, "LOST, DELETED OR DESTROYED (%d)", __builtin_popcount(inc->lost));
		doc_add(d, R_TITLE, buf);
		doc_nl(d);
		for (size_t k = 0; k < bd_fields.count; k++) {
			int f = bd_vocab_at(&bd_fields, k);
			if (inc->lost & BD_FIELD_BIT(f)) {
				doc_tab(d, 1);
				field_item(d, R_NORMAL, g->lost, f, 0);
				doc_nl(d);
			}
		}
		doc_wrap(d, R_DIM, 0, "Availability, not exposure: losing data says nothing of who saw it.");
	}
	field_claims(d, inc);
	doc_nl(d);
	doc_wrap(d, R_DIM, 0, "Unknown means no source says either way; it is never shown as safe.");
}

static void build_referrals(doc *d, const bd_incident *inc)
{
	if (!inc->n_referrals) {
		doc_wrap(d, R_DIM, 0, "No referral to a regulator or agency is recorded: whether"
			 " one was made is unknown.");
		return;
	}
	/* a timeline: sorted by date, undated last */
	size_t n = inc->n_referrals;
	size_t *order = malloc(n * sizeof *order);
	if (!order)
		return;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && bd_date_cmp(inc->referrals[order[j]].date,
							 inc->referrals[order[j - 1]].date) < 0; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (size_t k = 0; k < n; k++) {
		const bd_referral *r = &inc->referrals[order[k]];
		char date[11], buf[128];
		bd_date_format(r->date, date);
		doc_add(d, R_NORMAL, *date ? date : "undated");
		doc_tab(d, 12);
		doc_add(d, R_TITLE, bd_vocab_label(&bd_bodies, r->body));
		doc_tab(d, 19);
		snprintf(buf, sizeof buf, "%s", bd_vocab_name(&bd_ref_statuses, r->status));
		if (r->amount >= 0) {
			char num[32];
			bd_format_thousands(r->amount, num, sizeof num);
			snprintf(buf, sizeof buf, "fine %s%s", the_term->ascii ? "GBP " : "£", num);
		}
		doc_add(d, bd_ref_status_rank(r->status) >= bd_ref_status_rank(BD_REF_UNDERTAKING)
			? R_EXPOSED : R_NORMAL, buf);
		if (r->by) {
			doc_add(d, R_DIM, "  by ");
			doc_add(d, R_NORMAL, r->by);
		}
		sources_suffix(d, &r->sources);
		doc_nl(d);
		if (r->note) {
			doc_tab(d, 19);
			doc_wrap(d, R_DIM, 19, r->note);
		}
	}
	free(order);
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

static void threat_line(doc *d, const bd_threat_table *t, int scope, bd_date date, const char *label)
{
	const bd_threat_period *p = bd_threat_at(t, scope, date);
	char buf[256], from[11], to[11];
	doc_add(d, R_DIM, label);
	doc_tab(d, 28);
	if (!p) {
		doc_add(d, R_UNKNOWN, "not known");
		doc_nl(d);
		return;
	}
	doc_add(d, term_level_role(p->level), bd_vocab_label(&bd_levels, p->level));
	doc_add(d, R_NORMAL, ": ");
	doc_wrap(d, R_NORMAL, 28, level_meaning(p->level));
	bd_date_format(p->from, from);
	bd_date_format(p->to, to);
	char latest[11];
	bd_date_format(p->latest, latest);
	if (*to)
		snprintf(buf, sizeof buf, "in force from %s to %s", from, to);
	else
		snprintf(buf, sizeof buf, "in force from %s; no end found (latest source %s)", from, latest);
	doc_tab(d, 28);
	doc_wrap(d, R_DIM, 28, buf);
	if (p->note) {
		doc_tab(d, 28);
		doc_wrap(d, R_DIM, 28, p->note);
	}
	for (size_t i = 0; i < p->n_sources; i++) {
		const bd_threat_source *s = &p->sources[i];
		char *line = NULL, sd[11];
		bd_date_format(s->date, sd);
		if (asprintf(&line, "- %s%s%s%s%s%s", s->publisher, s->title ? ", \"" : "",
			     s->title ? s->title : "", s->title ? "\"" : "", *sd ? ", " : "", sd) >= 0) {
			doc_tab(d, 28);
			doc_wrap(d, R_DIM, 30, line);
		}
		free(line);
		if (s->url) {
			doc_tab(d, 30);
			doc_wrap(d, R_DIM, 30, s->url);
		}
	}
}

static void build_threat(doc *d, const bd_incident *inc, const bd_threat_table *t)
{
	bd_date date = bd_incident_date(inc);
	char buf[512], ds[11];
	bd_date_format(date, ds);
	if (inc->nation == BD_NATION_UNKNOWN) {
		doc_wrap(d, R_DIM, 0, "No UK threat level is given: the record does not say in which country the incident was.");
		return;
	}
	if (!bd_date_is_set(date) || inc->nation == BD_OUTSIDE_UK) {
		doc_wrap(d, R_DIM, 0, inc->nation == BD_OUTSIDE_UK
			 ? "The UK threat levels do not apply: the incident was outside the UK."
			 : "The incident has no date, so the level in force is not known.");
		return;
	}
	snprintf(buf, sizeof buf, "Threat levels in force on %s (the incident's %s date):", ds,
		 bd_date_is_set(inc->occurred) ? "occurred" : bd_date_is_set(inc->discovered) ? "discovered" : "disclosed");
	doc_wrap(d, R_TITLE, 0, buf);
	doc_nl(d);
	if (inc->nation == BD_NORTHERN_IRELAND)
		threat_line(d, t, BD_SCOPE_NI, date, "Northern Ireland-related");
	threat_line(d, t, BD_SCOPE_UK, date, "UK national");
	doc_nl(d);
	int scope = bd_threat_scope_for(inc->nation);
	const bd_threat_period *p = bd_threat_at(t, scope, date);
	bd_fieldset identifying = BD_FIELD_BIT(0) | BD_FIELD_BIT(1) | BD_FIELD_BIT(2) |
				  BD_FIELD_BIT(5) | BD_FIELD_BIT(9) | BD_FIELD_BIT(10) | BD_FIELD_BIT(11);
	if (p && p->level >= BD_LEVEL_SUBSTANTIAL && (inc->exposed & identifying)) {
		char *fields = bd_render_fields(inc->exposed & identifying, true);
		snprintf(buf, sizeof buf, "Why it matters: identifying details of %s (%s) were exposed in %s while the threat level there was %s (%s).",
			 inc->who ? bd_vocab_name(&bd_who, __builtin_ctz(inc->who)) : "people",
			 fields ? fields : "unspecified",
			 bd_vocab_label(&bd_nations, inc->nation), bd_vocab_label(&bd_levels, p->level),
			 level_meaning(p->level));
		free(fields);
		doc_wrap(d, R_EXPOSED, 0, buf);
	}
}

static void build_impacts(doc *d, const bd_incident *inc)
{
	if (!inc->n_impacts)
		doc_wrap(d, R_DIM, 0, "No impacts are recorded.");
	for (size_t i = 0; i < inc->n_impacts; i++) {
		char date[11];
		bd_date_format(inc->impacts[i].date, date);
		doc_add(d, R_DIM, *date ? date : "-");
		doc_tab(d, 12);
		doc_wrap(d, R_NORMAL, 12, inc->impacts[i].text);
	}
}

static void build_quotes(doc *d, const bd_incident *inc)
{
	if (!inc->n_quotes)
		doc_wrap(d, R_DIM, 0, "No quotes are recorded.");
	for (size_t i = 0; i < inc->n_quotes; i++) {
		const bd_quote *q = &inc->quotes[i];
		char *text = NULL;
		if (asprintf(&text, "\"%s\"", q->text) >= 0)
			doc_wrap(d, R_NORMAL, 0, text);
		free(text);
		doc_tab(d, 4);
		doc_add(d, R_TITLE, q->who);
		if (q->role) {
			doc_add(d, R_DIM, ", ");
			doc_add(d, R_DIM, q->role);
		}
		sources_suffix(d, &q->sources);
		doc_nl(d);
		doc_nl(d);
	}
}

typedef struct conflict_doc {
	doc *d;
} conflict_doc;

static void conflict_line(void *ctx, const char *about, const bd_figure *const *figs, size_t n)
{
	conflict_doc *c = ctx;
	doc_add(c->d, R_DIFF, the_term->g->diff);
	doc_add(c->d, R_DIFF, " ");
	doc_add(c->d, R_DIFF, about);
	doc_nl(c->d);
	for (size_t i = 0; i < n; i++) {
		const bd_figure *f = figs[i];
		doc_tab(c->d, 4);
		doc_add(c->d, R_TITLE, f->value);
		doc_tab(c->d, 30);
		sources_suffix(c->d, &f->sources);
		doc_nl(c->d);
		if (f->note) {
			doc_tab(c->d, 6);
			doc_wrap(c->d, R_DIM, 6, f->note);
		}
	}
}

static void build_sources(doc *d, const bd_incident *inc, const bd_links *l)
{
	if (bd_links_conflicts(inc, l, NULL, NULL)) {
		doc_wrap(d, R_TITLE, 0, "Figures the sources disagree on, side by side:");
		conflict_doc c = { d };
		bd_links_conflicts(inc, l, conflict_line, &c);
		doc_nl(d);
	}
	for (size_t i = 0; i < inc->n_sources; i++) {
		const bd_source *s = &inc->sources[i];
		char head[80], date[11];
		snprintf(head, sizeof head, "[%s]", s->id);
		doc_add(d, R_KEY, head);
		doc_tab(d, 6);
		bd_date_format(s->date, date);
		char *line = NULL;
		if (asprintf(&line, "%s%s%s%s%s%s", s->publisher, s->title ? ": " : "",
			     s->title ? s->title : "", *date ? " (" : "", date, *date ? ")" : "") >= 0)
			doc_wrap(d, R_NORMAL, 6, line);
		free(line);
		if (s->url) {
			doc_tab(d, 6);
			doc_wrap(d, R_DIM, 6, s->url);
		}
	}
}

static void build(detail *dt, app *a, int width)
{
	doc_free(&dt->body);
	doc_init(&dt->body, width);
	doc *d = &dt->body;
	const bd_incident *inc = &dt->inc;
	const bd_links *l = dt->links_loaded ? &dt->links : NULL;
	switch (dt->pane) {
	case P_SUMMARY:   build_summary(d, inc, l); break;
	case P_FIELDS:    build_fields(d, inc); break;
	case P_REFERRALS: build_referrals(d, inc); break;
	case P_THREAT:    build_threat(d, inc, &a->ds.threats); break;
	case P_IMPACTS:   build_impacts(d, inc); break;
	case P_QUOTES:    build_quotes(d, inc); break;
	default:          build_sources(d, inc, l); break;
	}
	dt->built_width = width;
	dt->built_pane = dt->pane;
}

static int pane_count(const bd_incident *inc, int pane)
{
	switch (pane) {
	case P_REFERRALS: return (int)inc->n_referrals;
	case P_IMPACTS:   return (int)inc->n_impacts;
	case P_QUOTES:    return (int)inc->n_quotes;
	case P_SOURCES:   return (int)inc->n_sources;
	default:          return -1;
	}
}

/* Returns the column after the last tab. */
static int draw_tabs(detail *dt, int y)
{
	int x = 0;
	term_fill(stdscr, y, 0, COLS, R_TAB);
	for (int p = 0; p < P_COUNT && x < COLS; p++) {
		char buf[32];
		int n = pane_count(&dt->inc, p);
		if (n >= 0)
			snprintf(buf, sizeof buf, " %s %d ", pane_names[p], n);
		else
			snprintf(buf, sizeof buf, " %s ", pane_names[p]);
		x += term_text(stdscr, y, x, buf, COLS - x, p == dt->pane ? R_TAB_ACTIVE : R_TAB, false);
		x += 1;
	}
	return x;
}

static void load(detail *dt, app *a);

/* ---- search within the drill-down ---- */

/* Calls fn for each match of dt->find in the pane's lines, in order;
 * returns how many there are. Case is ignored in ASCII letters. */
typedef void (*match_fn)(void *ctx, int line, int x, int len, int index);

static int each_match(const detail *dt, match_fn fn, void *ctx)
{
	int count = 0;
	size_t flen = dt->find ? strlen(dt->find) : 0;
	for (int i = 0; flen && i < dt->body.n; i++) {
		const dline *l = &dt->body.lines[i];
		for (int sg = 0; sg < l->n; sg++) {
			const char *t = l->segs[sg].text, *p = t;
			while ((p = strcasestr(p, dt->find))) {
				if (fn) {
					char *pre = strndup(t, (size_t)(p - t));
					char *hit = strndup(p, flen);
					fn(ctx, i, l->segs[sg].x + (pre ? bd_text_width(pre) : 0),
					   hit ? bd_text_width(hit) : 1, count);
					free(pre);
					free(hit);
				}
				count++;
				p += flen;
			}
		}
	}
	return count;
}

typedef struct find_ctx {
	int want, line;
} find_ctx;

static void line_of(void *ctx, int line, int x, int len, int index)
{
	(void)x;
	(void)len;
	find_ctx *f = ctx;
	if (index == f->want)
		f->line = line;
}

typedef struct mark_ctx {
	int top, scroll, rows, current;
} mark_ctx;

/* The matches on screen in reverse video, the current one also bold. */
static void highlight(void *ctx, int line, int x, int len, int index)
{
	mark_ctx *m = ctx;
	int row = line - m->scroll;
	if (row < 0 || row >= m->rows || 1 + x >= COLS)
		return;
	attr_t at = A_REVERSE | (index == m->current ? A_BOLD | A_UNDERLINE : 0);
	mvchgat(m->top + row, 1 + x, len, at, 0, NULL);
}

/* Moves to match `want` (wrapping), in this pane or else in the next pane
 * that has one; says "match 3 of 12" in the status line. */
static void show_match(detail *dt, app *a, int want)
{
	int width = COLS - 2;
	for (int tries = 0; tries < P_COUNT; tries++) {
		if (dt->built_width != width || dt->built_pane != dt->pane)
			build(dt, a, width);
		int n = each_match(dt, NULL, NULL);
		if (n) {
			dt->match = ((want % n) + n) % n;
			find_ctx f = { dt->match, 0 };
			each_match(dt, line_of, &f);
			int body = LINES - 5;
			int *scroll = &dt->scroll[dt->pane];
			if (f.line < *scroll || f.line >= *scroll + body)
				*scroll = f.line > 2 ? f.line - 2 : 0;
			app_message(a, false, "match %d of %d for \"%s\" in %s", dt->match + 1, n,
				    dt->find, pane_names[dt->pane]);
			return;
		}
		dt->pane = (dt->pane + 1) % P_COUNT;
		want = 0;
	}
	app_message(a, true, "no match for \"%s\" in this incident", dt->find);
}

static void find(detail *dt, app *a, int dir)
{
	if (dir == 0) {
		char *text = app_prompt(a, "/", NULL, &a->searches, NULL);
		if (!text || !*text) {
			free(text);
			return;
		}
		free(dt->find);
		dt->find = text;
		show_match(dt, a, 0);
		return;
	}
	if (!dt->find) {
		app_message(a, false, "no search yet: press / to search this incident");
		return;
	}
	show_match(dt, a, dt->match + dir);
}

/* J and K: the next or previous incident of the list, in the same pane. */
static void step_incident(detail *dt, app *a, int dir)
{
	long long before = a->list.cursor;
	lm_move(&a->list, dir);
	const bd_row *r = lm_current(&a->list);
	if (a->list.cursor == before || !r) {
		app_message(a, false, dir > 0 ? "the last incident of the list" : "the first incident of the list");
		return;
	}
	free(dt->id);
	dt->id = strdup(r->id);
	memset(dt->scroll, 0, sizeof dt->scroll);
	load(dt, a);
}

static void draw(view *v, app *a, int top, int height)
{
	detail *dt = v->state;
	if (!dt->loaded) {
		term_text(stdscr, top + 1, 2, "This incident is no longer in the store.", COLS - 4, R_ERROR, false);
		v->cursor_y = top + 1;
		return;
	}
	char head[256], date[11];
	bd_date_format(bd_incident_date(&dt->inc), date);
	snprintf(head, sizeof head, "%s  %s  ", dt->inc.force_short, *date ? date : "undated");
	int x = term_text(stdscr, top, 0, head, COLS, R_DIM, false);
	term_text(stdscr, top, x, dt->inc.title, COLS - x, R_TITLE, false);
	int tabs_end = draw_tabs(dt, top + 1);
	int width = COLS - 2;
	if (dt->built_width != width || dt->built_pane != dt->pane)
		build(dt, a, width);
	int body = height - 3;
	int max = dt->body.n - body;
	if (dt->scroll[dt->pane] > max)
		dt->scroll[dt->pane] = max > 0 ? max : 0;
	doc_draw(&dt->body, stdscr, top + 3, 1, body, dt->scroll[dt->pane]);
	if (dt->find) {
		mark_ctx m = { top + 3, dt->scroll[dt->pane], body, dt->match };
		each_match(dt, highlight, &m);
	}
	/* how far down the pane is: after the tabs, or at the end of the
	 * (already cut) title line when the tabs fill the width */
	if (dt->body.n > body) {
		char more[48];
		snprintf(more, sizeof more, " %d%%", (dt->scroll[dt->pane] + body) * 100 / dt->body.n);
		bool room = tabs_end + 6 <= COLS;
		term_text(stdscr, room ? top + 1 : top, COLS - 5, more, 5, room ? R_TAB : R_DIM, true);
	}
	v->cursor_y = top + 1;
	v->cursor_x = 0;
}

static bool act(view *v, app *a, int action)
{
	detail *dt = v->state;
	int *scroll = &dt->scroll[dt->pane];
	int page = LINES - 6 > 1 ? LINES - 6 : 1;
	(void)a;
	switch (action) {
	case ACT_UP:        if (*scroll > 0) (*scroll)--; return true;
	case ACT_DOWN:      (*scroll)++; return true;
	case ACT_PGUP:      *scroll = *scroll > page ? *scroll - page : 0; return true;
	case ACT_PGDN:      *scroll += page; return true;
	case ACT_HOME:      *scroll = 0; return true;
	case ACT_END:       *scroll = 1 << 20; return true;
	case ACT_NEXT_PANE:
	case ACT_RIGHT:     dt->pane = (dt->pane + 1) % P_COUNT; return true;
	case ACT_PREV_PANE:
	case ACT_LEFT:      dt->pane = (dt->pane + P_COUNT - 1) % P_COUNT; return true;
	case ACT_MARK:
		if (dt->loaded)
			app_toggle_mark(a, dt->id);
		return true;
	case ACT_ENTER:     return true;
	case ACT_SEARCH:      find(dt, a, 0); return true;
	case ACT_SEARCH_NEXT: find(dt, a, 1); return true;
	case ACT_SEARCH_PREV: find(dt, a, -1); return true;
	case ACT_NEXT_INCIDENT: step_incident(dt, a, 1); return true;
	case ACT_PREV_INCIDENT: step_incident(dt, a, -1); return true;
	default:            return false;
	}
}

static void load(detail *dt, app *a)
{
	if (dt->loaded)
		bd_incident_free(&dt->inc);
	if (dt->links_loaded)
		bd_links_free(&dt->links);
	dt->loaded = bd_store_get(a->ds.store, dt->id, &dt->inc, NULL) == BD_OK;
	dt->links_loaded = dt->loaded &&
		bd_links_load(a->ds.store, &dt->inc, &dt->links, NULL) == BD_OK;
	dt->built_width = 0;
}

static void reload(view *v, app *a)
{
	load(v->state, a);
}

static void destroy(view *v)
{
	detail *dt = v->state;
	if (dt->loaded)
		bd_incident_free(&dt->inc);
	if (dt->links_loaded)
		bd_links_free(&dt->links);
	doc_free(&dt->body);
	free(dt->id);
	free(dt->find);
	view_free(v);
}

static const view_ops detail_ops = {
	.name = "Incident",
	.draw = draw,
	.act = act,
	.reload = reload,
	.destroy = destroy,
};

view *view_detail_new(app *a, const char *id)
{
	view *v = view_alloc(&detail_ops, sizeof(detail));
	if (!v)
		return NULL;
	detail *dt = v->state;
	dt->id = strdup(id);
	dt->built_pane = -1;
	load(dt, a);
	return v;
}
