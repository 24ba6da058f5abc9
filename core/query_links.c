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

/* YYYYMM of the incident's date; 0 when it has no month. */
static int month_key(bd_date d)
{
	return d.year && d.month ? d.year * 100 + d.month : 0;
}

bd_status bd_links_read_possible(bd_store *st, const bd_incident *inc, bd_strv *out,
				 bd_error *err)
{
	int month = month_key(bd_incident_date(inc));
	if (!month || !inc->force_short)
		return BD_OK;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bd_store_db(st), "SELECT id, same_as FROM incident"
			       " WHERE force_short = ?1 AND date_key / 100 = ?2 AND id != ?3"
			       " ORDER BY date_key, id", -1, &s, NULL) != SQLITE_OK)
		return bd_store_db_fail(st, err);
	sqlite3_bind_text(s, 1, inc->force_short, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, month);
	sqlite3_bind_text(s, 3, inc->id, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		const char *other = (const char *)sqlite3_column_text(s, 1);
		if (!bd_links_same(other, inc->id) && !bd_links_same(inc->same_as, id) && !bd_links_same(inc->same_as, other))
			bd_links_strv_push(out, id);
	}
	bd_status status = rc == SQLITE_DONE ? BD_OK : bd_store_db_fail(st, err);
	sqlite3_finalize(s);
	return status;
}

static bd_status group_rows(sqlite3_stmt *rows, const char *force_short, int month,
			    bd_dup_group_fn fn, void *ctx)
{
	bd_dup_row *v = NULL;
	size_t n = 0;
	sqlite3_bind_text(rows, 1, force_short, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(rows, 2, month);
	while (sqlite3_step(rows) == SQLITE_ROW) {
		bd_dup_row *w = realloc(v, (n + 1) * sizeof *w);
		if (!w)
			break;
		v = w;
		const char *same_as = (const char *)sqlite3_column_text(rows, 2);
		v[n++] = (bd_dup_row){
			.id = strdup((const char *)sqlite3_column_text(rows, 0)),
			.title = strdup((const char *)sqlite3_column_text(rows, 1)),
			.same_as = same_as ? strdup(same_as) : NULL,
			.date = bd_date_from_key(sqlite3_column_int(rows, 3)),
			.affected = sqlite3_column_int64(rows, 4),
			.qualifier = sqlite3_column_int(rows, 5),
		};
	}
	sqlite3_reset(rows);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			v[i].n_linked += bd_links_same(v[j].same_as, v[i].id);
	if (n > 1)
		fn(ctx, force_short, bd_date_from_key(month * 100), v, n);
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].title);
		free(v[i].same_as);
	}
	free(v);
	return BD_OK;
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
	    sqlite3_prepare_v2(db, "SELECT id, title, same_as, date_key, affected, qualifier"
			       " FROM incident WHERE force_short = ?1 AND date_key / 100 = ?2"
			       " ORDER BY date_key, id", -1, &rows, NULL) != SQLITE_OK) {
		bd_status s = bd_store_db_fail(st, err);
		sqlite3_finalize(groups);
		return s;
	}
	bd_status s = BD_OK;
	int rc;
	while (s == BD_OK && (rc = sqlite3_step(groups)) == SQLITE_ROW)
		s = group_rows(rows, (const char *)sqlite3_column_text(groups, 0),
			       sqlite3_column_int(groups, 1), fn, ctx);
	if (s == BD_OK && rc != SQLITE_DONE)
		s = bd_store_db_fail(st, err);
	sqlite3_finalize(groups);
	sqlite3_finalize(rows);
	return s;
}
