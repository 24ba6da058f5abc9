/* The native incident object: canonical export, and validation that reports
 * every problem with its JSON path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "native.h"

/* A full incident in canonical form: every key, in schema order, compact. */
static const char FULL[] =
	"{\"id\":\"psni-2023-08-test\","
	"\"title\":\"Spreadsheet \\\"naming\\\" officers\","
	"\"summary\":\"Line one\\nLine two\\twith a tab, \xC2\xA3" "750,000, caf\xC3\xA9 and a \\\\ backslash\","
	"\"organisation\":{\"force\":\"Police Service of Northern Ireland\",\"short\":\"PSNI\",\"supplier\":\"Acme Ltd\"},"
	"\"nation\":\"northern-ireland\","
	"\"kind\":\"accidental-disclosure\","
	"\"dates\":{\"occurred\":\"2023-08-08\",\"discovered\":\"2023-08\",\"disclosed\":\"2023\"},"
	"\"affected\":{\"count\":9483,\"qualifier\":\"exact\",\"who\":[\"officers\",\"staff\"],\"sources\":[\"s1\",\"s2\"]},"
	"\"fields\":{\"exposed\":[\"initial\",\"surname\",\"photo\"],\"not_exposed\":[\"home-address\"]},"
	"\"referrals\":["
	"{\"body\":\"ico\",\"by\":\"self\",\"date\":\"2023-08-08\",\"status\":\"fine\",\"amount\":750000,"
	"\"note\":\"Fined in 2024\",\"sources\":[\"s2\"]},"
	"{\"body\":\"nca\",\"status\":\"referred\",\"sources\":[\"s1\"]}],"
	"\"impacts\":[{\"text\":\"Officers moved house\",\"date\":\"2023-09\",\"sources\":[\"s1\"]}],"
	"\"quotes\":[{\"who\":\"Simon Byrne\",\"role\":\"Chief Constable\",\"text\":\"I am deeply sorry\","
	"\"date\":\"2023-08-09\",\"sources\":[\"s1\"]}],"
	"\"figures\":[{\"about\":\"affected\",\"value\":\"9,483\",\"sources\":[\"s1\"],\"note\":\"the force's figure\"},"
	"{\"about\":\"affected\",\"value\":\"about 10,000\",\"sources\":[\"s2\"]}],"
	"\"origin\":{\"format\":\"veris\",\"record_id\":\"V-123\",\"extra\":{\"actor\":[\"internal\"],\"n\":1}},"
	"\"same_as\":\"psni-2023-08-foi\","
	"\"sources\":[{\"id\":\"s1\",\"publisher\":\"BBC News\",\"title\":\"PSNI data breach\","
	"\"url\":\"https://www.bbc.co.uk/news/x\",\"date\":\"2023-08-09\"},"
	"{\"id\":\"s2\",\"publisher\":\"ICO\"}]}";

static const char MINIMAL[] =
	"{\"id\":\"x-1\",\"title\":\"T\",\"organisation\":{\"force\":\"F\",\"short\":\"S\"},"
	"\"nation\":\"england\",\"kind\":\"theft\","
	"\"affected\":{\"count\":null,\"qualifier\":\"unknown\"},"
	"\"sources\":[{\"id\":\"s1\",\"publisher\":\"P\"}]}";

#define MAX_REPORTS 64

typedef struct reports {
	int n;
	char path[MAX_REPORTS][160];
	char msg[MAX_REPORTS][400];
} reports;

static void capture(void *ctx, const char *path, const char *msg)
{
	reports *r = ctx;
	assert_non_null(path);
	assert_non_null(msg);
	if (r->n < MAX_REPORTS) {
		snprintf(r->path[r->n], sizeof r->path[0], "%s", path);
		snprintf(r->msg[r->n], sizeof r->msg[0], "%s", msg);
	}
	r->n++;
}

static bool has(const reports *r, const char *path, const char *msg)
{
	for (int i = 0; i < r->n && i < MAX_REPORTS; i++)
		if (strcmp(r->path[i], path) == 0 && strstr(r->msg[i], msg))
			return true;
	return false;
}

static void print_reports(const reports *r)
{
	for (int i = 0; i < r->n && i < MAX_REPORTS; i++)
		print_message("  report: %s: %s\n", r->path[i], r->msg[i]);
}

static json_t *load(const char *text)
{
	json_error_t e;
	json_t *j = json_loads(text, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
	if (!j)
		print_message("bad test JSON: %s at %d:%d\n", e.text, e.line, e.column);
	assert_non_null(j);
	return j;
}

/* Validates obj at path, capturing reports; the return value must equal the
 * number of reports. */
static int validate(const json_t *obj, const char *path, reports *r)
{
	bd_incident inc;
	memset(r, 0, sizeof *r);
	int n = bd_incident_from_json(obj, path, &inc, capture, r);
	assert_int_equal(n, r->n);
	if (n == 0)
		bd_incident_free(&inc);
	else
		assert_null(inc.id);    /* nothing is half-filled */
	return n;
}

static char *dumps(const json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);
	assert_non_null(s);
	return s;
}

/* text -> incident -> canonical compact text */
static char *canonical(const char *text)
{
	json_t *j = load(text);
	bd_incident inc;
	reports r = { 0 };
	int n = bd_incident_from_json(j, "$", &inc, capture, &r);
	if (n)
		print_reports(&r);
	assert_int_equal(n, 0);
	json_decref(j);
	json_t *out = bd_incident_to_json(&inc);
	assert_non_null(out);
	char *s = dumps(out);
	json_decref(out);
	bd_incident_free(&inc);
	return s;
}

/* ---- round trips ---- */

static void full_incident_round_trips_identically(void **state)
{
	(void)state;
	char *once = canonical(FULL);
	assert_string_equal(once, FULL);
	char *twice = canonical(once);
	assert_string_equal(twice, once);
	free(once);
	free(twice);
}

static void round_trip_survives_indented_text(void **state)
{
	(void)state;
	json_t *j = load(FULL);
	char *pretty = json_dumps(j, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	json_decref(j);
	assert_non_null(pretty);
	assert_non_null(strchr(pretty, '\n'));
	char *back = canonical(pretty);
	assert_string_equal(back, FULL);
	free(back);
	free(pretty);
}

static void model_holds_what_the_json_says(void **state)
{
	(void)state;
	json_t *j = load(FULL);
	bd_incident inc;
	reports r = { 0 };
	assert_int_equal(bd_incident_from_json(j, "$", &inc, capture, &r), 0);
	json_decref(j);
	assert_string_equal(inc.id, "psni-2023-08-test");
	assert_string_equal(inc.same_as, "psni-2023-08-foi");
	assert_string_equal(inc.title, "Spreadsheet \"naming\" officers");
	assert_string_equal(inc.force_short, "PSNI");
	assert_string_equal(inc.supplier, "Acme Ltd");
	assert_int_equal(inc.nation, BD_NORTHERN_IRELAND);
	assert_int_equal(inc.kind, BD_KIND_DISCLOSURE);
	assert_int_equal(bd_date_key(inc.occurred), 20230808);
	assert_int_equal(bd_date_key(inc.discovered), 20230800);
	assert_int_equal(bd_date_key(inc.disclosed), 20230000);
	assert_int_equal(inc.affected, 9483);
	assert_int_equal(inc.qualifier, BD_Q_EXACT);
	assert_int_equal(inc.who, (1u << bd_vocab_find(&bd_who, "officers")) |
				  (1u << bd_vocab_find(&bd_who, "staff")));
	assert_int_equal(inc.affected_sources.n, 2);
	assert_string_equal(inc.affected_sources.v[1], "s2");
	assert_int_equal(inc.exposed, BD_FIELD_BIT(bd_vocab_find(&bd_fields, "initial")) |
				      BD_FIELD_BIT(bd_vocab_find(&bd_fields, "surname")) |
				      BD_FIELD_BIT(bd_vocab_find(&bd_fields, "photo")));
	assert_int_equal(inc.not_exposed, BD_FIELD_BIT(bd_vocab_find(&bd_fields, "home-address")));
	assert_int_equal(inc.n_referrals, 2);
	assert_int_equal(inc.referrals[0].body, BD_BODY_ICO);
	assert_int_equal(inc.referrals[0].status, BD_REF_FINE);
	assert_int_equal(inc.referrals[0].amount, 750000);
	assert_int_equal(inc.referrals[1].amount, -1);
	assert_null(inc.referrals[1].by);
	assert_int_equal(inc.n_impacts, 1);
	assert_int_equal(inc.n_quotes, 1);
	assert_string_equal(inc.quotes[0].role, "Chief Constable");
	assert_int_equal(inc.n_figures, 2);
	assert_int_equal(bd_incident_conflicts(&inc, NULL, NULL), 1);
	assert_int_equal(inc.origin, BD_ORIGIN_VERIS);
	assert_string_equal(inc.origin_record_id, "V-123");
	assert_string_equal(inc.origin_extra, "{\"actor\":[\"internal\"],\"n\":1}");
	assert_int_equal(inc.n_sources, 2);
	assert_null(inc.sources[1].url);
	bd_incident_free(&inc);
}

static void export_puts_keys_and_lists_in_canonical_order(void **state)
{
	(void)state;
	/* Keys shuffled, vocabulary lists out of vocabulary order. */
	static const char shuffled[] =
		"{\"sources\":[{\"publisher\":\"P\",\"id\":\"s1\"}],"
		"\"fields\":{\"not_exposed\":[\"phone\",\"name\"],\"exposed\":[\"photo\",\"rank\"]},"
		"\"affected\":{\"sources\":[\"s1\"],\"who\":[\"public\",\"officers\"],\"qualifier\":\"approx\",\"count\":10},"
		"\"kind\":\"loss\",\"nation\":\"wales\",\"organisation\":{\"short\":\"S\",\"force\":\"F\"},"
		"\"title\":\"T\",\"id\":\"x-2\"}";
	char *out = canonical(shuffled);
	assert_string_equal(out,
		"{\"id\":\"x-2\",\"title\":\"T\",\"organisation\":{\"force\":\"F\",\"short\":\"S\"},"
		"\"nation\":\"wales\",\"kind\":\"loss\","
		"\"affected\":{\"count\":10,\"qualifier\":\"approx\",\"who\":[\"officers\",\"public\"],\"sources\":[\"s1\"]},"
		"\"fields\":{\"exposed\":[\"rank\",\"photo\"],\"not_exposed\":[\"name\",\"phone\"]},"
		"\"sources\":[{\"id\":\"s1\",\"publisher\":\"P\"}]}");
	free(out);
}

static void minimal_incident_writes_only_required_keys(void **state)
{
	(void)state;
	char *out = canonical(MINIMAL);
	assert_string_equal(out, MINIMAL);
	free(out);
	/* Empty optional containers are not written back. */
	json_t *j = load(MINIMAL);
	json_object_set_new(j, "dates", json_object());
	json_object_set_new(j, "fields", load("{\"exposed\":[],\"not_exposed\":[]}"));
	json_object_set_new(j, "referrals", json_array());
	char *text = dumps(j);
	json_decref(j);
	out = canonical(text);
	assert_string_equal(out, MINIMAL);
	free(out);
	free(text);
}

/* ---- validation, one problem at a time ---- */

/* Sets (or, with value NULL, deletes) the member at a dotted path such as
 * "referrals.0.amount" in root. */
static void put(json_t *root, const char *dotted, const char *value)
{
	char *path = strdup(dotted), *save = NULL;
	json_t *cur = root;
	char *seg = strtok_r(path, ".", &save);
	for (;;) {
		char *next = strtok_r(NULL, ".", &save);
		bool index = seg[0] >= '0' && seg[0] <= '9';
		if (!next) {
			json_t *v = value ? load(value) : NULL;
			if (index && v)
				assert_int_equal(json_array_set_new(cur, strtoul(seg, NULL, 10), v), 0);
			else if (index)
				assert_int_equal(json_array_remove(cur, strtoul(seg, NULL, 10)), 0);
			else if (v)
				assert_int_equal(json_object_set_new(cur, seg, v), 0);
			else
				assert_int_equal(json_object_del(cur, seg), 0);
			break;
		}
		cur = index ? json_array_get(cur, strtoul(seg, NULL, 10)) : json_object_get(cur, seg);
		assert_non_null(cur);
		seg = next;
	}
	free(path);
}

typedef struct vcase {
	const char *where;      /* dotted path to change */
	const char *value;      /* JSON text, or NULL to delete */
	int count;              /* problems expected */
	const char *path;       /* one of them at this JSON path ... */
	const char *msg;        /* ... with this in its message */
} vcase;

static void run_cases(const vcase *cases, size_t n)
{
	int failures = 0;
	for (size_t i = 0; i < n; i++) {
		const vcase *c = &cases[i];
		json_t *j = load(FULL);
		put(j, c->where, c->value);
		reports r;
		int got = validate(j, "$", &r);
		json_decref(j);
		bool ok = got == c->count && (c->count == 0 || has(&r, c->path, c->msg));
		if (!ok) {
			print_message("case %zu: %s = %s: expected %d problem(s) with %s: %s; got %d\n",
				      i, c->where, c->value ? c->value : "(deleted)", c->count,
				      c->path ? c->path : "-", c->msg ? c->msg : "-", got);
			print_reports(&r);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

#define RUN(cases) run_cases(cases, sizeof cases / sizeof cases[0])

static void reports_missing_required_keys(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "id", NULL, 1, "$", "missing required key \"id\"" },
		{ "title", NULL, 1, "$", "missing required key \"title\"" },
		{ "organisation", NULL, 1, "$", "missing required key \"organisation\"" },
		{ "nation", NULL, 1, "$", "missing required key \"nation\"" },
		{ "kind", NULL, 1, "$", "missing required key \"kind\"" },
		{ "affected", NULL, 1, "$", "missing required key \"affected\"" },
		{ "organisation.force", NULL, 1, "$.organisation", "missing required key \"force\"" },
		{ "organisation.short", NULL, 1, "$.organisation", "missing required key \"short\"" },
		{ "affected.count", NULL, 1, "$.affected", "missing required key \"count\"" },
		{ "affected.qualifier", NULL, 1, "$.affected", "missing required key \"qualifier\"" },
		{ "affected.sources", NULL, 1, "$.affected", "missing required key \"sources\"" },
		{ "referrals.1.body", NULL, 1, "$.referrals[1]", "missing required key \"body\"" },
		{ "referrals.1.status", NULL, 1, "$.referrals[1]", "missing required key \"status\"" },
		{ "referrals.0.sources", NULL, 1, "$.referrals[0]", "missing required key \"sources\"" },
		{ "impacts.0.text", NULL, 1, "$.impacts[0]", "missing required key \"text\"" },
		{ "quotes.0.who", NULL, 1, "$.quotes[0]", "missing required key \"who\"" },
		{ "quotes.0.text", NULL, 1, "$.quotes[0]", "missing required key \"text\"" },
		{ "figures.0.about", NULL, 1, "$.figures[0]", "missing required key \"about\"" },
		{ "figures.1.value", NULL, 1, "$.figures[1]", "missing required key \"value\"" },
		{ "figures.1.sources", NULL, 1, "$.figures[1]", "missing required key \"sources\"" },
		{ "origin.format", NULL, 1, "$.origin", "missing required key \"format\"" },
		{ "sources.1.publisher", NULL, 1, "$.sources[1]", "missing required key \"publisher\"" },
		/* Optional keys may be left out. */
		{ "summary", NULL, 0, NULL, NULL },
		{ "dates", NULL, 0, NULL, NULL },
		{ "fields", NULL, 0, NULL, NULL },
		{ "referrals", NULL, 0, NULL, NULL },
		{ "origin", NULL, 0, NULL, NULL },
		{ "organisation.supplier", NULL, 0, NULL, NULL },
		{ "affected.who", NULL, 0, NULL, NULL },
		{ "sources.0.url", NULL, 0, NULL, NULL },
	};
	RUN(cases);
}

static void empty_object_lists_every_missing_key(void **state)
{
	(void)state;
	json_t *j = json_object();
	reports r;
	assert_int_equal(validate(j, "$", &r), 7);
	json_decref(j);
	static const char *const keys[] = { "id", "title", "organisation", "nation",
					    "kind", "affected", "sources" };
	for (size_t i = 0; i < 7; i++) {
		char msg[64];
		snprintf(msg, sizeof msg, "missing required key \"%s\"", keys[i]);
		assert_true(has(&r, "$", msg));
	}
}

static void reports_wrong_types_with_what_was_given(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "title", "5", 1, "$.title", "expected a string, got 5" },
		{ "summary", "true", 1, "$.summary", "expected a string, got true" },
		{ "summary", "null", 1, "$.summary", "got null" },
		{ "organisation", "\"Met\"", 1, "$.organisation", "expected an object, got \"Met\"" },
		{ "organisation.short", "[]", 1, "$.organisation.short", "expected a string, got an array" },
		{ "affected", "7", 1, "$.affected", "expected an object, got 7" },
		{ "affected.count", "\"lots\"", 1, "$.affected.count",
		  "expected a non-negative integer or null, got \"lots\"" },
		{ "affected.count", "-3", 1, "$.affected.count", "got -3" },
		{ "affected.count", "2.5", 1, "$.affected.count", "got 2.5" },
		{ "affected.count", "false", 1, "$.affected.count", "got false" },
		{ "dates", "[]", 1, "$.dates", "expected an object, got an array" },
		{ "fields", "\"none\"", 1, "$.fields", "expected an object" },
		{ "fields.exposed", "\"name\"", 1, "$.fields.exposed", "expected an array" },
		{ "referrals", "{}", 1, "$.referrals", "expected an array, got an object" },
		{ "impacts.0", "5", 1, "$.impacts[0]", "expected an object, got 5" },
		{ "quotes", "null", 1, "$.quotes", "expected an array, got null" },
		{ "sources.0.url", "1", 1, "$.sources[0].url", "expected a string, got 1" },
		{ "referrals.0.amount", "\"100\"", 1, "$.referrals[0].amount", "non-negative integer" },
		{ "referrals.0.amount", "-5", 1, "$.referrals[0].amount", "non-negative integer" },
		{ "referrals.0.amount", "1.5", 1, "$.referrals[0].amount", "non-negative integer" },
		{ "origin", "[]", 1, "$.origin", "expected an object" },
		{ "origin.extra", "[1]", 1, "$.origin.extra", "expected an object, got an array" },
		{ "origin.record_id", "42", 1, "$.origin.record_id", "expected a string" },
		{ "figures.0.sources.0", "1", 1, "$.figures[0].sources[0]", "expected a source id, got 1" },
		{ "affected.sources", "[]", 1, "$.affected.sources", "non-empty array of source ids" },
		{ "quotes.0.sources", "\"s1\"", 1, "$.quotes[0].sources", "non-empty array of source ids" },
		{ "title", "\"\"", 1, "$.title", "must not be empty" },
		{ "organisation.supplier", "\"\"", 1, "$.organisation.supplier", "must not be empty" },
	};
	RUN(cases);
}

static void reports_values_outside_the_vocabulary(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "nation", "\"ulster\"", 1, "$.nation",
		  "expected a nation (england, wales, scotland, northern-ireland, outside-uk, uk-unknown, unknown), got \"ulster\"" },
		{ "nation", "\"England\"", 1, "$.nation", "got \"England\"" },
		{ "nation", "3", 1, "$.nation", "got 3" },
		{ "kind", "\"hack\"", 1, "$.kind", "expected a kind (supplier-compromise, " },
		{ "affected.qualifier", "\"about\"", 1, "$.affected.qualifier", "expected a qualifier (exact, approx" },
		{ "affected.who.1", "\"police\"", 1, "$.affected.who[1]", "affected group" },
		{ "fields.exposed.0", "\"shoe-size\"", 1, "$.fields.exposed[0]", "expected a field (name, initial" },
		{ "fields.not_exposed.0", "\"Home-Address\"", 1, "$.fields.not_exposed[0]", "got \"Home-Address\"" },
		{ "referrals.1.body", "\"police\"", 1, "$.referrals[1].body", "referral body" },
		{ "referrals.1.status", "\"done\"", 1, "$.referrals[1].status", "referral status" },
		{ "origin.format", "\"csv\"", 1, "$.origin.format", "origin (native, veris), got \"csv\"" },
	};
	RUN(cases);
}

static void reports_bad_slugs(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "id", "\"Met_2023\"", 1, "$.id", "expected a slug" },
		{ "id", "\"-met\"", 1, "$.id", "expected a slug" },
		{ "id", "\"\"", 1, "$.id", "expected a slug" },
		{ "id", "\"met 2023\"", 1, "$.id", "expected a slug" },
		{ "id", "\"m\\u00e9t\"", 1, "$.id", "expected a slug" },
		{ "id", "[\"met\"]", 1, "$.id", "got an array" },
		{ "id", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", 1, "$.id",
		  "at most 64" },
		{ "id", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", 0, NULL, NULL },
		{ "id", "\"0-met-\"", 0, NULL, NULL },
		{ "same_as", "\"PSNI 2023\"", 1, "$.same_as", "expected a slug" },
		{ "same_as", "null", 1, "$.same_as", "expected a slug" },
		{ "same_as", "\"psni-2023-08-test\"", 1, "$.same_as", "not the same incident as itself" },
		{ "same_as", NULL, 0, NULL, NULL },
		/* A source whose id is bad cannot be referred to: s2 is referred to
		 * three times. */
		{ "sources.1.id", "\"S2\"", 4, "$.sources[1].id", "expected a slug" },
		{ "sources.1.id", "2", 4, "$.affected.sources[1]", "no source with id \"s2\"" },
	};
	RUN(cases);
}

static void reports_bad_dates(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "dates.occurred", "\"2023-02-30\"", 1, "$.dates.occurred",
		  "expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got \"2023-02-30\"" },
		{ "dates.discovered", "\"23-08\"", 1, "$.dates.discovered", "got \"23-08\"" },
		{ "dates.disclosed", "2023", 1, "$.dates.disclosed", "got 2023" },
		{ "dates.occurred", "\"\"", 1, "$.dates.occurred", "expected a date" },
		{ "referrals.0.date", "\"2023-8-8\"", 1, "$.referrals[0].date", "expected a date" },
		{ "sources.0.date", "\"yesterday\"", 1, "$.sources[0].date", "expected a date" },
		{ "impacts.0.date", "\"2023-13\"", 1, "$.impacts[0].date", "expected a date" },
		{ "quotes.0.date", "\"2023-08-08T10:00\"", 1, "$.quotes[0].date", "expected a date" },
		{ "dates.occurred", "\"2024-02-29\"", 0, NULL, NULL },
		{ "dates.happened", "\"2023\"", 1, "$.dates.happened", "unknown key" },
	};
	RUN(cases);
}

static void reports_field_both_exposed_and_not(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "fields.not_exposed", "[\"home-address\",\"photo\"]", 1, "$.fields",
		  "\"photo\" is both exposed and not exposed" },
		{ "fields.not_exposed", "[\"initial\",\"photo\"]", 2, "$.fields",
		  "\"initial\" is both exposed and not exposed" },
	};
	RUN(cases);
}

static void reports_duplicates_in_a_list(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "fields.exposed", "[\"name\",\"rank\",\"name\"]", 1, "$.fields.exposed[2]",
		  "\"name\" is listed twice" },
		{ "fields.not_exposed", "[\"phone\",\"phone\"]", 1, "$.fields.not_exposed[1]",
		  "\"phone\" is listed twice" },
		{ "affected.who", "[\"staff\",\"staff\"]", 1, "$.affected.who[1]", "\"staff\" is listed twice" },
		/* The second source takes the first one's id, so s2 is gone too. */
		{ "sources.1.id", "\"s1\"", 4, "$.sources[1]", "source id \"s1\" is used twice" },
	};
	RUN(cases);
}

static void reports_unknown_keys_everywhere(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "titel", "\"x\"", 1, "$.titel", "unknown key" },
		{ "bad key", "1", 1, "$[\"bad key\"]", "unknown key" },
		{ "organisation.name", "\"x\"", 1, "$.organisation.name", "unknown key" },
		{ "affected.total", "1", 1, "$.affected.total", "unknown key" },
		{ "fields.safe", "[]", 1, "$.fields.safe", "unknown key" },
		{ "referrals.0.amout", "1", 1, "$.referrals[0].amout", "unknown key" },
		{ "impacts.0.who", "\"x\"", 1, "$.impacts[0].who", "unknown key" },
		{ "quotes.0.url", "\"x\"", 1, "$.quotes[0].url", "unknown key" },
		{ "figures.0.unit", "\"x\"", 1, "$.figures[0].unit", "unknown key" },
		{ "origin.source", "\"x\"", 1, "$.origin.source", "unknown key" },
		{ "sources.0.ID", "\"s1\"", 1, "$.sources[0].ID", "unknown key" },
		/* origin.extra is kept verbatim: anything goes inside it. */
		{ "origin.extra.anything", "{\"deep\":[1,2,{\"x\":null}]}", 0, NULL, NULL },
	};
	RUN(cases);
}

static void reports_source_ids_not_in_sources(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "affected.sources.0", "\"s9\"", 1, "$.affected.sources[0]",
		  "no source with id \"s9\" in this incident's sources" },
		{ "referrals.1.sources.0", "\"s3\"", 1, "$.referrals[1].sources[0]", "no source with id \"s3\"" },
		{ "impacts.0.sources.0", "\"S1\"", 1, "$.impacts[0].sources[0]", "no source with id \"S1\"" },
		{ "quotes.0.sources.0", "\"\"", 1, "$.quotes[0].sources[0]", "no source with id" },
		{ "figures.1.sources.0", "\"bbc\"", 1, "$.figures[1].sources[0]", "no source with id \"bbc\"" },
		{ "sources", "[]", 9, "$.sources", "at least one source is required" },
	};
	RUN(cases);
}

static void reports_amount_without_a_fine(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "referrals.1.amount", "100", 1, "$.referrals[1].amount",
		  "an amount is only allowed with status \"fine\"" },
		{ "referrals.0.status", "\"closed\"", 1, "$.referrals[0].amount",
		  "an amount is only allowed with status \"fine\"" },
		{ "referrals.0.amount", "0", 0, NULL, NULL },
		{ "referrals.0.amount", NULL, 0, NULL, NULL },
	};
	RUN(cases);
}

static void reports_unknown_qualifier_with_a_count(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "affected.qualifier", "\"unknown\"", 1, "$.affected.qualifier",
		  "\"unknown\" goes with a null count, and only with it" },
		{ "affected.count", "null", 1, "$.affected.qualifier",
		  "\"unknown\" goes with a null count, and only with it" },
		{ "affected", "{\"count\":null,\"qualifier\":\"unknown\"}", 0, NULL, NULL },
		{ "affected", "{\"count\":0,\"qualifier\":\"exact\",\"sources\":[\"s1\"]}", 0, NULL, NULL },
	};
	RUN(cases);
}

static void reports_control_characters(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{ "title", "\"a\\u0007b\"", 1, "$.title", "contains a control character" },
		{ "title", "\"\\u001b[31mred\"", 1, "$.title", "contains a control character" },
		{ "title", "\"carriage\\rreturn\"", 1, "$.title", "contains a control character" },
		{ "organisation.force", "\"x\\u007f\"", 1, "$.organisation.force", "contains a control character" },
		{ "summary", "\"a\\u0000b\"", 1, "$.summary", "contains a NUL character" },
		{ "sources.0.publisher", "\"\\u001b]52;c;SGVsbG8=\\u0007\"", 1, "$.sources[0].publisher",
		  "contains a control character" },
		/* C1 controls are control characters too (U+009B is CSI). */
		{ "title", "\"\\u009b31m\"", 1, "$.title", "contains a control character" },
		{ "figures.0.note", "\"next\\u0085line\"", 1, "$.figures[0].note", "contains a control character" },
		/* Newline and tab are allowed; so is other non-ASCII text. */
		{ "summary", "\"one\\ntwo\\tthree\"", 0, NULL, NULL },
		{ "title", "\"\\u00a0\\u00e9\\u2014\\u65e5\"", 0, NULL, NULL },
	};
	RUN(cases);
}

static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 3);
	assert_non_null(s);
	s[0] = '"';
	memset(s + 1, c, n);
	s[n + 1] = '"';
	s[n + 2] = '\0';
	return s;
}

static void enforces_text_length_limits(void **state)
{
	(void)state;
	static const struct { const char *where; size_t max; const char *path; } limits[] = {
		{ "title", 4096, "$.title" },
		{ "summary", 16384, "$.summary" },
		{ "organisation.short", 64, "$.organisation.short" },
		{ "quotes.0.text", 4096, "$.quotes[0].text" },
	};
	for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
		char *ok = repeat('x', limits[i].max), *long_ = repeat('x', limits[i].max + 1);
		char msg[80];
		snprintf(msg, sizeof msg, "too long: %zu bytes, at most %zu", limits[i].max + 1, limits[i].max);
		vcase cases[] = {
			{ limits[i].where, ok, 0, NULL, NULL },
			{ limits[i].where, long_, 1, limits[i].path, msg },
		};
		RUN(cases);
		free(ok);
		free(long_);
	}
}

static void describes_bad_values_briefly_and_safely(void **state)
{
	(void)state;
	json_t *j = load(FULL);
	put(j, "nation", "\"\\u001b[2J\\u001b]0;pwned\\u0007 and then a very long tail of text that goes on\"");
	reports r;
	assert_int_equal(validate(j, "$", &r), 1);
	json_decref(j);
	assert_string_equal(r.path[0], "$.nation");
	for (const char *c = r.msg[0]; *c; c++)
		assert_true(*c >= 0x20 && *c < 0x7f);
	size_t len = strlen(r.msg[0]);
	assert_true(len > 5);
	assert_string_equal(r.msg[0] + len - 4, "...\"");
	assert_non_null(strstr(r.msg[0], "got \"?[2J?]0;pwned? and"));
}

static void reports_every_problem_in_one_object(void **state)
{
	(void)state;
	json_t *j = load(FULL);
	put(j, "id", "\"Bad Id\"");
	put(j, "titel", "\"typo\"");
	put(j, "nation", "\"mars\"");
	put(j, "affected.count", "\"lots\"");
	put(j, "fields.not_exposed", "[\"photo\"]");
	put(j, "referrals.1.amount", "5");
	put(j, "sources.0.date", "\"2023-02-30\"");
	put(j, "figures.1.sources.0", "\"zz\"");
	reports r;
	int n = validate(j, "$", &r);
	json_decref(j);
	if (n != 8)
		print_reports(&r);
	assert_int_equal(n, 8);
	assert_true(has(&r, "$.id", "slug"));
	assert_true(has(&r, "$.titel", "unknown key"));
	assert_true(has(&r, "$.nation", "got \"mars\""));
	assert_true(has(&r, "$.affected.count", "got \"lots\""));
	assert_true(has(&r, "$.fields", "\"photo\" is both"));
	assert_true(has(&r, "$.referrals[1].amount", "only allowed"));
	assert_true(has(&r, "$.sources[0].date", "expected a date"));
	assert_true(has(&r, "$.figures[1].sources[0]", "\"zz\""));
}

static void paths_start_from_the_objects_own_path(void **state)
{
	(void)state;
	json_t *j = load(FULL);
	put(j, "title", "7");
	put(j, "affected.who.0", "\"cats\"");
	reports r;
	assert_int_equal(validate(j, "$.incidents[3]", &r), 2);
	json_decref(j);
	assert_true(has(&r, "$.incidents[3].title", "expected a string"));
	assert_true(has(&r, "$.incidents[3].affected.who[0]", "got \"cats\""));
}

static void non_object_is_reported_at_its_path(void **state)
{
	(void)state;
	static const struct { const char *json; const char *got; } cases[] = {
		{ "[]", "got an array" }, { "\"x\"", "got \"x\"" }, { "null", "got null" }, { "12", "got 12" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *j = load(cases[i].json);
		reports r;
		assert_int_equal(validate(j, "$.incidents[4]", &r), 1);
		json_decref(j);
		assert_string_equal(r.path[0], "$.incidents[4]");
		assert_non_null(strstr(r.msg[0], "expected an incident object"));
		assert_non_null(strstr(r.msg[0], cases[i].got));
	}
}

static void counts_problems_without_a_callback(void **state)
{
	(void)state;
	json_t *j = load(FULL);
	put(j, "kind", "\"x\"");
	put(j, "nation", "\"y\"");
	bd_incident inc;
	assert_int_equal(bd_incident_from_json(j, "$", &inc, NULL, NULL), 2);
	json_decref(j);
	assert_null(inc.id);
	assert_int_equal(inc.n_sources, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_incident_round_trips_identically),
		cmocka_unit_test(round_trip_survives_indented_text),
		cmocka_unit_test(model_holds_what_the_json_says),
		cmocka_unit_test(export_puts_keys_and_lists_in_canonical_order),
		cmocka_unit_test(minimal_incident_writes_only_required_keys),
		cmocka_unit_test(reports_missing_required_keys),
		cmocka_unit_test(empty_object_lists_every_missing_key),
		cmocka_unit_test(reports_wrong_types_with_what_was_given),
		cmocka_unit_test(reports_values_outside_the_vocabulary),
		cmocka_unit_test(reports_bad_slugs),
		cmocka_unit_test(reports_bad_dates),
		cmocka_unit_test(reports_field_both_exposed_and_not),
		cmocka_unit_test(reports_duplicates_in_a_list),
		cmocka_unit_test(reports_unknown_keys_everywhere),
		cmocka_unit_test(reports_source_ids_not_in_sources),
		cmocka_unit_test(reports_amount_without_a_fine),
		cmocka_unit_test(reports_unknown_qualifier_with_a_count),
		cmocka_unit_test(reports_control_characters),
		cmocka_unit_test(enforces_text_length_limits),
		cmocka_unit_test(describes_bad_values_briefly_and_safely),
		cmocka_unit_test(reports_every_problem_in_one_object),
		cmocka_unit_test(paths_start_from_the_objects_own_path),
		cmocka_unit_test(non_object_is_reported_at_its_path),
		cmocka_unit_test(counts_problems_without_a_callback),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
