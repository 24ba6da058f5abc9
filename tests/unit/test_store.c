/* The SQLite store, on real files: put and get, whole-or-nothing imports,
 * read-only and damaged files. (Versions, migrations, bulk loads and the
 * derived threat levels: test_store_versions.c.) */
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
#include "store_db.h"
#include "threat.h"

#include "store_fixture.h"

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
		cmocka_unit_test(delete_removes_the_incident_and_its_children),
		cmocka_unit_test(rollback_undoes_puts),
		cmocka_unit_test(changes_by_another_connection_are_noticed_once),
		cmocka_unit_test(new_store_is_seeded_from_the_bundled_data),
		cmocka_unit_test(reimporting_the_same_file_changes_nothing),
		cmocka_unit_test(import_counts_inserts_updates_and_unchanged),
		cmocka_unit_test(failed_import_leaves_the_store_byte_for_byte),
		cmocka_unit_test(read_only_flag_opens_for_viewing_only),
		cmocka_unit_test(read_only_file_opens_for_viewing_only),
		cmocka_unit_test(non_database_file_is_a_clear_error),
		cmocka_unit_test(directory_as_store_is_an_error),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
