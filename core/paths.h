/*
 * paths — where the store and the bundled data live.
 *
 * A bundled data file is looked for on a search path; when it is found
 * nowhere, the copy built into the program (embedded.h) is used, so a
 * binary copied alone still has its data, and an installed or
 * $BREACHDASH_DATA file still wins.
 */
#ifndef BD_PATHS_H
#define BD_PATHS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include <stddef.h>

/* --db, else $BREACHDASH_DB, else ${XDG_DATA_HOME:-~/.local/share}/breachdash/incidents.db.
 * Caller frees; NULL when no HOME can be found. */
char *bd_default_db_path(const char *flag);
/* A bundled data file (incidents.json, threat_levels.json): from
 * $BREACHDASH_DATA, else data/ beside the executable, else the installed
 * share directory. Caller frees; NULL when not found. */
char *bd_data_file(const char *name);

/* A bundled data file as the program reads it: the file bd_data_file
 * finds, else the built-in copy. With $BREACHDASH_DATA set, that directory
 * is the only place looked in: a file missing there is missing (no
 * fallback), as one who sets it means. */
typedef struct bd_data {
	char *path;             /* the file found, or NULL: the built-in copy */
	const char *text;       /* with path NULL: the built-in bytes, NUL-ended */
	size_t len;
	char *label;            /* for messages: the path, or "NAME (built in)" */
	char *owned;            /* the file's bytes once read (bd_data_read) */
} bd_data;

/* false (and *d empty) when there is neither. bd_data_free frees *d. */
bool bd_data_find(const char *name, bd_data *d);
void bd_data_free(bd_data *d);
/* Sets text and len from the file found (read whole), so that a caller
 * reads a found file and the built-in copy alike. BD_OK at once for the
 * built-in copy. */
bd_status bd_data_read(bd_data *d, bd_error *err);

#endif
