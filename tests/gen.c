/*
 * gen — writes N realistic synthetic incidents as JSON Lines in the native
 * format, deterministic for a seed: 45 forces, every kind, field sets,
 * referrals, dates across 2015-2026, affected counts skewed as real ones are
 * (most small, a few huge). For benchmarks and scale tests; not installed.
 *
 *   gen N [SEED] [--full] > incidents.jsonl
 *
 * Plain, an incident is about 0.6 KB of JSON. --full writes the shape of the
 * bundled record's (what `export --format json` gives), about 3.2 KB: a
 * long summary, several sources with publisher, title, url and date,
 * field claims with notes, figures with notes, impacts, a quote and
 * referral steps with notes.
 */
#include <stdbool.h>
#include <string.h>
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

static const char *const who[] = { "officers", "staff", "victims", "witnesses", "suspects",
				    "public" };
static const char *const publishers[] = { "BBC News", "The Guardian", "Information Commissioner's Office",
	"Independent Office for Police Conduct", "Police Professional", "ITV News", "The Register",
	"Computer Weekly", "Belfast Telegraph", "Manchester Evening News" };
static const char *const hosts[] = { "www.bbc.co.uk/news", "www.theguardian.com/uk-news",
	"ico.org.uk/action-weve-taken", "www.policeconduct.gov.uk/news", "policeprofessional.com/news",
	"www.itv.com/news", "www.theregister.com", "www.computerweekly.com/news",
	"www.belfasttelegraph.co.uk/news", "www.manchestereveningnews.co.uk/news" };
static const char *const sentences[] = {
	"The force said it had contacted everyone whose details were involved and had offered them advice on keeping safe.",
	"A member of staff attached the wrong file to a reply to a freedom of information request, and it stayed online for several hours.",
	"The contractor that ran the system told the force about the problem some weeks after it had first noticed unusual activity.",
	"Officers and staff were told of the incident by email and the force set up a helpline for those who were worried.",
	"The force referred itself to the Information Commissioner's Office within the 72 hours the law allows for a report.",
	"A review found that the spreadsheet held a hidden tab that nobody checked before it was sent outside the force.",
	"The device was not encrypted, and the force could not say for certain whether anyone had read what it held.",
	"An internal investigation led to a misconduct meeting and further training for the team that handled the records.",
	"Reports at the time gave different figures for the number of people affected; the force did not confirm either of them.",
	"The force said it had changed its procedures so that a second person now checks every disclosure before it is sent.",
};

/* One of the source ids s1..sN, for a list of sources. */
static void source_list(int nsources)
{
	int a = 1 + pick(nsources), b = 1 + pick(nsources);
	if (a == b)
		printf("[\"s%d\"]", a);
	else
		printf("[\"s%d\",\"s%d\"]", a, b);
}

/* The long parts of the bundled record's shape, after "fields" is opened. */
static void full_claims(uint32_t exposed, int nsources)
{
	int k = 0;
	while (k < 21 && !(exposed & (1u << k)))
		k++;
	if (k == 21)
		return;
	printf(",\"claims\":[{\"fields\":[\"%s\"],\"certainty\":\"%s\",\"note\":\"%s\",\"sources\":",
	       fields[k], pick(2) ? "confirmed" : "reported", sentences[pick(10)]);
	source_list(nsources);
	printf("}]");
}

static void full_extras(long i, int year, int nsources)
{
	printf("\"impacts\":[{\"text\":\"%s\",\"date\":\"%04d-%02d\",\"sources\":", sentences[pick(10)],
	       year + 1, 1 + pick(12));
	source_list(nsources);
	printf("}],\"quotes\":[{\"who\":\"A spokesperson\",\"role\":\"%s\",\"text\":\"%s\",\"sources\":",
	       forces[pick(45)].name, sentences[pick(10)]);
	source_list(nsources);
	printf("}],\"figures\":[");
	int nfig = 2 + pick(2);
	for (int f = 0; f < nfig; f++) {
		printf("%s{\"about\":\"%s %s\",\"value\":\"about %d\",\"sources\":", f ? "," : "",
		       words[pick(20)], words[pick(20)], 1 + pick(5000));
		source_list(nsources);
		if (f == 0)
			printf(",\"note\":\"%s Figure %ld.\"", sentences[pick(10)], i);
		printf("}");
	}
	printf("],");
}

static void full_sources(long i, int year, int nsources)
{
	printf("\"sources\":[");
	for (int s = 1; s <= nsources; s++) {
		int p = pick(10);
		printf("%s{\"id\":\"s%d\",\"publisher\":\"%s\",\"title\":\"%s %s: police %s %s after %s\","
		       "\"url\":\"https://%s/%s-%s-%ld-%d\",\"date\":\"%04d-%02d-%02d\"}",
		       s > 1 ? "," : "", s, publishers[p], forces[pick(45)].shrt, words[pick(20)],
		       words[pick(20)], words[pick(20)], words[pick(20)], hosts[p], words[pick(20)],
		       words[pick(20)], i, s, year + pick(2), 1 + pick(12), 1 + pick(28));
	}
	printf("]}\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: gen N [SEED] [--full]\n", stderr);
		return 2;
	}
	long n = strtol(argv[1], NULL, 10);
	bool full = argc > 3 && strcmp(argv[3], "--full") == 0;
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
		printf("\"summary\":\"Synthetic incident %ld: a %s involving %s %s.", i,
		       kinds[i % 7], words[pick(20)], words[pick(20)]);
		for (int k = 0; full && k < 7; k++)
			printf(" %s", sentences[pick(10)]);
		printf("\",");
		int nsources = full ? 4 : 1;
		printf("\"organisation\":{\"force\":\"%s\",\"short\":\"%s\"},", forces[f].name, forces[f].shrt);
		printf("\"nation\":\"%s\",\"kind\":\"%s\",\"dates\":{\"occurred\":\"%s\"",
		       forces[f].nation, kinds[pick(7)], date);
		if (full)
			printf(",\"disclosed\":\"%04d\"", year + 1);
		printf("},");
		if (unknown)
			printf("\"affected\":{\"count\":null,\"qualifier\":\"unknown\"},");
		else
			printf("\"affected\":{\"count\":%lld,\"qualifier\":\"%s\",%s%s%s\"sources\":[\"s1\"]},",
			       count, quals[pick(4)], full ? "\"who\":[\"" : "", full ? who[pick(6)] : "",
			       full ? "\"]," : "");
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
		printf("]");
		if (full)
			full_claims(exposed, nsources);
		printf("},\"referrals\":[");
		int refs = pick(3);
		for (int r = 0; r < refs; r++) {
			int st = pick(5);
			printf("%s{\"body\":\"%s\",%s\"date\":\"%04d-%02d\",\"status\":\"%s\",%s",
			       r ? "," : "", r == 0 ? "ico" : "nca", full ? "\"by\":\"self\"," : "",
			       year + pick(2), month, statuses[st], st == 3 ? "\"amount\":100000," : "");
			if (full)
				printf("\"note\":\"%s\",", sentences[pick(10)]);
			printf("\"sources\":[\"s1\"]}");
		}
		printf("],");
		if (full) {
			full_extras(i, year, nsources);
			full_sources(i, year, nsources);
		} else {
			printf("\"sources\":[{\"id\":\"s1\",\"publisher\":\"Synthetic source %d\"}]}\n",
			       pick(100));
		}
	}
	return 0;
}
