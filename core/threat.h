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

typedef struct bd_threat_period {
	int scope;              /* enum bd_scope */
	int level;              /* enum bd_level */
	bd_date from, to;       /* to unset: still in force */
	char *note;
	char *source;           /* "publisher, title" of its first source, or NULL */
} bd_threat_period;

typedef struct bd_threat_table {
	bd_threat_period *v;
	size_t n;
} bd_threat_table;

/* Loads and checks a threat_levels.json; problems go to diags with file,
 * line and column. Returns the number of problems (0: table filled). */
int bd_threat_load(const char *file, bd_threat_table *t, bd_diags *diags);
void bd_threat_free(bd_threat_table *t);

/* The period of scope in force on (any day of) date d, or NULL. For a
 * partial date covering a change, the highest level wins: the one that made
 * the incident most dangerous. */
const bd_threat_period *bd_threat_at(const bd_threat_table *t, int scope, bd_date d);
/* The period in force on the given full date (today, for the header). */
const bd_threat_period *bd_threat_current(const bd_threat_table *t, int scope, bd_date today);
/* The scope that matters for an incident: Northern Ireland for incidents
 * there, else UK. -1 outside the UK. */
int bd_threat_scope_for(int nation);
/* The level in force for the incident (in its own scope), or -1. */
int bd_threat_level_for(const bd_threat_table *t, const bd_incident *inc);

#endif
