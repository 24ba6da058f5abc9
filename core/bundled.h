/*
 * bundled — the record this program carries, in a store.
 *
 * A new store is filled from it; a store filled from an older record is
 * brought up to this one when it is next opened, without undoing what was
 * done in the store since: an incident changed or deleted there is left as
 * it is. The store keeps a fingerprint of the record it was last brought
 * up to, and of each incident as the record gave it, to tell the two apart.
 */
#ifndef BD_BUNDLED_H
#define BD_BUNDLED_H

#include <stdbool.h>

#include "diag.h"
#include "error.h"
#include "paths.h"
#include "store.h"
#include "threat.h"

typedef struct bd_bundled_counts {
	long added, updated, unchanged;
	long kept_edited;       /* changed in the store (or differing there in a
				 * store older than the fingerprints): kept */
	long kept_deleted;      /* deleted from the store: not brought back */
} bd_bundled_counts;

/* Whether the store was last brought up to another record than src (or
 * never, as a store made before the fingerprints were kept). */
bool bd_bundled_stale(bd_store *st, bd_data *src);

/* Brings the store up to src in one transaction (all of it or, on a
 * problem, nothing); t derives the threat level of what is written. */
bd_status bd_bundled_apply(bd_store *st, const bd_threat_table *t, bd_data *src,
			   bd_bundled_counts *c, bd_diags *diags, bd_error *err);

/* "the store was brought up to the bundled record: 10 incidents added, 2
 * updated; 1 changed here kept as it is", or "" when nothing changed and
 * nothing was kept. */
void bd_bundled_summary(const bd_bundled_counts *c, char *buf, size_t size);

#endif
