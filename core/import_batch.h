/*
 * import_batch — many files into the store in one transaction, each read in its
 * own format: native (a document or JSON Lines) or VERIS, as told or as
 * detected (bd_veris_detect; a file that does not even parse is VERIS when
 * it names the key "schema_version").
 *
 * One rule for every file, whatever its format: a bad file is reported
 * (where and why) and skipped whole, its good incidents too, and the rest
 * is imported; with `strict` a bad file means nothing is imported and the
 * store is left as it was. A single native file keeps its rule: it lands
 * whole or not at all, with every problem reported. Files are read one at
 * a time and freed before the next, so memory does not grow with their
 * number.
 */
#ifndef BD_BATCH_H
#define BD_BATCH_H

#include <stdbool.h>

#include "dataset.h"
#include "diag.h"
#include "error.h"

typedef struct bd_batch {
	int format;             /* enum bd_format */
	bool strict;
	/* Called before each file and once at the end (done == total); may be NULL. */
	void (*progress)(void *ctx, long done, long total);
	/* Called with the problems of each file that has any, as they are
	 * found; may be NULL. */
	void (*report)(void *ctx, const bd_diags *problems);
	void *ctx;
	/* Results: files looked at, incidents read and what became of them,
	 * bad files skipped, files read as VERIS. */
	long files, read, inserted, updated, unchanged, skipped, veris;
} bd_batch;

/* BD_EDATA when the one file has problems, or (strict) any file is bad:
 * then nothing is imported. A store failure aborts likewise. */
bd_status bd_batch_import(bd_dataset *ds, char *const *files, long n, bd_batch *b,
			  bd_error *err);

#endif
