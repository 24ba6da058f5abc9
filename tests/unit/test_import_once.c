/* A file to import is opened and read once, whatever its format and
 * however its format is found: the test counts the opens of the file and
 * the bytes read from it, through its own fopen and fread (which the core
 * library, linked into this program, calls instead of the C library's). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dlfcn.h>
#include <ftw.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dataset.h"
#include "import_batch.h"
#include "import_native.h"
#include "native.h"
#include "store.h"
#include "threat.h"

#include "store_fixture.h"

static const char *watched;     /* the path whose opens are counted */
static FILE *watched_file;
static int opens;
static size_t bytes_read;

FILE *fopen(const char *path, const char *mode)
{
	FILE *(*real)(const char *, const char *) =
		(FILE *(*)(const char *, const char *))dlsym(RTLD_NEXT, "fopen");
	FILE *f = real(path, mode);
	if (watched && strcmp(path, watched) == 0) {
		opens++;
		watched_file = f;
	}
	return f;
}

size_t fread(void *buf, size_t size, size_t n, FILE *f)
{
	size_t (*real)(void *, size_t, size_t, FILE *) =
		(size_t (*)(void *, size_t, size_t, FILE *))dlsym(RTLD_NEXT, "fread");
	size_t got = real(buf, size, n, f);
	if (f && f == watched_file)
		bytes_read += got * size;
	return got;
}

static void watch(const char *path)
{
	watched = path;
	watched_file = NULL;
	opens = 0;
	bytes_read = 0;
}

static size_t size_of(const char *path)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	return (size_t)sb.st_size;
}

#define LINE(id) INC_JSON(id, "A title", "") "\n"

/* Imports one file as the command line does (format detected) and checks
 * it was opened once and read through once. */
static void imported_once(const char *name, const char *text)
{
	char *db = tmp_path("once.db"), *file = tmp_path(name);
	write_text(file, text);
	unlink(db);
	bd_dataset ds;
	bd_diags d = { 0 };
	bd_error err = { 0 };
	assert_int_equal(bd_dataset_open(&ds, db, BD_STORE_CREATE, &d, &err), BD_OK);
	bd_batch b = { .format = BD_FORMAT_AUTO };
	watch(file);
	bd_status s = bd_batch_import(&ds, &file, 1, &b, &err);
	if (s != BD_OK)
		print_message("%s: %s\n", name, bd_error_text(&err));
	assert_int_equal(s, BD_OK);
	assert_int_equal(b.inserted, 2);
	assert_int_equal(opens, 1);
	assert_int_equal(bytes_read, size_of(file));
	watch(NULL);
	bd_dataset_close(&ds);
	bd_diags_free(&d);
	bd_error_clear(&err);
	free(db);
	free(file);
}

static void a_document_is_read_once(void **state)
{
	(void)state;
	imported_once("doc.json", "{\"schema\":\"breachdash/1\",\"incidents\":[\n"
		      INC_JSON("o-1", "One", "") ",\n" INC_JSON("o-2", "Two", "") "]}\n");
}

static void json_lines_by_name_are_read_once(void **state)
{
	(void)state;
	imported_once("lines.jsonl", LINE("l-1") LINE("l-2"));
}

static void json_lines_by_content_are_read_once(void **state)
{
	(void)state;
	imported_once("lines.json", LINE("m-1") LINE("m-2"));
}

/* The native reader on its own (seeding, validate) reads a document once
 * too: no first look at it before reading it whole. */
static void the_native_reader_reads_a_document_once(void **state)
{
	(void)state;
	char *file = tmp_path("alone.json");
	write_text(file, "{\"schema\":\"breachdash/1\",\"incidents\":[" INC_JSON("a-1", "One", "") "]}");
	bd_diags d = { 0 };
	watch(file);
	assert_int_equal(bd_import_native(file, NULL, &d), 0);
	assert_int_equal(opens, 1);
	assert_int_equal(bytes_read, size_of(file));
	watch(NULL);
	bd_diags_free(&d);
	free(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_document_is_read_once),
		cmocka_unit_test(json_lines_by_name_are_read_once),
		cmocka_unit_test(json_lines_by_content_are_read_once),
		cmocka_unit_test(the_native_reader_reads_a_document_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
