/*
 * listmodel — a sorted, filtered, windowed list of incidents with a cursor.
 * It holds only the rows on screen; moving within them costs no query.
 * Curses-free, so it can be tested and measured without a terminal.
 */
#ifndef BD_LISTMODEL_H
#define BD_LISTMODEL_H

#include "query.h"
#include "store.h"

typedef struct listmodel {
	bd_store *store;
	bd_query query;
	bd_filter *filter;      /* owned */
	long long count;        /* rows matching, or a lower bound when !exact */
	bool exact;
	long long top;          /* first row on screen */
	long long cursor;
	int height;             /* rows on screen */
	bd_rowset rows;         /* rows [rows_from, rows_from + rows.n) */
	long long rows_from;
	bool stale;
	char *error;            /* why the store cannot be read, or NULL */
	char *known_id;         /* a row found at known_pos (a search hit): */
	long long known_pos;    /* the screen around it is read from it */
	unsigned generation;    /* counts reloads: what a view keeps of the
				 * incidents is stale when it changes */
} listmodel;

void lm_init(listmodel *lm, bd_store *st);
void lm_free(listmodel *lm);
/* Takes ownership of f (may be NULL). Keeps the cursor on the same incident
 * when it is still in the list. */
void lm_set_filter(listmodel *lm, bd_filter *f);
void lm_set_sort(listmodel *lm, int sort, bool desc);
void lm_set_height(listmodel *lm, int height);
void lm_move(listmodel *lm, long long delta);
void lm_goto(listmodel *lm, long long pos);
/* The same, to the row with this id, known to be at pos (a search hit):
 * the screen around it is read from that row, not counted to. */
void lm_goto_row(listmodel *lm, long long pos, const char *id);
/* Makes count exact (counting every match once; the End key needs it). */
void lm_count_all(listmodel *lm);
/* Re-reads count and rows (after the data changed). */
void lm_reload(listmodel *lm);

/* What a view counted its figures for (breakdown, trends, timeline): the
 * filter, so they are counted again only when it changes or the store
 * does (lm_seen_forget from the view's reload). */
typedef struct lm_seen {
	char *filter;
	bool valid;
} lm_seen;
/* True when the view must count again; notes the filter now in force. */
bool lm_seen_stale(lm_seen *seen, const listmodel *lm);
void lm_seen_forget(lm_seen *seen);
void lm_seen_free(lm_seen *seen);
/* The same, with the cursor on incident `id` where the query has it. */
void lm_reload_at(listmodel *lm, const char *id);
/* The row at position pos if it is on screen, else NULL. */
const bd_row *lm_row(listmodel *lm, long long pos);
const bd_row *lm_current(listmodel *lm);

#endif
