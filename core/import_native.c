#include "import_native.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "jsonpos.h"
#include "lineio.h"
#include "native.h"
#include "queue.h"

typedef struct reader {
	const char *file;
	const char *text;       /* the document or the current line */
	size_t len;
	int line_offset;        /* lines before `text` in the file */
	bd_diags *diags;
	int problems;
	bd_sink *sink;
	bool sink_failed;
} reader;

static void report_at(void *ctx, const char *path, const char *msg)
{
	reader *r = ctx;
	int line = 0, col = 0;
	bd_json_locate(r->text, r->len, path, &line, &col);
	bd_diags_add(r->diags, r->file, line + r->line_offset, col, path, "%s", msg);
	r->problems++;
}

static void syntax_error(reader *r, const json_error_t *e)
{
	/* Path "$" like every other problem; jansson's column 0 (end of input
	 * after a newline) becomes column 1. */
	bd_diags_add(r->diags, r->file, e->line + r->line_offset, e->column > 0 ? e->column : 1,
		     "$", "%s", e->text);
	r->problems++;
}

/* One valid incident to the sink; doc is its canonical JSON when the
 * reader already made it. */
static void deliver(reader *r, const bd_incident *inc, const char *doc)
{
	if (!r->sink || r->sink_failed)
		return;
	bd_error err = { 0 };
	r->sink->read++;
	r->sink->doc = doc;
	if (r->sink->item(r->sink, inc, &err) != BD_OK) {
		bd_diags_add(r->diags, r->file, 0, 0, NULL, "%s", bd_error_text(&err));
		r->problems++;
		r->sink_failed = true;
	}
	r->sink->doc = NULL;
	bd_error_clear(&err);
}

static void take(reader *r, const json_t *obj, const char *path)
{
	bd_incident inc;
	if (bd_incident_from_json(obj, path, &inc, report_at, r) != 0)
		return;
	deliver(r, &inc, NULL);
	bd_incident_free(&inc);
}

static bool has_bom(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0;
}

static void check_duplicate_ids(reader *r, const json_t *arr)
{
	size_t n = json_array_size(arr);
	json_t *seen = json_object();
	for (size_t i = 0; i < n; i++) {
		const char *id = json_string_value(json_object_get(json_array_get(arr, i), "id"));
		if (!id)
			continue;
		json_t *first = json_object_get(seen, id);
		if (first) {
			char *p = bd_path_index("$.incidents", i), *msg = NULL;
			if (asprintf(&msg, "id \"%s\" is already used by $.incidents[%lld]", id,
				     (long long)json_integer_value(first)) >= 0) {
				char *pid = bd_path_key(p, "id");
				report_at(r, pid, msg);
				free(pid);
			}
			free(msg);
			free(p);
		} else {
			json_object_set_new(seen, id, json_integer((json_int_t)i));
		}
	}
	json_decref(seen);
}

/* The document in r->text; root is its tree when the caller parsed it
 * already (with JSON_REJECT_DUPLICATES), else NULL. */
static void read_document(reader *r, const json_t *parsed)
{
	static const char *const keys[] = { "schema", "incidents" };
	json_error_t e;
	json_t *root = parsed ? json_incref((json_t *)parsed)
			      : json_loadb(r->text, r->len, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		syntax_error(r, &e);
		return;
	}
	if (!json_is_object(root)) {
		report_at(r, "$", "expected an object {\"schema\": \"" BD_SCHEMA_NAME "\", \"incidents\": [...]}");
		json_decref(root);
		return;
	}
	const char *key;
	json_t *val;
	json_object_foreach(root, key, val) {
		if (strcmp(key, keys[0]) && strcmp(key, keys[1])) {
			char *p = bd_path_key("$", key);
			report_at(r, p, "unknown key");
			free(p);
		}
	}
	const char *schema = json_string_value(json_object_get(root, "schema"));
	if (!schema || strcmp(schema, BD_SCHEMA_NAME) != 0)
		report_at(r, json_object_get(root, "schema") ? "$.schema" : "$",
			  "expected \"schema\": \"" BD_SCHEMA_NAME "\"");
	json_t *arr = json_object_get(root, "incidents");
	if (!json_is_array(arr)) {
		report_at(r, arr ? "$.incidents" : "$", "expected an \"incidents\" array");
	} else {
		check_duplicate_ids(r, arr);
		size_t i;
		json_t *obj;
		json_array_foreach(arr, i, obj) {
			char *p = bd_path_index("$.incidents", i);
			take(r, obj, p);
			free(p);
		}
	}
	json_decref(root);
}

static bool blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* JSON Lines are read on two threads: a parser reads, parses, validates
 * and writes the canonical JSON of each line (about half the work), the
 * caller's thread hands the results to the sink in the order of the file.
 * Batches of lines cross a bounded queue, so memory stays constant. */
typedef struct parsed {
	bd_diags diags;         /* this line's problems */
	int problems;
	bool valid;
	bd_incident inc;
	char *doc;              /* canonical JSON of inc, when there is a sink */
} parsed;

enum { BATCH_LINES = 64, QUEUED_BATCHES = 16 };

typedef struct batch {
	int n;
	parsed line[BATCH_LINES];
} batch;

typedef struct parser {
	reader r;               /* the parser's own: its diags are each line's */
	FILE *f;
	bd_queue *q;            /* full batches, in the order of the file */
	bd_queue *pool;         /* empty ones */
	bool make_doc;
	atomic_bool muted;      /* the caller's list of problems is full */
	atomic_bool cancelled;  /* the caller stopped: read no further */
} parser;

/* Empties a batch for its next use. */
static void batch_clear(batch *b)
{
	for (int i = 0; i < b->n; i++) {
		bd_diags_free(&b->line[i].diags);
		if (b->line[i].valid)
			bd_incident_free(&b->line[i].inc);
		free(b->line[i].doc);
	}
	memset(b, 0, sizeof *b);
}

static void batch_free(batch *b)
{
	if (b)
		batch_clear(b);
	free(b);
}

static void queue_drain(bd_queue *q)
{
	batch *b;
	while ((b = bd_queue_get(q)))
		batch_free(b);
	bd_queue_free(q);
}

/* Parses one line into p; false when reading must stop (a byte-order mark). */
static bool parse_line(parser *ps, parsed *p, char *line, size_t whole, int lineno)
{
	reader *r = &ps->r;
	ssize_t n = (ssize_t)whole;
	r->diags = &p->diags;
	r->problems = 0;
	/* Once the caller's list is full, problems are only counted, as they
	 * would be there: half a million bad lines allocate nothing. */
	p->diags.full = atomic_load(&ps->muted);
	bool go_on = true;
	if (lineno == 1 && has_bom(line, (size_t)n)) {
		bd_diags_add(r->diags, r->file, 1, 1, NULL,
			     "file starts with a byte-order mark; save it as UTF-8 without one");
		r->problems++;
		go_on = false;
	} else if ((size_t)n > BD_MAX_LINE) {
		bd_diags_add(r->diags, r->file, lineno, 1, NULL,
			     "line is longer than %u bytes", BD_MAX_LINE);
		r->problems++;
	} else if (memchr(line, '\0', (size_t)n)) {
		/* Before the blank check, which stops at a NUL: "\0..." is no blank line. */
		bd_diags_add(r->diags, r->file, lineno, (int)((char *)memchr(line, '\0', (size_t)n) - line) + 1,
			     NULL, "line contains NUL bytes; it is not JSON text");
		r->problems++;
	} else if (!blank(line)) {
		/* Without its newline, so a syntax error at the end of the line
		 * is reported on this line, not the next. */
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		r->text = line;
		r->len = (size_t)n;
		r->line_offset = lineno - 1;
		json_error_t e;
		json_t *obj = json_loadb(line, (size_t)n, JSON_REJECT_DUPLICATES, &e);
		if (!obj) {
			syntax_error(r, &e);
		} else if (bd_incident_from_json(obj, "$", &p->inc, report_at, r) == 0) {
			p->valid = true;
			json_t *j = ps->make_doc ? bd_incident_to_json(&p->inc) : NULL;
			p->doc = j ? json_dumps(j, JSON_COMPACT) : NULL;
			json_decref(j);
		}
		json_decref(obj);
	}
	p->problems = r->problems;
	return go_on;
}

static void *parse_lines(void *arg)
{
	parser *ps = arg;
	/* Bounded: a line longer than BD_MAX_LINE is skipped, not held. */
	bd_lines lines;
	bd_lines_init(&lines, ps->f, BD_MAX_LINE);
	batch *b = bd_queue_get(ps->pool);
	char *line;
	size_t whole;
	int lineno = 0;
	bool go_on = b != NULL;
	while (go_on && !atomic_load(&ps->cancelled) && (line = bd_lines_next(&lines, &whole))) {
		parsed *p = &b->line[b->n];
		go_on = parse_line(ps, p, line, whole, ++lineno);
		if (p->valid || p->diags.n || p->diags.dropped)
			b->n++;
		if (b->n == BATCH_LINES) {
			if (!bd_queue_put(ps->q, b)) {
				batch_free(b);
				b = NULL;
				break;
			}
			go_on = (b = bd_queue_get(ps->pool)) != NULL;
			if (b)
				batch_clear(b);
		}
	}
	if (b && ferror(ps->f)) {
		bd_diags_add(&b->line[b->n].diags, ps->r.file, lineno, 0, NULL, "read error: %s",
			     strerror(errno));
		b->line[b->n++].problems = 1;
	}
	if (b && (!b->n || !bd_queue_put(ps->q, b)))
		batch_free(b);
	bd_lines_free(&lines);
	bd_queue_close(ps->q);
	return NULL;
}

/* The batches go round: from the pool to the parser, full to the caller,
 * used back to the pool, so reading a file allocates them once. The
 * parser empties a batch when it takes it: what it allocated is freed on
 * its own thread (a free from the other thread locks the allocator's
 * arena of this one, and the two threads took turns waiting on it). On
 * the way out each side frees what it holds and the caller the rest. */
static void read_lines(reader *r, FILE *f)
{
	parser ps = { .r = { .file = r->file }, .f = f, .make_doc = r->sink != NULL };
	pthread_t thread;
	int rc = ENOMEM;
	ps.q = bd_queue_new(QUEUED_BATCHES);
	ps.pool = bd_queue_new(QUEUED_BATCHES + 2);
	for (int i = 0; ps.q && ps.pool && i < QUEUED_BATCHES + 2; i++) {
		batch *b = calloc(1, sizeof *b);
		if (!b || !bd_queue_put(ps.pool, b)) {
			free(b);
			break;
		}
		if (i == QUEUED_BATCHES + 1)
			rc = pthread_create(&thread, NULL, parse_lines, &ps);
	}
	if (rc != 0) {
		bd_diags_add(r->diags, r->file, 0, 0, NULL, "cannot start reading: %s", strerror(rc));
		r->problems++;
		if (ps.q) {
			bd_queue_close(ps.q);
			queue_drain(ps.q);
		}
		if (ps.pool) {
			bd_queue_close(ps.pool);
			queue_drain(ps.pool);
		}
		return;
	}
	batch *b;
	while ((b = bd_queue_get(ps.q))) {
		for (int i = 0; i < b->n && !r->sink_failed; i++) {
			parsed *p = &b->line[i];
			bd_diags_move(r->diags, &p->diags);
			r->problems += p->problems;
			if (r->diags->n >= (r->diags->limit ? r->diags->limit : 1000))
				atomic_store(&ps.muted, true);
			if (p->valid)
				deliver(r, &p->inc, p->doc);
		}
		if (r->sink_failed) {
			/* The parser stops at its next line, or at its next put
			 * or take. */
			atomic_store(&ps.cancelled, true);
			bd_queue_cancel(ps.q);
			bd_queue_cancel(ps.pool);
		}
		if (!bd_queue_put(ps.pool, b))
			batch_free(b);
	}
	pthread_join(thread, NULL);
	queue_drain(ps.q);
	bd_queue_close(ps.pool);
	queue_drain(ps.pool);
}

static bool lines_name(const char *path)
{
	size_t plen = strlen(path);
	return (plen > 6 && strcmp(path + plen - 6, ".jsonl") == 0) ||
	       (plen > 7 && strcmp(path + plen - 7, ".ndjson") == 0);
}

/* Whether a JSON value read from the first line opens JSON Lines: a whole
 * object that is not a native document. */
static bool first_is_line(const json_t *obj)
{
	return json_is_object(obj) && !json_object_get(obj, "schema") &&
	       !json_object_get(obj, "incidents");
}

/* JSON Lines, for a file too large to read whole, when its first line is
 * a whole object that is not a native document. Rewinds f. */
static bool first_line_says_lines(FILE *f)
{
	bd_lines first;
	bd_lines_init(&first, f, BD_MAX_LINE);
	first.sniff = true;     /* a longer first line is no JSON Lines */
	size_t n = 0;
	char *line = bd_lines_next(&first, &n);
	bool lines = false;
	if (line && n > 0 && n <= BD_MAX_LINE) {
		json_t *obj = json_loadb(line, (size_t)n, JSON_DISABLE_EOF_CHECK, NULL);
		lines = first_is_line(obj);
		json_decref(obj);
	}
	bd_lines_free(&first);
	rewind(f);
	return lines;
}

/* The same test on a file read whole. When it parsed whole (root), it is
 * JSON Lines only as one line: no parse of the first line is needed. */
static bool text_is_lines(const char *text, size_t len, const json_t *root)
{
	const char *nl = memchr(text, '\n', len);
	size_t first = nl ? (size_t)(nl - text) + 1 : len;
	if (root)
		return first_is_line(root) && text[first + strspn(text + first, " \t\r\n")] == '\0';
	if (first == 0 || first > BD_MAX_LINE)
		return false;
	json_t *obj = json_loadb(text, first, JSON_DISABLE_EOF_CHECK, NULL);
	bool lines = first_is_line(obj);
	json_decref(obj);
	return lines;
}

/* A file read whole: a document, or JSON Lines read from memory. */
static void read_text(reader *r, const json_t *root)
{
	if (has_bom(r->text, r->len)) {
		bd_diags_add(r->diags, r->file, 1, 1, NULL,
			     "file starts with a byte-order mark; save it as UTF-8 without one");
		r->problems++;
	} else if (text_is_lines(r->text, r->len, root)) {
		FILE *f = fmemopen((void *)r->text, r->len, "rb");
		if (!f) {
			bd_diags_add(r->diags, r->file, 0, 0, NULL, "%s", strerror(errno));
			r->problems++;
			return;
		}
		read_lines(r, f);
		fclose(f);
	} else if (memchr(r->text, '\0', r->len)) {
		bd_diags_add(r->diags, r->file, 0, 0, NULL, "file contains NUL bytes; it is not JSON text");
		r->problems++;
	} else {
		read_document(r, root);
	}
}

int bd_import_native_text(const char *path, const char *text, size_t len, const json_t *root,
			  bd_sink *sink, bd_diags *diags)
{
	reader r = { .file = path, .diags = diags, .sink = sink, .text = text, .len = len };
	read_text(&r, root);
	return r.problems;
}

/* Streamed when JSON Lines (by name, or a file too large to read whole
 * that starts as JSON Lines); otherwise read whole, once. */
int bd_import_native(const char *path, bd_sink *sink, bd_diags *diags)
{
	reader r = { .file = path, .diags = diags, .sink = sink };
	struct stat sb;
	if (stat(path, &sb) != 0) {
		bd_diags_add(diags, path, 0, 0, NULL, "%s", strerror(errno));
		return 1;
	}
	bool big = S_ISREG(sb.st_mode) && (unsigned long long)sb.st_size > BD_MAX_DOCUMENT;
	if (lines_name(path) || big) {
		FILE *f = fopen(path, "rb");
		if (!f) {
			bd_diags_add(diags, path, 0, 0, NULL, "%s", strerror(errno));
			return 1;
		}
		if (lines_name(path) || first_line_says_lines(f)) {
			read_lines(&r, f);
			fclose(f);
			return r.problems;
		}
		fclose(f);
	}
	bd_error err = { 0 };
	size_t len;
	char *text = bd_read_file(path, BD_MAX_DOCUMENT, &len, &err);
	if (!text) {
		bd_diags_add(diags, NULL, 0, 0, NULL, "%s", bd_error_text(&err));
		bd_error_clear(&err);
		return 1;
	}
	r.text = text;
	r.len = len;
	read_text(&r, NULL);
	free(text);
	return r.problems;
}
