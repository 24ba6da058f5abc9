#include "listmodel.h"

#include <stdlib.h>
#include <string.h>

/* A filter that no index answers would make every count a scan of the
 * whole table; count only this far, and on to the end only when asked.
 * Without a filter the count is the store's tally, exact and free. A
 * filter's rows are checked one by one when the cursor is followed across
 * a new order, so it is followed only that far (RANK_LIMIT_FILTERED). */
enum { COUNT_STEP = 1000, RANK_LIMIT = 20000, RANK_LIMIT_FILTERED = 2000 };

/* Keeps the first error of a read to be shown, without the store's path
 * that core puts first: the screen is about that store already, and the
 * reason must fit its line. */
static void keep_error(listmodel *lm, bd_error *err)
{
	const char *msg = bd_error_text(err), *path = bd_store_path(lm->store);
	size_t n = path ? strlen(path) : 0;
	if (n && !strncmp(msg, path, n) && !strncmp(msg + n, ": ", 2))
		msg += n + 2;
	if (!lm->error && err->code != BD_OK)
		lm->error = strdup(msg);
	bd_error_clear(err);
}

/* A count of nothing may hide a damaged store (the tally reads 0 then):
 * one row is read, and its error kept to be shown. */
static void check_readable(listmodel *lm)
{
	if (lm->count > 0)
		return;
	bd_error err = { 0 };
	bd_rowset rs;
	bd_query_rows(lm->store, &lm->query, NULL, 1, &rs, &err);
	bd_rowset_free(&rs);
	keep_error(lm, &err);
}

static void recount(listmodel *lm, long long cap)
{
	if (bd_filter_is_empty(lm->query.filter))
		cap = bd_store_total(lm->store);
	bd_error err = { 0 };
	free(lm->error);
	lm->error = NULL;
	long long n = bd_query_count_upto(lm->store, &lm->query, cap + 1, &err);
	keep_error(lm, &err);
	lm->exact = n <= cap;
	lm->count = n < 0 ? 0 : n > cap ? cap : n;
	check_readable(lm);
}

void lm_count_all(listmodel *lm)
{
	if (!lm->exact)
		recount(lm, (long long)1 << 62);
}

static void note_row(listmodel *lm, long long pos, const char *id)
{
	free(lm->known_id);
	lm->known_id = id ? strdup(id) : NULL;
	lm->known_pos = pos;
}

void lm_init(listmodel *lm, bd_store *st)
{
	memset(lm, 0, sizeof *lm);
	lm->store = st;
	lm->query.sort = BD_SORT_DATE;
	lm->query.desc = true;
	lm->height = 1;
	lm->stale = true;
	recount(lm, COUNT_STEP);
}

void lm_free(listmodel *lm)
{
	bd_rowset_free(&lm->rows);
	bd_filter_free(lm->filter);
	lm->filter = NULL;
	free(lm->error);
	lm->error = NULL;
	note_row(lm, 0, NULL);
}

static void clamp(listmodel *lm)
{
	if (lm->cursor >= lm->count)
		lm->cursor = lm->count - 1;
	if (lm->cursor < 0)
		lm->cursor = 0;
	if (lm->top > lm->cursor)
		lm->top = lm->cursor;
	if (lm->cursor >= lm->top + lm->height)
		lm->top = lm->cursor - lm->height + 1;
	if (lm->top > lm->count - lm->height)
		lm->top = lm->count - lm->height;
	if (lm->top < 0)
		lm->top = 0;
}

/* The id of the row at position top, stepped to through the sort index
 * from the nearest place known: the rows on screen (page up and down),
 * the start or the end. Never counted from the start when nearer. */
static bd_status top_id(listmodel *lm, char **id, bd_error *err)
{
	long long from_screen = lm->rows.n > 0 ? llabs(lm->top - lm->rows_from) : -1;
	long long from_known = lm->known_id ? llabs(lm->top - lm->known_pos) : -1;
	if (from_known >= 0 && (from_screen < 0 || from_known < from_screen)) {
		bd_status s = bd_query_step(lm->store, &lm->query, lm->known_id,
					    lm->top - lm->known_pos, id, err);
		if (s != BD_ENOTFOUND)
			return s;
		bd_error_clear(err);
	}
	long long from_end = lm->exact ? lm->count - lm->top : -1;
	if (from_screen >= 0 && from_screen <= lm->top && (from_end < 0 || from_screen <= from_end)) {
		bd_status s = bd_query_step(lm->store, &lm->query, lm->rows.v[0].id,
					    lm->top - lm->rows_from, id, err);
		if (s != BD_ENOTFOUND)  /* the row on screen went: count instead */
			return s;
		bd_error_clear(err);
	}
	if (from_end >= 0 && from_end < lm->top)
		return bd_query_step(lm->store, &lm->query, NULL, -from_end, id, err);
	return bd_query_step(lm->store, &lm->query, NULL, lm->top, id, err);
}

/* The rows on screen, read by keyset from the row at the top; the last
 * screen is read backwards from the end, so it costs no more than the
 * first. */
static void fetch(listmodel *lm)
{
	if (!lm->stale && lm->rows_from == lm->top)
		return;
	bd_error err = { 0 };
	bd_rowset rows = { 0 };
	if (lm->exact && lm->top + lm->height >= lm->count) {
		bd_query_rows_before(lm->store, &lm->query, NULL, (int)(lm->count - lm->top), &rows, &err);
	} else if (lm->top == 0) {
		bd_query_rows(lm->store, &lm->query, NULL, lm->height, &rows, &err);
	} else {
		char *id = NULL;
		if (top_id(lm, &id, &err) == BD_OK && id)
			bd_query_rows(lm->store, &lm->query, id, lm->height, &rows, &err);
		free(id);
	}
	keep_error(lm, &err);
	bd_rowset_free(&lm->rows);
	lm->rows = rows;
	lm->rows_from = lm->top;
	lm->stale = false;
}

/* Keeps the cursor on the same incident across a change of order or
 * filter, when it is still there and near the top; further down, finding
 * it would cost a count of everything before it, so the list starts over
 * at the top. */
static void follow(listmodel *lm, const char *id)
{
	long long limit = bd_filter_is_empty(lm->query.filter) ? RANK_LIMIT : RANK_LIMIT_FILTERED;
	long long pos = id ? bd_query_rank(lm->store, &lm->query, id, limit, NULL) : -1;
	if (pos >= lm->count && !lm->exact)
		recount(lm, pos + COUNT_STEP);
	if (pos >= 0)
		note_row(lm, pos, id);
	lm->cursor = pos >= 0 ? pos : 0;
	lm->top = lm->cursor - lm->height / 2;
	clamp(lm);
}

static char *current_id(listmodel *lm)
{
	const bd_row *r = lm_current(lm);
	return r && r->id ? strdup(r->id) : NULL;
}

void lm_reload(listmodel *lm)
{
	lm_reload_at(lm, NULL);
}

void lm_reload_at(listmodel *lm, const char *at)
{
	char *id = at ? strdup(at) : current_id(lm);
	/* The rows on screen are no place to step from in a new order. */
	bd_rowset_free(&lm->rows);
	note_row(lm, 0, NULL);
	lm->generation++;
	/* The filter's matches may be more or fewer now (bd_query_few). */
	lm->query.few = bd_query_few(lm->store, &lm->query);
	recount(lm, COUNT_STEP);
	lm->stale = true;
	follow(lm, id);
	free(id);
}

void lm_set_filter(listmodel *lm, bd_filter *f)
{
	bd_filter_free(lm->filter);
	lm->filter = f;
	lm->query.filter = f;
	lm_reload(lm);
}

void lm_set_sort(listmodel *lm, int sort, bool desc)
{
	lm->query.sort = sort;
	lm->query.desc = desc;
	lm_reload(lm);
}

void lm_set_height(listmodel *lm, int height)
{
	if (height < 1)
		height = 1;
	if (height != lm->height) {
		lm->height = height;
		lm->stale = true;
	}
	clamp(lm);
}

void lm_goto(listmodel *lm, long long pos)
{
	/* Moving past what has been counted: count further. */
	if (!lm->exact && pos + lm->height >= lm->count)
		recount(lm, pos + lm->height + COUNT_STEP);
	lm->cursor = pos;
	clamp(lm);
}

void lm_goto_row(listmodel *lm, long long pos, const char *id)
{
	note_row(lm, pos, id);
	lm_goto(lm, pos);
}

void lm_move(listmodel *lm, long long delta)
{
	lm_goto(lm, lm->cursor + delta);
}

const bd_row *lm_row(listmodel *lm, long long pos)
{
	clamp(lm);
	fetch(lm);
	long long i = pos - lm->rows_from;
	if (i < 0 || i >= lm->rows.n)
		return NULL;
	return &lm->rows.v[i];
}

const bd_row *lm_current(listmodel *lm)
{
	return lm->count > 0 ? lm_row(lm, lm->cursor) : NULL;
}

bool lm_seen_stale(lm_seen *seen, const listmodel *lm)
{
	const char *now = bd_filter_text(lm->filter);
	if (seen->valid && seen->filter && !strcmp(seen->filter, now))
		return false;
	free(seen->filter);
	seen->filter = strdup(now);
	seen->valid = true;
	return true;
}

void lm_seen_forget(lm_seen *seen)
{
	seen->valid = false;
}

void lm_seen_free(lm_seen *seen)
{
	free(seen->filter);
	seen->filter = NULL;
	seen->valid = false;
}
