/*
 * options — what the command line and the config file ask of a session:
 * shared by the commands (cli/) and the dashboard (tui/).
 */
#ifndef BD_OPTIONS_H
#define BD_OPTIONS_H

#include <stdbool.h>

typedef struct bd_options {
	const char *db;         /* --db, or NULL */
	bool no_color, ascii, mouse, present;
	bool utf8;              /* the locale is UTF-8 */
	/* From the config file (core/config.h); options override it. */
	int theme;              /* enum bd_theme */
	int sort;               /* enum bd_sort; -1: each command's own default */
	bool desc;              /* with sort: descending */
	const char *filter;     /* the dashboard's starting filter; NULL: none */
	const char *columns;    /* overview columns, "date,force,..."; NULL: all */
} bd_options;

#endif
