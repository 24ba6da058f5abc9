#include "progress.h"

#include <stdio.h>
#include <unistd.h>

#define INTERVAL_MS 100

void import_progress_init(import_progress *p)
{
	p->tty = isatty(STDERR_FILENO);
	p->shown = 0;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
}

static long ms_since(const struct timespec *t, const struct timespec *now)
{
	return (now->tv_sec - t->tv_sec) * 1000 + (now->tv_nsec - t->tv_nsec) / 1000000;
}

static void erase(import_progress *p)
{
	if (p->shown)
		fprintf(stderr, "\r%*s\r", p->shown, "");
	p->shown = 0;
}

/* The first line waits one interval too, so a quick import shows none. */
void import_progress_step(void *ctx, long done, long total)
{
	import_progress *p = ctx;
	if (!p->tty)
		return;
	if (done >= total) {
		erase(p);
		return;
	}
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (ms_since(&p->last, &now) < INTERVAL_MS)
		return;
	p->last = now;
	int n = fprintf(stderr, "\r importing %ld/%ld files", done, total);
	p->shown = n > 1 ? n - 1 : 0;
	fflush(stderr);
}

void import_progress_report(void *ctx, const bd_diags *problems)
{
	import_progress *p = ctx;
	erase(p);
	bd_diags_print(problems, stderr);
}
