/*
 * report — a briefing over the incidents a query selects: a headline
 * (people affected per incident, never added across incidents whose people
 * may overlap), the incidents table, which field types leaked where and
 * which were lost, referrals by regulator and status, ICO fines by year and
 * force, the threat levels in force, conflicting figures and sources. Output is
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

bd_status bd_report_write(FILE *out, bd_store *st, const bd_query *q,
			  const bd_threat_table *t, int format, bool ascii, bd_error *err);

#endif
