/* Shared by the store tests (test_store.c, test_store_versions.c): a
 * temporary directory with the bundled threat table loaded, and small
 * helpers to put incidents and query the database. */
#ifndef BD_STORE_FIXTURE_H
#define BD_STORE_FIXTURE_H

static char tmpdir[] = "/tmp/bd-test-store-XXXXXX";
static bd_threat_table threats;

static inline int teardown(void **state);

static inline int prepare(void)
{
	if (!mkdtemp(tmpdir))
		return -1;
	const char *top = getenv("BD_TOP");
	char *data = NULL, *file = NULL;
	if (asprintf(&data, "%s/tests/fixtures/data", top ? top : ".") < 0 ||
	    asprintf(&file, "%s/threat_levels.json", data) < 0)
		return -1;
	setenv("BREACHDASH_DATA", data, 1);
	bd_diags d = { 0 };
	int n = bd_threat_load(file, &threats, &d);
	bd_diags_free(&d);
	free(data);
	free(file);
	return n ? -1 : 0;
}

static inline int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	chmod(path, 0700);
	return remove(path);
}

/* A failed setup cleans up too: cmocka runs no teardown after it. */
static inline int setup(void **state)
{
	int rc = prepare();
	if (rc != 0) {
		fprintf(stderr, "setup failed\n");
		teardown(state);
	}
	return rc;
}

static inline int teardown(void **state)
{
	(void)state;
	bd_threat_free(&threats);
	chmod(tmpdir, 0700);
	return nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A path in the temp dir; a static buffer per call site is enough here. */
static inline char *tmp_path(const char *name)
{
	char *p = NULL;
	assert_true(asprintf(&p, "%s/%s", tmpdir, name) > 0);
	return p;
}

static inline void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static inline char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	*len = n;
	return buf;
}

static inline bool same_file(const char *path, const char *data, size_t len)
{
	size_t n;
	char *now = read_all(path, &n);
	bool same = n == len && memcmp(now, data, n) == 0;
	free(now);
	return same;
}

#define INC_JSON(id, title, extra) \
	"{\"id\":\"" id "\",\"title\":\"" title "\",\"organisation\":{\"force\":\"Police Service of Northern Ireland\",\"short\":\"PSNI\"}," \
	"\"nation\":\"northern-ireland\",\"kind\":\"theft\",\"dates\":{\"occurred\":\"2023-08-08\"}," \
	"\"affected\":{\"count\":200,\"qualifier\":\"at-least\",\"sources\":[\"s1\"]}," \
	"\"fields\":{\"exposed\":[\"name\",\"photo\",\"rank\"],\"not_exposed\":[\"home-address\"]}" extra "," \
	"\"sources\":[{\"id\":\"s1\",\"publisher\":\"BBC\"}]}"

#define TWO_REFERRALS \
	",\"referrals\":[{\"body\":\"ico\",\"status\":\"fine\",\"amount\":750000,\"sources\":[\"s1\"]}," \
	"{\"body\":\"nca\",\"status\":\"investigating\",\"sources\":[\"s1\"]}]"

static inline void parse(const char *text, bd_incident *inc)
{
	json_error_t e;
	json_t *j = json_loads(text, 0, &e);
	assert_non_null(j);
	assert_int_equal(bd_incident_from_json(j, "$", inc, NULL, NULL), 0);
	json_decref(j);
}

static inline char *doc_of(const bd_incident *inc)
{
	json_t *j = bd_incident_to_json(inc);
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	assert_non_null(s);
	return s;
}

static inline long long int_query(sqlite3 *db, const char *sql, const char *arg)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (arg)
		sqlite3_bind_text(s, 1, arg, -1, SQLITE_TRANSIENT);
	long long v = -999;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static inline char *text_query(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	char *v = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v;
}

static inline int dump_row(void *ctx, int n, char **vals, char **cols)
{
	FILE *f = ctx;
	for (int i = 0; i < n; i++)
		fprintf(f, "%s=%s|", cols[i], vals[i] ? vals[i] : "NULL");
	fputc('\n', f);
	return 0;
}

/* Everything the store holds, as text. */
static inline char *dump(sqlite3 *db)
{
	static const char *const queries[] = {
		"PRAGMA user_version",
		"SELECT * FROM incident ORDER BY id",
		"SELECT * FROM referral ORDER BY incident, body, status, date_key, amount",
		"SELECT rowid, * FROM incident_fts ORDER BY rowid",
		"SELECT * FROM tally ORDER BY name",
		"SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name",
	};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		fprintf(f, "-- %s\n", queries[i]);
		assert_int_equal(sqlite3_exec(db, queries[i], dump_row, f, NULL), SQLITE_OK);
	}
	fclose(f);
	return out;
}

static inline bd_store *open_store(const char *path, unsigned flags)
{
	bd_store *st = NULL;
	bd_error err = { 0 };
	bd_status s = bd_store_open(path, flags, &st, &err);
	if (s != BD_OK)
		print_message("open %s: %s\n", path, bd_error_text(&err));
	assert_int_equal(s, BD_OK);
	assert_non_null(st);
	bd_error_clear(&err);
	return st;
}

static inline int put(bd_store *st, const char *json, const bd_threat_table *t)
{
	bd_incident inc;
	parse(json, &inc);
	int result = -1;
	bd_error err = { 0 };
	assert_int_equal(bd_store_begin(st, &err), BD_OK);
	assert_int_equal(bd_store_put(st, &inc, t, &result, &err), BD_OK);
	assert_int_equal(bd_store_commit(st, &err), BD_OK);
	bd_incident_free(&inc);
	return result;
}

#endif
