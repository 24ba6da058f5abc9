/* The listings of render.h: one row per incident as a table, TSV, CSV,
 * Markdown or JSON, from the derived columns (no document but for JSON). */
#include "render.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "native.h"
#include "text.h"

/* ---- listings ---- */

void bd_render_table_header(FILE *out, const bd_render_opts *o)
{
	(void)o;
	fprintf(out, "%-32s %-10s %-16s %-21s %9s %4s %-18s %-18s %-11s %-6s\n", "ID", "DATE",
		"FORCE", "KIND", "AFFECTED", "FLDS", "ICO", "NCA", "THREAT", "ORIGIN");
}

void bd_render_table_row(FILE *out, const bd_row *r, const bd_render_opts *o)
{
	bool ascii = o && o->ascii;
	char date[11], aff[48];
	bd_date_format(r->date, date);
	bd_format_affected(r->affected, r->qualifier, o && o->ascii, aff, sizeof aff);
	bd_render_cell(out, r->id, 32, ascii);
	fprintf(out, " %-10s ", *date ? date : "-");
	bd_render_cell(out, r->force_short, 16, ascii);
	/* padded by display width: "≤" is one column but three bytes */
	int pad = 9 - bd_text_width(aff);
	fprintf(out, " %-21s %*s%s %4d %-18s %-18s %-11s %-6s\n", bd_vocab_name(&bd_kinds, r->kind),
		pad > 0 ? pad : 0, "", aff,
		__builtin_popcount(r->exposed), bd_render_status(r->ico), bd_render_status(r->nca),
		r->threat >= 0 ? bd_vocab_name(&bd_levels, r->threat) : "-",
		bd_vocab_name(&bd_origins, r->origin));
}

void bd_render_tsv_header(FILE *out)
{
	fputs("id\tdate\tforce\tsupplier\tnation\tkind\taffected\tqualifier\texposed\t"
	      "not_exposed\tlost\tico\tnca\tthreat\torigin\ttitle\n", out);
}

/* TSV cells cannot hold tabs or newlines: sanitising turns them to spaces. */
static void tsv_cell(FILE *out, const char *s, char end)
{
	bd_render_cell(out, s ? s : "", 0, false);
	fputc(end, out);
}

void bd_render_tsv_row(FILE *out, const bd_row *r)
{
	char date[11];
	char *exp = bd_render_fields_marked(r->exposed, r->reported, false);
	char *safe = bd_render_fields(r->not_exposed, false), *lost = bd_render_fields(r->lost, false);
	bd_date_format(r->date, date);
	tsv_cell(out, r->id, '\t');
	fprintf(out, "%s\t", date);
	tsv_cell(out, r->force_short, '\t');
	tsv_cell(out, r->supplier, '\t');
	fprintf(out, "%s\t%s\t", bd_vocab_name(&bd_nations, r->nation), bd_vocab_name(&bd_kinds, r->kind));
	if (r->affected >= 0)
		fprintf(out, "%lld", r->affected);
	fprintf(out, "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t", bd_vocab_name(&bd_qualifiers, r->qualifier),
		exp ? exp : "", safe ? safe : "", lost ? lost : "",
		bd_render_status(r->ico), bd_render_status(r->nca),
		r->threat >= 0 ? bd_vocab_name(&bd_levels, r->threat) : "-",
		bd_vocab_name(&bd_origins, r->origin));
	tsv_cell(out, r->title, '\n');
	free(exp);
	free(safe);
	free(lost);
}

/* RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet
 * never runs a cell as a formula. */
void bd_render_csv_cell(FILE *out, const char *s, char end)
{
	char *clean = bd_text_sanitize(s ? s : "", 0);
	const char *c = clean ? clean : "";
	fputc('"', out);
	if (strchr("=+-@", *c) && *c)
		fputc('\'', out);
	for (; *c; c++) {
		if (*c == '"')
			fputc('"', out);
		fputc(*c, out);
	}
	fputc('"', out);
	fputc(end, out);
	free(clean);
}

void bd_render_csv_header(FILE *out)
{
	fputs("id,date,force,supplier,nation,kind,affected,qualifier,exposed,not_exposed,lost,"
	      "ico,nca,threat,origin,title\r\n", out);
}

void bd_render_csv_row(FILE *out, const bd_row *r)
{
	char date[11], aff[32] = "";
	char *exp = bd_render_fields_marked(r->exposed, r->reported, false);
	char *safe = bd_render_fields(r->not_exposed, false), *lost = bd_render_fields(r->lost, false);
	bd_date_format(r->date, date);
	if (r->affected >= 0)
		snprintf(aff, sizeof aff, "%lld", r->affected);
	bd_render_csv_cell(out, r->id, ',');
	bd_render_csv_cell(out, date, ',');
	bd_render_csv_cell(out, r->force_short, ',');
	bd_render_csv_cell(out, r->supplier, ',');
	bd_render_csv_cell(out, bd_vocab_name(&bd_nations, r->nation), ',');
	bd_render_csv_cell(out, bd_vocab_name(&bd_kinds, r->kind), ',');
	bd_render_csv_cell(out, aff, ',');
	bd_render_csv_cell(out, bd_vocab_name(&bd_qualifiers, r->qualifier), ',');
	bd_render_csv_cell(out, exp, ',');
	bd_render_csv_cell(out, safe, ',');
	bd_render_csv_cell(out, lost, ',');
	/* No referral recorded, or no level: an empty cell, unknown (a "-"
	 * would need the formula guard, and a spreadsheet would show '-). */
	bd_render_csv_cell(out, r->ico >= 0 ? bd_render_status(r->ico) : "", ',');
	bd_render_csv_cell(out, r->nca >= 0 ? bd_render_status(r->nca) : "", ',');
	bd_render_csv_cell(out, r->threat >= 0 ? bd_vocab_name(&bd_levels, r->threat) : "", ',');
	bd_render_csv_cell(out, bd_vocab_name(&bd_origins, r->origin), ',');
	bd_render_csv_cell(out, r->title, '\r');
	fputc('\n', out);
	free(exp);
	free(safe);
	free(lost);
}

void bd_render_md_header(FILE *out)
{
	fputs("| Date | Force | Kind | Affected | Exposed | Lost | ICO | NCA | Threat | Title |\n"
	      "|---|---|---|---:|---|---|---|---|---|---|\n", out);
}

void bd_render_md_row(FILE *out, const bd_row *r)
{
	char date[11], aff[48];
	char *exp = bd_render_fields_marked(r->exposed, r->reported, true);
	char *lost = bd_render_fields(r->lost, true);
	bd_date_format(r->date, date);
	bd_format_affected(r->affected, r->qualifier, false, aff, sizeof aff);
	fprintf(out, "| %s | ", *date ? date : "-");
	bd_render_md_text(out, r->force_short);
	fprintf(out, " | %s | %s | %s | %s | %s | %s | %s | ", bd_vocab_label(&bd_kinds, r->kind), aff,
		exp && *exp ? exp : "-", lost && *lost ? lost : "-",
		bd_render_status(r->ico), bd_render_status(r->nca),
		r->threat >= 0 ? bd_vocab_label(&bd_levels, r->threat) : "-");
	bd_render_md_text(out, r->title);
	fputs(" |\n", out);
	free(exp);
	free(lost);
}

json_t *bd_render_list_json(const bd_incident *inc, const bd_threat_table *t)
{
	static const char *const keep[] = { "id", "title", "organisation", "nation", "kind", "dates" };
	json_t *full = bd_incident_to_json(inc), *o = json_object();
	if (!full || !o) {
		json_decref(full);
		json_decref(o);
		return NULL;
	}
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		json_t *v = json_object_get(full, keep[i]);
		json_object_set(o, keep[i], v ? v : json_null());
	}
	json_t *aff = json_object();
	json_object_set_new(aff, "count", inc->affected >= 0 ? json_integer(inc->affected) : json_null());
	json_object_set_new(aff, "qualifier", json_string(bd_vocab_name(&bd_qualifiers, inc->qualifier)));
	json_object_set_new(o, "affected", aff);
	json_t *fields = json_object_get(full, "fields");
	json_t *exp = json_object_get(fields, "exposed"), *safe = json_object_get(fields, "not_exposed");
	json_object_set_new(o, "exposed", exp ? json_incref(exp) : json_array());
	json_object_set_new(o, "not_exposed", safe ? json_incref(safe) : json_array());
	json_t *lost = json_object_get(fields, "lost");
	json_object_set_new(o, "lost", lost ? json_incref(lost) : json_array());
	json_t *reported = json_array();
	for (size_t k = 0; k < bd_fields.count; k++) {
		int f = bd_vocab_at(&bd_fields, k);
		if (bd_incident_reported(inc) & BD_FIELD_BIT(f))
			json_array_append_new(reported, json_string(bd_fields.entries[f].name));
	}
	json_object_set_new(o, "reported", reported);
	json_t *refs = json_array();
	for (size_t i = 0; i < inc->n_referrals; i++) {
		json_t *r = json_object();
		json_object_set_new(r, "body", json_string(bd_vocab_name(&bd_bodies, inc->referrals[i].body)));
		json_object_set_new(r, "status", json_string(bd_vocab_name(&bd_ref_statuses, inc->referrals[i].status)));
		json_array_append_new(refs, r);
	}
	json_object_set_new(o, "referrals", refs);
	int level = t ? bd_threat_level_for(t, inc) : -1;
	json_object_set_new(o, "threat", level >= 0 ? json_string(bd_vocab_name(&bd_levels, level)) : json_null());
	json_object_set_new(o, "origin", json_string(bd_vocab_name(&bd_origins, inc->origin)));
	json_decref(full);
	return o;
}
