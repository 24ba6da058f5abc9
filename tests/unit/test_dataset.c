/*
 * The bundled record is checkable: every field, figure, referral and
 * impact cites sources the incident lists, every field's place has a claim,
 * lost data is never exposed, and the record covers what it says it does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "import_native.h"
#include "model.h"

enum { MAX_FORCES = 256 };

typedef struct record {
	bd_sink base;
	int n;
	int uncited_fields;             /* fields in a list that no claim cites */
	int sources_without_page;       /* neither url nor title */
	int first_year, last_year;
	char *forces[MAX_FORCES];
	int n_forces;
	bd_fieldset syp_exposed, syp_lost, met_reported;
} record;

static record rec;

static void add_force(record *r, const char *name)
{
	for (int i = 0; i < r->n_forces; i++)
		if (!strcmp(r->forces[i], name))
			return;
	if (r->n_forces < MAX_FORCES)
		r->forces[r->n_forces++] = strdup(name);
}

static void add_year(record *r, bd_date d)
{
	if (!bd_date_is_set(d))
		return;
	if (!r->first_year || d.year < r->first_year)
		r->first_year = d.year;
	if (d.year > r->last_year)
		r->last_year = d.year;
}

static bd_status collect(bd_sink *sink, const bd_incident *inc, bd_error *err)
{
	(void)err;
	record *r = (record *)sink;
	r->n++;
	bd_fieldset claimed = 0;
	for (size_t i = 0; i < inc->n_claims; i++)
		claimed |= inc->claims[i].fields;
	bd_fieldset listed = inc->exposed | inc->not_exposed | inc->lost;
	if (listed & ~claimed) {
		print_message("%s: a field with no claim\n", inc->id);
		r->uncited_fields++;
	}
	for (size_t i = 0; i < inc->n_sources; i++)
		if (!inc->sources[i].url && !inc->sources[i].title) {
			print_message("%s: source %s names no page\n", inc->id, inc->sources[i].id);
			r->sources_without_page++;
		}
	add_force(r, inc->force_short);
	add_year(r, bd_incident_date(inc));
	for (size_t i = 0; i < inc->n_referrals; i++)
		add_year(r, inc->referrals[i].date);
	if (!strcmp(inc->id, "syp-2023-08-bwv-loss")) {
		r->syp_exposed = inc->exposed;
		r->syp_lost = inc->lost;
	}
	if (!strcmp(inc->id, "met-2023-08-supplier"))
		r->met_reported = bd_incident_reported(inc);
	return BD_OK;
}

static int load(void **state)
{
	(void)state;
	const char *top = getenv("BD_TOP");
	char *file = NULL;
	if (asprintf(&file, "%s/data/incidents.json", top ? top : ".") < 0)
		return -1;
	rec.base.item = collect;
	bd_diags diags = { 0 };
	int problems = bd_import_native(file, &rec.base, &diags);
	for (size_t i = 0; i < diags.n; i++)
		print_message("%s:%d:%d: %s: %s\n", file, diags.v[i].line, diags.v[i].col,
			      diags.v[i].path ? diags.v[i].path : "", diags.v[i].msg);
	bd_diags_free(&diags);
	free(file);
	return problems ? -1 : 0;
}

static int unload(void **state)
{
	(void)state;
	for (int i = 0; i < rec.n_forces; i++)
		free(rec.forces[i]);
	return 0;
}

static void every_field_cites_its_sources(void **state)
{
	(void)state;
	assert_true(rec.n > 0);
	assert_int_equal(rec.uncited_fields, 0);
}

static void every_source_names_a_page(void **state)
{
	(void)state;
	assert_int_equal(rec.sources_without_page, 0);
}

static void deleted_footage_is_lost_not_exposed(void **state)
{
	(void)state;
	bd_fieldset footage = BD_FIELD_BIT(bd_vocab_find(&bd_fields, "video")) |
			      BD_FIELD_BIT(bd_vocab_find(&bd_fields, "evidence"));
	assert_int_equal(rec.syp_lost & footage, footage);
	assert_int_equal(rec.syp_exposed & footage, 0);
}

static void met_id_numbers_are_reported_only(void **state)
{
	(void)state;
	bd_fieldset id = BD_FIELD_BIT(bd_vocab_find(&bd_fields, "id-number"));
	assert_int_equal(rec.met_reported, id);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_field_cites_its_sources),
		cmocka_unit_test(every_source_names_a_page),
		cmocka_unit_test(deleted_footage_is_lost_not_exposed),
		cmocka_unit_test(met_id_numbers_are_reported_only),
	};
	return cmocka_run_group_tests(tests, load, unload);
}
