/*
 * doc — a scrollable document of styled lines, for the drill-down panes and
 * help. Text is wrapped to a width when added; a change of width means
 * building the document again.
 */
#ifndef BD_DOC_H
#define BD_DOC_H

#include "term.h"

typedef struct seg {
	char *text;
	int role;
	int x;                  /* column within the line */
} seg;

typedef struct dline {
	seg *segs;
	int n;
	int width;              /* columns used so far */
} dline;

typedef struct doc {
	dline *lines;
	int n;
	int cur;                /* the line being written */
	int width;
} doc;

void doc_init(doc *d, int width);
void doc_free(doc *d);
/* Appends text to the current line, in a role (no wrapping). */
void doc_add(doc *d, int role, const char *text);
/* Moves the current line's write position to column x. */
void doc_tab(doc *d, int x);
/* Continues writing at line `line` (created if needed), e.g. to fill
 * columns side by side. */
void doc_goto(doc *d, int line);
/* Ends the current line. */
void doc_nl(doc *d);
/* Adds text word-wrapped: it starts at the current position, and wrapped
 * lines are indented by `indent`. Ends the line. */
void doc_wrap(doc *d, int role, int indent, const char *text);
/* Draws lines [scroll, scroll + height) at screen row y. */
void doc_draw(const doc *d, WINDOW *w, int y, int x, int height, int scroll);

#endif
