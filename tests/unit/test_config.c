/* The config file: every key, and every bad line reported with its line
 * number while the good lines still count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "query.h"

/* Parses text; returns the number of problems, the config in *c and the
 * problems in *d (caller frees both). */
static int parse(const char *text, bd_config *c, bd_diags *d)
{
	bd_config_init(c);
	memset(d, 0, sizeof *d);
	return bd_config_parse("cfg", text, c, d);
}

static void assert_problem(const bd_diags *d, size_t i, int line, const char *part)
{
	assert_true(i < d->n);
	assert_int_equal(d->v[i].line, line);
	assert_string_equal(d->v[i].file, "cfg");
	if (!strstr(d->v[i].msg, part))
		fail_msg("problem %zu: \"%s\" does not contain \"%s\"", i, d->v[i].msg, part);
}

static void empty_text_sets_nothing(void **state)
{
	(void)state;
	bd_config c;
	bd_diags d;
	assert_int_equal(parse("", &c, &d), 0);
	assert_int_equal(c.sort, -1);
	assert_int_equal(c.theme, -1);
	assert_int_equal(c.mouse, -1);
	assert_int_equal(c.ascii, -1);
	assert_null(c.filter);
	assert_null(c.columns);
	assert_null(c.db);
	bd_config_free(&c);
	bd_diags_free(&d);
}

static void reads_every_key(void **state)
{
	(void)state;
	bd_config c;
	bd_diags d;
	int n = parse("# my settings\n"
		      "\n"
		      "sort = affected desc\n"
		      "   filter=nation:\"northern ireland\" field:photo   \n"
		      "\t# indented comment\n"
		      "columns = title, date,force ,  affected\n"
		      "theme = colorblind\r\n"
		      "mouse = yes\n"
		      "ascii = off\n"
		      "db = /var/lib/breaches.db\n", &c, &d);
	assert_int_equal(n, 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(c.sort, BD_SORT_AFFECTED);
	assert_true(c.desc);
	assert_string_equal(c.filter, "nation:\"northern ireland\" field:photo");
	/* normalised, in drawing order */
	assert_string_equal(c.columns, "date,force,affected,title");
	assert_int_equal(c.column_mask, 1u << 0 | 1u << 1 | 1u << 3 | 1u << 10);
	assert_int_equal(c.theme, BD_THEME_COLORBLIND);
	assert_int_equal(c.mouse, 1);
	assert_int_equal(c.ascii, 0);
	assert_string_equal(c.db, "/var/lib/breaches.db");
	bd_config_free(&c);
	bd_diags_free(&d);
}

static void comments_after_values(void **state)
{
	(void)state;
	bd_config c;
	bd_diags d;
	assert_int_equal(parse("sort = affected desc   # biggest first\n"
			       "filter = \"a # b\" force:x#y # cut here\n"
			       "theme = mono#not a comment\n", &c, &d), 1);
	assert_int_equal(c.sort, BD_SORT_AFFECTED);
	assert_true(c.desc);
	assert_string_equal(c.filter, "\"a # b\" force:x#y");
	assert_problem(&d, 0, 3, "unknown theme 'mono#not a comment'");
	bd_config_free(&c);
	bd_diags_free(&d);
}

static void sort_direction_is_optional(void **state)
{
	(void)state;
	bd_config c;
	bd_diags d;
	assert_int_equal(parse("sort = force\n", &c, &d), 0);
	assert_int_equal(c.sort, BD_SORT_FORCE);
	assert_false(c.desc);
	bd_config_free(&c);
	bd_diags_free(&d);
	assert_int_equal(parse("sort = id asc", &c, &d), 0);      /* no final newline */
	assert_int_equal(c.sort, BD_SORT_ID);
	assert_false(c.desc);
	bd_config_free(&c);
	bd_diags_free(&d);
}

static void empty_filter_means_none(void **state)
{
	(void)state;
	bd_config c;
	bd_diags d;
	assert_int_equal(parse("filter =\n", &c, &d), 0);
	assert_non_null(c.filter);
	assert_string_equal(c.filter, "");
	bd_config_free(&c);
	bd_diags_free(&d);
}

static void db_tilde_is_home(void **state)
{
	(void)state;
	bd_config c;
	bd_diags d;
	setenv("HOME", "/home/tester", 1);
	assert_int_equal(parse("db = ~/x/store.db\n", &c, &d), 0);
	assert_string_equal(c.db, "/home/tester/x/store.db");
	bd_config_free(&c);
	bd_diags_free(&d);
}

static void bad_lines_are_numbered(void **state)
{
	(void)state;
	bd_config c;
	bd_diags d;
	int n = parse("# line 1\n"
		      "sort = affected\n"           /* 2: good */
		      "colour = red\n"              /* 3: unknown key */
		      "just words\n"                /* 4: no = */
		      "theme = rainbow\n"           /* 5 */
		      "mouse = maybe\n"             /* 6 */
		      "\n"
		      "sort = date\n"               /* 8: twice */
		      "columns = date, wingspan\n"  /* 9 */
		      "filter = affected>lots\n"    /* 10 */
		      "db =\n"                      /* 11: no value */
		      "= value\n"                   /* 12: no key */
		      "ascii = yes\n",              /* 13: good */
		      &c, &d);
	assert_int_equal(n, 9);
	assert_int_equal(d.n, 9);
	assert_problem(&d, 0, 3, "unknown key 'colour'");
	assert_problem(&d, 1, 4, "expected 'key = value'");
	assert_problem(&d, 2, 5, "unknown theme 'rainbow'");
	assert_problem(&d, 3, 6, "expected yes or no, got 'maybe'");
	assert_problem(&d, 4, 8, "already set on line 2");
	assert_problem(&d, 5, 9, "unknown column 'wingspan'");
	assert_problem(&d, 6, 10, "filter: ");
	assert_problem(&d, 7, 11, "db: needs a value");
	assert_problem(&d, 8, 12, "expected a key");
	/* the good lines still count */
	assert_int_equal(c.sort, BD_SORT_AFFECTED);
	assert_int_equal(c.ascii, 1);
	assert_int_equal(c.theme, -1);
	bd_config_free(&c);
	bd_diags_free(&d);
}

static void bad_sort_values(void **state)
{
	(void)state;
	bd_config c;
	bd_diags d;
	assert_int_equal(parse("sort = size\n", &c, &d), 1);
	assert_problem(&d, 0, 1, "unknown sort key 'size' (use date, force");
	bd_config_free(&c);
	bd_diags_free(&d);
	assert_int_equal(parse("\nsort = date upward\n", &c, &d), 1);
	assert_problem(&d, 0, 2, "expected asc or desc");
	bd_config_free(&c);
	bd_diags_free(&d);
	assert_int_equal(parse("\n\nsort = date desc please\n", &c, &d), 1);
	assert_problem(&d, 0, 3, "unexpected 'please'");
	assert_int_equal(c.sort, -1);
	bd_config_free(&c);
	bd_diags_free(&d);
}

static void printed_as_file_line_message(void **state)
{
	(void)state;
	bd_config c;
	bd_diags d;
	parse("ok = no\n", &c, &d);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	bd_config_print(&d, m);
	fclose(m);
	assert_string_equal(buf, "cfg:1: unknown key 'ok' (use sort, filter, columns, theme, mouse, ascii or db)\n");
	free(buf);
	bd_config_free(&c);
	bd_diags_free(&d);
}

static void load_missing_file_is_fine(void **state)
{
	(void)state;
	bd_config c;
	bd_diags d = { 0 };
	bd_config_init(&c);
	assert_int_equal(bd_config_load("/nonexistent/breachdash/config", &c, &d), 0);
	assert_int_equal(bd_config_load(NULL, &c, &d), 0);
	assert_int_equal(d.n, 0);
	bd_config_free(&c);
}

static void load_reads_the_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/bd-test-config-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/config", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("theme = mono\nmouse = sometimes\n", f);
	fclose(f);
	bd_config c;
	bd_diags d = { 0 };
	bd_config_init(&c);
	assert_int_equal(bd_config_load(path, &c, &d), 1);
	assert_int_equal(c.theme, BD_THEME_MONO);
	assert_int_equal(d.v[0].line, 2);
	assert_string_equal(d.v[0].file, path);
	bd_diags_free(&d);
	bd_config_free(&c);
	/* a directory where the file should be is a problem */
	unlink(path);
	assert_int_equal(mkdir(path, 0700), 0);
	bd_config_init(&c);
	assert_int_equal(bd_config_load(path, &c, &d), 1);
	bd_diags_free(&d);
	bd_config_free(&c);
	rmdir(path);
	rmdir(dir);
}

static void path_follows_xdg(void **state)
{
	(void)state;
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	char *p = bd_config_path();
	assert_string_equal(p, "/xdg/breachdash/config");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);       /* not absolute: ignored */
	setenv("HOME", "/home/tester", 1);
	p = bd_config_path();
	assert_string_equal(p, "/home/tester/.config/breachdash/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	assert_null(bd_config_path());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_text_sets_nothing),
		cmocka_unit_test(reads_every_key),
		cmocka_unit_test(comments_after_values),
		cmocka_unit_test(sort_direction_is_optional),
		cmocka_unit_test(empty_filter_means_none),
		cmocka_unit_test(db_tilde_is_home),
		cmocka_unit_test(bad_lines_are_numbered),
		cmocka_unit_test(bad_sort_values),
		cmocka_unit_test(printed_as_file_line_message),
		cmocka_unit_test(load_missing_file_is_fine),
		cmocka_unit_test(load_reads_the_file),
		cmocka_unit_test(path_follows_xdg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
