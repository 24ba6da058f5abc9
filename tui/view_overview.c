/* Overview (1): one row per incident, sortable, filterable, searchable. */
#include <stdlib.h>

#include "app.h"
#include "columns.h"
#include "keys.h"

typedef struct overview {
	int skip;               /* optional columns scrolled off (h, l) */
} overview;

static void draw(view *v, app *a, int top, int height)
{
	overview *o = v->state;
	layout l;
	layout_for(&l, COLS, o->skip);
	columns_header(stdscr, top, &l, a->list.query.sort, a->list.query.desc);
	lm_set_height(&a->list, height - 1);
	if (a->list.count == 0 && a->list.error) {
		char *msg = NULL;
		if (asprintf(&msg, "The store cannot be read: %s. Quit, then move it away or restore it.",
			     a->list.error) < 0)
			msg = NULL;
		term_text(stdscr, top + 2, 2, msg ? msg : a->list.error, COLS - 4, R_ERROR, false);
		free(msg);
		v->cursor_y = top + 1;
		return;
	}
	if (a->list.count == 0) {
		term_text(stdscr, top + 2, 2, bd_filter_is_empty(a->list.filter)
			  ? "The store is empty. Import incidents with: breachdash import FILE"
			  : "No incident matches the filter. Press f to change it.", COLS - 4, R_DIM, false);
		v->cursor_y = top + 1;
		return;
	}
	for (int i = 0; i < height - 1; i++) {
		long long pos = a->list.top + i;
		const bd_row *r = lm_row(&a->list, pos);
		if (!r)
			break;
		bool sel = pos == a->list.cursor;
		columns_row(stdscr, top + 1 + i, &l, r, sel, app_is_marked(a, r->id));
		if (sel)
			v->cursor_y = top + 1 + i;
	}
	v->cursor_x = 0;
}

/* l scrolls the optional columns off to the left, so a long title shows
 * more; h brings them back. */
static bool act(view *v, app *a, int action)
{
	overview *o = v->state;
	if (action == ACT_RIGHT && o->skip < 8) {
		o->skip++;
		return true;
	}
	if (action == ACT_LEFT && o->skip > 0) {
		o->skip--;
		return true;
	}
	return list_act(a, action);
}

static void click(view *v, app *a, int y, int x)
{
	(void)v;
	(void)x;
	if (y >= 2 && y < LINES - 1)
		lm_goto(&a->list, a->list.top + (y - 2));
}

static const view_ops overview_ops = {
	.name = "Overview",
	.draw = draw,
	.act = act,
	.click = click,
	.destroy = view_free,
};

view *view_overview_new(app *a)
{
	(void)a;
	return view_alloc(&overview_ops, sizeof(overview));
}
