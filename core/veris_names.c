/* veris_names — UK police forces and UK nations recognised by name, for
 * placing VERIS victims (veris.h). */
#include "veris.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vocab.h"

/* Phrases are normalised: lower case, words separated by one space, the
 * word "and" left out ("Devon & Cornwall" = "Devon and Cornwall"). A phrase
 * marked `alone` names a force by itself; the others only with "police" or
 * "constabulary" in the name ("Kent Police", not "Kent County Council").
 * A phrase marked `uk_only` is a name no force outside the UK has, so it
 * places the force in the UK whatever country a record gives (VCDB codes
 * the PSNI "IE"); Kent, Durham or Cleveland Police may be American. */
enum { SHARED = 0, UK_ONLY = 1 };
static const struct uk_force {
	const char *phrase;
	bool alone;
	int nation;
	const char *short_name;
	bool uk_only;
} uk_forces[] = {
	{ "psni", true, BD_NORTHERN_IRELAND, "PSNI", UK_ONLY },
	{ "police service of northern ireland", true, BD_NORTHERN_IRELAND, "PSNI", UK_ONLY },
	{ "police service northern ireland", true, BD_NORTHERN_IRELAND, "PSNI", UK_ONLY },
	{ "royal ulster constabulary", true, BD_NORTHERN_IRELAND, "RUC", UK_ONLY },
	{ "scotland yard", true, BD_ENGLAND, "Met", UK_ONLY },
	{ "metropolitan police service", true, BD_ENGLAND, "Met", UK_ONLY },
	{ "metropolitan police", true, BD_ENGLAND, "Met", SHARED },
	{ "met police", true, BD_ENGLAND, "Met", SHARED },
	{ "british transport police", true, BD_ENGLAND, "BTP", UK_ONLY },
	{ "police scotland", true, BD_SCOTLAND, "Police Scotland", UK_ONLY },
	{ "northern constabulary", true, BD_SCOTLAND, "Northern", UK_ONLY },
	{ "strathclyde", false, BD_SCOTLAND, "Strathclyde", UK_ONLY },
	{ "lothian borders", false, BD_SCOTLAND, "Lothian/Borders", UK_ONLY },
	{ "grampian", false, BD_SCOTLAND, "Grampian", SHARED },
	{ "tayside", false, BD_SCOTLAND, "Tayside", SHARED },
	{ "fife", false, BD_SCOTLAND, "Fife", SHARED },
	{ "central scotland", false, BD_SCOTLAND, "Central Scotland", SHARED },
	{ "dumfries galloway", false, BD_SCOTLAND, "Dumfries/Gallowa", UK_ONLY },
	{ "dyfed powys", false, BD_WALES, "Dyfed-Powys", UK_ONLY },
	{ "gwent", false, BD_WALES, "Gwent", UK_ONLY },
	{ "north wales", false, BD_WALES, "North Wales", UK_ONLY },
	{ "south wales", false, BD_WALES, "South Wales", SHARED },      /* New South Wales Police */
	{ "city of london", false, BD_ENGLAND, "City of London", SHARED },
	{ "greater manchester", false, BD_ENGLAND, "GMP", UK_ONLY },
	{ "norfolk suffolk", false, BD_ENGLAND, "Norfolk/Suffolk", UK_ONLY },
	{ "avon somerset", false, BD_ENGLAND, "Avon & Somerset", UK_ONLY },
	{ "bedfordshire", false, BD_ENGLAND, "Bedfordshire", SHARED },
	{ "cambridgeshire", false, BD_ENGLAND, "Cambridgeshire", SHARED },
	{ "cheshire", false, BD_ENGLAND, "Cheshire", SHARED },
	{ "cleveland", false, BD_ENGLAND, "Cleveland", SHARED },
	{ "cumbria", false, BD_ENGLAND, "Cumbria", SHARED },
	{ "derbyshire", false, BD_ENGLAND, "Derbyshire", SHARED },
	{ "devon cornwall", false, BD_ENGLAND, "Devon & Cornwall", UK_ONLY },
	{ "dorset", false, BD_ENGLAND, "Dorset", SHARED },
	{ "durham", false, BD_ENGLAND, "Durham", SHARED },
	{ "essex", false, BD_ENGLAND, "Essex", SHARED },
	{ "gloucestershire", false, BD_ENGLAND, "Gloucestershire", SHARED },
	{ "hampshire", false, BD_ENGLAND, "Hampshire", SHARED },
	{ "hertfordshire", false, BD_ENGLAND, "Hertfordshire", SHARED },
	{ "humberside", false, BD_ENGLAND, "Humberside", SHARED },
	{ "kent", false, BD_ENGLAND, "Kent", SHARED },
	{ "lancashire", false, BD_ENGLAND, "Lancashire", SHARED },
	{ "leicestershire", false, BD_ENGLAND, "Leicestershire", SHARED },
	{ "lincolnshire", false, BD_ENGLAND, "Lincolnshire", SHARED },
	{ "merseyside", false, BD_ENGLAND, "Merseyside", SHARED },
	{ "norfolk", false, BD_ENGLAND, "Norfolk", SHARED },
	{ "northamptonshire", false, BD_ENGLAND, "Northamptonshire", SHARED },
	{ "northumbria", false, BD_ENGLAND, "Northumbria", SHARED },
	{ "north yorkshire", false, BD_ENGLAND, "North Yorkshire", SHARED },
	{ "nottinghamshire", false, BD_ENGLAND, "Nottinghamshire", SHARED },
	{ "south yorkshire", false, BD_ENGLAND, "South Yorkshire", SHARED },
	{ "staffordshire", false, BD_ENGLAND, "Staffordshire", SHARED },
	{ "suffolk", false, BD_ENGLAND, "Suffolk", SHARED },
	{ "surrey", false, BD_ENGLAND, "Surrey", SHARED },
	{ "sussex", false, BD_ENGLAND, "Sussex", SHARED },
	{ "thames valley", false, BD_ENGLAND, "Thames Valley", UK_ONLY },
	{ "warwickshire", false, BD_ENGLAND, "Warwickshire", SHARED },
	{ "west mercia", false, BD_ENGLAND, "West Mercia", UK_ONLY },
	{ "west midlands", false, BD_ENGLAND, "West Midlands", SHARED },
	{ "west yorkshire", false, BD_ENGLAND, "West Yorkshire", SHARED },
	{ "wiltshire", false, BD_ENGLAND, "Wiltshire", SHARED },
};

/* " words of s " in normal form, with a space at each end so that a phrase
 * matches whole words only. Caller frees. */
static char *normalise(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 3), *o = out;
	if (!out)
		return NULL;
	*o++ = ' ';
	for (const char *c = s; *c;) {
		if (!isalnum((unsigned char)*c)) {
			c++;
			continue;
		}
		const char *w = c;
		while (isalnum((unsigned char)*c))
			c++;
		size_t len = (size_t)(c - w);
		if (len == 3 && strncasecmp(w, "and", 3) == 0)
			continue;
		for (size_t i = 0; i < len; i++)
			*o++ = (char)tolower((unsigned char)w[i]);
		*o++ = ' ';
	}
	*o = '\0';
	return out;
}

static bool has_words(const char *norm, const char *phrase)
{
	size_t n = strlen(phrase);
	for (const char *p = strstr(norm, phrase); p; p = strstr(p + 1, phrase))
		if (p[-1] == ' ' && p[n] == ' ')
			return true;
	return false;
}

bool bd_veris_uk_force(const char *name, int *nation, const char **short_name, bool *uk_only)
{
	char *norm = name ? normalise(name) : NULL;
	if (!norm)
		return false;
	bool police = has_words(norm, "police") || has_words(norm, "constabulary") ||
		      has_words(norm, "constabularies");
	const struct uk_force *found = NULL;
	for (size_t i = 0; !found && i < sizeof uk_forces / sizeof uk_forces[0]; i++)
		if ((uk_forces[i].alone || police) && has_words(norm, uk_forces[i].phrase))
			found = &uk_forces[i];
	free(norm);
	if (found) {
		*nation = found->nation;
		*short_name = found->short_name;
		if (uk_only)
			*uk_only = found->uk_only;
	}
	return found != NULL;
}

int bd_veris_nation_named(const char *text)
{
	static const struct { const char *phrase; int nation; } names[] = {
		{ "northern ireland", BD_NORTHERN_IRELAND }, { "ulster", BD_NORTHERN_IRELAND },
		{ "scotland", BD_SCOTLAND }, { "scottish", BD_SCOTLAND },
		{ "wales", BD_WALES }, { "welsh", BD_WALES }, { "cymru", BD_WALES },
		{ "england", BD_ENGLAND }, { "english", BD_ENGLAND },
	};
	char *norm = text ? normalise(text) : NULL;
	int nation = -1;
	for (size_t i = 0; norm && nation < 0 && i < sizeof names / sizeof names[0]; i++)
		if (has_words(norm, names[i].phrase))
			nation = names[i].nation;
	free(norm);
	return nation;
}
