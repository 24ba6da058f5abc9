#include "store.h"
#include "store_db.h"

#include <errno.h>
#include <jansson.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "native.h"

/* Statements an import runs for every incident, prepared once per store
 * (parsing SQL was a large share of the import's time). */
enum cached_stmt {
	ST_FIND, ST_INSERT, ST_UPDATE, ST_DEL_REFERRALS, ST_DEL_FTS, ST_INS_REFERRAL,
	ST_INS_FTS, ST_GET, ST_PUT_DOC, ST_COUNT
};

static const char *const cached_sql[ST_COUNT] = {
	[ST_FIND] = ("SELECT i.rowid, d.doc FROM incident i"
		     " LEFT JOIN incident_doc d ON d.rowid = i.rowid WHERE i.id = ?1"),
	[ST_INSERT] = (
		"INSERT INTO incident (id, title, force, force_short, supplier, nation, kind,"
		" date_key, affected, qualifier, exposed, not_exposed, n_exposed, ico, nca,"
		" threat, origin, country, industry, lost, reported, same_as) VALUES (?1, ?2, ?3,"
		" ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,"
		" ?21, ?22)"),
	[ST_UPDATE] = (
		"UPDATE incident SET title = ?2, force = ?3, force_short = ?4, supplier = ?5,"
		" nation = ?6, kind = ?7, date_key = ?8, affected = ?9, qualifier = ?10,"
		" exposed = ?11, not_exposed = ?12, n_exposed = ?13, ico = ?14, nca = ?15,"
		" threat = ?16, origin = ?17, country = ?18, industry = ?19, lost = ?20,"
		" reported = ?21, same_as = ?22 WHERE id = ?1"),
	[ST_DEL_REFERRALS] = "DELETE FROM referral WHERE incident = ?1",
	[ST_DEL_FTS] = "DELETE FROM incident_fts WHERE rowid = ?1",
	[ST_INS_REFERRAL] = "INSERT INTO referral VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_INS_FTS] = ("INSERT INTO incident_fts(rowid, id, title, summary, force)"
			" VALUES (?1, ?2, ?3, ?4, ?5)"),
	[ST_GET] = ("SELECT d.doc FROM incident i JOIN incident_doc d ON d.rowid = i.rowid"
		    " WHERE i.id = ?1"),
	[ST_PUT_DOC] = ("INSERT INTO incident_doc (rowid, doc) VALUES (?1, ?2)"
			" ON CONFLICT (rowid) DO UPDATE SET doc = excluded.doc"),
};

enum { TEXT_ROWS = 64 };        /* text rows a statement (text_flush) */

struct bd_store {
	sqlite3 *db;
	char *path;
	bool readonly;
	long long data_version;
	sqlite3_stmt *cache[ST_COUNT];
	bool bulk;                      /* in a bulk load (bd_store_bulk) */
	bool journaled;                 /* out of WAL for it (leave_wal) */
	int changes_at_begin;           /* sqlite3_total_changes at begin */
	bool threats_forgotten;         /* this transaction cleared the fingerprint */
	struct deferred {               /* what a bulk load builds at commit */
		char *drop, *sql;
	} *deferred;
	int n_deferred;
	struct text_row {               /* text to index, held in a bulk load */
		long long rowid;
		char *id, *title, *summary, *force;
	} text[TEXT_ROWS];
	int n_text;
	sqlite3_stmt *text_many;        /* inserts a whole text[] at once */
};

/* A cached statement, ready to bind; give it back with release(). */
static sqlite3_stmt *cached(bd_store *st, int which)
{
	if (!st->cache[which])
		sqlite3_prepare_v3(st->db, cached_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
				   &st->cache[which], NULL);
	return st->cache[which];
}

static void release(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}


static bd_status db_fail(bd_store *st, bd_error *err, const char *what);

bd_status bd_store_db_error(bd_store *st, bd_error *err, const char *what)
{
	return db_fail(st, err, what);
}

static bd_status db_fail(bd_store *st, bd_error *err, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);
	bd_status s = BD_ESTORE;
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		s = BD_EBUSY;
	else if ((code & 0xff) == SQLITE_READONLY)
		s = BD_EREADONLY;
	if (s == BD_EBUSY)
		return bd_fail(err, s, "%s: the store is locked: another process has been writing to it"
			       " for 5 seconds (%s); try again when it has finished",
			       st->path, sqlite3_errmsg(st->db));
	if ((code & 0xff) == SQLITE_CORRUPT)
		return bd_fail(err, s, "%s: the store is damaged (%s); restore it from a backup,"
			       " or move it away and import the data again", st->path, sqlite3_errmsg(st->db));
	/* "disk I/O error" alone does not say that the disk is full. */
	int sys = sqlite3_system_errno(st->db);
	if (sys && ((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_FULL ||
		    (code & 0xff) == SQLITE_CANTOPEN))
		return bd_fail(err, s, "%s: %s: %s (%s)", st->path, what, sqlite3_errmsg(st->db),
			       strerror(sys));
	return bd_fail(err, s, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

static bd_status exec(bd_store *st, const char *sql, bd_error *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(st, err, "query failed");
	return BD_OK;
}

static bd_status make_parent_dir(const char *path, bd_error *err)
{
	char *dir = strdup(path);
	if (!dir)
		return bd_fail(err, BD_ENOMEM, "out of memory");
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			bd_fail(err, BD_EIO, "%s: cannot create directory: %s", dir, strerror(errno));
			free(dir);
			return BD_EIO;
		}
		*p = '/';
	}
	free(dir);
	return BD_OK;
}

/* A store in a directory that cannot be written has no -wal or -shm file to
 * share: reopens it read-only as an immutable file. False when the last
 * error was something else (not a database, say) or the reopening failed. */
static bool reopen_immutable(bd_store *st)
{
	int code = sqlite3_errcode(st->db) & 0xff;
	if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN)
		return false;
	char *uri = malloc(strlen(st->path) * 3 + 32), *o = uri;
	if (!uri)
		return false;
	o += sprintf(o, "file:");
	for (const char *c = st->path; *c; c++)
		o += strchr("%?#", *c) ? sprintf(o, "%%%02X", (unsigned char)*c) : sprintf(o, "%c", *c);
	strcpy(o, "?immutable=1");
	sqlite3_close_v2(st->db);
	st->readonly = true;
	int rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	sqlite3_extended_result_codes(st->db, 1);
	return rc == SQLITE_OK &&
	       sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) == SQLITE_OK;
}

/* Opens the database file itself, falling back to read-only when the file
 * or its directory cannot be written. */
static bd_status open_db(bd_store *st, unsigned flags, bd_error *err)
{
	bool exists = access(st->path, F_OK) == 0;
	if (!exists && !(flags & BD_STORE_CREATE))
		return bd_fail(err, BD_ENOTFOUND, "%s: no such store", st->path);
	if (!exists && make_parent_dir(st->path, err) != BD_OK)
		return err ? err->code : BD_EIO;
	bool want_rw = !(flags & BD_STORE_READONLY) &&
		       (!exists || access(st->path, W_OK) == 0);
	int oflags = want_rw ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
	st->readonly = !want_rw;
	if (sqlite3_open_v2(st->path, &st->db, oflags, NULL) != SQLITE_OK)
		return db_fail(st, err, "cannot open");
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);
	/* A read-only directory makes WAL impossible; the store still opens for
	 * reading if it is already in WAL mode or can be read in rollback mode. */
	if (!st->readonly && sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK &&
	    !reopen_immutable(st))
		return db_fail(st, err, "cannot enable WAL");
	if (exec(st, "PRAGMA foreign_keys = ON", err) != BD_OK)
		return err ? err->code : BD_ESTORE;
	/* In WAL mode NORMAL still never leaves half a transaction, even when
	 * the process is killed; only a power cut can lose the last commits. */
	if (!st->readonly)
		sqlite3_exec(st->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	/* Statement journals (for the tally triggers) in memory: on disk they
	 * were 300,000 small writes per 10,000 incidents. */
	sqlite3_exec(st->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	/* A quick check that this is a database at all: reads page 1. */
	if (sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK &&
	    !reopen_immutable(st))
		return db_fail(st, err, "not a usable database");
	return BD_OK;
}

bd_status bd_store_open(const char *path, unsigned flags, bd_store **out, bd_error *err)
{
	bd_store *st = calloc(1, sizeof *st);
	*out = NULL;
	if (!st || !(st->path = strdup(path))) {
		free(st);
		return bd_fail(err, BD_ENOMEM, "out of memory");
	}
	bd_status s = open_db(st, flags, err);
	if (s == BD_OK)
		s = bd_store_migrate(st, err);
	if (s != BD_OK) {
		bd_store_close(st);
		return s;
	}
	bd_store_changed(st);
	*out = st;
	return BD_OK;
}

static void text_forget(bd_store *st)
{
	for (int i = 0; i < st->n_text; i++) {
		struct text_row *t = &st->text[i];
		free(t->id);
		free(t->title);
		free(t->summary);
		free(t->force);
	}
	st->n_text = 0;
}

static void forget_deferred(bd_store *st)
{
	for (int i = 0; i < st->n_deferred; i++) {
		sqlite3_free(st->deferred[i].drop);
		sqlite3_free(st->deferred[i].sql);
	}
	free(st->deferred);
	st->deferred = NULL;
	st->n_deferred = 0;
	text_forget(st);
	st->bulk = false;
	st->threats_forgotten = false;
}

void bd_store_close(bd_store *st)
{
	if (!st)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(st->cache[i]);
	sqlite3_finalize(st->text_many);
	forget_deferred(st);
	sqlite3_close_v2(st->db);
	free(st->path);
	free(st);
}

bool bd_store_readonly(const bd_store *st)
{
	return st->readonly;
}

const char *bd_store_path(const bd_store *st)
{
	return st->path;
}

sqlite3 *bd_store_db(bd_store *st)
{
	return st->db;
}

static long long single_int(bd_store *st, const char *sql, long long dflt)
{
	sqlite3_stmt *s;
	long long v = dflt;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return dflt;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

long long bd_store_total(bd_store *st)
{
	return single_int(st, "SELECT value FROM tally WHERE name = 'incidents'", 0);
}

bool bd_store_changed(bd_store *st)
{
	long long v = single_int(st, "PRAGMA data_version", st->data_version);
	bool changed = v != st->data_version;
	st->data_version = v;
	return changed;
}

bd_status bd_store_begin(bd_store *st, bd_error *err)
{
	if (st->readonly)
		return bd_fail(err, BD_EREADONLY, "%s: store is read-only", st->path);
	/* A large transaction that outgrows the page cache spills pages to the
	 * WAL and writes the same pages again and again (a 10,000-incident
	 * import wrote 1.3 GB for 13 MB of data); give writes room. */
	sqlite3_exec(st->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	st->changes_at_begin = sqlite3_total_changes(st->db);
	return exec(st, "BEGIN IMMEDIATE", err);
}

/* Back to SQLite's default cache once the writing is done, and to
 * temporary data in memory. */
static void small_cache(bd_store *st)
{
	sqlite3_exec(st->db, "PRAGMA cache_size = -2000; PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
}

/* Loading many rows into an index one at a time writes its pages in random
 * order; building it once from the finished table is a sort. So a load
 * that at least doubles the table drops the indexes that only sorting and
 * filtering use, and bd_store_commit builds them again from the rows, all
 * inside the one transaction: a failed load still leaves the store as it
 * was. The id index (every put looks the id up) and referral_incident (an
 * update deletes its referrals) stay. */
static const char bulk_objects[] =
	"SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND"
	" type = 'index' AND name != 'referral_incident'";

/* The text index is filled as the load goes, TEXT_ROWS incidents to a
 * statement: FTS5 writes its pending terms out at every statement
 * savepoint, which each incident's insert opens (its triggers), so row by
 * row it wrote a segment an incident (100,000 took 2.3 s). Filled at the
 * commit instead, from the documents, it ran on one processor after the
 * parsers had finished (2.5 s of 12 for 50,000 incidents of 3.2 KB). The
 * merging of segments is off while loading and done once at the end:
 * merging as it went was half the time. */
static const char text_merge_off[] =
	"INSERT INTO incident_fts (incident_fts, rank) VALUES ('automerge', 0)";
static const char text_merge[] =
	"INSERT INTO incident_fts (incident_fts) VALUES ('optimize');"
	"INSERT INTO incident_fts (incident_fts, rank) VALUES ('automerge', 4);";

/* The SQL to insert n text rows in one statement. Caller frees. */
static char *text_insert_sql(int n)
{
	char *sql = sqlite3_mprintf("INSERT INTO incident_fts (rowid, id, title, summary, force) VALUES");
	for (int i = 0; sql && i < n; i++) {
		char *more = sqlite3_mprintf("%s%s(?, ?, ?, ?, ?)", sql, i ? "," : "");
		sqlite3_free(sql);
		sql = more;
	}
	return sql;
}

/* Writes the text rows held: a whole batch in one statement, a part row
 * by row. */
static bd_status text_flush(bd_store *st, bd_error *err)
{
	if (!st->n_text)
		return BD_OK;
	bool whole = st->n_text == TEXT_ROWS;
	if (whole && !st->text_many) {
		char *sql = text_insert_sql(TEXT_ROWS);
		if (!sql || sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
					       &st->text_many, NULL) != SQLITE_OK) {
			sqlite3_free(sql);
			return db_fail(st, err, "prepare");
		}
		sqlite3_free(sql);
	}
	int rc = SQLITE_DONE;
	for (int i = 0; i < st->n_text && rc == SQLITE_DONE; i++) {
		sqlite3_stmt *s = whole ? st->text_many : cached(st, ST_INS_FTS);
		int at = whole ? i * 5 : 0;
		if (!s)
			return db_fail(st, err, "prepare");
		struct text_row *t = &st->text[i];
		sqlite3_bind_int64(s, at + 1, t->rowid);
		sqlite3_bind_text(s, at + 2, t->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, at + 3, t->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, at + 4, t->summary, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, at + 5, t->force, -1, SQLITE_STATIC);
		if (!whole || i == TEXT_ROWS - 1) {
			rc = sqlite3_step(s);
			release(s);
		}
	}
	text_forget(st);
	return rc == SQLITE_DONE ? BD_OK : db_fail(st, err, "index text");
}

/* What the text index holds of an incident: its id, title, summary, and
 * its force's names with its supplier. Caller frees *force. */
static char *text_force(const bd_incident *inc)
{
	char *force = NULL;
	if (asprintf(&force, "%s %s %s", inc->force, inc->force_short,
		     inc->supplier ? inc->supplier : "") < 0)
		force = NULL;
	return force;
}

/* Holds an incident's text for the next batch. */
static bd_status text_hold(bd_store *st, long long rowid, const bd_incident *inc, bd_error *err)
{
	struct text_row *t = &st->text[st->n_text];
	*t = (struct text_row){ .rowid = rowid, .id = strdup(inc->id),
				.title = strdup(inc->title), .force = text_force(inc),
				.summary = inc->summary ? strdup(inc->summary) : NULL };
	st->n_text++;
	if (!t->id || !t->title || !t->force || (inc->summary && !t->summary)) {
		text_forget(st);
		return bd_fail(err, BD_ENOMEM, "out of memory");
	}
	return st->n_text == TEXT_ROWS ? text_flush(st, err) : BD_OK;
}

/* WAL writes every page twice, to the log and again at the checkpoint: a
 * million incidents grew a log of 4 GB. In rollback-journal mode the pages
 * a load appends past the store's old end go straight to the file, once;
 * the journal keeps only the old pages the load changes (a store just
 * seeded has few), and a load that is killed is rolled back from it when
 * the store is next opened, so it still lands whole or not at all. SQLite
 * allows the switch only when no other connection has the store open; with
 * a reader, the load stays in WAL. The transaction is begun again around
 * the switch, which only happens when it has written nothing yet. */
static bd_status leave_wal(bd_store *st, bd_error *err)
{
	if (sqlite3_total_changes(st->db) != st->changes_at_begin ||
	    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
		return BD_OK;
	/* Temporary files for the index builds at the commit, set here
	 * because SQLite refuses to change temp_store inside a transaction
	 * once it has used temporary storage (a refusal that went unseen for
	 * the builds, which then sorted a million rows in memory: 48 MB an
	 * index). Statement journals stay in memory below 64 KB either way. */
	sqlite3_exec(st->db, "PRAGMA temp_store = FILE", NULL, NULL, NULL);
	sqlite3_busy_timeout(st->db, 0);        /* a reader: do not wait */
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = DELETE", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		st->journaled = strcmp((const char *)sqlite3_column_text(s, 0), "delete") == 0;
	sqlite3_finalize(s);
	sqlite3_busy_timeout(st->db, 5000);
	if (st->journaled)
		sqlite3_exec(st->db, "PRAGMA cache_size = -24576", NULL, NULL, NULL);
	return exec(st, "BEGIN IMMEDIATE", err);
}

/* After the load: WAL again, as every opening expects. */
static void back_to_wal(bd_store *st)
{
	if (st->journaled)
		sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	st->journaled = false;
}

bd_status bd_store_bulk(bd_store *st, long long incoming, bd_error *err)
{
	if (incoming < BD_STORE_BULK_MIN || st->bulk || incoming < bd_store_total(st))
		return BD_OK;
	if (leave_wal(st, err) != BD_OK)
		return err ? err->code : BD_ESTORE;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, bulk_objects, -1, &s, NULL) != SQLITE_OK)
		return db_fail(st, err, "prepare");
	bd_status status = BD_OK;
	/* Names and definitions first: nothing can be dropped while the
	 * schema is being read. */
	while (status == BD_OK && sqlite3_step(s) == SQLITE_ROW) {
		struct deferred *more = realloc(st->deferred, (size_t)(st->n_deferred + 1) * sizeof *more);
		if (more)
			st->deferred = more;
		struct deferred *d = more ? &more[st->n_deferred] : NULL;
		if (d && (d->drop = sqlite3_mprintf("DROP %s \"%w\"", sqlite3_column_text(s, 0),
						     sqlite3_column_text(s, 1))) &&
		    (d->sql = sqlite3_mprintf("%s", sqlite3_column_text(s, 2)))) {
			st->n_deferred++;
		} else {
			if (d)
				sqlite3_free(d->drop);
			status = bd_fail(err, BD_ENOMEM, "out of memory");
		}
	}
	sqlite3_finalize(s);
	for (int i = 0; status == BD_OK && i < st->n_deferred; i++)
		status = exec(st, st->deferred[i].drop, err);
	if (status == BD_OK)
		status = exec(st, text_merge_off, err);
	st->bulk = true;
	return status;
}

/* The load's cache, and the memory the import's parsers freed, back to the
 * system before the index builds take theirs (a million incidents of
 * 3.2 KB: from 45 MB to 10 MB). A smaller cache_size frees only clean
 * pages and the load leaves the cache full of dirty ones, so they are
 * written out first; glibc keeps freed memory for reuse until trimmed. */
static void release_load_memory(bd_store *st)
{
	sqlite3_db_cacheflush(st->db);
	sqlite3_db_release_memory(st->db);
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

bd_status bd_store_commit(bd_store *st, bd_error *err)
{
	bd_status s = BD_OK;
	/* The index builds sort in buffers as large as the page cache and
	 * spill what does not fit to temporary files (leave_wal chose files):
	 * so a small cache for them, on one thread (a second doubled the
	 * sorter's memory, 21 MB to 37 MB for an index of a million rows, and
	 * was no faster on two processors). What the load held is given back
	 * first (release_load_memory). */
	if (st->n_deferred) {
		sqlite3_exec(st->db, "PRAGMA threads = 0; PRAGMA cache_size = -8192", NULL, NULL, NULL);
		release_load_memory(st);
	}
	if (st->bulk)
		s = text_flush(st, err);
	for (int i = 0; s == BD_OK && i < st->n_deferred; i++)
		s = exec(st, st->deferred[i].sql, err);
	if (s == BD_OK && st->bulk)
		s = exec(st, text_merge, err);
	forget_deferred(st);
	if (s == BD_OK)
		s = exec(st, "COMMIT", err);
	if (s == BD_OK)
		back_to_wal(st);
	small_cache(st);
	return s;
}

void bd_store_rollback(bd_store *st)
{
	forget_deferred(st);
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	back_to_wal(st);
	small_cache(st);
}

/* The text held is written first, so that an undo has only what came
 * after the mark to forget. */
bd_status bd_store_mark(bd_store *st, bd_error *err)
{
	bd_status s = text_flush(st, err);
	return s == BD_OK ? exec(st, "SAVEPOINT bd_mark", err) : s;
}

bd_status bd_store_keep(bd_store *st, bd_error *err)
{
	return exec(st, "RELEASE bd_mark", err);
}

void bd_store_undo(bd_store *st)
{
	text_forget(st);
	sqlite3_exec(st->db, "ROLLBACK TO bd_mark; RELEASE bd_mark", NULL, NULL, NULL);
}

static int n_bits(bd_fieldset m)
{
	return __builtin_popcount(m);
}


static bd_status bind_columns(sqlite3_stmt *s, const bd_incident *inc,
			      const bd_threat_table *t)
{
	int threat = t ? bd_threat_level_for(t, inc) : -1;
	sqlite3_bind_text(s, 1, inc->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, inc->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, inc->force, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, inc->force_short, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, inc->supplier, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, inc->nation);
	sqlite3_bind_int(s, 7, inc->kind);
	sqlite3_bind_int(s, 8, bd_date_key(bd_incident_date(inc)));
	sqlite3_bind_int64(s, 9, inc->affected);
	sqlite3_bind_int(s, 10, inc->qualifier);
	sqlite3_bind_int64(s, 11, inc->exposed);
	sqlite3_bind_int64(s, 12, inc->not_exposed);
	sqlite3_bind_int(s, 13, n_bits(inc->exposed));
	sqlite3_bind_int(s, 14, bd_incident_referral_status(inc, BD_BODY_ICO));
	sqlite3_bind_int(s, 15, bd_incident_referral_status(inc, BD_BODY_NCA));
	sqlite3_bind_int(s, 16, threat);
	sqlite3_bind_int(s, 17, inc->origin);
	/* Our own records are of UK police forces unless they say otherwise:
	 * country GB (for a UK nation) and NAICS 922120, police protection. */
	bool native = inc->origin == BD_ORIGIN_NATIVE;
	sqlite3_bind_text(s, 18, inc->country ? inc->country
			  : native && bd_nation_in_uk(inc->nation) ? BD_COUNTRY_UK : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 19, inc->industry ? inc->industry : native ? BD_NAICS_POLICE : NULL,
			  -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 20, inc->lost);
	sqlite3_bind_int64(s, 21, bd_incident_reported(inc));
	sqlite3_bind_text(s, 22, inc->same_as, -1, SQLITE_STATIC);
	return BD_OK;
}

static bd_status put_children(bd_store *st, long long rowid, const bd_incident *inc,
			      const char *doc, bool replace, bd_error *err)
{
	sqlite3_stmt *s = cached(st, ST_PUT_DOC);
	if (!s)
		return db_fail(st, err, "prepare");
	sqlite3_bind_int64(s, 1, rowid);
	sqlite3_bind_text(s, 2, doc, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	release(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, err, "store document");
	/* The text of a row replaced may still be held: written first, it
	 * is deleted with the rest. */
	if (replace && text_flush(st, err) != BD_OK)
		return err ? err->code : BD_ESTORE;
	const int del[] = { ST_DEL_REFERRALS, ST_DEL_FTS };
	for (int i = 0; replace && i < 2; i++) {
		if (!(s = cached(st, del[i])))
			return db_fail(st, err, "prepare");
		sqlite3_bind_int64(s, 1, rowid);
		rc = sqlite3_step(s);
		release(s);
		if (rc != SQLITE_DONE)
			return db_fail(st, err, "delete");
	}
	if (!(s = cached(st, ST_INS_REFERRAL)))
		return db_fail(st, err, "prepare");
	for (size_t i = 0; i < inc->n_referrals; i++) {
		const bd_referral *r = &inc->referrals[i];
		sqlite3_bind_int64(s, 1, rowid);
		sqlite3_bind_int(s, 2, r->body);
		sqlite3_bind_int(s, 3, r->status);
		sqlite3_bind_int(s, 4, bd_date_key(r->date));
		if (r->amount >= 0)
			sqlite3_bind_int64(s, 5, r->amount);
		else
			sqlite3_bind_null(s, 5);
		rc = sqlite3_step(s);
		release(s);
		if (rc != SQLITE_DONE)
			return db_fail(st, err, "insert referral");
	}
	if (st->bulk)
		return text_hold(st, rowid, inc, err);
	if (!(s = cached(st, ST_INS_FTS)))
		return db_fail(st, err, "prepare");
	sqlite3_bind_int64(s, 1, rowid);
	sqlite3_bind_text(s, 2, inc->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, inc->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, inc->summary, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, text_force(inc), -1, free);
	rc = sqlite3_step(s);
	release(s);
	return rc == SQLITE_DONE ? BD_OK : db_fail(st, err, "index text");
}

/* The existing row for an id: its rowid and whether its document equals doc. */
static long long find_existing(bd_store *st, const char *id, const char *doc, bool *same)
{
	sqlite3_stmt *s = cached(st, ST_FIND);
	long long rowid = 0;
	*same = false;
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		rowid = sqlite3_column_int64(s, 0);
		const char *old = (const char *)sqlite3_column_text(s, 1);
		*same = old && strcmp(old, doc) == 0;
	}
	release(s);
	return rowid;
}

bd_status bd_store_put(bd_store *st, const bd_incident *inc, const bd_threat_table *t,
		       int *result, bd_error *err)
{
	json_t *j = bd_incident_to_json(inc);
	char *doc = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!doc)
		return bd_fail(err, BD_ENOMEM, "out of memory");
	bd_status s = bd_store_put_doc(st, inc, doc, t, result, err);
	free(doc);
	return s;
}

bd_status bd_store_put_doc(bd_store *st, const bd_incident *inc, const char *doc,
			   const bd_threat_table *t, int *result, bd_error *err)
{
	if (!doc)
		return bd_store_put(st, inc, t, result, err);
	/* Stored without a threat table (its file did not load), the level is
	 * unknown; the fingerprint must not claim otherwise, so that the next
	 * opening with a table derives it (bd_store_sync_threats). */
	if ((!t || t->n == 0) && !st->threats_forgotten) {
		if (exec(st, "DELETE FROM meta WHERE key = 'threat_levels'", err) != BD_OK)
			return err ? err->code : BD_ESTORE;
		st->threats_forgotten = true;
	}
	bool same;
	long long rowid = find_existing(st, inc->id, doc, &same);
	bd_status status = BD_OK;
	if (rowid < 0) {
		status = db_fail(st, err, "lookup");
	} else if (same) {
		if (result)
			*result = BD_PUT_UNCHANGED;
	} else {
		sqlite3_stmt *s = cached(st, rowid ? ST_UPDATE : ST_INSERT);
		if (!s) {
			status = db_fail(st, err, "prepare");
		} else {
			bind_columns(s, inc, t);
			int rc = sqlite3_step(s);
			release(s);
			if (rc != SQLITE_DONE)
				status = db_fail(st, err, rowid ? "update" : "insert");
		}
		bool replace = rowid != 0;
		if (status == BD_OK && !rowid)
			rowid = sqlite3_last_insert_rowid(st->db);
		if (status == BD_OK)
			status = put_children(st, rowid, inc, doc, replace, err);
		if (status == BD_OK && result)
			*result = replace ? BD_PUT_UPDATED : BD_PUT_INSERTED;
	}
	return status;
}

bd_status bd_store_get(bd_store *st, const char *id, bd_incident *out, bd_error *err)
{
	sqlite3_stmt *s = cached(st, ST_GET);
	bd_incident_init(out);
	if (!s)
		return db_fail(st, err, "prepare");
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	bd_status status = BD_OK;
	if (sqlite3_step(s) != SQLITE_ROW) {
		status = bd_fail(err, BD_ENOTFOUND, "no incident with id \"%s\"", id);
	} else {
		json_error_t jerr;
		json_t *j = json_loads((const char *)sqlite3_column_text(s, 0), 0, &jerr);
		if (!j || bd_incident_from_json(j, "$", out, NULL, NULL) != 0)
			status = bd_fail(err, BD_ESTORE, "%s: stored incident \"%s\" is damaged",
					 st->path, id);
		json_decref(j);
	}
	release(s);
	return status;
}

bd_status bd_store_delete(bd_store *st, const char *id, bd_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "DELETE FROM incident WHERE id = ?1", -1, &s, NULL) != SQLITE_OK)
		return db_fail(st, err, "prepare");
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return db_fail(st, err, "delete");
	if (sqlite3_changes(st->db) == 0)
		return bd_fail(err, BD_ENOTFOUND, "no incident with id \"%s\"", id);
	return BD_OK;
}

/* The level depends on the nation and the date alone, both columns: one
 * update per (nation, date) pair, no document read. Each goes through the
 * date index ("+nation" keeps SQLite off the nation index, which would
 * read a fifth of the table for every pair). */
bd_status bd_store_rederive(bd_store *st, const bd_threat_table *t, bd_error *err)
{
	sqlite3_stmt *s, *u = NULL;
	if (sqlite3_prepare_v2(st->db, "SELECT DISTINCT nation, date_key FROM incident", -1, &s,
			       NULL) != SQLITE_OK)
		return db_fail(st, err, "prepare");
	/* The pairs first: the table is not updated while it is read. */
	int (*pairs)[2] = NULL;
	size_t n = 0, cap = 0;
	bd_status status = BD_OK;
	while (status == BD_OK && sqlite3_step(s) == SQLITE_ROW) {
		if (n == cap) {
			int (*more)[2] = realloc(pairs, (cap = cap ? cap * 2 : 256) * sizeof *pairs);
			if (!more) {
				status = bd_fail(err, BD_ENOMEM, "out of memory");
				break;
			}
			pairs = more;
		}
		pairs[n][0] = sqlite3_column_int(s, 0);
		pairs[n++][1] = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	if (status == BD_OK && sqlite3_prepare_v2(st->db, "UPDATE incident SET threat = ?3"
						  " WHERE date_key = ?2 AND +nation = ?1 AND threat != ?3",
						  -1, &u, NULL) != SQLITE_OK)
		status = db_fail(st, err, "prepare");
	for (size_t i = 0; status == BD_OK && i < n; i++) {
		int scope = bd_threat_scope_for(pairs[i][0]);
		const bd_threat_period *p = scope < 0 ? NULL
			: bd_threat_at(t, scope, bd_date_from_key(pairs[i][1]));
		sqlite3_bind_int(u, 1, pairs[i][0]);
		sqlite3_bind_int(u, 2, pairs[i][1]);
		sqlite3_bind_int(u, 3, p ? p->level : -1);
		if (sqlite3_step(u) != SQLITE_DONE)
			status = db_fail(st, err, "update");
		sqlite3_reset(u);
	}
	sqlite3_finalize(u);
	free(pairs);
	return status;
}

/* What the derived levels were computed from: every period, hashed
 * (FNV-1a, 64 bits; a changed table is all this must notice). */
static void threat_fingerprint(const bd_threat_table *t, char out[17])
{
	unsigned long long h = 1469598103934665603ull;
	for (size_t i = 0; i < t->n; i++) {
		const bd_threat_period *p = &t->v[i];
		int v[4] = { p->scope, p->level, bd_date_key(p->from), bd_date_key(p->to) };
		const unsigned char *b = (const unsigned char *)v;
		for (size_t k = 0; k < sizeof v; k++)
			h = (h ^ b[k]) * 1099511628211ull;
	}
	snprintf(out, 17, "%016llx", h);
}

bool bd_store_threats_stale(bd_store *st, const bd_threat_table *t)
{
	if (st->readonly || !t || t->n == 0)
		return false;
	char want[17], *have = NULL;
	threat_fingerprint(t, want);
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = 'threat_levels'", -1, &s,
			       NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(s) == SQLITE_ROW)
		have = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	bool stale = !have || strcmp(have, want) != 0;
	free(have);
	return stale;
}

bd_status bd_store_sync_threats(bd_store *st, const bd_threat_table *t, bd_error *err)
{
	if (!bd_store_threats_stale(st, t))
		return BD_OK;
	char want[17];
	threat_fingerprint(t, want);
	bd_status status = exec(st, "BEGIN IMMEDIATE", err);
	if (status == BD_OK)
		status = bd_store_rederive(st, t, err);
	if (status == BD_OK) {
		char *sql = sqlite3_mprintf("INSERT INTO meta VALUES ('threat_levels', %Q)"
					    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", want);
		status = sql ? exec(st, sql, err) : bd_fail(err, BD_ENOMEM, "out of memory");
		sqlite3_free(sql);
	}
	if (status == BD_OK)
		return exec(st, "COMMIT", err);
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return status;
}
