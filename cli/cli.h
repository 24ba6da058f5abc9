/*
 * cli — the command-line face: one function per subcommand, each returning
 * the exit status (0 success, 1 bad data or not found, 2 bad usage).
 */
#ifndef BD_CLI_H
#define BD_CLI_H

#include <stdbool.h>

#include "options.h"


int cli_list(const bd_options *o, int argc, char **argv);
int cli_show(const bd_options *o, int argc, char **argv);
/* list --duplicates (cmd_dupes.c); format is table, tsv or json. */
int cli_list_duplicates(const bd_options *o, const char *format);
int cli_compare(const bd_options *o, int argc, char **argv);
int cli_import(const bd_options *o, int argc, char **argv);
int cli_export(const bd_options *o, int argc, char **argv);
int cli_validate(const bd_options *o, int argc, char **argv);
int cli_report(const bd_options *o, int argc, char **argv);
/* The editing session of new (id NULL) and edit ID, for the dashboard's a
 * and E too: returns the exit status the command would have, and the id
 * stored in *saved (caller frees; NULL when nothing was), if saved. */
int cli_edit_run(const bd_options *o, const char *id, char **saved);
int cli_new(const bd_options *o, int argc, char **argv);       /* cmd_edit.c */
int cli_edit(const bd_options *o, int argc, char **argv);
int cli_link(const bd_options *o, int argc, char **argv);       /* cmd_link.c */

/* cmd_config.c: reads the config file into o's defaults, before the
 * options override them. Returns the number of bad lines, kept for
 * cli_config_report, which prints them and returns the exit status 2. */
int cli_config_load(bd_options *o);
int cli_config_report(void);

/* Opens the dataset the options name, printing any problem. Returns 0 or
 * the exit status to end with. */
struct bd_dataset;
int cli_open(const bd_options *o, struct bd_dataset *ds, bool write);

/* A command's options: --name VALUE (value) or --name (flag). */
typedef struct opt_spec {
	const char *name;
	const char **value;     /* NULL: a flag */
	bool *flag;
} opt_spec;
/* Parses options, and the other arguments into *args (caller frees the
 * array; its strings are argv's); 0, an exit status, or -1 after --help. */
int cli_parse_args(int argc, char **argv, const opt_spec *spec, const char *usage,
		   char ***args, int *nargs);
/* Parses options only; 0, an exit status, or -1 after --help. */
int cli_parse_opts_only(int argc, char **argv, const opt_spec *spec, const char *usage);
int cli_bad_format(const char *cmd, const char *fmt, const char *allowed);
/* The query the options describe and the store to run it on; on failure
 * neither is left open. */
struct bd_query;
struct bd_filter;
int cli_open_query(const bd_options *o, struct bd_dataset *ds, struct bd_query *q,
		   struct bd_filter **f, const char *filter, const char *sort, bool desc);
int cli_stats(const bd_options *o, int argc, char **argv);     /* cmd_stats.c */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
