/*
 * sink — where imported incidents go.
 *
 * Readers (native JSON, JSON Lines, VERIS) feed every valid incident to one
 * sink, so the rest of the program cannot tell where a record came from.
 * The store is a sink; a NULL sink only validates.
 *
 * As ncdu's dir_output has item() and final(): when the reading is over,
 * final() is called once, with whether what was read is to be kept. A
 * sink that writes somewhere makes it all land there then, or none of it.
 */
#ifndef BD_SINK_H
#define BD_SINK_H

#include <stdbool.h>

#include "error.h"
#include "model.h"
#include "store.h"
#include "threat.h"

typedef struct bd_sink {
	bd_status (*item)(struct bd_sink *sink, const bd_incident *inc, bd_error *err);
	/* Keep (ok) or drop everything item() took, as one. Returns the
	 * first failure, of an item() or of the keeping; what was read is
	 * kept only when ok and it returns BD_OK. NULL: nothing to finish. */
	bd_status (*final)(struct bd_sink *sink, bool ok, bd_error *err);
	const char *doc;        /* during item(): the incident's canonical JSON
				 * when the reader made it already, else NULL */
	long read, inserted, updated, unchanged;
} bd_sink;

/* A sink that puts incidents into a store. */
typedef struct bd_store_sink {
	bd_sink base;
	bd_store *store;
	const bd_threat_table *threats;
	bool own;               /* began the transaction: final() ends it */
	bool open;              /* final() not yet called */
	bd_status failed;       /* the first item() that failed, and why */
	bd_error why;
} bd_store_sink;

/* Begins the one transaction the incidents go in, a bulk load when about
 * `incoming` incidents make it one (bd_store_bulk). final(ok) commits it
 * when ok and no item() failed, else rolls it back; a failed commit rolls
 * back too. */
bd_status bd_store_sink_open(bd_store_sink *s, bd_store *st, const bd_threat_table *t,
			     long long incoming, bd_error *err);
/* The same inside the caller's transaction, which final() leaves to the
 * caller (it returns only whether every item() went in). */
void bd_store_sink_init(bd_store_sink *s, bd_store *st, const bd_threat_table *t);

#endif
