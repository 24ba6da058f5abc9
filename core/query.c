#include "store_db.h"

#include "textsearch.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SORT_ENTRY(id, value, name, label, column) BD_VOCAB_ENTRY(id, value, name, label)
BD_VOCAB_DEFINE(bd_sort_keys, "sort key", BD_SORTS, SORT_ENTRY);

#define SORT_COLUMN(id, value, name, label, column) [id] = column,
static const char *const sort_columns[] = { BD_SORTS(SORT_COLUMN) };

const char *bd_query_where(const bd_query *q)
{
	return q->few ? bd_filter_count_sql(q->filter) : bd_filter_sql(q->filter);
}

int bd_query_sort(const bd_query *q)
{
	return q->sort >= 0 && q->sort <= BD_SORT_ORIGIN ? q->sort : BD_SORT_DATE;
}

const char *bd_query_sort_column(const bd_query *q)
{
	return sort_columns[bd_query_sort(q)];
}

bd_status bd_store_db_fail(bd_store *st, bd_error *err)
{
	return bd_fail(err, BD_ESTORE, "%s: %s", bd_store_path(st), sqlite3_errmsg(bd_store_db(st)));
}

bd_status bd_store_db_prepare(bd_store *st, const char *sql, sqlite3_stmt **s, bd_error *err)
{
	if (sqlite3_prepare_v2(bd_store_db(st), sql, -1, s, NULL) != SQLITE_OK) {
		*s = NULL;
		return bd_store_db_fail(st, err);
	}
	return BD_OK;
}

int bd_query_bind_filter(const bd_filter *f, sqlite3_stmt *s, int first)
{
	for (size_t i = 0; i < bd_filter_n_params(f); i++, first++) {
		const char *text;
		long long num;
		if (bd_filter_param(f, i, &text, &num))
			sqlite3_bind_text(s, first, text, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(s, first, num);
	}
	return first;
}

/* Incidents the full-text query match matches, counted up to cap. */
static long long fts_count(bd_store *st, const char *match, long long cap)
{
	sqlite3_stmt *s;
	long long n = -1;
	if (sqlite3_prepare_v2(bd_store_db(st), "SELECT count(*) FROM (SELECT 1 FROM incident_fts"
			       " WHERE incident_fts MATCH ?1 LIMIT ?2)", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, cap);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The matches of a filter of full-text terms only, counted in the text
 * index alone: no incident row is read (a count of 5,000 PSNI incidents
 * read 5,000 scattered pages of the table, 250 ms from a cold disk). */
static long long fts_count_all(bd_store *st, const bd_filter *f, long long cap)
{
	char *all = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&all, &len);
	const char *match;
	for (size_t i = 0; m && (match = bd_filter_fts(f, i)); i++)
		fprintf(m, "%s(%s)", i ? " AND " : "", match);
	if (!m)
		return -1;
	fclose(m);
	long long n = fts_count(st, all, cap);
	free(all);
	return n;
}

bool bd_query_few(bd_store *st, const bd_query *q)
{
	const char *match;
	for (size_t i = 0; (match = bd_filter_fts(q->filter, i)); i++) {
		long long n = fts_count(st, match, BD_QUERY_FEW + 1);
		if (n >= 0 && n <= BD_QUERY_FEW)
			return true;
	}
	return false;
}

char *bd_query_order_by(const bd_query *q)
{
	char *out = NULL;
	int sort = bd_query_sort(q);
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

void bd_query_read_row(sqlite3_stmt *s, bd_row *r)
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
	r->lost = (bd_fieldset)sqlite3_column_int64(s, 16);
	r->reported = (bd_fieldset)sqlite3_column_int64(s, 17);
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
	if (bd_store_db_prepare(st, sql, &s, err) != BD_OK)
		return -1;
	int i = bd_query_bind_filter(q ? q->filter : NULL, s, 1);
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
	if (bd_filter_fts_only(q->filter))
		return fts_count_all(st, q->filter, LLONG_MAX);
	char *sql = NULL;
	if (asprintf(&sql, "SELECT count(*) FROM incident WHERE %s", bd_filter_count_sql(q->filter)) < 0)
		return -1;
	long long n = scalar(st, sql, q, NULL, 0, err);
	free(sql);
	return n;
}

/* The sort column's value for an incident that the query selects; false
 * when the query does not select it. The value is bound as it is stored. */
static bool sort_value(bd_store *st, const bd_query *q, const char *id, sqlite3_value **out)
{
	char *sql = NULL;
	int sort = bd_query_sort(q);
	if (asprintf(&sql, "SELECT %s FROM incident WHERE id = ? AND (%s)", sort_columns[sort],
		     bd_query_where(q)) < 0)
		return false;
	sqlite3_stmt *s;
	bool found = false;
	if (sqlite3_prepare_v2(bd_store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
		bd_query_bind_filter(q->filter, s, 2);
		if (sqlite3_step(s) == SQLITE_ROW) {
			*out = sqlite3_value_dup(sqlite3_column_value(s, 0));
			found = *out != NULL;
		}
		sqlite3_finalize(s);
	}
	free(sql);
	return found;
}

bool bd_query_selects(bd_store *st, const bd_query *q, const char *id)
{
	sqlite3_value *v = NULL;
	bool found = id && sort_value(st, q, id, &v);
	sqlite3_value_free(v);
	return found;
}

/* "(col, id) > (?, ?)": rows after (or before) a row in the query's order,
 * answered from the (column, id) index rather than by numbering rows. */
static char *keyset(const bd_query *q, bool after)
{
	char *out = NULL;
	int sort = bd_query_sort(q);
	const char *op = after != q->desc ? ">" : "<";
	if (sort == BD_SORT_ID)
		return asprintf(&out, "id %s ?2", op) < 0 ? NULL : out;
	return asprintf(&out, "(%s, id) %s (?1, ?2)", sort_columns[sort], op) < 0 ? NULL : out;
}

long long bd_query_count_upto(bd_store *st, const bd_query *q, long long cap, bd_error *err)
{
	if (bd_filter_is_empty(q->filter)) {
		long long n = bd_store_total(st);
		return n < cap ? n : cap;
	}
	if (bd_filter_fts_only(q->filter))
		return fts_count_all(st, q->filter, cap);
	char *sql = NULL;
	if (asprintf(&sql, "SELECT count(*) FROM (SELECT 1 FROM incident WHERE %s LIMIT ?)",
		     bd_filter_count_sql(q->filter)) < 0)
		return -1;
	long long n = scalar(st, sql, q, NULL, cap, err);
	free(sql);
	return n;
}

/* Binds the keyset values: the sort value as ?1 and the id as ?2, after
 * the filter's own parameters (which use plain ? and so come first). */
static long long keyset_scalar(bd_store *st, const char *sql, const bd_query *q,
			       sqlite3_value *v, const char *id, const char *text, long long arg)
{
	sqlite3_stmt *s;
	long long out = -1;
	if (sqlite3_prepare_v2(bd_store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_value(s, 1, v);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_TRANSIENT);
	int i = bd_query_bind_filter(q->filter, s, 3);
	if (text)
		sqlite3_bind_text(s, i++, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, i, arg);
	if (sqlite3_step(s) == SQLITE_ROW)
		out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return out;
}

long long bd_query_rank(bd_store *st, const bd_query *q, const char *id, long long cap,
			bd_error *err)
{
	sqlite3_value *v = NULL;
	(void)err;
	if (!id || !sort_value(st, q, id, &v))
		return -1;
	char *ks = keyset(q, false), *sql = NULL;
	long long n = -1;
	/* ?1 and ?2 are numbered; the filter's ? parameters take 3, 4, ... */
	if (ks && asprintf(&sql, "SELECT count(*) FROM (SELECT 1 FROM incident WHERE %s AND (%s)"
			   " LIMIT ?)", ks, bd_query_where(q)) >= 0)
		n = keyset_scalar(st, sql, q, v, id, NULL, cap + 1);
	if (n > cap)
		n = -1;
	free(sql);
	free(ks);
	sqlite3_value_free(v);
	return n;
}

long long bd_query_distance(bd_store *st, const bd_query *q, const char *from, const char *to,
			    long long cap, bd_error *err)
{
	sqlite3_value *a = NULL, *b = NULL;
	(void)err;
	long long n = -1;
	if (!sort_value(st, q, from, &a) || !sort_value(st, q, to, &b)) {
		sqlite3_value_free(a);
		return -1;
	}
	int sort = bd_query_sort(q);
	const char *col = sort == BD_SORT_ID ? "id" : sort_columns[sort];
	const char *gt = q->desc ? "<" : ">", *le = q->desc ? ">=" : "<=";
	char *sql = NULL;
	if (asprintf(&sql, "SELECT count(*) FROM (SELECT 1 FROM incident WHERE (%s, id) %s (?1, ?2)"
		     " AND (%s, id) %s (?3, ?4) AND (%s) LIMIT ?)", col, gt, col, le,
		     bd_query_where(q)) >= 0) {
		sqlite3_stmt *s;
		if (sqlite3_prepare_v2(bd_store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
			sqlite3_bind_value(s, 1, a);
			sqlite3_bind_text(s, 2, from, -1, SQLITE_TRANSIENT);
			sqlite3_bind_value(s, 3, b);
			sqlite3_bind_text(s, 4, to, -1, SQLITE_TRANSIENT);
			int i = bd_query_bind_filter(q->filter, s, 5);
			sqlite3_bind_int64(s, i, cap + 1);
			if (sqlite3_step(s) == SQLITE_ROW)
				n = sqlite3_column_int64(s, 0);
			sqlite3_finalize(s);
		}
	}
	free(sql);
	sqlite3_value_free(a);
	sqlite3_value_free(b);
	return n > cap ? -1 : n;
}

/* Whether a full-text query matches at least COMMON_MATCHES incidents:
 * counted in the index, up to that many. */
enum { COMMON_MATCHES = 1000 };

static bool common_match(bd_store *st, const char *match)
{
	return fts_count(st, match, COMMON_MATCHES) >= COMMON_MATCHES;
}

static char *next_match(bd_store *st, const bd_query *q, const char *match, const char *from,
			int dir, bool wrap)
{
	char *order = NULL, *sql = NULL, *ks = NULL, *id = NULL;
	bd_query rq = *q;
	if (dir < 0)
		rq.desc = !q->desc;
	order = bd_query_order_by(&rq);
	sqlite3_value *v = NULL;
	bool keyed = !wrap && from && sort_value(st, q, from, &v);
	if (keyed)
		ks = keyset(&rq, true);
	/* A rare word: the set of its matches, read once, and the rows in
	 * order checked against it. A common one (a tenth of the rows, say):
	 * reading every match would cost more than the few rows in order it
	 * takes to meet one, each checked in the index by rowid. Not so a
	 * prefix of many words (textsearch.h): FTS5 would merge all their
	 * postings again for every row checked. */
	const char *in = !strchr(match, '*') && common_match(st, match)
		? "EXISTS (SELECT 1 FROM incident_fts f WHERE f.incident_fts MATCH ? AND f.rowid = incident.rowid)"
		: "+rowid IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?)";
	if (order && asprintf(&sql, "SELECT id FROM incident WHERE %s AND (%s) AND %s ORDER BY %s LIMIT 1",
			      keyed && ks ? ks : "?1 IS NULL AND ?2 IS NULL", bd_query_where(q), in,
			      order) >= 0) {
		sqlite3_stmt *s;
		if (sqlite3_prepare_v2(bd_store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
			if (keyed) {
				sqlite3_bind_value(s, 1, v);
				sqlite3_bind_text(s, 2, from, -1, SQLITE_TRANSIENT);
			}
			int i = bd_query_bind_filter(q->filter, s, 3);
			sqlite3_bind_text(s, i, match, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(s) == SQLITE_ROW)
				id = strdup((const char *)sqlite3_column_text(s, 0));
			sqlite3_finalize(s);
		}
	}
	sqlite3_value_free(v);
	free(ks);
	free(sql);
	free(order);
	return id;
}

char *bd_query_find_id(bd_store *st, const bd_query *q, const char *text, const char *from,
		       int dir, bd_error *err)
{
	(void)err;
	bool none;
	char *match = bd_text_search_query(st, text, &none);
	if (!match)             /* no word, or a word no incident has */
		return NULL;
	char *id = next_match(st, q, match, from, dir, false);
	if (!id)
		id = next_match(st, q, match, NULL, dir, true);
	free(match);
	return id;
}


long long bd_query_position(bd_store *st, const bd_query *q, const char *id, bd_error *err)
{
	return bd_query_rank(st, q, id, LLONG_MAX - 1, err);
}

long long bd_query_find(bd_store *st, const bd_query *q, const char *text,
			long long from, int dir, bd_error *err)
{
	char *from_id = NULL;
	if (from >= 0 && bd_query_step(st, q, NULL, from, &from_id, err) != BD_OK)
		return -1;
	char *id = bd_query_find_id(st, q, text, from_id, dir, err);
	long long pos = id ? bd_query_rank(st, q, id, LLONG_MAX - 1, err) : -1;
	free(id);
	free(from_id);
	return pos;
}

/* One MIN and MAX over the filter: of the incidents' dates, or (referrals)
 * of their referrals' dates. */
static bool span_of(bd_store *st, const bd_query *q, bool referrals, int *lo, int *hi)
{
	char *sql = NULL;
	int r = referrals
		? asprintf(&sql, "SELECT min(r.date_key), max(r.date_key) FROM referral r JOIN incident"
			   " ON incident.rowid = r.incident WHERE r.date_key > 0 AND (%s)", bd_filter_sql(q->filter))
		: asprintf(&sql, "SELECT min(date_key), max(date_key) FROM incident WHERE date_key > 0"
			   " AND (%s)", bd_filter_sql(q->filter));
	if (r < 0)
		return false;
	sqlite3_stmt *s;
	bool ok = false;
	if (sqlite3_prepare_v2(bd_store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
		bd_query_bind_filter(q->filter, s, 1);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
			int a = sqlite3_column_int(s, 0), b = sqlite3_column_int(s, 1);
			*lo = *lo && *lo < a ? *lo : a;
			*hi = *hi > b ? *hi : b;
			ok = true;
		}
		sqlite3_finalize(s);
	}
	free(sql);
	return ok;
}

bool bd_query_span(bd_store *st, const bd_query *q, bd_date *from, bd_date *to)
{
	int lo = 0, hi = 0;
	bool any = span_of(st, q, false, &lo, &hi);
	any |= span_of(st, q, true, &lo, &hi);
	if (any) {
		*from = bd_date_first_day(bd_date_from_key(lo));
		*to = bd_date_last_day(bd_date_from_key(hi));
	}
	return any;
}


