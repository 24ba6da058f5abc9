/*
 * store_meta — named values kept in the store beside the incidents, such as
 * the fingerprint of the bundled record a store was last brought up to.
 */
#ifndef BD_STORE_META_H
#define BD_STORE_META_H

#include "error.h"
#include "store.h"

/* The value of key (caller frees), or NULL with BD_OK when there is none. */
bd_status bd_store_meta_get(bd_store *st, const char *key, char **value, bd_error *err);
/* Sets key to value (inside the caller's transaction, if any). */
bd_status bd_store_meta_set(bd_store *st, const char *key, const char *value, bd_error *err);

#endif
