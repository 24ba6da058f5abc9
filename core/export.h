/*
 * export — incidents out of the store as a native JSON document, CSV or a
 * Markdown table: those a query selects (export, the dashboard's view) or a
 * list of ids (the dashboard's marked incidents).
 */
#ifndef BD_EXPORT_H
#define BD_EXPORT_H

#include <stdio.h>

#include "query.h"
#include "store.h"

enum bd_export_format { BD_EXPORT_JSON, BD_EXPORT_CSV, BD_EXPORT_MD };

/* "json", "csv", "md"; -1 for anything else. */
int bd_export_format_named(const char *name);
/* From a file name's extension (.json, .csv, .md); -1 when none fits. */
int bd_export_format_for_path(const char *path);
/* Writes the incidents of q, or when ids is not NULL the incidents named
 * there in that order (q then only gives nothing but the store). */
bd_status bd_export_write(FILE *out, bd_store *st, const bd_query *q, char *const *ids,
			  int n_ids, int format, bd_error *err);

#endif
