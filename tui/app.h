/*
 * app — the dashboard's state and the view interface.
 *
 * A view is a file with a table of operations (tig's view_ops, htop's
 * designated-initializer classes). Views are stacked: Enter pushes the
 * drill-down, Esc pops it. The overview, matrix and timeline share one list
 * model, so a filter or sort set in one holds in all.
 */
#ifndef BD_APP_H
#define BD_APP_H

#include <stdbool.h>

#include "options.h"
#include "dataset.h"
#include "lineedit.h"
#include "listmodel.h"
#include "term.h"

#define MAX_MARKS 4
#define MAX_VIEWS 8
#define MIN_COLS 60
#define MIN_LINES 16

typedef struct app app;
typedef struct view view;

typedef struct view_ops {
	const char *name;
	bool overlay;           /* drawn over the view below it (a panel) */
	/* Draw into rows [top, top + height) of stdscr; set v->cursor_y/x. */
	void (*draw)(view *v, app *a, int top, int height);
	/* Handle an action; false lets the app handle it. */
	bool (*act)(view *v, app *a, int action);
	/* The data in the store changed. */
	void (*reload)(view *v, app *a);
	/* A mouse click at screen row y (only with --mouse). */
	void (*click)(view *v, app *a, int y, int x);
	void (*destroy)(view *v);
} view_ops;

struct view {
	const view_ops *ops;
	void *state;
	int cursor_y, cursor_x;
};

struct app {
	const bd_options *opts;
	bd_dataset ds;
	term term;
	listmodel list;
	view *stack[MAX_VIEWS];
	int depth;
	char *marks[MAX_MARKS];
	int n_marks;
	char *message;          /* shown in the status line until the next key */
	bool message_error;
	char *search;           /* the last search */
	history searches, filters;      /* what was entered at / and f */
	bool quit;
};

/* A view of these operations with a zeroed state of state_size bytes
 * (none when 0); NULL when out of memory. view_free frees both. */
view *view_alloc(const view_ops *ops, size_t state_size);
void view_free(view *v);

/* Views */
view *view_overview_new(app *a);
view *view_matrix_new(app *a);
view *view_timeline_new(app *a);
view *view_breakdown_new(app *a);
view *view_trends_new(app *a);
view *view_detail_new(app *a, const char *id);
view *view_compare_new(app *a);
view *view_help_new(app *a);
view *view_present_new(app *a);

void app_push(app *a, view *v);
void app_pop(app *a);
/* Replaces the whole stack with one top-level view. */
void app_switch(app *a, view *v);
void app_message(app *a, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Reads a line in the status line, editable (lineedit.h keys), with
 * Up/Down through h (may be NULL) and an error shown above it (may be
 * NULL); NULL when cancelled. Caller frees. */
char *app_prompt(app *a, const char *label, const char *initial, history *h, const char *error);
bool app_is_marked(const app *a, const char *id);
void app_toggle_mark(app *a, const char *id);

/* Actions the list views (overview, matrix, timeline) share: movement,
 * search, filter, sort, marks, drill-down, compare. */
bool list_act(app *a, int action);
/* Draws the status line for a list view. */
const char *sort_label(int sort);

#endif
