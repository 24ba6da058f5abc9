/* The filter language and the queries behind every listing: parsing, errors
 * with columns, matching (hostile text included), sorting, windows, find and
 * position, against a store of incidents built here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <ftw.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "filter.h"
#include "native.h"
#include "query.h"
#include "store.h"
#include "textsearch.h"
#include "threat.h"

/* Six incidents, a to f by id, chosen so every key tells them apart. */
#define SRC ",\"sources\":[{\"id\":\"s1\",\"publisher\":\"P\"}]}"
static const char *const incidents[] = {
	"{\"id\":\"alpha-2023-08-theft\",\"title\":\"Spreadsheet naming officers stolen\","
	"\"summary\":\"Papers left in a car\","
	"\"organisation\":{\"force\":\"Police Service of Northern Ireland\",\"short\":\"PSNI\"},"
	"\"nation\":\"northern-ireland\",\"kind\":\"theft\",\"dates\":{\"occurred\":\"2023-08-08\"},"
	"\"affected\":{\"count\":200,\"qualifier\":\"at-least\",\"sources\":[\"s1\"]},"
	"\"fields\":{\"exposed\":[\"name\",\"photo\"],\"not_exposed\":[\"home-address\"]},"
	"\"referrals\":[{\"body\":\"ico\",\"status\":\"referred\",\"sources\":[\"s1\"]},"
	"{\"body\":\"ico\",\"status\":\"fine\",\"amount\":750000,\"sources\":[\"s1\"]}]" SRC,

	"{\"id\":\"bravo-2022-loss\",\"title\":\"Body-worn video lost\","
	"\"summary\":\"Footage from a caf\xC3\xA9 raid\","
	"\"organisation\":{\"force\":\"Greater Manchester Police\",\"short\":\"GMP\"},"
	"\"nation\":\"england\",\"kind\":\"loss\",\"dates\":{\"occurred\":\"2022-05\"},"
	"\"affected\":{\"count\":1230,\"qualifier\":\"exact\",\"sources\":[\"s1\"]},"
	"\"fields\":{\"exposed\":[\"video\"],\"not_exposed\":[]},"
	"\"referrals\":[{\"body\":\"nca\",\"status\":\"investigating\",\"sources\":[\"s1\"]},"
	"{\"body\":\"iopc\",\"status\":\"referred\",\"sources\":[\"s1\"]}]" SRC,

	"{\"id\":\"charlie-2021-cyber\",\"title\":\"Supplier hacked\","
	"\"summary\":\"Warrant card printer compromised\","
	"\"organisation\":{\"force\":\"Metropolitan Police Service\",\"short\":\"Met\",\"supplier\":\"Digital Ink Ltd\"},"
	"\"nation\":\"england\",\"kind\":\"cyber-attack\",\"dates\":{\"disclosed\":\"2021\"},"
	"\"affected\":{\"count\":null,\"qualifier\":\"unknown\"},"
	"\"fields\":{\"exposed\":[],\"not_exposed\":[\"photo\"]}" SRC,

	"{\"id\":\"delta-hostile\",\"title\":\"Quote \\\"mark\\\" 100% _under_ NEAR OR - * star\","
	"\"summary\":\"Robert'); DROP TABLE incident;-- and %s %n\","
	"\"organisation\":{\"force\":\"O'Brien & Co \\\"Quoted\\\" 50%_off\",\"short\":\"Hostile\"},"
	"\"nation\":\"wales\",\"kind\":\"other\",\"dates\":{\"occurred\":\"2019-06-01\"},"
	"\"affected\":{\"count\":0,\"qualifier\":\"exact\",\"sources\":[\"s1\"]},"
	"\"referrals\":[{\"body\":\"iopc\",\"status\":\"closed\",\"sources\":[\"s1\"]}]" SRC,

	"{\"id\":\"echo-outside\",\"title\":\"Insider at Interpol\","
	"\"organisation\":{\"force\":\"Interpol\",\"short\":\"Interpol\"},"
	"\"nation\":\"outside-uk\",\"kind\":\"insider-misuse\",\"dates\":{\"occurred\":\"2024-02-29\"},"
	"\"affected\":{\"count\":5000,\"qualifier\":\"approx\",\"sources\":[\"s1\"]},"
	"\"origin\":{\"format\":\"veris\",\"record_id\":\"V-1\"}" SRC,

	"{\"id\":\"foxtrot-scot\",\"title\":\"Emails and phone numbers disclosed\","
	"\"summary\":\"An FOI reply named officers\","
	"\"organisation\":{\"force\":\"Police Scotland\",\"short\":\"Police Scotland\"},"
	"\"nation\":\"scotland\",\"kind\":\"accidental-disclosure\",\"dates\":{\"occurred\":\"2023-08\"},"
	"\"affected\":{\"count\":47000,\"qualifier\":\"up-to\",\"sources\":[\"s1\"]},"
	"\"fields\":{\"exposed\":[\"email\",\"phone\"],\"not_exposed\":[\"financial\"]},"
	"\"referrals\":[{\"body\":\"ico\",\"status\":\"reprimand\",\"sources\":[\"s1\"]}]" SRC,
};

static char tmpdir[] = "/tmp/bd-test-filter-XXXXXX";
static bd_store *store;
static bd_threat_table threats;

static int teardown(void **state);

static int prepare(void)
{
	if (!mkdtemp(tmpdir))
		return -1;
	const char *top = getenv("BD_TOP");
	char *file = NULL, *db = NULL;
	if (asprintf(&file, "%s/tests/fixtures/data/threat_levels.json", top ? top : ".") < 0 ||
	    asprintf(&db, "%s/filter.db", tmpdir) < 0)
		return -1;
	bd_diags d = { 0 };
	int problems = bd_threat_load(file, &threats, &d);
	bd_diags_free(&d);
	free(file);
	bd_error err = { 0 };
	if (problems || bd_store_open(db, BD_STORE_CREATE, &store, &err) != BD_OK ||
	    bd_store_begin(store, &err) != BD_OK) {
		fprintf(stderr, "setup: %s\n", bd_error_text(&err));
		return -1;
	}
	free(db);
	for (size_t i = 0; i < sizeof incidents / sizeof incidents[0]; i++) {
		json_error_t e;
		json_t *j = json_loads(incidents[i], 0, &e);
		bd_incident inc;
		if (!j || bd_incident_from_json(j, "$", &inc, NULL, NULL) != 0) {
			fprintf(stderr, "setup: incident %zu is bad (%s)\n", i, e.text);
			return -1;
		}
		json_decref(j);
		bd_status s = bd_store_put(store, &inc, &threats, NULL, &err);
		bd_incident_free(&inc);
		if (s != BD_OK) {
			fprintf(stderr, "setup: %s\n", bd_error_text(&err));
			return -1;
		}
	}
	return bd_store_commit(store, &err) == BD_OK ? 0 : -1;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path);
}

/* A failed setup cleans up too: cmocka runs no teardown after it. */
static int setup(void **state)
{
	int rc = prepare();
	if (rc != 0) {
		fprintf(stderr, "setup failed\n");
		teardown(state);
	}
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	bd_store_close(store);
	store = NULL;
	bd_threat_free(&threats);
	return nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static bd_filter *parse_ok(const char *text)
{
	bd_filter *f = NULL;
	bd_error err = { 0 };
	bd_status s = bd_filter_parse(text, &f, &err);
	if (s != BD_OK)
		print_message("filter '%s': %s\n", text, bd_error_text(&err));
	assert_int_equal(s, BD_OK);
	assert_non_null(f);
	bd_error_clear(&err);
	return f;
}

/* The first letters of the matching ids, in the query's order. */
static void run(const char *filter, int sort, bool desc, long long offset, int limit, char *out)
{
	bd_filter *f = parse_ok(filter);
	bd_query q = { .filter = f, .sort = sort, .desc = desc };
	bd_rowset rs;
	bd_error err = { 0 };
	/* Both ways of reading a window (bd_query_few) give the same rows;
	 * six incidents are few. */
	assert_int_equal(bd_query_few(store, &q), bd_filter_fts(f, 0) != NULL);
	char other[64];
	/* Not few; few, walking; few, out of budget at once and so read from
	 * the matches. */
	for (int few = 0; few < 3; few++) {
		q.few = few > 0;
		q.walk_budget = few == 2 ? 1 : 0;
		bd_status s = bd_query_window(store, &q, offset, limit, &rs, &err);
		if (s != BD_OK)
			print_message("query '%s': %s\n", filter, bd_error_text(&err));
		assert_int_equal(s, BD_OK);
		char *o = few ? other : out;
		int i;
		for (i = 0; i < rs.n; i++)
			o[i] = rs.v[i].id[0];
		o[i] = '\0';
		if (few)
			assert_string_equal(other, out);
		bd_rowset_free(&rs);
	}
	if (offset == 0 && limit >= 100)
		assert_int_equal(bd_query_count(store, &q, &err), (long long)strlen(out));
	bd_filter_free(f);
	bd_error_clear(&err);
}

static const char *matches(const char *filter)
{
	static char out[64];
	run(filter, BD_SORT_ID, false, 0, 100, out);
	return out;
}

typedef struct mcase {
	const char *filter;
	const char *ids;        /* first letters of the matching ids */
} mcase;

static void run_cases(const mcase *cases, size_t n)
{
	int failures = 0;
	for (size_t i = 0; i < n; i++) {
		const char *got = matches(cases[i].filter);
		if (strcmp(got, cases[i].ids) != 0) {
			print_message("filter '%s': got \"%s\", expected \"%s\"\n",
				      cases[i].filter, got, cases[i].ids);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

#define RUN(cases) run_cases(cases, sizeof cases / sizeof cases[0])

/* ---- parsing ---- */

static void empty_filter_matches_everything(void **state)
{
	(void)state;
	static const char *const blanks[] = { "", "   ", "\t \n" };
	for (size_t i = 0; i < 3; i++) {
		bd_filter *f = parse_ok(blanks[i]);
		assert_true(bd_filter_is_empty(f));
		assert_string_equal(bd_filter_sql(f), "1");
		assert_string_equal(bd_filter_text(f), blanks[i]);
		bd_filter_free(f);
	}
	bd_filter *f = NULL;
	assert_int_equal(bd_filter_parse(NULL, &f, NULL), BD_OK);
	assert_true(bd_filter_is_empty(f));
	assert_string_equal(bd_filter_text(f), "");
	bd_filter_free(f);
	assert_true(bd_filter_is_empty(NULL));
	assert_string_equal(bd_filter_sql(NULL), "1");
	assert_string_equal(matches(""), "abcdef");
	bd_query q = { .sort = BD_SORT_ID };
	assert_int_equal(bd_query_count(store, &q, NULL), 6);
	assert_int_equal(bd_store_total(store), 6);
}

static void every_key_and_operator_parses(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"force:psni", "org:met", "kind:theft", "nation:wales", "origin:veris", "threat:severe",
		"field:photo", "exposed:photo", "safe:photo", "unknown:photo",
		"ico:yes", "ico:no", "ico:y", "ico:n", "ico:1", "ico:0", "ico:fine", "nca:referred",
		"iopc:investigating", "id:x", "country:gb", "industry:police", "year:2023",
		"affected>1", "affected>=1", "affected<1", "affected<=1", "affected=1",
		"date>2023", "date>=2023-08", "date<2023-08-01", "date<=2023", "date=2023-08",
		"year>2020", "year<=2024",
		"-kind:theft", "word", "-word", "KIND:THEFT", "Nation:\"Northern Ireland\"",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		bd_filter *f = parse_ok(ok[i]);
		assert_false(bd_filter_is_empty(f));
		assert_string_equal(bd_filter_text(f), ok[i]);
		bd_filter_free(f);
	}
}

static void user_text_never_reaches_the_sql(void **state)
{
	(void)state;
	static const char text[] = "force:\"x' OR '1'='1\" id:zzq';--  word year:2023 -\"drop table\"";
	bd_filter *f = parse_ok(text);
	const char *sql = bd_filter_sql(f);
	assert_null(strstr(sql, "zzq"));
	assert_null(strstr(sql, "x'"));
	assert_null(strstr(sql, "2023"));
	assert_null(strstr(sql, "drop"));
	assert_null(strstr(sql, "word"));
	bd_filter_free(f);
	assert_string_equal(matches(text), "");
}

typedef struct ecase {
	const char *filter;
	int column;
	const char *msg;
} ecase;

static void errors_name_the_column(void **state)
{
	(void)state;
	static const ecase cases[] = {
		{ "bogus:1", 1, "unknown key \"bogus\"" },
		{ "kind:theft  bogus:1", 13, "unknown key \"bogus\"" },
		{ "force:\"a b\" nation:mars", 13, "\"mars\" is not a nation" },
		{ "  -kind:zzz", 3, "\"zzz\" is not a kind" },
		{ "kind:", 1, "\"kind:\" needs a value" },
		{ "field:shoe", 1, "\"shoe\" is not a field type" },
		{ "field:p", 1, "\"p\" is not a field type" },             /* ambiguous prefix */
		{ "safe:x unknown:y", 1, "\"x\" is not a field type" },
		{ "ico:maybe", 1, "\"maybe\": expected yes, no or a status" },
		{ "nca:x", 1, "expected yes, no or a status" },
		{ "iopc:perhaps", 1, "\"perhaps\": expected yes, no or a status" },
		{ "threat:extreme", 1, "\"extreme\" is not a threat level" },
		{ "origin:csv", 1, "\"csv\" is not" },
		{ "year:23", 1, "\"23\": expected a year" },
		{ "x year:abcd", 3, "\"abcd\": expected a year" },
		{ "affected>lots", 1, "\"lots\": expected a number" },
		{ "affected>-5", 1, "expected a number" },
		{ "affected>", 1, "expected a number" },
		{ "a b date<2023-13", 5, "\"2023-13\": expected a date" },
		{ "date>=yesterday", 1, "expected a date" },
		{ "title>5", 1, "\"title\" cannot be compared" },
	};
	int failures = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bd_filter *f = (bd_filter *)1;
		bd_error err = { 0 };
		char want[160];
		snprintf(want, sizeof want, "filter, column %d: ", cases[i].column);
		bd_status s = bd_filter_parse(cases[i].filter, &f, &err);
		const char *msg = bd_error_text(&err);
		if (s != BD_EUSAGE || f || strncmp(msg, want, strlen(want)) != 0 || !strstr(msg, cases[i].msg)) {
			print_message("filter '%s': status %d, message \"%s\"; expected \"%s%s\"\n",
				      cases[i].filter, s, msg, want, cases[i].msg);
			failures++;
		}
		assert_int_equal(bd_status_exit(err.code), 2);
		bd_error_clear(&err);
	}
	assert_int_equal(failures, 0);
}

/* ---- matching ---- */

static void matches_force_and_organisation(void **state)
{
	(void)state;
	static const mcase cases[] = {
		{ "force:psni", "a" }, { "force:PSNI", "a" }, { "force:northern", "a" },
		{ "force:\"digital ink\"", "c" }, { "force:metropolitan", "c" }, { "org:met", "c" },
		{ "force:police", "abcf" }, { "force:nowhere", "" },
		/* LIKE wildcards and quotes are plain characters. */
		{ "force:%", "d" }, { "force:_", "d" }, { "force:50%_off", "d" }, { "force:o'brien", "d" },
		{ "force:&", "d" }, { "force:\"x' OR '1'='1\"", "" },
	};
	RUN(cases);
}

static void matches_vocabularies(void **state)
{
	(void)state;
	static const mcase cases[] = {
		{ "kind:theft", "a" }, { "kind:t", "a" }, { "kind:LOSS", "b" },
		{ "kind:\"cyber attack\"", "c" }, { "kind:cyber_attack", "c" }, { "kind:in", "e" },
		{ "kind:accidental", "f" }, { "kind:supplier", "" },
		{ "nation:\"northern ireland\"", "a" }, { "nation:wales", "d" }, { "nation:outside-uk", "e" },
		{ "nation:Scotland", "f" }, { "nation:england", "bc" },
		{ "origin:veris", "e" }, { "origin:native", "abcdf" },
		{ "threat:severe", "ac" }, { "threat:substantial", "bf" }, { "threat:low", "" },
		{ "id:delta-hostile", "d" }, { "id:delta", "" }, { "id:%", "" },
		{ "year:2023", "af" }, { "year:2021", "c" }, { "year:2019", "d" }, { "year:2020", "" },
	};
	RUN(cases);
}

static void matches_field_states(void **state)
{
	(void)state;
	static const mcase cases[] = {
		{ "field:photo", "a" }, { "exposed:video", "b" }, { "field:email", "f" },
		{ "field:id-number", "" }, { "safe:photo", "c" }, { "safe:\"home address\"", "a" },
		{ "safe:financial", "f" }, { "unknown:photo", "bdef" }, { "unknown:email", "abcde" },
		/* Unknown is never safe, and safe is never unknown. */
		{ "unknown:photo safe:photo", "" }, { "unknown:photo field:photo", "" },
	};
	RUN(cases);
}

static void matches_referrals(void **state)
{
	(void)state;
	static const mcase cases[] = {
		{ "ico:yes", "af" }, { "ico:no", "bcde" }, { "ico:fine", "a" }, { "ico:reprimand", "f" },
		{ "ico:referred", "" },         /* a's furthest status is fine */
		{ "nca:yes", "b" }, { "nca:investigating", "b" }, { "nca:no", "acdef" },
		{ "iopc:yes", "bd" }, { "iopc:no", "acef" }, { "iopc:closed", "d" }, { "iopc:referred", "b" },
		{ "-iopc:yes", "acef" }, { "-iopc:no", "bd" },
	};
	RUN(cases);
}

static void matches_numbers_and_dates(void **state)
{
	(void)state;
	static const mcase cases[] = {
		{ "affected>1000", "bef" }, { "affected>=1230", "bef" }, { "affected>1230", "ef" },
		{ "affected<200", "d" }, { "affected<=200", "ad" }, { "affected=0", "d" },
		{ "affected>1,000", "bef" }, { "affected>=0", "abdef" },   /* unknown counts never match */
		{ "date>=2023-08", "aef" }, { "date<2023", "bcd" }, { "date<=2021", "cd" },
		{ "date=2023-08", "af" }, { "date>2023-08", "e" }, { "date>2023", "e" },
		{ "year>=2022", "abef" }, { "date<2022-05", "cd" }, { "date=2024-02-29", "e" },
		{ "date>=2019-06-01", "abcdef" }, { "date<2019-06-01", "" },
		{ "date>=2022 date<2024", "abf" },
	};
	RUN(cases);
}

static void matches_negations_and_combinations(void **state)
{
	(void)state;
	static const mcase cases[] = {
		{ "-kind:theft", "bcdef" }, { "-ico:yes", "bcde" }, { "-threat:severe", "bdef" },
		{ "nation:england kind:loss", "b" }, { "nation:england -kind:loss", "c" },
		{ "-nation:england -nation:wales", "aef" }, { "-affected>1000", "acd" },
	};
	RUN(cases);
}

static void matches_words_as_prefixes(void **state)
{
	(void)state;
	static const mcase cases[] = {
		{ "spreadsheet", "a" }, { "spread", "a" }, { "SPREAD", "a" }, { "officers", "af" },
		{ "officers stolen", "a" }, { "\"officers stolen\"", "a" }, { "-officers", "bcde" },
		{ "cafe", "b" }, { "caf\xC3\xA9", "b" }, { "charlie", "c" }, { "ink", "c" },
		{ "interpol", "e" }, { "nothingatall", "" },
	};
	RUN(cases);
}

static void hostile_text_matches_literally(void **state)
{
	(void)state;
	static const mcase cases[] = {
		/* FTS5 operators are words like any other. */
		{ "NEAR", "d" }, { "near", "d" }, { "OR", "d" }, { "OR star", "d" },
		{ "mark OR spreadsheet", "" }, { "officers OR nothing", "" }, { "AND", "df" }, { "NOT", "" },
		{ "NEAR(mark", "" }, { "star*", "d" }, { "^quote", "d" }, { "quote:x", NULL },
		/* Quotes, percent signs, underscores. */
		{ "Quote - star", "d" }, { "officers - stolen", "a" },
		{ "\"mark\"", "d" }, { "100%", "d" }, { "_under_", "d" }, { "50%_off", "d" },
		{ "drop", "d" }, { "\"DROP TABLE\"", "d" }, { "incident;--", "d" },
		/* Punctuation alone is no word and no operator: it asks for nothing. */
		{ "*", "abcdef" }, { "-", "abcdef" }, { "%", "abcdef" }, { "\"", "abcdef" },
		{ "(", "abcdef" }, { "+ ^", "abcdef" }, { "officers *", "af" }, { "-officers -", "bcde" },
	};
	int failures = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (!cases[i].ids)
			continue;       /* key:value syntax, not a word */
		const char *got = matches(cases[i].filter);
		if (strcmp(got, cases[i].ids) != 0) {
			print_message("filter '%s': got \"%s\", expected \"%s\"\n",
				      cases[i].filter, got, cases[i].ids);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void fts_literal_quotes_every_word(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "a b", "\"a\"* \"b\"*" }, { "  spaced   out ", "\"spaced\"* \"out\"*" },
		{ "say \"hi\"", "\"say\"* \"\"\"hi\"\"\"*" }, { "x*", "\"x*\"*" },
		{ "NEAR(a", "\"NEAR(a\"*" }, { "-", "\"-\"*" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *q = bd_fts_literal(cases[i].in);
		assert_non_null(q);
		assert_string_equal(q, cases[i].out);
		free(q);
	}
	assert_null(bd_fts_literal(""));
	assert_null(bd_fts_literal(" \t "));
}

static void fts_literal_of_many_short_words(void **state)
{
	(void)state;
	/* One-letter words make the query longest for its input. */
	char in[2 * 64], want[6 * 64];
	size_t i = 0, o = 0;
	for (int k = 0; k < 63; k++) {
		o += (size_t)sprintf(want + o, "%s\"%c\"*", k ? " " : "", 'a' + k % 26);
		in[i++] = (char)('a' + k % 26);
		in[i++] = ' ';
	}
	in[i - 1] = '\0';
	char *q = bd_fts_literal(in);
	assert_non_null(q);
	assert_string_equal(q, want);
	free(q);
	/* Quotes double: the worst case for a single word. */
	char quotes[101];
	memset(quotes, '"', 100);
	quotes[100] = '\0';
	strcpy(quotes, "x");
	memset(quotes + 1, '"', 99);
	quotes[100] = '\0';
	q = bd_fts_literal(quotes);
	assert_non_null(q);
	assert_int_equal(strlen(q), 1 + 1 + 2 * 99 + 2);
	free(q);
}

/* ---- sorting and windows ---- */

static void sorts_by_every_key_both_ways(void **state)
{
	(void)state;
	static const struct { int sort; const char *asc; } cases[] = {
		{ BD_SORT_DATE, "dcbfae" }, { BD_SORT_FORCE, "bdecfa" }, { BD_SORT_KIND, "fabecd" },
		{ BD_SORT_AFFECTED, "cdabef" }, { BD_SORT_FIELDS, "cdebaf" }, { BD_SORT_ICO, "bcdefa" },
		{ BD_SORT_NCA, "acdefb" }, { BD_SORT_THREAT, "debfac" }, { BD_SORT_ID, "abcdef" },
		{ BD_SORT_ORIGIN, "abcdfe" },
	};
	assert_int_equal(bd_sort_keys.count, sizeof cases / sizeof cases[0]);
	int failures = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char asc[16], desc[16], rev[16];
		run("", cases[i].sort, false, 0, 100, asc);
		run("", cases[i].sort, true, 0, 100, desc);
		size_t n = strlen(cases[i].asc);
		for (size_t k = 0; k < n; k++)
			rev[k] = cases[i].asc[n - 1 - k];
		rev[n] = '\0';
		if (strcmp(asc, cases[i].asc) || strcmp(desc, rev)) {
			print_message("sort %s: got %s / %s, expected %s / %s\n",
				      bd_vocab_name(&bd_sort_keys, cases[i].sort), asc, desc, cases[i].asc, rev);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
	/* A filter and a sort together. */
	char out[16];
	run("nation:england", BD_SORT_AFFECTED, true, 0, 100, out);
	assert_string_equal(out, "bc");
}

static void sort_keys_have_names(void **state)
{
	(void)state;
	assert_int_equal(bd_vocab_find(&bd_sort_keys, "date"), BD_SORT_DATE);
	assert_int_equal(bd_vocab_find(&bd_sort_keys, "affected"), BD_SORT_AFFECTED);
	assert_int_equal(bd_vocab_find(&bd_sort_keys, "origin"), BD_SORT_ORIGIN);
	assert_int_equal(bd_vocab_find(&bd_sort_keys, "size"), -1);
}

static void windows_page_through_the_rows(void **state)
{
	(void)state;
	char out[16];
	run("", BD_SORT_ID, false, 2, 2, out);
	assert_string_equal(out, "cd");
	run("", BD_SORT_ID, false, 5, 10, out);
	assert_string_equal(out, "f");
	run("", BD_SORT_ID, false, 6, 10, out);
	assert_string_equal(out, "");
	run("", BD_SORT_ID, false, 0, 0, out);
	assert_string_equal(out, "");
	run("nation:england", BD_SORT_ID, false, 1, 1, out);
	assert_string_equal(out, "c");
	run("", BD_SORT_DATE, true, 1, 3, out);
	assert_string_equal(out, "afb");
}

static void rows_carry_the_derived_columns(void **state)
{
	(void)state;
	bd_filter *f = parse_ok("id:alpha-2023-08-theft");
	bd_query q = { .filter = f, .sort = BD_SORT_ID };
	bd_rowset rs;
	assert_int_equal(bd_query_window(store, &q, 0, 10, &rs, NULL), BD_OK);
	assert_int_equal(rs.n, 1);
	const bd_row *r = &rs.v[0];
	assert_string_equal(r->id, "alpha-2023-08-theft");
	assert_string_equal(r->title, "Spreadsheet naming officers stolen");
	assert_string_equal(r->force_short, "PSNI");
	assert_string_equal(r->force, "Police Service of Northern Ireland");
	assert_null(r->supplier);
	assert_int_equal(r->nation, BD_NORTHERN_IRELAND);
	assert_int_equal(r->kind, BD_KIND_THEFT);
	assert_int_equal(r->qualifier, BD_Q_AT_LEAST);
	assert_int_equal(r->origin, BD_ORIGIN_NATIVE);
	assert_int_equal(bd_date_key(r->date), 20230808);
	assert_int_equal(r->affected, 200);
	assert_int_equal(r->exposed, BD_FIELD_BIT(bd_vocab_find(&bd_fields, "name")) |
				     BD_FIELD_BIT(bd_vocab_find(&bd_fields, "photo")));
	assert_int_equal(r->not_exposed, BD_FIELD_BIT(bd_vocab_find(&bd_fields, "home-address")));
	assert_int_equal(r->ico, BD_REF_FINE);
	assert_int_equal(r->nca, -1);
	assert_int_equal(r->threat, BD_LEVEL_SEVERE);
	bd_rowset_free(&rs);
	bd_filter_free(f);
	/* A partial date comes back partial, an unknown count unknown. */
	f = parse_ok("id:charlie-2021-cyber");
	q.filter = f;
	assert_int_equal(bd_query_window(store, &q, 0, 10, &rs, NULL), BD_OK);
	assert_int_equal(rs.n, 1);
	char buf[11];
	bd_date_format(rs.v[0].date, buf);
	assert_string_equal(buf, "2021");
	assert_int_equal(rs.v[0].affected, -1);
	assert_int_equal(rs.v[0].qualifier, BD_Q_UNKNOWN);
	assert_string_equal(rs.v[0].supplier, "Digital Ink Ltd");
	bd_rowset_free(&rs);
	bd_filter_free(f);
}

/* ---- find and position ---- */

static long long find(const char *filter, int sort, bool desc, const char *text, long long from, int dir)
{
	bd_filter *f = parse_ok(filter);
	bd_query q = { .filter = f, .sort = sort, .desc = desc };
	bd_error err = { 0 };
	long long pos = bd_query_find(store, &q, text, from, dir, &err);
	assert_int_equal(err.code, BD_OK);
	q.few = true;   /* the other way of reading: the same answer */
	assert_int_equal(bd_query_find(store, &q, text, from, dir, &err), pos);
	bd_filter_free(f);
	return pos;
}

static void find_moves_to_the_next_match_and_wraps(void **state)
{
	(void)state;
	/* Sorted by id: a0 b1 c2 d3 e4 f5; "officers" is in a and f. */
	assert_int_equal(find("", BD_SORT_ID, false, "officers", -1, 1), 0);
	assert_int_equal(find("", BD_SORT_ID, false, "officers", 0, 1), 5);
	assert_int_equal(find("", BD_SORT_ID, false, "officers", 5, 1), 0);
	assert_int_equal(find("", BD_SORT_ID, false, "officers", 3, 1), 5);
	assert_int_equal(find("", BD_SORT_ID, false, "officers", 0, -1), 5);
	assert_int_equal(find("", BD_SORT_ID, false, "officers", 5, -1), 0);
	assert_int_equal(find("", BD_SORT_ID, false, "officers", 3, -1), 0);
	/* One match: found again from itself. */
	assert_int_equal(find("", BD_SORT_ID, false, "interpol", 4, 1), 4);
	assert_int_equal(find("", BD_SORT_ID, false, "OFFI", -1, 1), 0);
	assert_int_equal(find("", BD_SORT_ID, false, "nothingatall", -1, 1), -1);
	assert_int_equal(find("", BD_SORT_ID, false, "", -1, 1), -1);
	assert_int_equal(find("", BD_SORT_ID, false, "   ", -1, 1), -1);
}

static void find_follows_the_query_order_and_filter(void **state)
{
	(void)state;
	/* By date, newest first: e a f b c d. */
	assert_int_equal(find("", BD_SORT_DATE, true, "officers", -1, 1), 1);
	assert_int_equal(find("", BD_SORT_DATE, true, "officers", 1, 1), 2);
	/* Within a filter: b0 c1. */
	assert_int_equal(find("nation:england", BD_SORT_ID, false, "supplier", -1, 1), 1);
	assert_int_equal(find("nation:england", BD_SORT_ID, false, "officers", -1, 1), -1);
	assert_int_equal(find("ico:yes", BD_SORT_ID, false, "officers", 0, 1), 1);
}

static void find_takes_hostile_text_literally(void **state)
{
	(void)state;
	static const struct { const char *text; long long pos; } cases[] = {
		{ "\"mark\"", 3 }, { "NEAR", 3 }, { "OR", 3 }, { "100%", 3 }, { "_under_", 3 },
		{ "o'brien", 3 }, { "\"", -1 }, { "*", -1 }, { "-", -1 }, { "NEAR(", 3 },
		{ "mark OR spreadsheet", -1 }, { "x\" OR \"y", -1 }, { "'); DROP", 3 },
		{ "Quote - * star", 3 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long long pos = find("", BD_SORT_ID, false, cases[i].text, -1, 1);
		if (pos != cases[i].pos)
			print_message("find '%s': got %lld, expected %lld\n", cases[i].text, pos, cases[i].pos);
		assert_int_equal(pos, cases[i].pos);
	}
}

static long long position(const char *filter, int sort, bool desc, const char *id)
{
	bd_filter *f = parse_ok(filter);
	bd_query q = { .filter = f, .sort = sort, .desc = desc };
	bd_error err = { 0 };
	long long pos = bd_query_position(store, &q, id, &err);
	assert_int_equal(err.code, BD_OK);
	q.few = true;
	assert_int_equal(bd_query_position(store, &q, id, &err), pos);
	bd_filter_free(f);
	return pos;
}

static void search_query(const char *text, const char *want, bool want_none)
{
	bool none = !want_none;
	char *got = bd_text_search_query(store, text, &none);
	if (want)
		assert_non_null(got);
	if (want)
		assert_string_equal(got, want);
	else
		assert_null(got);
	assert_int_equal(none, want_none);
	free(got);
}

static void search_words_are_spelled_out_from_the_index(void **state)
{
	(void)state;
	/* A prefix held by a few words in the index: the words, by name. */
	search_query("spread", "(\"spreadsheet\")", false);
	search_query("Sup", "(\"supplier\")", false);
	search_query("caf", "(\"cafe\")", false);            /* café, folded */
	search_query("o", "(\"o\" OR \"of\" OR \"off\" OR \"officers\" OR \"or\" OR \"outside\")", false);
	search_query("spread car", "(\"spreadsheet\") AND (\"car\" OR \"card\")", false);
	search_query("- spread", "(\"spreadsheet\")", false);       /* punctuation is no word */
	/* A word no incident has: nothing can match, and nothing is asked. */
	search_query("zebra", NULL, true);
	search_query("spread zebra", NULL, true);
	/* No word at all. */
	search_query("   ", NULL, false);
	/* Not a plain word: FTS5's own prefix query, quoted. */
	search_query("body-worn", "\"body-worn\"*", false);
	search_query("\"mark\"", "\"\"\"mark\"\"\"*", false);
	/* And the finds agree with the prefix reading. */
	bd_query q = { .sort = BD_SORT_ID };
	bd_error err = { 0 };
	char *id = bd_query_find_id(store, &q, "spread", NULL, 1, &err);
	assert_non_null(id);
	assert_string_equal(id, "alpha-2023-08-theft");
	free(id);
	assert_null(bd_query_find_id(store, &q, "zebra", NULL, 1, &err));
}

static void position_of_an_id_in_the_query_order(void **state)
{
	(void)state;
	assert_int_equal(position("", BD_SORT_ID, false, "delta-hostile"), 3);
	assert_int_equal(position("", BD_SORT_ID, true, "delta-hostile"), 2);
	assert_int_equal(position("", BD_SORT_DATE, false, "delta-hostile"), 0);
	assert_int_equal(position("", BD_SORT_DATE, true, "delta-hostile"), 5);
	assert_int_equal(position("", BD_SORT_AFFECTED, false, "foxtrot-scot"), 5);
	assert_int_equal(position("nation:england", BD_SORT_ID, false, "charlie-2021-cyber"), 1);
	assert_int_equal(position("nation:england", BD_SORT_ID, false, "alpha-2023-08-theft"), -1);
	assert_int_equal(position("", BD_SORT_ID, false, "no-such-id"), -1);
	assert_int_equal(position("", BD_SORT_ID, false, "x' OR '1'='1"), -1);
	assert_int_equal(position("", BD_SORT_ID, false, ""), -1);
	/* Every row's position is where the window puts it. */
	for (int sort = BD_SORT_DATE; sort <= BD_SORT_ORIGIN; sort++) {
		bd_query q = { .sort = sort, .desc = sort % 2 == 1 };
		bd_rowset rs;
		assert_int_equal(bd_query_window(store, &q, 0, 10, &rs, NULL), BD_OK);
		assert_int_equal(rs.n, 6);
		for (int i = 0; i < rs.n; i++)
			assert_int_equal(bd_query_position(store, &q, rs.v[i].id, NULL), i);
		bd_rowset_free(&rs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_filter_matches_everything),
		cmocka_unit_test(every_key_and_operator_parses),
		cmocka_unit_test(user_text_never_reaches_the_sql),
		cmocka_unit_test(errors_name_the_column),
		cmocka_unit_test(matches_force_and_organisation),
		cmocka_unit_test(matches_vocabularies),
		cmocka_unit_test(matches_field_states),
		cmocka_unit_test(matches_referrals),
		cmocka_unit_test(matches_numbers_and_dates),
		cmocka_unit_test(matches_negations_and_combinations),
		cmocka_unit_test(matches_words_as_prefixes),
		cmocka_unit_test(hostile_text_matches_literally),
		cmocka_unit_test(fts_literal_quotes_every_word),
		cmocka_unit_test(fts_literal_of_many_short_words),
		cmocka_unit_test(sorts_by_every_key_both_ways),
		cmocka_unit_test(sort_keys_have_names),
		cmocka_unit_test(windows_page_through_the_rows),
		cmocka_unit_test(rows_carry_the_derived_columns),
		cmocka_unit_test(find_moves_to_the_next_match_and_wraps),
		cmocka_unit_test(find_follows_the_query_order_and_filter),
		cmocka_unit_test(find_takes_hostile_text_literally),
		cmocka_unit_test(position_of_an_id_in_the_query_order),
		cmocka_unit_test(search_words_are_spelled_out_from_the_index),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
