/* One incident as a person edits it: the header stripped, problems placed
 * in the body, the template not valid until filled in, and saving in one
 * transaction that refuses to overwrite a change made meanwhile. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edit.h"

static const char incident[] =
	"{\n"
	"  \"id\": \"test-edit\",\n"
	"  \"title\": \"A title\",\n"
	"  \"organisation\": {\n"
	"    \"force\": \"Test Police\",\n"
	"    \"short\": \"Test\"\n"
	"  },\n"
	"  \"nation\": \"wales\",\n"
	"  \"kind\": \"loss\",\n"
	"  \"affected\": {\n"
	"    \"count\": null,\n"
	"    \"qualifier\": \"unknown\"\n"
	"  },\n"
	"  \"sources\": [\n"
	"    {\n"
	"      \"id\": \"a\",\n"
	"      \"publisher\": \"P\"\n"
	"    }\n"
	"  ]\n"
	"}\n";

static void body_skips_the_comment_block(void **state)
{
	(void)state;
	const char *text = "// one\n#two\n  // three\n\n\t\n{\n// not header\n}\n";
	assert_string_equal(bd_edit_body(text), "{\n// not header\n}\n");
	assert_string_equal(bd_edit_body("{}"), "{}");
	assert_string_equal(bd_edit_body("// only\n// comments"), "");
	assert_true(bd_edit_blank(bd_edit_body("// a\n\n  \n")));
	assert_false(bd_edit_blank("{"));
}

static void render_and_parse_round_trip(void **state)
{
	(void)state;
	bd_incident inc;
	bd_diags d = { 0 };
	assert_int_equal(bd_edit_parse("f", incident, &inc, &d), 0);
	char *text = bd_edit_render(&inc);
	assert_string_equal(text, incident);    /* canonical: the same text */
	bd_incident_free(&inc);
	free(text);
}

static void problems_are_placed_in_the_body(void **state)
{
	(void)state;
	char *bad = strdup(incident);
	char *p = strstr(bad, "\"wales\"");
	memcpy(p, "\"walez\"", 7);
	bd_incident inc;
	bd_diags d = { 0 };
	assert_int_equal(bd_edit_parse("f.json", bad, &inc, &d), 1);
	assert_int_equal(d.v[0].line, 8);
	assert_int_equal(d.v[0].col, 13);
	assert_string_equal(d.v[0].path, "$.nation");
	assert_string_equal(d.v[0].file, "f.json");
	bd_diags_free(&d);
	/* a syntax error: the line of the problem */
	p = strstr(bad, "\"walez\",");
	p[7] = ' ';
	assert_int_equal(bd_edit_parse("f.json", bad, &inc, &d), 1);
	assert_int_equal(d.v[0].line, 9);
	assert_string_equal(d.v[0].path, "$");
	bd_diags_free(&d);
	free(bad);
}

static void not_one_incident(void **state)
{
	(void)state;
	bd_incident inc;
	bd_diags d = { 0 };
	assert_int_equal(bd_edit_parse("f", "[1, 2]", &inc, &d), 1);
	assert_non_null(strstr(d.v[0].msg, "expected one incident object"));
	bd_diags_free(&d);
	assert_true(bd_edit_parse("f", "{\"schema\": \"breachdash/1\", \"incidents\": []}",
				  &inc, &d) >= 1);
	assert_non_null(strstr(d.v[0].msg, "not a document"));
	bd_diags_free(&d);
}

static void template_is_not_valid_until_filled(void **state)
{
	(void)state;
	char *t = bd_edit_template();
	assert_non_null(strstr(t, "  \"id\": \"\",\n"));
	bd_incident inc;
	bd_diags d = { 0 };
	assert_true(bd_edit_parse("f", t, &inc, &d) > 0);
	bd_diags_free(&d);
	free(t);
}

static void problem_at_a_path(void **state)
{
	(void)state;
	bd_diags d = { 0 };
	bd_edit_problem(&d, "f", incident, "$.id", "the id cannot change (it was \"%s\")", "x");
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].col, 9);
	assert_string_equal(d.v[0].msg, "the id cannot change (it was \"x\")");
	bd_diags_free(&d);
}

static void save_refuses_what_changed_meanwhile(void **state)
{
	(void)state;
	char dir[] = "/tmp/bd-test-edit-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/store.db", dir);
	setenv("BREACHDASH_DATA", dir, 1);      /* no bundled data: an empty store */
	bd_dataset ds;
	bd_diags d = { 0 };
	assert_int_equal(bd_dataset_open(&ds, path, BD_STORE_CREATE, &d, NULL), BD_OK);
	bd_incident inc;
	assert_int_equal(bd_edit_parse("f", incident, &inc, &d), 0);
	int result = -1;
	/* new */
	assert_int_equal(bd_edit_save(&ds, &inc, NULL, &result, NULL), BD_OK);
	assert_int_equal(result, BD_PUT_INSERTED);
	/* new again: the id exists */
	bd_error err = { 0 };
	assert_int_equal(bd_edit_save(&ds, &inc, NULL, &result, &err), BD_EDATA);
	assert_non_null(strstr(bd_error_text(&err), "already exists"));
	bd_error_clear(&err);
	/* an edit from what is stored */
	char *before = bd_edit_render(&inc);
	free(inc.title);
	inc.title = strdup("Changed");
	assert_int_equal(bd_edit_save(&ds, &inc, before, &result, NULL), BD_OK);
	assert_int_equal(result, BD_PUT_UPDATED);
	/* an edit from what was stored before that: refused */
	free(inc.title);
	inc.title = strdup("Changed again");
	assert_int_equal(bd_edit_save(&ds, &inc, before, &result, &err), BD_EDATA);
	assert_non_null(strstr(bd_error_text(&err), "while you were editing"));
	bd_error_clear(&err);
	bd_incident stored;
	assert_int_equal(bd_store_get(ds.store, "test-edit", &stored, NULL), BD_OK);
	assert_string_equal(stored.title, "Changed");
	bd_incident_free(&stored);
	/* an edit of something deleted meanwhile */
	assert_int_equal(bd_store_delete(ds.store, "test-edit", NULL), BD_OK);
	assert_int_equal(bd_edit_save(&ds, &inc, before, &result, &err), BD_ENOTFOUND);
	bd_error_clear(&err);
	free(before);
	bd_incident_free(&inc);
	bd_dataset_close(&ds);
	bd_diags_free(&d);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(body_skips_the_comment_block),
		cmocka_unit_test(render_and_parse_round_trip),
		cmocka_unit_test(problems_are_placed_in_the_body),
		cmocka_unit_test(not_one_incident),
		cmocka_unit_test(template_is_not_valid_until_filled),
		cmocka_unit_test(problem_at_a_path),
		cmocka_unit_test(save_refuses_what_changed_meanwhile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
