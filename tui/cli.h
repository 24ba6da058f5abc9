/*
 * cli — the command-line face: one function per subcommand, each returning
 * the exit status (0 success, 1 bad data or not found, 2 bad usage).
 */
#ifndef BD_CLI_H
#define BD_CLI_H

#include <stdbool.h>

typedef struct bd_options {
	const char *db;         /* --db, or NULL */
	bool no_color, ascii, mouse, present;
	bool utf8;              /* the locale is UTF-8 */
} bd_options;

int cli_list(const bd_options *o, int argc, char **argv);
int cli_show(const bd_options *o, int argc, char **argv);
int cli_compare(const bd_options *o, int argc, char **argv);
int cli_import(const bd_options *o, int argc, char **argv);
int cli_export(const bd_options *o, int argc, char **argv);
int cli_validate(const bd_options *o, int argc, char **argv);
int cli_report(const bd_options *o, int argc, char **argv);

/* Opens the dataset the options name, printing any problem. Returns 0 or
 * the exit status to end with. */
struct bd_dataset;
int cli_open(const bd_options *o, struct bd_dataset *ds, bool write);
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
