/* The SQLite store's versions and what it derives: migrations from older
 * stores, newer stores refused, bulk loads that build their indexes at
 * commit, and threat levels derived again when the threat table changes. */
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
	bd_threat_table low = { .v = calloc(threats.n, sizeof *threats.v), .n = threats.n };
	assert_non_null(low.v);
	memcpy(low.v, threats.v, threats.n * sizeof *threats.v);
	for (size_t i = 0; i < low.n; i++)
		low.v[i].level = BD_LEVEL_LOW;
	assert_int_equal(bd_store_sync_threats(st, &low, &err), BD_OK);
	assert_int_equal(int_query(db, level, "s-1"), BD_LEVEL_LOW);
	/* An empty table (a threat file that did not load) changes nothing. */
	bd_threat_table none = { .v = NULL };
	assert_int_equal(bd_store_sync_threats(st, &none, &err), BD_OK);
	assert_int_equal(int_query(db, level, "s-1"), BD_LEVEL_LOW);
	/* And back. */
	assert_int_equal(bd_store_sync_threats(st, &threats, &err), BD_OK);
	assert_int_equal(int_query(db, level, "s-1"), BD_LEVEL_SEVERE);
	free(low.v);
	bd_store_close(st);
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
	/* Its integer columns, written by version 1, still read as the names
	 * its document gives: vocabulary values never shift. */
	const char *nation = "SELECT nation FROM incident WHERE id = ?";
	const char *kind = "SELECT kind FROM incident WHERE id = ?";
	const char *qualifier = "SELECT qualifier FROM incident WHERE id = ?";
	const char *exposed = "SELECT exposed FROM incident WHERE id = ?";
	assert_string_equal(bd_vocab_name(&bd_nations, (int)int_query(db, nation, "old-1")), "england");
	assert_string_equal(bd_vocab_name(&bd_kinds, (int)int_query(db, kind, "old-1")), "theft");
	assert_string_equal(bd_vocab_name(&bd_qualifiers, (int)int_query(db, qualifier, "old-1")), "exact");
	assert_int_equal(int_query(db, exposed, "old-1"), BD_FIELD_BIT(bd_vocab_find(&bd_fields, "name")));
	assert_int_equal(inc.kind, int_query(db, kind, "old-1"));
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(threat_column_is_rederived),
		cmocka_unit_test(threat_levels_follow_a_changed_threat_table),
		cmocka_unit_test(migrates_a_version_1_store),
		cmocka_unit_test(bulk_load_builds_the_indexes_at_commit),
		cmocka_unit_test(read_only_store_that_needs_migrating_is_refused),
		cmocka_unit_test(newer_store_version_is_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
