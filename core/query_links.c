/*
 * The reads of links (links.h) from the store: in the query module, as
 * they are SQL.
 */
#include "links.h"
#include "store_db.h"

#include <stdlib.h>
#include <string.h>

bool bd_links_exists(bd_store *st, const char *id)
{
	sqlite3_stmt *s;
	bool found = false;
	if (bd_store_db_prepare(st, "SELECT 1 FROM incident WHERE id = ?1", &s, NULL) != BD_OK)
		return false;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

bd_status bd_links_read_linked(bd_store *st, const bd_incident *inc, bd_strv *out, bd_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bd_store_db(st), "SELECT id FROM incident WHERE same_as = ?1"
			       " ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return bd_store_db_fail(st, err);
	sqlite3_bind_text(s, 1, inc->id, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		bd_links_strv_push(out, (const char *)sqlite3_column_text(s, 0));
	bd_status status = rc == SQLITE_DONE ? BD_OK : bd_store_db_fail(st, err);
	sqlite3_finalize(s);
	return status;
}

/* An incident's distinct_from as one column: its ids separated by spaces
 * (ids are slugs), NULL when it has none. */
#define DISTINCT_LIST "(SELECT group_concat(value, ' ') FROM json_each(d.doc, '$.distinct_from'))"

/* YYYYMM of the incident's date; 0 when it has no month. */
static int month_key(bd_date d)
{
	return d.year && d.month ? d.year * 100 + d.month : 0;
}

#define GROUP_ROWS "SELECT i.id, i.title, i.same_as, i.date_key, i.affected, i.qualifier, " \
	DISTINCT_LIST " FROM incident i JOIN incident_doc d ON d.rowid = i.rowid" \
	" WHERE i.force_short = ?1 AND i.date_key / 100 = ?2 ORDER BY i.date_key, i.id"

static void free_rows(bd_dup_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].distinct);
		free(v[i].id);
		free(v[i].title);
		free(v[i].same_as);
	}
	free(v);
}

static char *dup_or_null(const unsigned char *s)
{
	return s ? strdup((const char *)s) : NULL;
}

/* The incidents of one force and month (statement GROUP_ROWS), with how
 * many of them link to each. */
static bd_status read_group(bd_store *st, sqlite3_stmt *rows, const char *force_short, int month,
			    bd_dup_row **out, size_t *count, bd_error *err)
{
	bd_dup_row *v = NULL;
	size_t n = 0;
	int rc;
	sqlite3_bind_text(rows, 1, force_short, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(rows, 2, month);
	while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
		bd_dup_row *w = realloc(v, (n + 1) * sizeof *w);
		if (!w) {
			rc = SQLITE_NOMEM;
			break;
		}
		v = w;
		v[n++] = (bd_dup_row){
			.id = dup_or_null(sqlite3_column_text(rows, 0)),
			.title = dup_or_null(sqlite3_column_text(rows, 1)),
			.same_as = dup_or_null(sqlite3_column_text(rows, 2)),
			.date = bd_date_from_key(sqlite3_column_int(rows, 3)),
			.affected = sqlite3_column_int64(rows, 4),
			.qualifier = sqlite3_column_int(rows, 5),
			.distinct = dup_or_null(sqlite3_column_text(rows, 6)),
		};
	}
	bd_status status = rc == SQLITE_DONE ? BD_OK
			 : rc == SQLITE_NOMEM ? bd_fail(err, BD_ENOMEM, "out of memory")
			 : bd_store_db_fail(st, err);
	sqlite3_reset(rows);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			v[i].n_linked += bd_links_same(v[j].same_as, v[i].id);
	*out = v;
	*count = n;
	return status;
}

bd_status bd_links_read_possible(bd_store *st, const bd_incident *inc, bd_strv *out,
				 bd_error *err)
{
	int month = month_key(bd_incident_date(inc));
	if (!month || !inc->force_short)
		return BD_OK;
	sqlite3_stmt *rows;
	bd_status status = bd_store_db_prepare(st, GROUP_ROWS, &rows, err);
	bd_dup_row *v = NULL;
	size_t n = 0, me = (size_t)-1;
	if (status == BD_OK)
		status = read_group(st, rows, inc->force_short, month, &v, &n, err);
	sqlite3_finalize(rows);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].id, inc->id))
			me = i;
	/* the incident as given, which may not be stored (yet) as it is */
	if (status == BD_OK && me == (size_t)-1) {
		bd_dup_row *w = realloc(v, (n + 1) * sizeof *w);
		if (w) {
			v = w;
			v[n] = (bd_dup_row){ .id = strdup(inc->id) };
			me = n++;
		}
	}
	if (status == BD_OK && me != (size_t)-1) {
		free(v[me].same_as);
		free(v[me].distinct);
		v[me].same_as = inc->same_as ? strdup(inc->same_as) : NULL;
		v[me].distinct = bd_links_joined(&inc->distinct_from);
		for (size_t j = 0; j < n; j++)
			if (j != me && bd_dup_pair_possible(v, n, me, j))
				bd_links_strv_push(out, v[j].id);
	}
	free_rows(v, n);
	return status;
}

static bd_status group_rows(bd_store *st, sqlite3_stmt *rows, const char *force_short, int month,
			    bd_dup_group_fn fn, void *ctx, bd_error *err)
{
	bd_dup_row *v;
	size_t n;
	bd_status s = read_group(st, rows, force_short, month, &v, &n, err);
	/* a group all marked not the same is no longer shown */
	bool shown = false;
	for (size_t i = 0; i < n && !shown; i++)
		shown = bd_dup_row_linked(v, n, i) || bd_dup_row_possible(v, n, i);
	if (s == BD_OK && n > 1 && shown)
		fn(ctx, force_short, bd_date_from_key(month * 100), v, n);
	free_rows(v, n);
	return s;
}

bd_status bd_links_groups(bd_store *st, bd_dup_group_fn fn, void *ctx, bd_error *err)
{
	sqlite3 *db = bd_store_db(st);
	sqlite3_stmt *groups = NULL, *rows = NULL;
	/* A group's rows are read by one statement, bound again for each. */
	if (sqlite3_prepare_v2(db, "SELECT force_short, date_key / 100 AS month FROM incident"
			       " WHERE (date_key / 100) % 100 != 0 GROUP BY force_short, month"
			       " HAVING count(*) > 1 ORDER BY month, force_short", -1, &groups,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, GROUP_ROWS, -1, &rows, NULL) != SQLITE_OK) {
		bd_status s = bd_store_db_fail(st, err);
		sqlite3_finalize(groups);
		return s;
	}
	bd_status s = BD_OK;
	int rc;
	while (s == BD_OK && (rc = sqlite3_step(groups)) == SQLITE_ROW)
		s = group_rows(st, rows, (const char *)sqlite3_column_text(groups, 0),
			       sqlite3_column_int(groups, 1), fn, ctx, err);
	if (s == BD_OK && rc != SQLITE_DONE)
		s = bd_store_db_fail(st, err);
	sqlite3_finalize(groups);
	sqlite3_finalize(rows);
	return s;
}
