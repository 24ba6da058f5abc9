/*
 * trend — incidents and ICO fines per year, or per quarter when the
 * incidents span three years or less: an incident counts in the period of
 * its date, a fine in the period of the ICO's decision (else of its
 * incident). Every period from the first to the last is present, empty
 * ones too, so a chart's axis is even.
 */
#ifndef BD_TREND_H
#define BD_TREND_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"
#include "query.h"
#include "store.h"
#include "threat.h"

typedef struct bd_trend_bucket {
	int year, quarter;      /* quarter 1-4, or 0 for the whole year */
	int n;                  /* incidents */
	int n_fines;
	long long fines;        /* pounds */
} bd_trend_bucket;

typedef struct bd_trend {
	bd_trend_bucket *v;
	int n;
	bool quarterly;
	int undated;            /* incidents with no date, in no period */
	int max_n;
	long long max_fines;
} bd_trend;

bd_status bd_trend_build(bd_store *st, const bd_query *q, bd_trend *out, bd_error *err);

/* The same built from incidents one at a time, for a reader that has them
 * already (the report's one pass): add each, then finish (which frees the
 * points and leaves them empty). */
typedef struct bd_trend_points {
	struct bd_trend_point {
		bd_date date;
		long long fine;         /* -1: an incident, not a fine */
	} *v;
	size_t n, cap;
	int undated;
} bd_trend_points;
void bd_trend_add(bd_trend_points *p, const bd_incident *inc);
bd_status bd_trend_finish(bd_trend_points *p, bd_trend *out, bd_error *err);
void bd_trend_free(bd_trend *t);
/* "2023" or "2023 Q3". */
void bd_trend_label(const bd_trend_bucket *b, char *out, size_t size);
/* The highest level of scope in force at any time in the period, or -1. */
int bd_trend_level(const bd_threat_table *t, int scope, const bd_trend_bucket *b);
/* The trend as a Markdown (md) or text table, with the levels in force. */
void bd_trend_write(FILE *out, const bd_trend *tr, const bd_threat_table *t, bool md, bool ascii);

#endif
