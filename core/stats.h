/*
 * stats — the incidents a query selects, grouped and counted: by force,
 * nation, kind, year, ICO outcome, exposed field type or origin; and per
 * year, for the trends.
 *
 * People affected are summed within a group apart by qualifier (exactly,
 * about, at least, up to) with the incidents of unknown count counted, so
 * no group has one false total; the same people may still be in more than
 * one incident of a group, which every output says. Groups by field type
 * overlap (an incident is in each of its exposed fields' groups).
 */
#ifndef BD_STATS_H
#define BD_STATS_H

#include <stdbool.h>
#include <stdio.h>

#include "query.h"
#include "store.h"
#include "threat.h"

#define BD_STATS_DIMS(X)                                           \
	X(BD_BY_FORCE,   0, "force",   "force")                    \
	X(BD_BY_NATION,  1, "nation",  "nation")                   \
	X(BD_BY_KIND,    2, "kind",    "kind")                     \
	X(BD_BY_YEAR,    3, "year",    "year")                     \
	X(BD_BY_OUTCOME, 4, "outcome", "ICO outcome")              \
	X(BD_BY_FIELD,   5, "field",   "exposed field type")       \
	X(BD_BY_ORIGIN,  6, "origin",  "origin")
enum bd_stats_by { BD_STATS_DIMS(BD_VOCAB_ENUM) };
extern const bd_vocab bd_stats_dims;

typedef struct bd_people {
	long long exact, approx, at_least, up_to;
	int n_exact, n_approx, n_at_least, n_up_to, n_unknown;
} bd_people;

typedef struct bd_stats_group {
	char *key;              /* as shown: "PSNI", "2023", "fine", "home address" */
	char *filter;           /* the term that selects the group, or NULL */
	long long sort_key;     /* years in order, the rest by count */
	int n;                  /* incidents */
	bd_people people;
	int n_fines;
	long long fines;        /* ICO fines in pounds */
} bd_stats_group;

typedef struct bd_stats {
	int by;                 /* enum bd_stats_by */
	bd_stats_group *v;
	int n;
	int total;              /* incidents selected */
	int largest;            /* the largest n of a group, for bars */
	long long largest_fines;
} bd_stats;

/* Groups the incidents of q by `by`. Years in order; other groups by
 * number of incidents, largest first, then by name. Caller frees. */
bd_status bd_stats_build(bd_store *st, const bd_query *q, int by, bd_stats *out,
			 bd_error *err);
void bd_stats_free(bd_stats *s);

/* "9,483 exactly, about 47,000, at least 12,700; 1 unknown"; "unknown" when
 * no incident of the group has a count. */
void bd_people_format(const bd_people *p, bool ascii, char *out, size_t size);

#define BD_STATS_FORMATS(X)                  \
	X(BD_STATS_TEXT, 0, "text", "text")  \
	X(BD_STATS_MD,   1, "md",   "Markdown") \
	X(BD_STATS_CSV,  2, "csv",  "CSV")   \
	X(BD_STATS_JSON, 3, "json", "JSON")
enum bd_stats_format { BD_STATS_FORMATS(BD_VOCAB_ENUM) };
extern const bd_vocab bd_stats_formats;
/* width: columns for the text table's bar (0: none). */
void bd_stats_write(FILE *out, const bd_stats *s, int format, bool ascii, int width);

#endif
