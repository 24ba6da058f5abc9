/*
 * fileio — whole-file reads and atomic writes (a temporary file beside the
 * target, synced, then renamed over it, so a reader never sees half a file).
 */
#ifndef BD_FILEIO_H
#define BD_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* The whole file, NUL-terminated; *len excludes the NUL. Caller frees.
 * Refuses files over max bytes (0: no limit) with a clear error. */
char *bd_read_file(const char *path, size_t max, size_t *len, bd_error *err);
/* For writing a large file safely: opens a temporary file beside path;
 * bd_atomic_finish flushes it to disk and renames it over path, or (when
 * ok is false, or anything fails) removes it. *tmp is owned by the pair. */
FILE *bd_atomic_open(const char *path, char **tmp, bd_error *err);
bd_status bd_atomic_finish(FILE *f, char *tmp, const char *path, bool ok, bd_error *err);

#endif
