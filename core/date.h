/*
 * date — partial dates: a year, a year and month, or a full date.
 *
 * A partial date keeps only what a source gave; it is never padded. Ordering
 * puts a partial date before any fuller date inside it (2023-08 < 2023-08-01)
 * and is total, so it can key an index (bd_date_key).
 */
#ifndef BD_DATE_H
#define BD_DATE_H

#include <stdbool.h>

typedef struct bd_date {
	int year;               /* 0: no date */
	int month;              /* 0: not given */
	int day;                /* 0: not given */
} bd_date;

/* Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real calendar date). */
bool bd_date_parse(const char *s, bd_date *out);
bool bd_date_is_set(bd_date d);
bool bd_date_is_full(bd_date d);
/* <0, 0, >0; an unset date sorts after every set date. */
int bd_date_cmp(bd_date a, bd_date b);
/* YYYYMMDD with zeros for missing parts; 0 for an unset date. */
int bd_date_key(bd_date d);
bd_date bd_date_from_key(int key);
/* Writes "YYYY[-MM[-DD]]" (at most 11 bytes with NUL); "" when unset. */
void bd_date_format(bd_date d, char out[static 11]);
/* Does the period [from, to] (full dates; to unset = open) contain any day
 * of the partial date d? */
bool bd_date_overlaps(bd_date d, bd_date from, bd_date to);
/* First and last day covered by a partial date. */
bd_date bd_date_first_day(bd_date d);
bd_date bd_date_last_day(bd_date d);
int bd_days_in_month(int year, int month);

#endif
