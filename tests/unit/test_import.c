/* Reading native files — documents and JSON Lines — with every problem
 * placed at FILE:LINE:COL and a JSON path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import_native.h"

static char tmpdir[] = "/tmp/bd-test-import-XXXXXX";
static char *made[64];
static int n_made;

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < n_made; i++) {
		if (rmdir(made[i]) != 0)
			unlink(made[i]);
		free(made[i]);
	}
	return rmdir(tmpdir);
}

/* Writes len bytes (strlen when len is 0) to a new file; returns its path. */
static const char *write_file(const char *name, const char *data, size_t len)
{
	char *path = NULL;
	assert_true(asprintf(&path, "%s/%s", tmpdir, name) > 0);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	if (!len)
		len = strlen(data);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	assert_true(n_made < 64);
	made[n_made++] = path;
	return path;
}

/* Line and column (1-based, bytes) of the nth (0-based) occurrence of needle. */
static void where(const char *text, const char *needle, int nth, int *line, int *col)
{
	const char *at = strstr(text, needle);
	for (int i = 0; i < nth && at; i++)
		at = strstr(at + 1, needle);
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

/* A sink that records what reaches it, and can be told to fail. */
typedef struct rec_sink {
	bd_sink base;
	int n;
	char ids[16][64];
	int fail_at;            /* 1-based item that fails; 0: never */
} rec_sink;

static bd_status rec_item(bd_sink *sink, const bd_incident *inc, bd_error *err)
{
	rec_sink *s = (rec_sink *)sink;
	if (s->n < 16)
		snprintf(s->ids[s->n], sizeof s->ids[0], "%s", inc->id);
	s->n++;
	if (s->fail_at && s->n == s->fail_at)
		return bd_fail(err, BD_ESTORE, "the store said no");
	return BD_OK;
}

static rec_sink new_sink(void)
{
	rec_sink s;
	memset(&s, 0, sizeof s);
	s.base.item = rec_item;
	return s;
}

static const bd_diag *find_diag(const bd_diags *d, const char *path)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].path && strcmp(d->v[i].path, path) == 0)
			return &d->v[i];
	return NULL;
}

static void print_diags(const bd_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		print_message("  diag %s:%d:%d: %s: %s\n", d->v[i].file ? d->v[i].file : "-",
			      d->v[i].line, d->v[i].col, d->v[i].path ? d->v[i].path : "-",
			      d->v[i].msg ? d->v[i].msg : "-");
}

#define INC(id, extra) \
	"{\"id\": \"" id "\", \"title\": \"T\", \"organisation\": {\"force\": \"F\", \"short\": \"S\"}," \
	" \"nation\": \"england\", \"kind\": \"theft\"," \
	" \"affected\": {\"count\": null, \"qualifier\": \"unknown\"}," \
	" \"sources\": [{\"id\": \"s1\", \"publisher\": \"P\"}]" extra "}"

static const char DOC_LOTS[] =
	"{\n"
	"  \"schema\": \"breachdash/1\",\n"
	"  \"incidents\": [\n"
	"    {\n"
	"      \"id\": \"first\",\n"
	"      \"title\": \"First\",\n"
	"      \"organisation\": { \"force\": \"F\", \"short\": \"S\" },\n"
	"      \"nation\": \"england\",\n"
	"      \"kind\": \"loss\",\n"
	"      \"affected\": { \"count\": 12, \"qualifier\": \"exact\", \"sources\": [\"s1\"] },\n"
	"      \"sources\": [ { \"id\": \"s1\", \"publisher\": \"P\" } ]\n"
	"    },\n"
	"    {\n"
	"      \"id\": \"second\",\n"
	"      \"title\": \"Second\",\n"
	"      \"organisation\": { \"force\": \"F\", \"short\": \"S\" },\n"
	"      \"nation\": \"england\",\n"
	"      \"kind\": \"loss\",\n"
	"      \"affected\": {\n"
	"        \"qualifier\": \"exact\",\n"
	"        \"count\": \"lots\",\n"
	"        \"sources\": [\"s1\"]\n"
	"      },\n"
	"      \"sources\": [ { \"id\": \"s1\", \"publisher\": \"P\" } ]\n"
	"    }\n"
	"  ]\n"
	"}\n";

static void imports_a_valid_document(void **state)
{
	(void)state;
	const char *f = write_file("ok.json",
		"{\"schema\": \"breachdash/1\", \"incidents\": [\n" INC("a-1", "") ",\n" INC("b-2", "") "\n]}\n", 0);
	rec_sink s = new_sink();
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, &s.base, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.base.read, 2);
	assert_string_equal(s.ids[0], "a-1");
	assert_string_equal(s.ids[1], "b-2");
	bd_diags_free(&d);
}

static void schema_error_is_placed_at_its_value(void **state)
{
	(void)state;
	const char *f = write_file("lots.json", DOC_LOTS, 0);
	rec_sink s = new_sink();
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, &s.base, &d), 1);
	if (d.n != 1)
		print_diags(&d);
	assert_int_equal(d.n, 1);
	const bd_diag *g = &d.v[0];
	int line, col;
	where(DOC_LOTS, "\"lots\"", 0, &line, &col);
	assert_int_equal(line, 21);
	assert_int_equal(col, 18);
	assert_string_equal(g->file, f);
	assert_int_equal(g->line, line);
	assert_int_equal(g->col, col);
	assert_string_equal(g->path, "$.incidents[1].affected.count");
	assert_string_equal(g->msg, "expected a non-negative integer or null, got \"lots\"");
	/* The valid incident still reached the sink; the caller rolls back. */
	assert_int_equal(s.n, 1);
	assert_string_equal(s.ids[0], "first");
	/* And it prints as FILE:LINE:COL: PATH: message. */
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	bd_diags_print(&d, m);
	fclose(m);
	char want[512];
	snprintf(want, sizeof want, "%s:21:18: $.incidents[1].affected.count: "
		 "expected a non-negative integer or null, got \"lots\"\n", f);
	assert_string_equal(out, want);
	free(out);
	bd_diags_free(&d);
}

static void every_problem_in_a_document_is_reported(void **state)
{
	(void)state;
	static const char doc[] =
		"{\"schema\": \"breachdash/1\",\n"
		" \"incidents\": [\n"
		"  " INC("ok-1", "") ",\n"
		"  " INC("bad-2", ", \"summary\": 42") ",\n"
		"  " INC("Bad_3", "") ",\n"
		"  " INC("bad-4", ", \"fields\": {\"exposed\": [\"name\"], \"not_exposed\": [\"name\"]}") "\n"
		" ]}\n";
	const char *f = write_file("many.json", doc, 0);
	rec_sink s = new_sink();
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, &s.base, &d), 3);
	assert_int_equal(d.n, 3);
	const bd_diag *a = find_diag(&d, "$.incidents[1].summary");
	const bd_diag *b = find_diag(&d, "$.incidents[2].id");
	const bd_diag *c = find_diag(&d, "$.incidents[3].fields");
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	int line, col;
	where(doc, "42", 0, &line, &col);
	assert_int_equal(a->line, 4);
	assert_int_equal(a->col, col);
	where(doc, "\"Bad_3\"", 0, &line, &col);
	assert_int_equal(b->line, 5);
	assert_int_equal(b->col, col);
	where(doc, "{\"exposed\"", 0, &line, &col);
	assert_int_equal(c->line, 6);
	assert_int_equal(c->col, col);
	assert_int_equal(s.n, 1);
	bd_diags_free(&d);
}

static void syntax_error_gives_janssons_position(void **state)
{
	(void)state;
	static const char doc[] =
		"{\n"
		"  \"schema\": \"breachdash/1\",\n"
		"  \"incidents\": [\n"
		"    {\"id\": \"a\" \"title\": \"missing comma\"}\n"
		"  ]\n"
		"}\n";
	const char *f = write_file("syntax.json", doc, 0);
	json_error_t e;
	assert_null(json_loads(doc, JSON_REJECT_DUPLICATES, &e));
	assert_int_equal(e.line, 4);
	rec_sink s = new_sink();
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, &s.base, &d), 1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, f);
	assert_int_equal(d.v[0].line, 4);
	assert_int_equal(d.v[0].col, e.column);
	assert_string_equal(d.v[0].msg, e.text);
	assert_int_equal(s.n, 0);
	bd_diags_free(&d);
}

static void duplicate_keys_are_a_syntax_error(void **state)
{
	(void)state;
	static const char doc[] =
		"{\"schema\": \"breachdash/1\", \"incidents\": [\n"
		"{\"id\": \"a\", \"id\": \"b\"}]}\n";
	const char *f = write_file("dupkey.json", doc, 0);
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, NULL, &d), 1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 2);
	assert_non_null(strstr(d.v[0].msg, "duplicate"));
	bd_diags_free(&d);
}

static void duplicate_ids_in_a_document_are_reported(void **state)
{
	(void)state;
	static const char doc[] =
		"{\"schema\": \"breachdash/1\", \"incidents\": [\n"
		INC("same-id", "") ",\n"
		INC("other", "") ",\n"
		INC("same-id", "") "\n"
		"]}\n";
	const char *f = write_file("dupid.json", doc, 0);
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, NULL, &d), 1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].path, "$.incidents[2].id");
	assert_string_equal(d.v[0].msg, "id \"same-id\" is already used by $.incidents[0]");
	int line, col;
	where(doc, "\"same-id\"", 1, &line, &col);
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].line, 4);
	assert_int_equal(d.v[0].col, col);
	bd_diags_free(&d);
}

static void document_shape_is_checked(void **state)
{
	(void)state;
	static const struct { const char *text; const char *path; const char *msg; } cases[] = {
		{ "{\"schema\": \"breachdash/2\", \"incidents\": []}", "$.schema", "breachdash/1" },
		{ "{\"incidents\": []}", "$", "breachdash/1" },
		{ "{\"schema\": \"breachdash/1\", \"incidents\": {}}", "$.incidents", "\"incidents\" array" },
		{ "{\"schema\": \"breachdash/1\"}", "$", "\"incidents\" array" },
		{ "{\"schema\": \"breachdash/1\", \"incidents\": [], \"extra\": 1}", "$.extra", "unknown key" },
		{ "{\"schema\": \"breachdash/1\", \"incidents\": [7]}", "$.incidents[0]", "expected an incident object" },
		{ "[1, 2]", "$", "expected an object" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[32];
		snprintf(name, sizeof name, "shape%zu.json", i);
		const char *f = write_file(name, cases[i].text, 0);
		bd_diags d = { 0 };
		int n = bd_import_native(f, NULL, &d);
		const bd_diag *g = find_diag(&d, cases[i].path);
		if (n != 1 || !g || !strstr(g->msg, cases[i].msg)) {
			print_message("case %zu: %s\n", i, cases[i].text);
			print_diags(&d);
		}
		assert_int_equal(n, 1);
		assert_non_null(g);
		assert_non_null(strstr(g->msg, cases[i].msg));
		assert_int_equal(g->line, 1);
		bd_diags_free(&d);
	}
}

static void empty_document_imports_nothing(void **state)
{
	(void)state;
	const char *f = write_file("empty-list.json", "{\"schema\": \"breachdash/1\", \"incidents\": []}\n", 0);
	rec_sink s = new_sink();
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, &s.base, &d), 0);
	assert_int_equal(s.n, 0);
	bd_diags_free(&d);
}

static void empty_file_is_an_error(void **state)
{
	(void)state;
	const char *f = write_file("empty.json", "", 0);
	bd_diags d = { 0 };
	/* write_file with "" writes 0 bytes only if len is 0 and strlen is 0 */
	assert_int_equal(bd_import_native(f, NULL, &d), 1);
	assert_int_equal(d.n, 1);
	bd_diags_free(&d);
}

static void missing_file_is_named(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof path, "%s/no-such-file.json", tmpdir);
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(path, NULL, &d), 1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, path);
	assert_non_null(strstr(d.v[0].msg, "No such file"));
	bd_diags_free(&d);
}

static void directory_is_not_a_file(void **state)
{
	(void)state;
	char *dir = NULL;
	assert_true(asprintf(&dir, "%s/adir.json", tmpdir) > 0);
	assert_int_equal(mkdir(dir, 0700), 0);
	made[n_made++] = dir;
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(dir, NULL, &d), 1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "directory"));
	bd_diags_free(&d);
}

static void byte_order_mark_is_rejected(void **state)
{
	(void)state;
	static const char doc[] = "\xEF\xBB\xBF{\"schema\": \"breachdash/1\", \"incidents\": [" INC("a", "") "]}\n";
	static const char lines[] = "\xEF\xBB\xBF" INC("a", "") "\n" INC("b", "") "\n";
	const char *files[] = { write_file("bom.json", doc, 0), write_file("bom.jsonl", lines, 0),
				write_file("bom-lines.json", lines, 0) };
	for (size_t i = 0; i < 3; i++) {
		rec_sink s = new_sink();
		bd_diags d = { 0 };
		assert_int_equal(bd_import_native(files[i], &s.base, &d), 1);
		assert_int_equal(d.n, 1);
		assert_int_equal(d.v[0].line, 1);
		assert_int_equal(d.v[0].col, 1);
		assert_non_null(strstr(d.v[0].msg, "byte-order mark"));
		assert_int_equal(s.n, 0);
		bd_diags_free(&d);
	}
}

static void nul_bytes_are_rejected(void **state)
{
	(void)state;
	static const char doc[] = "{\"schema\": \"breachdash/1\", \"incidents\": []}\n\0\n";
	static const char lines_mid[] = INC("a", "") "\n" INC("b", "") "\0\n";
	static const char lines_start[] = INC("a", "") "\n\0" INC("b", "") "\n";
	static const char lines_alone[] = INC("a", "") "\n\0\n";
	const struct { const char *name, *text; size_t len; int line; } cases[] = {
		{ "nul.json", doc, sizeof doc - 1, 0 },
		{ "nul-mid.jsonl", lines_mid, sizeof lines_mid - 1, 2 },
		{ "nul-start.jsonl", lines_start, sizeof lines_start - 1, 2 },
		{ "nul-alone.jsonl", lines_alone, sizeof lines_alone - 1, 2 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *f = write_file(cases[i].name, cases[i].text, cases[i].len);
		rec_sink s = new_sink();
		bd_diags d = { 0 };
		int n = bd_import_native(f, &s.base, &d);
		if (n < 1)
			print_message("case %s: no problem reported\n", cases[i].name);
		assert_true(n >= 1);
		assert_true(d.n >= 1);
		if (cases[i].line)
			assert_int_equal(d.v[0].line, cases[i].line);
		bd_diags_free(&d);
	}
}

/* ---- JSON Lines ---- */

static void imports_json_lines(void **state)
{
	(void)state;
	static const char lines[] = INC("l-1", "") "\n" INC("l-2", "") "\n" INC("l-3", "");
	const char *names[] = { "ok.jsonl", "ok.ndjson", "ok-lines.json" };
	for (size_t i = 0; i < 3; i++) {
		const char *f = write_file(names[i], lines, 0);
		rec_sink s = new_sink();
		bd_diags d = { 0 };
		assert_int_equal(bd_import_native(f, &s.base, &d), 0);
		assert_int_equal(s.n, 3);
		assert_string_equal(s.ids[2], "l-3");
		bd_diags_free(&d);
	}
}

static void json_lines_schema_error_reports_its_line(void **state)
{
	(void)state;
	static const char lines[] =
		INC("l-1", "") "\n"
		INC("l-2", "") "\n"
		"{\"id\": \"l-3\", \"title\": \"T\", \"organisation\": {\"force\": \"F\", \"short\": \"S\"},"
		" \"nation\": \"england\", \"kind\": \"hack\","
		" \"affected\": {\"count\": null, \"qualifier\": \"unknown\"},"
		" \"sources\": [{\"id\": \"s1\", \"publisher\": \"P\"}]}\n"
		INC("l-4", "") "\n";
	const char *f = write_file("schema.jsonl", lines, 0);
	rec_sink s = new_sink();
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, &s.base, &d), 1);
	assert_int_equal(d.n, 1);
	int line, col;
	where(lines, "\"hack\"", 0, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].col, col);
	assert_string_equal(d.v[0].path, "$.kind");
	assert_non_null(strstr(d.v[0].msg, "got \"hack\""));
	/* The other lines were read. */
	assert_int_equal(s.n, 3);
	assert_string_equal(s.ids[2], "l-4");
	bd_diags_free(&d);
}

static void json_lines_syntax_error_reports_its_line(void **state)
{
	(void)state;
	static const char lines[] =
		INC("l-1", "") "\n"
		INC("l-2", "") "\n"
		"{\"id\": \"l-3\", \"title\": }\n"
		INC("l-4", "") "\n";
	const char *f = write_file("syntax.jsonl", lines, 0);
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, NULL, &d), 1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 3);
	int line, col;
	where(lines, "}\n" INC("l-4", ""), 0, &line, &col);
	assert_int_equal(d.v[0].col, col);
	bd_diags_free(&d);
}

static void json_lines_truncated_line_reports_its_line(void **state)
{
	(void)state;
	static const char lines[] =
		INC("l-1", "") "\n"
		INC("l-2", "") "\n"
		"{\"id\": \"l-3\",\n"
		INC("l-4", "") "\n";
	const char *f = write_file("cut.jsonl", lines, 0);
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, NULL, &d), 1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].line, 3);
	bd_diags_free(&d);
}

static void json_lines_blank_lines_keep_numbering(void **state)
{
	(void)state;
	static const char lines[] =
		INC("l-1", "") "\n"
		"\n"
		"   \t\n"
		INC("l-4", ", \"summary\": 5") "\n"
		"\r\n"
		INC("Bad", "") "\r\n";
	const char *f = write_file("blank.jsonl", lines, 0);
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, NULL, &d), 2);
	const bd_diag *a = find_diag(&d, "$.summary");
	const bd_diag *b = find_diag(&d, "$.id");
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->line, 4);
	assert_int_equal(b->line, 6);
	int line, col;
	where(lines, "5}", 0, &line, &col);
	assert_int_equal(a->col, col);
	bd_diags_free(&d);
}

static void sink_failure_stops_the_read(void **state)
{
	(void)state;
	static const char lines[] = INC("l-1", "") "\n" INC("l-2", "") "\n" INC("l-3", "") "\n";
	const char *f = write_file("sinkfail.jsonl", lines, 0);
	rec_sink s = new_sink();
	s.fail_at = 2;
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, &s.base, &d), 1);
	assert_int_equal(s.n, 2);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "the store said no"));

	/* A file of many batches, the parser far ahead when the sink fails:
	 * it stops too, and its queued lines are freed (ASan checks). */
	char *many = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&many, &len);
	for (int i = 0; i < 5000; i++)
		fprintf(m, "{\"id\":\"m-%d\",\"title\":\"T\",\"organisation\":{\"force\":\"F\",\"short\":\"S\"},"
			"\"nation\":\"england\",\"kind\":\"theft\",\"affected\":{\"count\":null,"
			"\"qualifier\":\"unknown\"},\"sources\":[{\"id\":\"s1\",\"publisher\":\"P\"}]}\n", i);
	fclose(m);
	const char *big = write_file("sinkfail-many.jsonl", many, 0);
	free(many);
	rec_sink u = new_sink();
	u.fail_at = 100;
	bd_diags b = { 0 };
	assert_int_equal(bd_import_native(big, &u.base, &b), 1);
	assert_int_equal(u.n, 100);
	assert_string_equal(u.ids[15], "m-15");
	bd_diags_free(&b);
	/* And without failing, all 5000 arrive, in order. */
	rec_sink w = new_sink();
	assert_int_equal(bd_import_native(big, &w.base, &b), 0);
	assert_int_equal(w.n, 5000);
	assert_string_equal(w.ids[15], "m-15");
	bd_diags_free(&b);

	/* In a document too: nothing more reaches the sink. */
	const char *g = write_file("sinkfail.json",
		"{\"schema\": \"breachdash/1\", \"incidents\": [" INC("d-1", "") "," INC("d-2", "") ","
		INC("d-3", "") "]}", 0);
	rec_sink t = new_sink();
	t.fail_at = 1;
	bd_diags e = { 0 };
	assert_int_equal(bd_import_native(g, &t.base, &e), 1);
	assert_int_equal(t.n, 1);
	bd_diags_free(&d);
	bd_diags_free(&e);
}

static void validates_without_a_sink(void **state)
{
	(void)state;
	const char *f = write_file("nosink.json", DOC_LOTS, 0);
	bd_diags d = { 0 };
	assert_int_equal(bd_import_native(f, NULL, &d), 1);
	assert_string_equal(d.v[0].path, "$.incidents[1].affected.count");
	bd_diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(imports_a_valid_document),
		cmocka_unit_test(schema_error_is_placed_at_its_value),
		cmocka_unit_test(every_problem_in_a_document_is_reported),
		cmocka_unit_test(syntax_error_gives_janssons_position),
		cmocka_unit_test(duplicate_keys_are_a_syntax_error),
		cmocka_unit_test(duplicate_ids_in_a_document_are_reported),
		cmocka_unit_test(document_shape_is_checked),
		cmocka_unit_test(empty_document_imports_nothing),
		cmocka_unit_test(empty_file_is_an_error),
		cmocka_unit_test(missing_file_is_named),
		cmocka_unit_test(directory_is_not_a_file),
		cmocka_unit_test(byte_order_mark_is_rejected),
		cmocka_unit_test(nul_bytes_are_rejected),
		cmocka_unit_test(imports_json_lines),
		cmocka_unit_test(json_lines_schema_error_reports_its_line),
		cmocka_unit_test(json_lines_syntax_error_reports_its_line),
		cmocka_unit_test(json_lines_truncated_line_reports_its_line),
		cmocka_unit_test(json_lines_blank_lines_keep_numbering),
		cmocka_unit_test(sink_failure_stops_the_read),
		cmocka_unit_test(validates_without_a_sink),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
