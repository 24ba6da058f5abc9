/*
 * progress — what `import` shows while it works: a progress line on a
 * terminal ("\r importing 1234/10000 files", at most ten times a second,
 * erased at the end; nothing at all when stderr is not a terminal), and the
 * problems of each file as they are found.
 */
#ifndef BD_PROGRESS_H
#define BD_PROGRESS_H

#include <stdbool.h>
#include <time.h>

#include "diag.h"

typedef struct import_progress {
	bool tty;               /* stderr is a terminal */
	int shown;              /* columns of the progress line on screen */
	struct timespec last;
} import_progress;

void import_progress_init(import_progress *p);
/* For bd_batch.progress and bd_batch.report, with ctx an import_progress. */
void import_progress_step(void *ctx, long done, long total);
void import_progress_report(void *ctx, const bd_diags *problems);

#endif
