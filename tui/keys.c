#include "keys.h"

#include <curses.h>

#define CTRL(c) ((c) & 0x1f)

const keybinding keymap[] = {
	{ KEY_UP, ACT_UP, "Up k", "move up" },
	{ 'k', ACT_UP, NULL, NULL },
	{ KEY_DOWN, ACT_DOWN, "Down j", "move down" },
	{ 'j', ACT_DOWN, NULL, NULL },
	{ KEY_LEFT, ACT_LEFT, "Left h", "scroll left / previous column" },
	{ 'h', ACT_LEFT, NULL, NULL },
	{ KEY_RIGHT, ACT_RIGHT, "Right l", "scroll right / next column" },
	{ 'l', ACT_RIGHT, NULL, NULL },
	{ KEY_PPAGE, ACT_PGUP, "PgUp b", "page up" },
	{ 'b', ACT_PGUP, NULL, NULL },
	{ KEY_NPAGE, ACT_PGDN, "PgDn Space", "page down (Space marks in lists)" },
	{ KEY_HOME, ACT_HOME, "g Home", "go to the first row" },
	{ 'g', ACT_HOME, NULL, NULL },
	{ KEY_END, ACT_END, "G End", "go to the last row" },
	{ 'G', ACT_END, NULL, NULL },
	{ '\r', ACT_ENTER, "Enter", "open the drill-down of the selected incident" },
	{ '\n', ACT_ENTER, NULL, NULL },
	{ KEY_ENTER, ACT_ENTER, NULL, NULL },
	{ 27, ACT_BACK, "Esc", "go back to where you were" },
	{ KEY_BACKSPACE, ACT_PREV, "Backspace", "previous incident (presentation); back elsewhere" },
	{ 127, ACT_PREV, NULL, NULL },
	{ 8, ACT_PREV, NULL, NULL },
	{ '\t', ACT_NEXT_PANE, "Tab", "next pane" },
	{ KEY_BTAB, ACT_PREV_PANE, "Shift-Tab", "previous pane" },
	{ ' ', ACT_MARK, "Space", "mark or unmark the incident (up to 4) for compare" },
	{ 'u', ACT_UNMARK_ALL, "u", "clear all marks" },
	{ 'c', ACT_COMPARE, "c", "compare the marked incidents side by side" },
	{ 'd', ACT_DIFFS, "d", "compare: show only the rows that differ, or all" },
	{ 'a', ACT_ADD, "a", "add an incident in $VISUAL or $EDITOR" },
	{ 'E', ACT_EDIT, "E", "edit the selected incident in $VISUAL or $EDITOR" },
	{ 'L', ACT_LINK, "L", "link the two marked incidents: the same breach (the second is the primary), distinct, or none" },
	{ 'e', ACT_EXPORT, "e", "export the marked incidents, or the view as filtered and sorted (.md .csv .json)" },
	{ 'p', ACT_PRESENT, "p", "present the marked (or shown) incidents one per screen; Space steps" },
	{ '/', ACT_SEARCH, "/", "search titles, summaries and names; in a drill-down, its text" },
	{ 'n', ACT_SEARCH_NEXT, "n", "next match" },
	{ 'N', ACT_SEARCH_PREV, "N", "previous match" },
	{ 'f', ACT_FILTER, "f", "filter (e.g. force:psni field:photo ico:yes affected>1000)" },
	{ 's', ACT_SORT, "s", "sort by the next column" },
	{ 'S', ACT_SORT_REVERSE, "S", "reverse the sort" },
	{ '1', ACT_OVERVIEW, "1", "overview: one row per incident" },
	{ '2', ACT_MATRIX, "2", "exposure matrix: incidents against field types" },
	{ '3', ACT_TIMELINE, "3", "timeline with threat-level bands" },
	{ '4', ACT_BREAKDOWN, "4", "breakdown: incidents, fines and people by force, year, kind, ... (Tab: by what; Enter: those incidents)" },
	{ '5', ACT_TRENDS, "5", "trends: incidents and ICO fines per year, under the threat levels" },
	{ 'J', ACT_NEXT_INCIDENT, "J", "drill-down: the next incident of the list" },
	{ 'K', ACT_PREV_INCIDENT, "K", "drill-down: the previous incident of the list" },
	{ '+', ACT_ZOOM_IN, "+", "timeline: zoom in (around the selected incident)" },
	{ '=', ACT_ZOOM_IN, NULL, NULL },
	{ '-', ACT_ZOOM_OUT, "-", "timeline: zoom out" },
	{ '?', ACT_HELP, "?", "this help" },
	{ KEY_F(1), ACT_HELP, NULL, NULL },
	{ CTRL('L'), ACT_REDRAW, "Ctrl-L", "redraw the screen" },
	{ 'q', ACT_QUIT, "q", "quit (from the overview); back (elsewhere)" },
};

const int keymap_len = (int)(sizeof keymap / sizeof keymap[0]);

int key_action(int key)
{
	for (int i = 0; i < keymap_len; i++)
		if (keymap[i].key == key)
			return keymap[i].action;
	return ACT_NONE;
}
