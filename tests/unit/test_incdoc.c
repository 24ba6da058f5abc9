/* The incident document: what each section states, and that a fact is
 * put in the right group and role (lost is not exposed, unknown is not
 * safe). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "incdoc.h"
#include "vocab.h"

static char *s1[] = { "s1" };

static int field(const char *name)
{
	int f = bd_vocab_find(&bd_fields, name);
	assert_true(f >= 0);
	return f;
}

/* A small incident in England, owned by the caller's stack. */
static void example(bd_incident *inc)
{
	bd_incident_init(inc);
	inc->id = "ex-2023-01";
	inc->title = "Example";
	inc->force = "Example Police";
	inc->nation = BD_ENGLAND;
	inc->occurred = (bd_date){ 2023, 1, 5 };
}

/* The field group of a role, or NULL. */
static const bd_block *group(const bd_incdoc *d, int role)
{
	const bd_section *s = &d->sec[BD_SEC_FIELDS];
	for (size_t i = 0; i < s->n_blocks; i++)
		if (s->blocks[i].fact == BD_FACT_FIELDS && s->blocks[i].role == role)
			return &s->blocks[i];
	return NULL;
}

static bool names(const bd_block *g, const char *label)
{
	for (size_t i = 0; g && i < g->n_runs; i++)
		if (!strcmp(g->runs[i].text, label))
			return true;
	return false;
}

/* The first line of the head with this label, or NULL. */
static const bd_block *head_line(const bd_incdoc *d, const char *label)
{
	const bd_section *s = &d->sec[BD_SEC_HEAD];
	for (size_t i = 0; i < s->n_blocks; i++)
		if (s->blocks[i].label && !strcmp(s->blocks[i].label, label))
			return &s->blocks[i];
	return NULL;
}

static void lost_fields_are_never_exposed(void **state)
{
	(void)state;
	bd_incident inc;
	example(&inc);
	inc.exposed = BD_FIELD_BIT(field("name"));
	inc.lost = BD_FIELD_BIT(field("video")) | BD_FIELD_BIT(field("evidence"));
	bd_incdoc d;
	assert_true(bd_incdoc_build(&d, &inc, NULL, NULL));
	const bd_block *exposed = group(&d, BD_ROLE_EXPOSED), *lost = group(&d, BD_ROLE_LOST);
	assert_non_null(exposed);
	assert_non_null(lost);
	assert_int_equal(lost->count, 2);
	assert_true(names(lost, "video"));
	assert_false(names(exposed, "video"));
	assert_false(names(group(&d, BD_ROLE_UNKNOWN), "video"));
	assert_non_null(lost->note);          /* what lost means is said */
	for (size_t i = 0; i < lost->n_runs; i++)
		assert_int_equal(lost->runs[i].role, BD_ROLE_LOST);
	bd_incdoc_free(&d);
}

static void no_lost_group_without_lost_fields(void **state)
{
	(void)state;
	bd_incident inc;
	example(&inc);
	bd_incdoc d;
	assert_true(bd_incdoc_build(&d, &inc, NULL, NULL));
	assert_null(group(&d, BD_ROLE_LOST));
	/* nothing stated: every field unknown, none not exposed */
	assert_int_equal(group(&d, BD_ROLE_UNKNOWN)->count, (int)bd_fields.count);
	assert_int_equal(group(&d, BD_ROLE_NOT_EXPOSED)->count, 0);
	bd_incdoc_free(&d);
}

static void unknown_affected_says_unknown(void **state)
{
	(void)state;
	bd_incident inc;
	example(&inc);
	bd_incdoc d;
	assert_true(bd_incdoc_build(&d, &inc, NULL, NULL));
	const bd_block *a = head_line(&d, "Affected");
	assert_non_null(a);
	assert_string_equal(bd_incdoc_run(a, 0), "unknown");
	bd_incdoc_free(&d);
}

static void reported_fields_are_marked(void **state)
{
	(void)state;
	bd_incident inc;
	example(&inc);
	inc.exposed = BD_FIELD_BIT(field("name")) | BD_FIELD_BIT(field("photo"));
	bd_field_claim claims[] = {
		{ BD_FIELD_BIT(field("name")), BD_CERT_CONFIRMED, NULL, { s1, 1 } },
		{ BD_FIELD_BIT(field("photo")), BD_CERT_REPORTED, NULL, { s1, 1 } },
	};
	inc.claims = claims;
	inc.n_claims = 2;
	bd_incdoc d;
	assert_true(bd_incdoc_build(&d, &inc, NULL, NULL));
	const bd_block *g = group(&d, BD_ROLE_EXPOSED);
	assert_int_equal(g->n_runs, 2);
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(g->runs[i].role, !strcmp(g->runs[i].text, "photo")
				 ? BD_ROLE_REPORTED : BD_ROLE_EXPOSED);
	bd_incdoc_free(&d);
}

static void every_section_is_present(void **state)
{
	(void)state;
	bd_incident inc;
	example(&inc);
	inc.summary = "What happened.";
	inc.affected = 100;
	inc.qualifier = BD_Q_EXACT;
	bd_referral refs[] = { { BD_BODY_ICO, NULL, { 2023, 2, 0 }, BD_REF_FINE, 750000, NULL, { s1, 1 } } };
	bd_impact imps[] = { { "Officers moved.", { 0, 0, 0 }, { s1, 1 } } };
	bd_quote qs[] = { { "A Chief", NULL, "We are sorry.", { 0, 0, 0 }, { s1, 1 } } };
	bd_figure figs[] = { { "affected", "100", NULL, { s1, 1 } },
			     { "affected", "about 120", "a later report", { s1, 1 } } };
	bd_source srcs[] = { { "s1", "The Paper", "Leak", NULL, { 2023, 1, 6 } } };
	inc.referrals = refs;
	inc.n_referrals = 1;
	inc.impacts = imps;
	inc.n_impacts = 1;
	inc.quotes = qs;
	inc.n_quotes = 1;
	inc.figures = figs;
	inc.n_figures = 2;
	inc.sources = srcs;
	inc.n_sources = 1;
	bd_incdoc d;
	assert_true(bd_incdoc_build(&d, &inc, NULL, &(bd_incdoc_opts){ .ascii = true }));
	for (int s = 0; s < BD_SEC_COUNT; s++)
		if (s != BD_SEC_EXTRA)       /* only where the source format had more */
			assert_true(d.sec[s].n_blocks > 0);
	const bd_block *r = &d.sec[BD_SEC_REFERRALS].blocks[0];
	assert_string_equal(bd_incdoc_run(r, 0), "2023-02");
	assert_string_equal(bd_incdoc_run(r, 2), "fine GBP 750,000");
	assert_int_equal(r->role, BD_ROLE_EXPOSED);
	/* one conflict, both figures beside each other */
	const bd_section *c = &d.sec[BD_SEC_CONFLICTS];
	assert_int_equal(c->n_blocks, 3);
	assert_string_equal(c->blocks[0].label, "affected");
	assert_string_equal(c->blocks[2].note, "a later report");
	bd_incdoc_free(&d);
}

/* Without a threat table the level is not known, never a level. */
static void threat_without_table_is_not_known(void **state)
{
	(void)state;
	bd_incident inc;
	example(&inc);
	bd_incdoc d;
	assert_true(bd_incdoc_build(&d, &inc, NULL, NULL));
	const bd_section *t = &d.sec[BD_SEC_THREAT];
	bool scope = false;
	for (size_t i = 0; i < t->n_blocks; i++) {
		const bd_block *b = &t->blocks[i];
		if (b->fact != BD_FACT_THREAT)
			continue;
		scope = true;
		for (size_t r = 0; r < b->n_runs; r++)
			assert_int_not_equal(b->runs[r].role, BD_ROLE_LEVEL);
	}
	assert_true(scope);
	bd_incdoc_free(&d);
}

/* Outside the UK or undated: not known, with the reason, in every writer. */
static void threat_outside_the_uk_says_why(void **state)
{
	(void)state;
	bd_incident inc;
	example(&inc);
	inc.nation = BD_OUTSIDE_UK;
	bd_incdoc d;
	assert_true(bd_incdoc_build(&d, &inc, NULL, NULL));
	const bd_section *t = &d.sec[BD_SEC_THREAT];
	unsigned seen = 0;
	for (size_t i = 0; i < t->n_blocks; i++) {
		const bd_block *b = &t->blocks[i];
		seen |= b->in;
		assert_int_not_equal(b->fact, BD_FACT_SOURCE);
		if (b->fact == BD_FACT_THREAT)
			assert_string_equal(bd_incdoc_run(b, 0), "not known (outside the UK)");
	}
	assert_int_equal(seen, BD_IN_ALL);
	bd_incdoc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lost_fields_are_never_exposed),
		cmocka_unit_test(no_lost_group_without_lost_fields),
		cmocka_unit_test(unknown_affected_says_unknown),
		cmocka_unit_test(reported_fields_are_marked),
		cmocka_unit_test(every_section_is_present),
		cmocka_unit_test(threat_without_table_is_not_known),
		cmocka_unit_test(threat_outside_the_uk_says_why),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
