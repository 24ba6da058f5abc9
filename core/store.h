/*
 * store — the SQLite store of incidents.
 *
 * One file, WAL mode, foreign keys on, every statement prepared with bound
 * parameters, migrations by PRAGMA user_version. Each incident is kept as
 * its canonical native JSON (the truth) plus columns derived from it for
 * sorting and filtering, each with an index, so that a screen is one
 * windowed query. A read-only file still opens, for viewing.
 */
#ifndef BD_STORE_H
#define BD_STORE_H

#include <stdbool.h>

#include "error.h"
#include "model.h"
#include "threat.h"

typedef struct bd_store bd_store;

enum {
	BD_STORE_CREATE = 1 << 0,       /* create the file (and its directory) if missing */
	BD_STORE_READONLY = 1 << 1,     /* never write */
};

#define BD_STORE_VERSION 6

/* The country and industry columns of a native incident that names none:
 * a UK police force. */
#define BD_COUNTRY_UK "GB"
#define BD_NAICS_POLICE "922120"

bd_status bd_store_open(const char *path, unsigned flags, bd_store **out, bd_error *err);
void bd_store_close(bd_store *st);
bool bd_store_readonly(const bd_store *st);
const char *bd_store_path(const bd_store *st);
/* Incidents in the store, from a maintained tally (no table scan). */
long long bd_store_total(bd_store *st);
/* True once each time another connection has changed the store since the
 * last call (PRAGMA data_version). */
bool bd_store_changed(bd_store *st);

/* Writes go inside one transaction: a failed import leaves the store exactly
 * as it was. begin takes the write lock at once (BEGIN IMMEDIATE). */
bd_status bd_store_begin(bd_store *st, bd_error *err);
bd_status bd_store_commit(bd_store *st, bd_error *err);
/* Inside a transaction, before putting about `incoming` incidents: a load
 * of at least BD_STORE_BULK_MIN that is no smaller than the store defers
 * the sort and filter indexes to the commit (see store.c). */
#define BD_STORE_BULK_MIN 5000
bd_status bd_store_bulk(bd_store *st, long long incoming, bd_error *err);
void bd_store_rollback(bd_store *st);
/* Inside a transaction: a mark to go back to (one at a time), so that one
 * file of a batch can be undone and the rest kept. */
bd_status bd_store_mark(bd_store *st, bd_error *err);
bd_status bd_store_keep(bd_store *st, bd_error *err);
void bd_store_undo(bd_store *st);

enum bd_put_result { BD_PUT_INSERTED, BD_PUT_UPDATED, BD_PUT_UNCHANGED };
/* Insert or update (by id). The threat level column is derived from the
 * table t (may be NULL: unknown). *result may be NULL. */
bd_status bd_store_put(bd_store *st, const bd_incident *inc, const bd_threat_table *t,
		       int *result, bd_error *err);
/* The same, given doc: the canonical JSON of inc (bd_incident_to_json,
 * compact), or NULL to make it here. */
bd_status bd_store_put_doc(bd_store *st, const bd_incident *inc, const char *doc,
			   const bd_threat_table *t, int *result, bd_error *err);
/* Fills out (caller frees with bd_incident_free). BD_ENOTFOUND if absent. */
bd_status bd_store_get(bd_store *st, const char *id, bd_incident *out, bd_error *err);
bd_status bd_store_delete(bd_store *st, const char *id, bd_error *err);
/* Recompute the derived threat column of every incident (after the threat
 * table changed). */
bd_status bd_store_rederive(bd_store *st, const bd_threat_table *t, bd_error *err);
/* When the threat table is not the one the store's levels were derived
 * from (a fingerprint kept in the store), rederives them in a transaction
 * of its own. Does nothing on a read-only store or with an empty table
 * (a threat file that did not load must not wipe the levels). */
bd_status bd_store_sync_threats(bd_store *st, const bd_threat_table *t, bd_error *err);
/* Whether bd_store_sync_threats has work to do (to say so first: at a
 * million incidents it takes seconds). */
bool bd_store_threats_stale(bd_store *st, const bd_threat_table *t);

#endif
