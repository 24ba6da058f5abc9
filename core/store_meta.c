/* store_meta — small named values kept beside the incidents (the meta
 * table): fingerprints of what the store's derived data came from. */
#include "store_meta.h"
#include "store_db.h"

#include <stdlib.h>
#include <string.h>

bd_status bd_store_meta_get(bd_store *st, const char *key, char **value, bd_error *err)
{
	sqlite3_stmt *s;
	*value = NULL;
	bd_status status = bd_store_db_prepare(st, "SELECT value FROM meta WHERE key = ?1", &s, err);
	if (status != BD_OK)
		return status;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (!(*value = strdup((const char *)sqlite3_column_text(s, 0))))
			status = bd_fail(err, BD_ENOMEM, "out of memory");
	} else if (rc != SQLITE_DONE) {
		status = bd_store_db_fail(st, err);
	}
	sqlite3_finalize(s);
	return status;
}

bd_status bd_store_meta_set(bd_store *st, const char *key, const char *value, bd_error *err)
{
	sqlite3_stmt *s;
	bd_status status = bd_store_db_prepare(st, "INSERT INTO meta VALUES (?1, ?2)"
					       " ON CONFLICT (key) DO UPDATE SET value = ?2", &s, err);
	if (status != BD_OK)
		return status;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		status = bd_store_db_fail(st, err);
	sqlite3_finalize(s);
	return status;
}
