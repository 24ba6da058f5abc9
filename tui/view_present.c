/* Presentation (p, --present): one incident per screen, large and
 * uncluttered, for a screen shared in a briefing room. Space and Backspace
 * step through the marked incidents, or else the view as filtered. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "render.h"
#include "text.h"

typedef struct present {
	char *ids[MAX_MARKS];   /* the marked incidents, when there are any */
	int n_ids;
	long long at;           /* which one is shown */
	bd_incident inc;
	bool loaded;
	long long loaded_at;
	unsigned loaded_gen;    /* the list's generation when it was loaded */
} present;

/* A three-row block font for the affected count: digits and commas. */
static const char *const big_digits[11][3] = {
	{ "█▀█", "█ █", "▀▀▀" }, { " ▀█", "  █", "  ▀" }, { "▀▀█", "█▀▀", "▀▀▀" },
	{ "▀▀█", " ▀█", "▀▀▀" }, { "█ █", "▀▀█", "  ▀" }, { "█▀▀", "▀▀█", "▀▀▀" },
	{ "█▀▀", "█▀█", "▀▀▀" }, { "▀▀█", "  █", "  ▀" }, { "█▀█", "█▀█", "▀▀▀" },
	{ "█▀█", "▀▀█", "▀▀▀" }, { "  ", "  ", "▄▀" },
};

static long long total(const present *p, app *a)
{
	return p->n_ids ? p->n_ids : a->list.count;
}

static void load(present *p, app *a)
{
	if (p->loaded && p->loaded_at == p->at)
		return;
	/* The next one is a step from the one shown, in the list's order as
	 * long as that has not changed; else it is counted from the start. */
	bool near = p->loaded && p->loaded_gen == a->list.generation;
	char *from = near ? strdup(p->inc.id) : NULL;
	if (p->loaded)
		bd_incident_free(&p->inc);
	p->loaded = false;
	char *id = NULL;
	if (p->n_ids)
		id = strdup(p->ids[p->at]);
	else if (bd_query_step(a->list.store, &a->list.query, from, from ? p->at - p->loaded_at : p->at,
			       &id, NULL) != BD_OK)
		id = NULL;
	free(from);
	if (id)
		p->loaded = bd_store_get(a->list.store, id, &p->inc, NULL) == BD_OK;
	p->loaded_at = p->at;
	p->loaded_gen = a->list.generation;
	free(id);
}

static int big_number(int y, int x, const char *num)
{
	int w = 0;
	for (const char *c = num; *c; c++) {
		int g = *c == ',' ? 10 : *c >= '0' && *c <= '9' ? *c - '0' : -1;
		if (g < 0)
			continue;
		for (int row = 0; row < 3; row++)
			term_text(stdscr, y + row, x + w, big_digits[g][row], 3, R_TITLE, false);
		w += g == 10 ? 3 : 4;
	}
	return w;
}

/* A labelled value, wrapped at word boundaries onto up to three lines.
 * Returns the lines used. */
static int line(int y, const char *label, const char *value, int role)
{
	int width = COLS - 19, used = 0;
	term_text(stdscr, y, 3, label, 13, R_DIM, false);
	char *text = bd_text_sanitize(value, the_term->ascii ? BD_TEXT_ASCII : 0);
	const char *p = text ? text : "";
	while (*p && used < 3) {
		/* the last line takes the rest, cut with an ellipsis */
		size_t n = used < 2 ? bd_text_line(p, width) : strlen(p);
		char *part = strndup(p, n);
		term_text(stdscr, y + used++, 17, part, width, role, false);
		free(part);
		p += n;
		while (*p == ' ')
			p++;
	}
	free(text);
	return used ? used : 1;
}

static void referral_summary(const bd_incident *inc, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (int body = BD_BODY_ICO; body <= BD_BODY_NCA && o < size; body++) {
		int st = bd_incident_referral_status(inc, body);
		long long amount = -1;
		for (size_t i = 0; i < inc->n_referrals; i++)
			if (inc->referrals[i].body == body && inc->referrals[i].amount >= 0)
				amount = inc->referrals[i].amount;
		char num[32] = "";
		if (amount >= 0) {
			char n[24];
			bd_format_thousands(amount, n, sizeof n);
			snprintf(num, sizeof num, " %s%s", the_term->ascii ? "GBP " : "£", n);
		}
		o += (size_t)snprintf(buf + o, size - o, "%s%s: %s%s", body ? "    " : "",
				      bd_vocab_label(&bd_bodies, body), st < 0 ? "unknown" : bd_vocab_name(&bd_ref_statuses, st), num);
	}
}

static void draw(view *v, app *a, int top, int height)
{
	present *p = v->state;
	long long n = total(p, a);
	v->cursor_y = top;
	if (n == 0) {
		term_text(stdscr, top + 2, 3, "Nothing to present: mark incidents with Space, or clear the filter.",
			  COLS - 6, R_DIM, false);
		return;
	}
	if (p->at >= n)
		p->at = n - 1;
	load(p, a);
	char buf[512], date[11];
	snprintf(buf, sizeof buf, "%lld / %lld", p->at + 1, n);
	term_text(stdscr, top, COLS - (int)strlen(buf) - 2, buf, (int)strlen(buf), R_DIM, false);
	if (!p->loaded)
		return;
	const bd_incident *inc = &p->inc;
	bd_date_format(bd_incident_date(inc), date);
	snprintf(buf, sizeof buf, "%s  %s  %s", inc->force_short, *date ? date : "undated",
		 bd_vocab_label(&bd_kinds, inc->kind));
	term_text(stdscr, top + 1, 3, buf, COLS - 6, R_DIM, false);
	int y = top + 2;
	/* the title, wrapped onto at most two lines */
	char *title = bd_text_sanitize(inc->title, the_term->ascii ? BD_TEXT_ASCII : 0);
	if (title) {
		size_t cut = bd_text_line(title, COLS - 6);
		char keep = title[cut];
		title[cut] = '\0';
		term_text(stdscr, y++, 3, title, COLS - 6, R_TITLE, false);
		title[cut] = keep;
		if (keep)
			term_text(stdscr, y++, 3, title + cut + (keep == ' '), COLS - 6, R_TITLE, false);
		free(title);
	}
	y++;
	char num[32];
	const char *qual = inc->qualifier == BD_Q_APPROX ? "about" : inc->qualifier == BD_Q_AT_LEAST
		? "at least" : inc->qualifier == BD_Q_UP_TO ? "up to" : "";
	if (inc->affected >= 0 && !the_term->ascii && height >= 20) {
		bd_format_thousands(inc->affected, num, sizeof num);
		int x = 3;
		if (*qual)
			x += term_text(stdscr, y + 1, x, qual, 10, R_TITLE, false) + 2;
		big_number(y, x, num);
		y += 3;
	} else {
		bd_format_affected(inc->affected, inc->qualifier, the_term->ascii, num, sizeof num);
		term_text(stdscr, y++, 3, num, COLS - 6, R_TITLE, false);
	}
	snprintf(buf, sizeof buf, "people affected%s", inc->affected < 0 ? ": no source gives a count" : "");
	term_text(stdscr, y++, 3, buf, COLS - 6, R_DIM, false);
	y++;
	char *exposed = bd_render_fields_marked(inc->exposed, bd_incident_reported(inc), true);
	char *safe = bd_render_fields(inc->not_exposed, true), *lost = bd_render_fields(inc->lost, true);
	y += line(y, "Exposed", exposed && *exposed ? exposed : "none known", R_EXPOSED);
	y += line(y, "Not exposed", safe && *safe ? safe : "none known", R_SAFE);
	if (inc->lost)
		y += line(y, "Lost", lost, R_NORMAL);
	free(exposed);
	free(safe);
	free(lost);
	referral_summary(inc, buf, sizeof buf);
	y += line(y, "Told", buf, R_NORMAL);
	int scope = bd_threat_scope_for(inc->nation);
	const bd_threat_period *tp = scope >= 0 ? bd_threat_at(&a->ds.threats, scope, bd_incident_date(inc)) : NULL;
	snprintf(buf, sizeof buf, "%s%s", tp ? bd_vocab_label(&bd_levels, tp->level) : "not known",
		 tp ? (scope == BD_SCOPE_NI ? " (Northern Ireland-related)" : " (UK national)") : "");
	y += line(y, "Threat", buf, tp ? term_level_role(tp->level) : R_DIM);
	if (y < top + height - 1)
		term_text(stdscr, top + height - 1, 3, "Space next   Backspace previous   Esc ends",
			  COLS - 6, R_DIM, false);
}

static bool act(view *v, app *a, int action)
{
	present *p = v->state;
	long long n = total(p, a);
	switch (action) {
	case ACT_MARK: case ACT_DOWN: case ACT_RIGHT: case ACT_PGDN:
		if (p->at + 1 < n)
			p->at++;
		else if (!p->n_ids && !a->list.exact) {
			lm_goto(&a->list, p->at + 1);   /* counts further */
			if (p->at + 1 < total(p, a))
				p->at++;
		}
		return true;
	case ACT_PREV: case ACT_UP: case ACT_LEFT: case ACT_PGUP:
		if (p->at > 0)
			p->at--;
		return true;
	case ACT_HOME:
		p->at = 0;
		return true;
	default:
		return false;
	}
}

static void reload(view *v, app *a)
{
	present *p = v->state;
	(void)a;
	p->loaded_at = -1;
}

static void destroy(view *v)
{
	present *p = v->state;
	for (int i = 0; i < p->n_ids; i++)
		free(p->ids[i]);
	if (p->loaded)
		bd_incident_free(&p->inc);
	view_free(v);
}

static const view_ops present_ops = {
	.name = "Presentation",
	.draw = draw,
	.act = act,
	.reload = reload,
	.destroy = destroy,
};

view *view_present_new(app *a)
{
	view *v = view_alloc(&present_ops, sizeof(present));
	if (!v)
		return NULL;
	present *p = v->state;
	for (int i = 0; i < a->n_marks; i++)
		p->ids[p->n_ids++] = strdup(a->marks[i]);
	if (!p->n_ids)
		p->at = a->list.cursor;        /* from the selected incident on */
	p->loaded_at = -1;
	return v;
}
