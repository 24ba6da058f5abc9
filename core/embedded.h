/*
 * embedded — the bundled data files compiled into the program.
 *
 * The build writes data/incidents.json and data/threat_levels.json into a
 * C source (tools/embed), so the binary alone is enough on a jump host
 * where one file can be copied and nothing installed. data/ stays the
 * source; a data file found on the search path (paths.h) wins over these.
 */
#ifndef BD_EMBEDDED_H
#define BD_EMBEDDED_H

#include <stddef.h>

typedef struct bd_embedded {
	const char *name;       /* "incidents.json" */
	const char *text;       /* the file's bytes and a NUL */
	size_t len;             /* without the NUL */
} bd_embedded;

/* Ends with a { 0 } entry; written by the build. */
extern const bd_embedded bd_embedded_files[];

/* The built-in copy of a bundled file, or NULL when there is none. */
const bd_embedded *bd_embedded_find(const char *name);

#endif
