/*
 * Reading a query in its order by keyset: from a known row on, through the
 * (column, id) index the order uses, so that the cost of a window is the
 * rows it holds and never how far down the order they lie (no OFFSET).
 */
#include "store_db.h"

#include <stdlib.h>
#include <string.h>

/* A place in the query's order: a row's sort value and id. Rows are read
 * after it (or from it, inclusive). No id: the start of the order. */
typedef struct anchor {
	sqlite3_value *value;
	char *id;
	bool inclusive;
} anchor;

static void anchor_free(anchor *a)
{
	sqlite3_value_free(a->value);
	free(a->id);
	a->value = NULL;
	a->id = NULL;
}

/* The anchor at incident id, wherever the query's order puts it; the
 * filter need not select it. */
static bd_status anchor_at(bd_store *st, const bd_query *q, const char *id, bool inclusive,
			   anchor *a, bd_error *err)
{
	char *sql = NULL;
	*a = (anchor){ .inclusive = inclusive };
	if (asprintf(&sql, "SELECT %s FROM incident WHERE id = ?1", bd_query_sort_column(q)) < 0)
		return bd_fail(err, BD_ENOMEM, "out of memory");
	sqlite3_stmt *s;
	bd_status status = bd_store_db_prepare(st, sql, &s, err);
	free(sql);
	if (status != BD_OK)
		return status;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		a->value = sqlite3_value_dup(sqlite3_column_value(s, 0));
		a->id = strdup(id);
		if (!a->value || !a->id) {
			anchor_free(a);
			status = bd_fail(err, BD_ENOMEM, "out of memory");
		}
	} else if (rc == SQLITE_DONE) {
		status = bd_fail(err, BD_ENOTFOUND, "no incident with id \"%s\"", id);
	} else {
		status = bd_store_db_fail(st, err);
	}
	sqlite3_finalize(s);
	return status;
}

/* The statement of the rows after a (columns: what, then the sort
 * value), ?1 and ?2 bound to the anchor, the filter's parameters after
 * them. The keyset comes first in the text so that its numbered
 * parameters are ?1 and ?2 and the filter's plain ones follow. With a
 * limit, LIMIT is bound last (a sorted read of few matches keeps only
 * that many). */
static bd_status keyset_stmt(bd_store *st, const bd_query *q, const char *what, const char *cond,
			     const anchor *a, int limit, sqlite3_stmt **s, bd_error *err)
{
	const char *op = q->desc ? (a->inclusive ? "<=" : "<") : (a->inclusive ? ">=" : ">");
	char *ks = NULL, *order = bd_query_order_by(q), *sql = NULL;
	int r = !a->id ? asprintf(&ks, "?1 IS NULL AND ?2 IS NULL")
		: bd_query_sort(q) == BD_SORT_ID ? asprintf(&ks, "id %s ?2", op)
		: asprintf(&ks, "(%s, id) %s (?1, ?2)", bd_query_sort_column(q), op);
	if (r < 0)
		ks = NULL;
	if (!ks || !order || asprintf(&sql, "SELECT %s, %s FROM incident WHERE %s AND (%s)"
				      " ORDER BY %s%s", what, bd_query_sort_column(q), ks, cond,
				      order, limit > 0 ? " LIMIT ?" : "") < 0)
		sql = NULL;
	free(ks);
	free(order);
	if (!sql)
		return bd_fail(err, BD_ENOMEM, "out of memory");
	bd_status status = bd_store_db_prepare(st, sql, s, err);
	free(sql);
	if (status != BD_OK)
		return status;
	if (a->id) {
		sqlite3_bind_value(*s, 1, a->value);
		sqlite3_bind_text(*s, 2, a->id, -1, SQLITE_TRANSIENT);
	}
	int i = bd_query_bind_filter(q->filter, *s, 3);
	if (limit > 0)
		sqlite3_bind_int(*s, i, limit);
	return BD_OK;
}

static int out_of_budget(void *ctx)
{
	bool *spent = ctx;
	*spent = true;
	return 1;       /* interrupts the statement */
}

/* Up to limit rows after a, the filter as cond; *last (may be NULL) gets
 * the anchor of the last row read. With a budget, *spent tells that the
 * statement was stopped for it (and out is then empty). */
static bd_status read_rows(bd_store *st, const bd_query *q, const char *cond, const anchor *a,
			   int limit, bd_rowset *out, anchor *last, bool *spent, bd_error *err)
{
	sqlite3_stmt *s;
	*out = (bd_rowset){ 0 };
	bd_status status = keyset_stmt(st, q, BD_ROW_COLUMNS, cond, a, limit, &s, err);
	if (status != BD_OK)
		return status;
	out->v = calloc(limit > 0 ? (size_t)limit : 1, sizeof *out->v);
	if (!out->v) {
		sqlite3_finalize(s);
		return bd_fail(err, BD_ENOMEM, "out of memory");
	}
	sqlite3 *db = bd_store_db(st);
	if (spent)
		sqlite3_progress_handler(db, q->walk_budget > 0 ? q->walk_budget
					 : BD_QUERY_WALK_BUDGET, out_of_budget, spent);
	int rc = SQLITE_DONE;
	while (out->n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		bd_query_read_row(s, &out->v[out->n++]);
		if (last && out->n == limit) {
			last->value = sqlite3_value_dup(sqlite3_column_value(s, BD_ROW_NCOLUMNS));
			last->id = strdup(out->v[out->n - 1].id);
		}
	}
	if (spent)
		sqlite3_progress_handler(db, 0, NULL, NULL);
	if (spent && *spent) {
		bd_rowset_free(out);
		if (last)
			anchor_free(last);
	} else if (out->n < limit && rc != SQLITE_DONE) {
		bd_rowset_free(out);
		status = bd_store_db_fail(st, err);
	} else if (last && out->n == limit && (!last->value || !last->id)) {
		status = bd_fail(err, BD_ENOMEM, "out of memory");
	}
	if (status != BD_OK && last)
		anchor_free(last);
	sqlite3_finalize(s);
	return status;
}

/* The rows after a. Few matches (bd_query_few): the order is walked for a
 * while, as that is quickest when they are spread through it; if they are
 * not met within the budget, the read starts from the matches instead. */
static bd_status rows_after(bd_store *st, const bd_query *q, const anchor *a, int limit,
			    bd_rowset *out, anchor *last, bd_error *err)
{
	if (!q->few)
		return read_rows(st, q, bd_filter_sql(q->filter), a, limit, out, last, NULL, err);
	bool spent = false;
	bd_status s = read_rows(st, q, bd_filter_sql(q->filter), a, limit, out, last, &spent, err);
	if (s != BD_OK || !spent)
		return s;
	return read_rows(st, q, bd_filter_count_sql(q->filter), a, limit, out, last, NULL, err);
}

bd_status bd_query_rows(bd_store *st, const bd_query *q, const char *at, int limit,
			bd_rowset *out, bd_error *err)
{
	anchor a = { 0 };
	*out = (bd_rowset){ 0 };
	bd_status s = at ? anchor_at(st, q, at, true, &a, err) : BD_OK;
	if (s == BD_OK)
		s = rows_after(st, q, &a, limit, out, NULL, err);
	anchor_free(&a);
	return s;
}

static void reverse(bd_rowset *rs)
{
	for (int i = 0; i < rs->n / 2; i++) {
		bd_row t = rs->v[i];
		rs->v[i] = rs->v[rs->n - 1 - i];
		rs->v[rs->n - 1 - i] = t;
	}
}

bd_status bd_query_rows_before(bd_store *st, const bd_query *q, const char *before, int limit,
			       bd_rowset *out, bd_error *err)
{
	bd_query rq = *q;
	rq.desc = !q->desc;
	anchor a = { 0 };
	*out = (bd_rowset){ 0 };
	bd_status s = before ? anchor_at(st, &rq, before, false, &a, err) : BD_OK;
	if (s == BD_OK)
		s = rows_after(st, &rq, &a, limit, out, NULL, err);
	if (s == BD_OK)
		reverse(out);
	anchor_free(&a);
	return s;
}

/* Walks n rows after a (ids and sort values only, so that an index on
 * (column, id) answers without reading a row); *id is the last, or NULL
 * when the order ends first. */
static bd_status walk(bd_store *st, const bd_query *q, const anchor *a, long long n, char **id,
		      bd_error *err)
{
	sqlite3_stmt *s;
	*id = NULL;
	bd_status status = keyset_stmt(st, q, "id", bd_query_where(q), a, 0, &s, err);
	if (status != BD_OK)
		return status;
	int rc = SQLITE_ROW;
	for (long long i = 0; i < n && (rc = sqlite3_step(s)) == SQLITE_ROW; i++)
		;
	if (rc == SQLITE_ROW) {
		*id = strdup((const char *)sqlite3_column_text(s, 0));
		if (!*id)
			status = bd_fail(err, BD_ENOMEM, "out of memory");
	} else if (rc != SQLITE_DONE) {
		status = bd_store_db_fail(st, err);
	}
	sqlite3_finalize(s);
	return status;
}

bd_status bd_query_step(bd_store *st, const bd_query *q, const char *from, long long delta,
			char **id, bd_error *err)
{
	*id = NULL;
	if (from && delta == 0) {
		*id = strdup(from);
		return *id ? BD_OK : bd_fail(err, BD_ENOMEM, "out of memory");
	}
	bd_query rq = *q;
	rq.desc = delta < 0 ? !q->desc : q->desc;
	anchor a = { 0 };
	bd_status s = from ? anchor_at(st, &rq, from, false, &a, err) : BD_OK;
	/* From the start, position 0 is the first row walked; from the end,
	 * -1 is; from a row, 1 is the next. */
	long long n = delta < 0 ? -delta : from ? delta : delta + 1;
	if (s == BD_OK)
		s = walk(st, &rq, &a, n, id, err);
	anchor_free(&a);
	return s;
}

bd_status bd_query_window(bd_store *st, const bd_query *q, long long offset, int limit,
			  bd_rowset *out, bd_error *err)
{
	char *at = NULL;
	*out = (bd_rowset){ 0 };
	bd_status s = offset > 0 ? bd_query_step(st, q, NULL, offset, &at, err) : BD_OK;
	if (s == BD_OK && (offset <= 0 || at))
		s = bd_query_rows(st, q, at, limit, out, err);
	free(at);
	return s;
}

bd_status bd_query_window_end(bd_store *st, const bd_query *q, long long from_end, int limit,
			      bd_rowset *out, bd_error *err)
{
	char *at = NULL;
	*out = (bd_rowset){ 0 };
	/* The row just after the window, counted from the end. */
	bd_status s = from_end > 0 ? bd_query_step(st, q, NULL, -from_end, &at, err) : BD_OK;
	if (s == BD_OK && (from_end <= 0 || at))
		s = bd_query_rows_before(st, q, at, limit, out, err);
	free(at);
	return s;
}

bd_status bd_query_each(bd_store *st, const bd_query *q, bd_row_fn fn, void *ctx, bd_error *err)
{
	enum { CHUNK = 512 };
	anchor a = { 0 };
	for (;;) {
		bd_rowset rs;
		anchor last = { 0 };
		bd_status s = rows_after(st, q, &a, CHUNK, &rs, &last, err);
		anchor_free(&a);
		if (s != BD_OK)
			return s;
		for (int i = 0; i < rs.n; i++)
			fn(&rs.v[i], ctx);
		int n = rs.n;
		bd_rowset_free(&rs);
		if (n < CHUNK) {
			anchor_free(&last);
			return BD_OK;
		}
		a = last;
	}
}

bd_status bd_query_each_id(bd_store *st, char *const *ids, int n, bd_row_fn fn, void *ctx,
			   bd_error *err)
{
	sqlite3_stmt *s;
	bd_status status = bd_store_db_prepare(st, "SELECT " BD_ROW_COLUMNS " FROM incident"
					       " WHERE id = ?1", &s, err);
	for (int i = 0; status == BD_OK && i < n; i++) {
		sqlite3_bind_text(s, 1, ids[i], -1, SQLITE_TRANSIENT);
		int rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			bd_rowset rs = { .v = calloc(1, sizeof *rs.v), .n = 1 };
			if (!rs.v) {
				status = bd_fail(err, BD_ENOMEM, "out of memory");
			} else {
				bd_query_read_row(s, &rs.v[0]);
				fn(&rs.v[0], ctx);
			}
			bd_rowset_free(&rs);
		} else if (rc != SQLITE_DONE) {
			status = bd_store_db_fail(st, err);
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return status;
}
