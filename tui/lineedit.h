/*
 * lineedit — the text of a prompt being edited, with its cursor, and the
 * history of what was entered at a prompt. No curses here: the prompt
 * (ui.c) maps keys to these edits and draws the result.
 *
 * Written by hand because readline would take over the terminal that
 * curses owns; the edits are the Emacs keys a shell user expects.
 */
#ifndef BD_LINEEDIT_H
#define BD_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

typedef struct lineedit {
	wchar_t *buf;           /* always terminated */
	size_t len, cap;
	size_t cur;             /* the cursor, 0..len */
} lineedit;

bool le_init(lineedit *le, const char *text);
void le_free(lineedit *le);
void le_set(lineedit *le, const char *text);    /* cursor at the end */
bool le_insert(lineedit *le, wchar_t c);
void le_backspace(lineedit *le);                /* the character before */
void le_delete(lineedit *le);                   /* the character under */
void le_move(lineedit *le, long delta);
void le_home(lineedit *le);
void le_end(lineedit *le);
void le_word_left(lineedit *le);
void le_word_right(lineedit *le);
void le_kill_word(lineedit *le);                /* Ctrl-W: the word before */
void le_kill_start(lineedit *le);               /* Ctrl-U: all before */
void le_kill_end(lineedit *le);                 /* Ctrl-K: all after */
/* The text as a multibyte string; caller frees. NULL if out of memory. */
char *le_text(const lineedit *le);

enum { HISTORY_MAX = 100 };

typedef struct history {
	char *v[HISTORY_MAX];   /* oldest first */
	int n;
	int pos;                /* while browsing: the entry shown; n: the draft */
	char *draft;            /* what was typed before browsing */
} history;

/* Adds an entry (not empty, not the same as the newest); the oldest goes
 * when full. */
void history_add(history *h, const char *text);
/* Up (dir < 0) and Down (dir > 0) from the line as it is: the text to
 * show, or NULL to leave the line alone. */
const char *history_step(history *h, int dir, const char *current);
void history_reset(history *h);
void history_free(history *h);

#endif
