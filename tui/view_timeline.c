/* Timeline (3): incidents and their referrals on a date axis, with the
 * threat-level bands (UK and Northern Ireland) above them.
 *
 * The axis spans every date of the filtered set (not only the rows on the
 * screen), so rows stay comparable as the cursor moves; + and - zoom,
 * Left and Right pan. Each event is a letter (an outcome is told by shape,
 * not colour alone); events that fall in one cell show their count, and
 * the line below the chart names the selected incident's events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "columns.h"
#include "keys.h"

typedef struct timeline {
	int span_from, span_to; /* day numbers of the filtered set, padded */
	int from, to;           /* the window shown */
	lm_seen seen;           /* the filter the figures were counted for */
	/* The incidents on screen, each read once while it stays there, not
	 * once a frame; dropped when the list reloads (shown_gen). */
	struct shown {
		char *id;
		bd_incident inc;
		bool ok;
	} *shown;
	int n_shown;
	unsigned shown_gen;
} timeline;

static void shown_free(struct shown *v, int n)
{
	for (int i = 0; i < n; i++) {
		if (v[i].ok)
			bd_incident_free(&v[i].inc);
		free(v[i].id);
	}
	free(v);
}

/* The incidents of the rows on screen: those read before are kept, the
 * others read now. */
static void shown_update(timeline *t, app *a, int rows)
{
	if (t->shown_gen != a->list.generation) {
		shown_free(t->shown, t->n_shown);
		t->shown = NULL;
		t->n_shown = 0;
		t->shown_gen = a->list.generation;
	}
	struct shown *next = calloc(rows > 0 ? (size_t)rows : 1, sizeof *next);
	if (!next)
		return;
	int n = 0;
	for (; n < rows; n++) {
		const bd_row *r = lm_row(&a->list, a->list.top + n);
		if (!r)
			break;
		int k = 0;
		while (k < t->n_shown && !(t->shown[k].id && !strcmp(t->shown[k].id, r->id)))
			k++;
		if (k < t->n_shown) {
			next[n] = t->shown[k];
			t->shown[k] = (struct shown){ 0 };
			continue;
		}
		next[n].id = strdup(r->id);
		next[n].ok = bd_store_get(a->list.store, r->id, &next[n].inc, NULL) == BD_OK;
	}
	shown_free(t->shown, t->n_shown);
	t->shown = next;
	t->n_shown = n;
}

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

/* Column of a day, or -1 left of the window, width right of it. */
static int col_of(const timeline *t, int day, int width)
{
	if (day < t->from)
		return -1;
	if (day > t->to)
		return width;
	if (t->to <= t->from)
		return 0;
	return (int)((long long)(day - t->from) * (width - 1) / (t->to - t->from));
}

static void recount(timeline *t, app *a)
{
	if (!lm_seen_stale(&t->seen, &a->list))
		return;
	bd_date from, to;
	if (bd_query_span(a->list.store, &a->list.query, &from, &to)) {
		t->span_from = day_number(from) - 15;
		t->span_to = day_number(to) + 15;
	} else {
		t->span_from = t->span_to = 0;
	}
	t->from = t->span_from;
	t->to = t->span_to;
}

/* A band's level name inside its cells with a margin, shortened to what
 * fits, so neighbouring labels never run together. */
static void band_label(const char *name, int y, int xa, int xb, attr_t at)
{
	int room = xb - xa - 1, len = (int)strlen(name);
	int n = room >= len ? len : room >= 3 ? 3 : room >= 1 ? 1 : 0;
	char cut[24];
	snprintf(cut, sizeof cut, "%.*s", n, name);
	if (n)
		term_text_attr(stdscr, y, xa + 1, cut, n, at, false);
}

static void draw_band(app *a, const timeline *t, int scope, int y, int x0, int width, const char *label)
{
	term_text(stdscr, y, 0, label, x0 - 1, R_DIM, true);
	for (size_t i = 0; i < a->ds.threats.n; i++) {
		const bd_threat_period *p = &a->ds.threats.v[i];
		if (p->scope != scope)
			continue;
		int from = day_number(p->from);
		int to = bd_date_is_set(p->to) ? day_number(p->to) : t->to;
		if (to < t->from || from > t->to)
			continue;
		int xa = col_of(t, from < t->from ? t->from : from, width);
		int xb = col_of(t, to > t->to ? t->to : to, width);
		attr_t at = term_attr(term_level_role(p->level)) | A_REVERSE;
		for (int x = xa; x <= xb; x++)
			term_text_attr(stdscr, y, x0 + x, " ", 1, at, false);
		band_label(bd_vocab_label(&bd_levels, p->level), y, x0 + xa, x0 + xb, at);
	}
}

/* Ticks every `months` months from January, labelled by `fmt`: years
 * when ticks are far apart, months or quarters when they are not. A label
 * is drawn only where it ends before the next begins. */
static void draw_axis(const timeline *t, int y, int x0, int width)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
					   "Aug", "Sep", "Oct", "Nov", "Dec" };
	double per_col = (double)(t->to - t->from) / (width > 1 ? width - 1 : 1);
	int step = 30.4 / per_col >= 5 ? 1 : 91.3 / per_col >= 5 ? 3 : 365.25 / per_col >= 5 ? 12
		 : 365.25 * 2 / per_col >= 5 ? 24 : 60;
	term_fill(stdscr, y, 0, COLS, R_COLHEAD);
	term_text(stdscr, y, 0, "INCIDENT", x0 - 1, R_COLHEAD, false);
	int last_end = -1, y0 = 0;
	for (int year = 1900; year < 2200 && !y0; year++)
		if (day_number((bd_date){ year + 1, 1, 1 }) > t->from)
			y0 = year;
	for (int year = y0; year < 2200; year++)
		for (int m = 1; m <= 12; m += step > 12 ? 12 : step) {
			if (step > 12 && year % (step / 12))
				continue;
			int day = day_number((bd_date){ year, m, 1 });
			if (day > t->to)
				return;
			if (day < t->from)
				continue;
			int x = col_of(t, day, width);
			char buf[16];
			if (step >= 12 || m == 1)
				snprintf(buf, sizeof buf, "%04d", year);
			else if (step == 3)
				snprintf(buf, sizeof buf, "Q%d", (m - 1) / 3 + 1);
			else
				snprintf(buf, sizeof buf, "%s", mon[m - 1]);
			int len = (int)strlen(buf);
			if (x > last_end && x + len <= width) {
				term_text(stdscr, y, x0 + x, buf, len, R_COLHEAD, false);
				last_end = x + len;
			}
		}
}

/* The letter of a referral: the outcome for the ICO, the body otherwise. */
static const char *event_letter(const bd_referral *r)
{
	if (r->body == BD_BODY_NCA)
		return "N";
	if (r->body == BD_BODY_IOPC)
		return "P";
	if (r->body != BD_BODY_ICO)
		return "O";
	switch (r->status) {
	case BD_REF_FINE:        return "F";
	case BD_REF_REPRIMAND:   return "R";
	case BD_REF_ENFORCEMENT: return "E";
	case BD_REF_UNDERTAKING: return "U";
	case BD_REF_CLOSED:      return "c";
	default:                 return "i";
	}
}

enum { MAX_EVENTS = 64 };

typedef struct event {
	int x;
	const char *glyph;
	int role;
} event;

/* Events in one cell show their number instead of hiding each other. */
static void draw_events(event *ev, int n, int y, int x0, bool sel)
{
	for (int i = 0; i < n; i++) {
		int same = 0;
		for (int k = 0; k < n; k++)
			same += ev[k].x == ev[i].x;
		char count[4];
		snprintf(count, sizeof count, "%d", same > 9 ? 9 : same);
		term_text(stdscr, y, x0 + ev[i].x, same > 1 ? count : ev[i].glyph, 1,
			  sel ? R_SELECTED : same > 1 ? R_TITLE : ev[i].role, false);
	}
}

static void draw_incident(const timeline *t, app *a, const bd_row *r, const struct shown *sh,
			  int y, int x0, int width, bool sel, char *info, size_t info_size)
{
	const glyphs *g = the_term->g;
	char label[96];
	snprintf(label, sizeof label, "%s %s", app_is_marked(a, r->id) ? g->mark : " ", r->force_short);
	term_text(stdscr, y, 0, label, x0 - 1, sel ? R_SELECTED : R_NORMAL, true);
	if (!sh || !sh->ok)
		return;
	const bd_incident *inc = &sh->inc;
	event ev[MAX_EVENTS];
	int n = 0, lo = width, hi = -1;
	bool left = false, right = false;
	char d[11];
	size_t o = 0;
	bd_date_format(bd_incident_date(inc), d);
	if (sel)
		o += (size_t)snprintf(info, info_size, "%s %s: ", inc->force_short, *d ? d : "undated");
	bd_date id = bd_incident_date(inc);
	if (bd_date_is_set(id)) {
		int x = col_of(t, day_number(id), width);
		if (x >= 0 && x < width)
			ev[n++] = (event){ x, g->event, R_TITLE };
		left |= x < 0;
		right |= x >= width;
		lo = x < lo ? x : lo;
		hi = x > hi ? x : hi;
	}
	for (size_t i = 0; i < inc->n_referrals && n < MAX_EVENTS; i++) {
		const bd_referral *rf = &inc->referrals[i];
		bd_date_format(rf->date, d);
		if (sel && o < info_size)
			o += (size_t)snprintf(info + o, info_size - o, "%s%s %s %s", i ? ", " : "",
					      bd_vocab_label(&bd_bodies, rf->body),
					      bd_vocab_label(&bd_ref_statuses, rf->status), *d ? d : "undated");
		if (!bd_date_is_set(rf->date))
			continue;
		int x = col_of(t, day_number(rf->date), width);
		if (x >= 0 && x < width) {
			bool grave = bd_ref_status_rank(rf->status) >= bd_ref_status_rank(BD_REF_REPRIMAND);
			ev[n++] = (event){ x, event_letter(rf), grave ? R_EXPOSED : R_KEY };
		}
		left |= x < 0;
		right |= x >= width;
		lo = x < lo ? x : lo;
		hi = x > hi ? x : hi;
	}
	if (sel && !inc->n_referrals && o < info_size)
		snprintf(info + o, info_size - o, "no referral recorded");
	/* the span from the incident to its last referral, within the window */
	for (int x = (lo < 0 ? 0 : lo + 1); hi >= 0 && x < hi && x < width; x++)
		term_text(stdscr, y, x0 + x, the_term->ascii ? "-" : "─", 1, R_DIM, false);
	draw_events(ev, n, y, x0, sel);
	if (left)
		term_text(stdscr, y, x0 - 1, "<", 1, R_DIM, false);
	if (right)
		term_text(stdscr, y, x0 + width, ">", 1, R_DIM, false);
}

static void draw(view *v, app *a, int top, int height)
{
	timeline *t = v->state;
	recount(t, a);
	int x0 = COLS >= 100 ? 20 : 16;
	int width = COLS - x0 - 1;
	int rows = height - 5;
	lm_set_height(&a->list, rows);
	draw_band(a, t, BD_SCOPE_UK, top, x0, width, "UK threat");
	draw_band(a, t, BD_SCOPE_NI, top + 1, x0, width, "NI threat");
	draw_axis(t, top + 2, x0, width);
	shown_update(t, a, rows);
	char info[512] = "";
	for (int i = 0; i < rows; i++) {
		long long pos = a->list.top + i;
		const bd_row *r = lm_row(&a->list, pos);
		if (!r)
			break;
		bool sel = pos == a->list.cursor;
		draw_incident(t, a, r, i < t->n_shown ? &t->shown[i] : NULL, top + 3 + i, x0, width, sel,
			      info, sizeof info);
		if (sel) {
			v->cursor_y = top + 3 + i;
			v->cursor_x = 0;
		}
	}
	const glyphs *g = the_term->g;
	char legend[256];
	snprintf(legend, sizeof legend, "%s incident  ICO: i referred  c closed  U undertaking  R reprimand"
		 "  E enforcement  F fine  N NCA  P IOPC  O other  2+ in one cell  +/- zoom  Left/Right pan",
		 g->event);
	term_text(stdscr, top + height - 2, 0, legend, COLS, R_DIM, true);
	term_text(stdscr, top + height - 1, 0, info, COLS, R_NORMAL, true);
}

static void zoom(timeline *t, app *a, bool in)
{
	int span = t->to - t->from, full = t->span_to - t->span_from;
	const bd_row *r = lm_current(&a->list);
	int mid = r && bd_date_is_set(r->date) ? day_number(r->date) : t->from + span / 2;
	if (mid < t->from || mid > t->to)
		mid = t->from + span / 2;
	int half = in ? span / 4 : span;
	if (half < 15)
		half = 15;
	if (2 * half >= full) {
		t->from = t->span_from;
		t->to = t->span_to;
		return;
	}
	t->from = mid - half;
	t->to = mid + half;
	if (t->from < t->span_from) {
		t->to += t->span_from - t->from;
		t->from = t->span_from;
	}
	if (t->to > t->span_to) {
		t->from -= t->to - t->span_to;
		t->to = t->span_to;
	}
}

static void pan(timeline *t, int dir)
{
	int span = t->to - t->from, step = span / 4 ? span / 4 : 1;
	int move = dir * step;
	if (t->from + move < t->span_from)
		move = t->span_from - t->from;
	if (t->to + move > t->span_to)
		move = t->span_to - t->to;
	t->from += move;
	t->to += move;
}

static bool act(view *v, app *a, int action)
{
	timeline *t = v->state;
	switch (action) {
	case ACT_ZOOM_IN:  zoom(t, a, true); return true;
	case ACT_ZOOM_OUT: zoom(t, a, false); return true;
	case ACT_LEFT:     pan(t, -1); return true;
	case ACT_RIGHT:    pan(t, 1); return true;
	default:           return list_act(a, action);
	}
}

static void reload(view *v, app *a)
{
	timeline *t = v->state;
	(void)a;
	lm_seen_forget(&t->seen);
	shown_free(t->shown, t->n_shown);
	t->shown = NULL;
	t->n_shown = 0;
}

static void destroy(view *v)
{
	timeline *t = v->state;
	shown_free(t->shown, t->n_shown);
	lm_seen_free(&t->seen);
	view_free(v);
}

static const view_ops timeline_ops = {
	.name = "Timeline",
	.draw = draw,
	.act = act,
	.reload = reload,
	.destroy = destroy,
};

view *view_timeline_new(app *a)
{
	(void)a;
	return view_alloc(&timeline_ops, sizeof(timeline));
}
