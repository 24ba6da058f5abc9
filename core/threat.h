/*
 * threat — the terrorism threat levels and which one was in force.
 *
 * A table of periods per scope (UK national; Northern Ireland-related
 * terrorism in Northern Ireland), loaded from threat_levels.json. The level
 * in force for an incident is derived from its nation and date, never typed
 * into the incident.
 */
#ifndef BD_THREAT_H
#define BD_THREAT_H

#include "date.h"
#include "diag.h"
#include "model.h"

typedef struct bd_threat_source {
	char *publisher, *title, *url;  /* title and url may be NULL */
	bd_date date;
} bd_threat_source;

typedef struct bd_threat_period {
	int scope;              /* enum bd_scope */
	int level;              /* enum bd_level */
	bd_date from, to;       /* to unset: no source says it ended */
	char *note;
	bd_threat_source *sources;
	size_t n_sources;
	bd_date latest;         /* the newest source's date, else `from` */
} bd_threat_period;

/* `as_of`: the day the table was last checked against its sources. A level
 * is never "now": it is the level its newest source gives, on that date. */
typedef struct bd_threat_table {
	bd_threat_period *v;
	size_t n;
	bd_date as_of;
} bd_threat_table;

/* Loads and checks a threat_levels.json; problems go to diags with file,
 * line and column. Returns the number of problems (0: table filled). */
int bd_threat_load(const char *file, bd_threat_table *t, bd_diags *diags);
/* The same from text in memory (the built-in copy); name is the file named
 * in problems, e.g. "threat_levels.json (built in)". */
int bd_threat_load_text(const char *name, const char *text, size_t len, bd_threat_table *t,
			bd_diags *diags);
void bd_threat_free(bd_threat_table *t);

/* The period of scope in force on (any day of) date d, or NULL. For a
 * partial date covering a change, the highest level wins: the one that made
 * the incident most dangerous. */
const bd_threat_period *bd_threat_at(const bd_threat_table *t, int scope, bd_date d);
/* Every period of scope with a day in date d, in date order: more than one
 * when a partial date ("2014") covers a change, and the date does not say
 * which level was in force. Fills out with up to max of them; returns how
 * many there are. */
size_t bd_threat_during(const bd_threat_table *t, int scope, bd_date d,
			const bd_threat_period **out, size_t max);
/* The period in force on the given full date (today, for the header): the
 * last one that began by then, as no source says when an open one ends. */
const bd_threat_period *bd_threat_current(const bd_threat_table *t, int scope, bd_date today);
/* The scope that matters for an incident: Northern Ireland for incidents
 * there, else UK (also "United Kingdom, nation unknown"). -1 outside the
 * UK, and where the country is not known. */
int bd_threat_scope_for(int nation);
/* Why no UK level applies to an incident of this nation ("outside the UK",
 * "country not known"), or NULL when one does. */
const char *bd_threat_none_reason(int nation);
/* The level in force for the incident (in its own scope), or -1. */
int bd_threat_level_for(const bd_threat_table *t, const bd_incident *inc);

/* The levels in force on `today` with the date of their newest source:
 * "UK SEVERE (latest source 2026-04-30), NI SUBSTANTIAL (last confirmed
 * 2024-03-06)"; `narrow` gives "UK SEVERE as of 2026-04-30, ...". */
void bd_threat_summary(char *buf, size_t size, const bd_threat_table *t, bd_date today,
		       bool narrow);

#endif
