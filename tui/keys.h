/*
 * keys — the one key table. Views act on actions, not on keys, and the help
 * screen is generated from this table, so what help says is what the keys do.
 */
#ifndef BD_KEYS_H
#define BD_KEYS_H

enum action {
	ACT_NONE, ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_ENTER, ACT_BACK, ACT_NEXT_PANE, ACT_PREV_PANE, ACT_MARK, ACT_UNMARK_ALL, ACT_COMPARE,
	ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV, ACT_FILTER, ACT_SORT, ACT_SORT_REVERSE,
	ACT_DIFFS, ACT_ADD, ACT_EDIT, ACT_LINK, ACT_EXPORT, ACT_PRESENT, ACT_PREV, ACT_OVERVIEW, ACT_MATRIX, ACT_TIMELINE,
	ACT_BREAKDOWN, ACT_TRENDS, ACT_ZOOM_IN, ACT_ZOOM_OUT,
	ACT_NEXT_INCIDENT, ACT_PREV_INCIDENT, ACT_HELP, ACT_REDRAW, ACT_QUIT, ACT_COUNT
};

typedef struct keybinding {
	int key;                /* curses key code or character */
	int action;
	const char *keyname;    /* as shown in help; NULL: an alias not listed */
	const char *help;
} keybinding;

extern const keybinding keymap[];
extern const int keymap_len;

/* The action bound to a key, or ACT_NONE. */
int key_action(int key);

#endif
