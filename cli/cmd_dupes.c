/* breachdash list --duplicates: incidents that may be one breach recorded
 * twice (same force, same month), a block a group, and which of them are
 * already linked (same_as). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dataset.h"
#include "links.h"
#include "render.h"
#include "text.h"

typedef struct dup_ctx {
	bool tsv, ascii;
	int groups;
} dup_ctx;

/* What a row is to the rest of its group; caller frees. */
static char *link_text(const bd_dup_row *rows, size_t n, size_t i)
{
	char *out = NULL;
	int r;
	if (!bd_dup_row_linked(rows, n, i))
		return strdup("possible duplicate");
	if (rows[i].same_as)
		r = asprintf(&out, "same incident as %s", rows[i].same_as);
	else
		r = asprintf(&out, "linked: %d other record%s of it, counted once", rows[i].n_linked,
			     rows[i].n_linked == 1 ? "" : "s");
	return r < 0 ? NULL : out;
}

static void group_block(void *ctx, const char *force_short, bd_date month,
			const bd_dup_row *rows, size_t n)
{
	dup_ctx *c = ctx;
	char ym[11], date[11], aff[48];
	bd_date_format(month, ym);
	if (!c->tsv) {
		fputs(c->groups ? "\n" : "", stdout);
		bd_render_cell(stdout, force_short, 0, c->ascii);
		printf(" %s: %zu incidents\n", ym, n);
	}
	c->groups++;
	for (size_t i = 0; i < n; i++) {
		char *link = link_text(rows, n, i);
		bd_date_format(rows[i].date, date);
		bd_format_affected(rows[i].affected, rows[i].qualifier, c->ascii, aff, sizeof aff);
		if (c->tsv) {
			bd_render_cell(stdout, force_short, 0, false);
			printf(" %s\t", ym);
			bd_render_cell(stdout, rows[i].id, 0, false);
			printf("\t%s\t%s\t", date, aff);
			bd_render_cell(stdout, link ? link : "", 0, false);
			putchar('\t');
			bd_render_cell(stdout, rows[i].title, 0, false);
			putchar('\n');
		} else {
			printf("  %-10s  ", date);
			bd_render_cell(stdout, rows[i].id, 44, c->ascii);
			int pad = 9 - bd_text_width(aff);
			printf("  %*s%s  ", pad > 0 ? pad : 0, "", aff);
			bd_render_cell(stdout, link ? link : "", 0, c->ascii);
			printf("\n%14s", "");
			bd_render_cell(stdout, rows[i].title, 0, c->ascii);
			putchar('\n');
		}
		free(link);
	}
}

int cli_list_duplicates(const bd_options *o, const char *format)
{
	bool tsv = !strcmp(format, "tsv");
	if (!tsv && strcmp(format, "table"))
		return cli_bad_format("list --duplicates", format, "table or tsv");
	bd_dataset ds;
	int rc = cli_open(o, &ds, false);
	if (rc)
		return rc;
	dup_ctx c = { tsv, o->ascii, 0 };
	bd_error err = { 0 };
	if (tsv)
		fputs("group\tid\tdate\taffected\tlink\ttitle\n", stdout);
	if (bd_links_groups(ds.store, group_block, &c, &err) != BD_OK) {
		cli_error("%s", bd_error_text(&err));
		rc = bd_status_exit(err.code);
	} else if (!c.groups && !tsv) {
		puts("No two incidents share a force and a month.");
	}
	bd_error_clear(&err);
	bd_dataset_close(&ds);
	return rc;
}
