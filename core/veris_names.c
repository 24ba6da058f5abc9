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
 * "constabulary" in the name ("Kent Police", not "Kent County Council"). */
static const struct uk_force {
	const char *phrase;
	bool alone;
	int nation;
	const char *short_name;
} uk_forces[] = {
	{ "psni", true, BD_NORTHERN_IRELAND, "PSNI" },
	{ "police service of northern ireland", true, BD_NORTHERN_IRELAND, "PSNI" },
	{ "police service northern ireland", true, BD_NORTHERN_IRELAND, "PSNI" },
	{ "royal ulster constabulary", true, BD_NORTHERN_IRELAND, "RUC" },
	{ "scotland yard", true, BD_ENGLAND, "Met" },
	{ "metropolitan police", true, BD_ENGLAND, "Met" },
	{ "met police", true, BD_ENGLAND, "Met" },
	{ "british transport police", true, BD_ENGLAND, "BTP" },
	{ "police scotland", true, BD_SCOTLAND, "Police Scotland" },
	{ "northern constabulary", true, BD_SCOTLAND, "Northern" },
	{ "strathclyde", false, BD_SCOTLAND, "Strathclyde" },
	{ "lothian borders", false, BD_SCOTLAND, "Lothian/Borders" },
	{ "grampian", false, BD_SCOTLAND, "Grampian" },
	{ "tayside", false, BD_SCOTLAND, "Tayside" },
	{ "fife", false, BD_SCOTLAND, "Fife" },
	{ "central scotland", false, BD_SCOTLAND, "Central Scotland" },
	{ "dumfries galloway", false, BD_SCOTLAND, "Dumfries/Gallowa" },
	{ "dyfed powys", false, BD_WALES, "Dyfed-Powys" },
	{ "gwent", false, BD_WALES, "Gwent" },
	{ "north wales", false, BD_WALES, "North Wales" },
	{ "south wales", false, BD_WALES, "South Wales" },
	{ "city of london", false, BD_ENGLAND, "City of London" },
	{ "greater manchester", false, BD_ENGLAND, "GMP" },
	{ "norfolk suffolk", false, BD_ENGLAND, "Norfolk/Suffolk" },
	{ "avon somerset", false, BD_ENGLAND, "Avon & Somerset" },
	{ "bedfordshire", false, BD_ENGLAND, "Bedfordshire" },
	{ "cambridgeshire", false, BD_ENGLAND, "Cambridgeshire" },
	{ "cheshire", false, BD_ENGLAND, "Cheshire" },
	{ "cleveland", false, BD_ENGLAND, "Cleveland" },
	{ "cumbria", false, BD_ENGLAND, "Cumbria" },
	{ "derbyshire", false, BD_ENGLAND, "Derbyshire" },
	{ "devon cornwall", false, BD_ENGLAND, "Devon & Cornwall" },
	{ "dorset", false, BD_ENGLAND, "Dorset" },
	{ "durham", false, BD_ENGLAND, "Durham" },
	{ "essex", false, BD_ENGLAND, "Essex" },
	{ "gloucestershire", false, BD_ENGLAND, "Gloucestershire" },
	{ "hampshire", false, BD_ENGLAND, "Hampshire" },
	{ "hertfordshire", false, BD_ENGLAND, "Hertfordshire" },
	{ "humberside", false, BD_ENGLAND, "Humberside" },
	{ "kent", false, BD_ENGLAND, "Kent" },
	{ "lancashire", false, BD_ENGLAND, "Lancashire" },
	{ "leicestershire", false, BD_ENGLAND, "Leicestershire" },
	{ "lincolnshire", false, BD_ENGLAND, "Lincolnshire" },
	{ "merseyside", false, BD_ENGLAND, "Merseyside" },
	{ "norfolk", false, BD_ENGLAND, "Norfolk" },
	{ "northamptonshire", false, BD_ENGLAND, "Northamptonshire" },
	{ "northumbria", false, BD_ENGLAND, "Northumbria" },
	{ "north yorkshire", false, BD_ENGLAND, "North Yorkshire" },
	{ "nottinghamshire", false, BD_ENGLAND, "Nottinghamshire" },
	{ "south yorkshire", false, BD_ENGLAND, "South Yorkshire" },
	{ "staffordshire", false, BD_ENGLAND, "Staffordshire" },
	{ "suffolk", false, BD_ENGLAND, "Suffolk" },
	{ "surrey", false, BD_ENGLAND, "Surrey" },
	{ "sussex", false, BD_ENGLAND, "Sussex" },
	{ "thames valley", false, BD_ENGLAND, "Thames Valley" },
	{ "warwickshire", false, BD_ENGLAND, "Warwickshire" },
	{ "west mercia", false, BD_ENGLAND, "West Mercia" },
	{ "west midlands", false, BD_ENGLAND, "West Midlands" },
	{ "west yorkshire", false, BD_ENGLAND, "West Yorkshire" },
	{ "wiltshire", false, BD_ENGLAND, "Wiltshire" },
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

bool bd_veris_uk_force(const char *name, int *nation, const char **short_name)
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
