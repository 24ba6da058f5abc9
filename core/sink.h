/*
 * sink — where imported incidents go.
 *
 * Readers (native JSON, JSON Lines, VERIS) feed every valid incident to one
 * sink, so the rest of the program cannot tell where a record came from.
 * The store is a sink; a NULL sink only validates.
 */
#ifndef BD_SINK_H
#define BD_SINK_H

#include "error.h"
#include "model.h"
#include "store.h"
#include "threat.h"

typedef struct bd_sink {
	bd_status (*item)(struct bd_sink *sink, const bd_incident *inc, bd_error *err);
	const char *doc;        /* during item(): the incident's canonical JSON
				 * when the reader made it already, else NULL */
	long read, inserted, updated, unchanged;
} bd_sink;

/* A sink that puts incidents into a store (inside the caller's transaction). */
typedef struct bd_store_sink {
	bd_sink base;
	bd_store *store;
	const bd_threat_table *threats;
} bd_store_sink;

void bd_store_sink_init(bd_store_sink *s, bd_store *st, const bd_threat_table *t);

#endif
