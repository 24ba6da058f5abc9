/*
 * fuzz_veris — the VERIS importer (core/veris.c, core/veris_io.c) on any
 * bytes, through bd_import_veris on a file (BOM and syntax checks, mapping,
 * placing problems in the text).
 *
 * A VERIS record may carry anything in any string (control characters,
 * bidi overrides, C1), so the mapped incident is held to what a native one
 * is: it must pass the native validator on export and import again (else
 * the store keeps an incident it cannot read back), and nothing a person
 * sees of it may act on a terminal (fuzz.h). Accepted incidents go into an
 * in-memory store, whose listings are checked; rolled back after each input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "sink.h"
#include "veris.h"

typedef struct checking_sink {
	bd_sink base;
	bd_store_sink store;
} checking_sink;

static bd_status checking_item(bd_sink *sink, const bd_incident *inc, bd_error *err)
{
	checking_sink *c = (checking_sink *)sink;
	fz_check_incident(inc);
	char *extra = bd_veris_extra_lines(inc->origin_extra);
	free(extra);
	return c->store.base.item(&c->store.base, inc, err);
}

static char *path;

static void remove_file(void)
{
	if (path)
		unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_init();
	if (!path) {
		const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
		if (asprintf(&path, "%s/bd-fuzz-veris-%ld.json", dir ? dir : "/tmp", (long)getpid()) < 0)
			abort();
		atexit(remove_file);
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		fz_fail("cannot write %s", path);
	bd_store *st = fz_store();
	bd_error err = { 0 };
	if (bd_store_begin(st, &err) != BD_OK)
		fz_fail("begin: %s", bd_error_text(&err));
	checking_sink sink = { .base = { .item = checking_item } };
	bd_store_sink_init(&sink.store, st, &fz_threats);
	bd_diags d = { 0 };
	int problems = bd_import_veris(path, &sink.base, &d);
	if (problems && !d.n && !d.dropped)
		fz_fail("%d problems but no diagnostic", problems);
	if (!problems && sink.store.base.inserted + sink.store.base.updated != 1)
		fz_fail("a good record did not reach the store");
	char *printed = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&printed, &len);
	bd_diags_print(&d, out);
	fclose(out);
	fz_check_clean("diagnostics", printed, len, FZ_NEWLINES);
	free(printed);
	bd_diags_free(&d);
	if (!problems)
		fz_check_store_outputs(st);
	bd_store_rollback(st);
	bd_error_clear(&err);
	unlink(path);           /* libFuzzer may end without exit handlers */
	return 0;
}
