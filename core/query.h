/*
 * query — windows of incident rows, sorted and filtered, for screens and
 * listings. A screen asks for the rows it shows and nothing more.
 */
#ifndef BD_QUERY_H
#define BD_QUERY_H

#include <stdbool.h>

#include "filter.h"
#include "model.h"
#include "store.h"

/* Sort keys: X(ENUM, value, name, label, column), the column indexed on
 * (column, id). Kept by name in the configuration, never by value. */
#define BD_SORTS(X)                                                         \
	X(BD_SORT_DATE,     0, "date",     "date",           "date_key")    \
	X(BD_SORT_FORCE,    1, "force",    "force",          "force_short") \
	X(BD_SORT_KIND,     2, "kind",     "kind",           "kind")        \
	X(BD_SORT_AFFECTED, 3, "affected", "affected",       "affected")    \
	X(BD_SORT_FIELDS,   4, "fields",   "fields exposed", "n_exposed")   \
	X(BD_SORT_ICO,      5, "ico",      "ICO",            "ico")         \
	X(BD_SORT_NCA,      6, "nca",      "NCA",            "nca")         \
	X(BD_SORT_THREAT,   7, "threat",   "threat level",   "threat")      \
	X(BD_SORT_ID,       8, "id",       "id",             "id")          \
	X(BD_SORT_ORIGIN,   9, "origin",   "origin",         "origin")
enum bd_sort { BD_SORTS(BD_VOCAB_ENUM) };
extern const bd_vocab bd_sort_keys;

typedef struct bd_query {
	const bd_filter *filter;        /* NULL: everything */
	int sort;                       /* enum bd_sort */
	bool desc;
	bool few;                       /* see bd_query_few */
	int walk_budget;                /* with few: SQLite steps a window may walk
					 * the order before it reads the matches
					 * instead; 0: BD_QUERY_WALK_BUDGET */
} bd_query;

#define BD_QUERY_WALK_BUDGET 200000     /* a few milliseconds */

/* Whether the filter's full-text terms match so few incidents (at most
 * BD_QUERY_FEW) that a window is best read from the matches, sorted,
 * rather than by walking the sort index and testing each row: the walk
 * is fast when matches are spread through the order, and slow when they
 * cluster at its far end (PSNI sorted by force: 1.7 s for the first
 * screen, 33 ms from the 22,000 matches). Set q->few from it when the
 * filter changes. Counted in the text index only, up to the limit. */
#define BD_QUERY_FEW 50000
bool bd_query_few(bd_store *st, const bd_query *q);

/* One incident as a listing shows it: the derived columns, no document. */
typedef struct bd_row {
	char *id, *title, *force_short, *force, *supplier;
	int nation, kind, qualifier, origin;
	bd_date date;
	long long affected;
	bd_fieldset exposed, not_exposed, lost;
	bd_fieldset reported;           /* exposed, by hedged reports only */
	int ico, nca;                   /* furthest status, -1: none recorded */
	int threat;                     /* level in force, -1: none known */
} bd_row;

typedef struct bd_rowset {
	bd_row *v;
	int n;
} bd_rowset;

/* Reading by keyset. Every read starts from a row named by its id (or at
 * an end of the order) and walks the (sort column, id) index from there:
 * its cost is the rows it reads or passes, never how far down they lie.
 * A row named need not be selected by the filter; BD_ENOTFOUND when no
 * incident has that id. */
/* Up to limit rows from `at` on (`at` first when selected; NULL: from the
 * first row). */
bd_status bd_query_rows(bd_store *st, const bd_query *q, const char *at, int limit,
			bd_rowset *out, bd_error *err);
/* Up to limit rows just before `before` (NULL: the last rows), in the
 * query's order. */
bd_status bd_query_rows_before(bd_store *st, const bd_query *q, const char *before, int limit,
			       bd_rowset *out, bd_error *err);
/* The id (caller frees) of the row delta rows after `from` (before it
 * when delta < 0). from NULL: the row at position delta, counted from the
 * end when negative (-1: the last). *id is NULL when the order ends
 * first. Walks the index only, reading no row it passes. */
bd_status bd_query_step(bd_store *st, const bd_query *q, const char *from, long long delta,
			char **id, bd_error *err);
/* Rows [offset, offset + limit) of the query: a step from the start, then
 * a read from there (so it costs the offset; a screen reads from a row it
 * knows instead). */
bd_status bd_query_window(bd_store *st, const bd_query *q, long long offset, int limit,
			  bd_rowset *out, bd_error *err);
void bd_rowset_free(bd_rowset *rs);
/* Matching rows; the maintained tally when there is no filter. */
long long bd_query_count(bd_store *st, const bd_query *q, bd_error *err);
/* Position of the next row after position `from` (dir > 0) or before it
 * (dir < 0) whose text matches `text` literally, wrapping around; -1 if
 * none. */
long long bd_query_find(bd_store *st, const bd_query *q, const char *text,
			long long from, int dir, bd_error *err);
/* Position of the incident with this id in the query's order, or -1. */
long long bd_query_position(bd_store *st, const bd_query *q, const char *id, bd_error *err);
/* Like bd_query_count, but stops counting at cap (returns cap then): a
 * cheap bound for filters that no index answers. */
long long bd_query_count_upto(bd_store *st, const bd_query *q, long long cap, bd_error *err);
/* Rows [count - from_end - limit, count - from_end), counted from the end
 * (read backwards from it): the last screen costs no more than the first. */
bd_status bd_query_window_end(bd_store *st, const bd_query *q, long long from_end, int limit,
			      bd_rowset *out, bd_error *err);
/* Position of the incident in the query's order (rows before it, counted
 * through the sort index), or -1 when the query does not select it or it
 * lies beyond cap. */
long long bd_query_rank(bd_store *st, const bd_query *q, const char *id, long long cap,
			bd_error *err);
/* Rows after `from` up to and including `to` in the query's order (so 1
 * when `to` directly follows `from`); 0 when `to` is not after `from`; -1
 * beyond cap or when either is not selected. Costs the distance, not the
 * position. */
long long bd_query_distance(bd_store *st, const bd_query *q, const char *from, const char *to,
			    long long cap, bd_error *err);
/* The id of the next incident after `from` (dir > 0) or before it (dir < 0)
 * in the query's order whose text matches `text` literally, wrapping
 * around; NULL if none. from may be NULL (start at the top). Caller frees. */
char *bd_query_find_id(bd_store *st, const bd_query *q, const char *text, const char *from,
		       int dir, bd_error *err);

/* Every row of the query in its order, a window at a time (never the
 * whole table in memory), each window read by keyset after the last: one
 * pass, linear in the rows. Stops at the first error, returned. */
typedef void (*bd_row_fn)(const bd_row *r, void *ctx);
bd_status bd_query_each(bd_store *st, const bd_query *q, bd_row_fn fn, void *ctx, bd_error *err);
/* The rows of the incidents named, in that order, each read by its id
 * (one statement for all); an id no incident has is passed over. */
bd_status bd_query_each_id(bd_store *st, char *const *ids, int n, bd_row_fn fn, void *ctx,
			   bd_error *err);
/* Whether the query selects the incident with this id. */
bool bd_query_selects(bd_store *st, const bd_query *q, const char *id);

/* The first and last day of every incident's and referral's date that the
 * query's filter selects (partial dates cover their span); false when
 * there is none. Two aggregate reads, for a chart's fixed axis. */
bool bd_query_span(bd_store *st, const bd_query *q, bd_date *from, bd_date *to);

#endif
