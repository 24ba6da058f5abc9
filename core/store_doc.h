/*
 * store_doc — the stored canonical documents, read as they are kept.
 *
 * Export and `show --format json` write the document the store holds; it
 * need not be parsed into an incident and written again.
 */
#ifndef BD_STORE_DOC_H
#define BD_STORE_DOC_H

#include "error.h"
#include "store.h"

/* The canonical JSON (compact) of incident id; caller frees.
 * BD_ENOTFOUND when there is none. */
bd_status bd_store_doc(bd_store *st, const char *id, char **doc, bd_error *err);

/* A reader of the stored records' plus.modified (the VERIS record's date,
 * kept in origin.extra), prepared once for a whole import batch. */
typedef struct bd_store_modified bd_store_modified;
bd_status bd_store_modified_open(bd_store *st, bd_store_modified **out, bd_error *err);
/* The plus.modified of the stored incident id: "" when it has none; NULL
 * when there is no such incident (err BD_ENOTFOUND) or on an error (err
 * says which). Caller frees. The statement is reset at once: one left open
 * would keep SQLite from spilling the pages of a batch's transaction. */
char *bd_store_modified_get(bd_store_modified *m, const char *id, bd_error *err);
void bd_store_modified_close(bd_store_modified *m);

#endif
