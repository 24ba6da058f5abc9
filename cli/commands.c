#include "cli.h"

#include <dirent.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <sys/stat.h>

#include "import_batch.h"
#include "compare.h"
#include "dataset.h"
#include "export.h"
#include "import_native.h"
#include "jsonout.h"
#include "native.h"
#include "store_doc.h"
#include "paths.h"
#include "progress.h"
#include "query.h"
#include "render.h"
#include "report.h"
#include "text.h"

void cli_error(const char *fmt, ...)
{
	/* Sanitised: messages quote ids, file names and filter text. */
	va_list ap;
	char *msg = NULL, *clean;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	clean = bd_text_sanitize(msg ? msg : "out of memory", 0);
	fprintf(stderr, "breachdash: %s\n", clean ? clean : "out of memory");
	free(clean);
	free(msg);
}

int cli_open(const bd_options *o, bd_dataset *ds, bool write)
{
	char *path = bd_default_db_path(o->db);
	if (!path) {
		cli_error("no store: give --db PATH or set BREACHDASH_DB or HOME");
		return 1;
	}
	bd_diags diags = { 0 };
	bd_error err = { 0 };
	bd_status s = bd_dataset_open(ds, path, BD_STORE_CREATE, &diags, &err);
	bd_diags_print(&diags, stderr);
	bd_diags_free(&diags);
	free(path);
	if (s != BD_OK) {
		cli_error("%s", bd_error_text(&err));
		bd_error_clear(&err);
		return bd_status_exit(s);
	}
	/* a store made from an older bundled record was brought up to this
	 * one: said once, on the run that did it */
	char said[256];
	bd_bundled_summary(&ds->bundled, said, sizeof said);
	if (*said && !ds->seeded)
		fprintf(stderr, "breachdash: %s\n", said);
	if (write && bd_store_readonly(ds->store)) {
		cli_error("%s: store is read-only", bd_store_path(ds->store));
		bd_dataset_close(ds);
		return 1;
	}
	/* Levels derived under another threat table are derived again; if
	 * that cannot be done now (the store is busy), the next opening tries
	 * again. At a million incidents it takes seconds: said first. */
	if (bd_store_threats_stale(ds->store, &ds->threats)) {
		long long n = bd_store_total(ds->store);
		if (n >= 10000 && isatty(STDERR_FILENO))
			fprintf(stderr, "breachdash: the threat levels changed; working out the level"
				" in force for %lld incidents again...\n", n);
		bd_store_sync_threats(ds->store, &ds->threats, NULL);
	}
	return 0;
}

/* Parses options for a subcommand. `spec` lists long options; the other
 * arguments are gathered into args (caller frees the array). Returns 0, -1
 * after printing --help, or 2 after a usage error. */
int cli_parse_args(int argc, char **argv, const opt_spec *spec, const char *usage,
		      char ***args, int *nargs)
{
	*args = calloc((size_t)argc + 1, sizeof **args);
	*nargs = 0;
	bool only_args = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || a[1] != '-' || !a[2]) {
			if (!only_args && !strcmp(a, "--")) {
				only_args = true;
				continue;
			}
			if (!only_args && !strcmp(a, "-h")) {
				fputs(usage, stdout);
				return -1;
			}
			(*args)[(*nargs)++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--help")) {
			fputs(usage, stdout);
			return -1;
		}
		size_t len = strcspn(a + 2, "=");
		const opt_spec *s = spec;
		for (; s->name; s++)
			if (strlen(s->name) == len && !strncmp(a + 2, s->name, len))
				break;
		if (!s->name) {
			fprintf(stderr, "breachdash %s: unknown option '%s'\n%s", argv[0], a, usage);
			return 2;
		}
		if (s->flag)
			*s->flag = true;
		else if (a[2 + len] == '=')
			*s->value = a + 3 + len;
		else if (i + 1 < argc)
			*s->value = argv[++i];
		else {
			fprintf(stderr, "breachdash %s: %s needs a value\n%s", argv[0], a, usage);
			return 2;
		}
	}
	return 0;
}

/* parse_opts for commands that take no other arguments. */
int cli_parse_opts_only(int argc, char **argv, const opt_spec *spec, const char *usage)
{
	char **args;
	int nargs, rc = cli_parse_args(argc, argv, spec, usage, &args, &nargs);
	if (!rc && nargs > 0) {
		cli_error("%s: unexpected argument '%s'", argv[0], args[0]);
		rc = 2;
	}
	free(args);
	return rc;
}

static bool format_is(const char *fmt, const char *name)
{
	return fmt && !strcmp(fmt, name);
}

int cli_bad_format(const char *cmd, const char *fmt, const char *allowed)
{
	cli_error("%s: unknown format '%s' (use %s)", cmd, fmt, allowed);
	return 2;
}

static int make_query(bd_query *q, bd_filter **f, const char *filter, const char *sort, bool desc)
{
	bd_error err = { 0 };
	*q = (bd_query){ .sort = BD_SORT_DATE, .desc = desc };
	if (sort && (q->sort = bd_vocab_find(&bd_sort_keys, sort)) < 0) {
		cli_error("unknown sort key '%s' (date, force, kind, affected, fields, ico, nca, threat, id, origin)", sort);
		return 2;
	}
	if (bd_filter_parse(filter, f, &err) != BD_OK) {
		cli_error("%s", bd_error_text(&err));
		bd_error_clear(&err);
		return 2;
	}
	q->filter = *f;
	return 0;
}

/* The query the options describe, and the store to run it on; on failure
 * neither is left open. */
int cli_open_query(const bd_options *o, bd_dataset *ds, bd_query *q, bd_filter **f,
		      const char *filter, const char *sort, bool desc)
{
	int rc = make_query(q, f, filter, sort, desc);
	if (!rc && (rc = cli_open(o, ds, false)))
		bd_filter_free(*f);
	if (!rc)
		q->few = bd_query_few(ds->store, q);
	return rc;
}

typedef void (*row_fn)(FILE *out, const bd_row *r, void *ctx);

typedef struct each_ctx {
	row_fn fn;
	void *ctx;
} each_ctx;

static void each_one(const bd_row *r, void *ctx)
{
	each_ctx *e = ctx;
	e->fn(stdout, r, e->ctx);
}

/* Every row of the query in one pass (core reads it a window at a time,
 * never the whole table). */
static int each_row(bd_dataset *ds, const bd_query *q, row_fn fn, void *ctx)
{
	bd_error err = { 0 };
	each_ctx e = { fn, ctx };
	if (bd_query_each(ds->store, q, each_one, &e, &err) != BD_OK) {
		cli_error("%s", bd_error_text(&err));
		bd_error_clear(&err);
		return 1;
	}
	return 0;
}

static void row_table(FILE *out, const bd_row *r, void *ctx) { bd_render_table_row(out, r, ctx); }
static void row_tsv(FILE *out, const bd_row *r, void *ctx) { (void)ctx; bd_render_tsv_row(out, r); }

typedef struct json_ctx {
	bd_dataset *ds;
	int n;
	int failed;
} json_ctx;

static void row_json(FILE *out, const bd_row *r, void *ctx)
{
	json_ctx *c = ctx;
	bd_incident inc;
	if (bd_store_get(c->ds->store, r->id, &inc, NULL) != BD_OK) {
		c->failed++;
		return;
	}
	json_t *j = bd_render_list_json(&inc, &c->ds->threats);
	char *text = bd_json_dumps(j, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	if (text) {
		/* indent the object one level inside the enclosing array */
		fputs(c->n++ ? ",\n" : "\n", out);
		fputs("  ", out);
		for (const char *p = text; *p; p++) {
			fputc(*p, out);
			if (*p == '\n')
				fputs("  ", out);
		}
	}
	free(text);
	json_decref(j);
	bd_incident_free(&inc);
}

int cli_list(const bd_options *o, int argc, char **argv)
{
	static const char usage[] =
		"usage: breachdash list [--sort KEY] [--reverse] [--filter EXPR] [--format table|tsv|json]\n"
		"       breachdash list --duplicates [--format table|tsv|json]\n"
		"  sort keys: date, force, kind, affected, fields, ico, nca, threat, id, origin\n"
		"  --duplicates: incidents with the same force (short name) and month, a block\n"
		"  a group, each marked a possible duplicate or linked (same_as)\n"
		"  filter language:\n";
	const char *sort = NULL, *filter = NULL, *format = "table";
	bool reverse = false, duplicates = false;
	opt_spec spec[] = { { "sort", &sort, NULL }, { "filter", &filter, NULL },
			    { "format", &format, NULL }, { "reverse", NULL, &reverse },
			    { "duplicates", NULL, &duplicates }, { 0 } };
	int rc = cli_parse_opts_only(argc, argv, spec, usage);
	if (rc < 0)
		fputs(bd_filter_help, stdout);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (duplicates && (sort || filter || reverse)) {
		cli_error("list: --duplicates lists every group, by month: no --sort, --reverse or --filter");
		return 2;
	}
	if (duplicates)
		return cli_list_duplicates(o, format);
	if (!sort && o->sort >= 0) {    /* the config file's sort; --reverse turns it round */
		sort = bd_vocab_name(&bd_sort_keys, o->sort);
		reverse = reverse != o->desc;
	}
	if (!format_is(format, "table") && !format_is(format, "tsv") && !format_is(format, "json"))
		return cli_bad_format("list", format, "table, tsv or json");
	bd_query q;
	bd_filter *f = NULL;
	bd_dataset ds;
	if ((rc = cli_open_query(o, &ds, &q, &f, filter, sort, reverse)))
		return rc;
	bd_render_opts ro = { .ascii = o->ascii };
	if (format_is(format, "table")) {
		bd_render_table_header(stdout, &ro);
		rc = each_row(&ds, &q, row_table, &ro);
	} else if (format_is(format, "tsv")) {
		bd_render_tsv_header(stdout);
		rc = each_row(&ds, &q, row_tsv, NULL);
	} else {
		json_ctx c = { &ds, 0, 0 };
		fputs("[", stdout);
		rc = each_row(&ds, &q, row_json, &c);
		fputs(c.n ? "\n]\n" : "]\n", stdout);
		rc = rc ? rc : c.failed ? 1 : 0;
	}
	bd_filter_free(f);
	bd_dataset_close(&ds);
	return rc;
}

/* The stored document as it is kept, laid out (no parse and rewrite). */
static int show_json(bd_dataset *ds, const char *id)
{
	char *doc;
	bd_error err = { 0 };
	bd_status s = bd_store_doc(ds->store, id, &doc, &err);
	if (s == BD_OK && bd_json_write_indented(stdout, doc, 0) != 0)
		s = bd_fail(&err, BD_ESTORE, "%s: stored incident \"%s\" is damaged",
			    bd_store_path(ds->store), id);
	free(doc);
	if (s != BD_OK) {
		cli_error("%s", bd_error_text(&err));
		bd_error_clear(&err);
		return bd_status_exit(s);
	}
	putchar('\n');
	return 0;
}

int cli_show(const bd_options *o, int argc, char **argv)
{
	static const char usage[] = "usage: breachdash show ID [--format text|md|json]\n";
	const char *format = "text";
	opt_spec spec[] = { { "format", &format, NULL }, { 0 } };
	char **args;
	int nargs, rc = cli_parse_args(argc, argv, spec, usage, &args, &nargs);
	if (!rc && nargs != 1) {
		fputs(usage, stderr);
		rc = 2;
	}
	const char *id = nargs > 0 ? args[0] : NULL;
	free(args);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!format_is(format, "text") && !format_is(format, "md") && !format_is(format, "json"))
		return cli_bad_format("show", format, "text, md or json");
	bd_dataset ds;
	if ((rc = cli_open(o, &ds, false)))
		return rc;
	if (format_is(format, "json")) {
		rc = show_json(&ds, id);
		bd_dataset_close(&ds);
		return rc;
	}
	bd_incident inc;
	bd_error err = { 0 };
	bd_status s = bd_store_get(ds.store, id, &inc, &err);
	if (s != BD_OK) {
		cli_error("%s", bd_error_text(&err));
		bd_error_clear(&err);
		bd_dataset_close(&ds);
		return bd_status_exit(s);
	}
	bd_links links;
	bool linked = bd_links_load(ds.store, &inc, &links, NULL) == BD_OK;
	bd_render_opts ro = { .ascii = o->ascii, .width = 80, .links = linked ? &links : NULL };
	if (format_is(format, "text")) {
		bd_render_show_text(stdout, &inc, &ds.threats, &ro);
	} else {
		bd_render_show_md(stdout, &inc, &ds.threats, &ro);
	}
	if (linked)
		bd_links_free(&links);
	bd_incident_free(&inc);
	bd_dataset_close(&ds);
	return 0;
}

int cli_export(const bd_options *o, int argc, char **argv)
{
	static const char usage[] =
		"usage: breachdash export [--format json|csv|md] [--filter EXPR] [--sort KEY] [--reverse]\n"
		"  json is the native format (data/SCHEMA.md): export, import, export gives the same file\n";
	const char *format = "json", *filter = NULL, *sort = "id";
	bool reverse = false;
	opt_spec spec[] = { { "format", &format, NULL }, { "filter", &filter, NULL },
			    { "sort", &sort, NULL }, { "reverse", NULL, &reverse }, { 0 } };
	int rc = cli_parse_opts_only(argc, argv, spec, usage);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (!format_is(format, "json") && !format_is(format, "csv") && !format_is(format, "md"))
		return cli_bad_format("export", format, "json, csv or md");
	bd_query q;
	bd_filter *f = NULL;
	bd_dataset ds;
	if ((rc = cli_open_query(o, &ds, &q, &f, filter, sort, reverse)))
		return rc;
	bd_error err = { 0 };
	bd_status s = bd_export_write(stdout, ds.store, &q, NULL, 0, bd_export_format_named(format), &err);
	if (s != BD_OK) {
		cli_error("%s", bd_error_text(&err));
		rc = bd_status_exit(s);
	}
	bd_error_clear(&err);
	bd_filter_free(f);
	bd_dataset_close(&ds);
	return rc;
}

/* Expands directories into the files under them (sorted, recursively),
 * so `import DIR` reads a whole tree. Caller frees the list and strings. */
static void collect(const char *path, char ***files, int *n, int *cap)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		struct dirent **ents;
		int k = scandir(path, &ents, NULL, alphasort);
		for (int i = 0; i < k; i++) {
			const char *name = ents[i]->d_name;
			size_t len = strlen(name);
			bool json = (len > 5 && !strcasecmp(name + len - 5, ".json")) ||
				    (len > 6 && !strcasecmp(name + len - 6, ".jsonl")) ||
				    (len > 7 && !strcasecmp(name + len - 7, ".ndjson"));
			char *child = NULL;
			if (name[0] != '.' && asprintf(&child, "%s/%s", path, name) >= 0) {
				struct stat cs;
				if (stat(child, &cs) == 0 && (S_ISDIR(cs.st_mode) || json))
					collect(child, files, n, cap);
			}
			free(child);
			free(ents[i]);
		}
		free(ents);
		return;
	}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*files = realloc(*files, (size_t)*cap * sizeof **files);
	}
	(*files)[(*n)++] = strdup(path);
}

static void free_files(char **files, int n)
{
	for (int i = 0; i < n; i++)
		free(files[i]);
	free(files);
}

int cli_import(const bd_options *o, int argc, char **argv)
{
	static const char usage[] =
		"usage: breachdash import FILE|DIR ... [--format auto|native|veris] [--strict]\n"
		"  Imports in one transaction; a directory's .json, .jsonl and .ndjson files\n"
		"  are read. One file lands whole or not at all. Of many files, whatever their\n"
		"  format (native or VERIS, detected or --format), a bad file is reported\n"
		"  (FILE:LINE:COL: JSON-PATH: why) and skipped, the rest lands, and the exit\n"
		"  status is 1; with --strict a bad file means nothing lands.\n";
	const char *format = "auto";
	bool strict = false;
	opt_spec spec[] = { { "format", &format, NULL }, { "strict", NULL, &strict }, { 0 } };
	char **args;
	int nargs, rc = cli_parse_args(argc, argv, spec, usage, &args, &nargs);
	if (!rc && nargs == 0) {
		fputs(usage, stderr);
		rc = 2;
	}
	if (!rc && !format_is(format, "auto") && !format_is(format, "native") &&
	    !format_is(format, "veris"))
		rc = cli_bad_format("import", format, "auto, native or veris");
	if (rc) {
		free(args);
		return rc < 0 ? 0 : rc;
	}
	char **files = NULL;
	int n = 0, cap = 0;
	for (int i = 0; i < nargs; i++)
		collect(args[i], &files, &n, &cap);
	free(args);
	bd_dataset ds;
	if ((rc = cli_open(o, &ds, true))) {
		free_files(files, n);
		return rc;
	}
	bd_error err = { 0 };
	import_progress ui;
	import_progress_init(&ui);
	bd_batch b = { .format = format_is(format, "veris") ? BD_FORMAT_VERIS
			 : format_is(format, "native") ? BD_FORMAT_NATIVE : BD_FORMAT_AUTO,
		       .strict = strict, .progress = import_progress_step,
		       .report = import_progress_report, .ctx = &ui };
	bd_status s = bd_batch_import(&ds, files, n, &b, &err);
	if (s != BD_OK) {
		cli_error("%s", bd_error_text(&err));
		rc = bd_status_exit(s);
	} else if (b.veris || b.skipped) {
		printf("%ld file%s read: %ld imported, %ld updated, %ld unchanged, %ld skipped\n",
		       b.files, b.files == 1 ? "" : "s", b.inserted, b.updated, b.unchanged, b.skipped);
		rc = b.skipped ? 1 : 0;
	} else {
		printf("%ld incident%s read from %d file%s: %ld new, %ld updated, %ld unchanged\n",
		       b.read, b.read == 1 ? "" : "s", n, n == 1 ? "" : "s",
		       b.inserted, b.updated, b.unchanged);
	}
	bd_error_clear(&err);
	bd_dataset_close(&ds);
	free_files(files, n);
	return rc;
}

int cli_validate(const bd_options *o, int argc, char **argv)
{
	static const char usage[] =
		"usage: breachdash validate FILE ...\n"
		"  Checks files against data/SCHEMA.md and prints every problem as\n"
		"  FILE:LINE:COL: JSON-PATH: message. Changes nothing.\n";
	opt_spec spec[] = { { 0 } };
	(void)o;
	char **args;
	int nargs, rc = cli_parse_args(argc, argv, spec, usage, &args, &nargs);
	if (!rc && nargs == 0) {
		fputs(usage, stderr);
		rc = 2;
	}
	if (rc) {
		free(args);
		return rc < 0 ? 0 : rc;
	}
	int problems = 0;
	for (int i = 0; i < nargs; i++) {
		bd_diags diags = { 0 };
		problems += bd_import_native(args[i], NULL, &diags);
		bd_diags_print(&diags, stderr);
		bd_diags_free(&diags);
	}
	if (problems)
		cli_error("%d problem%s found", problems, problems == 1 ? "" : "s");
	else
		printf("%d file%s valid\n", nargs, nargs == 1 ? "" : "s");
	free(args);
	return problems ? 1 : 0;
}

/* Loads the incidents named by ids; prints the first one missing. */
static int load_incidents(bd_dataset *ds, char **ids, int n, bd_incident *out)
{
	for (int i = 0; i < n; i++) {
		bd_error err = { 0 };
		bd_status s = bd_store_get(ds->store, ids[i], &out[i], &err);
		if (s != BD_OK) {
			cli_error("%s", bd_error_text(&err));
			bd_error_clear(&err);
			for (int k = 0; k < i; k++)
				bd_incident_free(&out[k]);
			return bd_status_exit(s);
		}
	}
	return 0;
}

/* One cell of the text table: padded to width, except at the end of a
 * line, which carries no trailing spaces. */
static void compare_cell(const char *text, int width, bool last, bool ascii)
{
	bd_render_cell(stdout, text, last ? 0 : width, ascii);
	if (!last)
		fputs("  ", stdout);
}

static void compare_text(const bd_comparison *c, bool ascii)
{
	enum { LABEL = 22, MAX_CELL = 40 };   /* "personal, unspecified" and a space */
	int width[BD_COMPARE_MAX];
	/* each column as wide as its widest cell, up to MAX_CELL */
	for (int i = 0; i < c->n; i++) {
		width[i] = c->heads[i] ? bd_text_width(c->heads[i]) : 0;
		for (size_t r = 0; r < c->n_rows; r++)
			if (c->rows[r].cells[i] && bd_text_width(c->rows[r].cells[i]) > width[i])
				width[i] = bd_text_width(c->rows[r].cells[i]);
		if (width[i] > MAX_CELL)
			width[i] = MAX_CELL;
	}
	printf("%-*s", LABEL + 2, "");
	for (int i = 0; i < c->n; i++)
		compare_cell(c->heads[i], width[i], i == c->n - 1, ascii);
	putchar('\n');
	for (size_t r = 0; r < c->n_rows; r++) {
		const bd_cmp_row *row = &c->rows[r];
		if (row->kind == BD_CMP_SECTION) {
			printf("%s%s\n", r ? "\n" : "", row->label);
			continue;
		}
		printf("%c ", row->differs ? '*' : ' ');
		bd_render_cell(stdout, row->label, LABEL - 1, ascii);
		putchar(' ');
		for (int i = 0; i < c->n; i++)
			compare_cell(row->cells[i], width[i], i == c->n - 1, ascii);
		putchar('\n');
	}
	puts("\n* the incidents differ on this row");
}

/* Markdown text, and ASCII in ASCII mode. */
static void md_cell(const char *s, bool ascii)
{
	char *a = ascii ? bd_text_sanitize(s, BD_TEXT_ASCII) : NULL;
	bd_render_md_text(stdout, a ? a : s);
	free(a);
}

static void compare_md(const bd_comparison *c, bool ascii)
{
	fputs("| |", stdout);
	for (int i = 0; i < c->n; i++) {
		fputc(' ', stdout);
		md_cell(c->heads[i], ascii);
		fputs(" |", stdout);
	}
	fputs("\n|---|", stdout);
	for (int i = 0; i < c->n; i++)
		fputs("---|", stdout);
	fputc('\n', stdout);
	for (size_t r = 0; r < c->n_rows; r++) {
		const bd_cmp_row *row = &c->rows[r];
		if (row->kind == BD_CMP_SECTION) {
			printf("| **%s** |", row->label);
			for (int i = 0; i < c->n; i++)
				fputs(" |", stdout);
			fputc('\n', stdout);
			continue;
		}
		printf("| %s |", row->label);
		for (int i = 0; i < c->n; i++) {
			fputs(row->differs ? " **" : " ", stdout);
			md_cell(row->cells[i], ascii);
			fputs(row->differs ? "** |" : " |", stdout);
		}
		fputc('\n', stdout);
	}
}

int cli_compare(const bd_options *o, int argc, char **argv)
{
	static const char usage[] =
		"usage: breachdash compare ID ID [ID ID] [--format text|md]\n"
		"  Side by side, row by row; rows that differ are marked.\n";
	const char *format = "text";
	opt_spec spec[] = { { "format", &format, NULL }, { 0 } };
	char **args;
	int nargs, rc = cli_parse_args(argc, argv, spec, usage, &args, &nargs);
	if (!rc && (nargs < 2 || nargs > BD_COMPARE_MAX)) {
		fputs(usage, stderr);
		rc = 2;
	}
	if (!rc && !format_is(format, "text") && !format_is(format, "md"))
		rc = cli_bad_format("compare", format, "text or md");
	bd_dataset ds;
	if (!rc)
		rc = cli_open(o, &ds, false);
	if (rc) {
		free(args);
		return rc < 0 ? 0 : rc;
	}
	bd_incident incs[BD_COMPARE_MAX];
	rc = load_incidents(&ds, args, nargs, incs);
	if (!rc) {
		const bd_incident *ptrs[BD_COMPARE_MAX];
		for (int i = 0; i < nargs; i++)
			ptrs[i] = &incs[i];
		bd_comparison c;
		bd_compare_build(ptrs, nargs, &ds.threats, o->ascii, &c);
		if (format_is(format, "md"))
			compare_md(&c, o->ascii);
		else
			compare_text(&c, o->ascii);
		bd_comparison_free(&c);
		for (int i = 0; i < nargs; i++)
			bd_incident_free(&incs[i]);
	}
	bd_dataset_close(&ds);
	free(args);
	return rc;
}

int cli_report(const bd_options *o, int argc, char **argv)
{
	static const char usage[] =
		"usage: breachdash report [--format md|txt] [--filter EXPR] [--sort KEY] [--reverse]\n"
		"  A briefing: headline totals, the incidents, which fields leaked where,\n"
		"  referrals, threat levels in force, conflicting figures and sources.\n";
	const char *format = "md", *filter = NULL, *sort = "date";
	bool reverse = false;
	opt_spec spec[] = { { "format", &format, NULL }, { "filter", &filter, NULL },
			    { "sort", &sort, NULL }, { "reverse", NULL, &reverse }, { 0 } };
	int rc = cli_parse_opts_only(argc, argv, spec, usage);
	if (!rc && !format_is(format, "md") && !format_is(format, "txt"))
		rc = cli_bad_format("report", format, "md or txt");
	if (rc)
		return rc < 0 ? 0 : rc;
	bd_query q;
	bd_filter *f = NULL;
	bd_dataset ds;
	if ((rc = cli_open_query(o, &ds, &q, &f, filter, sort, reverse)))
		return rc;
	bd_error err = { 0 };
	bd_status s = bd_report_write(stdout, ds.store, &q, &ds.threats,
				      format_is(format, "md") ? BD_REPORT_MD : BD_REPORT_TXT, o->ascii, &err);
	if (s != BD_OK) {
		cli_error("%s", bd_error_text(&err));
		rc = bd_status_exit(s);
	}
	bd_error_clear(&err);
	bd_filter_free(f);
	bd_dataset_close(&ds);
	return rc;
}
