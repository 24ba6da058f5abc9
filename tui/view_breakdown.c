/* Breakdown (4): the filtered incidents grouped by force, nation, kind,
 * year, ICO outcome, exposed field type or origin (Tab cycles), with the
 * number of incidents, a bar, ICO fines and people affected by qualifier.
 * Enter shows the group's incidents in the overview; Esc comes back here
 * with the filter as it was. The groups are counted once per filter and
 * dimension, so moving the cursor reads nothing from the store. */
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "text.h"

#include "app.h"
#include "keys.h"

typedef struct breakdown {
	int by;                 /* enum bd_stats_by */
	bd_stats stats;
	lm_seen seen;           /* the filter the groups were counted for */
	int cursor, top;
	char *saved_filter;     /* the filter before Enter; restored on return */
	bool drilled;
} breakdown;

static void recount(breakdown *b, app *a)
{
	if (!lm_seen_stale(&b->seen, &a->list))
		return;
	bd_stats_free(&b->stats);
	bd_error err = { 0 };
	if (bd_stats_build(a->list.store, &a->list.query, b->by, &b->stats, &err) != BD_OK)
		app_message(a, true, "%s", bd_error_text(&err));
	bd_error_clear(&err);
	if (b->cursor >= b->stats.n)
		b->cursor = b->stats.n ? b->stats.n - 1 : 0;
}

/* Back from the overview that Enter opened: the filter as it was. */
static void restore_filter(breakdown *b, app *a)
{
	if (!b->drilled)
		return;
	b->drilled = false;
	bd_filter *f = NULL;
	if (bd_filter_parse(b->saved_filter, &f, NULL) == BD_OK)
		lm_set_filter(&a->list, f);
	free(b->saved_filter);
	b->saved_filter = NULL;
}

static void draw_row(const breakdown *b, const bd_stats_group *g, int y, bool sel, int barw)
{
	char num[16], fines[48] = "-", people[160];
	int role = sel ? R_SELECTED : R_NORMAL;
	term_fill(stdscr, y, 0, COLS, role);
	term_text(stdscr, y, 1, g->key, 20, role, true);
	snprintf(num, sizeof num, "%5d", g->n);
	term_text(stdscr, y, 22, num, 5, role, false);
	int len = b->stats.largest ? (g->n * barw + b->stats.largest - 1) / b->stats.largest : 0;
	for (int k = 0; k < len && k < barw; k++)
		term_text(stdscr, y, 28 + k, the_term->g->bar[8], 1, sel ? R_SELECTED : R_BAR, false);
	if (g->n_fines) {
		char m[32];
		bd_format_thousands(g->fines, m, sizeof m);
		snprintf(fines, sizeof fines, "%d: %s%s", g->n_fines, the_term->ascii ? "GBP " : "£", m);
	}
	int x = 29 + barw;
	term_text(stdscr, y, x, fines, 17, role, false);
	bd_people_format(&g->people, the_term->ascii, people, sizeof people);
	if (COLS > x + 19)
		term_text(stdscr, y, x + 18, people, COLS - x - 19, role, true);
}

static void draw(view *v, app *a, int top, int height)
{
	breakdown *b = v->state;
	restore_filter(b, a);
	recount(b, a);
	char title[160];
	const char *ftext = bd_filter_text(a->list.filter);
	snprintf(title, sizeof title, "Incidents by %s (Tab: by what)  %d incidents%s%s",
		 bd_vocab_label(&bd_stats_dims, b->by), b->stats.total, *ftext ? ", filter: " : "", ftext);
	term_text(stdscr, top, 0, title, COLS, R_TITLE, true);
	int barw = COLS >= 120 ? 24 : COLS >= 100 ? 16 : 10;
	term_fill(stdscr, top + 1, 0, COLS, R_COLHEAD);
	term_text(stdscr, top + 1, 1, b->by == BD_BY_FIELD ? "FIELD TYPE" : "GROUP", 20, R_COLHEAD, false);
	term_text(stdscr, top + 1, 22, "  N", 5, R_COLHEAD, false);
	term_text(stdscr, top + 1, 29 + barw, "ICO FINES", 17, R_COLHEAD, false);
	term_text(stdscr, top + 1, 47 + barw, "PEOPLE AFFECTED (per qualifier)", COLS, R_COLHEAD, false);
	int rows = height - 3;
	if (rows < 1)
		rows = 1;
	if (b->cursor < b->top)
		b->top = b->cursor;
	if (b->cursor >= b->top + rows)
		b->top = b->cursor - rows + 1;
	v->cursor_y = top + 2;
	v->cursor_x = 0;
	for (int i = 0; i < rows && b->top + i < b->stats.n; i++) {
		bool sel = b->top + i == b->cursor;
		draw_row(b, &b->stats.v[b->top + i], top + 2 + i, sel, barw);
		if (sel)
			v->cursor_y = top + 2 + i;
	}
	term_text(stdscr, top + height - 1, 0, b->by == BD_BY_FIELD
		  ? "An incident counts under each field type it exposed. People are added per qualifier; they may overlap."
		  : "People are added within a group per qualifier; the same people may be in more than one incident.",
		  COLS, R_DIM, true);
}

static void enter(breakdown *b, app *a)
{
	if (!b->stats.n)
		return;
	const bd_stats_group *g = &b->stats.v[b->cursor];
	if (!g->filter) {
		app_message(a, false, "\"%s\" has no filter term to show its incidents", g->key);
		return;
	}
	const char *old = bd_filter_text(a->list.filter);
	char *text = NULL;
	bd_filter *f = NULL;
	bd_error err = { 0 };
	if (asprintf(&text, "%s%s%s", old, *old ? " " : "", g->filter) < 0)
		return;
	if (bd_filter_parse(text, &f, &err) != BD_OK) {
		app_message(a, true, "%s", bd_error_text(&err));
	} else {
		free(b->saved_filter);
		b->saved_filter = strdup(old);
		b->drilled = true;
		lm_set_filter(&a->list, f);
		app_push(a, view_overview_new(a));
	}
	bd_error_clear(&err);
	free(text);
}

static bool act(view *v, app *a, int action)
{
	breakdown *b = v->state;
	int page = LINES > 8 ? LINES - 6 : 1;
	switch (action) {
	case ACT_UP:        b->cursor--; break;
	case ACT_DOWN:      b->cursor++; break;
	case ACT_PGUP:      b->cursor -= page; break;
	case ACT_PGDN:      b->cursor += page; break;
	case ACT_HOME:      b->cursor = 0; break;
	case ACT_END:       b->cursor = b->stats.n - 1; break;
	case ACT_NEXT_PANE:
	case ACT_PREV_PANE: {
		int n = (int)bd_stats_dims.count;
		b->by = (b->by + (action == ACT_NEXT_PANE ? 1 : n - 1)) % n;
		lm_seen_forget(&b->seen);
		b->cursor = b->top = 0;
		return true;
	}
	case ACT_ENTER:     enter(b, a); return true;
	case ACT_FILTER:
	case ACT_SEARCH:
		return list_act(a, action);
	default:
		return false;
	}
	if (b->cursor >= b->stats.n)
		b->cursor = b->stats.n - 1;
	if (b->cursor < 0)
		b->cursor = 0;
	return true;
}

static void reload(view *v, app *a)
{
	(void)a;
	lm_seen_forget(&((breakdown *)v->state)->seen);
}

static void destroy(view *v)
{
	breakdown *b = v->state;
	bd_stats_free(&b->stats);
	lm_seen_free(&b->seen);
	free(b->saved_filter);
	view_free(v);
}

static const view_ops breakdown_ops = {
	.name = "Breakdown",
	.draw = draw,
	.act = act,
	.reload = reload,
	.destroy = destroy,
};

view *view_breakdown_new(app *a)
{
	(void)a;
	return view_alloc(&breakdown_ops, sizeof(breakdown));
}
