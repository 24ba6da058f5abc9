#include "import_native.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* JSON Lines are read on several threads. Parsers take turns to read a
 * batch of lines, then each parses, validates and writes the canonical
 * JSON of its own batch (most of the work) while the next reads; the
 * caller's thread hands the results to the sink in the order of the file,
 * taking batch k from parser k % n. Batches cross bounded queues, so
 * memory stays constant. */
typedef struct parsed {
	char *raw;              /* the line as read (kept between uses) */
	size_t raw_cap;
	size_t whole;           /* its whole length (more than kept if too long) */
	int lineno;
	bool ready;             /* nothing to parse: a read error */
	bd_diags diags;         /* this line's problems */
	int problems;
	bool valid;
	bd_incident inc;
	char *doc;              /* canonical JSON of inc, when there is a sink */
} parsed;

enum { BATCH_LINES = 64, QUEUED_BATCHES = 8, MAX_PARSERS = 4 };

typedef struct batch {
	int n;
	parsed line[BATCH_LINES];
} batch;

/* What the parsers share: the file, read by one at a time, in turn. */
typedef struct input {
	pthread_mutex_t lock;
	pthread_cond_t turn_changed;
	int turn, parsers;
	bool done;              /* end of file, a read error, or a stop */
	bd_lines lines;
	FILE *f;
	int lineno;
	const char *file;
	bool make_doc;
	atomic_bool muted;      /* the caller's list of problems is full */
	atomic_bool cancelled;  /* the caller stopped: read no further */
} input;

typedef struct parser {
	input *in;
	int index;
	reader r;               /* the parser's own: its diags are each line's */
	bd_queue *q;            /* its batches, parsed */
	bd_queue *pool;         /* used ones, back from the caller */
	pthread_t thread;
} parser;

/* Empties a batch for its next use; the lines' buffers stay. */
static void batch_clear(batch *b)
{
	for (int i = 0; i < b->n; i++) {
		parsed *p = &b->line[i];
		bd_diags_free(&p->diags);
		if (p->valid)
			bd_incident_free(&p->inc);
		free(p->doc);
		*p = (parsed){ .raw = p->raw, .raw_cap = p->raw_cap };
	}
	b->n = 0;
}

static void batch_free(batch *b)
{
	if (b) {
		batch_clear(b);
		for (int i = 0; i < BATCH_LINES; i++)
			free(b->line[i].raw);
	}
	free(b);
}

static void queue_drain(bd_queue *q)
{
	batch *b;
	while (q && (b = bd_queue_get(q)))
		batch_free(b);
	bd_queue_free(q);
}

/* Parses one line into p. */
static void parse_line(parser *ps, parsed *p)
{
	reader *r = &ps->r;
	char *line = p->raw;
	ssize_t n = (ssize_t)p->whole;
	int lineno = p->lineno;
	r->diags = &p->diags;
	r->problems = 0;
	/* Once the caller's list is full, problems are only counted, as they
	 * would be there: half a million bad lines allocate nothing. */
	p->diags.full = atomic_load(&ps->in->muted);
	/* The length first: of a line too long, only its length was kept. */
	if ((size_t)n > BD_MAX_LINE) {
		bd_diags_add(r->diags, r->file, lineno, 1, NULL,
			     "line is longer than %u bytes", BD_MAX_LINE);
		r->problems++;
	} else if (lineno == 1 && has_bom(line, (size_t)n)) {
		bd_diags_add(r->diags, r->file, 1, 1, NULL,
			     "file starts with a byte-order mark; save it as UTF-8 without one");
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
			json_t *j = ps->in->make_doc ? bd_incident_to_json(&p->inc) : NULL;
			p->doc = j ? json_dumps(j, JSON_COMPACT) : NULL;
			json_decref(j);
		}
		json_decref(obj);
	}
	p->problems = r->problems;
}

/* Keeps a copy of a line read (the reader's buffer is reused); a line too
 * long to parse keeps only its length. False when out of memory. */
static bool keep_line(parsed *p, const char *line, size_t whole, int lineno)
{
	size_t n = whole > BD_MAX_LINE ? 0 : whole;
	if (n + 1 > p->raw_cap) {
		char *grown = realloc(p->raw, n + 1);
		if (!grown)
			return false;
		p->raw = grown;
		p->raw_cap = n + 1;
	}
	memcpy(p->raw, line, n);
	p->raw[n] = '\0';
	p->whole = whole;
	p->lineno = lineno;
	return true;
}

/* Reads the next batch of lines into b when it is this parser's turn.
 * False when there is nothing more for it to read. */
static bool read_batch(parser *ps, batch *b)
{
	input *in = ps->in;
	pthread_mutex_lock(&in->lock);
	while (in->turn != ps->index && !in->done && !atomic_load(&in->cancelled))
		pthread_cond_wait(&in->turn_changed, &in->lock);
	bool mine = !in->done && !atomic_load(&in->cancelled);
	while (mine && b->n < BATCH_LINES) {
		size_t whole;
		char *line = bd_lines_next(&in->lines, &whole);
		parsed *p = &b->line[b->n];
		if (!line || !keep_line(p, line, whole, in->lineno + 1)) {
			in->done = true;
			if (!line && !ferror(in->f))
				break;
			bd_diags_add(&p->diags, in->file, in->lineno + 1, 0, NULL, "read error: %s",
				     line ? strerror(ENOMEM) : strerror(errno));
			p->problems = 1;
			p->ready = true;
			b->n++;
			break;
		}
		b->n++;
		/* A file that starts with a byte-order mark is read no further. */
		if (++in->lineno == 1 && has_bom(line, whole))
			in->done = true;
		if (in->done)
			break;
	}
	in->turn = (in->turn + 1) % in->parsers;
	pthread_cond_broadcast(&in->turn_changed);
	pthread_mutex_unlock(&in->lock);
	return mine;
}

static void *parse_lines(void *arg)
{
	parser *ps = arg;
	batch *b;
	while ((b = bd_queue_get(ps->pool))) {
		batch_clear(b);
		if (!read_batch(ps, b)) {
			batch_free(b);
			break;
		}
		for (int i = 0; i < b->n; i++)
			if (!b->line[i].ready)
				parse_line(ps, &b->line[i]);
		if (!bd_queue_put(ps->q, b)) {
			batch_free(b);
			break;
		}
	}
	bd_queue_close(ps->q);
	/* A parser that stops early (no batch to read into) must not keep
	 * the others waiting for its turn. */
	pthread_mutex_lock(&ps->in->lock);
	ps->in->done = true;
	pthread_cond_broadcast(&ps->in->turn_changed);
	pthread_mutex_unlock(&ps->in->lock);
	return NULL;
}

/* Stops the parsers: at their next line, put or take. */
static void cancel(input *in, parser *ps)
{
	pthread_mutex_lock(&in->lock);
	atomic_store(&in->cancelled, true);
	pthread_cond_broadcast(&in->turn_changed);
	pthread_mutex_unlock(&in->lock);
	for (int i = 0; i < in->parsers; i++) {
		if (ps[i].q)
			bd_queue_cancel(ps[i].q);
		if (ps[i].pool)
			bd_queue_cancel(ps[i].pool);
	}
}

/* One parser a processor, at most MAX_PARSERS (the caller's thread needs
 * some time too, and more would only wait for their turn to read). */
static int parsers_wanted(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_PARSERS ? MAX_PARSERS : (int)n;
}

/* The parsers, each with its queue and a pool of batches; how many
 * started. */
static int start_parsers(input *in, parser *ps, reader *r)
{
	int started = 0;
	for (int i = 0; i < in->parsers; i++) {
		ps[i] = (parser){ .in = in, .index = i, .r = { .file = r->file } };
		ps[i].q = bd_queue_new(QUEUED_BATCHES);
		ps[i].pool = bd_queue_new(QUEUED_BATCHES + 2);
		bool ready = ps[i].q && ps[i].pool;
		for (int k = 0; ready && k < QUEUED_BATCHES + 2; k++) {
			batch *b = calloc(1, sizeof *b);
			if (!b || !bd_queue_put(ps[i].pool, b)) {
				free(b);
				ready = k > 0;
				break;
			}
		}
		if (!ready || pthread_create(&ps[i].thread, NULL, parse_lines, &ps[i]) != 0)
			break;
		started++;
	}
	return started;
}

/* The batches go round: from a parser's pool to the parser, parsed to the
 * caller, used back to the pool, so reading a file allocates them once.
 * The parser empties a batch when it takes it: what it allocated is freed
 * on its own thread (a free from another thread locks the allocator's
 * arena of that one, and the threads took turns waiting on it). On the way
 * out each side frees what it holds and the caller the rest. */
static void read_lines(reader *r, FILE *f)
{
	input in = { .f = f, .file = r->file, .make_doc = r->sink != NULL,
		     .parsers = parsers_wanted() };
	parser ps[MAX_PARSERS] = { 0 };
	pthread_mutex_init(&in.lock, NULL);
	pthread_cond_init(&in.turn_changed, NULL);
	/* Bounded: a line longer than BD_MAX_LINE is skipped, not held. */
	bd_lines_init(&in.lines, f, BD_MAX_LINE);
	int started = start_parsers(&in, ps, r);
	if (started < in.parsers) {
		bd_diags_add(r->diags, r->file, 0, 0, NULL, "cannot start reading: %s", strerror(ENOMEM));
		r->problems++;
		cancel(&in, ps);
	}
	batch *b;
	for (long k = 0; started == in.parsers && (b = bd_queue_get(ps[k % in.parsers].q)); k++) {
		for (int i = 0; i < b->n && !r->sink_failed; i++) {
			parsed *p = &b->line[i];
			bd_diags_move(r->diags, &p->diags);
			r->problems += p->problems;
			if (r->diags->n >= (r->diags->limit ? r->diags->limit : 1000))
				atomic_store(&in.muted, true);
			if (p->valid)
				deliver(r, &p->inc, p->doc);
		}
		if (r->sink_failed && !atomic_load(&in.cancelled))
			cancel(&in, ps);
		if (!bd_queue_put(ps[k % in.parsers].pool, b))
			batch_free(b);
	}
	if (started == in.parsers)
		cancel(&in, ps);        /* the end: any parser still waiting stops */
	for (int i = 0; i < started; i++)
		pthread_join(ps[i].thread, NULL);
	for (int i = 0; i < in.parsers; i++) {
		queue_drain(ps[i].q);
		if (ps[i].pool)
			bd_queue_close(ps[i].pool);
		queue_drain(ps[i].pool);
	}
	bd_lines_free(&in.lines);
	pthread_cond_destroy(&in.turn_changed);
	pthread_mutex_destroy(&in.lock);
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
