/* Help (?): every key, generated from the key table, with the filter
 * language and the symbols, in a panel over the current screen. */
#include <panel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "doc.h"
#include "filter.h"
#include "keys.h"

typedef struct help {
	WINDOW *win;
	PANEL *panel;
	doc body;
	int built_width;
	int scroll;
} help;

static void build(help *h, int width)
{
	const glyphs *g = the_term->g;
	doc *d = &h->body;
	doc_free(d);
	doc_init(d, width);
	doc_add(d, R_TITLE, "Keys");
	doc_nl(d);
	for (int i = 0; i < keymap_len; i++) {
		if (!keymap[i].keyname)
			continue;
		doc_tab(d, 2);
		doc_add(d, R_KEY, keymap[i].keyname);
		doc_tab(d, 16);
		doc_wrap(d, R_NORMAL, 16, keymap[i].help);
	}
	doc_nl(d);
	doc_add(d, R_TITLE, "Filter language (f)");
	doc_nl(d);
	char *copy = strdup(bd_filter_help), *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		doc_tab(d, 2);
		doc_wrap(d, R_NORMAL, 18, line);
	}
	free(copy);
	doc_nl(d);
	doc_add(d, R_TITLE, "Symbols");
	doc_nl(d);
	char buf[256];
	snprintf(buf, sizeof buf, "%s exposed   %s exposed, by hedged reports only   %s known not"
		 " exposed   %s lost, deleted or destroyed (availability, not exposure)   %s unknown"
		 " (no source says)", g->exposed, g->reported, g->safe, g->lost, g->unknown);
	doc_tab(d, 2);
	doc_wrap(d, R_NORMAL, 2, buf);
	doc_tab(d, 2);
	snprintf(buf, sizeof buf, "EXPOSED column: %s known not exposed, %s lost, %s unknown, and one"
		 " letter per exposed field type (dim: reported only):", g->safe, g->cell_lost,
		 g->cell_unknown);
	doc_wrap(d, R_NORMAL, 2, buf);
	for (size_t k = 0; k < bd_fields.count; k++) {
		const bd_vocab_entry *e = &bd_fields.entries[bd_vocab_at(&bd_fields, k)];
		doc_tab(d, 4 + (int)(k % 3) * (width / 3));
		doc_add(d, R_EXPOSED, e->glyph);
		doc_add(d, R_NORMAL, " ");
		doc_add(d, R_NORMAL, e->label);
		if (k % 3 == 2)
			doc_nl(d);
	}
	doc_nl(d);
	doc_tab(d, 2);
	doc_wrap(d, R_NORMAL, 2, "ICO, NCA: ref referred, inv investigating, closd closed, undtk"
		 " undertaking, repr reprimand, enf enforcement notice, fine; ? no referral recorded"
		 " (unknown, not \"never told\")");
	snprintf(buf, sizeof buf, "AFFECTED: ~ about, + at least, %s up to; the bar is log-scale (10 to 1,000,000)",
		 the_term->ascii ? "<=" : "≤");
	doc_tab(d, 2);
	doc_wrap(d, R_NORMAL, 2, buf);
	doc_tab(d, 2);
	doc_wrap(d, R_NORMAL, 2, "ICO / NCA: ref referred, inv investigating, repr reprimand, fine, closd closed");
	snprintf(buf, sizeof buf, "%s marked for compare   %s rows that differ (compare)", g->mark, g->diff);
	doc_tab(d, 2);
	doc_wrap(d, R_NORMAL, 2, buf);
	h->built_width = width;
}

static void draw(view *v, app *a, int top, int height)
{
	help *h = v->state;
	(void)a;
	int w = COLS > 100 ? 96 : COLS, hh = height - 2;
	int x = (COLS - w) / 2, y = top + 1;
	if (!h->win || getmaxx(h->win) != w || getmaxy(h->win) != hh) {
		if (h->panel)
			del_panel(h->panel);
		if (h->win)
			delwin(h->win);
		h->win = newwin(hh, w, y, x);
		h->panel = h->win ? new_panel(h->win) : NULL;
	} else {
		move_panel(h->panel, y, x);
	}
	if (!h->win)
		return;
	if (h->built_width != w - 4)
		build(h, w - 4);
	int body = hh - 2;
	if (h->scroll > h->body.n - body)
		h->scroll = h->body.n - body > 0 ? h->body.n - body : 0;
	werase(h->win);
	/* ACS line drawing is not ASCII: with --ascii or outside UTF-8 the
	 * box is drawn with + - | so no byte above 127 is sent. */
	if (the_term->ascii)
		wborder(h->win, '|', '|', '-', '-', '+', '+', '+', '+');
	else
		box(h->win, 0, 0);
	term_text(h->win, 0, 2, " breachdash help: Esc or q closes, arrows scroll ", w - 4, R_TITLE, false);
	doc_draw(&h->body, h->win, 1, 2, body, h->scroll);
	wmove(h->win, 1, 2);
	v->cursor_y = y + 1;
	v->cursor_x = x + 2;
}

static bool act(view *v, app *a, int action)
{
	help *h = v->state;
	(void)a;
	switch (action) {
	case ACT_UP:   if (h->scroll > 0) h->scroll--; return true;
	case ACT_DOWN: h->scroll++; return true;
	case ACT_PGUP: h->scroll = h->scroll > 10 ? h->scroll - 10 : 0; return true;
	case ACT_PGDN: h->scroll += 10; return true;
	case ACT_HOME: h->scroll = 0; return true;
	case ACT_END:  h->scroll = 1 << 20; return true;
	case ACT_HELP: app_pop(a); return true;
	default:       return false;
	}
}

static void destroy(view *v)
{
	help *h = v->state;
	if (h->panel)
		del_panel(h->panel);
	if (h->win)
		delwin(h->win);
	doc_free(&h->body);
	view_free(v);
}

static const view_ops help_ops = {
	.name = "Help",
	.overlay = true,
	.draw = draw,
	.act = act,
	.destroy = destroy,
};

view *view_help_new(app *a)
{
	(void)a;
	return view_alloc(&help_ops, sizeof(help));
}
