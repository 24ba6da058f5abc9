#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

void doc_init(doc *d, int width)
{
	memset(d, 0, sizeof *d);
	d->cur = 0;
	d->width = width > 10 ? width : 10;
	d->lines = calloc(1, sizeof *d->lines);
	d->n = d->lines ? 1 : 0;
}

void doc_free(doc *d)
{
	for (int i = 0; i < d->n; i++) {
		for (int s = 0; s < d->lines[i].n; s++)
			free(d->lines[i].segs[s].text);
		free(d->lines[i].segs);
	}
	free(d->lines);
	memset(d, 0, sizeof *d);
}

static dline *cur(doc *d)
{
	return d->n ? &d->lines[d->cur] : NULL;
}

/* Stores text already sanitised for the terminal's mode. */
static void add_clean(doc *d, int role, char *clean)
{
	dline *l = cur(d);
	if (!l || !clean) {
		free(clean);
		return;
	}
	seg *segs = realloc(l->segs, (size_t)(l->n + 1) * sizeof *segs);
	if (!segs) {
		free(clean);
		return;
	}
	l->segs = segs;
	l->segs[l->n++] = (seg){ clean, role, l->width };
	l->width += bd_text_width(clean);
}

static unsigned flags(void)
{
	return the_term && the_term->ascii ? BD_TEXT_ASCII : 0;
}

void doc_add(doc *d, int role, const char *text)
{
	add_clean(d, role, bd_text_sanitize(text, flags()));
}

void doc_tab(doc *d, int x)
{
	dline *l = cur(d);
	if (l && l->width < x)
		l->width = x;
}

void doc_goto(doc *d, int line)
{
	while (d->n <= line) {
		dline *lines = realloc(d->lines, (size_t)(d->n + 1) * sizeof *lines);
		if (!lines)
			return;
		d->lines = lines;
		memset(&d->lines[d->n++], 0, sizeof *d->lines);
	}
	d->cur = line;
}

void doc_nl(doc *d)
{
	doc_goto(d, d->cur + 1);
}

void doc_wrap(doc *d, int role, int indent, const char *text)
{
	char *clean = bd_text_sanitize(text, flags() | BD_TEXT_NEWLINES);
	if (!clean)
		return;
	char *save = NULL;
	for (char *para = strtok_r(clean, "\n", &save); para; para = strtok_r(NULL, "\n", &save)) {
		const char *p = para;
		while (*p) {
			while (*p == ' ')
				p++;
			if (!*p)
				break;
			int avail = d->width - cur(d)->width;
			if (avail < 10)
				avail = 10;
			size_t n = bd_text_line(p, avail);
			add_clean(d, role, strndup(p, n));
			p += n;
			while (*p == ' ')
				p++;
			if (*p) {
				doc_nl(d);
				doc_tab(d, indent);
			}
		}
		doc_nl(d);
		doc_tab(d, indent);
	}
	/* leave the current line empty and unindented */
	cur(d)->width = 0;
	free(clean);
}

void doc_draw(const doc *d, WINDOW *w, int y, int x, int height, int scroll)
{
	for (int i = 0; i < height && scroll + i < d->n; i++) {
		const dline *l = &d->lines[scroll + i];
		for (int s = 0; s < l->n; s++) {
			int sx = x + l->segs[s].x;
			if (sx < COLS)
				term_text(w, y + i, sx, l->segs[s].text, COLS - sx, l->segs[s].role, false);
		}
	}
}
