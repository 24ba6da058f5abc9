/* breachdash list --duplicates: incidents that may be one breach recorded
 * twice (same force, same month), a block a group, and which of them are
 * already linked (same_as). As JSON: {"groups": [{"organisation",
 * "month", "incidents": [{"id", "title", "date", "affected", "relation",
 * "same_as", "linked"}]}]}, relation one of possible, same-as, primary,
 * distinct (marked not the same as any other of the group). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dataset.h"
#include "jsonout.h"
#include "links.h"
#include "render.h"
#include "text.h"

typedef struct dup_ctx {
	bool tsv, ascii;
	int groups;
	json_t *json;           /* --format json: the groups so far */
} dup_ctx;

/* What a row is to the rest of its group; caller frees. */
static char *link_text(const bd_dup_row *rows, size_t n, size_t i)
{
	char *out = NULL;
	int r;
	if (!bd_dup_row_linked(rows, n, i))
		return strdup(bd_dup_row_possible(rows, n, i) ? "possible duplicate"
			      : "marked not the same as the others");
	if (rows[i].same_as)
		r = asprintf(&out, "same incident as %s", rows[i].same_as);
	else
		r = asprintf(&out, "linked: %d other record%s of it, counted once", rows[i].n_linked,
			     rows[i].n_linked == 1 ? "" : "s");
	return r < 0 ? NULL : out;
}

static json_t *json_row(const bd_dup_row *rows, size_t n, size_t i)
{
	char date[11];
	const bd_dup_row *r = &rows[i];
	const char *relation = bd_dup_row_linked(rows, n, i) ? (r->same_as ? "same-as" : "primary")
			       : bd_dup_row_possible(rows, n, i) ? "possible" : "distinct";
	bd_date_format(r->date, date);
	json_t *aff = json_pack("{s:o, s:s}", "count",
				r->qualifier == BD_Q_UNKNOWN ? json_null() : json_integer(r->affected),
				"qualifier", bd_vocab_name(&bd_qualifiers, r->qualifier));
	return json_pack("{s:s, s:s, s:s, s:o, s:s, s:o, s:i}", "id", r->id, "title", r->title,
			 "date", date, "affected", aff, "relation", relation,
			 "same_as", r->same_as ? json_string(r->same_as) : json_null(),
			 "linked", r->n_linked);
}

static void group_json(dup_ctx *c, const char *force_short, bd_date month,
		       const bd_dup_row *rows, size_t n)
{
	char ym[11];
	json_t *list = json_array();
	bd_date_format(month, ym);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_row(rows, n, i));
	json_array_append_new(c->json, json_pack("{s:s, s:s, s:o}", "organisation", force_short,
						 "month", ym, "incidents", list));
}

static void group_block(void *ctx, const char *force_short, bd_date month,
			const bd_dup_row *rows, size_t n)
{
	dup_ctx *c = ctx;
	char ym[11], date[11], aff[48];
	if (c->json) {
		group_json(c, force_short, month, rows, n);
		return;
	}
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

static int put_json(json_t *groups)
{
	json_t *doc = json_pack("{s:O}", "groups", groups);
	char *text = doc ? bd_json_dumps(doc, JSON_INDENT(2) | JSON_ENSURE_ASCII) : NULL;
	json_decref(doc);
	if (!text) {
		cli_error("list --duplicates: out of memory");
		return 1;
	}
	puts(text);
	free(text);
	return 0;
}

int cli_list_duplicates(const bd_options *o, const char *format)
{
	bool tsv = !strcmp(format, "tsv"), json = !strcmp(format, "json");
	if (!tsv && !json && strcmp(format, "table"))
		return cli_bad_format("list --duplicates", format, "table, tsv or json");
	bd_dataset ds;
	int rc = cli_open(o, &ds, false);
	if (rc)
		return rc;
	dup_ctx c = { tsv, o->ascii, 0, json ? json_array() : NULL };
	bd_error err = { 0 };
	if (tsv)
		fputs("group\tid\tdate\taffected\tlink\ttitle\n", stdout);
	if (bd_links_groups(ds.store, group_block, &c, &err) != BD_OK) {
		cli_error("%s", bd_error_text(&err));
		rc = bd_status_exit(err.code);
	} else if (json) {
		rc = put_json(c.json);
	} else if (!c.groups && !tsv) {
		puts("No possible duplicates: no two incidents share a force and a month,"
		     " or those that do are marked not the same (distinct_from).");
	}
	json_decref(c.json);
	bd_error_clear(&err);
	bd_dataset_close(&ds);
	return rc;
}
