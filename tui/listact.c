/* Actions shared by the list views: the overview, the matrix and the
 * timeline all move over the same list model. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "export.h"
#include "fileio.h"
#include "linkset.h"

#include "app.h"
#include "keys.h"

static void search(app *a, int dir, bool ask)
{
	if (ask) {
		char *text = app_prompt(a, "/", NULL, &a->searches, NULL);
		if (!text)
			return;
		if (!*text) {
			free(text);
			return;
		}
		free(a->search);
		a->search = text;
	}
	if (!a->search) {
		app_message(a, false, "no search yet: press / to search");
		return;
	}
	/* A new search starts at the selected row itself; n and N go past it. */
	const bd_row *cur = lm_current(&a->list);
	char *from = NULL;
	if (cur && ask) {
		const bd_row *prev = lm_row(&a->list, a->list.cursor - 1);
		from = prev ? strdup(prev->id) : NULL;
	} else if (cur) {
		from = strdup(cur->id);
	}
	char *id = bd_query_find_id(a->list.store, &a->list.query, a->search, from, dir, NULL);
	long long pos = -1;
	/* Count from the selected row, not from the top: a search costs the
	 * distance to the match, not its position in the list. */
	if (id && cur) {
		bd_query q = a->list.query;
		long long d = bd_query_distance(a->list.store, &q, cur->id, id, 1ll << 62, NULL);
		if (d > 0)
			pos = a->list.cursor + d;
		else if (!strcmp(cur->id, id))
			pos = a->list.cursor;
		else {
			q.desc = !q.desc;
			d = bd_query_distance(a->list.store, &q, cur->id, id, 1ll << 62, NULL);
			pos = d > 0 ? a->list.cursor - d : -1;
		}
	}
	if (id && pos < 0)
		pos = bd_query_rank(a->list.store, &a->list.query, id, 1ll << 62, NULL);
	if (pos < 0)
		app_message(a, true, "no match for \"%s\"", a->search);
	else
		lm_goto_row(&a->list, pos, id);
	free(id);
	free(from);
}

/* A filter that does not parse stays in the prompt, with the error above
 * it, to be fixed; Esc gives up. */
static void ask_filter(app *a)
{
	char *text = app_prompt(a, "filter: ", bd_filter_text(a->list.filter), &a->filters, NULL);
	bd_filter *f = NULL;
	bd_error err = { 0 };
	while (text && bd_filter_parse(text, &f, &err) != BD_OK) {
		char *again = app_prompt(a, "filter: ", text, &a->filters, bd_error_text(&err));
		bd_error_clear(&err);
		free(text);
		text = again;
	}
	if (text) {
		lm_set_filter(&a->list, f);
		if (a->list.count == 0)
			app_message(a, false, "no incident matches; press f and clear the line to see all");
	}
	bd_error_clear(&err);
	free(text);
}

static void compare(app *a)
{
	if (a->n_marks < 2) {
		app_message(a, true, "mark 2 to 4 incidents with Space, then press c");
		return;
	}
	app_push(a, view_compare_new(a));
}

/* e: the marked incidents, or else the view as filtered and sorted, to a
 * file named at a prompt; its extension picks the format. An existing
 * file is replaced only when the user says so, and never half-written. */
/* What the user typed, as the shell would read it (~ and ~/ are $HOME)
 * and made absolute, so the message says where the file is. */
static char *full_path(const char *typed)
{
	const char *home = getenv("HOME");
	char *p = NULL, cwd[4096];
	if (home && (!strcmp(typed, "~") || !strncmp(typed, "~/", 2))) {
		if (asprintf(&p, "%s%s", home, typed + 1) < 0)
			return NULL;
	} else if (typed[0] != '/' && getcwd(cwd, sizeof cwd)) {
		if (asprintf(&p, "%s/%s", cwd, typed) < 0)
			return NULL;
	} else {
		p = strdup(typed);
	}
	return p;
}

static void export_view(app *a)
{
	char label[128];
	if (a->n_marks)
		snprintf(label, sizeof label, "export %d marked to (.md .csv .json): ", a->n_marks);
	else
		snprintf(label, sizeof label, "export %lld%s shown to (.md .csv .json): ",
			 a->list.count, a->list.exact ? "" : "+");
	char *typed = app_prompt(a, label, "breachdash-export.md", NULL, NULL);
	char *path = typed && *typed ? full_path(typed) : NULL;
	free(typed);
	if (!path)
		return;
	int format = bd_export_format_for_path(path);
	bool go = format >= 0;
	if (!go)
		app_message(a, true, "%s: name the file .md, .csv or .json", path);
	if (go && access(path, F_OK) == 0) {
		char *yes = app_prompt(a, "the file exists; replace it? (y/N) ", "", NULL, NULL);
		go = yes && (yes[0] == 'y' || yes[0] == 'Y');
		if (!go)
			app_message(a, false, "not exported; %s is unchanged", path);
		free(yes);
	}
	if (go) {
		bd_error err = { 0 };
		char *tmp;
		FILE *f = bd_atomic_open(path, &tmp, &err);
		bd_status s = f ? bd_export_write(f, a->list.store, &a->list.query,
						  a->n_marks ? a->marks : NULL, a->n_marks, format, &err)
				: err.code;
		if (f)
			s = bd_atomic_finish(f, tmp, path, s == BD_OK, s == BD_OK ? &err : NULL);
		if (s == BD_OK)
			app_message(a, false, "exported to %s", path);
		else
			app_message(a, true, "not exported: %s", bd_error_text(&err));
		bd_error_clear(&err);
	}
	free(path);
}

/* a and E: the same editing session as `breachdash new` and `edit`, with
 * the screen handed to the editor meanwhile. The store notices the change
 * as it does any other import. */
static void edit_incident(app *a, const char *id)
{
	if (bd_store_readonly(a->list.store)) {
		app_message(a, true, "the store is read-only");
		return;
	}
	def_prog_mode();
	endwin();
	char *saved = NULL;
	int rc = cli_edit_run(a->opts, id, &saved);
	reset_prog_mode();
	clearok(curscr, TRUE);
	/* the cursor on what was just added or changed */
	if (bd_store_changed(a->list.store) || saved)
		lm_reload_at(&a->list, saved);
	free(saved);
	if (rc == 0)
		app_message(a, false, "%s", id ? "edit done" : "add done");
	else
		app_message(a, true, "%s ended with status %d; nothing saved", id ? "edit" : "add", rc);
}

/* L: the first of the two marked incidents is the same breach as the
 * second (the primary), is known not to be, or neither (bd_link_set). */
static void link_marked(app *a)
{
	if (a->n_marks != 2) {
		app_message(a, true, "mark two incidents (Space) to link them; %d marked", a->n_marks);
		return;
	}
	if (bd_store_readonly(a->list.store)) {
		app_message(a, true, "the store is read-only");
		return;
	}
	int kind = -1;
	const char *problem = NULL;
	while (kind < 0) {
		char *answer = app_prompt(a, "first marked to second: same, distinct or none? ", NULL,
					  NULL, problem);
		if (!answer)
			return;
		kind = bd_link_kind_parse(answer);
		free(answer);
		problem = "type same, distinct or none (or s, d, n); Esc cancels";
	}
	bool changed;
	bd_error err = { 0 };
	const char *id = a->marks[0], *other = a->marks[1];
	if (bd_link_set(&a->ds, id, other, (bd_link_kind)kind, &changed, &err) != BD_OK)
		app_message(a, true, "not linked: %s", bd_error_text(&err));
	else if (!changed)
		app_message(a, false, "%s and %s: already %s", id, other,
			    bd_link_kind_label((bd_link_kind)kind));
	else if (kind == BD_LINK_SAME)
		app_message(a, false, "%s is now the same breach as %s (the primary)", id, other);
	else
		app_message(a, false, "%s and %s: now %s", id, other,
			    bd_link_kind_label((bd_link_kind)kind));
	bd_error_clear(&err);
}

bool list_act(app *a, int action)
{
	listmodel *lm = &a->list;
	const bd_row *r;
	switch (action) {
	case ACT_UP:        lm_move(lm, -1); return true;
	case ACT_DOWN:      lm_move(lm, 1); return true;
	case ACT_PGUP:      lm_move(lm, -(lm->height > 1 ? lm->height - 1 : 1)); return true;
	case ACT_PGDN:      lm_move(lm, lm->height > 1 ? lm->height - 1 : 1); return true;
	case ACT_HOME:      lm_goto(lm, 0); return true;
	case ACT_END:
		lm_count_all(lm);
		lm_goto(lm, lm->count - 1);
		return true;
	case ACT_ENTER:
		if ((r = lm_current(lm)))
			app_push(a, view_detail_new(a, r->id));
		return true;
	case ACT_MARK:
		if ((r = lm_current(lm))) {
			app_toggle_mark(a, r->id);
			lm_move(lm, 1);
		}
		return true;
	case ACT_UNMARK_ALL:
		while (a->n_marks)
			free(a->marks[--a->n_marks]);
		return true;
	case ACT_COMPARE:   compare(a); return true;
	case ACT_SEARCH:    search(a, 1, true); return true;
	case ACT_SEARCH_NEXT: search(a, 1, false); return true;
	case ACT_SEARCH_PREV: search(a, -1, false); return true;
	case ACT_FILTER:    ask_filter(a); return true;
	case ACT_EXPORT:    export_view(a); return true;
	case ACT_ADD:       edit_incident(a, NULL); return true;
	case ACT_EDIT:
		if ((r = lm_current(lm))) {
			char *id = strdup(r->id);
			edit_incident(a, id);
			free(id);
		}
		return true;
	case ACT_LINK:      link_marked(a); return true;
	case ACT_PRESENT:   app_push(a, view_present_new(a)); return true;
	case ACT_SORT:
		/* Names read A to Z; numbers, dates and levels biggest first. */
		action = (lm->query.sort + 1) % (BD_SORT_THREAT + 1);
		lm_set_sort(lm, action, action != BD_SORT_FORCE && action != BD_SORT_KIND);
		app_message(a, false, "sorted by %s; S reverses", sort_label(action));
		return true;
	case ACT_SORT_REVERSE:
		lm_set_sort(lm, lm->query.sort, !lm->query.desc);
		return true;
	default:
		return false;
	}
}
