/* Vocabulary values are what the store writes, so they must not follow a
 * list's order: every name keeps the value that store format 6 gave it,
 * a list reordered keeps its values, and a store written now holds those
 * values in its integer columns. */
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
#include "store.h"
#include "store_db.h"
#include "threat.h"

#include "store_fixture.h"

/* The values of store format 6, by name, written out once here and never
 * derived from the lists: the i-th name is stored as i. A new name goes
 * at the end of its row here with the value the list gives it. */
typedef struct pinned {
	const bd_vocab *v;
	const char *const *names;
	size_t n;
} pinned;

#define PIN(v, ...) { &v, (const char *const[]){ __VA_ARGS__ }, \
	sizeof (const char *const[]){ __VA_ARGS__ } / sizeof (const char *) }

static const pinned stored[] = {
	PIN(bd_nations, "england", "wales", "scotland", "northern-ireland", "outside-uk",
	    "uk-unknown", "unknown"),
	PIN(bd_kinds, "supplier-compromise", "accidental-disclosure", "theft", "loss",
	    "insider-misuse", "cyber-attack", "other"),
	PIN(bd_qualifiers, "exact", "approx", "at-least", "up-to", "unknown"),
	PIN(bd_fields, "name", "initial", "surname", "rank", "role", "photo", "id-number",
	    "pay-number", "vetting-level", "unit", "location", "home-address", "phone",
	    "email", "financial", "date-of-birth", "gender", "victim-details",
	    "crime-details", "video", "evidence", "personal-unspecified", "medical",
	    "credentials", "internal", "classified", "secrets", "system", "copyrighted",
	    "other-data"),
	PIN(bd_bodies, "ico", "nca", "iopc", "other"),
	PIN(bd_ref_statuses, "referred", "investigating", "reprimand", "fine", "closed",
	    "enforcement-notice", "undertaking"),
	PIN(bd_levels, "low", "moderate", "substantial", "severe", "critical"),
	PIN(bd_origins, "native", "veris"),
};
enum { N_STORED = sizeof stored / sizeof stored[0] };

/* How far a matter went, by status name: the order of the furthest
 * status, which the ico and nca columns hold by value. Not stored, but
 * kept apart from the list's order, so pinned with it. */
static const struct { const char *status; int rank; } stored_rank[] = {
	{ "referred", 0 }, { "investigating", 1 }, { "closed", 2 }, { "undertaking", 3 },
	{ "reprimand", 4 }, { "enforcement-notice", 5 }, { "fine", 6 },
};

static void every_name_keeps_its_stored_value(void **state)
{
	(void)state;
	for (size_t s = 0; s < N_STORED; s++) {
		const pinned *p = &stored[s];
		if (p->v->count != p->n)
			fail_msg("%s: %zu names, %zu pinned: pin the new ones", p->v->what,
				 p->v->count, p->n);
		for (size_t i = 0; i < p->n; i++) {
			if (bd_vocab_find(p->v, p->names[i]) != (int)i)
				fail_msg("%s \"%s\": stored as %zu, now %d", p->v->what, p->names[i],
					 i, bd_vocab_find(p->v, p->names[i]));
			assert_string_equal(bd_vocab_name(p->v, (int)i), p->names[i]);
		}
	}
	assert_int_equal(BD_FIELD_BIT(bd_vocab_find(&bd_fields, "name")), 1);
	assert_int_equal(BD_FIELD_BIT(bd_vocab_find(&bd_fields, "other-data")), 1u << 29);
	for (size_t i = 0; i < sizeof stored_rank / sizeof stored_rank[0]; i++)
		assert_int_equal(bd_ref_status_rank(bd_vocab_find(&bd_ref_statuses,
								   stored_rank[i].status)),
				 stored_rank[i].rank);
}

/* One list, and the same lines in reverse: the values, names and labels
 * by value are the same; only the order of listing differs. */
#define FORWARD(X)                          \
	X(T_RED,   0, "red",   "Red")       \
	X(T_GREEN, 1, "green", "Green")     \
	X(T_BLUE,  2, "blue",  "Blue")      \
	X(T_GREY,  3, "grey",  "Grey")
#define REVERSED(X)                         \
	X(R_GREY,  3, "grey",  "Grey")      \
	X(R_BLUE,  2, "blue",  "Blue")      \
	X(R_GREEN, 1, "green", "Green")     \
	X(R_RED,   0, "red",   "Red")
enum forward { FORWARD(BD_VOCAB_ENUM) };
enum reversed { REVERSED(BD_VOCAB_ENUM) };
BD_VOCAB_DEFINE(forward, "colour", FORWARD, BD_VOCAB_ENTRY);
BD_VOCAB_DEFINE(reversed, "colour", REVERSED, BD_VOCAB_ENTRY);

static void a_reordered_list_keeps_its_values(void **state)
{
	(void)state;
	assert_int_equal(forward.count, reversed.count);
	assert_int_equal(T_GREY, R_GREY);
	assert_int_equal(T_RED, R_RED);
	for (size_t k = 0; k < forward.count; k++) {
		const char *name = forward.entries[k].name;
		assert_int_equal(bd_vocab_find(&reversed, name), bd_vocab_find(&forward, name));
		assert_int_equal(bd_vocab_match(&reversed, forward.entries[k].label), (int)k);
		assert_string_equal(bd_vocab_label(&reversed, (int)k), forward.entries[k].label);
		/* Listed in the list's own order. */
		assert_int_equal(bd_vocab_at(&forward, k), (int)k);
		assert_int_equal(bd_vocab_at(&reversed, k), (int)(forward.count - 1 - k));
	}
}

/* Each real list, line by line: the value written on the line is what
 * its name finds. */
#define LINE(id, value, name, ...) { name, value, id },
typedef struct line { const char *name; int value, id; } line;

static void check_lines(const bd_vocab *v, const line *l, size_t n)
{
	assert_int_equal(v->count, n);
	for (size_t k = 0; k < n; k++) {
		assert_int_equal(l[k].value, l[k].id);
		assert_int_equal(bd_vocab_find(v, l[k].name), l[k].value);
		assert_int_equal(bd_vocab_at(v, k), l[k].value);
	}
}
#define CHECK_LINES(v, LIST) do { \
	static const line l_[] = { LIST(LINE) }; \
	check_lines(&v, l_, sizeof l_ / sizeof l_[0]); \
} while (0)

static void every_line_finds_its_value(void **state)
{
	(void)state;
	CHECK_LINES(bd_nations, BD_NATIONS);
	CHECK_LINES(bd_kinds, BD_KINDS);
	CHECK_LINES(bd_qualifiers, BD_QUALIFIERS);
	CHECK_LINES(bd_who, BD_WHO);
	CHECK_LINES(bd_fields, BD_FIELDS);
	CHECK_LINES(bd_bodies, BD_BODIES);
	CHECK_LINES(bd_ref_statuses, BD_REF_STATUSES);
	CHECK_LINES(bd_certainties, BD_CERTAINTIES);
	CHECK_LINES(bd_levels, BD_LEVELS);
	CHECK_LINES(bd_scopes, BD_SCOPES);
	CHECK_LINES(bd_origins, BD_ORIGINS);
}

/* Incident i of a round trip: every value of every stored vocabulary
 * appears in one incident or another (i < the longest list). */
static json_t *incident_json(size_t i)
{
	const pinned *nat = &stored[0], *kind = &stored[1], *q = &stored[2],
		*field = &stored[3], *status = &stored[5], *origin = &stored[7];
	const char *qual = q->names[i % q->n];
	char id[16];
	snprintf(id, sizeof id, "v-%02zu", i);
	json_t *refs = json_array();
	for (size_t b = 0; b < stored[4].n; b++)
		json_array_append_new(refs, json_pack("{s:s, s:s, s:[s]}", "body", stored[4].names[b],
						      "status", status->names[(i + b) % status->n],
						      "sources", "s1"));
	return json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:s, s:{s:s}, s:{s:o, s:s, s:[s]},"
			 " s:{s:[s], s:[]}, s:o, s:{s:s}, s:[{s:s, s:s}]}",
			 "id", id, "title", "T", "organisation", "force", "F", "short", "F",
			 "nation", nat->names[i % nat->n], "kind", kind->names[i % kind->n],
			 "dates", "occurred", "2023-08-08",
			 "affected", "count", strcmp(qual, "unknown") ? json_integer(5) : json_null(),
			 "qualifier", qual, "sources", "s1",
			 "fields", "exposed", field->names[i % field->n], "not_exposed",
			 "referrals", refs, "origin", "format", origin->names[i % origin->n],
			 "sources", "id", "s1", "publisher", "P");
}

static int column(sqlite3 *db, const char *col, const char *id)
{
	char *sql = sqlite3_mprintf("SELECT %s FROM incident WHERE id = ?", col);
	int v = (int)int_query(db, sql, id);
	sqlite3_free(sql);
	return v;
}

static void check_incident(sqlite3 *db, size_t i)
{
	char id[16];
	snprintf(id, sizeof id, "v-%02zu", i);
	assert_int_equal(column(db, "nation", id), (int)(i % stored[0].n));
	assert_int_equal(column(db, "kind", id), (int)(i % stored[1].n));
	assert_int_equal(column(db, "qualifier", id), (int)(i % stored[2].n));
	assert_int_equal(column(db, "exposed", id), 1 << (i % stored[3].n));
	assert_int_equal(column(db, "origin", id), (int)(i % stored[7].n));
	/* The furthest status with each body: here its only one. */
	assert_int_equal(column(db, "ico", id), (int)(i % stored[5].n));
	assert_int_equal(column(db, "nca", id), (int)((i + 1) % stored[5].n));
	for (size_t b = 0; b < stored[4].n; b++) {
		char *sql = sqlite3_mprintf("SELECT r.status FROM referral r JOIN incident i"
					    " ON r.incident = i.rowid WHERE i.id = ? AND r.body = %d", (int)b);
		assert_int_equal(int_query(db, sql, id), (int)((i + b) % stored[5].n));
		sqlite3_free(sql);
	}
}

static void put_json(bd_store *st, json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT);
	assert_non_null(text);
	assert_int_equal(put(st, text, &threats), BD_PUT_INSERTED);
	free(text);
	json_decref(j);
}

static void a_store_holds_the_pinned_values(void **state)
{
	(void)state;
	char *path = tmp_path("vocab.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	size_t n = stored[3].n;         /* fields: the longest list */
	for (size_t i = 0; i < n; i++)
		put_json(st, incident_json(i));
	bd_store_close(st);
	/* Read back from the file, as another program would. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	for (size_t i = 0; i < n; i++)
		check_incident(db, i);
	sqlite3_close(db);
	free(path);
}

/* Threat levels are derived, not read: a table at each level in turn. */
static void the_threat_column_holds_the_pinned_levels(void **state)
{
	(void)state;
	char *path = tmp_path("levels.db");
	bd_store *st = open_store(path, BD_STORE_CREATE);
	put_json(st, incident_json(3));         /* northern-ireland, 2023 */
	const pinned *levels = &stored[6];
	bd_threat_table t = { .v = calloc(threats.n, sizeof *threats.v), .n = threats.n };
	assert_non_null(t.v);
	memcpy(t.v, threats.v, threats.n * sizeof *threats.v);
	bd_error err = { 0 };
	for (size_t l = 0; l < levels->n; l++) {
		for (size_t i = 0; i < t.n; i++)
			t.v[i].level = bd_vocab_find(&bd_levels, levels->names[l]);
		assert_int_equal(bd_store_sync_threats(st, &t, &err), BD_OK);
		assert_int_equal(column(bd_store_db(st), "threat", "v-03"), (int)l);
	}
	free(t.v);
	bd_store_close(st);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_name_keeps_its_stored_value),
		cmocka_unit_test(a_reordered_list_keeps_its_values),
		cmocka_unit_test(every_line_finds_its_value),
		cmocka_unit_test(a_store_holds_the_pinned_values),
		cmocka_unit_test(the_threat_column_holds_the_pinned_levels),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
