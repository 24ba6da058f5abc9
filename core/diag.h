/*
 * diag — problems found in input, each with where and what.
 *
 * A diagnostic prints as `FILE:LINE:COL: JSON-PATH: message`. Validation
 * collects every problem in a list rather than stopping at the first, so a
 * person fixes a file in one pass.
 */
#ifndef BD_DIAG_H
#define BD_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct bd_diag {
	char *file;             /* may be NULL */
	int line, col;          /* 0 when unknown */
	char *path;             /* JSON path, e.g. $.incidents[2].kind; may be NULL */
	char *msg;
} bd_diag;

typedef struct bd_diags {
	bd_diag *v;
	size_t n, cap;
	size_t limit;           /* stop recording after this many (0: 1000) */
	size_t dropped;         /* problems beyond the limit */
	bool full;              /* record nothing more, only count */
} bd_diags;

void bd_diags_add(bd_diags *d, const char *file, int line, int col,
		  const char *path, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Moves every problem of src to the end of dst (within dst's limit) and
 * empties src. */
void bd_diags_move(bd_diags *dst, bd_diags *src);
void bd_diags_print(const bd_diags *d, FILE *out);
void bd_diags_free(bd_diags *d);

#endif
