/* The store sink's final(): the one place an import's transaction ends.
 * It commits once, when asked and every item went in; otherwise it rolls
 * back; and a second final() touches nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <ftw.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "native.h"
#include "sink.h"
#include "store.h"
#include "store_db.h"
#include "threat.h"

#include "store_fixture.h"

static bd_status give(bd_store_sink *s, const char *json)
{
	bd_incident inc;
	parse(json, &inc);
	bd_error err = { 0 };
	bd_status status = s->base.item(&s->base, &inc, &err);
	bd_error_clear(&err);
	bd_incident_free(&inc);
	return status;
}

static void final_ok_commits_once(void **state)
{
	(void)state;
	char *path = tmp_path("commit.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	sqlite3 *db = bd_store_db(st);
	bd_store_sink s;
	bd_error err = { 0 };
	assert_int_equal(bd_store_sink_open(&s, st, &threats, 2, &err), BD_OK);
	assert_int_equal(sqlite3_get_autocommit(db), 0);
	assert_int_equal(give(&s, INC_JSON("c-1", "One", "")), BD_OK);
	assert_int_equal(give(&s, INC_JSON("c-2", "Two", TWO_REFERRALS)), BD_OK);
	assert_int_equal(s.base.final(&s.base, true, &err), BD_OK);
	assert_int_equal(sqlite3_get_autocommit(db), 1);
	assert_int_equal(s.base.inserted, 2);
	/* Another connection sees both: committed, not merely written. */
	bd_store *other = open_store(path, 0);
	assert_int_equal(bd_store_total(other), 2);
	bd_store_close(other);
	/* A second final() neither commits nor rolls back the next
	 * transaction, which is not its own. */
	assert_int_equal(bd_store_begin(st, &err), BD_OK);
	assert_int_not_equal(s.base.final(&s.base, true, &err), BD_OK);
	assert_int_equal(s.base.final(&s.base, false, &err), BD_ESTORE);
	assert_int_equal(sqlite3_get_autocommit(db), 0);
	bd_store_rollback(st);
	bd_error_clear(&err);
	bd_store_close(st);
	free(path);
}

static void final_not_ok_rolls_back(void **state)
{
	(void)state;
	char *path = tmp_path("rollback.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	put(st, INC_JSON("r-0", "Kept", ""), &threats);
	char *before = dump(bd_store_db(st));
	bd_store_sink s;
	bd_error err = { 0 };
	assert_int_equal(bd_store_sink_open(&s, st, &threats, 1, &err), BD_OK);
	assert_int_equal(give(&s, INC_JSON("r-1", "Not kept", TWO_REFERRALS)), BD_OK);
	assert_int_equal(give(&s, INC_JSON("r-0", "Kept, changed", "")), BD_OK);
	assert_int_equal(s.base.final(&s.base, false, &err), BD_OK);
	assert_int_equal(sqlite3_get_autocommit(bd_store_db(st)), 1);
	char *after = dump(bd_store_db(st));
	assert_string_equal(after, before);
	free(before);
	free(after);
	bd_store_close(st);
	free(path);
}

/* An item the store refused (here an incident without an id) spoils the
 * whole: final(true) rolls back and says why. */
static void failed_item_makes_final_roll_back(void **state)
{
	(void)state;
	char *path = tmp_path("failed.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	char *before = dump(bd_store_db(st));
	bd_store_sink s;
	bd_error err = { 0 };
	assert_int_equal(bd_store_sink_open(&s, st, &threats, 1, &err), BD_OK);
	assert_int_equal(give(&s, INC_JSON("f-1", "Good", "")), BD_OK);
	bd_incident bad;
	parse(INC_JSON("f-2", "No id", ""), &bad);
	free(bad.id);
	bad.id = NULL;
	s.base.doc = "{}";
	assert_int_equal(s.base.item(&s.base, &bad, &err), BD_ESTORE);
	s.base.doc = NULL;
	bd_incident_free(&bad);
	bd_error_clear(&err);
	assert_int_equal(s.base.final(&s.base, true, &err), BD_ESTORE);
	assert_non_null(strstr(bd_error_text(&err), "NOT NULL"));
	assert_int_equal(sqlite3_get_autocommit(bd_store_db(st)), 1);
	char *after = dump(bd_store_db(st));
	assert_string_equal(after, before);
	free(before);
	free(after);
	bd_error_clear(&err);
	bd_store_close(st);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(final_ok_commits_once),
		cmocka_unit_test(final_not_ok_rolls_back),
		cmocka_unit_test(failed_item_makes_final_roll_back),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
