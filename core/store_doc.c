#include "store_doc.h"
#include "store_db.h"

#include <stdlib.h>
#include <string.h>

/* One text column of the row with id ?1, or NULL: *found tells whether
 * there was a row (a NULL column is then "none"). */
static bd_status read_text(bd_store *st, sqlite3_stmt *s, const char *id, char **out,
			   bool *found, bd_error *err)
{
	*out = NULL;
	*found = false;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	bd_status status = BD_OK;
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(s, 0);
		*found = true;
		if (t && !(*out = strdup((const char *)t)))
			status = bd_fail(err, BD_ENOMEM, "out of memory");
	} else if (rc != SQLITE_DONE) {
		status = bd_store_db_fail(st, err);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return status;
}

bd_status bd_store_doc(bd_store *st, const char *id, char **doc, bd_error *err)
{
	sqlite3_stmt *s;
	*doc = NULL;
	bd_status status = bd_store_db_prepare(st, "SELECT d.doc FROM incident i JOIN incident_doc d"
					       " ON d.rowid = i.rowid WHERE i.id = ?1", &s, err);
	bool found;
	if (status == BD_OK)
		status = read_text(st, s, id, doc, &found, err);
	if (status == BD_OK && !*doc)
		status = bd_fail(err, BD_ENOTFOUND, "no incident with id \"%s\"", id);
	sqlite3_finalize(s);
	return status;
}

struct bd_store_modified {
	bd_store *st;
	sqlite3_stmt *s;
};

bd_status bd_store_modified_open(bd_store *st, bd_store_modified **out, bd_error *err)
{
	*out = calloc(1, sizeof **out);
	if (!*out)
		return bd_fail(err, BD_ENOMEM, "out of memory");
	(*out)->st = st;
	bd_status s = bd_store_db_prepare(st, "SELECT json_extract(d.doc,"
					  " '$.origin.extra.plus.modified') FROM incident i"
					  " JOIN incident_doc d ON d.rowid = i.rowid WHERE i.id = ?1",
					  &(*out)->s, err);
	if (s != BD_OK) {
		free(*out);
		*out = NULL;
	}
	return s;
}

char *bd_store_modified_get(bd_store_modified *m, const char *id, bd_error *err)
{
	char *text;
	bool found;
	if (read_text(m->st, m->s, id, &text, &found, err) != BD_OK)
		return NULL;
	if (!found) {
		bd_fail(err, BD_ENOTFOUND, "no incident with id \"%s\"", id);
		return NULL;
	}
	if (!text && !(text = strdup("")))
		bd_fail(err, BD_ENOMEM, "out of memory");
	return text;
}

void bd_store_modified_close(bd_store_modified *m)
{
	if (m)
		sqlite3_finalize(m->s);
	free(m);
}
