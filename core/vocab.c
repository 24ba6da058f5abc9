#include "vocab.h"

#include <string.h>
#include <strings.h>

BD_VOCAB(bd_nations, "nation",
	{ "england", "England", NULL, NULL },
	{ "wales", "Wales", NULL, NULL },
	{ "scotland", "Scotland", NULL, NULL },
	{ "northern-ireland", "Northern Ireland", NULL, NULL },
	{ "outside-uk", "Outside the UK", NULL, NULL },
	{ "uk-unknown", "United Kingdom, nation unknown", NULL, NULL },
	{ "unknown", "unknown (country not known)", NULL, NULL });

BD_VOCAB(bd_kinds, "kind",
	{ "supplier-compromise", "supplier compromise", NULL, NULL },
	{ "accidental-disclosure", "accidental disclosure", NULL, NULL },
	{ "theft", "theft", NULL, NULL },
	{ "loss", "loss", NULL, NULL },
	{ "insider-misuse", "insider misuse", NULL, NULL },
	{ "cyber-attack", "cyber attack", NULL, NULL },
	{ "other", "other", NULL, NULL });

BD_VOCAB(bd_qualifiers, "qualifier",
	{ "exact", "exactly", NULL, NULL },
	{ "approx", "about", NULL, NULL },
	{ "at-least", "at least", NULL, NULL },
	{ "up-to", "up to", NULL, NULL },
	{ "unknown", "unknown", NULL, NULL });

BD_VOCAB(bd_who, "affected group",
	{ "officers", "officers", NULL, NULL },
	{ "staff", "staff", NULL, NULL },
	{ "victims", "victims", NULL, NULL },
	{ "witnesses", "witnesses", NULL, NULL },
	{ "suspects", "suspects", NULL, NULL },
	{ "public", "public", NULL, NULL });

/* Glyphs are single-column letters so the field strip reads in any font and
 * in black and white; the ASCII fallback is the same letter. Each is used
 * by one field only, and by none of the strip's own marks (o x . + ~).
 * Bits are stored: new fields go at the end, at most 32 in all. The last
 * eight are the VERIS data varieties with no field above. */
BD_VOCAB(bd_fields, "field",
	{ "name", "name", "N", "N" },
	{ "initial", "initial", "i", "i" },
	{ "surname", "surname", "S", "S" },
	{ "rank", "rank or grade", "R", "R" },
	{ "role", "role", "r", "r" },
	{ "photo", "photo", "P", "P" },
	{ "id-number", "ID number", "#", "#" },
	{ "pay-number", "pay number", "$", "$" },
	{ "vetting-level", "vetting level", "V", "V" },
	{ "unit", "unit", "U", "U" },
	{ "location", "location", "L", "L" },
	{ "home-address", "home address", "H", "H" },
	{ "phone", "phone", "T", "T" },
	{ "email", "e-mail", "@", "@" },
	{ "financial", "financial", "F", "F" },
	{ "date-of-birth", "date of birth", "D", "D" },
	{ "gender", "gender", "g", "g" },
	{ "victim-details", "victim details", "v", "v" },
	{ "crime-details", "crime details", "c", "c" },
	{ "video", "video", "W", "W" },
	{ "evidence", "evidence", "E", "E" },
	{ "personal-unspecified", "personal, unspecified", "p", "p" },
	{ "medical", "medical", "M", "M" },
	{ "credentials", "credentials", "K", "K" },
	{ "internal", "internal data", "I", "I" },
	{ "classified", "classified", "C", "C" },
	{ "secrets", "secrets", "s", "s" },
	{ "system", "system data", "Y", "Y" },
	{ "copyrighted", "copyrighted", "A", "A" },
	{ "other-data", "other/unknown data", "&", "&" });

BD_VOCAB(bd_bodies, "referral body",
	{ "ico", "ICO", NULL, NULL },
	{ "nca", "NCA", NULL, NULL },
	{ "iopc", "IOPC", NULL, NULL },
	{ "other", "other", NULL, NULL });

BD_VOCAB(bd_ref_statuses, "referral status",
	{ "referred", "referred", NULL, NULL },
	{ "investigating", "investigating", NULL, NULL },
	{ "reprimand", "reprimand", NULL, NULL },
	{ "fine", "fine", NULL, NULL },
	{ "closed", "closed", NULL, NULL },
	{ "enforcement-notice", "enforcement notice", NULL, NULL },
	{ "undertaking", "undertaking", NULL, NULL });

BD_VOCAB(bd_certainties, "certainty",
	{ "confirmed", "confirmed", NULL, NULL },
	{ "reported", "reported", NULL, NULL });

BD_VOCAB(bd_levels, "threat level",
	{ "low", "LOW", NULL, NULL },
	{ "moderate", "MODERATE", NULL, NULL },
	{ "substantial", "SUBSTANTIAL", NULL, NULL },
	{ "severe", "SEVERE", NULL, NULL },
	{ "critical", "CRITICAL", NULL, NULL });

BD_VOCAB(bd_scopes, "threat scope",
	{ "uk", "UK", NULL, NULL },
	{ "northern-ireland", "Northern Ireland", NULL, NULL });

BD_VOCAB(bd_origins, "origin",
	{ "native", "native", NULL, NULL },
	{ "veris", "VERIS", NULL, NULL });

int bd_vocab_find(const bd_vocab *v, const char *name)
{
	for (size_t i = 0; i < v->count; i++)
		if (strcmp(v->entries[i].name, name) == 0)
			return (int)i;
	return -1;
}

int bd_vocab_match(const bd_vocab *v, const char *text)
{
	for (size_t i = 0; i < v->count; i++)
		if (strcasecmp(v->entries[i].name, text) == 0 ||
		    strcasecmp(v->entries[i].label, text) == 0)
			return (int)i;
	return -1;
}

const char *bd_vocab_name(const bd_vocab *v, int i)
{
	return i >= 0 && (size_t)i < v->count ? v->entries[i].name : "?";
}

const char *bd_vocab_label(const bd_vocab *v, int i)
{
	return i >= 0 && (size_t)i < v->count ? v->entries[i].label : "?";
}

int bd_ref_status_rank(int status)
{
	static const int rank[] = {
		[BD_REF_REFERRED] = 0, [BD_REF_INVESTIGATING] = 1, [BD_REF_CLOSED] = 2,
		[BD_REF_UNDERTAKING] = 3, [BD_REF_REPRIMAND] = 4, [BD_REF_ENFORCEMENT] = 5,
		[BD_REF_FINE] = 6,
	};
	return status >= 0 && (size_t)status < sizeof rank / sizeof rank[0] ? rank[status] : -1;
}

bool bd_nation_in_uk(int nation)
{
	return (nation >= BD_ENGLAND && nation <= BD_NORTHERN_IRELAND) || nation == BD_UK_UNKNOWN;
}
