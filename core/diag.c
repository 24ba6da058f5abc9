#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

void bd_diags_add(bd_diags *d, const char *file, int line, int col,
		  const char *path, const char *fmt, ...)
{
	size_t limit = d->limit ? d->limit : 1000;
	if (d->full || d->n >= limit) {
		d->dropped++;
		return;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		bd_diag *v = realloc(d->v, cap * sizeof *v);
		if (!v) {
			d->dropped++;
			return;
		}
		d->v = v;
		d->cap = cap;
	}
	bd_diag *g = &d->v[d->n++];
	g->file = file ? strdup(file) : NULL;
	g->line = line;
	g->col = col;
	g->path = path ? strdup(path) : NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&g->msg, fmt, ap) < 0)
		g->msg = NULL;
	va_end(ap);
}

void bd_diags_move(bd_diags *dst, bd_diags *src)
{
	for (size_t i = 0; i < src->n; i++) {
		bd_diag *g = &src->v[i];
		bd_diags_add(dst, g->file, g->line, g->col, g->path, "%s", g->msg ? g->msg : "");
	}
	dst->dropped += src->dropped;
	bd_diags_free(src);
}

/* Sanitised (text.h): file names, JSON paths (keys) and messages (ids,
 * jansson's "near '...'") quote the input. */
static void put_clean(FILE *out, const char *s, const char *after)
{
	char *clean = bd_text_sanitize(s, 0);
	fprintf(out, "%s%s", clean ? clean : "", after);
	free(clean);
}

void bd_diags_print(const bd_diags *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const bd_diag *g = &d->v[i];
		if (g->file)
			put_clean(out, g->file, ":");
		if (g->line)
			fprintf(out, "%d:%d:", g->line, g->col);
		if (g->file || g->line)
			fputc(' ', out);
		if (g->path)
			put_clean(out, g->path, ": ");
		put_clean(out, g->msg ? g->msg : "(no message)", "\n");
	}
	if (d->dropped)
		fprintf(out, "... and %zu more problems\n", d->dropped);
}

void bd_diags_free(bd_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].path);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}
