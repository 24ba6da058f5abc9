/* Links between records of one breach: the figures of linked records
 * beside an incident's own, and which rows of a group are linked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "links.h"

static char *one[] = { "s1" };
static char *theirs[] = { "veris-x:vcdb" };

static bd_figure fig(const char *about, const char *value, char **src)
{
	return (bd_figure){ (char *)about, (char *)value, NULL, { src, 1 } };
}

typedef struct seen {
	int calls;
	size_t n;
	const char *last;
} seen;

static void count(void *ctx, const char *about, const bd_figure *const *figs, size_t n)
{
	seen *s = ctx;
	s->calls++;
	s->n = n;
	s->last = figs[n - 1]->value;
	assert_string_equal(about, "affected");
}

static void linked_figures_make_a_conflict(void **state)
{
	(void)state;
	bd_incident inc;
	bd_incident_init(&inc);
	bd_figure own[] = { fig("affected", "9,483", one), fig("time online", "2 hours", one) };
	inc.figures = own;
	inc.n_figures = 2;
	/* alone, one figure for each about: no conflict */
	assert_int_equal(bd_links_conflicts(&inc, NULL, NULL, NULL), 0);
	bd_figure other[] = { fig("affected", "10,000", theirs) };
	bd_links l = { .figures = other, .n_figures = 1 };
	seen s = { 0 };
	assert_int_equal(bd_links_conflicts(&inc, &l, count, &s), 1);
	assert_int_equal(s.calls, 1);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.last, "10,000");
	/* the same value from both records is no conflict */
	bd_figure agree[] = { fig("affected", "9,483", theirs) };
	bd_links same = { .figures = agree, .n_figures = 1 };
	assert_int_equal(bd_links_conflicts(&inc, &same, NULL, NULL), 0);
}

static void rows_linked_either_way_or_through_a_primary(void **state)
{
	(void)state;
	bd_dup_row rows[] = {
		{ .id = "a", .same_as = NULL },
		{ .id = "b", .same_as = "a" },
		{ .id = "c", .same_as = NULL },
		{ .id = "d", .same_as = "z" },
		{ .id = "e", .same_as = "z" },
	};
	size_t n = sizeof rows / sizeof rows[0];
	assert_true(bd_dup_row_linked(rows, n, 0));     /* b links to it */
	assert_true(bd_dup_row_linked(rows, n, 1));     /* it links to a */
	assert_false(bd_dup_row_linked(rows, n, 2));    /* a possible duplicate */
	assert_true(bd_dup_row_linked(rows, n, 3));     /* d and e: one primary */
	assert_false(bd_dup_row_linked(rows, 4, 3));    /* z alone, outside the group */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(linked_figures_make_a_conflict),
		cmocka_unit_test(rows_linked_either_way_or_through_a_primary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
