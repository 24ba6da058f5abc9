/*
 * store_db — what the store and query modules share and nothing else sees:
 * the SQLite handle and the helpers that bind and read statements over it.
 * Only core/store*.c and core/query*.c include this header (and sqlite3.h);
 * the rest of the program reads through store.h and query.h.
 */
#ifndef BD_STORE_DB_H
#define BD_STORE_DB_H

#include <sqlite3.h>

#include "filter.h"
#include "query.h"
#include "store.h"

/* The open database handle. */
sqlite3 *bd_store_db(bd_store *st);

/* Fails with the status the connection's last error means (busy, read-only,
 * damaged, disk) and its message, after "what". */
bd_status bd_store_db_error(bd_store *st, bd_error *err, const char *what);
/* Brings the store to BD_STORE_VERSION (store_schema.c). */
bd_status bd_store_migrate(bd_store *st, bd_error *err);
/* Fails with BD_ESTORE and the connection's last SQLite message. */
bd_status bd_store_db_fail(bd_store *st, bd_error *err);
/* Prepares sql on the store's connection, or fails as above. */
bd_status bd_store_db_prepare(bd_store *st, const char *sql, sqlite3_stmt **s, bd_error *err);
/* Binds the filter's parameters (bd_filter_sql) from index `first` on;
 * returns the next free index. */
int bd_query_bind_filter(const bd_filter *f, sqlite3_stmt *s, int first);

/* The columns of a bd_row, in the order bd_query_read_row reads them. */
#define BD_ROW_COLUMNS "id, title, force_short, force, supplier, nation, kind, qualifier," \
	" origin, date_key, affected, exposed, not_exposed, ico, nca, threat, lost, reported"
#define BD_ROW_NCOLUMNS 18
void bd_query_read_row(sqlite3_stmt *s, bd_row *r);

/* The query's sort key (enum bd_sort, out-of-range taken as date), the
 * column holding it, and "col DIR, id DIR" (caller frees). */
int bd_query_sort(const bd_query *q);
const char *bd_query_sort_column(const bd_query *q);
char *bd_query_order_by(const bd_query *q);
/* The filter as a window's WHERE clause (see bd_query_few). */
const char *bd_query_where(const bd_query *q);

#endif
