/* Trends (5): incidents and ICO fines per year (per quarter over a short
 * range) as columns, under the UK and Northern Ireland threat levels in
 * force in each period. The chart is counted once per filter; the
 * cursor (Left/Right) names a period's figures in the status line. */
#include <stdlib.h>
#include <string.h>

#include "trend.h"

#include "app.h"
#include "keys.h"

typedef struct trends {
	bd_trend tr;
	lm_seen seen;           /* the filter the figures were counted for */
	int cursor;             /* the selected period */
	int first;              /* the first period shown */
} trends;

static void recount(trends *t, app *a)
{
	if (!lm_seen_stale(&t->seen, &a->list))
		return;
	bd_trend_free(&t->tr);
	bd_error err = { 0 };
	if (bd_trend_build(a->list.store, &a->list.query, &t->tr, &err) != BD_OK)
		app_message(a, true, "%s", bd_error_text(&err));
	bd_error_clear(&err);
	t->cursor = t->tr.n ? t->tr.n - 1 : 0;
}

/* A fine in the chart's unit (thousands, or millions over a million),
 * so it fits three columns: "750", "1.7". */
static void short_money(long long v, bool millions, char *out, size_t size)
{
	if (millions)
		snprintf(out, size, v >= 9950000 ? "%.0f" : "%.1f", (double)v / 1e6);
	else
		snprintf(out, size, "%lld", (v + 500) / 1000);
}

/* The level rows: each period's highest level, as a coloured cell with the
 * level's name or its first three letters, so it reads without colour too. */
static void level_row(trends *t, app *a, int y, int scope, int cw, int x0, int shown)
{
	term_text(stdscr, y, 0, scope == BD_SCOPE_UK ? "UK" : "NI", x0, R_DIM, true);
	for (int i = 0; i < shown; i++) {
		const bd_trend_bucket *b = &t->tr.v[t->first + i];
		int level = bd_trend_level(&a->ds.threats, scope, b);
		const char *name = level >= 0 ? bd_vocab_label(&bd_levels, level) : "?";
		char cell[16];
		/* the whole name where it fits, else its first three letters
		 * (SUB, SEV, CRI), never a word cut anywhere else */
		snprintf(cell, sizeof cell, "%.*s", (int)strlen(name) <= cw - 1 ? cw - 1 : 3, name);
		term_text(stdscr, y, x0 + i * cw, cell, cw - 1,
			  level >= 0 ? term_level_role(level) : R_DIM, true);
	}
}

/* Columns of height h above row `base`, one per period, scaled to max. */
static void columns(trends *t, int base, int h, int cw, int x0, int shown, bool fines)
{
	long long max = fines ? t->tr.max_fines : t->tr.max_n;
	for (int i = 0; i < shown; i++) {
		const bd_trend_bucket *b = &t->tr.v[t->first + i];
		long long v = fines ? b->fines : b->n;
		int eighths = max ? (int)((v * h * 8 + max - 1) / max) : 0;
		bool sel = t->first + i == t->cursor;
		for (int row = 0; row < h; row++) {
			int e = eighths - row * 8;
			e = e < 0 ? 0 : e > 8 ? 8 : e;
			/* vertical eighths are not in every font: whole cells, and
			 * a part cell rounds up so no non-zero value is invisible */
			const char *g = e ? the_term->g->bar[8] : " ";
			/* only the bar itself is marked: a selected empty period
			 * must not look like the tallest */
			for (int k = 0; k < cw - 1; k++)
				term_text(stdscr, base - row, x0 + i * cw + k, g, 1,
					  sel && e ? R_SELECTED : R_BAR, false);
		}
		char num[24];
		if (fines)
			short_money(v, t->tr.max_fines >= 1000000, num, sizeof num);
		else
			snprintf(num, sizeof num, "%lld", v);
		term_text(stdscr, base + 1, x0 + i * cw, v ? num : "", cw - 1, sel ? R_TITLE : R_DIM, true);
	}
}

static void axis(trends *t, int y, int cw, int x0, int shown)
{
	for (int i = 0; i < shown; i++) {
		const bd_trend_bucket *b = &t->tr.v[t->first + i];
		char label[16];
		if (b->quarter)
			snprintf(label, sizeof label, cw >= 8 ? "%d Q%d" : "Q%d", cw >= 8 ? b->year : b->quarter,
				 b->quarter);
		else
			snprintf(label, sizeof label, cw >= 5 ? "%d" : "'%02d", cw >= 5 ? b->year : b->year % 100);
		term_text(stdscr, y, x0 + i * cw, label, cw - 1,
			  t->first + i == t->cursor ? R_TITLE : R_DIM, true);
	}
}

static void draw(view *v, app *a, int top, int height)
{
	trends *t = v->state;
	recount(t, a);
	const char *ftext = bd_filter_text(a->list.filter);
	char title[200];
	snprintf(title, sizeof title, "Incidents and ICO fines per %s%s%s", t->tr.quarterly ? "quarter" : "year",
		 *ftext ? ", filter: " : "", ftext);
	term_text(stdscr, top, 0, title, COLS, R_TITLE, true);
	v->cursor_y = top;
	v->cursor_x = 0;
	if (!t->tr.n) {
		term_text(stdscr, top + 2, 2, "No dated incident matches.", COLS - 4, R_DIM, false);
		return;
	}
	int x0 = 11, cw = (COLS - x0) / t->tr.n;
	cw = cw < 4 ? 4 : cw > 10 ? 10 : cw;
	int shown = (COLS - x0) / cw;
	shown = shown > t->tr.n ? t->tr.n : shown;
	if (t->cursor < t->first)
		t->first = t->cursor;
	if (t->cursor >= t->first + shown)
		t->first = t->cursor - shown + 1;
	level_row(t, a, top + 1, BD_SCOPE_UK, cw, x0, shown);
	level_row(t, a, top + 2, BD_SCOPE_NI, cw, x0, shown);
	int h = (height - 9) / 2;
	h = h < 2 ? 2 : h;
	int base1 = top + 3 + h;
	term_text(stdscr, top + 3, 0, "incidents", x0 - 1, R_DIM, true);
	columns(t, base1, h, cw, x0, shown, false);
	int base2 = base1 + 2 + h;
	term_text(stdscr, base1 + 2, 0, "ICO fines", x0 - 1, R_DIM, true);
	bool millions = t->tr.max_fines >= 1000000;
	term_text(stdscr, base1 + 3, 0, the_term->ascii ? (millions ? "(GBP M)" : "(GBP k)")
		  : (millions ? "(£M)" : "(£k)"), x0 - 1, R_DIM, true);
	columns(t, base2, h, cw, x0, shown, true);
	axis(t, base2 + 2, cw, x0, shown);
	const bd_trend_bucket *b = &t->tr.v[t->cursor];
	char label[16], num[32], info[200];
	bd_trend_label(b, label, sizeof label);
	bd_format_thousands(b->fines, num, sizeof num);
	snprintf(info, sizeof info, "%s: %d incident%s, %d ICO fine%s%s%s%s  (Left/Right: period)%s", label,
		 b->n, b->n == 1 ? "" : "s", b->n_fines, b->n_fines == 1 ? "" : "s",
		 b->n_fines ? " totalling " : "", b->n_fines ? (the_term->ascii ? "GBP " : "£") : "",
		 b->n_fines ? num : "", t->tr.undated ? "; undated incidents are in no period" : "");
	if (base2 + 3 < top + height)
		term_text(stdscr, base2 + 3, 0, info, COLS, R_NORMAL, true);
	v->cursor_y = base2 + 2;
	v->cursor_x = x0 + (t->cursor - t->first) * cw;
}

static bool act(view *v, app *a, int action)
{
	trends *t = v->state;
	switch (action) {
	case ACT_LEFT:  t->cursor--; break;
	case ACT_RIGHT: t->cursor++; break;
	case ACT_HOME:  t->cursor = 0; break;
	case ACT_END:   t->cursor = t->tr.n - 1; break;
	case ACT_FILTER:
		return list_act(a, action);
	default:
		return false;
	}
	if (t->cursor >= t->tr.n)
		t->cursor = t->tr.n - 1;
	if (t->cursor < 0)
		t->cursor = 0;
	return true;
}

static void reload(view *v, app *a)
{
	(void)a;
	lm_seen_forget(&((trends *)v->state)->seen);
}

static void destroy(view *v)
{
	trends *t = v->state;
	bd_trend_free(&t->tr);
	lm_seen_free(&t->seen);
	view_free(v);
}

static const view_ops trends_ops = {
	.name = "Trends",
	.draw = draw,
	.act = act,
	.reload = reload,
	.destroy = destroy,
};

view *view_trends_new(app *a)
{
	(void)a;
	return view_alloc(&trends_ops, sizeof(trends));
}
