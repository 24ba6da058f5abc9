#include "cli.h"
#include "ui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include <panel.h>

#include "app.h"
#include "keys.h"
#include "paths.h"
#include "render.h"
#include "text.h"

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

/* The terminal is gone (its other end closed, a hangup) when poll says
 * so. Without SIGHUP (a dashboard in a session of its own, or the signal
 * lost) every read would then fail at once and the loop would spin. */
static bool terminal_gone(void)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* ---- the view stack ---- */

view *view_alloc(const view_ops *ops, size_t state_size)
{
	view *v = calloc(1, sizeof *v);
	if (!v)
		return NULL;
	v->ops = ops;
	if (state_size && !(v->state = calloc(1, state_size))) {
		free(v);
		return NULL;
	}
	return v;
}

void view_free(view *v)
{
	free(v->state);
	free(v);
}

static view *top_view(app *a)
{
	return a->depth ? a->stack[a->depth - 1] : NULL;
}

void app_push(app *a, view *v)
{
	if (!v)
		return;
	if (a->depth == MAX_VIEWS) {
		v->ops->destroy(v);
		return;
	}
	a->stack[a->depth++] = v;
}

void app_pop(app *a)
{
	if (a->depth <= 1)
		return;
	view *v = a->stack[--a->depth];
	v->ops->destroy(v);
}

void app_switch(app *a, view *v)
{
	if (!v)
		return;
	while (a->depth > 0) {
		view *old = a->stack[--a->depth];
		old->ops->destroy(old);
	}
	app_push(a, v);
}

void app_message(app *a, bool error, const char *fmt, ...)
{
	free(a->message);
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&a->message, fmt, ap) < 0)
		a->message = NULL;
	va_end(ap);
	a->message_error = error;
}

bool app_is_marked(const app *a, const char *id)
{
	for (int i = 0; i < a->n_marks; i++)
		if (!strcmp(a->marks[i], id))
			return true;
	return false;
}

void app_toggle_mark(app *a, const char *id)
{
	for (int i = 0; i < a->n_marks; i++)
		if (!strcmp(a->marks[i], id)) {
			free(a->marks[i]);
			memmove(&a->marks[i], &a->marks[i + 1], (size_t)(a->n_marks - i - 1) * sizeof a->marks[0]);
			a->n_marks--;
			return;
		}
	if (a->n_marks == MAX_MARKS) {
		app_message(a, true, "at most %d incidents can be compared; Space on a marked one unmarks it", MAX_MARKS);
		return;
	}
	a->marks[a->n_marks++] = strdup(id);
	if (a->n_marks >= 2)
		app_message(a, false, "%d marked: press c to compare", a->n_marks);
}

/* ---- header and status line ---- */

static bd_date today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	bd_date d = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
	return d;
}

static void draw_header(app *a)
{
	char buf[256], levels[200];
	/* The level is never "now": each is dated by its newest source. */
	const bd_threat_table *t = &a->ds.threats;
	bool narrow = COLS < 110;
	bd_threat_summary(levels, sizeof levels, t, bd_date_is_set(t->as_of) ? t->as_of : today(),
			  narrow);
	term_fill(stdscr, 0, 0, COLS, R_HEADER);
	int x = term_text(stdscr, 0, 0, " breachdash ", COLS, R_HEADER, false);
	/* 80 columns hold the narrow form exactly, colon dropped. */
	snprintf(buf, sizeof buf, narrow ? "| Threat %s" : "| Threat: %s", levels);
	x += term_text(stdscr, 0, x, buf, COLS - x, R_HEADER, false);
	if (bd_store_readonly(a->ds.store))
		term_text(stdscr, 0, x, " | read-only", COLS - x, R_HEADER, false);
	const char *name = top_view(a) ? top_view(a)->ops->name : "";
	int w = bd_text_width(name) + 1;
	if (COLS - w > x + 2)
		term_text(stdscr, 0, COLS - w, name, w, R_HEADER, false);
}

const char *sort_label(int sort)
{
	return bd_vocab_label(&bd_sort_keys, sort);
}

static void draw_status(app *a)
{
	int y = LINES - 1;
	term_fill(stdscr, y, 0, COLS, R_STATUS);
	if (a->message) {
		term_text(stdscr, y, 0, a->message, COLS, a->message_error ? R_ERROR : R_STATUS, true);
		return;
	}
	char left[512], right[64];
	const listmodel *lm = &a->list;
	snprintf(left, sizeof left, " %lld/%lld%s  sort: %s %s%s%s", lm->count ? lm->cursor + 1 : 0,
		 lm->count, lm->exact ? "" : "+", sort_label(lm->query.sort), lm->query.desc ? the_term->g->sort_desc : the_term->g->sort_asc,
		 bd_filter_is_empty(lm->filter) ? "" : "  filter: ",
		 bd_filter_is_empty(lm->filter) ? "" : bd_filter_text(lm->filter));
	snprintf(right, sizeof right, "%s%d marked  ? help  q quit ", a->n_marks ? "" : "", a->n_marks);
	int rw = (int)strlen(right);
	term_text(stdscr, y, 0, left, COLS - rw - 1 > 0 ? COLS - rw - 1 : COLS, R_STATUS, false);
	if (COLS > rw + 30)
		term_text(stdscr, y, COLS - rw, right, rw, R_STATUS, false);
}

static void draw_too_small(void)
{
	erase();
	char buf[96];
	snprintf(buf, sizeof buf, "terminal too small: %dx%d, need %dx%d", COLS, LINES, MIN_COLS, MIN_LINES);
	for (int y = 0; y < LINES; y++)
		term_text(stdscr, y, 0, y == LINES / 2 ? buf : "", COLS, R_NORMAL, false);
	move(0, 0);
}

static void draw(app *a)
{
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		/* stdscr alone, so no panel (help) is drawn over the message */
		draw_too_small();
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	erase();
	view *v = top_view(a);
	draw_header(a);
	if (v && v->ops->overlay && a->depth > 1) {
		view *below = a->stack[a->depth - 2];
		below->ops->draw(below, a, 1, LINES - 2);
	}
	if (v) {
		v->cursor_y = 1;
		v->cursor_x = 0;
		v->ops->draw(v, a, 1, LINES - 2);
	}
	/* After the views: drawing may change what it reports (a breakdown
	 * restores the filter it left with). */
	draw_status(a);
	/* The hardware cursor sits on the selected row, for screen readers. */
	if (v)
		move(v->cursor_y, v->cursor_x);
	wnoutrefresh(stdscr);
	update_panels();
	doupdate();
}

/* ---- prompt ---- */

/* The prompt line: the label, then the text scrolled so that the cursor
 * shows; the hardware cursor at the editing point. An error, if any, on
 * the line above, so a failed entry is fixed where it was typed. */
static void draw_prompt(const char *label, const lineedit *le, const char *error)
{
	int y = LINES - 1, lw = bd_text_width(label);
	if (error) {
		term_fill(stdscr, y - 1, 0, COLS, R_ERROR);
		term_text(stdscr, y - 1, 0, error, COLS, R_ERROR, true);
	}
	term_fill(stdscr, y, 0, COLS, R_NORMAL);
	term_text(stdscr, y, 0, label, COLS, R_KEY, false);
	int room = COLS - lw - 1;
	size_t from = 0;
	while (from < le->cur && wcswidth(le->buf + from, le->cur - from) > room - 1)
		from++;
	size_t n = le->len - from;
	while (n && wcswidth(le->buf + from, n) > room)
		n--;
	wattr_set(stdscr, A_NORMAL, 0, NULL);
	mvaddnwstr(y, lw, le->buf + from, (int)n);
	int cx = wcswidth(le->buf + from, le->cur - from);
	move(y, lw + (cx > 0 ? cx : 0));
	refresh();
}

/* One key of a prompt; false when it was not an edit. */
static bool edit_key(lineedit *le, history *h, int kind, wint_t ch)
{
	if (kind == KEY_CODE_YES) {
		switch (ch) {
		case KEY_LEFT:      le_move(le, -1); return true;
		case KEY_RIGHT:     le_move(le, 1); return true;
		case KEY_HOME:      le_home(le); return true;
		case KEY_END:       le_end(le); return true;
		case KEY_DC:        le_delete(le); return true;
		case KEY_BACKSPACE: le_backspace(le); return true;
		case KEY_UP:
		case KEY_DOWN: {
			char *cur = le_text(le);
			const char *t = h ? history_step(h, ch == KEY_UP ? -1 : 1, cur) : NULL;
			if (t)
				le_set(le, t);
			free(cur);
			return true;
		}
		default:            return false;
		}
	}
	switch (ch) {
	case 1:   le_home(le); return true;             /* Ctrl-A */
	case 2:   le_move(le, -1); return true;         /* Ctrl-B */
	case 4:   le_delete(le); return true;           /* Ctrl-D */
	case 5:   le_end(le); return true;              /* Ctrl-E */
	case 6:   le_move(le, 1); return true;          /* Ctrl-F */
	case 11:  le_kill_end(le); return true;         /* Ctrl-K */
	case 21:  le_kill_start(le); return true;       /* Ctrl-U */
	case 23:  le_kill_word(le); return true;        /* Ctrl-W */
	case 8:
	case 127: le_backspace(le); return true;
	default:
		if (ch >= ' ' && wcwidth((wchar_t)ch) >= 0)
			le_insert(le, (wchar_t)ch);
		return true;
	}
}

char *app_prompt(app *a, const char *label, const char *initial, history *h, const char *error)
{
	lineedit le;
	if (!le_init(&le, initial))
		return NULL;
	if (h)
		history_reset(h);
	char *result = NULL;
	for (;;) {
		draw_prompt(label, &le, error);
		wint_t ch;
		int kind = get_wch(&ch);
		if (kind == ERR && terminal_gone())
			stop_signal = SIGHUP;
		if (stop_signal)
			break;
		if (kind == ERR)
			continue;
		if (kind == KEY_CODE_YES && ch == KEY_RESIZE) {
			draw(a);
			continue;
		}
		if ((kind == OK && (ch == '\r' || ch == '\n')) || (kind == KEY_CODE_YES && ch == KEY_ENTER)) {
			result = le_text(&le);
			if (h && result)
				history_add(h, result);
			break;
		}
		if (kind == OK && (ch == 27 || ch == 7))
			break;
		edit_key(&le, h, kind, ch);
	}
	le_free(&le);
	return result;
}

/* ---- the loop ---- */

static void reload_all(app *a)
{
	lm_reload(&a->list);
	for (int i = 0; i < a->depth; i++)
		if (a->stack[i]->ops->reload)
			a->stack[i]->ops->reload(a->stack[i], a);
}

static void handle_mouse(app *a)
{
	MEVENT ev;
	view *v = top_view(a);
	if (getmouse(&ev) != OK || !v)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		v->ops->act(v, a, ACT_UP);
	else if (ev.bstate & BUTTON5_PRESSED)
		v->ops->act(v, a, ACT_DOWN);
	else if (v->ops->click)
		v->ops->click(v, a, ev.y, ev.x);
	if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		v->ops->act(v, a, ACT_ENTER);
}

static void handle_key(app *a, int key)
{
	view *v = top_view(a);
	int action = key_action(key);
	free(a->message);
	a->message = NULL;
	if (key == KEY_MOUSE) {
		handle_mouse(a);
		return;
	}
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		if (action == ACT_QUIT)
			a->quit = true;
		return;
	}
	if (v && v->ops->act(v, a, action))
		return;
	switch (action) {
	case ACT_QUIT:
		if (a->depth > 1)
			app_pop(a);
		else
			a->quit = true;
		break;
	case ACT_BACK:
	case ACT_PREV:
		app_pop(a);
		break;
	case ACT_HELP:
		app_push(a, view_help_new(a));
		break;
	case ACT_OVERVIEW:
		app_switch(a, view_overview_new(a));
		break;
	case ACT_MATRIX:
		app_switch(a, view_matrix_new(a));
		break;
	case ACT_TIMELINE:
		app_switch(a, view_timeline_new(a));
		break;
	case ACT_BREAKDOWN:
		app_switch(a, view_breakdown_new(a));
		break;
	case ACT_TRENDS:
		app_switch(a, view_trends_new(a));
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_NONE:
		if (key != KEY_RESIZE && key != ERR)
			app_message(a, false, "unbound key; press ? for help");
		break;
	default:
		break;
	}
}

/* Watches the store's directory, so an open dashboard notices an import by
 * another process without polling (no CPU while idle). */
static int watch_store(app *a)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return -1;
	char *dir = strdup(bd_store_path(a->ds.store));
	char *slash = dir ? strrchr(dir, '/') : NULL;
	if (slash)
		*slash = '\0';
	if (!dir || inotify_add_watch(fd, slash ? (*dir ? dir : "/") : ".",
				      IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE) < 0) {
		close(fd);
		fd = -1;
	}
	free(dir);
	return fd;
}

static void wait_for_input(app *a, int watch)
{
	struct pollfd fds[2] = { { STDIN_FILENO, POLLIN, 0 }, { watch, POLLIN, 0 } };
	int n = poll(fds, watch >= 0 ? 2 : 1, -1);
	if (n > 0 && (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)))
		stop_signal = SIGHUP;
	if (n > 0 && watch >= 0 && (fds[1].revents & POLLIN)) {
		char buf[4096];
		while (read(watch, buf, sizeof buf) > 0)
			;
		if (bd_store_changed(a->ds.store))
			reload_all(a);
	}
}

static void run_loop(app *a)
{
	int watch = watch_store(a);
	nodelay(stdscr, TRUE);
	draw(a);
	while (!a->quit && !stop_signal) {
		wait_for_input(a, watch);
		int key;
		while (!a->quit && !stop_signal && (key = getch()) != ERR) {
			nodelay(stdscr, FALSE);
			handle_key(a, key);
			nodelay(stdscr, TRUE);
		}
		if (!a->quit && !stop_signal)
			draw(a);
	}
	if (watch >= 0)
		close(watch);
}

/* Views own curses windows and panels: they go before the screen does. */
static void destroy_views(app *a)
{
	while (a->depth > 0) {
		view *v = a->stack[--a->depth];
		v->ops->destroy(v);
	}
}

static void app_free(app *a)
{
	destroy_views(a);
	for (int i = 0; i < a->n_marks; i++)
		free(a->marks[i]);
	free(a->message);
	free(a->search);
	history_free(&a->searches);
	history_free(&a->filters);
	lm_free(&a->list);
	bd_dataset_close(&a->ds);
}

int ui_run(const bd_options *o)
{
	app a;
	memset(&a, 0, sizeof a);
	a.opts = o;
	int rc = cli_open(o, &a.ds, false);
	if (rc)
		return rc;
	if (!term_start(&a.term, o->no_color, o->ascii, o->mouse)) {
		bd_dataset_close(&a.ds);
		return 1;
	}
	install_signals();
	lm_init(&a.list, a.ds.store);
	/* the configuration's starting sort and filter */
	if (o->sort >= 0)
		lm_set_sort(&a.list, o->sort, o->desc);
	if (o->filter && *o->filter) {
		bd_filter *f = NULL;
		if (bd_filter_parse(o->filter, &f, NULL) == BD_OK)
			lm_set_filter(&a.list, f);
	}
	app_push(&a, view_overview_new(&a));
	if (o->present)
		app_push(&a, view_present_new(&a));
	char said[256];
	bd_bundled_summary(&a.ds.bundled, said, sizeof said);
	if (a.ds.seeded)
		app_message(&a, false, "new store created from the bundled data: %s", bd_store_path(a.ds.store));
	else if (*said)
		app_message(&a, false, "%s", said);
	run_loop(&a);
	destroy_views(&a);
	term_stop(&a.term);
	app_free(&a);
	return 0;
}
