/*
 * fuzz_filter — the filter language (core/filter.c) and the literal search
 * (bd_fts_literal, the dashboard's /) on any text, run against an
 * in-memory store holding the bundled incidents.
 *
 * A filter either parses, and then every query built from it runs without
 * an SQLite error, or it is refused as bad usage with a message. And no
 * text reaches SQL: the WHERE expression holds only the words and string
 * literals of filter.c's own templates, and as many parameters as the
 * filter binds. The store is the same after as before.
 */
#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "fuzz.h"
#include "query.h"
#include "store_db.h"

static const char *const sql_words[] = {
	"NOT", "AND", "rowid", "IN", "SELECT", "FROM", "incident_fts", "WHERE", "MATCH",
	"instr", "lower", "upper", "force", "force_short", "ifnull", "supplier", "exposed",
	"not_exposed", "kind", "nation", "origin", "threat", "ico", "nca", "max", "r",
	"status", "referral", "incident", "body", "id", "country", "CASE", "WHEN", "THEN",
	"ELSE", "END", "industry", "date_key", "BETWEEN", "affected", "lost", "reported",
	"ORDER", "BY", "DESC", "LIMIT", NULL,
};
static const char *const sql_literals[] = { "GB", "", " ", "922120", NULL };

static bool listed(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && !strncmp(*list, s, n))
			return true;
	return false;
}

static void check_sql(const char *sql, const char *text)
{
	for (const char *p = sql; *p;) {
		if (*p == '\'') {
			const char *end = strchr(p + 1, '\'');
			if (!end || !listed(sql_literals, p + 1, (size_t)(end - p - 1)))
				fz_fail("filter %s: a string literal in the SQL: %s", text, sql);
			p = end + 1;
		} else if (isalpha((unsigned char)*p) || *p == '_') {
			size_t n = 0;
			while (isalnum((unsigned char)p[n]) || p[n] == '_')
				n++;
			if (!listed(sql_words, p, n))
				fz_fail("filter %s: the word \"%.*s\" in the SQL: %s", text, (int)n, p, sql);
			p += n;
		} else if (isdigit((unsigned char)*p) || strchr(" ()?.,=<>!&|-+", *p)) {
			p++;
		} else {
			fz_fail("filter %s: the character 0x%02X in the SQL: %s", text,
				(unsigned char)*p, sql);
		}
	}
}

static void check_params(bd_store *st, const bd_filter *f, const char *where, const char *text)
{
	char *sql = NULL;
	if (asprintf(&sql, "SELECT count(*) FROM incident WHERE %s", where) < 0)
		abort();
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bd_store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		fz_fail("filter %s: SQL does not compile: %s: %s", text,
			sqlite3_errmsg(bd_store_db(st)), sql);
	int next = bd_query_bind_filter(f, s, 1);
	if (next - 1 != sqlite3_bind_parameter_count(s))
		fz_fail("filter %s: %d parameters bound, the SQL has %d", text, next - 1,
			sqlite3_bind_parameter_count(s));
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW)
		fz_fail("filter %s: SQL error %s", text, sqlite3_errmsg(bd_store_db(st)));
	sqlite3_finalize(s);
	free(sql);
}

/* The literal search text as an FTS5 query must never be an FTS5 syntax
 * error, whatever it holds (quotes, *, NEAR, ^, :, {col}, parentheses). */
static void check_literal(bd_store *st, const char *text)
{
	char *match = bd_fts_literal(text);
	if (!match)
		return;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bd_store_db(st),
			       "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH ?1", -1,
			       &s, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW)
		fz_fail("search %s: FTS5 query %s fails: %s", text, match,
			sqlite3_errmsg(bd_store_db(st)));
	sqlite3_finalize(s);
	free(match);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	fz_init();
	bd_store *st = fz_seeded_store();
	long long total = bd_store_total(st);
	char *text = fz_strndup(data, size);
	bd_filter *f = NULL;
	bd_error err = { 0 };
	bd_status s = bd_filter_parse(text, &f, &err);
	if (s != BD_OK) {
		if (s != BD_EUSAGE || !err.msg || !*err.msg)
			fz_fail("filter %s: refused without a usage message", text);
	} else {
		check_sql(bd_filter_sql(f), text);
		check_sql(bd_filter_count_sql(f), text);
		check_params(st, f, bd_filter_sql(f), text);
		check_params(st, f, bd_filter_count_sql(f), text);
		bd_query q = { .filter = f, .sort = (int)(size % 10), .desc = size % 2, .few = size % 3 == 0, .walk_budget = size % 5 == 0 };
		bd_rowset rs;
		if (bd_query_window(st, &q, 0, 10, &rs, &err) != BD_OK)
			fz_fail("filter %s: %s", text, bd_error_text(&err));
		bd_rowset_free(&rs);
		if (bd_query_window_end(st, &q, 0, 3, &rs, &err) != BD_OK)
			fz_fail("filter %s (from the end): %s", text, bd_error_text(&err));
		bd_rowset_free(&rs);
		if (bd_query_count(st, &q, &err) < 0)
			fz_fail("filter %s: count fails: %s", text, bd_error_text(&err));
		char *id = bd_query_find_id(st, &q, text, NULL, 1, &err);
		free(id);
		bd_filter_free(f);
	}
	check_literal(st, text);
	if (bd_store_total(st) != total)
		fz_fail("filter %s changed the store", text);
	bd_error_clear(&err);
	free(text);
	return 0;
}
