#include "listmodel.h"

#include <stdlib.h>
#include <string.h>

void lm_init(listmodel *lm, bd_store *st)
{
	memset(lm, 0, sizeof *lm);
	lm->store = st;
	lm->query.sort = BD_SORT_DATE;
	lm->query.desc = true;
	lm->height = 1;
	lm->stale = true;
	lm->count = bd_query_count(st, &lm->query, NULL);
}

void lm_free(listmodel *lm)
{
	bd_rowset_free(&lm->rows);
	bd_filter_free(lm->filter);
	lm->filter = NULL;
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

static void fetch(listmodel *lm)
{
	if (!lm->stale && lm->rows_from == lm->top)
		return;
	bd_rowset_free(&lm->rows);
	bd_query_window(lm->store, &lm->query, lm->top, lm->height, &lm->rows, NULL);
	lm->rows_from = lm->top;
	lm->stale = false;
}

/* Keeps the cursor on the same incident across a change of order or
 * filter, when it is still there. */
static void follow(listmodel *lm, const char *id)
{
	long long pos = id ? bd_query_position(lm->store, &lm->query, id, NULL) : -1;
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
	char *id = current_id(lm);
	lm->count = bd_query_count(lm->store, &lm->query, NULL);
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
