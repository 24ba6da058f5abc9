/* VERIS records into the model: the mapping table of data/SCHEMA.md, row by
 * row, bad records, and the hand-written fixtures in tests/fixtures/veris.
 * Every mapped incident must survive the native format's own check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "native.h"
#include "render.h"
#include "veris.h"

#include "veris_fixture.h"

static void detects_veris_records(void **state)
{
	(void)state;
	const char *yes[] = { "{\"schema_version\":\"1.3.7\",\"incident_id\":\"x\"}",
			      "{\"schema_version\":\"1.3.7\",\"action\":{}}" };
	const char *no[] = { "{\"schema\":\"breachdash/1\",\"incidents\":[]}",
			     "{\"schema_version\":\"1.3.7\"}", "{\"incident_id\":\"x\"}", "[]" };
	for (size_t i = 0; i < 2; i++) {
		json_t *j = json_loads(yes[i], 0, NULL);
		assert_true(bd_veris_detect(j));
		json_decref(j);
	}
	for (size_t i = 0; i < 4; i++) {
		json_t *j = json_loads(no[i], 0, NULL);
		assert_false(bd_veris_detect(j));
		json_decref(j);
	}
	assert_false(bd_veris_detect(NULL));
}

static void incident_id_makes_the_id_and_record_id(void **state)
{
	(void)state;
	bd_incident inc;
	map_ok("{\"incident_id\": \"FA87B9E1-2A5E-4C02-9970-7FD7FE96BB47\"}", &inc);
	assert_string_equal(inc.id, "veris-fa87b9e1-2a5e-4c02-9970-7fd7fe96bb47");
	assert_string_equal(inc.origin_record_id, "FA87B9E1-2A5E-4C02-9970-7FD7FE96BB47");
	assert_int_equal(inc.origin, BD_ORIGIN_VERIS);
	assert_false(extra_has(&inc, "\"incident_id\""));
	bd_incident_free(&inc);
	map_ok("{\"incident_id\": \"  Odd_ID / 7 \"}", &inc);
	assert_string_equal(inc.id, "veris-odd-id-7");
	bd_incident_free(&inc);
}

static void kind_follows_the_actions(void **state)
{
	(void)state;
	static const struct { const char *changes; int kind; const char *title; } rows[] = {
		{ "{\"action\": {\"error\": {\"variety\": [\"Loss\"]}}}", BD_KIND_LOSS, "records lost" },
		{ "{\"action\": {\"error\": {\"variety\": [\"Misdelivery\"]}}}", BD_KIND_DISCLOSURE,
		  "data sent to the wrong recipient" },
		{ "{\"action\": {\"error\": {\"variety\": [\"Publishing error\"]}}}", BD_KIND_DISCLOSURE,
		  "data published in error" },
		{ "{\"action\": {\"error\": {\"variety\": [\"Disposal error\"]}}}", BD_KIND_DISCLOSURE,
		  "records disposed of insecurely" },
		{ "{\"action\": {\"error\": {\"variety\": [\"Malfunction\"]}}}", BD_KIND_OTHER, "security incident" },
		{ "{\"action\": {\"physical\": {\"variety\": [\"Theft\"]}}}", BD_KIND_THEFT,
		  "theft of equipment or records" },
		{ "{\"action\": {\"physical\": {\"variety\": [\"Tampering\"]}}}", BD_KIND_OTHER,
		  "physical security breach" },
		{ "{\"action\": {\"physical\": {\"variety\": [\"Theft\"]}, \"error\": {\"variety\": [\"Loss\"]}}}",
		  BD_KIND_THEFT, NULL },
		{ "{\"action\": {\"hacking\": {\"variety\": [\"SQLi\"]}}}", BD_KIND_CYBER, "hacked" },
		{ "{\"action\": {\"malware\": {\"variety\": [\"Ransomware\"]}}}", BD_KIND_CYBER, "ransomware attack" },
		{ "{\"action\": {\"social\": {\"variety\": [\"Phishing\"]}}}", BD_KIND_CYBER, "phishing attack" },
		{ "{\"action\": {\"hacking\": {\"variety\": [\"SQLi\"], \"vector\": [\"Partner\"]}}}",
		  BD_KIND_SUPPLIER, "attack through a supplier" },
		{ "{\"action\": {\"hacking\": {\"variety\": [\"SQLi\"]}},"
		  " \"actor\": {\"partner\": {\"name\": [\"Acme IT\"], \"motive\": [\"NA\"]}}}",
		  BD_KIND_SUPPLIER, "supplier compromised" },
		{ "{\"action\": {\"misuse\": {\"variety\": [\"Privilege abuse\"]}, \"hacking\": {\"variety\": [\"Unknown\"]}}}",
		  BD_KIND_INSIDER, "data misused by an insider" },
		{ "{\"action\": {\"environmental\": {\"variety\": [\"Flood\"]}}}", BD_KIND_OTHER, "environmental damage" },
		{ "{\"action\": {\"unknown\": {\"notes\": \"?\"}}}", BD_KIND_OTHER, "security incident" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		bd_incident inc;
		map_ok(rows[i].changes, &inc);
		if (inc.kind != rows[i].kind)
			fail_msg("%s: kind %s", rows[i].changes, bd_vocab_name(&bd_kinds, inc.kind));
		if (rows[i].title) {
			char want[128];
			snprintf(want, sizeof want, "Example Widgets Ltd: %s (2020)", rows[i].title);
			assert_string_equal(inc.title, want);
		}
		bd_incident_free(&inc);
	}
}

static void data_varieties_map_to_fields_never_finer(void **state)
{
	(void)state;
	int personal = bd_vocab_find(&bd_fields, "personal-unspecified");
	int financial = bd_vocab_find(&bd_fields, "financial");
	int medical = bd_vocab_find(&bd_fields, "medical");
	int credentials = bd_vocab_find(&bd_fields, "credentials");
	bd_incident inc;
	map_ok("{\"attribute\": {\"confidentiality\": {\"data_disclosure\": \"Yes\", \"data\": ["
	       "{\"variety\": \"Personal\"}, {\"variety\": \"Bank\"}, {\"variety\": \"Payment\"},"
	       "{\"variety\": \"Medical\"}, {\"variety\": \"Credentials\"}]}}}", &inc);
	assert_int_equal(inc.exposed, BD_FIELD_BIT(personal) | BD_FIELD_BIT(financial) |
			 BD_FIELD_BIT(medical) | BD_FIELD_BIT(credentials));
	assert_int_equal(inc.not_exposed, 0);
	/* what mapped exactly goes from extra */
	assert_false(extra_has(&inc, "\"Medical\""));
	assert_false(extra_has(&inc, "\"Personal\""));
	assert_false(extra_has(&inc, "\"Bank\""));
	bd_incident_free(&inc);

	map_ok("{\"attribute\": {\"confidentiality\": {\"data_disclosure\": \"Yes\","
	       " \"data\": [{\"variety\": \"Sensitive Personal\"}]}}}", &inc);
	assert_int_equal(inc.exposed, BD_FIELD_BIT(personal));
	assert_true(extra_has(&inc, "\"Sensitive Personal\""));  /* finer than our field */
	bd_incident_free(&inc);
}

static void affected_from_total_else_amounts_else_unknown(void **state)
{
	(void)state;
	bd_incident inc;
	map_ok("{\"attribute\": {\"confidentiality\": {\"data_total\": 165000,"
	       " \"data\": [{\"variety\": \"Personal\", \"amount\": 165000}]}}}", &inc);
	assert_int_equal(inc.affected, 165000);
	assert_int_equal(inc.qualifier, BD_Q_APPROX);     /* records, not a head count */
	assert_int_equal(inc.affected_sources.n, 1);
	assert_string_equal(inc.affected_sources.v[0], "vcdb");
	assert_int_equal(inc.n_figures, 2);
	assert_string_equal(inc.figures[0].about, "affected");
	assert_string_equal(inc.figures[0].value, "165,000");
	assert_string_equal(inc.figures[0].note, "records (VERIS data_total), not a head count");
	assert_string_equal(inc.figures[1].about, "records: Personal");   /* kept beside the total */
	assert_string_equal(inc.figures[1].value, "165,000");
	assert_string_equal(inc.figures[0].sources.v[0], "vcdb");
	assert_false(extra_has(&inc, "data_total"));
	bd_incident_free(&inc);

	map_ok("{\"attribute\": {\"confidentiality\": {\"data\": [{\"variety\": \"Personal\", \"amount\": 40},"
	       " {\"variety\": \"Medical\", \"amount\": 2}]}}}", &inc);
	assert_int_equal(inc.affected, 42);
	assert_int_equal(inc.qualifier, BD_Q_AT_LEAST);
	assert_int_equal(inc.n_figures, 3);
	assert_string_equal(inc.figures[0].value, "at least 42");
	bd_incident_free(&inc);

	map_ok("{\"attribute\": {\"confidentiality\": {\"data\": [{\"variety\": \"Unknown\"}]}}}", &inc);
	assert_int_equal(inc.affected, -1);
	assert_int_equal(inc.qualifier, BD_Q_UNKNOWN);
	assert_int_equal(inc.affected_sources.n, 0);
	bd_incident_free(&inc);
}

static void partial_dates_stay_partial(void **state)
{
	(void)state;
	static const struct { const char *incident; const char *want; const char *kept; } rows[] = {
		{ "{\"year\": 2008}", "2008", NULL },
		{ "{\"year\": 2023, \"month\": 8}", "2023-08", NULL },
		{ "{\"year\": 2023, \"month\": 8, \"day\": 26}", "2023-08-26", NULL },
		{ "{\"year\": 2023, \"month\": 13, \"day\": 1}", "2023", "\"month\":13" },
		{ "{\"year\": 2021, \"month\": 2, \"day\": 29}", "2021-02", "\"day\":29" },
		{ "{\"year\": 99}", "", "\"year\":99" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char changes[160], got[11];
		snprintf(changes, sizeof changes, "{\"timeline\": {\"incident\": %s}}", rows[i].incident);
		bd_incident inc;
		map_ok(changes, &inc);
		bd_date_format(inc.occurred, got);
		assert_string_equal(got, rows[i].want);
		assert_false(bd_date_is_set(inc.discovered) || bd_date_is_set(inc.disclosed));
		if (rows[i].kept)
			assert_true(extra_has(&inc, rows[i].kept));
		else
			assert_false(extra_has(&inc, "\"incident\":"));
		bd_incident_free(&inc);
	}
	bd_incident inc;
	map_ok("{\"timeline\": null}", &inc);
	assert_false(bd_date_is_set(bd_incident_date(&inc)));
	assert_string_equal(inc.title, "Example Widgets Ltd: records lost");
	bd_incident_free(&inc);
}

static void uk_forces_are_recognised_by_name(void **state)
{
	(void)state;
	static const struct { const char *name; int nation; const char *short_name; } rows[] = {
		{ "Police Service of Northern Ireland", BD_NORTHERN_IRELAND, "PSNI" },
		{ "PSNI", BD_NORTHERN_IRELAND, "PSNI" },
		{ "Police Scotland", BD_SCOTLAND, "Police Scotland" },
		{ "Dyfed-Powys Police", BD_WALES, "Dyfed-Powys" },
		{ "Dyfed Powys Police", BD_WALES, "Dyfed-Powys" },
		{ "Gwent Police", BD_WALES, "Gwent" },
		{ "North Wales Police", BD_WALES, "North Wales" },
		{ "South Wales Police", BD_WALES, "South Wales" },
		{ "Hertfordshire Police", BD_ENGLAND, "Hertfordshire" },
		{ "Metropolitan Police Service", BD_ENGLAND, "Met" },
		{ "Greater Manchester Police", BD_ENGLAND, "GMP" },
		{ "Devon & Cornwall Police", BD_ENGLAND, "Devon & Cornwall" },
		{ "Devon and Cornwall Constabulary", BD_ENGLAND, "Devon & Cornwall" },
		{ "Norfolk and Suffolk Constabularies", BD_ENGLAND, "Norfolk/Suffolk" },
		{ "south yorkshire police", BD_ENGLAND, "South Yorkshire" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int nation = -1;
		const char *short_name = NULL;
		if (!bd_veris_uk_force(rows[i].name, &nation, &short_name, NULL))
			fail_msg("\"%s\" not recognised", rows[i].name);
		assert_int_equal(nation, rows[i].nation);
		assert_string_equal(short_name, rows[i].short_name);
	}
	const char *not_forces[] = { "Kent County Council", "Essex University", "Wales Online",
				     "Northamptonshire Healthcare", "Sussexshire Police", NULL };
	for (size_t i = 0; i < 5; i++) {
		int nation;
		const char *short_name;
		if (bd_veris_uk_force(not_forces[i], &nation, &short_name, NULL))
			fail_msg("\"%s\" taken for a force", not_forces[i]);
	}
	assert_false(bd_veris_uk_force(NULL, NULL, NULL, NULL));
}

static void nation_country_and_industry(void **state)
{
	(void)state;
	bd_incident inc;
	/* a force: its nation, GB, police protection */
	map_ok("{\"victim\": {\"victim_id\": \"Gwent Police\", \"industry\": null}}", &inc);
	assert_int_equal(inc.nation, BD_WALES);
	assert_string_equal(inc.force, "Gwent Police");
	assert_string_equal(inc.force_short, "Gwent");
	assert_string_equal(inc.country, "GB");
	assert_string_equal(inc.industry, "922120");
	bd_incident_free(&inc);
	/* a force's name with no country given is still the force */
	map_ok("{\"victim\": {\"victim_id\": \"Police Scotland\", \"country\": null, \"industry\": \"92-2120\"}}", &inc);
	assert_int_equal(inc.nation, BD_SCOTLAND);
	assert_string_equal(inc.industry, "922120");
	bd_incident_free(&inc);
	/* a police force's name abroad is not a UK force */
	map_ok("{\"victim\": {\"victim_id\": \"Cleveland Police\", \"country\": [\"US\"], \"industry\": \"922120\"}}", &inc);
	assert_int_equal(inc.nation, BD_OUTSIDE_UK);
	assert_string_equal(inc.country, "US");
	bd_incident_free(&inc);
	/* GB, not police: the nation its state or name says, else England */
	map_ok("{\"victim\": {\"victim_id\": \"Example Water\", \"country\": [\"GB\"], \"state\": \"Scotland\"}}", &inc);
	assert_int_equal(inc.nation, BD_SCOTLAND);
	assert_string_equal(inc.industry, "332999");
	bd_incident_free(&inc);
	map_ok("{\"victim\": {\"victim_id\": \"Welsh Example Board\", \"country\": [\"GB\"]}}", &inc);
	assert_int_equal(inc.nation, BD_WALES);
	bd_incident_free(&inc);
	map_ok("{\"victim\": {\"victim_id\": \"Example Widgets Ltd\", \"country\": [\"GB\"], \"industry\": \"0\"}}", &inc);
	assert_int_equal(inc.nation, BD_UK_UNKNOWN);    /* nothing names its nation */
	assert_null(inc.industry);
	assert_true(extra_has(&inc, "\"industry\":\"0\""));
	bd_incident_free(&inc);
	/* no victim at all */
	map_ok("{\"victim\": null}", &inc);
	assert_string_equal(inc.force, "unknown organisation");
	assert_int_equal(inc.nation, BD_NATION_UNKNOWN);
	assert_null(inc.country);
	bd_incident_free(&inc);
	map_ok("{\"victim\": {\"country\": [\"Unknown\"], \"victim_id\": \"Somewhere\"}}", &inc);
	assert_int_equal(inc.nation, BD_NATION_UNKNOWN);
	assert_null(inc.country);
	bd_incident_free(&inc);
}

static void a_breached_supplier_of_a_force(void **state)
{
	(void)state;
	bd_incident inc;
	map_ok("{\"action\": {\"hacking\": {\"variety\": [\"Use of stolen creds\"]}},"
	       " \"victim\": {\"victim_id\": \"Example Payroll Ltd\", \"country\": [\"GB\"], \"industry\": \"541214\","
	       "   \"secondary\": {\"victim_id\": [\"Metropolitan Police Service\"]}}}", &inc);
	assert_string_equal(inc.force, "Metropolitan Police Service");
	assert_string_equal(inc.force_short, "Met");
	assert_string_equal(inc.supplier, "Example Payroll Ltd");
	assert_int_equal(inc.kind, BD_KIND_SUPPLIER);
	assert_int_equal(inc.nation, BD_ENGLAND);
	assert_string_equal(inc.industry, "922120");
	assert_true(extra_has(&inc, "\"541214\""));     /* the supplier's own industry */
	assert_string_equal(inc.title, "Metropolitan Police Service: supplier compromised (2020)");
	bd_incident_free(&inc);
}

static void short_names_fit_sixteen_columns(void **state)
{
	(void)state;
	static const struct { const char *name, *want; } rows[] = {
		{ "HSBC", "HSBC" },
		{ "Nationwide Building Society", "Nationwide" },
		{ "United States Department of Veterans Affairs", "USDVA" },
		{ "US Central Intelligence Agency (CIA)", "CIA" },
		{ "City of Jerez de la Frontera", "City of Jerez" },
		{ "Supercalifragilisticexpialidocious", "Supercalifragili" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char changes[200];
		snprintf(changes, sizeof changes, "{\"victim\": {\"victim_id\": \"%s\", \"country\": [\"US\"]}}",
			 rows[i].name);
		bd_incident inc;
		map_ok(changes, &inc);
		assert_string_equal(inc.force, rows[i].name);
		assert_string_equal(inc.force_short, rows[i].want);
		assert_true(strlen(inc.force_short) <= 16);
		bd_incident_free(&inc);
	}
}

static void references_become_sources(void **state)
{
	(void)state;
	bd_incident inc;
	map_ok("{\"incident_id\": \"ABC-1\", \"reference\":"
	       " \"http://news.bbc.co.uk/2/hi/7395295.stm(20140214);https://www.Example.com/a?b=1 (20140217),"
	       " no link here; http://news.bbc.co.uk/2/hi/7395295.stm\"}", &inc);
	assert_int_equal(inc.n_sources, 3);
	assert_string_equal(inc.sources[0].id, "vcdb");
	assert_string_equal(inc.sources[0].publisher, "VERIS Community Database");
	assert_string_equal(inc.sources[0].title, "VERIS incident ABC-1, source_id vcdb");
	assert_string_equal(inc.sources[1].id, "ref-1");
	assert_string_equal(inc.sources[1].publisher, "news.bbc.co.uk");
	assert_string_equal(inc.sources[1].url, "http://news.bbc.co.uk/2/hi/7395295.stm");
	assert_string_equal(inc.sources[2].id, "ref-2");
	assert_string_equal(inc.sources[2].publisher, "example.com");
	assert_string_equal(inc.sources[2].url, "https://www.Example.com/a?b=1");
	assert_true(extra_has(&inc, "no link here"));   /* reference kept whole */
	bd_incident_free(&inc);
	map_ok("{\"source_id\": null, \"reference\": null}", &inc);
	assert_int_equal(inc.n_sources, 1);
	assert_string_equal(inc.sources[0].title, "VERIS incident TEST-0001");
	bd_incident_free(&inc);
	map_ok("{\"source_id\": \"partner-feed\"}", &inc);
	assert_string_equal(inc.sources[0].publisher, "VERIS data from source \"partner-feed\"");
	bd_incident_free(&inc);
}

static void impact_becomes_impacts(void **state)
{
	(void)state;
	bd_incident inc;
	map_ok("{\"impact\": {\"overall_rating\": \"Damaging\", \"iso_currency_code\": \"GBP\","
	       " \"overall_amount\": 980000, \"loss\": [{\"variety\": \"Legal and regulatory\","
	       " \"amount\": 980000, \"rating\": \"Major\"}, {\"variety\": \"Brand damage\", \"rating\": \"Unknown\"}],"
	       " \"notes\": \"Fined by the regulator.\"}}", &inc);
	assert_int_equal(inc.n_impacts, 5);
	assert_string_equal(inc.impacts[0].text, "Overall impact rated Damaging (VERIS)");
	assert_string_equal(inc.impacts[1].text, "Overall loss: 980,000 GBP");
	assert_string_equal(inc.impacts[2].text, "Loss: Legal and regulatory, 980,000 GBP, rated Major");
	assert_string_equal(inc.impacts[3].text, "Loss: Brand damage");
	assert_string_equal(inc.impacts[4].text, "Fined by the regulator.");
	for (size_t i = 0; i < inc.n_impacts; i++)
		assert_string_equal(inc.impacts[i].sources.v[0], "vcdb");
	assert_true(extra_has(&inc, "\"impact\":"));
	bd_incident_free(&inc);
	map_ok("{\"impact\": {\"overall_rating\": \"Unknown\"}}", &inc);
	assert_int_equal(inc.n_impacts, 0);
	bd_incident_free(&inc);
}

static void the_rest_is_kept_as_other_veris_data(void **state)
{
	(void)state;
	bd_incident inc;
	map_ok("{\"x_local\": {\"score\": 0.5}, \"discovery_method\": {\"external\": {\"variety\": [\"Customer\"]}},"
	       " \"victim\": {\"victim_id\": \"Example Widgets Ltd\", \"country\": [\"GB\"],"
	       "   \"employee_count\": \"11 to 100\"},"
	       " \"summary\": \"Line one.\\u0001\\nLine two.  \"}", &inc);
	assert_string_equal(inc.summary, "Line one. \nLine two.");
	json_t *x = json_loads(inc.origin_extra, 0, NULL);
	assert_non_null(x);
	assert_non_null(json_object_get(x, "x_local"));
	assert_non_null(json_object_get(x, "discovery_method"));
	assert_non_null(json_object_get(x, "schema_version"));
	assert_non_null(json_object_get(x, "source_id"));
	assert_non_null(json_object_get(x, "action"));
	json_t *v = json_object_get(x, "victim");
	assert_non_null(json_object_get(v, "employee_count"));
	assert_null(json_object_get(v, "victim_id"));
	assert_null(json_object_get(v, "country"));
	assert_null(json_object_get(x, "summary"));
	assert_null(json_object_get(x, "timeline"));
	json_decref(x);
	char *lines = bd_veris_extra_lines(inc.origin_extra);
	assert_non_null(lines);
	assert_non_null(strstr(lines, "discovery_method.external.variety: Customer\n"));
	assert_non_null(strstr(lines, "victim.employee_count: 11 to 100\n"));
	assert_non_null(strstr(lines, "x_local.score: 0.5\n"));
	assert_non_null(strstr(lines, "action.error.variety: Loss\n"));
	free(lines);
	bd_incident_free(&inc);
	assert_null(bd_veris_extra_lines(NULL));
	assert_null(bd_veris_extra_lines("{}"));
	assert_null(bd_veris_extra_lines("not json"));
}

static void bad_records_say_where_and_why(void **state)
{
	(void)state;
	map_bad("{\"victim\": {\"country\": \"GB\"}}", "$.victim.country", "expected an array, got \"GB\"");
	map_bad("{\"victim\": {\"country\": [\"GB\", 7]}}", "$.victim.country[1]", "expected a string, got 7");
	map_bad("{\"attribute\": {\"confidentiality\": {\"data_total\": \"about 2,000\"}}}",
		"$.attribute.confidentiality.data_total", "expected a non-negative integer, got \"about 2,000\"");
	map_bad("{\"attribute\": {\"confidentiality\": {\"data_total\": -5}}}",
		"$.attribute.confidentiality.data_total", "expected a non-negative integer, got -5");
	map_bad("{\"attribute\": {\"confidentiality\": {\"data\": [{\"variety\": \"Personal\", \"amount\": 1.5}]}}}",
		"$.attribute.confidentiality.data[0].amount", "got 1.5");
	map_bad("{\"timeline\": {\"incident\": {\"year\": \"2020\"}}}", "$.timeline.incident.year",
		"expected a non-negative integer, got \"2020\"");
	map_bad("{\"action\": {\"error\": {\"variety\": \"Loss\"}}}", "$.action.error.variety", "expected an array");
	map_bad("{\"action\": [\"error\"]}", "$.action", "expected an object, got an array");
	map_bad("{\"victim\": [{\"victim_id\": \"x\"}]}", "$.victim", "expected an object");
	map_bad("{\"incident_id\": null}", "$", "missing required key \"incident_id\"");
	map_bad("{\"incident_id\": 42}", "$.incident_id", "expected a string, got 42");
	map_bad("{\"incident_id\": \"---\"}", "$.incident_id", "cannot make an id");
	map_bad("{\"incident_id\": \"0123456789012345678901234567890123456789012345678901234567890\"}",
		"$.incident_id", "cannot make an id");
	map_bad("{\"schema_version\": null}", "$", "missing required key \"schema_version\"");
	map_bad("{\"schema_version\": \"1.2\"}", "$.schema_version", "VERIS 1.2 is not read");
	json_t *arr = json_array();
	bd_diags d = { 0 };
	bd_incident inc;
	assert_int_equal(bd_veris_to_incident(arr, "a.json", &inc, &d), 1);
	assert_string_equal(d.v[0].path, "$");
	bd_diags_free(&d);
	json_decref(arr);
}

/* ---- the fixtures ---- */

typedef struct count_sink {
	bd_sink base;
	int n;
	char last[80];
} count_sink;

static bd_status count_item(bd_sink *sink, const bd_incident *inc, bd_error *err)
{
	(void)err;
	count_sink *s = (count_sink *)sink;
	s->n++;
	snprintf(s->last, sizeof s->last, "%s", inc->id);
	round_trips(inc);
	return BD_OK;
}

static char *fixture(const char *name)
{
	const char *top = getenv("BD_TOP");
	char *path = NULL;
	assert_true(asprintf(&path, "%s/tests/fixtures/veris/%s", top ? top : ".", name) > 0);
	return path;
}

static void fixtures_import_or_say_why_not(void **state)
{
	(void)state;
	static const struct { const char *file; int problems; const char *id; const char *where; } rows[] = {
		{ "uk-police-disclosure.json", 0, "veris-b0a1f1c3-0001-4e5a-9c11-f1c3f1c30001", NULL },
		{ "stolen-laptop.json", 0, "veris-b0a1f1c3-0002-4e5a-9c11-f1c3f1c30002", NULL },
		{ "supplier-hack.json", 0, "veris-b0a1f1c3-0003-4e5a-9c11-f1c3f1c30003", NULL },
		{ "missing-timeline.json", 0, "veris-b0a1f1c3-0004-4e5a-9c11-f1c3f1c30004", NULL },
		{ "unknown-total.json", 0, "veris-b0a1f1c3-0005-4e5a-9c11-f1c3f1c30005", NULL },
		{ "future-fields.json", 0, "veris-b0a1f1c3-0006-4e5a-9c11-f1c3f1c30006", NULL },
		{ "unexpected-types.json", 1, NULL, ":47:16: $.victim.country: expected an array, got \"GB\"" },
		{ "not-json.json", 1, NULL, ":11:69: $: not valid JSON" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *path = fixture(rows[i].file);
		count_sink sink = { .base = { .item = count_item } };
		bd_diags d = { 0 };
		int problems = bd_import_veris(path, &sink.base, &d);
		if ((problems > 0) != (rows[i].problems > 0))
			fail_msg("%s: %d problems", rows[i].file, problems);
		if (rows[i].id) {
			assert_int_equal(sink.n, 1);
			assert_string_equal(sink.last, rows[i].id);
		} else {
			char *text = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&text, &len);
			bd_diags_print(&d, f);
			fclose(f);
			assert_int_equal(sink.n, 0);
			if (!strstr(text, rows[i].where) || !strstr(text, rows[i].file))
				fail_msg("%s: said %s", rows[i].file, text);
			assert_ptr_equal(strchr(text, '\n'), text + len - 1);     /* one line */
			free(text);
		}
		bd_diags_free(&d);
		free(path);
	}
}

static void fixtures_map_as_the_table_says(void **state)
{
	(void)state;
	static const struct {
		const char *file, *force, *short_name, *date;
		int nation, kind, qualifier;
		long long affected;
		const char *fields;
	} rows[] = {
		{ "uk-police-disclosure.json", "Police Service of Northern Ireland", "PSNI", "2023-08-08",
		  BD_NORTHERN_IRELAND, BD_KIND_DISCLOSURE, BD_Q_APPROX, 9400, "personal-unspecified" },
		{ "stolen-laptop.json", "Gwent Police", "Gwent", "2022-03",
		  BD_WALES, BD_KIND_THEFT, BD_Q_AT_LEAST, 40, "personal-unspecified, medical" },
		{ "supplier-hack.json", "Metropolitan Police Service", "Met", "2023-08",
		  BD_ENGLAND, BD_KIND_SUPPLIER, BD_Q_APPROX, 47000, "financial, personal-unspecified" },
		{ "missing-timeline.json", "Mairie d'Exemple-sur-Mer", "Mairie", "",
		  BD_OUTSIDE_UK, BD_KIND_CYBER, BD_Q_UNKNOWN, -1, "" },
		{ "unknown-total.json", "Police Scotland", "Police Scotland", "2021",
		  BD_SCOTLAND, BD_KIND_DISCLOSURE, BD_Q_UNKNOWN, -1, "other-data" },
		{ "future-fields.json", "Example Welsh Records Office", "Example Welsh", "2020-04",
		  BD_WALES, BD_KIND_LOSS, BD_Q_AT_LEAST, 15, "personal-unspecified, other-data" },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *path = fixture(rows[i].file), *text;
		size_t len;
		bd_diags d = { 0 };
		json_t *root = bd_veris_load(path, BD_VERIS_MAX_FILE, &text, &len, &d);
		assert_non_null(root);
		bd_incident inc;
		assert_int_equal(bd_veris_to_incident(root, path, &inc, &d), 0);
		char date[11];
		bd_date_format(inc.occurred, date);
		char *fields = bd_render_fields(inc.exposed, false);
		if (strcmp(inc.force, rows[i].force) || strcmp(inc.force_short, rows[i].short_name) ||
		    strcmp(date, rows[i].date) || inc.nation != rows[i].nation || inc.kind != rows[i].kind ||
		    inc.qualifier != rows[i].qualifier || inc.affected != rows[i].affected ||
		    strcmp(fields, rows[i].fields))
			fail_msg("%s: %s / %s / %s / %s / %s / %lld %s / %s", rows[i].file, inc.force,
				 inc.force_short, date, bd_vocab_name(&bd_nations, inc.nation),
				 bd_vocab_name(&bd_kinds, inc.kind), inc.affected,
				 bd_vocab_name(&bd_qualifiers, inc.qualifier), fields);
		free(fields);
		bd_incident_free(&inc);
		json_decref(root);
		free(text);
		free(path);
		bd_diags_free(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(detects_veris_records),
		cmocka_unit_test(incident_id_makes_the_id_and_record_id),
		cmocka_unit_test(kind_follows_the_actions),
		cmocka_unit_test(data_varieties_map_to_fields_never_finer),
		cmocka_unit_test(affected_from_total_else_amounts_else_unknown),
		cmocka_unit_test(partial_dates_stay_partial),
		cmocka_unit_test(uk_forces_are_recognised_by_name),
		cmocka_unit_test(nation_country_and_industry),
		cmocka_unit_test(a_breached_supplier_of_a_force),
		cmocka_unit_test(short_names_fit_sixteen_columns),
		cmocka_unit_test(references_become_sources),
		cmocka_unit_test(impact_becomes_impacts),
		cmocka_unit_test(the_rest_is_kept_as_other_veris_data),
		cmocka_unit_test(bad_records_say_where_and_why),
		cmocka_unit_test(fixtures_import_or_say_why_not),
		cmocka_unit_test(fixtures_map_as_the_table_says),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
