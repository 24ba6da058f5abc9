/* VERIS records say what VERIS says (issue 15): a UK force whatever its
 * country code, unknown kept unknown, disclosure Yes / Potentially / No /
 * Unknown, every data variety in the exposure groups, what data_total
 * counts, the notification date, an unknown victim, and where a record came
 * from. One test per rule of the mapping table in data/SCHEMA.md. */
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
#include "threat.h"
#include "veris.h"
#include "veris_fixture.h"

static void a_uk_only_force_name_outweighs_the_country_code(void **state)
{
	(void)state;
	bd_incident inc;
	map_ok("{\"victim\": {\"victim_id\": \"Police Service of Northern Ireland\", \"country\": [\"IE\"],"
	       " \"industry\": \"922120\"}}", &inc);
	assert_int_equal(inc.nation, BD_NORTHERN_IRELAND);
	assert_string_equal(inc.force_short, "PSNI");
	assert_string_equal(inc.country, "GB");
	assert_string_equal(inc.industry, "922120");
	assert_true(extra_has(&inc, "\"country\":[\"IE\"]"));   /* the record's code is kept */
	char *note = bd_veris_country_note(&inc);
	assert_string_equal(note, "country IE in the record; recognised as PSNI");
	free(note);
	assert_int_equal(bd_threat_scope_for(inc.nation), BD_SCOPE_NI);
	bd_incident_free(&inc);

	/* names that forces abroad also have: the country code decides */
	static const char *const shared[] = { "Cleveland Police", "Kent Police Department",
		"Las Vegas Metropolitan Police Department", "New South Wales Police Force" };
	for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++) {
		char changes[200];
		snprintf(changes, sizeof changes, "{\"victim\": {\"victim_id\": \"%s\", \"country\": [\"US\"]}}",
			 shared[i]);
		map_ok(changes, &inc);
		if (inc.nation != BD_OUTSIDE_UK)
			fail_msg("%s in the US taken for a UK force", shared[i]);
		assert_null(bd_veris_country_note(&inc));
		bd_incident_free(&inc);
	}
	/* a recognised force with its own country: nothing to say */
	map_ok("{\"victim\": {\"victim_id\": \"Gwent Police\", \"country\": [\"GB\"]}}", &inc);
	assert_null(bd_veris_country_note(&inc));
	bd_incident_free(&inc);
}

static void unknown_stays_unknown(void **state)
{
	(void)state;
	bd_incident inc;
	/* in GB, no nation named: in the UK, nation unknown (never England) */
	map_ok("{\"victim\": {\"victim_id\": \"Example Widgets Ltd\", \"country\": [\"GB\"]}}", &inc);
	assert_int_equal(inc.nation, BD_UK_UNKNOWN);
	assert_string_equal(bd_vocab_label(&bd_nations, inc.nation), "United Kingdom, nation unknown");
	assert_int_equal(bd_threat_scope_for(inc.nation), BD_SCOPE_UK);
	bd_incident_free(&inc);
	/* no country, or "Unknown": not known to be outside the UK */
	static const char *const unknown[] = {
		"{\"victim\": {\"victim_id\": \"Example Widgets Ltd\", \"country\": null}}",
		"{\"victim\": {\"victim_id\": \"Example Widgets Ltd\", \"country\": [\"Unknown\"]}}",
	};
	for (size_t i = 0; i < 2; i++) {
		map_ok(unknown[i], &inc);
		assert_int_equal(inc.nation, BD_NATION_UNKNOWN);
		assert_null(inc.country);
		assert_int_equal(bd_threat_scope_for(inc.nation), -1);
		bd_incident_free(&inc);
	}
	/* another country: outside the UK */
	map_ok("{\"victim\": {\"victim_id\": \"Example Widgets Ltd\", \"country\": [\"FR\"]}}", &inc);
	assert_int_equal(inc.nation, BD_OUTSIDE_UK);
	bd_incident_free(&inc);
}

static void an_unknown_victim_is_an_unknown_organisation(void **state)
{
	(void)state;
	static const char *const rows[] = { "\"Unknown\"", "\"unknown\"", "\"UNKNOWN\"", "null" };
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char changes[120];
		snprintf(changes, sizeof changes, "{\"victim\": {\"victim_id\": %s, \"country\": [\"GB\"]}}",
			 rows[i]);
		bd_incident inc;
		map_ok(changes, &inc);
		assert_string_equal(inc.force, "unknown organisation");
		assert_string_equal(inc.title, "unknown organisation: records lost (2020)");
		assert_false(extra_has(&inc, "victim_id"));
		bd_incident_free(&inc);
	}
}

static bd_fieldset bits(const char *names)
{
	bd_fieldset set = 0;
	char *copy = strdup(names), *save = NULL;
	for (char *n = strtok_r(copy, " ", &save); n; n = strtok_r(NULL, " ", &save)) {
		int f = bd_vocab_find(&bd_fields, n);
		if (f < 0)
			fail_msg("no field %s", n);
		set |= BD_FIELD_BIT(f);
	}
	free(copy);
	return set;
}

static void only_yes_is_exposure(void **state)
{
	(void)state;
	static const char data[] = "\"data\": [{\"variety\": \"Personal\"}, {\"variety\": \"Medical\"}]";
	char changes[256];
	bd_incident inc;
	/* Yes: exposed, plainly */
	snprintf(changes, sizeof changes, "{\"attribute\": {\"confidentiality\": {\"data_disclosure\": \"Yes\", %s}}}", data);
	map_ok(changes, &inc);
	assert_int_equal(inc.exposed, bits("personal-unspecified medical"));
	assert_int_equal(bd_incident_reported(&inc), 0);
	assert_int_equal(inc.n_claims, 0);
	bd_incident_free(&inc);
	/* Potentially: at risk, listed as exposed by a reported claim */
	snprintf(changes, sizeof changes, "{\"attribute\": {\"confidentiality\": {\"data_disclosure\": \"Potentially\", %s}}}", data);
	map_ok(changes, &inc);
	assert_int_equal(inc.exposed, bits("personal-unspecified medical"));
	assert_int_equal(bd_incident_reported(&inc), inc.exposed);
	assert_int_equal(inc.n_claims, 1);
	assert_int_equal(inc.claims[0].certainty, BD_CERT_REPORTED);
	assert_int_equal(inc.claims[0].fields, inc.exposed);
	assert_string_equal(inc.claims[0].note, "VERIS data_disclosure Potentially: at risk, not confirmed");
	assert_string_equal(inc.claims[0].sources.v[0], "vcdb");
	bd_incident_free(&inc);
	/* No: not exposed, and only then */
	snprintf(changes, sizeof changes, "{\"attribute\": {\"confidentiality\": {\"data_disclosure\": \"No\", %s}}}", data);
	map_ok(changes, &inc);
	assert_int_equal(inc.exposed, 0);
	assert_int_equal(inc.not_exposed, bits("personal-unspecified medical"));
	bd_incident_free(&inc);
	/* Unknown, or not said: unknown; what VERIS said stays in extra */
	static const char *const unknown[] = { "\"data_disclosure\": \"Unknown\", ", "" };
	for (size_t i = 0; i < 2; i++) {
		snprintf(changes, sizeof changes, "{\"attribute\": {\"confidentiality\": {%s%s}}}", unknown[i], data);
		map_ok(changes, &inc);
		assert_int_equal(inc.exposed, 0);
		assert_int_equal(inc.not_exposed, 0);
		assert_true(extra_has(&inc, "\"Medical\""));
		if (*unknown[i])
			assert_true(extra_has(&inc, "\"data_disclosure\":\"Unknown\""));
		bd_incident_free(&inc);
	}
}

static void every_data_variety_has_an_exposure_group(void **state)
{
	(void)state;
	static const struct { const char *variety, *field; bool kept; } rows[] = {
		{ "Personal", "personal-unspecified", false },
		{ "Sensitive Personal", "personal-unspecified", true },
		{ "Bank", "financial", false }, { "Payment", "financial", false },
		{ "Virtual currency", "financial", true },
		{ "Medical", "medical", false },
		{ "Credentials", "credentials", false },
		{ "Multi-factor credential", "credentials", true }, { "API key", "credentials", true },
		{ "Session key", "credentials", true }, { "Digital certificate", "credentials", true },
		{ "Internal", "internal", false }, { "Source code", "internal", true },
		{ "Classified", "classified", false },
		{ "Secrets", "secrets", false },
		{ "System", "system", false },
		{ "Copyrighted", "copyrighted", false },
		{ "Other", "other-data", false },
		{ "Unknown", "other-data", true },
		{ "Biometric", "other-data", true },     /* newer than the table */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char changes[200];
		snprintf(changes, sizeof changes, "{\"attribute\": {\"confidentiality\": {\"data_disclosure\": \"Yes\","
			 " \"data\": [{\"variety\": \"%s\"}]}}}", rows[i].variety);
		bd_incident inc;
		map_ok(changes, &inc);
		if (inc.exposed != bits(rows[i].field))
			fail_msg("%s: not mapped to %s", rows[i].variety, rows[i].field);
		char quoted[64];
		snprintf(quoted, sizeof quoted, "\"%s\"", rows[i].variety);
		if (extra_has(&inc, quoted) != rows[i].kept)
			fail_msg("%s: %s in extra", rows[i].variety, rows[i].kept ? "not" : "still");
		bd_incident_free(&inc);
	}
}

static void data_total_is_records_not_a_head_count(void **state)
{
	(void)state;
	bd_incident inc;
	map_ok("{\"attribute\": {\"confidentiality\": {\"data_disclosure\": \"Yes\", \"data_total\": 10000,"
	       " \"data\": [{\"variety\": \"Personal\", \"amount\": 9000}, {\"variety\": \"Medical\", \"amount\": 780}]}}}",
	       &inc);
	assert_int_equal(inc.affected, 10000);
	assert_int_equal(inc.qualifier, BD_Q_APPROX);
	assert_int_equal(inc.n_figures, 3);
	assert_string_equal(inc.figures[0].about, "affected");
	assert_string_equal(inc.figures[0].value, "10,000");
	assert_string_equal(inc.figures[0].note, "records (VERIS data_total), not a head count");
	/* per variety, also beside a total */
	assert_string_equal(inc.figures[1].about, "records: Medical");
	assert_string_equal(inc.figures[1].value, "780");
	assert_string_equal(inc.figures[2].about, "records: Personal");
	assert_string_equal(inc.figures[2].value, "9,000");
	/* show, text and Markdown, says both */
	char *text = NULL;
	size_t len = 0;
	bd_render_opts o = { .ascii = false, .width = 100 };
	FILE *f = open_memstream(&text, &len);
	bd_render_show_text(f, &inc, NULL, &o);
	fclose(f);
	assert_non_null(strstr(text, "Affected      ~10,000 [vcdb]\n"
				     "              affected 10,000 [vcdb]: records (VERIS data_total), not a head count\n"
				     "              records: Medical 780 [vcdb]\n"
				     "              records: Personal 9,000 [vcdb]\n"));
	free(text);
	f = open_memstream(&text, &len);
	bd_render_show_md(f, &inc, NULL, &o);
	fclose(f);
	assert_non_null(strstr(text, "| Counts | affected 10,000 \\[vcdb\\] (records (VERIS data\\_total), not a head count);"
				     " records: Medical 780 \\[vcdb\\]; records: Personal 9,000 \\[vcdb\\] |\n"));
	free(text);
	bd_incident_free(&inc);
	/* without a total: the sum, at least, also records */
	map_ok("{\"attribute\": {\"confidentiality\": {\"data_disclosure\": \"Yes\","
	       " \"data\": [{\"variety\": \"Personal\", \"amount\": 40}]}}}", &inc);
	assert_int_equal(inc.qualifier, BD_Q_AT_LEAST);
	assert_int_equal(inc.n_figures, 1);
	assert_non_null(strstr(inc.figures[0].note, "not a head count"));
	bd_incident_free(&inc);
}

static void notification_is_the_disclosure_date(void **state)
{
	(void)state;
	bd_incident inc;
	map_ok("{\"plus\": {\"timeline\": {\"notification\": {\"year\": 2023, \"month\": 8, \"day\": 9}},"
	       " \"analyst\": \"x\"}}", &inc);
	char got[11];
	bd_date_format(inc.disclosed, got);
	assert_string_equal(got, "2023-08-09");
	bd_date_format(inc.occurred, got);
	assert_string_equal(got, "2020");        /* the incident's own date is still the incident's */
	assert_false(extra_has(&inc, "notification"));
	assert_true(extra_has(&inc, "\"analyst\""));
	bd_incident_free(&inc);
	/* partial, and a part that makes no date stays */
	map_ok("{\"plus\": {\"timeline\": {\"notification\": {\"year\": 2023, \"month\": 2, \"day\": 30}}}}", &inc);
	bd_date_format(inc.disclosed, got);
	assert_string_equal(got, "2023-02");
	assert_true(extra_has(&inc, "\"notification\":{\"day\":30}"));
	bd_incident_free(&inc);
	map_bad("{\"plus\": {\"timeline\": {\"notification\": {\"year\": \"2023\"}}}}",
		"$.plus.timeline.notification.year", "expected a non-negative integer");
}

static void provenance_names_the_file_and_master_id(void **state)
{
	(void)state;
	json_t *r = record("{\"plus\": {\"master_id\": \"C0FFEE00-0001\"}}");
	bd_diags d = { 0 };
	bd_incident inc;
	assert_int_equal(bd_veris_to_incident(r, "/some/where/vcdb/ABC-1.json", &inc, &d), 0);
	assert_string_equal(inc.origin_file, "ABC-1.json");
	assert_string_equal(inc.origin_master_id, "C0FFEE00-0001");
	assert_false(extra_has(&inc, "master_id"));
	round_trips(&inc);
	json_t *j = bd_incident_to_json(&inc);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "origin"), "file")), "ABC-1.json");
	json_decref(j);
	char *text = NULL;
	size_t len = 0;
	bd_render_opts o = { .ascii = false, .width = 80 };
	FILE *f = open_memstream(&text, &len);
	bd_render_show_text(f, &inc, NULL, &o);
	fclose(f);
	assert_non_null(strstr(text, "Origin        VERIS TEST-0001\n              file ABC-1.json, master_id C0FFEE00-0001\n"));
	free(text);
	bd_incident_free(&inc);
	json_decref(r);
	map_bad("{\"plus\": {\"master_id\": 7}}", "$.plus.master_id", "expected a string");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_uk_only_force_name_outweighs_the_country_code),
		cmocka_unit_test(unknown_stays_unknown),
		cmocka_unit_test(an_unknown_victim_is_an_unknown_organisation),
		cmocka_unit_test(only_yes_is_exposure),
		cmocka_unit_test(every_data_variety_has_an_exposure_group),
		cmocka_unit_test(data_total_is_records_not_a_head_count),
		cmocka_unit_test(notification_is_the_disclosure_date),
		cmocka_unit_test(provenance_names_the_file_and_master_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
