/*
 * incdoc — one incident as a document: sections of blocks, each block a
 * list of runs of text in a semantic role (exposed, unknown, a threat
 * level, a citation...). bd_incdoc_build states every fact once, already
 * worded (dates, amounts, field names, levels); the writers — show as text
 * and Markdown (render.h) and the drill-down panes — only lay it out and
 * map roles to their markup or colours. A run or block carries which
 * writers show it, where one of them says more (the panes explain a threat
 * level) or less (Markdown keeps one row a fact). Text is unsanitised:
 * each writer sanitises as it writes. No curses here.
 */
#ifndef BD_INCDOC_H
#define BD_INCDOC_H

#include <stdbool.h>

#include "links.h"
#include "model.h"
#include "threat.h"

/* What a run of text is, for a writer's markup or colour. */
typedef enum bd_role {
	BD_ROLE_TEXT,           /* plain prose */
	BD_ROLE_VALUE,          /* the value of a line, stressed in the panes */
	BD_ROLE_MUTED,          /* secondary: dates of items, notes, addresses */
	BD_ROLE_UNKNOWN,        /* not known: never to be read as safe */
	BD_ROLE_EXPOSED,
	BD_ROLE_NOT_EXPOSED,
	BD_ROLE_LOST,
	BD_ROLE_REPORTED,       /* exposed by hedged reports only */
	BD_ROLE_CONFLICT,       /* sources disagree, or a record may be a duplicate */
	BD_ROLE_LEVEL,          /* a threat level; the run's level says which */
	BD_ROLE_ALERT,          /* what makes the incident dangerous */
	BD_ROLE_CITE,           /* source ids (run.cites); writers bracket them */
} bd_role;

/* Which writers show a block or a run. */
enum { BD_IN_TEXT = 1, BD_IN_MD = 2, BD_IN_PANE = 4, BD_IN_ALL = 7 };

/* What a block states, for the layout of its kind. */
typedef enum bd_fact {
	BD_FACT_LINE,           /* label and value */
	BD_FACT_PARA,           /* a paragraph */
	BD_FACT_THREAT,         /* a scope's level: label, level, period, meaning */
	BD_FACT_SOURCE,         /* runs: id, publisher, title, date, url ("" if none) */
	BD_FACT_FIELDS,         /* a group of fields: a run a field; role: the group */
	BD_FACT_CLAIM,          /* runs: fields, certainty; cites; note */
	BD_FACT_REFERRAL,       /* runs: date, body, status, by; cites; note */
	BD_FACT_CONFLICT,       /* label: what the figures count */
	BD_FACT_FIGURE,         /* one of a conflict's figures: value; cites; note */
	BD_FACT_IMPACT,         /* runs: date, text; cites */
	BD_FACT_QUOTE,          /* runs: text, who, role; cites */
} bd_fact;

/* A block that continues the line above it (same label, not repeated). */
#define BD_BLOCK_CONT 1u
/* Wrapped under its label in text, rather than left as one line. */
#define BD_BLOCK_WRAP 2u
/* An identifier, shown verbatim (as code in Markdown). */
#define BD_BLOCK_CODE 4u

typedef struct bd_run {
	int role;               /* bd_role */
	int level;              /* BD_ROLE_LEVEL: enum bd_level */
	unsigned in;            /* BD_IN_* */
	char *text;             /* BD_ROLE_CITE: NULL */
	const bd_strv *cites;   /* BD_ROLE_CITE: the incident's, borrowed */
} bd_run;

typedef struct bd_block {
	int fact;               /* bd_fact */
	unsigned in, flags;
	int role;               /* the block's own role, e.g. a field group's */
	char *label;            /* or NULL */
	bd_run *runs;
	size_t n_runs;
	char *note;             /* a paragraph under it, or NULL */
	bd_date date;           /* the date it orders by, where it has one */
	int count;              /* BD_FACT_FIELDS: how many fields */
} bd_block;

/* Sections, in the order of the text; each writer picks its own order. */
typedef enum bd_section_kind {
	BD_SEC_HEAD, BD_SEC_THREAT, BD_SEC_SUMMARY, BD_SEC_FIELDS, BD_SEC_REFERRALS,
	BD_SEC_CONFLICTS, BD_SEC_IMPACTS, BD_SEC_QUOTES, BD_SEC_SOURCES, BD_SEC_EXTRA,
	BD_SEC_COUNT
} bd_section_kind;

typedef struct bd_section {
	char *title;            /* NULL: the writer's own heading, if any */
	bd_block *blocks;
	size_t n_blocks;
} bd_section;

typedef struct bd_incdoc {
	char *id, *title;
	bd_section sec[BD_SEC_COUNT];
	bool failed;            /* out of memory: some blocks are missing */
} bd_incdoc;

typedef struct bd_incdoc_opts {
	bool ascii;             /* "GBP " for "£" */
	const bd_links *links;  /* the incident's links, or NULL: not looked up */
} bd_incdoc_opts;

/* Builds the document of inc; t (may be NULL) gives the threat levels.
 * Returns false when out of memory. Free with bd_incdoc_free, either way. */
bool bd_incdoc_build(bd_incdoc *d, const bd_incident *inc, const bd_threat_table *t,
		     const bd_incdoc_opts *o);
void bd_incdoc_free(bd_incdoc *d);

/* Whether a block or run is shown by a writer (BD_IN_*). */
static inline bool bd_incdoc_shows(unsigned in, unsigned writer)
{
	return (in & writer) != 0;
}

/* The text of run i of b, or NULL when b has no such run or it is empty. */
const char *bd_incdoc_run(const bd_block *b, size_t i);

#endif
