/*
 * fuzz — shared parts of the libFuzzer targets (tests/fuzz/fuzz_*.c).
 *
 * Each target defines LLVMFuzzerTestOneInput. Built with
 * -fsanitize=fuzzer by `make fuzz`; built with the normal flags and linked
 * with replay.c (a main that feeds it files) for `make test`, which replays
 * the seed corpus and every input a fuzzer once crashed on
 * (tests/fuzz/regress/<target>/).
 *
 * The targets check more than "no crash": the oracles below abort (a crash
 * to libFuzzer, a failed test to the replay) when an output could act on a
 * terminal or an invariant of the program breaks.
 */
#ifndef BD_FUZZ_H
#define BD_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "store.h"
#include "threat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
	FZ_NEWLINES = 1 << 0,   /* \n may appear */
	FZ_TABS = 1 << 1,       /* \t may appear */
	FZ_CRLF = 1 << 2,       /* \r may appear, before \n (CSV) */
	FZ_ASCII = 1 << 3,      /* only ASCII may appear */
};

/* Aborts, naming `what`, unless buf[0..n) is valid UTF-8 without C0
 * controls (except those allowed), DEL, C1 controls, bidi controls, line
 * and paragraph separators or byte-order marks. Its own UTF-8 decoder, so
 * as not to trust the code under test. */
void fz_check_clean(const char *what, const char *buf, size_t n, unsigned allow);
/* Aborts with a message. */
void fz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Once per process: a C.UTF-8 locale (widths come from wcwidth), the
 * bundled threat table, quiet SQLite. */
void fz_init(void);
extern bd_threat_table fz_threats;

/* An in-memory store, opened once and reused. */
bd_store *fz_store(void);
/* An in-memory store holding the bundled incidents (for filters). */
bd_store *fz_seeded_store(void);

/* Everything a person could see of one incident — show as text and
 * Markdown (UTF-8 and ASCII), list JSON, a comparison with itself — checked
 * with fz_check_clean; and the canonical JSON must read back (export ->
 * import) to the identical document. */
void fz_check_incident(const bd_incident *inc);
/* Every listing of the store (list table and TSV, export CSV, Markdown and
 * JSON, the report) checked likewise; q may be NULL. */
void fz_check_store_outputs(bd_store *st);

/* data as a NUL-terminated string (NUL bytes stay; strlen stops there).
 * Caller frees. */
char *fz_strndup(const uint8_t *data, size_t size);

#endif
