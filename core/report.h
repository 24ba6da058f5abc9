/*
 * report — a briefing over the incidents a query selects: headline totals
 * (people affected summed honestly, by qualifier), the incidents table,
 * which field types leaked where, referrals by regulator and status, the
 * threat levels in force, conflicting figures and sources. Output is
 * deterministic for the same store and query.
 */
#ifndef BD_REPORT_H
#define BD_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "query.h"
#include "store.h"
#include "threat.h"

enum bd_report_format { BD_REPORT_MD, BD_REPORT_TXT };

/* The affected counts of many incidents, kept apart by qualifier so that a
 * total is never stated more exactly than its parts. */
typedef struct bd_tally {
	long long exact, approx, at_least, up_to;
	int n_exact, n_approx, n_at_least, n_up_to, n_unknown;
} bd_tally;

void bd_tally_add(bd_tally *t, long long count, int qualifier);
/* "at least 70,455 people: 10,755 counted exactly, about 47,000, at least
 * 12,700 more; 1 incident has no count". */
void bd_tally_format(const bd_tally *t, bool ascii, char *out, size_t size);

bd_status bd_report_write(FILE *out, bd_store *st, const bd_query *q,
			  const bd_threat_table *t, int format, bool ascii, bd_error *err);

#endif
