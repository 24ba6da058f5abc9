/*
 * config — the user's settings file,
 * ${XDG_CONFIG_HOME:-~/.config}/breachdash/config:
 *
 *   # comments start with #
 *   sort    = affected desc
 *   filter  = nation:"northern ireland"
 *   columns = date, force, affected, bar, fields, threat, title
 *   theme   = colorblind
 *   mouse   = yes
 *   ascii   = no
 *   db      = ~/breaches.db
 *
 * One `key = value` a line; a # at the start of a line or after a blank
 * (outside double quotes) starts a comment, and blank lines are ignored. Every bad line is reported with its line
 * number, so a person fixes the file in one pass. Options on the command
 * line override the file.
 */
#ifndef BD_CONFIG_H
#define BD_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "error.h"

enum bd_theme { BD_THEME_DEFAULT, BD_THEME_COLORBLIND, BD_THEME_MONO };
extern const char *const bd_theme_names[];     /* NULL-terminated */

/* The overview's columns by name, in the order they are drawn;
 * NULL-terminated. Keep in step with col_names in tui/columns.c. */
extern const char *const bd_column_names[];
#define BD_COLUMN_COUNT 11

typedef struct bd_config {
	int sort;               /* enum bd_sort; -1: not set */
	bool desc;              /* with sort: descending */
	char *filter;           /* NULL: not set; "" means no filter */
	char *columns;          /* the columns as written, normalised ("date,force,..."); NULL: all */
	unsigned column_mask;   /* bit i: bd_column_names[i] is shown; 0: not set */
	int theme;              /* enum bd_theme; -1: not set */
	int mouse, ascii;       /* 1 yes, 0 no, -1 not set */
	char *db;               /* NULL: not set; a leading ~/ is expanded */
} bd_config;

/* Empty: nothing set. */
void bd_config_init(bd_config *c);
void bd_config_free(bd_config *c);
/* ${XDG_CONFIG_HOME:-$HOME/.config}/breachdash/config; caller frees; NULL
 * when there is neither. */
char *bd_config_path(void);
/* Parses text; every bad line goes to diags as file:line (col 0). Returns
 * the number of problems. Settings from good lines are kept either way. */
int bd_config_parse(const char *file, const char *text, bd_config *c, bd_diags *diags);
/* Reads and parses the file at path. A missing file is no problem: nothing
 * is set. Returns the number of problems (an unreadable file is one). */
int bd_config_load(const char *path, bd_config *c, bd_diags *diags);
/* Prints diags as `file:line: message`, one a line. */
void bd_config_print(const bd_diags *diags, FILE *out);

#endif
