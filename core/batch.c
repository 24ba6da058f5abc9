#include "batch.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import.h"
#include "sink.h"
#include "veris.h"

/* The store sink, watched: a store failure must stop the batch, and the
 * readers report it only as one more problem of the file. */
typedef struct watched_sink {
	bd_sink base;
	bd_store_sink store;
	bd_status failed;
	bd_error err;
} watched_sink;

static bd_status watched_item(bd_sink *sink, const bd_incident *inc, bd_error *err)
{
	watched_sink *w = (watched_sink *)sink;
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
 * whether it was read as VERIS. */
static int import_one(const char *path, int format, watched_sink *w, bd_diags *d, bool *veris)
{
	char *text = NULL;
	size_t len = 0;
	json_t *root = NULL;
	*veris = format == BD_FORMAT_VERIS;
	if (format == BD_FORMAT_VERIS ||
	    (format == BD_FORMAT_AUTO && !lines_name(path))) {
		root = bd_veris_load(path, *veris ? BD_VERIS_MAX_FILE : BD_MAX_DOCUMENT, &text, &len, d);
		*veris = *veris || bd_veris_detect(root);
	}
	int problems = 1;
	if (!*veris) {
		/* The native reader reports its own problems, syntax included. */
		bd_diags_free(d);
		problems = bd_import_native(path, &w->base, d);
	} else if (root) {
		bd_error err = { 0 };
		bd_veris_take(root, path, text, len, &w->base, d, &problems, &err);
		bd_error_clear(&err);
	}
	json_decref(root);
	free(text);
	return problems;
}

bd_status bd_batch_import(bd_dataset *ds, char *const *files, long n, bd_batch *b,
			  bd_error *err)
{
	bd_status s = bd_store_begin(ds->store, err);
	if (s != BD_OK)
		return s;
	watched_sink w = { .base = { .item = watched_item } };
	bd_store_sink_init(&w.store, ds->store, &ds->threats);
	int native_problems = 0;
	const char *bad_file = NULL;
	b->files = b->skipped = b->veris = 0;
	for (long i = 0; i < n && !bad_file && w.failed == BD_OK; i++) {
		if (b->progress)
			b->progress(b->ctx, i, n);
		bd_diags d = { 0 };
		bool veris;
		int problems = import_one(files[i], b->format, &w, &d, &veris);
		b->files++;
		b->veris += veris;
		if (problems && veris && w.failed == BD_OK) {
			b->skipped++;
			if (b->strict)
				bad_file = files[i];
		} else if (problems && !veris) {
			native_problems += problems;
		}
		if (b->report && (d.n || d.dropped) && w.failed == BD_OK)
			b->report(b->ctx, &d);
		bd_diags_free(&d);
	}
	if (b->progress)
		b->progress(b->ctx, n, n);
	if (w.failed != BD_OK) {
		s = bd_fail(err, w.failed, "%s", bd_error_text(&w.err));
	} else if (bad_file) {
		s = bd_fail(err, BD_EDATA, "%s: bad VERIS file and --strict; nothing was imported",
			    bad_file);
	} else if (native_problems) {
		s = bd_fail(err, BD_EDATA, "%d problem%s found; nothing was imported",
			    native_problems, native_problems == 1 ? "" : "s");
	} else {
		s = bd_store_commit(ds->store, err);
	}
	bd_error_clear(&w.err);
	if (s != BD_OK) {
		bd_store_rollback(ds->store);
		return s;
	}
	b->read = w.base.read;
	b->inserted = w.store.base.inserted;
	b->updated = w.store.base.updated;
	b->unchanged = w.store.base.unchanged;
	return BD_OK;
}
