/* breachdash stats: the breakdown of the incidents a filter selects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dataset.h"
#include "stats.h"

int cli_stats(const bd_options *o, int argc, char **argv)
{
	static const char usage[] =
		"usage: breachdash stats [--by force|nation|kind|year|outcome|field|origin]\n"
		"                        [--filter EXPR] [--format text|md|csv|json]\n"
		"  The incidents grouped: per group the number of incidents, ICO fines and\n"
		"  people affected, added apart by qualifier (exactly, about, at least,\n"
		"  up to) with the unknown counted. Years in order, the rest largest first.\n";
	const char *by = "force", *filter = NULL, *format = "text";
	opt_spec spec[] = { { "by", &by, NULL }, { "filter", &filter, NULL },
			    { "format", &format, NULL }, { 0 } };
	int rc = cli_parse_opts_only(argc, argv, spec, usage);
	if (rc)
		return rc < 0 ? 0 : rc;
	int dim = bd_vocab_find(&bd_stats_dims, by), fmt = bd_vocab_find(&bd_stats_formats, format);
	if (dim < 0) {
		cli_error("stats: unknown breakdown '%s' (force, nation, kind, year, outcome, field, origin)", by);
		return 2;
	}
	if (fmt < 0)
		return cli_bad_format("stats", format, "text, md, csv or json");
	bd_query q;
	bd_filter *f = NULL;
	bd_dataset ds;
	if ((rc = cli_open_query(o, &ds, &q, &f, filter, "date", false)))
		return rc;
	bd_stats s;
	bd_error err = { 0 };
	bd_status st = bd_stats_build(ds.store, &q, dim, &s, &err);
	if (st != BD_OK) {
		cli_error("%s", bd_error_text(&err));
		rc = bd_status_exit(st);
	} else {
		/* a bar only where a person reads it */
		bd_stats_write(stdout, &s, fmt, o->ascii, isatty(STDOUT_FILENO) ? 20 : 12);
		bd_stats_free(&s);
	}
	bd_error_clear(&err);
	bd_filter_free(f);
	bd_dataset_close(&ds);
	return rc;
}
