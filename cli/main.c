/*
 * breachdash — a terminal dashboard of UK police data breaches.
 *
 * main parses the global options and hands over to a subcommand (cli/) or
 * to the dashboard (ui.c).
 */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "columns.h"
#include "config.h"
#include "data_info.h"
#include "output.h"
#include "term.h"
#include "ui.h"

static const char usage_text[] =
	"usage: breachdash [--db PATH] [--no-color] [--ascii] [--mouse] [COMMAND]\n"
	"\n"
	"With no command, open the dashboard.\n"
	"\n"
	"commands:\n"
	"  list     [--sort KEY] [--reverse] [--filter EXPR] [--format table|tsv|json]\n"
	"  show     ID [--format text|md|json]\n"
	"  compare  ID ID [ID ID] [--format text|md]\n"
	"  import   FILE|DIR ... [--format auto|native|veris] [--strict]\n"
	"  export   [--format json|csv|md] [--filter EXPR] [--sort KEY]\n"
	"  validate FILE ...\n"
	"  report   [--format md|txt] [--filter EXPR]\n"
	"  new      add an incident in $VISUAL or $EDITOR\n"
	"  edit     ID (edit an incident in $VISUAL or $EDITOR)\n"
	"  link     ID same|distinct|none OTHER (two records of one breach, or not)\n"

	"\n"
	"options:\n"
	"  --db PATH    the store (default $BREACHDASH_DB, else\n"
	"               ${XDG_DATA_HOME:-~/.local/share}/breachdash/incidents.db)\n"
	"  --no-color   no colour (also when NO_COLOR is set)\n"
	"  --ascii      draw with ASCII only (automatic when the locale is not UTF-8)\n"
	"  --mouse      let the mouse select rows (--no-mouse: not)\n"
	"  --theme NAME colours: default, colorblind (blue/orange) or mono\n"
	"  --present    open in presentation mode (one incident per screen)\n"
	"  --help       this summary\n"
	"  --version    the version, and the bundled data's as-of dates and origin\n"
	"               (built in, or the file found; see BREACHDASH_DATA)\n"
	"\n"
	"Run 'breachdash COMMAND --help' for a command's options.\n"
	"Settings: ${XDG_CONFIG_HOME:-~/.config}/breachdash/config (man breachdash).\n"
	"Exit status: 0 success, 1 bad data or not found, 2 bad usage.\n";


/* The version, and the data this binary would seed a new store with: how
 * recent it is and whether it is built in or read from a file. */
static int print_version(void)
{
	printf("breachdash %s\n", BD_VERSION);
	bd_diags diags = { 0 };
	bd_data_info info;
	int problems = bd_data_info_read(&info, &diags);
	char d[11] = "";
	bd_date_format(info.threats_as_of, d);
	if (!info.threats.label)
		printf("threat levels: none (no threat_levels.json in $BREACHDASH_DATA)\n");
	else
		printf("threat levels as of %s (the table's as_of date), %s%s\n", *d ? d : "unknown",
		       info.threats.path ? "read from " : "", info.threats.label);
	bd_date_format(info.newest_source, d);
	if (!info.incidents.label)
		printf("incidents: none (no incidents.json in $BREACHDASH_DATA)\n");
	else
		printf("%ld incidents as of %s (the newest date of their sources), %s%s\n",
		       info.n_incidents, *d ? d : "unknown",
		       info.incidents.path ? "read from " : "", info.incidents.label);
	bd_diags_print(&diags, stderr);
	bd_diags_free(&diags);
	bd_data_info_free(&info);
	return problems ? 1 : 0;
}

static const struct command {
	const char *name;
	int (*run)(const bd_options *, int, char **);
} commands[] = {
	{ "list", cli_list }, { "show", cli_show }, { "compare", cli_compare },
	{ "import", cli_import }, { "export", cli_export }, { "validate", cli_validate },
	{ "report", cli_report }, { "stats", cli_stats }, { "new", cli_new },
	{ "edit", cli_edit }, { "link", cli_link },
};

int main(int argc, char **argv)
{
	bd_options o = { 0 };
	setlocale(LC_ALL, "");
	const char *cs = nl_langinfo(CODESET);
	o.utf8 = cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
	o.no_color = getenv("NO_COLOR") && *getenv("NO_COLOR");
	int bad_config = cli_config_load(&o);
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--db") && i + 1 < argc)
			o.db = argv[++i];
		else if (!strncmp(a, "--db=", 5))
			o.db = a + 5;
		else if (!strcmp(a, "--no-color") || !strcmp(a, "--no-colour"))
			o.no_color = true;
		else if (!strcmp(a, "--ascii"))
			o.ascii = true;
		else if (!strcmp(a, "--mouse"))
			o.mouse = true;
		else if (!strcmp(a, "--no-mouse"))
			o.mouse = false;
		else if ((!strcmp(a, "--theme") && i + 1 < argc) || !strncmp(a, "--theme=", 8)) {
			const char *name = a[7] == '=' ? a + 8 : argv[++i];
			int t = 0;
			while (bd_theme_names[t] && strcmp(bd_theme_names[t], name))
				t++;
			if (!bd_theme_names[t]) {
				fprintf(stderr, "breachdash: unknown theme '%s' (use default, colorblind or mono)\n", name);
				return 2;
			}
			o.theme = t;
		}
		else if (!strcmp(a, "--present"))
			o.present = true;
		else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage_text, stdout);
			return 0;
		} else if (!strcmp(a, "--version")) {
			return print_version();
		} else {
			fprintf(stderr, "breachdash: unknown option '%s'\n%s", a, usage_text);
			return 2;
		}
	}
	if (bad_config)
		return cli_config_report();
	if (!o.utf8)
		o.ascii = true;
	term_theme = o.theme;           /* read by term_start */
	layout_columns = o.columns;     /* read by layout_for */
	if (i == argc)
		return ui_run(&o);
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (!strcmp(argv[i], commands[c].name)) {
			output_watch();
			return output_finish(commands[c].run(&o, argc - i, argv + i));
		}
	fprintf(stderr, "breachdash: unknown command '%s'\n%s", argv[i], usage_text);
	return 2;
}
