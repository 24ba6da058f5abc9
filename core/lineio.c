#include "lineio.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 65536

void bd_lines_init(bd_lines *r, FILE *f, size_t max)
{
	memset(r, 0, sizeof *r);
	r->f = f;
	r->max = max;
}

/* Room for `need` bytes and a NUL; never more than max + 1. */
static bool room(bd_lines *r, size_t need)
{
	if (need + 1 <= r->cap)
		return true;
	size_t cap = r->cap ? r->cap : 256;
	while (cap < need + 1)
		cap *= 2;
	if (cap > r->max + 1)
		cap = r->max + 1;
	char *grown = realloc(r->buf, cap);
	if (!grown)
		return false;
	r->buf = grown;
	r->cap = cap;
	return true;
}

char *bd_lines_next(bd_lines *r, size_t *len)
{
	if (!r->chunk && !(r->chunk = malloc(CHUNK)))
		return NULL;
	size_t total = 0, kept = 0;
	bool any = false;
	for (;;) {
		if (r->pos == r->end) {
			r->pos = 0;
			r->end = fread(r->chunk, 1, CHUNK, r->f);
			if (r->end == 0)
				break;
		}
		any = true;
		const char *start = r->chunk + r->pos;
		size_t avail = r->end - r->pos;
		const char *nl = memchr(start, '\n', avail);
		size_t take = nl ? (size_t)(nl - start) + 1 : avail;
		if (kept < r->max) {
			size_t k = take < r->max - kept ? take : r->max - kept;
			if (!room(r, kept + k))
				return NULL;
			memcpy(r->buf + kept, start, k);
			kept += k;
		}
		total += take;
		r->pos += take;
		if (nl || (r->sniff && total > r->max))
			break;
	}
	if (!any || !room(r, kept))
		return NULL;
	r->buf[kept] = '\0';
	*len = total;
	return r->buf;
}

void bd_lines_free(bd_lines *r)
{
	free(r->buf);
	free(r->chunk);
	memset(r, 0, sizeof *r);
}
