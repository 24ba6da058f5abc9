/*
 * model — one incident: one breach at one organisation.
 *
 * An incident owns all of its strings and arrays; bd_incident_free releases
 * them. Field sets are bit masks over bd_fields (vocab.h). Confidentiality:
 * a field is `exposed`, `not_exposed`, or unknown, and unknown is never shown
 * as safe. Availability apart: a `lost` field was lost, deleted or destroyed,
 * which says nothing of whether anyone saw it. Claims cite the sources of
 * each field's place, and say whether they state it plainly or hedge.
 */
#ifndef BD_MODEL_H
#define BD_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "vocab.h"

typedef uint32_t bd_fieldset;
#define BD_FIELD_BIT(f) ((bd_fieldset)1u << (f))

typedef struct bd_strv {
	char **v;
	size_t n;
} bd_strv;

typedef struct bd_source {
	char *id, *publisher, *title, *url;
	bd_date date;
} bd_source;

typedef struct bd_referral {
	int body;               /* enum bd_body */
	char *by;
	bd_date date;
	int status;             /* enum bd_ref_status */
	long long amount;       /* -1: none */
	char *note;
	bd_strv sources;
} bd_referral;

typedef struct bd_impact {
	char *text;
	bd_date date;
	bd_strv sources;
} bd_impact;

typedef struct bd_quote {
	char *who, *role, *text;
	bd_date date;
	bd_strv sources;
} bd_quote;

typedef struct bd_figure {
	char *about, *value, *note;
	bd_strv sources;
} bd_figure;

typedef struct bd_field_claim {
	bd_fieldset fields;
	int certainty;          /* enum bd_certainty */
	char *note;
	bd_strv sources;
} bd_field_claim;

typedef struct bd_incident {
	char *id, *title, *summary;
	char *force, *force_short, *supplier;
	char *country;          /* ISO 3166-1 alpha-2, or NULL */
	char *industry;         /* NAICS code, digits, or NULL */
	int nation;             /* enum bd_nation */
	int kind;               /* enum bd_kind */
	bd_date occurred, discovered, disclosed;
	long long affected;     /* -1: unknown */
	int qualifier;          /* enum bd_qualifier */
	unsigned who;           /* bit mask over bd_who */
	bd_strv affected_sources;
	bd_fieldset exposed, not_exposed, lost;
	bd_field_claim *claims; size_t n_claims;
	bd_referral *referrals; size_t n_referrals;
	bd_impact *impacts;     size_t n_impacts;
	bd_quote *quotes;       size_t n_quotes;
	bd_figure *figures;     size_t n_figures;
	bd_source *sources;     size_t n_sources;
	int origin;             /* enum bd_origin */
	char *origin_record_id;
	char *origin_file;      /* the file's name (no directory) it was imported from */
	char *origin_master_id; /* VERIS plus.master_id */
	char *origin_extra;     /* compact JSON object text, or NULL */
	char *same_as;          /* id of the incident this one is the same breach
				 * as (another source's record of it), or NULL */
	bd_strv distinct_from;  /* ids of incidents it is known not to be, though
				 * they look alike (same force and month) */
} bd_incident;

void bd_incident_init(bd_incident *inc);
void bd_incident_free(bd_incident *inc);
void bd_strv_free(bd_strv *sv);

/* The date that places the incident in time: occurred, else discovered,
 * else disclosed (may be unset). */
bd_date bd_incident_date(const bd_incident *inc);
/* Fields whose exposure no source states, lost ones apart. */
bd_fieldset bd_incident_unknown(const bd_incident *inc);
/* Exposed fields that only hedged reports state (no confirming claim). */
bd_fieldset bd_incident_reported(const bd_incident *inc);
/* The furthest status (bd_ref_status_rank) reached with a body, or -1 when
 * the record has no referral to it: not known, which is not "never told". */
int bd_incident_referral_status(const bd_incident *inc, int body);
const bd_source *bd_incident_source(const bd_incident *inc, const char *id);

/* Conflicts: figures with the same `about` and different values. Calls fn
 * once per `about` that has a conflict, with the indexes of its figures. */
typedef void (*bd_conflict_fn)(void *ctx, const char *about,
			       const size_t *idx, size_t n);
size_t bd_incident_conflicts(const bd_incident *inc, bd_conflict_fn fn, void *ctx);

/* "47,000", "~10,000", "1,000+", "≤500", "unknown" — ascii selects "<=". */
void bd_format_affected(long long count, int qualifier, bool ascii,
			char *out, size_t size);
/* The same with a unit where the figure is long: "~103.3M", "12.5k+". */
void bd_format_affected_short(long long count, int qualifier, bool ascii,
			      char *out, size_t size);
/* 1234567 -> "1,234,567" */
void bd_format_thousands(long long n, char *out, size_t size);

#endif
