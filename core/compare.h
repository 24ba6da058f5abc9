/*
 * compare — 2 to 4 incidents side by side, row by row over the same
 * attributes, with the rows that differ marked. The compare view, `compare`
 * on the command line and the report all draw this one table.
 */
#ifndef BD_COMPARE_H
#define BD_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "model.h"
#include "threat.h"

#define BD_COMPARE_MAX 4

enum bd_cmp_kind { BD_CMP_SECTION, BD_CMP_VALUE, BD_CMP_FIELD };
enum bd_field_state {
	BD_FIELD_UNKNOWN, BD_FIELD_EXPOSED, BD_FIELD_SAFE, BD_FIELD_REPORTED, BD_FIELD_LOST
};

typedef struct bd_cmp_row {
	int kind;               /* enum bd_cmp_kind */
	char *label;
	char *cells[BD_COMPARE_MAX];    /* NULL for a section */
	int states[BD_COMPARE_MAX];     /* fields: enum bd_field_state */
	bool differs;
} bd_cmp_row;

typedef struct bd_comparison {
	int n;                          /* incidents compared */
	char *heads[BD_COMPARE_MAX];    /* short name and date, per column */
	char *ids[BD_COMPARE_MAX];
	bd_cmp_row *rows;
	size_t n_rows;
} bd_comparison;

/* Builds the table for n (2..4) incidents. ascii picks ASCII symbols. */
bd_status bd_compare_build(const bd_incident *const *incs, int n, const bd_threat_table *t,
			   bool ascii, bd_comparison *out);
void bd_comparison_free(bd_comparison *c);
/* The word for a field state: "exposed", "not exposed", "unknown". */
const char *bd_field_state_text(int state);

#endif
