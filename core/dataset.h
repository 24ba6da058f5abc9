/*
 * dataset — the store as the program opens it: the threat table loaded from
 * the bundled data, and a missing store created and filled from the bundled
 * incidents, so the first run shows data.
 */
#ifndef BD_DATASET_H
#define BD_DATASET_H

#include "bundled.h"
#include "diag.h"
#include "sink.h"
#include "store.h"
#include "threat.h"

typedef struct bd_dataset {
	bd_store *store;
	bd_threat_table threats;
	bool seeded;            /* the store was created by this open */
	bd_bundled_counts bundled; /* what bringing it up to the bundled record did */
} bd_dataset;

/* flags as bd_store_open. Problems in the bundled files go to diags. A
 * new store is seeded from the bundled data; an existing one made from an
 * older bundled record is brought up to this one (ds->bundled says what
 * that did; bd_bundled_summary words it). Whether its threat levels need
 * deriving again is the caller's to check (bd_store_threats_stale), so
 * that it can say so first. */
bd_status bd_dataset_open(bd_dataset *ds, const char *path, unsigned flags,
			  bd_diags *diags, bd_error *err);
void bd_dataset_close(bd_dataset *ds);
/* Imports native files in one transaction: all of them, or, if any file has
 * a problem, none. Problems go to diags; counts to *sink. */
bd_status bd_dataset_import(bd_dataset *ds, char *const *files, int n, bd_sink *counts,
			    bd_diags *diags, bd_error *err);

#endif
