#include "import_batch.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "import_native.h"
#include "sink.h"
#include "store_doc.h"
#include "veris.h"

/* The store sink, watched: a store failure must stop the batch, and the
 * readers report it only as one more problem of the file.
 *
 * VERIS records also pass a version check, so that importing a corpus
 * twice changes nothing even when two files hold one incident (VCDB has
 * such pairs): a record replaces a stored one only if its plus.modified is
 * not older, and one already written by this batch only if it is newer. */
typedef struct watched_sink {
	bd_sink base;
	bd_store_sink store;
	bd_status failed;
	bd_error err;
	const char *modified;           /* of the VERIS record being read */
	bool native;                    /* reading a native file */
	json_t *seen;                   /* VERIS id -> modified, this batch */
	bd_store_modified *stored;      /* the stored record's modified */
} watched_sink;

/* The plus.modified of the stored incident id: "" when it has none, NULL
 * when there is no such incident (or it cannot be read: the record is then
 * taken as new, and the store's own write reports a broken store). Caller
 * frees. */
static char *stored_modified(watched_sink *w, const char *id)
{
	bd_error err = { 0 };
	char *m = bd_store_modified_get(w->stored, id, &err);
	bd_error_clear(&err);
	return m;
}

/* The plus.modified a VERIS record read from a native file keeps in
 * origin.extra: an exported record, edited (a same_as added, say) and
 * imported again, is judged by its own date, not by that of the last
 * VERIS file read. Caller frees. */
static char *own_modified(const bd_incident *inc)
{
	json_t *x = inc->origin_extra ? json_loads(inc->origin_extra, 0, NULL) : NULL;
	const char *m = json_string_value(json_object_get(json_object_get(x, "plus"), "modified"));
	char *out = strdup(m ? m : "");
	json_decref(x);
	return out;
}

/* Whether the VERIS record inc is a version to keep. */
static bool veris_newer(watched_sink *w, const bd_incident *inc)
{
	char *own = w->native ? own_modified(inc) : NULL;
	const char *mine = own ? own : w->modified ? w->modified : "";
	const char *seen = json_string_value(json_object_get(w->seen, inc->id));
	char *stored = seen || !w->stored ? NULL : stored_modified(w, inc->id);
	bool keep = seen ? strcmp(mine, seen) > 0 : !stored || strcmp(mine, stored) >= 0;
	if (keep || !seen)
		json_object_set_new(w->seen, inc->id, json_string(keep ? mine : stored));
	free(stored);
	free(own);
	return keep;
}

static bd_status watched_item(bd_sink *sink, const bd_incident *inc, bd_error *err)
{
	watched_sink *w = (watched_sink *)sink;
	if (inc->origin == BD_ORIGIN_VERIS && !veris_newer(w, inc)) {
		w->store.base.unchanged++;
		return BD_OK;
	}
	w->store.base.doc = sink->doc;
	bd_status s = w->store.base.item(&w->store.base, inc, err);
	if (s != BD_OK && w->failed == BD_OK) {
		w->failed = s;
		bd_fail(&w->err, s, "%s", bd_error_text(err));
	}
	return s;
}

static bool lines_name(const char *path)
{
	size_t n = strlen(path);
	return (n > 6 && !strcasecmp(path + n - 6, ".jsonl")) ||
	       (n > 7 && !strcasecmp(path + n - 7, ".ndjson"));
}

/* One file into the sink. Returns the number of problems; *veris tells
 * whether it was read as VERIS. A file whose format is to be detected is
 * read and parsed once, and the tree tells; only JSON Lines by name go
 * straight to the native reader, which streams them. */
static int import_one(const char *path, int format, watched_sink *w, bd_diags *d, bool *veris)
{
	char *text = NULL;
	size_t len = 0;
	json_t *root = NULL;
	*veris = format == BD_FORMAT_VERIS;
	if (format == BD_FORMAT_VERIS ||
	    (format == BD_FORMAT_AUTO && !lines_name(path))) {
		root = bd_veris_load(path, *veris ? BD_VERIS_MAX_FILE : BD_MAX_DOCUMENT, &text, &len, d);
		/* A file that does not parse is VERIS if it names a VERIS key:
		 * one truncated file of a VCDB tree is skipped like any bad one. */
		*veris = *veris || bd_veris_detect(root) ||
			 (!root && text && memmem(text, len, "\"schema_version\"", 16));
	}
	int problems = 1;
	w->native = !*veris;
	if (!*veris) {
		/* The native reader reports its own problems, syntax included. */
		bd_diags_free(d);
		problems = text ? bd_import_native_text(path, text, len, root, &w->base, d)
				: bd_import_native(path, &w->base, d);
	} else if (root) {
		bd_error err = { 0 };
		w->modified = json_string_value(json_object_get(json_object_get(root, "plus"), "modified"));
		bd_veris_take(root, path, text, len, &w->base, d, &problems, &err);
		bd_error_clear(&err);
	}
	json_decref(root);
	free(text);
	return problems;
}

/* One file, undone on any problem so that a bad file is skipped whole
 * (a native file may have delivered good incidents before its bad one)
 * and the rest of the batch is kept. */
static int import_file(const char *path, int format, watched_sink *w, bd_diags *d, bool *veris)
{
	bd_error err = { 0 };
	if (bd_store_mark(w->store.store, &err) != BD_OK) {
		w->failed = err.code;
		bd_fail(&w->err, err.code, "%s", bd_error_text(&err));
		bd_error_clear(&err);
		*veris = false;
		return 1;
	}
	bd_sink before = w->store.base;
	long read = w->base.read;
	int problems = import_one(path, format, w, d, veris);
	if (problems && w->failed == BD_OK) {
		bd_store_undo(w->store.store);
		w->store.base = before;
		w->base.read = read;
	} else if (bd_store_keep(w->store.store, &err) != BD_OK && w->failed == BD_OK) {
		w->failed = err.code;
		bd_fail(&w->err, err.code, "%s", bd_error_text(&err));
	}
	bd_error_clear(&err);
	return problems;
}

/* About how many incidents the files hold: one a file, or one per KiB of
 * text (a native incident is 0.5 to 1 KiB), whichever is more. Only the
 * choice of a bulk load depends on it. */
static long long estimate_incidents(char *const *files, long n)
{
	long long bytes = 0;
	struct stat sb;
	for (long i = 0; i < n; i++)
		if (stat(files[i], &sb) == 0 && S_ISREG(sb.st_mode))
			bytes += sb.st_size;
	return bytes / 1024 > n ? bytes / 1024 : n;
}

/* What the batch's outcome says of the transaction: BD_OK to keep it. */
static bd_status verdict(const watched_sink *w, const bd_batch *b, long n, int native_problems,
			 bd_error *err)
{
	if (w->failed != BD_OK)
		return bd_fail(err, w->failed, "%s", bd_error_text(&w->err));
	if (n == 1 && native_problems)  /* one file lands whole or not at all */
		return bd_fail(err, BD_EDATA, "%d problem%s found; nothing was imported",
			       native_problems, native_problems == 1 ? "" : "s");
	if (b->strict && b->skipped)
		return bd_fail(err, BD_EDATA, "%ld bad file%s and --strict; nothing was imported",
			       b->skipped, b->skipped == 1 ? "" : "s");
	return BD_OK;
}

bd_status bd_batch_import(bd_dataset *ds, char *const *files, long n, bd_batch *b,
			  bd_error *err)
{
	watched_sink w = { .base = { .item = watched_item } };
	bd_status s = bd_store_sink_open(&w.store, ds->store, &ds->threats,
					 estimate_incidents(files, n), err);
	if (s != BD_OK)
		return s;
	w.seen = json_object();
	if (bd_store_modified_open(ds->store, &w.stored, err) != BD_OK) {
		json_decref(w.seen);
		w.store.base.final(&w.store.base, false, NULL);
		return err->code;
	}
	int native_problems = 0;
	b->files = b->skipped = b->veris = 0;
	for (long i = 0; i < n && w.failed == BD_OK; i++) {
		if (b->progress)
			b->progress(b->ctx, i, n);
		bd_diags d = { 0 };
		bool veris;
		int problems = import_file(files[i], b->format, &w, &d, &veris);
		b->files++;
		b->veris += veris;
		if (problems && w.failed == BD_OK) {
			b->skipped++;
			native_problems += veris ? 0 : problems;
		}
		if (b->report && (d.n || d.dropped) && w.failed == BD_OK)
			b->report(b->ctx, &d);
		bd_diags_free(&d);
	}
	if (b->progress)
		b->progress(b->ctx, n, n);
	bd_store_modified_close(w.stored);
	json_decref(w.seen);
	s = verdict(&w, b, n, native_problems, err);
	bd_error_clear(&w.err);
	bd_status kept = w.store.base.final(&w.store.base, s == BD_OK, s == BD_OK ? err : NULL);
	if (s != BD_OK || kept != BD_OK)
		return s != BD_OK ? s : kept;
	b->read = w.base.read;
	b->inserted = w.store.base.inserted;
	b->updated = w.store.base.updated;
	b->unchanged = w.store.base.unchanged;
	return BD_OK;
}
