#include "query.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const bd_vocab_entry sort_entries[] = {
	{ "date", "date", NULL, NULL },
	{ "force", "force", NULL, NULL },
	{ "kind", "kind", NULL, NULL },
	{ "affected", "affected", NULL, NULL },
	{ "fields", "fields exposed", NULL, NULL },
	{ "ico", "ICO", NULL, NULL },
	{ "nca", "NCA", NULL, NULL },
	{ "threat", "threat level", NULL, NULL },
	{ "id", "id", NULL, NULL },
	{ "origin", "origin", NULL, NULL },
};
const bd_vocab bd_sort_keys = { "sort key", sort_entries,
				sizeof sort_entries / sizeof sort_entries[0] };

/* Columns in the order of bd_sort; each has an index on (column, id). */
static const char *const sort_columns[] = {
	"date_key", "force_short", "kind", "affected", "n_exposed",
	"ico", "nca", "threat", "id", "origin"
};

#define ROW_COLUMNS "id, title, force_short, force, supplier, nation, kind, qualifier," \
	" origin, date_key, affected, exposed, not_exposed, ico, nca, threat"

static char *order_by(const bd_query *q)
{
	char *out = NULL;
	int sort = q->sort >= 0 && q->sort <= BD_SORT_ORIGIN ? q->sort : BD_SORT_DATE;
	const char *dir = q->desc ? "DESC" : "ASC";
	if (sort == BD_SORT_ID)
		return asprintf(&out, "id %s", dir) < 0 ? NULL : out;
	return asprintf(&out, "%s %s, id %s", sort_columns[sort], dir, dir) < 0 ? NULL : out;
}

static char *dup_col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? strdup((const char *)t) : NULL;
}

static void read_row(sqlite3_stmt *s, bd_row *r)
{
	r->id = dup_col(s, 0);
	r->title = dup_col(s, 1);
	r->force_short = dup_col(s, 2);
	r->force = dup_col(s, 3);
	r->supplier = dup_col(s, 4);
	r->nation = sqlite3_column_int(s, 5);
	r->kind = sqlite3_column_int(s, 6);
	r->qualifier = sqlite3_column_int(s, 7);
	r->origin = sqlite3_column_int(s, 8);
	r->date = bd_date_from_key(sqlite3_column_int(s, 9));
	r->affected = sqlite3_column_int64(s, 10);
	r->exposed = (bd_fieldset)sqlite3_column_int64(s, 11);
	r->not_exposed = (bd_fieldset)sqlite3_column_int64(s, 12);
	r->ico = sqlite3_column_int(s, 13);
	r->nca = sqlite3_column_int(s, 14);
	r->threat = sqlite3_column_int(s, 15);
}

static bd_status prepare(bd_store *st, const char *sql, sqlite3_stmt **s, bd_error *err)
{
	if (sqlite3_prepare_v2(bd_store_db(st), sql, -1, s, NULL) != SQLITE_OK)
		return bd_fail(err, BD_ESTORE, "%s: %s", bd_store_path(st),
			       sqlite3_errmsg(bd_store_db(st)));
	return BD_OK;
}

bd_status bd_query_window(bd_store *st, const bd_query *q, long long offset, int limit,
			  bd_rowset *out, bd_error *err)
{
	char *order = order_by(q), *sql = NULL;
	out->v = NULL;
	out->n = 0;
	if (!order || asprintf(&sql, "SELECT " ROW_COLUMNS " FROM incident WHERE %s"
			       " ORDER BY %s LIMIT ? OFFSET ?", bd_filter_sql(q->filter), order) < 0) {
		free(order);
		return bd_fail(err, BD_ENOMEM, "out of memory");
	}
	free(order);
	sqlite3_stmt *s;
	bd_status status = prepare(st, sql, &s, err);
	free(sql);
	if (status != BD_OK)
		return status;
	int i = bd_filter_bind(q->filter, s, 1);
	sqlite3_bind_int(s, i, limit);
	sqlite3_bind_int64(s, i + 1, offset);
	out->v = calloc(limit > 0 ? (size_t)limit : 1, sizeof *out->v);
	int rc = SQLITE_DONE;
	while (out->v && out->n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW)
		read_row(s, &out->v[out->n++]);
	if (out->v && out->n < limit && rc != SQLITE_DONE)
		status = bd_fail(err, BD_ESTORE, "%s: %s", bd_store_path(st),
				 sqlite3_errmsg(bd_store_db(st)));
	sqlite3_finalize(s);
	return status;
}

void bd_rowset_free(bd_rowset *rs)
{
	for (int i = 0; i < rs->n; i++) {
		free(rs->v[i].id); free(rs->v[i].title); free(rs->v[i].force_short);
		free(rs->v[i].force); free(rs->v[i].supplier);
	}
	free(rs->v);
	rs->v = NULL;
	rs->n = 0;
}

static long long scalar(bd_store *st, const char *sql, const bd_query *q,
			const char *text, long long arg, bd_error *err)
{
	sqlite3_stmt *s;
	if (prepare(st, sql, &s, err) != BD_OK)
		return -1;
	int i = bd_filter_bind(q ? q->filter : NULL, s, 1);
	if (text)
		sqlite3_bind_text(s, i++, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, i, arg);
	long long v = -1;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

long long bd_query_count(bd_store *st, const bd_query *q, bd_error *err)
{
	if (bd_filter_is_empty(q->filter))
		return bd_store_total(st);
	char *sql = NULL;
	if (asprintf(&sql, "SELECT count(*) FROM incident WHERE %s", bd_filter_sql(q->filter)) < 0)
		return -1;
	long long n = scalar(st, sql, q, NULL, 0, err);
	free(sql);
	return n;
}

/* Positions come from row_number() over the query's order. */
static char *numbered(const bd_query *q, const char *where)
{
	char *order = order_by(q), *sql = NULL;
	if (order && asprintf(&sql, "WITH n AS (SELECT rowid AS r, id, row_number() OVER"
			      " (ORDER BY %s) - 1 AS pos FROM incident WHERE %s)"
			      " SELECT pos FROM n WHERE %s", order, bd_filter_sql(q->filter),
			      where) < 0)
		sql = NULL;
	free(order);
	return sql;
}

long long bd_query_find(bd_store *st, const bd_query *q, const char *text,
			long long from, int dir, bd_error *err)
{
	char *match = bd_fts_literal(text);
	if (!match)
		return -1;
	const char *where = dir >= 0
		? "r IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?)"
		  " ORDER BY pos <= ?, pos LIMIT 1"
		: "r IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?)"
		  " ORDER BY pos >= ?, pos DESC LIMIT 1";
	char *sql = numbered(q, where);
	long long pos = sql ? scalar(st, sql, q, match, from, err) : -1;
	free(sql);
	free(match);
	return pos;
}

long long bd_query_position(bd_store *st, const bd_query *q, const char *id, bd_error *err)
{
	char *sql = numbered(q, "id = ? AND ? >= 0");
	long long pos = sql ? scalar(st, sql, q, id, 0, err) : -1;
	free(sql);
	return pos;
}
