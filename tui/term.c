#include "term.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "config.h"
#include "text.h"
#include "vocab.h"

term *the_term;
int term_theme;

static const glyphs utf8_glyphs = {
	.exposed = "●", .safe = "○", .unknown = "·", .cell_unknown = ".",
	.reported = "◐", .lost = "×", .cell_lost = "x",
	.mark = "▶", .sort_asc = "▲", .sort_desc = "▼", .diff = "≠", .ellipsis = "…",
	.event = "◆", .referral = "▪",
	.bar = { " ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█" },
	.band = " ",
};

static const glyphs ascii_glyphs = {
	.exposed = "X", .safe = "o", .unknown = ".", .cell_unknown = ".",
	.reported = "r", .lost = "-", .cell_lost = "x",
	.mark = ">", .sort_asc = "^", .sort_desc = "v", .diff = "*", .ellipsis = "|",
	.event = "@", .referral = "+",
	.bar = { " ", " ", " ", "-", "-", "-", "=", "=", "#" },
	.band = " ",
};

/* Colour pairs per role, and the attribute that says the same thing on a
 * monochrome terminal (meaning is never carried by colour alone). */
static const struct {
	short fg, bg;
	attr_t mono;
	attr_t extra;           /* always added */
} role_style[R_COUNT] = {
	[R_NORMAL]            = { -1, -1, A_NORMAL, 0 },
	[R_HEADER]            = { COLOR_WHITE, COLOR_BLUE, A_REVERSE, A_BOLD },
	[R_STATUS]            = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, 0 },
	[R_TITLE]             = { -1, -1, A_BOLD, A_BOLD },
	[R_COLHEAD]           = { COLOR_BLACK, COLOR_GREEN, A_UNDERLINE, A_BOLD },
	[R_SELECTED]          = { COLOR_BLACK, COLOR_YELLOW, A_REVERSE, 0 },
	[R_MARKED]            = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
	[R_EXPOSED]           = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[R_SAFE]              = { COLOR_GREEN, -1, A_NORMAL, 0 },
	[R_UNKNOWN]           = { -1, -1, A_DIM, A_DIM },
	[R_DIFF]              = { COLOR_YELLOW, -1, A_BOLD | A_UNDERLINE, A_BOLD },
	[R_DIM]               = { -1, -1, A_DIM, A_DIM },
	[R_ERROR]             = { COLOR_WHITE, COLOR_RED, A_REVERSE | A_BOLD, A_BOLD },
	[R_BAR]               = { COLOR_CYAN, -1, A_NORMAL, 0 },
	[R_LEVEL_LOW]         = { COLOR_GREEN, -1, A_NORMAL, 0 },
	[R_LEVEL_MODERATE]    = { COLOR_CYAN, -1, A_NORMAL, 0 },
	[R_LEVEL_SUBSTANTIAL] = { COLOR_YELLOW, -1, A_NORMAL, 0 },
	[R_LEVEL_SEVERE]      = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[R_LEVEL_CRITICAL]    = { COLOR_WHITE, COLOR_RED, A_REVERSE | A_BOLD, A_BOLD },
	[R_TAB]               = { -1, -1, A_NORMAL, 0 },
	[R_TAB_ACTIVE]        = { COLOR_BLACK, COLOR_CYAN, A_REVERSE, A_BOLD },
	[R_KEY]               = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	/* Default colours, but not pair 0: from a coloured cell back to
	 * plain text is then a change of colour (5 bytes) instead of a reset
	 * of every attribute and a colour change (11). */
	[R_ROW]               = { -1, -1, A_NORMAL, 0 },
};

attr_t term_attr(int role)
{
	if (role < 0 || role >= R_COUNT)
		return A_NORMAL;
	if (!the_term || !the_term->color)
		return role_style[role].mono;
	return COLOR_PAIR(role) | role_style[role].extra;
}

/* The cells of a list row: with colours, the colour alone, without the
 * bold or dim the role adds elsewhere, so that a cursor move repaints a
 * row with a few 5-byte colour changes rather than an attribute reset
 * (11 bytes and more) per cell. */
attr_t term_cell(int role)
{
	if (!the_term || !the_term->color)
		return term_attr(role);
	return term_attr(role) & ~(attr_t)(A_BOLD | A_DIM);
}

int term_level_role(int level)
{
	static const int roles[] = { R_LEVEL_LOW, R_LEVEL_MODERATE, R_LEVEL_SUBSTANTIAL,
				     R_LEVEL_SEVERE, R_LEVEL_CRITICAL };
	return level >= 0 && level <= BD_LEVEL_CRITICAL ? roles[level] : R_DIM;
}

/* The colour-blind-safe palette: what reads as red against green (exposed
 * and safe, severe and low) becomes orange against blue. Orange is colour
 * 208 where there are 256 colours, else yellow. */
static void colorblind_pairs(void)
{
	short orange = COLORS >= 256 ? 208 : COLOR_YELLOW;
	init_pair(R_EXPOSED, orange, -1);
	init_pair(R_SAFE, COLOR_BLUE, -1);
	init_pair(R_LEVEL_LOW, COLOR_BLUE, -1);
	init_pair(R_LEVEL_SEVERE, orange, -1);
	init_pair(R_LEVEL_CRITICAL, COLOR_WHITE, COLOR_MAGENTA);
	init_pair(R_ERROR, COLOR_WHITE, COLOR_MAGENTA);
	init_pair(R_COLHEAD, COLOR_BLACK, COLOR_CYAN);
}

static void init_colors(term *t, bool no_color)
{
	t->color = !no_color && term_theme != BD_THEME_MONO && has_colors();
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	for (int r = 1; r < R_COUNT; r++)
		init_pair((short)r, role_style[r].fg, role_style[r].bg);
	if (term_theme == BD_THEME_COLORBLIND)
		colorblind_pairs();
}

/* newterm rather than initscr, so an unknown TERM falls back instead of
 * ending the program. */
static SCREEN *open_screen(term *t)
{
	static const char *const fallbacks[] = { "xterm-256color", "xterm", "vt100", "dumb" };
	const char *env = getenv("TERM");
	SCREEN *s = NULL;
	if (env && *env && (s = newterm(env, stdout, stdin))) {
		t->term_name = env;
		return s;
	}
	for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++)
		if ((s = newterm(fallbacks[i], stdout, stdin))) {
			t->term_name = fallbacks[i];
			setenv("TERM", fallbacks[i], 1);
			return s;
		}
	return NULL;
}

bool term_start(term *t, bool no_color, bool ascii, bool mouse)
{
	memset(t, 0, sizeof *t);
	the_term = t;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("breachdash: the dashboard needs a terminal; for pipes use 'breachdash list'\n", stderr);
		return false;
	}
	set_escdelay(25);
	t->screen = open_screen(t);
	if (!t->screen) {
		fputs("breachdash: no usable terminal description (TERM)\n", stderr);
		return false;
	}
	t->ascii = ascii;
	t->g = ascii ? &ascii_glyphs : &utf8_glyphs;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	init_colors(t, no_color);
	if (mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	curs_set(1);
	return true;
}

void term_stop(term *t)
{
	if (!t->screen)
		return;
	endwin();
	delscreen(t->screen);
	t->screen = NULL;
}

int term_text_attr(WINDOW *w, int y, int x, const char *s, int cols, attr_t a, bool pad)
{
	if (cols <= 0)
		return 0;
	char *clean = bd_text_sanitize(s ? s : "", the_term && the_term->ascii ? BD_TEXT_ASCII : 0);
	int used = 0;
	if (clean) {
		int width = bd_text_width(clean);
		size_t n;
		bool cut = width > cols;
		n = bd_text_fit(clean, cut ? cols - 1 : cols, &used);
		clean[n] = '\0';
		size_t wlen = strlen(clean) + 1;
		wchar_t *wide = malloc(wlen * sizeof *wide);
		if (wide && mbstowcs(wide, clean, wlen) != (size_t)-1) {
			wattr_set(w, a, PAIR_NUMBER(a), NULL);
			mvwaddwstr(w, y, x, wide);
			if (cut) {
				waddstr(w, the_term->g->ellipsis);
				used++;
			}
		}
		free(wide);
		free(clean);
	}
	wattr_set(w, a, PAIR_NUMBER(a), NULL);
	for (; pad && used < cols; used++)
		mvwaddch(w, y, x + used, ' ');
	wattr_set(w, A_NORMAL, 0, NULL);
	return used;
}

int term_text(WINDOW *w, int y, int x, const char *s, int cols, int role, bool pad)
{
	return term_text_attr(w, y, x, s, cols, term_attr(role), pad);
}

void term_fill(WINDOW *w, int y, int x, int cols, int role)
{
	term_text(w, y, x, "", cols, role, true);
}
