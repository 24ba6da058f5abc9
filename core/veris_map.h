/*
 * veris_map — what the parts of the VERIS mapping (veris.c: reading and
 * the organisation; veris_data.c: sources, figures, fields, impacts) share.
 * Private to them; the rest of the program uses veris.h.
 */
#ifndef BD_VERIS_MAP_H
#define BD_VERIS_MAP_H

#include <jansson.h>
#include <stdbool.h>

#include "diag.h"
#include "model.h"

#define VERIS_MAX_TEXT 4096
#define VERIS_SOURCE "vcdb"

/* The action categories of VERIS as bits, in the order of veris.c's action_names. */
enum {
	ACT_HACKING = 1 << 0, ACT_MALWARE = 1 << 1, ACT_SOCIAL = 1 << 2,
	ACT_MISUSE = 1 << 3, ACT_PHYSICAL = 1 << 4, ACT_ERROR = 1 << 5,
	ACT_ENVIRONMENTAL = 1 << 6, ACT_UNKNOWN = 1 << 7,
	ACT_CYBER = ACT_HACKING | ACT_MALWARE | ACT_SOCIAL,
};
enum { IDX_ERROR = 5, N_ACTIONS = 8 };

/* What a record says that the mapping reads; gathered (and type-checked)
 * before anything is built. Pointers are into the record. */
typedef struct vrec {
	const char *incident_id, *victim_id, *state, *source_id, *reference, *summary;
	const char *country;            /* mapped ISO code, or NULL */
	char industry[8];               /* NAICS digits, or "" */
	bool gb, country_unknown, country_exact;
	const json_t *secondary;        /* victim.secondary.victim_id: strings */
	const char *partner_name;
	bool partner_actor, partner_vector;
	unsigned actions;
	const json_t *varieties[N_ACTIONS];  /* action.X.variety: strings */
	bd_date occurred, notified;
	int date_parts;                 /* of timeline.incident mapped: 1..3 */
	int notified_parts;             /* of plus.timeline.notification mapped */
	const char *master_id;          /* plus.master_id */
	bool has_total;
	long long total;
	const json_t *data;             /* attribute.confidentiality.data */
	const char *disclosure;
	const json_t *impact;
} vrec;

typedef struct vmap {
	const char *file;
	bd_diags *diags;
	int problems;
	json_t *extra;                  /* the record, less what is mapped */
	bd_incident *inc;
	vrec r;
} vmap;

/* s made fit for a text field of the model: control characters become
 * spaces (newlines and tabs too, unless `lines`), white space at the ends
 * goes, and it is cut to max bytes at a character boundary. NULL when
 * nothing is left. Caller frees. */
char *veris_clean_text(const char *s, size_t max, bool lines);
/* Deletes extra.k1[.k2[.k3]] and then every object on the way that it
 * left empty. */
void veris_drop(vmap *m, const char *k1, const char *k2, const char *k3);
/* sv made the one string s. */
void veris_strv_one(bd_strv *sv, const char *s);

void veris_map_sources(vmap *m);
void veris_map_data(vmap *m);
void veris_map_impact(vmap *m);

#endif
