/* Reading by keyset (query_keyset.c) against a plain ORDER BY over the
 * same store: every sort key, both directions, with ties (few distinct
 * values), case ties (force names that differ in case only) and the "none"
 * values (undated, unknown count, no referral, no threat level). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <ftw.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "jsonout.h"
#include "native.h"
#include "query.h"
#include "store.h"
#include "store_db.h"
#include "store_doc.h"
#include "threat.h"
#include "store_fixture.h"

enum { N_INCIDENTS = 300 };

static bd_store *store;

/* Incident i of the test store, its columns cycling through few values
 * at different periods so that ties of every sort key fall across ids. */
static char *incident_json(int i)
{
	static const char *const shorts[] = { "PSNI", "Met", "met", "Kent", "kent" };
	static const char *const kinds[] = { "theft", "loss", "cyber-attack" };
	static const char *const dates[] = { "", "2019", "2020-05", "2020-05-01", "2023-08-08" };
	static const char *const counts[] = { "", "0", "10", "500" };
	static const char *const fields[] = { "", "\"name\"", "\"name\",\"photo\"", "\"rank\"" };
	static const char *const refs[] = {
		"", "{\"body\":\"ico\",\"status\":\"referred\",\"sources\":[\"s1\"]}",
		/* two referrals in one string */
		("{\"body\":\"ico\",\"status\":\"fine\",\"amount\":1000,\"sources\":[\"s1\"]},"
		 "{\"body\":\"nca\",\"status\":\"investigating\",\"sources\":[\"s1\"]}"),
	};
	char dates_json[64] = "", affected[128];
	if (*dates[i % 5])
		snprintf(dates_json, sizeof dates_json, "\"dates\":{\"occurred\":\"%s\"},", dates[i % 5]);
	if (*counts[i % 4])
		snprintf(affected, sizeof affected, "{\"count\":%s,\"qualifier\":\"exact\",\"sources\":[\"s1\"]}",
			 counts[i % 4]);
	else
		snprintf(affected, sizeof affected, "{\"count\":null,\"qualifier\":\"unknown\"}");
	char *out = NULL;
	assert_true(asprintf(&out, "{\"id\":\"k-%03d\",\"title\":\"Incident %d %s\","
			     "\"organisation\":{\"force\":\"Force %s\",\"short\":\"%s\"},"
			     "\"nation\":\"%s\",\"kind\":\"%s\",%s\"affected\":%s,"
			     "\"fields\":{\"exposed\":[%s]},\"referrals\":[%s],"
			     "\"sources\":[{\"id\":\"s1\",\"publisher\":\"BBC\"}]}",
			     (i * 37) % N_INCIDENTS, i, i % 2 ? "alpha" : "beta", shorts[i % 5],
			     shorts[i % 5], i % 7 ? "england" : "northern-ireland", kinds[i % 3],
			     dates_json, affected, fields[i % 4], refs[i % 3]) > 0);
	return out;
}

static int setup_store(void **state)
{
	if (setup(state) != 0)
		return -1;
	char *path = tmp_path("query.db");
	store = open_store(path, BD_STORE_CREATE);
	free(path);
	bd_error err = { 0 };
	assert_int_equal(bd_store_begin(store, &err), BD_OK);
	for (int i = 0; i < N_INCIDENTS; i++) {
		char *json = incident_json(i);
		bd_incident inc;
		parse(json, &inc);
		assert_int_equal(bd_store_put(store, &inc, &threats, NULL, &err), BD_OK);
		bd_incident_free(&inc);
		free(json);
	}
	assert_int_equal(bd_store_commit(store, &err), BD_OK);
	return 0;
}

static int teardown_store(void **state)
{
	bd_store_close(store);
	return teardown(state);
}

/* The ids of the query by a plain ORDER BY over the whole filtered set:
 * what the listings gave with OFFSET windows. */
static int reference(const bd_query *q, char ***ids)
{
	const char *col = bd_query_sort_column(q), *dir = q->desc ? "DESC" : "ASC";
	char *sql = NULL;
	assert_true(asprintf(&sql, "SELECT id FROM incident WHERE %s ORDER BY %s %s, id %s",
			     bd_filter_sql(q->filter), col, dir, dir) > 0);
	sqlite3_stmt *s;
	assert_int_equal(bd_store_db_prepare(store, sql, &s, NULL), BD_OK);
	bd_query_bind_filter(q->filter, s, 1);
	int n = 0;
	*ids = calloc(N_INCIDENTS, sizeof **ids);
	while (sqlite3_step(s) == SQLITE_ROW)
		(*ids)[n++] = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	free(sql);
	return n;
}

static void ids_free(char **ids, int n)
{
	for (int i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

typedef struct seen {
	char **ids;
	int n;
} seen;

static void note(const bd_row *r, void *ctx)
{
	seen *s = ctx;
	assert_true(s->n < N_INCIDENTS);
	s->ids[s->n++] = strdup(r->id);
}

static void assert_rows(const bd_rowset *rs, char **ref, int from, int n)
{
	assert_int_equal(rs->n, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(rs->v[i].id, ref[from + i]);
}

/* Every way of reading the query gives the reference order. */
static void check_query(const bd_query *q)
{
	char **ref;
	int n = reference(q, &ref);
	seen s = { calloc(N_INCIDENTS, sizeof(char *)), 0 };
	assert_int_equal(bd_query_each(store, q, note, &s, NULL), BD_OK);
	assert_int_equal(s.n, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(s.ids[i], ref[i]);
	ids_free(s.ids, s.n);

	/* Pages forward, each from the row a page after the last page's top,
	 * and backward from the end, each before the last page's top. */
	enum { PAGE = 7 };
	bd_rowset rs;
	char *top = NULL;
	for (int at = 0; at < n; at += PAGE) {
		assert_int_equal(bd_query_rows(store, q, top, PAGE, &rs, NULL), BD_OK);
		assert_rows(&rs, ref, at, at + PAGE <= n ? PAGE : n - at);
		free(top);
		assert_int_equal(bd_query_step(store, q, rs.v[0].id, PAGE, &top, NULL), BD_OK);
		bd_rowset_free(&rs);
	}
	assert_null(top);
	for (int end = n; end > 0; end -= PAGE) {
		int k = end >= PAGE ? PAGE : end;
		assert_int_equal(bd_query_rows_before(store, q, top, PAGE, &rs, NULL), BD_OK);
		assert_rows(&rs, ref, end - k, k);
		free(top);
		top = strdup(rs.v[0].id);
		bd_rowset_free(&rs);
	}
	free(top);

	/* Positions from either end and from a row; windows at an offset. */
	for (int i = 0; i < n; i += 13) {
		char *id;
		assert_int_equal(bd_query_step(store, q, NULL, i, &id, NULL), BD_OK);
		assert_string_equal(id, ref[i]);
		free(id);
		assert_int_equal(bd_query_step(store, q, NULL, -(i + 1), &id, NULL), BD_OK);
		assert_string_equal(id, ref[n - 1 - i]);
		free(id);
		int d = i + 20 < n ? 20 : -i;
		assert_int_equal(bd_query_step(store, q, ref[i], d, &id, NULL), BD_OK);
		assert_string_equal(id, ref[i + d]);
		free(id);
		assert_int_equal(bd_query_window(store, q, i, 10, &rs, NULL), BD_OK);
		assert_rows(&rs, ref, i, i + 10 <= n ? 10 : n - i);
		bd_rowset_free(&rs);
		assert_int_equal(bd_query_window_end(store, q, i, 10, &rs, NULL), BD_OK);
		int hi = n - i, lo = hi >= 10 ? hi - 10 : 0;
		assert_rows(&rs, ref, lo, hi - lo);
		bd_rowset_free(&rs);
	}
	char *past;
	assert_int_equal(bd_query_step(store, q, NULL, n, &past, NULL), BD_OK);
	assert_null(past);
	ids_free(ref, n);
}

static void each_sort_key_both_ways(const char *filter_text)
{
	bd_filter *f = NULL;
	assert_int_equal(bd_filter_parse(filter_text, &f, NULL), BD_OK);
	for (int sort = 0; sort <= BD_SORT_ORIGIN; sort++)
		for (int desc = 0; desc < 2; desc++)
			for (int few = 0; few < 3; few++) {
				/* few 2: out of budget at once, read from the matches */
				bd_query q = { .filter = f, .sort = sort, .desc = desc,
					       .few = few > 0, .walk_budget = few == 2 ? 1 : 0 };
				check_query(&q);
			}
	bd_filter_free(f);
}

static void keyset_reads_equal_order_by(void **state)
{
	(void)state;
	each_sort_key_both_ways(NULL);
}

static void keyset_reads_equal_order_by_filtered(void **state)
{
	(void)state;
	each_sort_key_both_ways("kind:theft");
	each_sort_key_both_ways("alpha");
}

static void rows_by_id_in_the_order_given(void **state)
{
	(void)state;
	char *ids[] = { "k-010", "no-such", "k-002", "k-010" };
	seen s = { calloc(N_INCIDENTS, sizeof(char *)), 0 };
	assert_int_equal(bd_query_each_id(store, ids, 4, note, &s, NULL), BD_OK);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.ids[0], "k-010");
	assert_string_equal(s.ids[1], "k-002");
	assert_string_equal(s.ids[2], "k-010");
	ids_free(s.ids, s.n);
}

static void unknown_anchor_is_not_found(void **state)
{
	(void)state;
	bd_query q = { .sort = BD_SORT_FORCE };
	bd_rowset rs;
	bd_error err = { 0 };
	char *id;
	assert_int_equal(bd_query_rows(store, &q, "no-such", 5, &rs, &err), BD_ENOTFOUND);
	assert_int_equal(bd_query_step(store, &q, "no-such", 1, &id, &err), BD_ENOTFOUND);
	assert_null(id);
	bd_error_clear(&err);
}

/* The stored document laid out as text equals the old parse and rewrite,
 * with non-ASCII (BMP and beyond), DEL and escapes in it. */
static void stored_document_laid_out_as_dumped(void **state)
{
	(void)state;
	const char *json = INC_JSON("doc-1", "caf\\u00e9 \\ud83d\\ude00 \\\"q\\\"",
				    ",\"summary\":\"\\u202eevil / back\\\\slash\"");
	put(store, json, &threats);
	for (int i = 0; i < 2; i++) {
		const char *id = i ? "k-005" : "doc-1";
		char *doc, *laid = NULL;
		size_t len = 0;
		assert_int_equal(bd_store_doc(store, id, &doc, NULL), BD_OK);
		FILE *f = open_memstream(&laid, &len);
		assert_int_equal(bd_json_write_indented(f, doc, 0), 0);
		fclose(f);
		bd_incident inc;
		assert_int_equal(bd_store_get(store, id, &inc, NULL), BD_OK);
		json_t *j = bd_incident_to_json(&inc);
		char *dumped = bd_json_dumps(j, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		assert_string_equal(laid, dumped);
		free(dumped);
		json_decref(j);
		bd_incident_free(&inc);
		free(laid);
		free(doc);
	}
	char *doc;
	assert_int_equal(bd_store_doc(store, "no-such", &doc, NULL), BD_ENOTFOUND);
	bd_error err = { 0 };
	assert_int_equal(bd_store_delete(store, "doc-1", &err), BD_OK);
}

/* What the store cannot hold but JSON can (DEL, empty containers, nested
 * arrays) is laid out as bd_json_dumps writes it too. */
static void compact_text_laid_out_as_dumped(void **state)
{
	(void)state;
	const char *compact = "{\"a\":\"x\x7fy\\u0001\",\"b\":[],\"c\":{},\"d\":[[1,2.5],{\"e\":null}],"
			      "\"f\":\"\xc3\xa9\xf0\x9f\x98\x80\",\"g\":true}";
	json_t *j = json_loads(compact, 0, NULL);
	assert_non_null(j);
	char *dumped = bd_json_dumps(j, JSON_INDENT(2) | JSON_ENSURE_ASCII), *laid = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&laid, &len);
	assert_int_equal(bd_json_write_indented(f, compact, 0), 0);
	fclose(f);
	assert_string_equal(laid, dumped);
	free(laid);
	free(dumped);
	json_decref(j);
	f = open_memstream(&laid, &len);
	assert_int_equal(bd_json_write_indented(f, "{\"a\":\"\xff\"}", 0), -1);
	fclose(f);
	free(laid);
}

static void stored_modified_of_a_record(void **state)
{
	(void)state;
	bd_store_modified *m;
	bd_error err = { 0 };
	assert_int_equal(bd_store_modified_open(store, &m, &err), BD_OK);
	char *none = bd_store_modified_get(m, "k-001", &err);
	assert_string_equal(none, "");
	free(none);
	assert_null(bd_store_modified_get(m, "no-such", &err));
	assert_int_equal(err.code, BD_ENOTFOUND);
	bd_error_clear(&err);
	bd_store_modified_close(m);
}

/* A store whose table is gone: every read says so, none gives a short
 * list as if it were the whole. Runs last: it breaks the store. */
static void errors_of_a_bad_store_are_returned(void **state)
{
	(void)state;
	assert_int_equal(sqlite3_exec(bd_store_db(store), "ALTER TABLE incident RENAME TO gone",
				      NULL, NULL, NULL), SQLITE_OK);
	bd_query q = { .sort = BD_SORT_DATE, .desc = true };
	bd_error err = { 0 };
	seen s = { calloc(N_INCIDENTS, sizeof(char *)), 0 };
	assert_int_equal(bd_query_each(store, &q, note, &s, &err), BD_ESTORE);
	assert_non_null(strstr(bd_error_text(&err), "no such table"));
	assert_int_equal(s.n, 0);
	free(s.ids);
	bd_error_clear(&err);
	bd_rowset rs;
	char *id;
	assert_int_equal(bd_query_rows(store, &q, NULL, 5, &rs, &err), BD_ESTORE);
	assert_int_equal(bd_query_rows_before(store, &q, NULL, 5, &rs, &err), BD_ESTORE);
	assert_int_equal(bd_query_step(store, &q, NULL, 3, &id, &err), BD_ESTORE);
	assert_int_equal(bd_query_window(store, &q, 3, 5, &rs, &err), BD_ESTORE);
	char *ids[] = { "k-001" };
	assert_int_equal(bd_query_each_id(store, ids, 1, note, &s, &err), BD_ESTORE);
	bd_error_clear(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keyset_reads_equal_order_by),
		cmocka_unit_test(keyset_reads_equal_order_by_filtered),
		cmocka_unit_test(rows_by_id_in_the_order_given),
		cmocka_unit_test(unknown_anchor_is_not_found),
		cmocka_unit_test(stored_document_laid_out_as_dumped),
		cmocka_unit_test(compact_text_laid_out_as_dumped),
		cmocka_unit_test(stored_modified_of_a_record),
		cmocka_unit_test(errors_of_a_bad_store_are_returned),
	};
	return cmocka_run_group_tests(tests, setup_store, teardown_store);
}
