/* The bundled record in a store: a new store gets all of it, a store made
 * from an older record is brought up to the new one, and what was changed
 * or deleted in the store is left as it is. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundled.h"
#include "import_native.h"
#include "native.h"
#include "sink.h"
#include "store.h"
#include "store_db.h"

#include "store_fixture.h"

/* An incident of the record, its title given. */
#define INC(id, title) \
	"{\"id\":\"" id "\",\"title\":\"" title "\",\"organisation\":{\"force\":\"Kent Police\"," \
	"\"short\":\"Kent\"},\"nation\":\"england\",\"kind\":\"loss\",\"affected\":{\"count\":null," \
	"\"qualifier\":\"unknown\"},\"sources\":[{\"id\":\"s1\",\"publisher\":\"BBC\"," \
	"\"title\":\"A page\",\"url\":\"https://example.org/a\"}]}"
#define RECORD(...) "{\"schema\":\"breachdash/1\",\"incidents\":[" __VA_ARGS__ "]}"

static bd_data record(const char *text)
{
	return (bd_data){ .text = text, .len = strlen(text), .label = (char *)"incidents.json (test)" };
}

static bd_bundled_counts apply(bd_store *st, const char *text)
{
	bd_data src = record(text);
	bd_bundled_counts c;
	bd_diags d = { 0 };
	bd_error err = { 0 };
	assert_int_equal(bd_bundled_apply(st, &threats, &src, &c, &d, &err), BD_OK);
	assert_int_equal(d.n, 0);
	bd_diags_free(&d);
	assert_false(bd_bundled_stale(st, &src));
	return c;
}

static char *title_of(bd_store *st, const char *id)
{
	bd_incident inc;
	if (bd_store_get(st, id, &inc, NULL) != BD_OK)
		return NULL;
	char *t = strdup(inc.title);
	bd_incident_free(&inc);
	return t;
}

static void assert_title(bd_store *st, const char *id, const char *want)
{
	char *got = title_of(st, id);
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static bd_store *new_store(const char *name)
{
	bd_store *st;
	char *path = tmp_path(name);
	assert_int_equal(bd_store_open(path, BD_STORE_CREATE, &st, NULL), BD_OK);
	free(path);
	return st;
}

/* The user's own change, as an edit or an import would make it. */
static void put_title(bd_store *st, const char *id, const char *title)
{
	bd_incident inc;
	assert_int_equal(bd_store_get(st, id, &inc, NULL), BD_OK);
	free(inc.title);
	inc.title = strdup(title);
	assert_int_equal(bd_store_begin(st, NULL), BD_OK);
	assert_int_equal(bd_store_put(st, &inc, &threats, NULL, NULL), BD_OK);
	assert_int_equal(bd_store_commit(st, NULL), BD_OK);
	bd_incident_free(&inc);
}

static void new_store_gets_the_whole_record(void **state)
{
	(void)state;
	bd_store *st = new_store("new.db");
	bd_data src = record(RECORD(INC("a", "A one") "," INC("b", "B one")));
	assert_true(bd_bundled_stale(st, &src));
	bd_bundled_counts c = apply(st, RECORD(INC("a", "A one") "," INC("b", "B one")));
	assert_int_equal(c.added, 2);
	assert_int_equal(bd_store_total(st), 2);
	/* the same record again: nothing to do */
	c = apply(st, RECORD(INC("a", "A one") "," INC("b", "B one")));
	assert_int_equal(c.unchanged, 2);
	bd_store_close(st);
}

static void newer_record_updates_and_adds(void **state)
{
	(void)state;
	bd_store *st = new_store("update.db");
	apply(st, RECORD(INC("a", "A one") "," INC("b", "B one")));
	bd_bundled_counts c = apply(st, RECORD(INC("a", "A two") "," INC("b", "B one") ","
					       INC("c", "C one")));
	assert_int_equal(c.updated, 1);
	assert_int_equal(c.unchanged, 1);
	assert_int_equal(c.added, 1);
	assert_title(st, "a", "A two");
	assert_title(st, "c", "C one");
	bd_store_close(st);
}

/* An incident edited or deleted in the store stays as the user left it,
 * through this change of the record and the next. */
static void user_changes_are_kept(void **state)
{
	(void)state;
	bd_store *st = new_store("kept.db");
	apply(st, RECORD(INC("a", "A one") "," INC("b", "B one")));
	put_title(st, "a", "A as the user says");
	assert_int_equal(bd_store_begin(st, NULL), BD_OK);
	assert_int_equal(bd_store_delete(st, "b", NULL), BD_OK);
	assert_int_equal(bd_store_commit(st, NULL), BD_OK);
	bd_bundled_counts c = apply(st, RECORD(INC("a", "A two") "," INC("b", "B two")));
	assert_int_equal(c.kept_edited, 1);
	assert_int_equal(c.kept_deleted, 1);
	assert_int_equal(c.updated + c.added, 0);
	assert_title(st, "a", "A as the user says");
	assert_title(st, "b", NULL);
	c = apply(st, RECORD(INC("a", "A three") "," INC("b", "B three") "," INC("c", "C one")));
	assert_int_equal(c.kept_edited, 1);
	assert_int_equal(c.kept_deleted, 1);
	char buf[200];
	bd_bundled_summary(&c, buf, sizeof buf);
	assert_string_equal(buf, "the store was brought up to the bundled record: 1 incident added;"
			    " 1 changed here kept as it is; 1 deleted here left out");
	c = apply(st, RECORD(INC("a", "A three") "," INC("b", "B three") "," INC("c", "C one")));
	bd_bundled_summary(&c, buf, sizeof buf);
	assert_string_equal(buf, "the store was brought up to the bundled record: 1 changed here kept"
			    " as it is; 1 deleted here left out");
	bd_store_close(st);
}

/* A store filled before the fingerprints were kept: nothing says whether
 * a differing incident was changed there, so it is kept; what it lacks is
 * added, and what it holds as the record gives it is adopted. */
static void store_older_than_the_fingerprints(void **state)
{
	(void)state;
	bd_store *st = new_store("old.db");
	bd_store_sink sink;
	bd_store_sink_init(&sink, st, &threats);
	const char *old = RECORD(INC("a", "A one") "," INC("b", "B one"));
	assert_int_equal(bd_store_begin(st, NULL), BD_OK);
	assert_int_equal(bd_import_native_text("old", old, strlen(old), NULL, &sink.base, NULL), 0);
	assert_int_equal(bd_store_commit(st, NULL), BD_OK);
	bd_data src = record(RECORD(INC("a", "A two") "," INC("b", "B one") "," INC("c", "C one")));
	assert_true(bd_bundled_stale(st, &src));
	bd_bundled_counts c = apply(st, RECORD(INC("a", "A two") "," INC("b", "B one") ","
					       INC("c", "C one")));
	assert_int_equal(c.kept_edited, 1);
	assert_int_equal(c.unchanged, 1);
	assert_int_equal(c.added, 1);
	assert_title(st, "a", "A one");
	/* b is now known to be the record's: a later change reaches it */
	c = apply(st, RECORD(INC("a", "A two") "," INC("b", "B two") "," INC("c", "C one")));
	assert_int_equal(c.updated, 1);
	assert_title(st, "b", "B two");
	assert_title(st, "a", "A one");
	bd_store_close(st);
}

/* A record with a problem changes nothing, fingerprints included. */
static void bad_record_changes_nothing(void **state)
{
	(void)state;
	bd_store *st = new_store("bad.db");
	apply(st, RECORD(INC("a", "A one")));
	const char *bad = RECORD(INC("a", "A two") ",{\"id\":\"x\"}");
	bd_data src = record(bad);
	bd_bundled_counts c;
	bd_diags d = { 0 };
	bd_error err = { 0 };
	assert_int_equal(bd_bundled_apply(st, &threats, &src, &c, &d, &err), BD_EDATA);
	assert_true(d.n > 0);
	assert_non_null(strstr(bd_error_text(&err), "nothing was imported"));
	bd_diags_free(&d);
	bd_error_clear(&err);
	assert_title(st, "a", "A one");
	assert_true(bd_bundled_stale(st, &src));
	bd_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_store_gets_the_whole_record),
		cmocka_unit_test(newer_record_updates_and_adds),
		cmocka_unit_test(user_changes_are_kept),
		cmocka_unit_test(store_older_than_the_fingerprints),
		cmocka_unit_test(bad_record_changes_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
