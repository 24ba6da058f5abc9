/* Finding the line and column of a JSON path in JSON text, and writing
 * path steps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "jsonpos.h"

/* Line and column (1-based, bytes) of the first occurrence of needle in
 * text: the expected answer, worked out independently of the scanner. */
static void where(const char *text, const char *needle, int *line, int *col)
{
	const char *at = strstr(text, needle);
	assert_non_null(at);
	*line = 1;
	*col = 1;
	for (const char *c = text; c < at; c++) {
		if (*c == '\n')
			++*line, *col = 1;
		else
			++*col;
	}
}

static void expect_at(const char *text, const char *path, const char *needle)
{
	int line = -1, col = -1, wl, wc;
	where(text, needle, &wl, &wc);
	assert_true(bd_json_locate(text, strlen(text), path, &line, &col));
	if (line != wl || col != wc)
		print_message("%s: got %d:%d, expected %d:%d (%s)\n", path, line, col, wl, wc, needle);
	assert_int_equal(line, wl);
	assert_int_equal(col, wc);
}

static void locates_values_in_nested_objects(void **state)
{
	(void)state;
	static const char doc[] =
		"{\n"
		"  \"schema\": \"breachdash/1\",\n"
		"  \"incidents\": [\n"
		"    {\n"
		"      \"id\": \"a\",\n"
		"      \"affected\": { \"count\": 1, \"qualifier\": \"exact\" }\n"
		"    },\n"
		"    {\n"
		"      \"id\": \"b\",\n"
		"      \"affected\": {\n"
		"        \"qualifier\": \"exact\",\n"
		"        \"count\": \"lots\"\n"
		"      }\n"
		"    }\n"
		"  ]\n"
		"}\n";
	expect_at(doc, "$", "{");
	expect_at(doc, "$.schema", "\"breachdash/1\"");
	expect_at(doc, "$.incidents", "[");
	expect_at(doc, "$.incidents[0]", "{\n      \"id\": \"a\"");
	expect_at(doc, "$.incidents[0].affected.count", "1, ");
	expect_at(doc, "$.incidents[1].id", "\"b\"");
	expect_at(doc, "$.incidents[1].affected.count", "\"lots\"");
	int line, col;
	assert_true(bd_json_locate(doc, strlen(doc), "$.incidents[1].affected.count", &line, &col));
	assert_int_equal(line, 12);
	assert_int_equal(col, 18);
}

static void missing_steps_stop_at_the_deepest_value_found(void **state)
{
	(void)state;
	static const char doc[] = "{\"a\": {\"b\": 1}, \"list\": [1, 2]}";
	/* No key c: the enclosing object a. */
	expect_at(doc, "$.a.c", "{\"b\"");
	expect_at(doc, "$.a.b.c", "1}");
	/* Index out of range: the array. */
	expect_at(doc, "$.list[2]", "[1");
	expect_at(doc, "$.nothing", "{\"a\"");
	/* An index into an object, a key into an array. */
	expect_at(doc, "$.a[0]", "{\"b\"");
	expect_at(doc, "$.list.x", "[1");
}

static void locates_elements_of_arrays(void **state)
{
	(void)state;
	static const char doc[] = "[10, [20, 30], {\"k\": [40, {\"deep\": [50]}]}, \"s\", true, null, -1.5e3]";
	expect_at(doc, "$[0]", "10");
	expect_at(doc, "$[1]", "[20");
	expect_at(doc, "$[1][1]", "30");
	expect_at(doc, "$[2].k[0]", "40");
	expect_at(doc, "$[2].k[1].deep[0]", "50");
	expect_at(doc, "$[3]", "\"s\"");
	expect_at(doc, "$[4]", "true");
	expect_at(doc, "$[5]", "null");
	expect_at(doc, "$[6]", "-1.5e3");
	expect_at(doc, "$[7]", "[10");
}

static void skips_strings_that_look_like_structure(void **state)
{
	(void)state;
	static const char doc[] =
		"{\"a\": \"}{,][:\", \"q\": \"say \\\"hi\\\", {\", \"arr\": [\"]\", \",\"], \"b\": 2}";
	expect_at(doc, "$.b", "2}");
	expect_at(doc, "$.arr[1]", "\",\"]");
	expect_at(doc, "$.q", "\"say");
}

static void matches_keys_written_with_escapes(void **state)
{
	(void)state;
	static const char doc[] =
		"{\"we\\\"ird\": 1, \"back\\\\slash\": 2, \"new\\nline\": 3, \"sl\\/ash\": 4,"
		" \"dot.ted\": 5, \"br[ack]et\": 6, \"sp ace\": 7, \"\": 8}";
	static const struct { const char *key; const char *value; } cases[] = {
		{ "we\"ird", "1," }, { "back\\slash", "2," }, { "new\nline", "3," },
		{ "sl/ash", "4," }, { "dot.ted", "5," }, { "br[ack]et", "6," },
		{ "sp ace", "7," }, { "", "8}" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *p = bd_path_key("$", cases[i].key);
		assert_non_null(p);
		expect_at(doc, p, cases[i].value);
		free(p);
	}
}

static void matches_keys_written_with_unicode_escapes(void **state)
{
	(void)state;
	/* The same key, "café", written raw and written with \u escapes; and a
	 * key outside the BMP written as a surrogate pair. */
	static const char doc[] =
		"{\"x\": 0, \"caf\\u00e9\": 1, \"caf\xC3\xA9!\": 2, \"\\ud83d\\ude00\": 3, \"\\u0041\": 4}";
	expect_at(doc, "$[\"caf\xC3\xA9\"]", "1,");
	expect_at(doc, "$[\"caf\xC3\xA9!\"]", "2,");
	expect_at(doc, "$[\"\xF0\x9F\x98\x80\"]", "3,");
	expect_at(doc, "$.A", "4}");
}

static void counts_columns_in_bytes_and_lines_by_newline(void **state)
{
	(void)state;
	static const char doc[] = "{\"\xC3\xA9\xC3\xA9\": \"\xE6\x97\xA5\",\r\n \"x\": 9}";
	int line, col;
	assert_true(bd_json_locate(doc, strlen(doc), "$.x", &line, &col));
	assert_int_equal(line, 2);
	assert_int_equal(col, 7);
	assert_true(bd_json_locate(doc, strlen(doc), "$[\"\xC3\xA9\xC3\xA9\"]", &line, &col));
	assert_int_equal(line, 1);
	assert_int_equal(col, 10);
}

static void root_is_found_after_leading_whitespace(void **state)
{
	(void)state;
	static const char doc[] = "\n\n   \t{\"a\": 1}";
	int line, col;
	assert_true(bd_json_locate(doc, strlen(doc), "$", &line, &col));
	assert_int_equal(line, 3);
	assert_int_equal(col, 5);
	assert_false(bd_json_locate("   \n ", 5, "$", &line, &col));
	assert_false(bd_json_locate("", 0, "$.a", &line, &col));
}

static void stays_within_the_given_length(void **state)
{
	(void)state;
	/* Only the first object counts: the text after len is not read. */
	static const char text[] = "{\"a\": 1}\n{\"b\": 2}";
	int line, col;
	assert_true(bd_json_locate(text, 8, "$.b", &line, &col));
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	/* Truncated text does not run past its end. */
	char *cut = strndup("{\"a\": {\"b\": [1, 2", 17);
	assert_true(bd_json_locate(cut, strlen(cut), "$.a.b[5]", &line, &col));
	assert_int_equal(line, 1);
	assert_int_equal(col, 13);
	free(cut);
}

static void path_keys_are_quoted_when_needed(void **state)
{
	(void)state;
	static const struct { const char *key, *path; } cases[] = {
		{ "count", "$.count" }, { "not_exposed", "$.not_exposed" },
		{ "date-of-birth", "$.date-of-birth" }, { "A1", "$.A1" },
		{ "bad key", "$[\"bad key\"]" }, { "", "$[\"\"]" },
		{ "a.b", "$[\"a.b\"]" }, { "a[0]", "$[\"a[0]\"]" },
		{ "say \"hi\"", "$[\"say \\\"hi\\\"\"]" }, { "back\\slash", "$[\"back\\\\slash\"]" },
		{ "caf\xC3\xA9", "$[\"caf\xC3\xA9\"]" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *p = bd_path_key("$", cases[i].key);
		assert_non_null(p);
		assert_string_equal(p, cases[i].path);
		free(p);
	}
	char *p = bd_path_key("$.incidents[2]", "affected");
	assert_string_equal(p, "$.incidents[2].affected");
	free(p);
}

static void path_indexes_append_brackets(void **state)
{
	(void)state;
	char *p = bd_path_index("$", 0);
	assert_string_equal(p, "$[0]");
	free(p);
	p = bd_path_index("$.incidents", 12345);
	assert_string_equal(p, "$.incidents[12345]");
	free(p);
	p = bd_path_index("$[\"a b\"]", 7);
	assert_string_equal(p, "$[\"a b\"][7]");
	free(p);
}

static void built_paths_locate_their_values(void **state)
{
	(void)state;
	static const char doc[] =
		"{\"incidents\": [{}, {\"odd \\\"key\\\"\": {\"list\": [true, {\"v\": \"here\"}]}}]}";
	char *a = bd_path_key("$", "incidents");
	char *b = bd_path_index(a, 1);
	char *c = bd_path_key(b, "odd \"key\"");
	char *d = bd_path_key(c, "list");
	char *e = bd_path_index(d, 1);
	char *f = bd_path_key(e, "v");
	assert_string_equal(f, "$.incidents[1][\"odd \\\"key\\\"\"].list[1].v");
	expect_at(doc, f, "\"here\"");
	free(a); free(b); free(c); free(d); free(e); free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(locates_values_in_nested_objects),
		cmocka_unit_test(missing_steps_stop_at_the_deepest_value_found),
		cmocka_unit_test(locates_elements_of_arrays),
		cmocka_unit_test(skips_strings_that_look_like_structure),
		cmocka_unit_test(matches_keys_written_with_escapes),
		cmocka_unit_test(matches_keys_written_with_unicode_escapes),
		cmocka_unit_test(counts_columns_in_bytes_and_lines_by_newline),
		cmocka_unit_test(root_is_found_after_leading_whitespace),
		cmocka_unit_test(stays_within_the_given_length),
		cmocka_unit_test(path_keys_are_quoted_when_needed),
		cmocka_unit_test(path_indexes_append_brackets),
		cmocka_unit_test(built_paths_locate_their_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
