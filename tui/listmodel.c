#include "listmodel.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* A filter that no index answers would make every count a scan of the
 * whole table; count only this far, and on to the end only when asked.
 * Without a filter the count is the store's tally, exact and free. A
 * filter's rows are checked one by one when the cursor is followed across
 * a new order, so it is followed only that far (RANK_LIMIT_FILTERED). */
enum { COUNT_STEP = 1000, RANK_LIMIT = 20000, RANK_LIMIT_FILTERED = 2000 };

/* A count of nothing may hide a damaged store (the counts give 0 on an
 * error): then one row is read, and its error kept to be shown. */
static void check_readable(listmodel *lm)
{
	free(lm->error);
	lm->error = NULL;
	if (lm->count > 0)
		return;
	sqlite3 *db = bd_store_db(lm->store);
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(db, "SELECT id FROM incident LIMIT 1", -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		lm->error = strdup(sqlite3_errmsg(db));
	sqlite3_finalize(s);
}

static void recount(listmodel *lm, long long cap)
{
	if (bd_filter_is_empty(lm->query.filter))
		cap = bd_store_total(lm->store);
	long long n = bd_query_count_upto(lm->store, &lm->query, cap + 1, NULL);
	lm->exact = n <= cap;
	lm->count = n < 0 ? 0 : n > cap ? cap : n;
	check_readable(lm);
}

void lm_count_all(listmodel *lm)
{
	if (!lm->exact)
		recount(lm, (long long)1 << 62);
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

/* The rows on screen. Past the middle of the list they are read from the
 * end, so the last screen costs no more than the first. */
static void fetch(listmodel *lm)
{
	if (!lm->stale && lm->rows_from == lm->top)
		return;
	bd_rowset_free(&lm->rows);
	long long from_end = lm->count - lm->top - lm->height;
	if (lm->exact && from_end < lm->top) {
		int limit = lm->height;
		if (from_end < 0) {
			limit += (int)from_end;
			from_end = 0;
		}
		bd_query_window_end(lm->store, &lm->query, from_end, limit, &lm->rows, NULL);
	} else {
		bd_query_window(lm->store, &lm->query, lm->top, lm->height, &lm->rows, NULL);
	}
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
