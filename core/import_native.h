/*
 * import_native — the native importer: native files (a document or JSON
 * Lines) into a sink.
 *
 * Every problem is recorded in diags with file, line, column and JSON path;
 * valid incidents still reach the sink, so the caller decides whether to
 * commit (no problems) or roll back (any problem): an import lands whole or
 * not at all. JSON Lines are read one line at a time, in constant memory.
 */
#ifndef BD_IMPORT_H
#define BD_IMPORT_H

#include <jansson.h>
#include <stddef.h>

#include "diag.h"
#include "error.h"
#include "sink.h"

/* Largest document read whole; JSON Lines have no total limit. */
#define BD_MAX_DOCUMENT (256u << 20)
#define BD_MAX_LINE (16u << 20)

enum bd_format { BD_FORMAT_AUTO, BD_FORMAT_NATIVE, BD_FORMAT_VERIS };

/* Returns the number of problems found; a sink failure (e.g. the store) is
 * reported as a problem too, and stops the read. sink may be NULL. */
int bd_import_native(const char *path, bd_sink *sink, bd_diags *diags);
/* The same for text already in memory: a file the caller has read whole,
 * or the built-in data (path then names it in problems, e.g.
 * "incidents.json (built in)"). text is len bytes, NUL-terminated; root is
 * its tree when the caller parsed it (with JSON_REJECT_DUPLICATES), else
 * NULL, so that telling native from VERIS reads and parses a file once. */
int bd_import_native_text(const char *path, const char *text, size_t len, const json_t *root,
			  bd_sink *sink, bd_diags *diags);

#endif
