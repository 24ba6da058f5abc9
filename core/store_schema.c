/*
 * store_schema — the store's tables, one migration a version: a store of
 * any older version is brought to BD_STORE_VERSION in one transaction when
 * it is opened for writing.
 */
#include <stdio.h>

#include "store_db.h"

/* Version 1: incidents with their derived columns, referrals, full-text
 * index, tallies. */
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

/* Version 2: provenance, so VERIS records can sit beside native ones and be
 * filtered by origin, country and industry. */
static const char schema_v2[] =
	"ALTER TABLE incident ADD COLUMN origin INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE incident ADD COLUMN country TEXT;"
	"ALTER TABLE incident ADD COLUMN industry TEXT;"
	"CREATE INDEX incident_origin ON incident(origin, id);";

/* Version 3: the documents in a table of their own, so that the incident
 * rows every screen, sort and filter reads are narrow (about 150 bytes
 * instead of 750: a scan of a million rows reads a fifth of the pages). */
static const char schema_v3[] =
	"CREATE TABLE incident_doc ("
	"  rowid INTEGER PRIMARY KEY REFERENCES incident(rowid) ON DELETE CASCADE,"
	"  doc TEXT NOT NULL);"
	"INSERT INTO incident_doc SELECT rowid, doc FROM incident;"
	"ALTER TABLE incident DROP COLUMN doc;";

/* Version 4: facts about the store itself; first, what its derived threat
 * levels were computed from (bd_store_sync_threats). */
static const char schema_v4[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;";

/* Version 5: availability apart from exposure (fields lost, deleted or
 * destroyed), and the exposed fields that only hedged reports state.
 * Documents stored before had neither, so 0 is right for them. */
static const char schema_v5[] =
	"ALTER TABLE incident ADD COLUMN lost INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE incident ADD COLUMN reported INTEGER NOT NULL DEFAULT 0;";

/* Version 6: links between two records of the same breach (same_as), so
 * that the records linking to an incident are found from it by index.
 * Documents stored before had none, so NULL is right for them. */
static const char schema_v6[] =
	"ALTER TABLE incident ADD COLUMN same_as TEXT;"
	"CREATE INDEX incident_same_as ON incident(same_as) WHERE same_as IS NOT NULL;";

static const char *const migrations[] = {
	schema_v1, schema_v2, schema_v3, schema_v4, schema_v5, schema_v6
};

static bd_status exec(bd_store *st, const char *sql, bd_error *err)
{
	if (sqlite3_exec(bd_store_db(st), sql, NULL, NULL, NULL) != SQLITE_OK)
		return bd_store_db_error(st, err, "query failed");
	return BD_OK;
}

static int user_version(bd_store *st)
{
	sqlite3_stmt *s;
	int v = -1;
	if (sqlite3_prepare_v2(bd_store_db(st), "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	return v;
}

bd_status bd_store_migrate(bd_store *st, bd_error *err)
{
	int v = user_version(st);
	if (v < 0)
		return bd_store_db_error(st, err, "not a breachdash store");
	if (v > BD_STORE_VERSION)
		return bd_fail(err, BD_EVERSION,
			       "%s: store is version %d, newer than this breachdash reads (up to %d); upgrade breachdash",
			       bd_store_path(st), v, BD_STORE_VERSION);
	if (v == BD_STORE_VERSION)
		return BD_OK;
	if (bd_store_readonly(st))
		return bd_fail(err, BD_EREADONLY,
			       "%s: store is version %d and needs upgrading, but it is read-only",
			       bd_store_path(st), v);
	bd_status s = exec(st, "BEGIN IMMEDIATE", err);
	for (int i = v; s == BD_OK && i < BD_STORE_VERSION; i++) {
		char pragma[48];
		s = exec(st, migrations[i], err);
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", i + 1);
		if (s == BD_OK)
			s = exec(st, pragma, err);
	}
	if (s == BD_OK)
		return exec(st, "COMMIT", err);
	sqlite3_exec(bd_store_db(st), "ROLLBACK", NULL, NULL, NULL);
	return s;
}
