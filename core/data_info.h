/*
 * data_info — which bundled data the program reads and how recent it is
 * (breachdash --version): for each file, its path or "built in"; the
 * threat table's as_of date; and, as the record has no as-of date of its
 * own, the newest date among the incidents' sources.
 */
#ifndef BD_DATA_INFO_H
#define BD_DATA_INFO_H

#include "date.h"
#include "diag.h"
#include "paths.h"

typedef struct bd_data_info {
	bd_data incidents, threats;     /* label NULL: the file is found nowhere */
	long n_incidents;
	bd_date newest_source;          /* unset: no source is dated */
	bd_date threats_as_of;          /* unset: the table gives none */
} bd_data_info;

/* Reads both files; problems go to diags, and their number is returned. */
int bd_data_info_read(bd_data_info *info, bd_diags *diags);
void bd_data_info_free(bd_data_info *info);

#endif
