/* breachdash link ID same|distinct|none OTHER: a person's word on two
 * records that look alike (list --duplicates), written to the store. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "linkset.h"

static const char usage[] =
	"usage: breachdash link ID same|distinct|none OTHER\n"
	"  same      ID is the same breach as OTHER, which stays the primary\n"
	"            (ID's same_as; the report counts the two once)\n"
	"  distinct  ID is known not to be the same breach as OTHER\n"
	"            (ID's distinct_from; no longer a possible duplicate)\n"
	"  none      neither: every link and mark between the two is removed\n"
	"  A link that contradicts an earlier one replaces it.\n";

static void say(const char *id, const char *other, bd_link_kind kind, bool changed)
{
	if (!changed)
		printf("%s and %s: already %s; nothing changed\n", id, other,
		       kind == BD_LINK_NONE ? "neither linked nor marked" : "so");
	else if (kind == BD_LINK_SAME)
		printf("%s is now the same breach as %s (the primary)\n", id, other);
	else if (kind == BD_LINK_DISTINCT)
		printf("%s is now marked not the same breach as %s\n", id, other);
	else
		printf("%s and %s are now neither linked nor marked\n", id, other);
}

int cli_link(const bd_options *o, int argc, char **argv)
{
	opt_spec spec[] = { { 0 } };
	char **args;
	int nargs, rc = cli_parse_args(argc, argv, spec, usage, &args, &nargs);
	int kind = !rc && nargs == 3 ? bd_link_kind_parse(args[1]) : -1;
	if (!rc && nargs == 3 && kind < 0)
		cli_error("link: '%s' is not same, distinct or none", args[1]);
	if (!rc && kind < 0) {
		fputs(usage, stderr);
		rc = 2;
	}
	if (rc) {
		free(args);
		return rc < 0 ? 0 : rc;
	}
	bd_dataset ds;
	if ((rc = cli_open(o, &ds, true))) {
		free(args);
		return rc;
	}
	bool changed;
	bd_error err = { 0 };
	bd_status s = bd_link_set(&ds, args[0], args[2], (bd_link_kind)kind, &changed, &err);
	if (s == BD_OK)
		say(args[0], args[2], (bd_link_kind)kind, changed);
	else
		cli_error("link: %s", bd_error_text(&err));
	bd_error_clear(&err);
	bd_dataset_close(&ds);
	free(args);
	return bd_status_exit(s);
}
