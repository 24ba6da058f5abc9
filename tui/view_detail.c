/* Drill-down (Enter): one incident in panes — summary, fields, referrals,
 * threat context, impacts, quotes, sources — cycled with Tab. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "compare.h"
#include "doc.h"
#include "incdoc.h"
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
	bd_incdoc idoc;         /* what the panes say */
	doc body;
	int built_width, built_pane;
	char *find;             /* the search in this drill-down, or NULL */
	int match;              /* the current match, counted in the pane */
} detail;

/* ---- the panes: the incident's document (incdoc.h) in styled lines ---- */

static int role_of(const bd_run *r)
{
	static const int roles[] = {
		[BD_ROLE_TEXT] = R_NORMAL, [BD_ROLE_VALUE] = R_TITLE, [BD_ROLE_MUTED] = R_DIM,
		[BD_ROLE_UNKNOWN] = R_UNKNOWN, [BD_ROLE_EXPOSED] = R_EXPOSED,
		[BD_ROLE_NOT_EXPOSED] = R_SAFE, [BD_ROLE_LOST] = R_NORMAL, [BD_ROLE_REPORTED] = R_DIM,
		[BD_ROLE_CONFLICT] = R_DIFF, [BD_ROLE_ALERT] = R_EXPOSED, [BD_ROLE_CITE] = R_DIM,
	};
	return r->role == BD_ROLE_LEVEL ? term_level_role(r->level) : roles[r->role];
}

static const char *text_of(const bd_block *b, size_t i)
{
	const char *s = bd_incdoc_run(b, i);
	return s ? s : "";
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

/* Runs from `from` on, in their roles, citations bracketed. */
static void add_runs(doc *d, const bd_block *b, size_t from)
{
	for (size_t i = from; i < b->n_runs; i++) {
		const bd_run *r = &b->runs[i];
		if (!bd_incdoc_shows(r->in, BD_IN_PANE))
			continue;
		if (r->role == BD_ROLE_CITE)
			sources_suffix(d, r->cites);
		else
			doc_add(d, role_of(r), r->text);
	}
}

/* A note under an item, dim, from column x. */
static void add_note(doc *d, const bd_block *b, int x)
{
	if (!b->note)
		return;
	doc_tab(d, x);
	doc_wrap(d, R_DIM, x, b->note);
}

/* Label, then the value wrapped at column 14 (a value of several roles on
 * one line). */
static void pane_line(doc *d, const bd_block *b)
{
	doc_add(d, R_DIM, b->flags & BD_BLOCK_CONT ? "" : b->label);
	doc_tab(d, 14);
	if (b->n_runs == 1) {
		doc_wrap(d, role_of(&b->runs[0]), 14, b->runs[0].text);
		return;
	}
	add_runs(d, b, 0);
	doc_nl(d);
}

static void pane_para(doc *d, const bd_block *b)
{
	doc_wrap(d, role_of(&b->runs[0]), 0, b->runs[0].text);
}

static void pane_summary(doc *d, const bd_incdoc *id)
{
	const bd_section *head = &id->sec[BD_SEC_HEAD], *sum = &id->sec[BD_SEC_SUMMARY],
			 *extra = &id->sec[BD_SEC_EXTRA];
	for (size_t i = 0; i < head->n_blocks; i++)
		if (bd_incdoc_shows(head->blocks[i].in, BD_IN_PANE))
			pane_line(d, &head->blocks[i]);
	doc_nl(d);
	for (size_t i = 0; i < sum->n_blocks; i++)
		pane_para(d, &sum->blocks[i]);
	if (!extra->n_blocks)
		return;
	doc_nl(d);
	doc_add(d, R_TITLE, extra->title);
	doc_nl(d);
	for (size_t i = 0; i < extra->n_blocks; i++) {
		doc_tab(d, 2);
		doc_wrap(d, R_DIM, 4, text_of(&extra->blocks[i], 0));
	}
}

/* One field: its glyph and label, "(reported)" after a field that only
 * hedged reports say was exposed. */
static void field_item(doc *d, int role, const char *glyph, const bd_run *f)
{
	bool rep = f->role == BD_ROLE_REPORTED;
	doc_add(d, rep ? R_DIM : role, rep ? the_term->g->reported : glyph);
	doc_add(d, role, " ");
	doc_add(d, rep ? R_DIM : role, f->text);
	if (rep)
		doc_add(d, R_DIM, " (reported)");
}

static const char *field_glyph(int role)
{
	const glyphs *g = the_term->g;
	return role == BD_ROLE_EXPOSED ? g->exposed : role == BD_ROLE_NOT_EXPOSED ? g->safe
	       : role == BD_ROLE_LOST ? g->lost : g->unknown;
}

/* A group's heading, "NOT EXPOSED (1)". */
static void group_title(doc *d, const bd_block *g)
{
	char buf[64];
	int n = snprintf(buf, sizeof buf, "%s (%d)", g->role == BD_ROLE_LOST
			 ? "lost, deleted or destroyed" : g->label, g->count);
	for (int i = 0; i < n && i < (int)sizeof buf; i++)
		buf[i] = (char)toupper((unsigned char)buf[i]);
	doc_add(d, R_TITLE, buf);
}

/* Exposed, not exposed and unknown: side by side where there is room,
 * else one under the other. */
static void field_groups(doc *d, const bd_block *const *g, size_t n)
{
	if (d->width < 72) {
		for (size_t i = 0; i < n; i++) {
			group_title(d, g[i]);
			doc_nl(d);
			for (size_t f = 0; f < g[i]->n_runs; f++) {
				doc_tab(d, 2);
				field_item(d, role_of(&(bd_run){ .role = g[i]->role }),
					   field_glyph(g[i]->role), &g[i]->runs[f]);
				doc_nl(d);
			}
			doc_nl(d);
		}
		return;
	}
	int colw = d->width / 3;
	for (size_t i = 0; i < n; i++) {
		doc_tab(d, (int)i * colw);
		group_title(d, g[i]);
	}
	doc_nl(d);
	int first = d->cur, last = first;
	for (size_t i = 0; i < n; i++) {
		int row = first;
		for (size_t f = 0; f < g[i]->n_runs; f++) {
			doc_goto(d, row++);
			doc_tab(d, (int)i * colw);
			field_item(d, role_of(&(bd_run){ .role = g[i]->role }), field_glyph(g[i]->role),
				   &g[i]->runs[f]);
		}
		last = row > last ? row : last;
	}
	doc_goto(d, last);
}

static void pane_lost(doc *d, const bd_block *g)
{
	doc_nl(d);
	group_title(d, g);
	doc_nl(d);
	for (size_t f = 0; f < g->n_runs; f++) {
		doc_tab(d, 1);
		field_item(d, R_NORMAL, field_glyph(g->role), &g->runs[f]);
		doc_nl(d);
	}
	doc_wrap(d, R_DIM, 0, "Availability, not exposure: losing data says nothing of who saw it.");
}

static void pane_fields(doc *d, const bd_section *s)
{
	const bd_block *groups[3];
	size_t n = 0;
	for (size_t i = 0; i < s->n_blocks && n < 3; i++)
		if (s->blocks[i].fact == BD_FACT_FIELDS && s->blocks[i].role != BD_ROLE_LOST)
			groups[n++] = &s->blocks[i];
	field_groups(d, groups, n);
	bool claims = false;
	for (size_t i = 0; i < s->n_blocks; i++) {
		const bd_block *b = &s->blocks[i];
		if (b->fact == BD_FACT_FIELDS && b->role == BD_ROLE_LOST)
			pane_lost(d, b);
		if (b->fact == BD_FACT_CLAIM) {
			if (!claims) {
				doc_nl(d);
				doc_add(d, R_TITLE, "SOURCES OF THESE FIELDS");
				doc_nl(d);
			}
			claims = true;
			doc_add(d, role_of(&b->runs[1]), text_of(b, 1));
			doc_tab(d, 11);
			doc_add(d, R_NORMAL, text_of(b, 0));
			add_runs(d, b, 2);
			doc_nl(d);
			add_note(d, b, 11);
		}
		if (b->fact == BD_FACT_PARA) {
			doc_nl(d);
			pane_para(d, b);
		}
	}
}

static int by_date(const void *a, const void *b)
{
	const bd_block *x = *(const bd_block *const *)a, *y = *(const bd_block *const *)b;
	int c = bd_date_cmp(x->date, y->date);
	return c ? c : (x < y ? -1 : x > y);
}

/* A timeline: sorted by date, undated last. */
static void pane_referrals(doc *d, const bd_section *s)
{
	const bd_block **order = malloc((s->n_blocks + 1) * sizeof *order);
	if (!order)
		return;
	for (size_t i = 0; i < s->n_blocks; i++)
		order[i] = &s->blocks[i];
	qsort(order, s->n_blocks, sizeof *order, by_date);
	for (size_t k = 0; k < s->n_blocks; k++) {
		const bd_block *b = order[k];
		if (b->fact == BD_FACT_PARA) {
			pane_para(d, b);
			continue;
		}
		doc_add(d, R_NORMAL, text_of(b, 0));
		doc_tab(d, 12);
		doc_add(d, R_TITLE, text_of(b, 1));
		doc_tab(d, 19);
		doc_add(d, role_of(&b->runs[2]), text_of(b, 2));
		if (bd_incdoc_run(b, 3)) {
			doc_add(d, R_DIM, "  by ");
			doc_add(d, R_NORMAL, b->runs[3].text);
		}
		add_runs(d, b, 4);
		doc_nl(d);
		add_note(d, b, 19);
	}
	free(order);
}

static void threat_source(doc *d, const bd_block *b)
{
	const char *title = bd_incdoc_run(b, 2), *date = bd_incdoc_run(b, 3);
	char *line = NULL;
	if (asprintf(&line, "- %s%s%s%s%s%s", text_of(b, 1), title ? ", \"" : "", title ? title : "",
		     title ? "\"" : "", date ? ", " : "", date ? date : "") >= 0) {
		doc_tab(d, 28);
		doc_wrap(d, R_DIM, 30, line);
	}
	free(line);
	if (bd_incdoc_run(b, 4)) {
		doc_tab(d, 30);
		doc_wrap(d, R_DIM, 30, b->runs[4].text);
	}
}

/* A scope's level and what it means, its period, note and sources. */
static void threat_scope(doc *d, const bd_block *b)
{
	doc_add(d, R_DIM, b->label);
	doc_tab(d, 28);
	const bd_run *level = &b->runs[1];
	if (level->role != BD_ROLE_LEVEL) {
		doc_add(d, role_of(level), level->text);
		doc_nl(d);
		return;
	}
	doc_add(d, role_of(level), level->text);
	doc_add(d, R_NORMAL, ": ");
	size_t at = 2;
	while (at < b->n_runs && !bd_incdoc_shows(b->runs[at].in, BD_IN_PANE))
		at++;
	for (; at < b->n_runs; at++) {
		doc_wrap(d, role_of(&b->runs[at]), 28, b->runs[at].text);
		if (at + 1 < b->n_runs)
			doc_tab(d, 28);
	}
	add_note(d, b, 28);
}

static void pane_threat(doc *d, const bd_section *s)
{
	for (size_t i = 0; i < s->n_blocks; i++) {
		const bd_block *b = &s->blocks[i];
		if (!bd_incdoc_shows(b->in, BD_IN_PANE))
			continue;
		if (b->fact == BD_FACT_PARA)
			pane_para(d, b);
		else if (b->fact == BD_FACT_THREAT)
			threat_scope(d, b);
		else
			threat_source(d, b);
		const bd_block *next = i + 1 < s->n_blocks ? &s->blocks[i + 1] : NULL;
		bool scope = b->fact != BD_FACT_PARA, next_scope = next && next->fact != BD_FACT_PARA;
		if (scope != next_scope && (scope || next))
			doc_nl(d);
	}
}

static void pane_impacts(doc *d, const bd_section *s)
{
	for (size_t i = 0; i < s->n_blocks; i++) {
		const bd_block *b = &s->blocks[i];
		if (b->fact == BD_FACT_PARA) {
			pane_para(d, b);
			continue;
		}
		doc_add(d, R_DIM, text_of(b, 0));
		doc_tab(d, 12);
		doc_wrap(d, R_NORMAL, 12, text_of(b, 1));
	}
}

static void pane_quotes(doc *d, const bd_section *s)
{
	for (size_t i = 0; i < s->n_blocks; i++) {
		const bd_block *b = &s->blocks[i];
		if (b->fact == BD_FACT_PARA) {
			pane_para(d, b);
			continue;
		}
		char *text = NULL;
		if (asprintf(&text, "\"%s\"", text_of(b, 0)) >= 0)
			doc_wrap(d, R_NORMAL, 0, text);
		free(text);
		doc_tab(d, 4);
		doc_add(d, R_TITLE, text_of(b, 1));
		if (bd_incdoc_run(b, 2)) {
			doc_add(d, R_DIM, ", ");
			doc_add(d, R_DIM, b->runs[2].text);
		}
		add_runs(d, b, 3);
		doc_nl(d);
		doc_nl(d);
	}
}

static void pane_conflicts(doc *d, const bd_section *s)
{
	if (!s->n_blocks)
		return;
	doc_wrap(d, R_TITLE, 0, "Figures the sources disagree on, side by side:");
	for (size_t i = 0; i < s->n_blocks; i++) {
		const bd_block *b = &s->blocks[i];
		if (b->fact == BD_FACT_CONFLICT) {
			doc_add(d, R_DIFF, the_term->g->diff);
			doc_add(d, R_DIFF, " ");
			doc_add(d, R_DIFF, b->label);
			doc_nl(d);
			continue;
		}
		doc_tab(d, 4);
		doc_add(d, R_TITLE, text_of(b, 0));
		doc_tab(d, 30);
		add_runs(d, b, 1);
		doc_nl(d);
		add_note(d, b, 6);
	}
	doc_nl(d);
}

static void pane_sources(doc *d, const bd_section *s)
{
	for (size_t i = 0; i < s->n_blocks; i++) {
		const bd_block *b = &s->blocks[i];
		const char *title = bd_incdoc_run(b, 2), *date = bd_incdoc_run(b, 3);
		char *head = NULL, *line = NULL;
		if (asprintf(&head, "[%s]", text_of(b, 0)) >= 0)
			doc_add(d, R_KEY, head);
		free(head);
		doc_tab(d, 6);
		if (asprintf(&line, "%s%s%s%s%s%s", text_of(b, 1), title ? ": " : "", title ? title : "",
			     date ? " (" : "", date ? date : "", date ? ")" : "") >= 0)
			doc_wrap(d, R_NORMAL, 6, line);
		free(line);
		if (bd_incdoc_run(b, 4)) {
			doc_tab(d, 6);
			doc_wrap(d, R_DIM, 6, b->runs[4].text);
		}
	}
}


static void build(detail *dt, app *a, int width)
{
	(void)a;
	doc_free(&dt->body);
	doc_init(&dt->body, width);
	doc *d = &dt->body;
	const bd_incdoc *id = &dt->idoc;
	switch (dt->pane) {
	case P_SUMMARY:   pane_summary(d, id); break;
	case P_FIELDS:    pane_fields(d, &id->sec[BD_SEC_FIELDS]); break;
	case P_REFERRALS: pane_referrals(d, &id->sec[BD_SEC_REFERRALS]); break;
	case P_THREAT:    pane_threat(d, &id->sec[BD_SEC_THREAT]); break;
	case P_IMPACTS:   pane_impacts(d, &id->sec[BD_SEC_IMPACTS]); break;
	case P_QUOTES:    pane_quotes(d, &id->sec[BD_SEC_QUOTES]); break;
	default:
		pane_conflicts(d, &id->sec[BD_SEC_CONFLICTS]);
		pane_sources(d, &id->sec[BD_SEC_SOURCES]);
		break;
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
	/* the document borrows from the incident: freed first */
	bd_incdoc_free(&dt->idoc);
	if (dt->loaded)
		bd_incident_free(&dt->inc);
	if (dt->links_loaded)
		bd_links_free(&dt->links);
	dt->loaded = bd_store_get(a->ds.store, dt->id, &dt->inc, NULL) == BD_OK;
	dt->links_loaded = dt->loaded &&
		bd_links_load(a->ds.store, &dt->inc, &dt->links, NULL) == BD_OK;
	bd_incdoc_opts o = { the_term->ascii, dt->links_loaded ? &dt->links : NULL };
	if (dt->loaded && !bd_incdoc_build(&dt->idoc, &dt->inc, &a->ds.threats, &o))
		app_message(a, true, "out of memory: parts of this incident are not shown");
	dt->built_width = 0;
}

static void reload(view *v, app *a)
{
	load(v->state, a);
}

static void destroy(view *v)
{
	detail *dt = v->state;
	bd_incdoc_free(&dt->idoc);
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
