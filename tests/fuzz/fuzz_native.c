/*
 * fuzz_native — the native importer (core/import_native.c, core/native.c) on any
 * bytes: as a file named .json (a document, or JSON Lines by sniffing) and
 * as one named .jsonl, through the real entry point bd_import_native.
 *
 * Every incident the importer accepts is checked (fuzz.h): it exports and
 * imports again to the identical document, and nothing a person sees of it
 * can act on a terminal. Accepted incidents go into an in-memory store,
 * whose listings, exports and report are checked the same way; the
 * transaction is rolled back after each input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "import_native.h"
#include "sink.h"

typedef struct checking_sink {
	bd_sink base;
	bd_store_sink store;
} checking_sink;

static bd_status checking_item(bd_sink *sink, const bd_incident *inc, bd_error *err)
{
	checking_sink *c = (checking_sink *)sink;
	fz_check_incident(inc);
	return c->store.base.item(&c->store.base, inc, err);
}

static char *paths[2];

static void remove_files(void)
{
	for (int i = 0; i < 2; i++)
		if (paths[i])
			unlink(paths[i]);
}

static void make_paths(void)
{
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	if (!dir)
		dir = "/tmp";
	if (asprintf(&paths[0], "%s/bd-fuzz-native-%ld.json", dir, (long)getpid()) < 0 ||
	    asprintf(&paths[1], "%s/bd-fuzz-native-%ld.jsonl", dir, (long)getpid()) < 0)
		abort();
	atexit(remove_files);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_init();
	if (!paths[0])
		make_paths();
	bd_store *st = fz_store();
	bool listed = false;    /* the store's outputs checked once an input */
	for (int i = 0; i < 2; i++) {
		FILE *f = fopen(paths[i], "wb");
		if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
			fz_fail("cannot write %s", paths[i]);
		bd_error err = { 0 };
		if (bd_store_begin(st, &err) != BD_OK)
			fz_fail("begin: %s", bd_error_text(&err));
		checking_sink sink = { .base = { .item = checking_item } };
		bd_store_sink_init(&sink.store, st, &fz_threats);
		bd_diags d = { 0 };
		int problems = bd_import_native(paths[i], &sink.base, &d);
		/* Every problem is reported, with a message; a problem with
		 * nothing said would leave the user guessing. */
		if (problems && !d.n && !d.dropped)
			fz_fail("%d problems but no diagnostic", problems);
		for (size_t k = 0; k < d.n; k++)
			if (!d.v[k].msg || !*d.v[k].msg)
				fz_fail("a diagnostic without a message");
		char *printed = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&printed, &len);
		bd_diags_print(&d, out);
		fclose(out);
		fz_check_clean("diagnostics", printed, len, FZ_NEWLINES);
		free(printed);
		bd_diags_free(&d);
		if (!listed && sink.store.base.inserted + sink.store.base.updated > 0) {
			fz_check_store_outputs(st);
			listed = true;
		}
		bd_store_rollback(st);
		bd_error_clear(&err);
		unlink(paths[i]);       /* libFuzzer may end without exit handlers */
	}
	return 0;
}
