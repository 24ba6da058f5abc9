/* Timeline (3): incidents and their referrals on a date axis, with the
 * threat-level bands (UK and Northern Ireland) behind them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "columns.h"
#include "keys.h"

typedef struct timeline {
	int from, to;           /* axis range as day numbers */
} timeline;

/* Days since 1 January year 0 of the proleptic calendar, for spacing. */
static int day_number(bd_date d)
{
	int y = d.year, m = d.month ? d.month : 1, dd = d.day ? d.day : 1;
	if (m < 3) {
		y--;
		m += 12;
	}
	return 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + dd;
}

static int to_x(const timeline *t, int day, int x0, int width)
{
	if (t->to <= t->from)
		return x0;
	long long x = (long long)(day - t->from) * (width - 1) / (t->to - t->from);
	return x0 + (int)(x < 0 ? 0 : x >= width ? width - 1 : x);
}

/* The axis spans every incident and referral date in the list, padded to
 * whole months. Reads the shown incidents only. */
static void compute_range(timeline *t, app *a, int height)
{
	t->from = t->to = 0;
	bd_rowset rs;
	if (bd_query_window(a->list.store, &a->list.query, a->list.top, height, &rs, NULL) != BD_OK)
		return;
	for (int i = 0; i < rs.n; i++) {
		bd_incident inc;
		if (bd_store_get(a->list.store, rs.v[i].id, &inc, NULL) != BD_OK)
			continue;
		bd_date ds[3 + 64];
		int n = 0;
		ds[n++] = bd_incident_date(&inc);
		for (size_t r = 0; r < inc.n_referrals && n < 67; r++)
			ds[n++] = inc.referrals[r].date;
		for (int k = 0; k < n; k++) {
			if (!bd_date_is_set(ds[k]))
				continue;
			int lo = day_number(bd_date_first_day(ds[k])), hi = day_number(bd_date_last_day(ds[k]));
			if (!t->from || lo < t->from)
				t->from = lo;
			if (!t->to || hi > t->to)
				t->to = hi;
		}
		bd_incident_free(&inc);
	}
	bd_rowset_free(&rs);
	t->from -= 15;
	t->to += 15;
}

static void draw_band(app *a, const timeline *t, int scope, int y, int x0, int width, const char *label)
{
	term_text(stdscr, y, 0, label, x0 - 1, R_DIM, false);
	for (size_t i = 0; i < a->ds.threats.n; i++) {
		const bd_threat_period *p = &a->ds.threats.v[i];
		if (p->scope != scope)
			continue;
		int from = day_number(p->from);
		int to = bd_date_is_set(p->to) ? day_number(p->to) : t->to;
		if (to < t->from || from > t->to)
			continue;
		int xa = to_x(t, from < t->from ? t->from : from, x0, width);
		int xb = to_x(t, to > t->to ? t->to : to, x0, width);
		attr_t at = term_attr(term_level_role(p->level)) | A_REVERSE;
		for (int x = xa; x <= xb; x++)
			term_text_attr(stdscr, y, x, " ", 1, at, false);
		const char *name = bd_vocab_label(&bd_levels, p->level);
		if (xb - xa + 1 >= (int)strlen(name) + 2)
			term_text_attr(stdscr, y, xa + 1, name, xb - xa - 1, at, false);
		else if (xb - xa >= 1)
			term_text_attr(stdscr, y, xa, name, xb - xa + 1, at, false);
	}
}

static void draw_axis(const timeline *t, int y, int x0, int width)
{
	term_fill(stdscr, y, 0, COLS, R_COLHEAD);
	term_text(stdscr, y, 0, "INCIDENT", x0 - 1, R_COLHEAD, false);
	bool first = true;
	int last_x = -100;
	for (int year = 1990; year < 2100; year++)
		for (int m = 1; m <= 12; m++) {
			bd_date d = { year, m, 1 };
			int day = day_number(d);
			if (day < t->from || day > t->to)
				continue;
			int x = to_x(t, day, x0, width);
			char buf[16];
			if (first || m == 1)
				snprintf(buf, sizeof buf, "%04d-%02d", year, m);
			else
				snprintf(buf, sizeof buf, "%02d", m);
			int len = (int)strlen(buf);
			if (x - last_x > 1 && x + len <= x0 + width) {
				term_text(stdscr, y, x, buf, len, R_COLHEAD, false);
				last_x = x + len;
				first = false;
			}
		}
}

static void draw_incident(const timeline *t, app *a, const bd_row *r, int y, int x0, int width, bool sel)
{
	const glyphs *g = the_term->g;
	char label[96], date[11];
	bd_date_format(r->date, date);
	snprintf(label, sizeof label, "%s %s", app_is_marked(a, r->id) ? g->mark : " ", r->force_short);
	term_text(stdscr, y, 0, label, x0 - 1, sel ? R_SELECTED : R_NORMAL, true);
	bd_incident inc;
	if (bd_store_get(a->list.store, r->id, &inc, NULL) != BD_OK)
		return;
	bd_date d = bd_incident_date(&inc);
	int ix = bd_date_is_set(d) ? to_x(t, day_number(d), x0, width) : -1;
	int last = ix;
	for (size_t i = 0; i < inc.n_referrals; i++)
		if (bd_date_is_set(inc.referrals[i].date)) {
			int rx = to_x(t, day_number(inc.referrals[i].date), x0, width);
			last = rx > last ? rx : last;
		}
	for (int x = ix + 1; ix >= 0 && x < last; x++)
		term_text(stdscr, y, x, the_term->ascii ? "-" : "─", 1, R_DIM, false);
	for (size_t i = 0; i < inc.n_referrals; i++) {
		const bd_referral *rf = &inc.referrals[i];
		if (!bd_date_is_set(rf->date))
			continue;
		int rx = to_x(t, day_number(rf->date), x0, width);
		if (rx == ix && rx + 1 < x0 + width)
			rx++;   /* beside the incident's mark, not hidden under it */
		const char *letter = rf->body == BD_BODY_ICO ? "I" : rf->body == BD_BODY_NCA ? "N" : "O";
		term_text(stdscr, y, rx, letter, 1, rf->status >= BD_REF_REPRIMAND ? R_EXPOSED : R_KEY, false);
	}
	if (ix >= 0)
		term_text(stdscr, y, ix, g->event, 1, sel ? R_SELECTED : R_TITLE, false);
	bd_incident_free(&inc);
}

static void draw(view *v, app *a, int top, int height)
{
	timeline *t = v->state;
	int x0 = COLS >= 100 ? 20 : 16;
	int width = COLS - x0 - 1;
	int rows = height - 5;
	lm_set_height(&a->list, rows);
	compute_range(t, a, rows);
	draw_band(a, t, BD_SCOPE_UK, top, x0, width, "UK threat");
	draw_band(a, t, BD_SCOPE_NI, top + 1, x0, width, "NI threat");
	draw_axis(t, top + 2, x0, width);
	for (int i = 0; i < rows; i++) {
		long long pos = a->list.top + i;
		const bd_row *r = lm_row(&a->list, pos);
		if (!r)
			break;
		bool sel = pos == a->list.cursor;
		draw_incident(t, a, r, top + 3 + i, x0, width, sel);
		if (sel) {
			v->cursor_y = top + 3 + i;
			v->cursor_x = 0;
		}
	}
	const glyphs *g = the_term->g;
	char legend[160];
	snprintf(legend, sizeof legend, "%s incident  I ICO  N NCA  O other  (bold: reprimand, fine)  bands: threat level",
		 g->event);
	term_text(stdscr, top + height - 1, 0, legend, COLS, R_DIM, false);
}

static bool act(view *v, app *a, int action)
{
	(void)v;
	return list_act(a, action);
}

static const view_ops timeline_ops = {
	.name = "Timeline",
	.draw = draw,
	.act = act,
	.destroy = view_free,
};

view *view_timeline_new(app *a)
{
	(void)a;
	return view_alloc(&timeline_ops, sizeof(timeline));
}
