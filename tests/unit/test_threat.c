/* Threat levels: loading the table, and which level was in force. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "threat.h"

static char tmpdir[] = "/tmp/bd-test-threat-XXXXXX";
static bd_threat_table bundled;
static int n_files;

static int teardown(void **state);

static int prepare(void)
{
	if (!mkdtemp(tmpdir))
		return -1;
	const char *top = getenv("BD_TOP");
	char *file = NULL;
	if (asprintf(&file, "%s/data/threat_levels.json", top ? top : ".") < 0)
		return -1;
	bd_diags d = { 0 };
	int n = bd_threat_load(file, &bundled, &d);
	if (n)
		bd_diags_print(&d, stderr);
	bd_diags_free(&d);
	free(file);
	return n ? -1 : 0;
}

/* A failed setup cleans up too: cmocka runs no teardown after it. */
static int setup(void **state)
{
	int rc = prepare();
	if (rc != 0) {
		fprintf(stderr, "setup failed\n");
		teardown(state);
	}
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	bd_threat_free(&bundled);
	for (int i = 0; i < n_files; i++) {
		char path[300];
		snprintf(path, sizeof path, "%s/t%d.json", tmpdir, i);
		unlink(path);
	}
	return rmdir(tmpdir);
}

static bd_date d(const char *s)
{
	bd_date out = { 0, 0, 0 };
	assert_true(bd_date_parse(s, &out));
	return out;
}

static int level_at(int scope, const char *date)
{
	const bd_threat_period *p = bd_threat_at(&bundled, scope, d(date));
	return p ? p->level : -1;
}

/* Writes text to a new file in the temp dir and loads it. */
static int load_text(const char *text, bd_threat_table *t, bd_diags *diags)
{
	char path[300];
	snprintf(path, sizeof path, "%s/t%d.json", tmpdir, n_files++);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return bd_threat_load(path, t, diags);
}

/* Line and column of the first occurrence of needle in text. */
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

static bd_date next_day(bd_date d)
{
	if (++d.day > bd_days_in_month(d.year, d.month)) {
		d.day = 1;
		if (++d.month > 12)
			d.month = 1, d.year++;
	}
	return d;
}

static void loads_the_bundled_table(void **state)
{
	(void)state;
	assert_int_equal(bundled.n, 23);
	/* The first published UK level, 1 August 2006. */
	const bd_threat_period *p = &bundled.v[0];
	assert_int_equal(p->scope, BD_SCOPE_UK);
	assert_int_equal(p->level, BD_LEVEL_SEVERE);
	assert_int_equal(bd_date_key(p->from), 20060801);
	assert_int_equal(bd_date_key(p->to), 20060809);
	assert_non_null(p->note);
	p = &bundled.v[13];
	assert_int_equal(p->level, BD_LEVEL_SUBSTANTIAL);
	assert_int_equal(bd_date_key(p->from), 20191104);
	assert_int_equal(bd_date_key(p->to), 20201102);
	assert_string_equal(p->sources[0].publisher, "BBC News");
	assert_string_equal(p->sources[0].title, "UK terrorism threat downgraded to 'substantial'");
	size_t uk = 0, ni = 0, open = 0;
	for (size_t i = 0; i < bundled.n; i++) {
		uk += bundled.v[i].scope == BD_SCOPE_UK;
		ni += bundled.v[i].scope == BD_SCOPE_NI;
		open += !bd_date_is_set(bundled.v[i].to);
		assert_true(bd_date_is_full(bundled.v[i].from));
	}
	assert_int_equal(uk, 19);
	assert_int_equal(ni, 4);
	/* UK periods follow one another with no gap from 2006 on. */
	for (size_t i = 1; i < uk; i++)
		assert_int_equal(bd_date_key(bundled.v[i].from),
				 bd_date_key(next_day(bundled.v[i - 1].to)));
	assert_int_equal(open, 2);     /* one period with no end found per scope */
	const bd_threat_period *last = &bundled.v[bundled.n - 1];
	assert_int_equal(last->scope, BD_SCOPE_NI);
	assert_string_equal(last->sources[0].publisher, "MI5");
	assert_string_equal(last->sources[0].title, "Threat level for Northern Ireland related "
			    "terrorism in Northern Ireland reduced to SUBSTANTIAL");
	char d[11];
	bd_date_format(last->latest, d);
	assert_string_equal(d, "2024-10-31");
	bd_date_format(bundled.as_of, d);
	assert_string_equal(d, "2026-12-06");
}

/* Every period cites at least one source with a publisher: a level no one
 * reports is not in the table. */
static void every_period_cites_a_source(void **state)
{
	(void)state;
	for (size_t i = 0; i < bundled.n; i++) {
		assert_true(bundled.v[i].n_sources > 0);
		for (size_t k = 0; k < bundled.v[i].n_sources; k++)
			assert_non_null(bundled.v[i].sources[k].publisher);
	}
}

/* The header's words: the level of each scope with the date of its newest
 * source, never "now"; a source over a year old is a last confirmation. */
static void summary_dates_each_level(void **state)
{
	(void)state;
	char buf[200];
	bd_threat_summary(buf, sizeof buf, &bundled, bundled.as_of, false);
	assert_string_equal(buf, "UK SEVERE (latest source 2026-05-01), "
			    "NI SUBSTANTIAL (last confirmed 2024-10-31)");
	bd_threat_summary(buf, sizeof buf, &bundled, bundled.as_of, true);
	assert_string_equal(buf, "UK SEVERE as of 2026-05-01, NI SUBSTANTIAL as of 2024-10-31");
}

static void level_inside_a_period(void **state)
{
	(void)state;
	assert_int_equal(level_at(BD_SCOPE_NI, "2023-08-08"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_UK, "2023-08-08"), BD_LEVEL_SUBSTANTIAL);
	assert_int_equal(level_at(BD_SCOPE_UK, "2021-01-01"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_NI, "2015-06-30"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_NI, "2022-12-25"), BD_LEVEL_SUBSTANTIAL);
}

static void level_on_the_boundaries(void **state)
{
	(void)state;
	/* NI: substantial to 2023-03-27, severe 2023-03-28 to 2024-03-05. */
	assert_int_equal(level_at(BD_SCOPE_NI, "2023-03-27"), BD_LEVEL_SUBSTANTIAL);
	assert_int_equal(level_at(BD_SCOPE_NI, "2023-03-28"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_NI, "2024-03-05"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_NI, "2024-03-06"), BD_LEVEL_SUBSTANTIAL);
	/* UK: severe 2021-11-15 to 2022-02-08. */
	assert_int_equal(level_at(BD_SCOPE_UK, "2021-11-14"), BD_LEVEL_SUBSTANTIAL);
	assert_int_equal(level_at(BD_SCOPE_UK, "2021-11-15"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_UK, "2022-02-08"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_UK, "2022-02-09"), BD_LEVEL_SUBSTANTIAL);
	/* Before the first published UK level there is none on record. */
	assert_int_equal(level_at(BD_SCOPE_UK, "2006-07-31"), -1);
	assert_int_equal(level_at(BD_SCOPE_UK, "2006-08-01"), BD_LEVEL_SEVERE);
	/* UK: critical 2017-05-23 to 2017-05-26. */
	assert_int_equal(level_at(BD_SCOPE_UK, "2017-05-22"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_UK, "2017-05-23"), BD_LEVEL_CRITICAL);
	assert_int_equal(level_at(BD_SCOPE_UK, "2017-05-26"), BD_LEVEL_CRITICAL);
	assert_int_equal(level_at(BD_SCOPE_UK, "2017-05-27"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_UK, "2019-11-03"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_UK, "2019-11-04"), BD_LEVEL_SUBSTANTIAL);
	/* An open period runs on. */
	assert_int_equal(level_at(BD_SCOPE_UK, "2035-01-01"), BD_LEVEL_SEVERE);
	/* UK: severe from 2026-04-30. */
	assert_int_equal(level_at(BD_SCOPE_UK, "2026-04-29"), BD_LEVEL_SUBSTANTIAL);
	assert_int_equal(level_at(BD_SCOPE_UK, "2026-04-30"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_NI, "2035"), BD_LEVEL_SUBSTANTIAL);
}

static void partial_date_spanning_a_change_takes_the_highest(void **state)
{
	(void)state;
	/* March 2023 in NI: substantial, then severe from the 28th. */
	assert_int_equal(level_at(BD_SCOPE_NI, "2023-03"), BD_LEVEL_SEVERE);
	/* March 2024: severe to the 5th, then substantial. */
	assert_int_equal(level_at(BD_SCOPE_NI, "2024-03"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_NI, "2024-04"), BD_LEVEL_SUBSTANTIAL);
	/* 2021 in the UK: severe, substantial, severe. */
	assert_int_equal(level_at(BD_SCOPE_UK, "2021"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_UK, "2021-06"), BD_LEVEL_SUBSTANTIAL);
	/* 2019: severe, then substantial from 4 November. */
	assert_int_equal(level_at(BD_SCOPE_UK, "2019"), BD_LEVEL_SEVERE);
	assert_int_equal(level_at(BD_SCOPE_UK, "2019-10"), BD_LEVEL_SEVERE);
	/* 2006: first published in August, so before that nothing. */
	assert_int_equal(level_at(BD_SCOPE_UK, "2006-07"), -1);
	assert_int_equal(level_at(BD_SCOPE_UK, "2006"), BD_LEVEL_CRITICAL);
	/* The period returned is the one with the highest level. */
	const bd_threat_period *p = bd_threat_at(&bundled, BD_SCOPE_NI, d("2023-03"));
	assert_non_null(p);
	assert_int_equal(bd_date_key(p->from), 20230328);
}

/* A partial date names every level it covers, in order: the date does not
 * say which was in force. */
static void partial_date_names_every_level_it_covers(void **state)
{
	(void)state;
	const bd_threat_period *p[4];
	assert_int_equal(bd_threat_during(&bundled, BD_SCOPE_UK, d("2014"), p, 4), 2);
	assert_int_equal(p[0]->level, BD_LEVEL_SUBSTANTIAL);
	assert_int_equal(p[1]->level, BD_LEVEL_SEVERE);
	assert_int_equal(bd_date_key(p[1]->from), 20140829);
	/* 2017: severe, critical, severe, critical, severe; only max kept. */
	assert_int_equal(bd_threat_during(&bundled, BD_SCOPE_UK, d("2017"), p, 4), 5);
	assert_int_equal(p[1]->level, BD_LEVEL_CRITICAL);
	assert_int_equal(bd_threat_during(&bundled, BD_SCOPE_UK, d("2014-09"), p, 4), 1);
	assert_int_equal(bd_threat_during(&bundled, BD_SCOPE_UK, d("2006-07"), p, 4), 0);
}

static void unset_date_has_no_level(void **state)
{
	(void)state;
	bd_date none = { 0, 0, 0 };
	assert_null(bd_threat_at(&bundled, BD_SCOPE_UK, none));
	assert_null(bd_threat_at(&bundled, BD_SCOPE_NI, none));
}

static void current_level_for_today(void **state)
{
	(void)state;
	const bd_threat_period *p = bd_threat_current(&bundled, BD_SCOPE_NI, d("2023-09-01"));
	assert_non_null(p);
	assert_int_equal(p->level, BD_LEVEL_SEVERE);
}

static void scope_follows_the_nation(void **state)
{
	(void)state;
	assert_int_equal(bd_threat_scope_for(BD_NORTHERN_IRELAND), BD_SCOPE_NI);
	assert_int_equal(bd_threat_scope_for(BD_ENGLAND), BD_SCOPE_UK);
	assert_int_equal(bd_threat_scope_for(BD_WALES), BD_SCOPE_UK);
	assert_int_equal(bd_threat_scope_for(BD_SCOTLAND), BD_SCOPE_UK);
	assert_int_equal(bd_threat_scope_for(BD_OUTSIDE_UK), -1);
	/* in the UK without saying where: the national level applies */
	assert_int_equal(bd_threat_scope_for(BD_UK_UNKNOWN), BD_SCOPE_UK);
	/* not known to be in the UK: none is claimed */
	assert_int_equal(bd_threat_scope_for(BD_NATION_UNKNOWN), -1);
	assert_null(bd_threat_none_reason(BD_UK_UNKNOWN));
	assert_string_equal(bd_threat_none_reason(BD_OUTSIDE_UK), "outside the UK");
	assert_string_equal(bd_threat_none_reason(BD_NATION_UNKNOWN), "country not known");
}

static void level_for_an_incident_uses_its_nation_and_date(void **state)
{
	(void)state;
	bd_incident inc;
	bd_incident_init(&inc);
	inc.nation = BD_NORTHERN_IRELAND;
	inc.disclosed = d("2023-08-09");
	assert_int_equal(bd_threat_level_for(&bundled, &inc), BD_LEVEL_SEVERE);
	inc.nation = BD_ENGLAND;
	assert_int_equal(bd_threat_level_for(&bundled, &inc), BD_LEVEL_SUBSTANTIAL);
	inc.nation = BD_SCOTLAND;
	inc.occurred = d("2021-12");    /* occurred wins over disclosed */
	assert_int_equal(bd_threat_level_for(&bundled, &inc), BD_LEVEL_SEVERE);
	inc.nation = BD_OUTSIDE_UK;
	assert_int_equal(bd_threat_level_for(&bundled, &inc), -1);
	inc.nation = BD_UK_UNKNOWN;
	assert_int_equal(bd_threat_level_for(&bundled, &inc), BD_LEVEL_SEVERE);
	inc.nation = BD_NATION_UNKNOWN;
	assert_int_equal(bd_threat_level_for(&bundled, &inc), -1);
	bd_incident_init(&inc);
	inc.nation = BD_ENGLAND;        /* no date at all */
	assert_int_equal(bd_threat_level_for(&bundled, &inc), -1);
	bd_threat_table empty = { .v = NULL };
	inc.occurred = d("2023");
	assert_int_equal(bd_threat_level_for(&empty, &inc), -1);
}

/* ---- bad files ---- */

static void overlapping_periods_are_reported_with_their_line(void **state)
{
	(void)state;
	static const char text[] =
		"{\"schema\": \"breachdash-threat/1\",\n"
		" \"levels\": [\n"
		"  {\"scope\": \"uk\", \"level\": \"substantial\", \"from\": \"2020-01-01\", \"to\": \"2020-12-31\"},\n"
		"  {\"scope\": \"northern-ireland\", \"level\": \"severe\", \"from\": \"2020-06-01\"},\n"
		"  {\"scope\": \"uk\", \"level\": \"severe\", \"from\": \"2020-12-31\"}\n"
		" ]}\n";
	bd_threat_table t;
	bd_diags diags = { 0 };
	assert_int_equal(load_text(text, &t, &diags), 1);
	assert_int_equal(diags.n, 1);
	assert_string_equal(diags.v[0].path, "$.levels[2]");
	assert_int_equal(diags.v[0].line, 5);
	assert_int_equal(diags.v[0].col, 3);
	assert_non_null(strstr(diags.v[0].msg, "overlaps"));
	assert_int_equal(t.n, 0);
	assert_null(t.v);
	bd_diags_free(&diags);
}

static void open_period_overlaps_any_later_one(void **state)
{
	(void)state;
	static const char text[] =
		"{\"levels\": [\n"
		"  {\"scope\": \"uk\", \"level\": \"severe\", \"from\": \"2020-01-01\"},\n"
		"  {\"scope\": \"uk\", \"level\": \"low\", \"from\": \"2030-01-01\", \"to\": \"2030-02-01\"}\n"
		"]}\n";
	bd_threat_table t;
	bd_diags diags = { 0 };
	assert_int_equal(load_text(text, &t, &diags), 1);
	assert_int_equal(diags.v[0].line, 3);
	bd_diags_free(&diags);
	/* Back to back is no overlap. */
	static const char ok[] =
		"{\"levels\": [\n"
		"  {\"scope\": \"uk\", \"level\": \"severe\", \"from\": \"2020-01-01\", \"to\": \"2020-01-31\"},\n"
		"  {\"scope\": \"uk\", \"level\": \"low\", \"from\": \"2020-02-01\"}\n"
		"]}\n";
	assert_int_equal(load_text(ok, &t, &diags), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(level_at(BD_SCOPE_UK, "2020-01-31"), BD_LEVEL_SUBSTANTIAL);   /* the bundled table, untouched */
	const bd_threat_period *p = bd_threat_at(&t, BD_SCOPE_UK, d("2020-01-31"));
	assert_non_null(p);
	assert_int_equal(p->level, BD_LEVEL_SEVERE);
	p = bd_threat_at(&t, BD_SCOPE_UK, d("2020-02-01"));
	assert_int_equal(p->level, BD_LEVEL_LOW);
	assert_null(bd_threat_at(&t, BD_SCOPE_NI, d("2020-02-01")));
	bd_threat_free(&t);
	bd_diags_free(&diags);
}

static void bad_level_and_scope_are_reported_with_their_line(void **state)
{
	(void)state;
	static const char text[] =
		"{\"levels\": [\n"
		"  {\"scope\": \"uk\", \"level\": \"low\", \"from\": \"2001-01-01\", \"to\": \"2001-12-31\"},\n"
		"\n"
		"     {\"scope\": \"uk\", \"level\": \"extreme\", \"from\": \"2002-01-01\", \"to\": \"2002-12-31\"},\n"
		"  {\"scope\": \"wales\", \"level\": \"low\", \"from\": \"2003-01-01\"}\n"
		"]}\n";
	bd_threat_table t;
	bd_diags diags = { 0 };
	assert_int_equal(load_text(text, &t, &diags), 2);
	assert_int_equal(diags.n, 2);
	assert_string_equal(diags.v[0].path, "$.levels[1]");
	assert_int_equal(diags.v[0].line, 4);
	assert_int_equal(diags.v[0].col, 6);
	assert_non_null(strstr(diags.v[0].msg, "level"));
	assert_string_equal(diags.v[1].path, "$.levels[2]");
	assert_int_equal(diags.v[1].line, 5);
	assert_non_null(strstr(diags.v[1].msg, "scope"));
	assert_int_equal(t.n, 0);
	bd_diags_free(&diags);
}

static void bad_dates_and_keys_are_placed_at_their_values(void **state)
{
	(void)state;
	static const char text[] =
		"{\"levels\": [\n"
		"  {\"scope\": \"northern-ireland\", \"level\": \"low\",\n"
		"   \"from\": \"2001-01\", \"to\": \"2001-12-31\"},\n"
		"  {\"scope\": \"uk\", \"level\": \"low\", \"from\": \"2002-01-01\", \"to\": 2003, \"colour\": \"red\"},\n"
		"  {\"scope\": \"northern-ireland\", \"level\": \"low\", \"to\": \"1999-12-31\"}\n"
		"]}\n";
	bd_threat_table t;
	bd_diags diags = { 0 };
	assert_int_equal(load_text(text, &t, &diags), 4);
	int line, col;
	bool from = false, to = false, key = false, missing = false;
	for (size_t i = 0; i < diags.n; i++) {
		const bd_diag *g = &diags.v[i];
		if (strcmp(g->path, "$.levels[0].from") == 0) {
			where(text, "\"2001-01\"", &line, &col);
			assert_int_equal(g->line, line);
			assert_int_equal(g->col, col);
			assert_non_null(strstr(g->msg, "full date"));
			from = true;
		} else if (strcmp(g->path, "$.levels[1].to") == 0) {
			where(text, "2003,", &line, &col);
			assert_int_equal(g->line, line);
			assert_int_equal(g->col, col);
			to = true;
		} else if (strcmp(g->path, "$.levels[1].colour") == 0) {
			where(text, "\"red\"", &line, &col);
			assert_int_equal(g->line, line);
			assert_int_equal(g->col, col);
			assert_non_null(strstr(g->msg, "unknown key"));
			key = true;
		} else if (strcmp(g->path, "$.levels[2]") == 0) {
			assert_int_equal(g->line, 5);
			missing = true;
		}
	}
	assert_true(from && to && key && missing);
	bd_diags_free(&diags);
}

static void syntax_error_gives_janssons_line(void **state)
{
	(void)state;
	static const char text[] = "{\"levels\": [\n  {\"scope\": \"uk\",,}\n]}\n";
	bd_threat_table t;
	bd_diags diags = { 0 };
	assert_int_equal(load_text(text, &t, &diags), 1);
	assert_int_equal(diags.n, 1);
	assert_int_equal(diags.v[0].line, 2);
	assert_true(diags.v[0].col > 0);
	assert_non_null(diags.v[0].file);
	bd_diags_free(&diags);
}

static void missing_levels_array_is_reported(void **state)
{
	(void)state;
	bd_threat_table t;
	bd_diags diags = { 0 };
	assert_int_equal(load_text("{\"level\": []}", &t, &diags), 1);
	assert_string_equal(diags.v[0].path, "$");
	assert_int_equal(diags.v[0].line, 1);
	bd_diags_free(&diags);
	assert_int_equal(load_text("{\"levels\": [3]}", &t, &diags), 1);
	assert_string_equal(diags.v[0].path, "$.levels[0]");
	bd_diags_free(&diags);
}

static void missing_file_is_one_problem_without_a_bogus_position(void **state)
{
	(void)state;
	char path[300];
	snprintf(path, sizeof path, "%s/absent.json", tmpdir);
	bd_threat_table t;
	bd_diags diags = { 0 };
	assert_int_equal(bd_threat_load(path, &t, &diags), 1);
	assert_int_equal(diags.n, 1);
	assert_string_equal(diags.v[0].file, path);
	assert_int_equal(diags.v[0].line, 0);      /* printed as "FILE: message" */
	assert_int_equal(diags.v[0].col, 0);
	assert_int_equal(t.n, 0);
	bd_diags_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_the_bundled_table),
		cmocka_unit_test(every_period_cites_a_source),
		cmocka_unit_test(summary_dates_each_level),
		cmocka_unit_test(level_inside_a_period),
		cmocka_unit_test(level_on_the_boundaries),
		cmocka_unit_test(partial_date_spanning_a_change_takes_the_highest),
		cmocka_unit_test(partial_date_names_every_level_it_covers),
		cmocka_unit_test(unset_date_has_no_level),
		cmocka_unit_test(current_level_for_today),
		cmocka_unit_test(scope_follows_the_nation),
		cmocka_unit_test(level_for_an_incident_uses_its_nation_and_date),
		cmocka_unit_test(overlapping_periods_are_reported_with_their_line),
		cmocka_unit_test(open_period_overlaps_any_later_one),
		cmocka_unit_test(bad_level_and_scope_are_reported_with_their_line),
		cmocka_unit_test(bad_dates_and_keys_are_placed_at_their_values),
		cmocka_unit_test(syntax_error_gives_janssons_line),
		cmocka_unit_test(missing_levels_array_is_reported),
		cmocka_unit_test(missing_file_is_one_problem_without_a_bogus_position),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
