/* Exposure matrix (2): incidents against field types. A column cursor
 * (h/l) names the field and counts where it leaked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "columns.h"
#include "keys.h"

typedef struct matrix {
	int field;              /* the field column under the cursor (list position) */
	long long exposed, safe, lost, unknown; /* counts for it over the whole list */
	int counted_field;      /* the field they were counted for, -1: none */
	lm_seen seen;           /* and the filter */
} matrix;

static long long count_with(app *a, const char *extra)
{
	char *text = NULL;
	bd_filter *f = NULL;
	long long n = -1;
	if (asprintf(&text, "%s %s", bd_filter_text(a->list.filter), extra) < 0)
		return -1;
	if (bd_filter_parse(text, &f, NULL) == BD_OK) {
		bd_query q = a->list.query;
		q.filter = f;
		n = bd_query_count(a->list.store, &q, NULL);
	}
	bd_filter_free(f);
	free(text);
	return n;
}

/* The field under the cursor. */
static const bd_vocab_entry *cursor_field(const matrix *m)
{
	return &bd_fields.entries[bd_vocab_at(&bd_fields, (size_t)m->field)];
}

/* Counts for the field under the cursor, through the same filter language
 * the user types (so they agree with what `f field:X` would show). */
static void count_field(matrix *m, app *a)
{
	if (!lm_seen_stale(&m->seen, &a->list) && m->counted_field == m->field)
		return;
	char cond[64];
	snprintf(cond, sizeof cond, "field:%s", cursor_field(m)->name);
	m->exposed = count_with(a, cond);
	snprintf(cond, sizeof cond, "safe:%s", cursor_field(m)->name);
	m->safe = count_with(a, cond);
	snprintf(cond, sizeof cond, "lost:%s", cursor_field(m)->name);
	m->lost = count_with(a, cond);
	snprintf(cond, sizeof cond, "unknown:%s", cursor_field(m)->name);
	m->unknown = count_with(a, cond);
	m->counted_field = m->field;
}

static void draw(view *v, app *a, int top, int height)
{
	matrix *m = v->state;
	const glyphs *g = the_term->g;
	int n = (int)bd_fields.count, label_w = COLS >= 100 ? 30 : 22;
	/* Every field type on screen, a glyph and a space each where the
	 * width allows (at 80 columns the labels give up two columns for it),
	 * up to three columns a field on a wide screen. */
	if ((COLS - label_w) / n < 2 && COLS - 20 >= 2 * n)
		label_w = 20;
	int cell = (COLS - label_w) / n;
	cell = cell > 3 ? 3 : cell < 1 ? 1 : cell;
	count_field(m, a);
	char info[256];
	snprintf(info, sizeof info, "%s  %s exposed in %lld, %s not exposed in %lld, %s lost in %lld,"
		 " %s unknown in %lld of %lld", cursor_field(m)->label, g->exposed, m->exposed,
		 g->safe, m->safe, g->lost, m->lost, g->unknown, m->unknown, a->list.count);
	term_text(stdscr, top, 0, info, COLS, R_TITLE, true);
	term_fill(stdscr, top + 1, 0, COLS, R_COLHEAD);
	term_text(stdscr, top + 1, 0, "INCIDENT", label_w, R_COLHEAD, false);
	for (size_t k = 0; k < bd_fields.count; k++) {
		int x = label_w + (int)k * cell;
		term_text_attr(stdscr, top + 1, x, bd_fields.entries[bd_vocab_at(&bd_fields, k)].glyph, 1,
			       (int)k == m->field ? term_attr(R_SELECTED) : term_attr(R_COLHEAD), false);
	}
	lm_set_height(&a->list, height - 2);
	for (int i = 0; i < height - 2; i++) {
		long long pos = a->list.top + i;
		const bd_row *r = lm_row(&a->list, pos);
		if (!r)
			break;
		int y = top + 2 + i;
		bool sel = pos == a->list.cursor;
		char label[128], date[11];
		bd_date_format(r->date, date);
		snprintf(label, sizeof label, "%s %s %s", app_is_marked(a, r->id) ? g->mark : " ",
			 date, r->force_short);
		term_text(stdscr, y, 0, label, label_w - 1, sel ? R_SELECTED : R_NORMAL, true);
		for (size_t k = 0; k < bd_fields.count; k++) {
			bd_fieldset bit = BD_FIELD_BIT(bd_vocab_at(&bd_fields, k));
			int role = r->exposed & bit ? (r->reported & bit ? R_DIM : R_EXPOSED)
				 : r->not_exposed & bit ? R_SAFE : R_UNKNOWN;
			const char *glyph = r->exposed & bit ? (r->reported & bit ? g->reported : g->exposed)
					  : r->not_exposed & bit ? g->safe : r->lost & bit ? g->lost : g->unknown;
			attr_t at = term_attr(role);
			if (sel || (int)k == m->field)
				at |= A_REVERSE;
			term_text_attr(stdscr, y, label_w + (int)k * cell, glyph, 1, at, false);
		}
		if (sel) {
			v->cursor_y = y;
			v->cursor_x = 0;
		}
	}
}

static bool act(view *v, app *a, int action)
{
	matrix *m = v->state;
	if (action == ACT_LEFT) {
		m->field = (m->field + (int)bd_fields.count - 1) % (int)bd_fields.count;
		return true;
	}
	if (action == ACT_RIGHT) {
		m->field = (m->field + 1) % (int)bd_fields.count;
		return true;
	}
	return list_act(a, action);
}

static void reload(view *v, app *a)
{
	matrix *m = v->state;
	(void)a;
	lm_seen_forget(&m->seen);
}

static void destroy(view *v)
{
	matrix *m = v->state;
	lm_seen_free(&m->seen);
	view_free(v);
}

static const view_ops matrix_ops = {
	.name = "Exposure matrix",
	.draw = draw,
	.act = act,
	.reload = reload,
	.destroy = destroy,
};

view *view_matrix_new(app *a)
{
	(void)a;
	view *v = view_alloc(&matrix_ops, sizeof(matrix));
	if (!v)
		return NULL;
	matrix *m = v->state;
	m->counted_field = -1;
	return v;
}
