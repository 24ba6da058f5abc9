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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_uk_only_force_name_outweighs_the_country_code),
		cmocka_unit_test(unknown_stays_unknown),
		cmocka_unit_test(an_unknown_victim_is_an_unknown_organisation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
