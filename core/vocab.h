/*
 * vocab — the controlled vocabularies of the incident model.
 *
 * Each vocabulary is a table of names (as written in JSON and on the command
 * line) and labels (as shown to people), indexed by its enum. Lookups return
 * -1 for a name that is not in the table.
 */
#ifndef BD_VOCAB_H
#define BD_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bd_vocab_entry {
	const char *name;       /* as in JSON: "northern-ireland" */
	const char *label;      /* as shown: "Northern Ireland" */
	const char *glyph;      /* one column, UTF-8 (fields only) */
	const char *ascii;      /* one column, ASCII fallback */
} bd_vocab_entry;

typedef struct bd_vocab {
	const char *what;       /* "nation", for error messages */
	const bd_vocab_entry *entries;
	size_t count;
} bd_vocab;

/* Stored by value: new nations go at the end. BD_UK_UNKNOWN is in the UK
 * (its national threat level applies) without saying where; BD_NATION_UNKNOWN
 * is not known to be in the UK or outside it. */
enum bd_nation {
	BD_ENGLAND, BD_WALES, BD_SCOTLAND, BD_NORTHERN_IRELAND, BD_OUTSIDE_UK,
	BD_UK_UNKNOWN, BD_NATION_UNKNOWN
};
enum bd_kind {
	BD_KIND_SUPPLIER, BD_KIND_DISCLOSURE, BD_KIND_THEFT, BD_KIND_LOSS,
	BD_KIND_INSIDER, BD_KIND_CYBER, BD_KIND_OTHER
};
enum bd_qualifier { BD_Q_EXACT, BD_Q_APPROX, BD_Q_AT_LEAST, BD_Q_UP_TO, BD_Q_UNKNOWN };
enum bd_body { BD_BODY_ICO, BD_BODY_NCA, BD_BODY_IOPC, BD_BODY_OTHER };
/* Stored in the store by value: new statuses go at the end, and how far a
 * matter went is bd_ref_status_rank, not the value. */
enum bd_ref_status {
	BD_REF_REFERRED, BD_REF_INVESTIGATING, BD_REF_REPRIMAND, BD_REF_FINE, BD_REF_CLOSED,
	BD_REF_ENFORCEMENT, BD_REF_UNDERTAKING
};
/* A field's exposure as its sources state it: plainly, or hedged / by one
 * secondary report ("might have been"). */
enum bd_certainty { BD_CERT_CONFIRMED, BD_CERT_REPORTED };
enum bd_level { BD_LEVEL_LOW, BD_LEVEL_MODERATE, BD_LEVEL_SUBSTANTIAL, BD_LEVEL_SEVERE, BD_LEVEL_CRITICAL };
enum bd_scope { BD_SCOPE_UK, BD_SCOPE_NI };
enum bd_origin { BD_ORIGIN_NATIVE, BD_ORIGIN_VERIS };

extern const bd_vocab bd_nations, bd_kinds, bd_qualifiers, bd_who, bd_fields,
	bd_bodies, bd_ref_statuses, bd_levels, bd_scopes, bd_origins, bd_certainties;

/* Defines vocabulary `var` from its entries, in order. */
#define BD_VOCAB(var, what_, ...)                                      \
	static const bd_vocab_entry var##_entries[] = { __VA_ARGS__ }; \
	const bd_vocab var = { what_, var##_entries,                   \
		sizeof var##_entries / sizeof var##_entries[0] }

/* Index of name in v, or -1. Case-sensitive, as JSON is. */
int bd_vocab_find(const bd_vocab *v, const char *name);
/* Like bd_vocab_find, but case-insensitive and also matching labels: for
 * people typing filters. */
int bd_vocab_match(const bd_vocab *v, const char *text);
const char *bd_vocab_name(const bd_vocab *v, int i);
const char *bd_vocab_label(const bd_vocab *v, int i);
/* How far a body's involvement went: referred < investigating < closed (no
 * further action) < undertaking < reprimand < enforcement notice < fine.
 * -1 for no status. */
int bd_ref_status_rank(int status);
/* Whether a nation is in the UK: the four nations and "United Kingdom,
 * nation unknown"; not outside-uk, not unknown. */
bool bd_nation_in_uk(int nation);

#endif
