#include "vocab.h"

#include <string.h>
#include <strings.h>

BD_VOCAB_DEFINE(bd_nations, "nation", BD_NATIONS, BD_VOCAB_ENTRY);
BD_VOCAB_DEFINE(bd_kinds, "kind", BD_KINDS, BD_VOCAB_ENTRY);
BD_VOCAB_DEFINE(bd_qualifiers, "qualifier", BD_QUALIFIERS, BD_VOCAB_ENTRY);
BD_VOCAB_DEFINE(bd_who, "affected group", BD_WHO, BD_VOCAB_ENTRY);
BD_VOCAB_DEFINE(bd_fields, "field", BD_FIELDS, BD_VOCAB_FIELD_ENTRY);
_Static_assert(sizeof bd_fields_order / sizeof bd_fields_order[0] <= 32,
	       "fields are bits of a 32-bit bd_fieldset");
BD_VOCAB_DEFINE(bd_bodies, "referral body", BD_BODIES, BD_VOCAB_ENTRY);
BD_VOCAB_DEFINE(bd_ref_statuses, "referral status", BD_REF_STATUSES, BD_VOCAB_ENTRY);
BD_VOCAB_DEFINE(bd_certainties, "certainty", BD_CERTAINTIES, BD_VOCAB_ENTRY);
BD_VOCAB_DEFINE(bd_levels, "threat level", BD_LEVELS, BD_VOCAB_ENTRY);
BD_VOCAB_DEFINE(bd_scopes, "threat scope", BD_SCOPES, BD_VOCAB_ENTRY);
BD_VOCAB_DEFINE(bd_origins, "origin", BD_ORIGINS, BD_VOCAB_ENTRY);

int bd_vocab_find(const bd_vocab *v, const char *name)
{
	for (size_t i = 0; i < v->count; i++)
		if (strcmp(v->entries[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* In the list's order: a label shared with another entry's name or label
 * finds the one listed first. */
int bd_vocab_match(const bd_vocab *v, const char *text)
{
	for (size_t k = 0; k < v->count; k++) {
		int i = bd_vocab_at(v, k);
		if (strcasecmp(v->entries[i].name, text) == 0 ||
		    strcasecmp(v->entries[i].label, text) == 0)
			return i;
	}
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
	return nation == BD_ENGLAND || nation == BD_WALES || nation == BD_SCOTLAND ||
	       nation == BD_NORTHERN_IRELAND || nation == BD_UK_UNKNOWN;
}
