/*
 * The config file as defaults for the options: read before the command
 * line, which overrides it. $BREACHDASH_DB overrides the file's db too, as
 * it overrides the default store.
 */
#include "cli.h"

#include <stdlib.h>

#include "config.h"

/* Static, so the strings the options point into live as long as the
 * program. */
static bd_config config;
static bd_diags problems;

int cli_config_load(bd_options *o)
{
	bd_config_init(&config);
	o->sort = -1;
	char *path = bd_config_path();
	int n = bd_config_load(path, &config, &problems);
	free(path);
	const char *env_db = getenv("BREACHDASH_DB");
	if (config.db && !(env_db && *env_db))
		o->db = config.db;
	if (config.sort >= 0) {
		o->sort = config.sort;
		o->desc = config.desc;
	}
	if (config.filter)
		o->filter = config.filter;
	if (config.columns)
		o->columns = config.columns;
	if (config.theme >= 0)
		o->theme = config.theme;
	if (config.mouse >= 0)
		o->mouse = config.mouse;
	if (config.ascii > 0)
		o->ascii = true;
	return n;
}

int cli_config_report(void)
{
	bd_config_print(&problems, stderr);
	return 2;
}
