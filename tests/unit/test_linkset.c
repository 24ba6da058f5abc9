/* A person's word on two records, written to a real store: same, distinct
 * and none, each undoing what contradicts it, and the links the records
 * could not hold refused with the store unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "linkset.h"
#include "links.h"

typedef struct fixture {
	char dir[32];
	bd_dataset ds;
} fixture;

static void put(bd_dataset *ds, const char *id)
{
	char *text = NULL;
	assert_true(asprintf(&text, "{\"id\": \"%s\", \"title\": \"T\", \"organisation\": "
			     "{\"force\": \"Test Police\", \"short\": \"Test\"}, \"nation\": \"wales\","
			     " \"kind\": \"loss\", \"dates\": {\"occurred\": \"2023-08\"},"
			     " \"affected\": {\"count\": null, \"qualifier\": \"unknown\"},"
			     " \"sources\": [{\"id\": \"a\", \"publisher\": \"P\"}]}", id) > 0);
	bd_incident inc;
	bd_diags d = { 0 };
	assert_int_equal(bd_edit_parse("f", text, &inc, &d), 0);
	assert_int_equal(bd_edit_save(ds, &inc, NULL, NULL, NULL), BD_OK);
	bd_incident_free(&inc);
	bd_diags_free(&d);
	free(text);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/bd-test-link-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	char path[64];
	snprintf(path, sizeof path, "%s/store.db", f->dir);
	setenv("BREACHDASH_DATA", f->dir, 1);   /* no bundled data: an empty store */
	bd_diags d = { 0 };
	assert_int_equal(bd_dataset_open(&f->ds, path, BD_STORE_CREATE, &d, NULL), BD_OK);
	bd_diags_free(&d);
	put(&f->ds, "a");
	put(&f->ds, "b");
	put(&f->ds, "c");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	bd_dataset_close(&f->ds);
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	return rc;
}

/* The stored same_as of id ("" for none) and its distinct_from, joined. */
static void expect(fixture *f, const char *id, const char *same_as, const char *distinct)
{
	bd_incident inc;
	assert_int_equal(bd_store_get(f->ds.store, id, &inc, NULL), BD_OK);
	assert_string_equal(inc.same_as ? inc.same_as : "", same_as);
	char *joined = bd_links_joined(&inc.distinct_from);
	assert_string_equal(joined ? joined : "", distinct);
	free(joined);
	bd_incident_free(&inc);
}


static void same_then_distinct_then_none(void **state)
{
	fixture *f = *state;
	bool changed;
	assert_int_equal(bd_link_set(&f->ds, "b", "a", BD_LINK_SAME, &changed, NULL), BD_OK);
	assert_true(changed);
	expect(f, "b", "a", "");
	expect(f, "a", "", "");
	/* said again: nothing to write */
	assert_int_equal(bd_link_set(&f->ds, "b", "a", BD_LINK_SAME, &changed, NULL), BD_OK);
	assert_false(changed);
	/* distinct undoes the link, either way round */
	assert_int_equal(bd_link_set(&f->ds, "a", "b", BD_LINK_DISTINCT, &changed, NULL), BD_OK);
	assert_true(changed);
	expect(f, "b", "", "");
	expect(f, "a", "", "b");
	/* the mark held by the other side is not made twice */
	assert_int_equal(bd_link_set(&f->ds, "b", "a", BD_LINK_DISTINCT, &changed, NULL), BD_OK);
	assert_false(changed);
	/* same undoes the mark, on whichever side it was */
	assert_int_equal(bd_link_set(&f->ds, "b", "a", BD_LINK_SAME, &changed, NULL), BD_OK);
	expect(f, "a", "", "");
	expect(f, "b", "a", "");
	assert_int_equal(bd_link_set(&f->ds, "a", "b", BD_LINK_NONE, &changed, NULL), BD_OK);
	assert_true(changed);
	expect(f, "a", "", "");
	expect(f, "b", "", "");
}

static void refuses_what_the_records_cannot_hold(void **state)
{
	fixture *f = *state;
	bd_error err = { 0 };
	assert_int_equal(bd_link_set(&f->ds, "a", "a", BD_LINK_SAME, NULL, &err), BD_EDATA);
	assert_non_null(strstr(bd_error_text(&err), "itself"));
	bd_error_clear(&err);
	assert_int_equal(bd_link_set(&f->ds, "a", "zz", BD_LINK_SAME, NULL, &err), BD_ENOTFOUND);
	bd_error_clear(&err);
	assert_int_equal(bd_link_set(&f->ds, "b", "a", BD_LINK_SAME, NULL, NULL), BD_OK);
	/* to a record of another primary: name the primary */
	assert_int_equal(bd_link_set(&f->ds, "c", "b", BD_LINK_SAME, NULL, &err), BD_EDATA);
	assert_non_null(strstr(bd_error_text(&err), "link c to a, the primary"));
	bd_error_clear(&err);
	/* from a primary: its records would be two steps away */
	assert_int_equal(bd_link_set(&f->ds, "a", "c", BD_LINK_SAME, NULL, &err), BD_EDATA);
	assert_non_null(strstr(bd_error_text(&err), "link c to a instead"));
	bd_error_clear(&err);
	/* nothing was written by the refusals */
	expect(f, "a", "", "");
	expect(f, "c", "", "");
	/* the other way round is what the records can hold */
	assert_int_equal(bd_link_set(&f->ds, "c", "a", BD_LINK_SAME, NULL, NULL), BD_OK);
	expect(f, "c", "a", "");
}

static void kinds_by_name_or_letter(void **state)
{
	(void)state;
	assert_int_equal(bd_link_kind_parse("same"), BD_LINK_SAME);
	assert_int_equal(bd_link_kind_parse("d"), BD_LINK_DISTINCT);
	assert_int_equal(bd_link_kind_parse("none"), BD_LINK_NONE);
	assert_int_equal(bd_link_kind_parse("sam"), -1);
	assert_int_equal(bd_link_kind_parse(""), -1);
	assert_string_equal(bd_link_kind_label(BD_LINK_DISTINCT), "not the same breach");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(same_then_distinct_then_none, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_what_the_records_cannot_hold, setup, teardown),
		cmocka_unit_test(kinds_by_name_or_letter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
