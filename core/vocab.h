/*
 * vocab — the controlled vocabularies of the incident model.
 *
 * Each vocabulary is one X-macro list, X(ENUM, value, name, label), from
 * which its enum, its table of names (as written in JSON and on the command
 * line) and labels (as shown to people) are all made. The value is what
 * the store writes, so it is written out in the list: moving a line (to
 * change the order things are listed in) moves nothing stored, and a new
 * line takes the next unused value wherever it goes. Values are dense,
 * 0 .. count - 1, which each definition checks when it compiles.
 * Lookups return -1 for a name that is not in the table.
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
	const bd_vocab_entry *entries;  /* indexed by value */
	const int *order;       /* the values in the list's order, for listing */
	size_t count;
} bd_vocab;

/* The pieces each list is expanded with. */
#define BD_VOCAB_ENUM(id, value, ...) id = (value),
#define BD_VOCAB_ENTRY(id, value, name, label) [id] = { name, label, NULL, NULL },
#define BD_VOCAB_VALUE(id, value, ...) (value),
#define BD_VOCAB_BIT(id, value, ...) + (1ull << (value))

/* Defines vocabulary `var` from LIST, each line made an entry by ENTRY
 * (BD_VOCAB_ENTRY unless the list has more columns). The check: n values,
 * each below n, whose bits add up to n bits set, are 0 .. n - 1 once each
 * (a repeated value would carry and leave fewer bits set). */
#define BD_VOCAB_DEFINE(var, what_, LIST, ENTRY)                             \
	static const int var##_order[] = { LIST(BD_VOCAB_VALUE) };           \
	static const bd_vocab_entry var##_entries[] = { LIST(ENTRY) };       \
	_Static_assert((0 LIST(BD_VOCAB_BIT)) ==                             \
		       (1ull << (sizeof var##_order / sizeof var##_order[0])) - 1, \
		       #var ": values must be 0 .. count - 1, each once");   \
	const bd_vocab var = { what_, var##_entries, var##_order,            \
		sizeof var##_order / sizeof var##_order[0] }

/* The value of the k-th entry in the list's order, k < v->count: iterate
 * with this where the order shows; entries[] is indexed by value. */
static inline int bd_vocab_at(const bd_vocab *v, size_t k)
{
	return v->order[k];
}

/* Stored by value. BD_UK_UNKNOWN is in the UK (its national threat level
 * applies) without saying where; BD_NATION_UNKNOWN is not known to be in
 * the UK or outside it. */
#define BD_NATIONS(X)                                                        \
	X(BD_ENGLAND,          0, "england",          "England")             \
	X(BD_WALES,            1, "wales",            "Wales")               \
	X(BD_SCOTLAND,         2, "scotland",         "Scotland")            \
	X(BD_NORTHERN_IRELAND, 3, "northern-ireland", "Northern Ireland")    \
	X(BD_OUTSIDE_UK,       4, "outside-uk",       "Outside the UK")      \
	X(BD_UK_UNKNOWN,       5, "uk-unknown",       "United Kingdom, nation unknown") \
	X(BD_NATION_UNKNOWN,   6, "unknown",          "unknown (country not known)")
enum bd_nation { BD_NATIONS(BD_VOCAB_ENUM) };

#define BD_KINDS(X)                                                          \
	X(BD_KIND_SUPPLIER,   0, "supplier-compromise",   "supplier compromise")   \
	X(BD_KIND_DISCLOSURE, 1, "accidental-disclosure", "accidental disclosure") \
	X(BD_KIND_THEFT,      2, "theft",                 "theft")                 \
	X(BD_KIND_LOSS,       3, "loss",                  "loss")                  \
	X(BD_KIND_INSIDER,    4, "insider-misuse",        "insider misuse")        \
	X(BD_KIND_CYBER,      5, "cyber-attack",          "cyber attack")          \
	X(BD_KIND_OTHER,      6, "other",                 "other")
enum bd_kind { BD_KINDS(BD_VOCAB_ENUM) };

#define BD_QUALIFIERS(X)                                \
	X(BD_Q_EXACT,    0, "exact",    "exactly")      \
	X(BD_Q_APPROX,   1, "approx",   "about")        \
	X(BD_Q_AT_LEAST, 2, "at-least", "at least")     \
	X(BD_Q_UP_TO,    3, "up-to",    "up to")        \
	X(BD_Q_UNKNOWN,  4, "unknown",  "unknown")
enum bd_qualifier { BD_QUALIFIERS(BD_VOCAB_ENUM) };

/* Bits of bd_incident.who; written in documents by name only. */
#define BD_WHO(X)                                       \
	X(BD_WHO_OFFICERS,  0, "officers",  "officers")  \
	X(BD_WHO_STAFF,     1, "staff",     "staff")     \
	X(BD_WHO_VICTIMS,   2, "victims",   "victims")   \
	X(BD_WHO_WITNESSES, 3, "witnesses", "witnesses") \
	X(BD_WHO_SUSPECTS,  4, "suspects",  "suspects")  \
	X(BD_WHO_PUBLIC,    5, "public",    "public")
enum bd_who { BD_WHO(BD_VOCAB_ENUM) };

/* Fields are bits of bd_fieldset (model.h), stored: at most 32 in all.
 * X(ENUM, bit, name, label, glyph). Glyphs are single-column letters so
 * the field strip reads in any font and in black and white; the ASCII
 * fallback is the same letter. Each is used by one field only, and by
 * none of the strip's own marks (o x . + ~). The last eight are the VERIS
 * data varieties with no field above. */
#define BD_FIELDS(X)                                                        \
	X(BD_F_NAME,          0, "name",          "name",          "N")     \
	X(BD_F_INITIAL,       1, "initial",       "initial",       "i")     \
	X(BD_F_SURNAME,       2, "surname",       "surname",       "S")     \
	X(BD_F_RANK,          3, "rank",          "rank or grade", "R")     \
	X(BD_F_ROLE,          4, "role",          "role",          "r")     \
	X(BD_F_PHOTO,         5, "photo",         "photo",         "P")     \
	X(BD_F_ID_NUMBER,     6, "id-number",     "ID number",     "#")     \
	X(BD_F_PAY_NUMBER,    7, "pay-number",    "pay number",    "$")     \
	X(BD_F_VETTING_LEVEL, 8, "vetting-level", "vetting level", "V")     \
	X(BD_F_UNIT,          9, "unit",          "unit",          "U")     \
	X(BD_F_LOCATION,     10, "location",      "location",      "L")     \
	X(BD_F_HOME_ADDRESS, 11, "home-address",  "home address",  "H")     \
	X(BD_F_PHONE,        12, "phone",         "phone",         "T")     \
	X(BD_F_EMAIL,        13, "email",         "e-mail",        "@")     \
	X(BD_F_FINANCIAL,    14, "financial",     "financial",     "F")     \
	X(BD_F_DATE_OF_BIRTH,15, "date-of-birth", "date of birth", "D")     \
	X(BD_F_GENDER,       16, "gender",        "gender",        "g")     \
	X(BD_F_VICTIM,       17, "victim-details", "victim details", "v")   \
	X(BD_F_CRIME,        18, "crime-details", "crime details", "c")     \
	X(BD_F_VIDEO,        19, "video",         "video",         "W")     \
	X(BD_F_EVIDENCE,     20, "evidence",      "evidence",      "E")     \
	X(BD_F_PERSONAL,     21, "personal-unspecified", "personal, unspecified", "p") \
	X(BD_F_MEDICAL,      22, "medical",       "medical",       "M")     \
	X(BD_F_CREDENTIALS,  23, "credentials",   "credentials",   "K")     \
	X(BD_F_INTERNAL,     24, "internal",      "internal data", "I")     \
	X(BD_F_CLASSIFIED,   25, "classified",    "classified",    "C")     \
	X(BD_F_SECRETS,      26, "secrets",       "secrets",       "s")     \
	X(BD_F_SYSTEM,       27, "system",        "system data",   "Y")     \
	X(BD_F_COPYRIGHTED,  28, "copyrighted",   "copyrighted",   "A")     \
	X(BD_F_OTHER_DATA,   29, "other-data",    "other/unknown data", "&")
enum bd_field { BD_FIELDS(BD_VOCAB_ENUM) };
#define BD_VOCAB_FIELD_ENTRY(id, bit, name, label, glyph) [id] = { name, label, glyph, glyph },

/* Referral bodies and statuses, stored by value in the referral table;
 * the incident's ico and nca columns hold the value of the furthest
 * status. How far a matter went is bd_ref_status_rank, an order of its
 * own apart from both the values and the list's order. */
#define BD_BODIES(X)                          \
	X(BD_BODY_ICO,   0, "ico",   "ICO")   \
	X(BD_BODY_NCA,   1, "nca",   "NCA")   \
	X(BD_BODY_IOPC,  2, "iopc",  "IOPC")  \
	X(BD_BODY_OTHER, 3, "other", "other")
enum bd_body { BD_BODIES(BD_VOCAB_ENUM) };

#define BD_REF_STATUSES(X)                                                    \
	X(BD_REF_REFERRED,      0, "referred",           "referred")           \
	X(BD_REF_INVESTIGATING, 1, "investigating",      "investigating")      \
	X(BD_REF_REPRIMAND,     2, "reprimand",          "reprimand")          \
	X(BD_REF_FINE,          3, "fine",               "fine")               \
	X(BD_REF_CLOSED,        4, "closed",             "closed")             \
	X(BD_REF_ENFORCEMENT,   5, "enforcement-notice", "enforcement notice") \
	X(BD_REF_UNDERTAKING,   6, "undertaking",        "undertaking")
enum bd_ref_status { BD_REF_STATUSES(BD_VOCAB_ENUM) };

/* A field's exposure as its sources state it: plainly, or hedged / by one
 * secondary report ("might have been"). */
#define BD_CERTAINTIES(X)                                \
	X(BD_CERT_CONFIRMED, 0, "confirmed", "confirmed") \
	X(BD_CERT_REPORTED,  1, "reported",  "reported")
enum bd_certainty { BD_CERTAINTIES(BD_VOCAB_ENUM) };

/* Threat levels: stored by value in the incident's threat column. */
#define BD_LEVELS(X)                                                \
	X(BD_LEVEL_LOW,         0, "low",         "LOW")         \
	X(BD_LEVEL_MODERATE,    1, "moderate",    "MODERATE")    \
	X(BD_LEVEL_SUBSTANTIAL, 2, "substantial", "SUBSTANTIAL") \
	X(BD_LEVEL_SEVERE,      3, "severe",      "SEVERE")      \
	X(BD_LEVEL_CRITICAL,    4, "critical",    "CRITICAL")
enum bd_level { BD_LEVELS(BD_VOCAB_ENUM) };

#define BD_SCOPES(X)                                               \
	X(BD_SCOPE_UK, 0, "uk",               "UK")               \
	X(BD_SCOPE_NI, 1, "northern-ireland", "Northern Ireland")
enum bd_scope { BD_SCOPES(BD_VOCAB_ENUM) };

#define BD_ORIGINS(X)                                \
	X(BD_ORIGIN_NATIVE, 0, "native", "native")   \
	X(BD_ORIGIN_VERIS,  1, "veris",  "VERIS")
enum bd_origin { BD_ORIGINS(BD_VOCAB_ENUM) };

extern const bd_vocab bd_nations, bd_kinds, bd_qualifiers, bd_who, bd_fields,
	bd_bodies, bd_ref_statuses, bd_levels, bd_scopes, bd_origins, bd_certainties;

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
