/*
 * gen — writes N realistic synthetic incidents as JSON Lines in the native
 * format, deterministic for a seed: 45 forces, every kind, field sets,
 * referrals, dates across 2015-2026, affected counts skewed as real ones are
 * (most small, a few huge). For benchmarks and scale tests; not installed.
 *
 *   gen N [SEED] > incidents.jsonl
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

static const struct { const char *name, *shrt, *nation; } forces[] = {
	{ "Avon and Somerset Constabulary", "Avon & Somerset", "england" },
	{ "Bedfordshire Police", "Bedfordshire", "england" },
	{ "Cambridgeshire Constabulary", "Cambridgeshire", "england" },
	{ "Cheshire Constabulary", "Cheshire", "england" },
	{ "City of London Police", "City of London", "england" },
	{ "Cleveland Police", "Cleveland", "england" },
	{ "Cumbria Constabulary", "Cumbria", "england" },
	{ "Derbyshire Constabulary", "Derbyshire", "england" },
	{ "Devon and Cornwall Police", "Devon & Cornwall", "england" },
	{ "Dorset Police", "Dorset", "england" },
	{ "Durham Constabulary", "Durham", "england" },
	{ "Dyfed-Powys Police", "Dyfed-Powys", "wales" },
	{ "Essex Police", "Essex", "england" },
	{ "Gloucestershire Constabulary", "Gloucestershire", "england" },
	{ "Greater Manchester Police", "GMP", "england" },
	{ "Gwent Police", "Gwent", "wales" },
	{ "Hampshire and Isle of Wight Constabulary", "Hampshire", "england" },
	{ "Hertfordshire Constabulary", "Hertfordshire", "england" },
	{ "Humberside Police", "Humberside", "england" },
	{ "Kent Police", "Kent", "england" },
	{ "Lancashire Constabulary", "Lancashire", "england" },
	{ "Leicestershire Police", "Leicestershire", "england" },
	{ "Lincolnshire Police", "Lincolnshire", "england" },
	{ "Merseyside Police", "Merseyside", "england" },
	{ "Metropolitan Police Service", "Met", "england" },
	{ "Norfolk Constabulary", "Norfolk", "england" },
	{ "North Wales Police", "North Wales", "wales" },
	{ "North Yorkshire Police", "North Yorkshire", "england" },
	{ "Northamptonshire Police", "Northamptonshire", "england" },
	{ "Northumbria Police", "Northumbria", "england" },
	{ "Nottinghamshire Police", "Nottinghamshire", "england" },
	{ "Police Scotland", "Police Scotland", "scotland" },
	{ "Police Service of Northern Ireland", "PSNI", "northern-ireland" },
	{ "South Wales Police", "South Wales", "wales" },
	{ "South Yorkshire Police", "South Yorkshire", "england" },
	{ "Staffordshire Police", "Staffordshire", "england" },
	{ "Suffolk Constabulary", "Suffolk", "england" },
	{ "Surrey Police", "Surrey", "england" },
	{ "Sussex Police", "Sussex", "england" },
	{ "Thames Valley Police", "Thames Valley", "england" },
	{ "Warwickshire Police", "Warwickshire", "england" },
	{ "West Mercia Police", "West Mercia", "england" },
	{ "West Midlands Police", "West Midlands", "england" },
	{ "West Yorkshire Police", "West Yorkshire", "england" },
	{ "Wiltshire Police", "Wiltshire", "england" },
};
static const char *const kinds[] = { "supplier-compromise", "accidental-disclosure", "theft",
				     "loss", "insider-misuse", "cyber-attack", "other" };
static const char *const fields[] = { "name", "initial", "surname", "rank", "role", "photo",
	"id-number", "pay-number", "vetting-level", "unit", "location", "home-address", "phone",
	"email", "financial", "date-of-birth", "gender", "victim-details", "crime-details",
	"video", "evidence" };
static const char *const quals[] = { "exact", "approx", "at-least", "up-to" };
static const char *const statuses[] = { "referred", "investigating", "reprimand", "fine", "closed" };
static const char *const words[] = { "spreadsheet", "laptop", "email", "portal", "contractor",
	"USB", "records", "bodycam", "payroll", "vetting", "misdirected", "hidden", "tab",
	"ransomware", "phishing", "archive", "files", "disclosure", "theft", "database" };

/* xorshift64*: small, fast, and the same on every machine for a seed. */
static uint64_t rng;
static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ull;
}
static int pick(int n)
{
	return (int)(next() % (uint64_t)n);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: gen N [SEED]\n", stderr);
		return 2;
	}
	long n = strtol(argv[1], NULL, 10);
	rng = argc > 2 ? strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ull + 1 : 42;
	for (long i = 0; i < n; i++) {
		int f = pick((int)(sizeof forces / sizeof forces[0]));
		int year = 2015 + pick(12), month = 1 + pick(12), day = 1 + pick(28);
		int precision = pick(10);       /* most dates full, some partial */
		char date[16];
		if (precision == 0)
			snprintf(date, sizeof date, "%04d", year);
		else if (precision < 3)
			snprintf(date, sizeof date, "%04d-%02d", year, month);
		else
			snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
		/* Pareto-like: counts from 1 to about a million, most small */
		double u = (double)(next() >> 11) / 9007199254740992.0;
		long long count = (long long)pow(10.0, 6.0 * u * u * u);
		bool unknown = pick(12) == 0;
		printf("{\"id\":\"gen-%ld\",\"title\":\"%s %s %s incident %ld\",", i, forces[f].shrt,
		       words[pick(20)], words[pick(20)], i);
		printf("\"summary\":\"Synthetic incident %ld: a %s involving %s %s.\",", i,
		       kinds[i % 7], words[pick(20)], words[pick(20)]);
		printf("\"organisation\":{\"force\":\"%s\",\"short\":\"%s\"},", forces[f].name, forces[f].shrt);
		printf("\"nation\":\"%s\",\"kind\":\"%s\",\"dates\":{\"occurred\":\"%s\"},",
		       forces[f].nation, kinds[pick(7)], date);
		if (unknown)
			printf("\"affected\":{\"count\":null,\"qualifier\":\"unknown\"},");
		else
			printf("\"affected\":{\"count\":%lld,\"qualifier\":\"%s\",\"sources\":[\"s1\"]},",
			       count, quals[pick(4)]);
		uint32_t exposed = (uint32_t)next() & (uint32_t)next() & 0x1FFFFF;
		uint32_t safe = (uint32_t)next() & (uint32_t)next() & (uint32_t)next() & 0x1FFFFF & ~exposed;
		printf("\"fields\":{\"exposed\":[");
		for (int k = 0, c = 0; k < 21; k++)
			if (exposed & (1u << k))
				printf("%s\"%s\"", c++ ? "," : "", fields[k]);
		printf("],\"not_exposed\":[");
		for (int k = 0, c = 0; k < 21; k++)
			if (safe & (1u << k))
				printf("%s\"%s\"", c++ ? "," : "", fields[k]);
		printf("]},\"referrals\":[");
		int refs = pick(3);
		for (int r = 0; r < refs; r++) {
			int st = pick(5);
			printf("%s{\"body\":\"%s\",\"date\":\"%04d-%02d\",\"status\":\"%s\",%s\"sources\":[\"s1\"]}",
			       r ? "," : "", r == 0 ? "ico" : "nca", year + pick(2), month, statuses[st],
			       st == 3 ? "\"amount\":100000," : "");
		}
		printf("],\"sources\":[{\"id\":\"s1\",\"publisher\":\"Synthetic source %d\"}]}\n", pick(100));
	}
	return 0;
}
