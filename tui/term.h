/*
 * term — the terminal: set-up with fallbacks, colours and their monochrome
 * equivalents, glyphs (UTF-8 or ASCII), and the one routine that puts text
 * from data on the screen (sanitised, measured, cut to fit).
 */
#ifndef BD_TERM_H
#define BD_TERM_H

#include <curses.h>
#include <stdbool.h>

/* Display roles; each maps to a colour pair plus attributes that carry the
 * same meaning without colour. */
enum role {
	R_NORMAL, R_HEADER, R_STATUS, R_TITLE, R_COLHEAD, R_SELECTED, R_MARKED,
	R_EXPOSED, R_SAFE, R_UNKNOWN, R_DIFF, R_DIM, R_ERROR, R_BAR,
	R_LEVEL_LOW, R_LEVEL_MODERATE, R_LEVEL_SUBSTANTIAL, R_LEVEL_SEVERE, R_LEVEL_CRITICAL,
	R_TAB, R_TAB_ACTIVE, R_KEY,
	R_ROW,                  /* plain text of a list row, in a pair of its own */
	R_COUNT
};

typedef struct glyphs {
	const char *exposed, *safe, *unknown;   /* field states */
	const char *reported;                   /* exposed, by hedged reports only */
	const char *lost;                       /* lost, deleted or destroyed */
	const char *cell_unknown;               /* in a list row's field cell: one
						 * byte, as that cell is repainted
						 * on every cursor move */
	const char *cell_lost;                  /* the same, for a lost field */
	const char *mark, *sort_asc, *sort_desc, *diff, *ellipsis, *event, *referral;
	const char *bar[9];                     /* 0..8 eighths of a cell */
	const char *band;                       /* threat band fill */
} glyphs;

typedef struct term {
	bool color, ascii;
	const char *term_name;          /* the TERM actually used */
	SCREEN *screen;
	const glyphs *g;
} term;

/* Starts curses. Falls back through xterm-256color, xterm, vt100 when TERM
 * is unknown or missing. Returns false (with a message on stderr) only when
 * no terminal works at all. */
bool term_start(term *t, bool no_color, bool ascii, bool mouse);
void term_stop(term *t);
/* Attributes of a role (colour when available, else an attribute that
 * carries the meaning). */
attr_t term_attr(int role);
/* term_attr for the cells of a list row: colour without bold or dim. */
attr_t term_cell(int role);
/* Threat level → role. */
int term_level_role(int level);

/* Draws sanitised text at (y, x), at most `cols` columns, padding with
 * spaces to `cols` when pad is set. Returns the columns used. */
int term_text(WINDOW *w, int y, int x, const char *s, int cols, int role, bool pad);
/* As term_text, but with attributes given directly. */
int term_text_attr(WINDOW *w, int y, int x, const char *s, int cols, attr_t a, bool pad);
/* Fills cols cells with spaces in a role. */
void term_fill(WINDOW *w, int y, int x, int cols, int role);
/* The global terminal state, set by term_start. */
extern term *the_term;
/* The colour theme term_start uses (enum bd_theme in config.h): default,
 * colorblind (blue and orange for safe and exposed, never red against
 * green) or mono (no colour, as --no-color). Set before term_start. */
extern int term_theme;

#endif
