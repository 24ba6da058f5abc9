/*
 * stages — what importing one incident costs, stage by stage, on one
 * thread: the JSON parse (jansson), the check into the model, the canonical
 * document (tree and dump), and the store's part (the puts of a bulk load
 * into a new store, then its commit: index builds and text merge). Prints
 * microseconds of processor time an incident for each, and the rate the
 * sum allows on this machine's processors if every stage ran in parallel
 * without cost, which no import can pass.
 *
 *   stages FILE.jsonl STORE [MAX_LINES]   (10,000 by default)
 *
 * For make bench; not installed. Processor time, not wall time, so that a
 * busy machine changes the figures less.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "native.h"
#include "store.h"

enum { PARSE, CHECK, CANON, PUT, COMMIT, N_STAGES };

static const char *const stage_name[N_STAGES] = {
	"parse (jansson)", "check into the model", "canonical document",
	"store: puts", "store: commit",
};

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void ignore(void *ctx, const char *path, const char *msg)
{
	(void)ctx;
	(void)path;
	(void)msg;
}

/* One line through every stage, each timed into spent[]. False when the
 * line is no valid incident or the store refused it. */
static int one_line(bd_store *st, const char *line, size_t len, double spent[])
{
	double t0 = cpu_now();
	json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL);
	double t1 = cpu_now();
	bd_incident inc;
	int bad = !obj || bd_incident_from_json(obj, "$", &inc, ignore, NULL) != 0;
	double t2 = cpu_now();
	json_decref(obj);
	if (bad)
		return 0;
	json_t *j = bd_incident_to_json(&inc);
	char *doc = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	double t3 = cpu_now();
	bd_error err = { 0 };
	int ok = doc && bd_store_put_doc(st, &inc, doc, NULL, NULL, &err) == BD_OK;
	double t4 = cpu_now();
	if (!ok)
		fprintf(stderr, "stages: %s\n", bd_error_text(&err));
	bd_error_clear(&err);
	free(doc);
	bd_incident_free(&inc);
	spent[PARSE] += t1 - t0;
	spent[CHECK] += t2 - t1;
	spent[CANON] += t3 - t2;
	spent[PUT] += t4 - t3;
	return ok;
}

/* One pass over the file into a new store: the time of each stage in
 * spent[]; the incidents read, or -1. */
static long one_pass(FILE *f, const char *path, long max, double spent[])
{
	bd_store *st = NULL;
	bd_error err = { 0 };
	char wal[4096];
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(path);
	unlink(wal);
	rewind(f);
	if (bd_store_open(path, BD_STORE_CREATE, &st, &err) != BD_OK ||
	    bd_store_begin(st, &err) != BD_OK || bd_store_bulk(st, max, &err) != BD_OK) {
		fprintf(stderr, "stages: %s\n", bd_error_text(&err));
		bd_store_close(st);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long count = 0;
	while (count < max && (n = getline(&line, &cap, f)) > 0)
		count += one_line(st, line, (size_t)n, spent);
	free(line);
	double t = cpu_now();
	int ok = bd_store_commit(st, &err) == BD_OK;
	spent[COMMIT] = cpu_now() - t;
	if (!ok)
		fprintf(stderr, "stages: %s\n", bd_error_text(&err));
	bd_store_close(st);
	return ok ? count : -1;
}

static void print_figure(const char *name, double value, const char *unit)
{
	printf("%-34s %14.1f %-10s %s\n", name, value, unit, "-");
}

/* The least of three passes for each stage: the processors of a shared
 * machine differ (one ran the same work 60% slower than the other), and
 * the scheduler keeps a pass on one or the other. */
int main(int argc, char **argv)
{
	enum { PASSES = 3 };
	if (argc < 3) {
		fprintf(stderr, "usage: stages FILE.jsonl STORE [MAX_LINES]\n");
		return 2;
	}
	long max = argc > 3 ? atol(argv[3]) : 10000;
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	double best[N_STAGES];
	long count = 0;
	for (int pass = 0; pass < PASSES; pass++) {
		double spent[N_STAGES] = { 0 };
		if ((count = one_pass(f, argv[2], max, spent)) <= 0) {
			fclose(f);
			if (count == 0)
				fprintf(stderr, "stages: no incident read\n");
			return 1;
		}
		for (int i = 0; i < N_STAGES; i++)
			best[i] = pass == 0 || spent[i] < best[i] ? spent[i] : best[i];
	}
	fclose(f);
	double sum = 0;
	for (int i = 0; i < N_STAGES; i++) {
		print_figure(stage_name[i], best[i] / (double)count * 1e6, "us/incid");
		sum += best[i];
	}
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	print_figure("all stages", sum / (double)count * 1e6, "us/incid");
	printf("%-34s %14.0f %-10s %s\n", "ceiling on this machine",
	       (double)(cpus < 1 ? 1 : cpus) * (double)count / sum, "incid/s", "-");
	return 0;
}
