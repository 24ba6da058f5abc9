/* The SQLite store, on real files: put and get, whole-or-nothing imports,
 * migrations, versions, read-only and damaged files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <ftw.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset.h"
#include "native.h"
#include "store.h"
#include "threat.h"

static char tmpdir[] = "/tmp/bd-test-store-XXXXXX";
static bd_threat_table threats;

static int teardown(void **state);

static int prepare(void)
{
	if (!mkdtemp(tmpdir))
		return -1;
	const char *top = getenv("BD_TOP");
	char *data = NULL, *file = NULL;
	if (asprintf(&data, "%s/data", top ? top : ".") < 0 ||
	    asprintf(&file, "%s/threat_levels.json", data) < 0)
		return -1;
	setenv("BREACHDASH_DATA", data, 1);
	bd_diags d = { 0 };
	int n = bd_threat_load(file, &threats, &d);
	bd_diags_free(&d);
	free(data);
	free(file);
	return n ? -1 : 0;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	chmod(path, 0700);
	return remove(path);
}

/* A failed setup cleans up too: cmocka runs no teardown after it. */
static int setup(void **state)
{
	int rc = prepare();
	if (rc != 0) {
		fprintf(stderr, "setup failed\n");
		teardown(state);
	}
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	bd_threat_free(&threats);
	chmod(tmpdir, 0700);
	return nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A path in the temp dir; a static buffer per call site is enough here. */
static char *tmp_path(const char *name)
{
	char *p = NULL;
	assert_true(asprintf(&p, "%s/%s", tmpdir, name) > 0);
	return p;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	*len = n;
	return buf;
}

static bool same_file(const char *path, const char *data, size_t len)
{
	size_t n;
	char *now = read_all(path, &n);
	bool same = n == len && memcmp(now, data, n) == 0;
	free(now);
	return same;
}

#define INC_JSON(id, title, extra) \
	"{\"id\":\"" id "\",\"title\":\"" title "\",\"organisation\":{\"force\":\"Police Service of Northern Ireland\",\"short\":\"PSNI\"}," \
	"\"nation\":\"northern-ireland\",\"kind\":\"theft\",\"dates\":{\"occurred\":\"2023-08-08\"}," \
	"\"affected\":{\"count\":200,\"qualifier\":\"at-least\",\"sources\":[\"s1\"]}," \
	"\"fields\":{\"exposed\":[\"name\",\"photo\",\"rank\"],\"not_exposed\":[\"home-address\"]}" extra "," \
	"\"sources\":[{\"id\":\"s1\",\"publisher\":\"BBC\"}]}"

#define TWO_REFERRALS \
	",\"referrals\":[{\"body\":\"ico\",\"status\":\"fine\",\"amount\":750000,\"sources\":[\"s1\"]}," \
	"{\"body\":\"nca\",\"status\":\"investigating\",\"sources\":[\"s1\"]}]"

static void parse(const char *text, bd_incident *inc)
{
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);
	assert_non_null(j);
	assert_int_equal(bd_incident_from_json(j, "$", inc, NULL, NULL), 0);
	json_decref(j);
}

static char *doc_of(const bd_incident *inc)
{
	json_t *j = bd_incident_to_json(inc);
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	assert_non_null(s);
	return s;
}

static long long int_query(sqlite3 *db, const char *sql, const char *arg)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	long long v = -999;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static char *text_query(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	char *v = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

static int dump_row(void *ctx, int n, char **vals, char **cols)
{
	FILE *f = ctx;
	for (int i = 0; i < n; i++)
		fprintf(f, "%s=%s|", cols[i], vals[i] ? vals[i] : "NULL");
	fputc('\n', f);
	return 0;
}

/* Everything the store holds, as text. */
static char *dump(sqlite3 *db)
{
	static const char *const queries[] = {
		"PRAGMA user_version",
		"SELECT * FROM incident ORDER BY id",
		"SELECT * FROM referral ORDER BY incident, body, status, date_key, amount",
		"SELECT rowid, * FROM incident_fts ORDER BY rowid",
		"SELECT * FROM tally ORDER BY name",
		"SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name",
	};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		fprintf(f, "-- %s\n", queries[i]);
		assert_int_equal(sqlite3_exec(db, queries[i], dump_row, f, NULL), SQLITE_OK);
	}
	fclose(f);
	return out;
}

static bd_store *open_store(const char *path, unsigned flags)
{
	bd_store *st = NULL;
	bd_error err = { 0 };
	bd_status s = bd_store_open(path, flags, &st, &err);
	if (s != BD_OK)
		print_message("open %s: %s\n", path, bd_error_text(&err));
	assert_int_equal(s, BD_OK);
	assert_non_null(st);
	bd_error_clear(&err);
	return st;
}

static int put(bd_store *st, const char *json, const bd_threat_table *t)
{
	bd_incident inc;
	parse(json, &inc);
	int result = -1;
	bd_error err = { 0 };
	assert_int_equal(bd_store_begin(st, &err), BD_OK);
	assert_int_equal(bd_store_put(st, &inc, t, &result, &err), BD_OK);
	assert_int_equal(bd_store_commit(st, &err), BD_OK);
	bd_incident_free(&inc);
	return result;
}

/* ---- opening ---- */

static void creates_a_store_and_its_directories(void **state)
{
	(void)state;
	char *path = tmp_path("new/deeper/store.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	assert_string_equal(bd_store_path(st), path);
	assert_false(bd_store_readonly(st));
	assert_int_equal(bd_store_total(st), 0);
	sqlite3 *db = bd_store_db(st);
	assert_int_equal(int_query(db, "PRAGMA user_version", NULL), BD_STORE_VERSION);
	char *mode = text_query(db, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	assert_int_equal(int_query(db, "PRAGMA foreign_keys", NULL), 1);
	bd_store_close(st);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	free(path);
}

static void missing_store_without_create_is_not_found(void **state)
{
	(void)state;
	char *path = tmp_path("absent.db");
	bd_store *st = (bd_store *)1;
	bd_error err = { 0 };
	assert_int_equal(bd_store_open(path, 0, &st, &err), BD_ENOTFOUND);
	assert_null(st);
	assert_non_null(strstr(bd_error_text(&err), path));
	assert_int_equal(access(path, F_OK), -1);
	bd_error_clear(&err);
	free(path);
}

/* ---- put, get, delete ---- */

static void put_inserts_then_finds_unchanged_then_updates(void **state)
{
	(void)state;
	char *path = tmp_path("put.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	sqlite3 *db = bd_store_db(st);
	assert_int_equal(put(st, INC_JSON("a-1", "Stolen spreadsheet", TWO_REFERRALS), &threats), BD_PUT_INSERTED);
	assert_int_equal(bd_store_total(st), 1);
	assert_int_equal(int_query(db, "SELECT count(*) FROM referral", NULL), 2);
	char *before = dump(db);
	assert_int_equal(put(st, INC_JSON("a-1", "Stolen spreadsheet", TWO_REFERRALS), &threats), BD_PUT_UNCHANGED);
	char *after = dump(db);
	assert_string_equal(after, before);
	free(after);
	assert_int_equal(put(st, INC_JSON("a-1", "Recovered laptop", ""), &threats), BD_PUT_UPDATED);
	assert_int_equal(bd_store_total(st), 1);
	/* Children follow the document: no stale referrals or index text. */
	assert_int_equal(int_query(db, "SELECT count(*) FROM referral", NULL), 0);
	assert_int_equal(int_query(db, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'spreadsheet'", NULL), 0);
	assert_int_equal(int_query(db, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'laptop'", NULL), 1);
	assert_int_equal(int_query(db, "SELECT ico FROM incident WHERE id = ?", "a-1"), -1);
	assert_int_equal(put(st, INC_JSON("b-2", "Second", ""), &threats), BD_PUT_INSERTED);
	assert_int_equal(bd_store_total(st), 2);
	free(before);
	bd_store_close(st);
	free(path);
}

static void get_returns_the_same_document(void **state)
{
	(void)state;
	char *path = tmp_path("get.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	static const char json[] = INC_JSON("g-1", "Caf\xC3\xA9 \\\"quoted\\\"", TWO_REFERRALS);
	put(st, json, &threats);
	bd_incident want, got;
	parse(json, &want);
	bd_error err = { 0 };
	assert_int_equal(bd_store_get(st, "g-1", &got, &err), BD_OK);
	char *a = doc_of(&want), *b = doc_of(&got);
	assert_string_equal(a, b);
	assert_string_equal(got.title, "Caf\xC3\xA9 \"quoted\"");
	free(a);
	free(b);
	bd_incident_free(&want);
	bd_incident_free(&got);
	assert_int_equal(bd_store_get(st, "g-2", &got, &err), BD_ENOTFOUND);
	assert_non_null(strstr(bd_error_text(&err), "g-2"));
	assert_null(got.id);
	bd_error_clear(&err);
	bd_store_close(st);
	free(path);
}

static void derived_columns_follow_the_incident(void **state)
{
	(void)state;
	char *path = tmp_path("derived.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	put(st, INC_JSON("d-1", "T", TWO_REFERRALS), &threats);
	sqlite3 *db = bd_store_db(st);
	static const struct { const char *sql; long long want; } cols[] = {
		{ "SELECT date_key FROM incident WHERE id = ?", 20230808 },
		{ "SELECT affected FROM incident WHERE id = ?", 200 },
		{ "SELECT qualifier FROM incident WHERE id = ?", BD_Q_AT_LEAST },
		{ "SELECT nation FROM incident WHERE id = ?", BD_NORTHERN_IRELAND },
		{ "SELECT kind FROM incident WHERE id = ?", BD_KIND_THEFT },
		{ "SELECT n_exposed FROM incident WHERE id = ?", 3 },
		{ "SELECT ico FROM incident WHERE id = ?", BD_REF_FINE },
		{ "SELECT nca FROM incident WHERE id = ?", BD_REF_INVESTIGATING },
		{ "SELECT threat FROM incident WHERE id = ?", BD_LEVEL_SEVERE },
		{ "SELECT origin FROM incident WHERE id = ?", BD_ORIGIN_NATIVE },
		{ "SELECT amount FROM referral WHERE body = 0 AND incident = (SELECT rowid FROM incident WHERE id = ?)", 750000 },
	};
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		assert_int_equal(int_query(db, cols[i].sql, "d-1"), cols[i].want);
	bd_store_close(st);
	free(path);
}

static void threat_column_is_rederived(void **state)
{
	(void)state;
	char *path = tmp_path("rederive.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	put(st, INC_JSON("r-1", "T", ""), NULL);
	sqlite3 *db = bd_store_db(st);
	assert_int_equal(int_query(db, "SELECT threat FROM incident WHERE id = ?", "r-1"), -1);
	bd_error err = { 0 };
	assert_int_equal(bd_store_begin(st, &err), BD_OK);
	assert_int_equal(bd_store_rederive(st, &threats, &err), BD_OK);
	assert_int_equal(bd_store_commit(st, &err), BD_OK);
	assert_int_equal(int_query(db, "SELECT threat FROM incident WHERE id = ?", "r-1"), BD_LEVEL_SEVERE);
	bd_store_close(st);
	free(path);
}

static void threat_levels_follow_a_changed_threat_table(void **state)
{
	(void)state;
	char *path = tmp_path("sync.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	put(st, INC_JSON("s-1", "T", ""), &threats);
	sqlite3 *db = bd_store_db(st);
	const char *level = "SELECT threat FROM incident WHERE id = ?";
	const char *seen = "SELECT count(*) FROM meta WHERE key = 'threat_levels'";
	bd_error err = { 0 };
	assert_int_equal(int_query(db, level, "s-1"), BD_LEVEL_SEVERE);
	assert_int_equal(int_query(db, seen, NULL), 0);
	/* The first sync notes the table; the levels were right already. */
	assert_int_equal(bd_store_sync_threats(st, &threats, &err), BD_OK);
	assert_int_equal(int_query(db, seen, NULL), 1);
	assert_int_equal(int_query(db, level, "s-1"), BD_LEVEL_SEVERE);
	/* The same table again writes nothing. */
	int before = sqlite3_total_changes(db);
	assert_int_equal(bd_store_sync_threats(st, &threats, &err), BD_OK);
	assert_int_equal(sqlite3_total_changes(db), before);
	/* Another table (every level low): the level follows, in one go. */
	bd_threat_table low = { calloc(threats.n, sizeof *threats.v), threats.n };
	assert_non_null(low.v);
	memcpy(low.v, threats.v, threats.n * sizeof *threats.v);
	for (size_t i = 0; i < low.n; i++)
		low.v[i].level = BD_LEVEL_LOW;
	assert_int_equal(bd_store_sync_threats(st, &low, &err), BD_OK);
	assert_int_equal(int_query(db, level, "s-1"), BD_LEVEL_LOW);
	/* An empty table (a threat file that did not load) changes nothing. */
	bd_threat_table none = { NULL, 0 };
	assert_int_equal(bd_store_sync_threats(st, &none, &err), BD_OK);
	assert_int_equal(int_query(db, level, "s-1"), BD_LEVEL_LOW);
	/* And back. */
	assert_int_equal(bd_store_sync_threats(st, &threats, &err), BD_OK);
	assert_int_equal(int_query(db, level, "s-1"), BD_LEVEL_SEVERE);
	free(low.v);
	bd_store_close(st);
	free(path);
}

static void delete_removes_the_incident_and_its_children(void **state)
{
	(void)state;
	char *path = tmp_path("delete.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	put(st, INC_JSON("x-1", "Gone soon", TWO_REFERRALS), &threats);
	put(st, INC_JSON("x-2", "Stays", ""), &threats);
	sqlite3 *db = bd_store_db(st);
	bd_error err = { 0 };
	assert_int_equal(bd_store_begin(st, &err), BD_OK);
	assert_int_equal(bd_store_delete(st, "x-1", &err), BD_OK);
	assert_int_equal(bd_store_commit(st, &err), BD_OK);
	assert_int_equal(bd_store_total(st), 1);
	assert_int_equal(int_query(db, "SELECT count(*) FROM referral", NULL), 0);
	assert_int_equal(int_query(db, "SELECT count(*) FROM incident_fts", NULL), 1);
	assert_int_equal(int_query(db, "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH 'gone'", NULL), 0);
	assert_int_equal(bd_store_delete(st, "x-1", &err), BD_ENOTFOUND);
	bd_incident inc;
	assert_int_equal(bd_store_get(st, "x-1", &inc, &err), BD_ENOTFOUND);
	bd_error_clear(&err);
	bd_store_close(st);
	free(path);
}

static void rollback_undoes_puts(void **state)
{
	(void)state;
	char *path = tmp_path("rollback.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	put(st, INC_JSON("k-1", "Kept", ""), &threats);
	char *before = dump(bd_store_db(st));
	bd_incident inc;
	parse(INC_JSON("k-2", "Not kept", TWO_REFERRALS), &inc);
	bd_error err = { 0 };
	assert_int_equal(bd_store_begin(st, &err), BD_OK);
	assert_int_equal(bd_store_put(st, &inc, &threats, NULL, &err), BD_OK);
	assert_int_equal(bd_store_total(st), 2);
	bd_store_rollback(st);
	bd_incident_free(&inc);
	assert_int_equal(bd_store_total(st), 1);
	char *after = dump(bd_store_db(st));
	assert_string_equal(after, before);
	free(before);
	free(after);
	bd_store_close(st);
	free(path);
}

static void changes_by_another_connection_are_noticed_once(void **state)
{
	(void)state;
	char *path = tmp_path("changed.db");
	bd_store *a = open_store(path, BD_STORE_CREATE);
	bd_store *b = open_store(path, 0);
	assert_false(bd_store_changed(b));
	put(a, INC_JSON("c-1", "T", ""), &threats);
	assert_true(bd_store_changed(b));
	assert_false(bd_store_changed(b));
	assert_int_equal(bd_store_total(b), 1);
	/* Its own writes are not "another connection". */
	assert_false(bd_store_changed(a));
	bd_store_close(a);
	bd_store_close(b);
	free(path);
}

/* ---- datasets and imports ---- */

static bd_dataset open_dataset(const char *path)
{
	bd_dataset ds;
	bd_diags d = { 0 };
	bd_error err = { 0 };
	bd_status s = bd_dataset_open(&ds, path, BD_STORE_CREATE, &d, &err);
	if (s != BD_OK || d.n) {
		print_message("dataset %s: %s\n", path, bd_error_text(&err));
		bd_diags_print(&d, stderr);
	}
	assert_int_equal(s, BD_OK);
	assert_int_equal(d.n, 0);
	bd_diags_free(&d);
	bd_error_clear(&err);
	return ds;
}

static char *bundled(void)
{
	char *p = NULL;
	assert_true(asprintf(&p, "%s/incidents.json", getenv("BREACHDASH_DATA")) > 0);
	return p;
}

static void new_store_is_seeded_from_the_bundled_data(void **state)
{
	(void)state;
	char *path = tmp_path("seed.db");
	bd_dataset ds = open_dataset(path);
	assert_true(ds.seeded);
	assert_int_equal(bd_store_total(ds.store), 7);
	assert_true(ds.threats.n > 0);
	bd_incident inc;
	bd_error err = { 0 };
	assert_int_equal(bd_store_get(ds.store, "psni-2023-08-foi-spreadsheet", &inc, &err), BD_OK);
	assert_int_equal(inc.affected, 9483);
	bd_incident_free(&inc);
	assert_int_equal(int_query(bd_store_db(ds.store),
				   "SELECT threat FROM incident WHERE id = ?", "psni-2023-08-foi-spreadsheet"),
			 BD_LEVEL_SEVERE);
	bd_dataset_close(&ds);
	/* Opened again, it is not seeded again. */
	ds = open_dataset(path);
	assert_false(ds.seeded);
	assert_int_equal(bd_store_total(ds.store), 7);
	bd_dataset_close(&ds);
	free(path);
}

static void reimporting_the_same_file_changes_nothing(void **state)
{
	(void)state;
	char *path = tmp_path("idem.db");
	bd_dataset ds = open_dataset(path);
	bd_dataset_close(&ds);
	size_t len;
	char *bytes = read_all(path, &len);
	ds = open_dataset(path);
	char *before = dump(bd_store_db(ds.store));
	char *file = bundled();
	bd_sink counts = { 0 };
	bd_diags d = { 0 };
	bd_error err = { 0 };
	assert_int_equal(bd_dataset_import(&ds, &file, 1, &counts, &d, &err), BD_OK);
	assert_int_equal(counts.read, 7);
	assert_int_equal(counts.inserted, 0);
	assert_int_equal(counts.updated, 0);
	assert_int_equal(counts.unchanged, 7);
	assert_int_equal(bd_store_total(ds.store), 7);
	char *after = dump(bd_store_db(ds.store));
	assert_string_equal(after, before);
	/* Twice over, for good measure. */
	assert_int_equal(bd_dataset_import(&ds, &file, 1, &counts, &d, &err), BD_OK);
	assert_int_equal(counts.unchanged, 7);
	bd_dataset_close(&ds);
	assert_true(same_file(path, bytes, len));
	free(bytes);
	free(before);
	free(after);
	free(file);
	bd_diags_free(&d);
	free(path);
}

static void import_counts_inserts_updates_and_unchanged(void **state)
{
	(void)state;
	char *path = tmp_path("counts.db");
	char *a = tmp_path("counts-a.jsonl"), *b = tmp_path("counts-b.jsonl");
	write_text(a, INC_JSON("n-1", "One", "") "\n" INC_JSON("n-2", "Two", "") "\n");
	write_text(b, INC_JSON("n-2", "Two, changed", "") "\n" INC_JSON("n-1", "One", "") "\n"
		   INC_JSON("n-3", "Three", "") "\n");
	bd_dataset ds = open_dataset(path);
	long long base = bd_store_total(ds.store);
	bd_sink counts = { 0 };
	bd_diags d = { 0 };
	bd_error err = { 0 };
	assert_int_equal(bd_dataset_import(&ds, &a, 1, &counts, &d, &err), BD_OK);
	assert_int_equal(counts.read, 2);
	assert_int_equal(counts.inserted, 2);
	assert_int_equal(bd_dataset_import(&ds, &b, 1, &counts, &d, &err), BD_OK);
	assert_int_equal(counts.read, 3);
	assert_int_equal(counts.inserted, 1);
	assert_int_equal(counts.updated, 1);
	assert_int_equal(counts.unchanged, 1);
	assert_int_equal(bd_store_total(ds.store), base + 3);
	bd_incident inc;
	assert_int_equal(bd_store_get(ds.store, "n-2", &inc, &err), BD_OK);
	assert_string_equal(inc.title, "Two, changed");
	bd_incident_free(&inc);
	bd_dataset_close(&ds);
	bd_diags_free(&d);
	free(a);
	free(b);
	free(path);
}

static void failed_import_leaves_the_store_byte_for_byte(void **state)
{
	(void)state;
	char *path = tmp_path("atomic.db");
	char *good = tmp_path("atomic-good.jsonl"), *bad = tmp_path("atomic-bad.json");
	write_text(good, INC_JSON("new-one", "New", TWO_REFERRALS) "\n"
		   INC_JSON("psni-2023-08-foi-spreadsheet", "Overwritten title", "") "\n");
	write_text(bad, "{\"schema\": \"breachdash/1\", \"incidents\": [\n"
		   INC_JSON("new-two", "Fine", "") ",\n"
		   "{\"id\": \"broken\"}\n]}\n");
	bd_dataset ds = open_dataset(path);
	bd_dataset_close(&ds);
	size_t len;
	char *bytes = read_all(path, &len);

	ds = open_dataset(path);
	char *before = dump(bd_store_db(ds.store));
	char *files[] = { good, bad };
	bd_sink counts = { 0 };
	bd_diags d = { 0 };
	bd_error err = { 0 };
	assert_int_equal(bd_dataset_import(&ds, files, 2, &counts, &d, &err), BD_EDATA);
	assert_non_null(strstr(bd_error_text(&err), "nothing was imported"));
	assert_true(d.n >= 1);
	for (size_t i = 0; i < d.n; i++) {
		assert_string_equal(d.v[i].file, bad);
		assert_int_equal(d.v[i].line, 3);
	}
	assert_int_equal(counts.inserted, 0);
	assert_int_equal(bd_store_total(ds.store), 7);
	bd_incident inc;
	assert_int_equal(bd_store_get(ds.store, "new-one", &inc, &err), BD_ENOTFOUND);
	assert_int_equal(bd_store_get(ds.store, "psni-2023-08-foi-spreadsheet", &inc, &err), BD_OK);
	assert_string_not_equal(inc.title, "Overwritten title");
	bd_incident_free(&inc);
	char *after = dump(bd_store_db(ds.store));
	assert_string_equal(after, before);
	/* The store still takes writes afterwards: no transaction left open. */
	assert_int_equal(bd_dataset_import(&ds, &good, 1, &counts, &d, &err), BD_OK);
	assert_int_equal(counts.inserted, 1);
	assert_int_equal(counts.updated, 1);
	bd_dataset_close(&ds);

	/* And a failed import alone, closed at once: the same bytes. */
	bd_dataset ds2 = open_dataset(path);
	bd_dataset_close(&ds2);
	free(bytes);
	bytes = read_all(path, &len);
	ds2 = open_dataset(path);
	assert_int_equal(bd_dataset_import(&ds2, &bad, 1, &counts, &d, &err), BD_EDATA);
	bd_dataset_close(&ds2);
	assert_true(same_file(path, bytes, len));

	bd_error_clear(&err);
	bd_diags_free(&d);
	free(bytes);
	free(before);
	free(after);
	free(good);
	free(bad);
	free(path);
}

/* ---- versions ---- */

/* The version 1 schema, as core/store.c created it. */
static const char schema_v1[] =
	"CREATE TABLE incident ("
	"  rowid INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL,"
	"  force TEXT NOT NULL,"
	"  force_short TEXT NOT NULL COLLATE NOCASE,"
	"  supplier TEXT,"
	"  nation INTEGER NOT NULL,"
	"  kind INTEGER NOT NULL,"
	"  date_key INTEGER NOT NULL,"
	"  affected INTEGER NOT NULL,"
	"  qualifier INTEGER NOT NULL,"
	"  exposed INTEGER NOT NULL,"
	"  not_exposed INTEGER NOT NULL,"
	"  n_exposed INTEGER NOT NULL,"
	"  ico INTEGER NOT NULL,"
	"  nca INTEGER NOT NULL,"
	"  threat INTEGER NOT NULL,"
	"  doc TEXT NOT NULL);"
	"CREATE TABLE referral ("
	"  incident INTEGER NOT NULL REFERENCES incident(rowid) ON DELETE CASCADE,"
	"  body INTEGER NOT NULL, status INTEGER NOT NULL,"
	"  date_key INTEGER NOT NULL, amount INTEGER);"
	"CREATE INDEX referral_incident ON referral(incident);"
	"CREATE INDEX referral_date ON referral(date_key);"
	"CREATE VIRTUAL TABLE incident_fts USING fts5(id, title, summary, force,"
	"  tokenize = 'unicode61 remove_diacritics 2');"
	"CREATE TABLE tally (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO tally VALUES ('incidents', 0);"
	"CREATE TRIGGER incident_count_up AFTER INSERT ON incident BEGIN"
	"  UPDATE tally SET value = value + 1 WHERE name = 'incidents'; END;"
	"CREATE TRIGGER incident_count_down AFTER DELETE ON incident BEGIN"
	"  UPDATE tally SET value = value - 1 WHERE name = 'incidents';"
	"  DELETE FROM incident_fts WHERE rowid = old.rowid; END;"
	"CREATE INDEX incident_date ON incident(date_key, id);"
	"CREATE INDEX incident_force ON incident(force_short, id);"
	"CREATE INDEX incident_kind ON incident(kind, id);"
	"CREATE INDEX incident_affected ON incident(affected, id);"
	"CREATE INDEX incident_fields ON incident(n_exposed, id);"
	"CREATE INDEX incident_ico ON incident(ico, id);"
	"CREATE INDEX incident_nca ON incident(nca, id);"
	"CREATE INDEX incident_threat ON incident(threat, id);"
	"CREATE INDEX incident_nation ON incident(nation, id);";

static void make_db(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		print_message("make_db: %s\n", msg);
	sqlite3_free(msg);
	assert_int_equal(rc, SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void make_v1(const char *path)
{
	make_db(path, schema_v1);
	/* One incident as version 1 stored it: a canonical document plus its
	 * derived columns (no origin column yet). */
	char *sql = sqlite3_mprintf(
		"INSERT INTO incident (id, title, force, force_short, supplier, nation, kind, date_key,"
		" affected, qualifier, exposed, not_exposed, n_exposed, ico, nca, threat, doc)"
		" VALUES ('old-1', 'From version one', 'F', 'S', NULL, 0, 2, 20200101, 5, 0, 1, 0, 1,"
		" -1, -1, -1, %Q);"
		"INSERT INTO incident_fts (rowid, id, title, summary, force)"
		" VALUES (last_insert_rowid(), 'old-1', 'From version one', NULL, 'F S');"
		"PRAGMA user_version = 1;",
		"{\"id\":\"old-1\",\"title\":\"From version one\",\"organisation\":{\"force\":\"F\",\"short\":\"S\"},"
		"\"nation\":\"england\",\"kind\":\"theft\",\"dates\":{\"occurred\":\"2020-01-01\"},"
		"\"affected\":{\"count\":5,\"qualifier\":\"exact\",\"sources\":[\"s1\"]},"
		"\"fields\":{\"exposed\":[\"name\"],\"not_exposed\":[]},"
		"\"sources\":[{\"id\":\"s1\",\"publisher\":\"P\"}]}");
	make_db(path, sql);
	sqlite3_free(sql);
}

static void migrates_a_version_1_store(void **state)
{
	(void)state;
	char *path = tmp_path("v1.db");
	make_v1(path);
	bd_store *st = open_store(path, 0);
	sqlite3 *db = bd_store_db(st);
	assert_int_equal(int_query(db, "PRAGMA user_version", NULL), BD_STORE_VERSION);
	assert_int_equal(bd_store_total(st), 1);
	assert_int_equal(int_query(db, "SELECT origin FROM incident WHERE id = ?", "old-1"), BD_ORIGIN_NATIVE);
	assert_int_equal(int_query(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'incident_origin'", NULL), 1);
	assert_int_equal(int_query(db, "SELECT count(*) FROM pragma_table_info('incident')"
				   " WHERE name IN ('origin', 'country', 'industry')", NULL), 3);
	/* Version 3: the document moved to incident_doc. */
	assert_int_equal(int_query(db, "SELECT count(*) FROM pragma_table_info('incident')"
				   " WHERE name = 'doc'", NULL), 0);
	assert_int_equal(int_query(db, "SELECT count(*) FROM incident_doc", NULL), 1);
	bd_incident inc;
	bd_error err = { 0 };
	assert_int_equal(bd_store_get(st, "old-1", &inc, &err), BD_OK);
	assert_string_equal(inc.title, "From version one");
	/* Putting it back unchanged is recognised as unchanged. */
	int result = -1;
	assert_int_equal(bd_store_begin(st, &err), BD_OK);
	assert_int_equal(bd_store_put(st, &inc, &threats, &result, &err), BD_OK);
	assert_int_equal(bd_store_commit(st, &err), BD_OK);
	assert_int_equal(result, BD_PUT_UNCHANGED);
	bd_incident_free(&inc);
	/* And the migrated store takes new incidents. */
	assert_int_equal(put(st, INC_JSON("new-1", "T", ""), &threats), BD_PUT_INSERTED);
	assert_int_equal(bd_store_total(st), 2);
	bd_store_close(st);
	/* Opening again does not migrate again. */
	st = open_store(path, 0);
	assert_int_equal(bd_store_total(st), 2);
	bd_store_close(st);
	free(path);
}

static int n_indexes(sqlite3 *db)
{
	return int_query(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL", NULL);
}

static void bulk_load_builds_the_indexes_at_commit(void **state)
{
	(void)state;
	char *path = tmp_path("bulk.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	sqlite3 *db = bd_store_db(st);
	int all = n_indexes(db);
	assert_true(all >= 11);
	bd_error err = { 0 };
	/* Too small a load: nothing deferred. */
	assert_int_equal(bd_store_begin(st, &err), BD_OK);
	assert_int_equal(bd_store_bulk(st, BD_STORE_BULK_MIN - 1, &err), BD_OK);
	assert_int_equal(n_indexes(db), all);
	bd_store_rollback(st);
	/* A bulk load: only referral_incident stays while loading... */
	assert_int_equal(bd_store_begin(st, &err), BD_OK);
	assert_int_equal(bd_store_bulk(st, BD_STORE_BULK_MIN, &err), BD_OK);
	assert_int_equal(n_indexes(db), 1);
	assert_int_equal(int_query(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'referral_incident'", NULL), 1);
	bd_incident inc;
	parse(INC_JSON("bulk-1", "T", TWO_REFERRALS), &inc);
	int result = -1;
	assert_int_equal(bd_store_put(st, &inc, &threats, &result, &err), BD_OK);
	assert_int_equal(result, BD_PUT_INSERTED);
	/* ...and a rollback brings them back with the store as it was. */
	bd_store_rollback(st);
	assert_int_equal(n_indexes(db), all);
	assert_int_equal(bd_store_total(st), 0);
	/* A committed bulk load builds every index again, over the new rows. */
	assert_int_equal(bd_store_begin(st, &err), BD_OK);
	assert_int_equal(bd_store_bulk(st, BD_STORE_BULK_MIN, &err), BD_OK);
	assert_int_equal(bd_store_put(st, &inc, &threats, &result, &err), BD_OK);
	assert_int_equal(bd_store_commit(st, &err), BD_OK);
	assert_int_equal(n_indexes(db), all);
	assert_int_equal(int_query(db, "SELECT count(*) FROM incident INDEXED BY incident_affected"
				   " WHERE affected = 200", NULL), 1);
	assert_int_equal(int_query(db, "SELECT count(*) FROM referral INDEXED BY referral_date"
				   " WHERE date_key >= 0", NULL), 2);
	/* The text index, filled in one statement, holds what a put writes. */
	char *fts = text_query(db, "SELECT id || '|' || title || '|' || coalesce(summary, '-') || '|' || force"
			       " FROM incident_fts WHERE incident_fts MATCH 'psni'");
	assert_string_equal(fts, "bulk-1|T|-|Police Service of Northern Ireland PSNI ");
	free(fts);
	char *ok = text_query(db, "PRAGMA integrity_check");
	assert_string_equal(ok, "ok");
	free(ok);
	/* A load smaller than the store is not a bulk load. */
	assert_int_equal(bd_store_begin(st, &err), BD_OK);
	assert_int_equal(bd_store_bulk(st, 0, &err), BD_OK);
	assert_int_equal(n_indexes(db), all);
	bd_store_rollback(st);
	bd_incident_free(&inc);
	bd_error_clear(&err);
	bd_store_close(st);
	free(path);
}

static void read_only_store_that_needs_migrating_is_refused(void **state)
{
	(void)state;
	char *path = tmp_path("v1-ro.db");
	make_v1(path);
	size_t len;
	char *bytes = read_all(path, &len);
	bd_store *st = NULL;
	bd_error err = { 0 };
	assert_int_equal(bd_store_open(path, BD_STORE_READONLY, &st, &err), BD_EREADONLY);
	assert_null(st);
	assert_non_null(strstr(bd_error_text(&err), "version 1"));
	assert_true(same_file(path, bytes, len));
	bd_error_clear(&err);
	free(bytes);
	free(path);
}

static void newer_store_version_is_refused(void **state)
{
	(void)state;
	char *path = tmp_path("v99.db");
	make_db(path, "CREATE TABLE future (x); PRAGMA user_version = 99;");
	size_t len;
	char *bytes = read_all(path, &len);
	for (int ro = 0; ro < 2; ro++) {
		bd_store *st = (bd_store *)1;
		bd_error err = { 0 };
		assert_int_equal(bd_store_open(path, ro ? BD_STORE_READONLY : 0, &st, &err), BD_EVERSION);
		assert_null(st);
		assert_non_null(strstr(bd_error_text(&err), "99"));
		assert_int_equal(bd_status_exit(err.code), 1);
		bd_error_clear(&err);
	}
	/* Nothing was written to it. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(int_query(db, "PRAGMA user_version", NULL), 99);
	assert_int_equal(int_query(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'incident'", NULL), 0);
	sqlite3_close(db);
	free(bytes);
	free(path);
}

/* ---- read-only and damaged files ---- */

static void check_read_only(bd_store *st, const char *path)
{
	assert_true(bd_store_readonly(st));
	assert_int_equal(bd_store_total(st), 1);
	bd_incident inc;
	bd_error err = { 0 };
	assert_int_equal(bd_store_get(st, "ro-1", &inc, &err), BD_OK);
	assert_int_equal(bd_store_begin(st, &err), BD_EREADONLY);
	assert_int_equal(err.code, BD_EREADONLY);
	assert_non_null(strstr(bd_error_text(&err), path));
	bd_incident_free(&inc);
	/* Even without a transaction, a write is refused. */
	parse(INC_JSON("ro-2", "T", ""), &inc);
	assert_int_equal(bd_store_put(st, &inc, &threats, NULL, &err), BD_EREADONLY);
	assert_int_equal(bd_store_delete(st, "ro-1", &err), BD_EREADONLY);
	assert_int_equal(bd_store_total(st), 1);
	bd_incident_free(&inc);
	bd_error_clear(&err);
}

static void read_only_flag_opens_for_viewing_only(void **state)
{
	(void)state;
	char *path = tmp_path("ro.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	put(st, INC_JSON("ro-1", "Read only", ""), &threats);
	bd_store_close(st);
	size_t len;
	char *bytes = read_all(path, &len);
	st = open_store(path, BD_STORE_READONLY);
	check_read_only(st, path);
	bd_store_close(st);
	assert_true(same_file(path, bytes, len));
	free(bytes);
	free(path);
}

static void read_only_file_opens_for_viewing_only(void **state)
{
	(void)state;
	char *path = tmp_path("ro-file.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	put(st, INC_JSON("ro-1", "Read only", ""), &threats);
	bd_store_close(st);
	assert_int_equal(chmod(path, 0444), 0);
	if (access(path, W_OK) == 0) {
		/* Running as root: the mode does not stop writes, so the flag
		 * stands in for it (read_only_flag_opens_for_viewing_only). */
		print_message("# root: chmod 0444 does not make the file read-only; using the flag\n");
		st = open_store(path, BD_STORE_READONLY);
	} else {
		st = open_store(path, 0);
	}
	check_read_only(st, path);
	bd_store_close(st);
	assert_int_equal(chmod(path, 0644), 0);
	free(path);
}

static void non_database_file_is_a_clear_error(void **state)
{
	(void)state;
	char *path = tmp_path("notes.db");
	char text[8192];
	for (size_t i = 0; i < sizeof text - 1; i++)
		text[i] = "This is not a database, just notes.\n"[i % 36];
	text[sizeof text - 1] = '\0';
	write_text(path, text);
	static const unsigned flags[] = { 0, BD_STORE_CREATE, BD_STORE_READONLY };
	for (size_t i = 0; i < 3; i++) {
		bd_store *st = (bd_store *)1;
		bd_error err = { 0 };
		bd_status s = bd_store_open(path, flags[i], &st, &err);
		assert_int_equal(s, BD_ESTORE);
		assert_null(st);
		assert_non_null(strstr(bd_error_text(&err), path));
		assert_non_null(strstr(bd_error_text(&err), "not a database"));
		bd_error_clear(&err);
		/* The file is left as it was. */
		assert_true(same_file(path, text, strlen(text)));
	}
	/* A dataset over it fails the same way, and does not unlink it. */
	bd_dataset ds;
	bd_diags d = { 0 };
	bd_error err = { 0 };
	assert_int_equal(bd_dataset_open(&ds, path, BD_STORE_CREATE, &d, &err), BD_ESTORE);
	assert_true(same_file(path, text, strlen(text)));
	bd_error_clear(&err);
	bd_diags_free(&d);
	free(path);
}

static void directory_as_store_is_an_error(void **state)
{
	(void)state;
	char *path = tmp_path("a-directory.db");
	assert_int_equal(mkdir(path, 0700), 0);
	bd_store *st = (bd_store *)1;
	bd_error err = { 0 };
	assert_int_not_equal(bd_store_open(path, BD_STORE_CREATE, &st, &err), BD_OK);
	assert_null(st);
	assert_non_null(strstr(bd_error_text(&err), path));
	bd_error_clear(&err);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(creates_a_store_and_its_directories),
		cmocka_unit_test(missing_store_without_create_is_not_found),
		cmocka_unit_test(put_inserts_then_finds_unchanged_then_updates),
		cmocka_unit_test(get_returns_the_same_document),
		cmocka_unit_test(derived_columns_follow_the_incident),
		cmocka_unit_test(threat_column_is_rederived),
		cmocka_unit_test(delete_removes_the_incident_and_its_children),
		cmocka_unit_test(rollback_undoes_puts),
		cmocka_unit_test(changes_by_another_connection_are_noticed_once),
		cmocka_unit_test(new_store_is_seeded_from_the_bundled_data),
		cmocka_unit_test(reimporting_the_same_file_changes_nothing),
		cmocka_unit_test(import_counts_inserts_updates_and_unchanged),
		cmocka_unit_test(failed_import_leaves_the_store_byte_for_byte),
		cmocka_unit_test(migrates_a_version_1_store),
		cmocka_unit_test(threat_levels_follow_a_changed_threat_table),
		cmocka_unit_test(bulk_load_builds_the_indexes_at_commit),
		cmocka_unit_test(read_only_store_that_needs_migrating_is_refused),
		cmocka_unit_test(newer_store_version_is_refused),
		cmocka_unit_test(read_only_flag_opens_for_viewing_only),
		cmocka_unit_test(read_only_file_opens_for_viewing_only),
		cmocka_unit_test(non_database_file_is_a_clear_error),
		cmocka_unit_test(directory_as_store_is_an_error),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
