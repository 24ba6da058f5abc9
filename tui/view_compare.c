/* Compare (Space marks, c opens): 2 to 4 incidents in columns, row by row,
 * the rows that differ highlighted and flagged, all scrolling together. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "compare.h"
#include "keys.h"

typedef struct cmpview {
	bd_comparison cmp;
	char *titles[BD_COMPARE_MAX];
	bool ok;
	int scroll;
	bool only_diffs;
} cmpview;

static void load(cmpview *c, app *a)
{
	bd_incident incs[BD_COMPARE_MAX];
	const bd_incident *ptrs[BD_COMPARE_MAX];
	int n = 0;
	if (c->ok)
		bd_comparison_free(&c->cmp);
	for (int i = 0; i < BD_COMPARE_MAX; i++) {
		free(c->titles[i]);
		c->titles[i] = NULL;
	}
	c->ok = false;
	for (int i = 0; i < a->n_marks; i++)
		if (bd_store_get(a->ds.store, a->marks[i], &incs[n], NULL) == BD_OK) {
			ptrs[n] = &incs[n];
			c->titles[n] = strdup(incs[n].title);
			n++;
		}
	if (n >= 2)
		c->ok = bd_compare_build(ptrs, n, &a->ds.threats, the_term->ascii, &c->cmp) == BD_OK;
	for (int i = 0; i < n; i++)
		bd_incident_free(&incs[i]);
}

static int field_role(int state)
{
	return state == BD_FIELD_EXPOSED ? R_EXPOSED : state == BD_FIELD_SAFE ? R_SAFE
	     : state == BD_FIELD_REPORTED ? R_DIM : state == BD_FIELD_LOST ? R_NORMAL : R_UNKNOWN;
}

static const char *field_glyph(int state)
{
	const glyphs *g = the_term->g;
	return state == BD_FIELD_EXPOSED ? g->exposed : state == BD_FIELD_SAFE ? g->safe
	     : state == BD_FIELD_REPORTED ? g->reported : state == BD_FIELD_LOST ? g->lost : g->unknown;
}

static void draw_row(const cmpview *c, const bd_cmp_row *r, int y, int label_w, int cell_w)
{
	if (r->kind == BD_CMP_SECTION) {
		term_text(stdscr, y, 0, r->label, COLS, R_COLHEAD, true);
		return;
	}
	term_text(stdscr, y, 0, r->differs ? the_term->g->diff : " ", 1, R_DIFF, false);
	term_text(stdscr, y, 2, r->label, label_w - 2, r->differs ? R_DIFF : R_DIM, false);
	for (int i = 0; i < c->cmp.n; i++) {
		int x = label_w + i * (cell_w + 1);
		if (r->kind == BD_CMP_FIELD) {
			int role = field_role(r->states[i]);
			term_text(stdscr, y, x, field_glyph(r->states[i]), 1, role, false);
			term_text(stdscr, y, x + 2, r->cells[i], cell_w - 2, role, false);
		} else {
			term_text(stdscr, y, x, r->cells[i], cell_w, r->differs ? R_TITLE : R_NORMAL, false);
		}
	}
}

static int visible_rows(const cmpview *c, int *rows, int max)
{
	int n = 0;
	for (size_t r = 0; r < c->cmp.n_rows && n < max; r++)
		if (!c->only_diffs || c->cmp.rows[r].differs || c->cmp.rows[r].kind == BD_CMP_SECTION)
			rows[n++] = (int)r;
	return n;
}

static void draw(view *v, app *a, int top, int height)
{
	cmpview *c = v->state;
	(void)a;
	v->cursor_y = top;
	if (!c->ok) {
		term_text(stdscr, top + 1, 2, "Mark 2 to 4 incidents with Space in the overview, then press c.",
			  COLS - 4, R_DIM, false);
		return;
	}
	int label_w = COLS >= 100 ? 24 : 18;
	int cell_w = (COLS - label_w) / c->cmp.n - 1;
	for (int i = 0; i < c->cmp.n; i++) {
		int x = label_w + i * (cell_w + 1);
		term_text(stdscr, top, x, c->cmp.heads[i], cell_w, R_TITLE, false);
		term_text(stdscr, top + 1, x, c->titles[i], cell_w, R_DIM, false);
	}
	term_text(stdscr, top, 0, c->only_diffs ? "d: all rows" : "d: diffs only",
		  label_w - 1, R_DIM, false);
	int *rows = malloc((c->cmp.n_rows + 1) * sizeof *rows);
	if (!rows)
		return;
	int n = visible_rows(c, rows, (int)c->cmp.n_rows);
	int body = height - 2;
	if (c->scroll > n - body)
		c->scroll = n - body > 0 ? n - body : 0;
	for (int i = 0; i < body && c->scroll + i < n; i++)
		draw_row(c, &c->cmp.rows[rows[c->scroll + i]], top + 2 + i, label_w, cell_w);
	free(rows);
}

static bool act(view *v, app *a, int action)
{
	cmpview *c = v->state;
	int page = LINES - 5 > 1 ? LINES - 5 : 1;
	switch (action) {
	case ACT_UP:   if (c->scroll > 0) c->scroll--; return true;
	case ACT_DOWN: c->scroll++; return true;
	case ACT_PGUP: c->scroll = c->scroll > page ? c->scroll - page : 0; return true;
	case ACT_PGDN: c->scroll += page; return true;
	case ACT_HOME: c->scroll = 0; return true;
	case ACT_END:  c->scroll = 1 << 20; return true;
	case ACT_DIFFS: c->only_diffs = !c->only_diffs; c->scroll = 0; return true;
	case ACT_MARK: return true;
	case ACT_EXPORT: return list_act(a, action);    /* the compared (marked) incidents */
	default:       return false;
	}
}

static void reload(view *v, app *a)
{
	load(v->state, a);
}

static void destroy(view *v)
{
	cmpview *c = v->state;
	if (c->ok)
		bd_comparison_free(&c->cmp);
	for (int i = 0; i < BD_COMPARE_MAX; i++)
		free(c->titles[i]);
	view_free(v);
}

static const view_ops compare_ops = {
	.name = "Compare",
	.draw = draw,
	.act = act,
	.reload = reload,
	.destroy = destroy,
};

view *view_compare_new(app *a)
{
	view *v = view_alloc(&compare_ops, sizeof(cmpview));
	if (!v)
		return NULL;
	cmpview *c = v->state;
	load(c, a);
	return v;
}

