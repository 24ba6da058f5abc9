/*
 * render — incidents as text for people and programs: `show` in text,
 * Markdown and JSON, `list` as a table, TSV or JSON, `export` as CSV or
 * Markdown. All text from data is sanitised (text.h) before it is written.
 */
#ifndef BD_RENDER_H
#define BD_RENDER_H

#include <stdbool.h>
#include <jansson.h>
#include <stdio.h>

#include "links.h"
#include "model.h"
#include "query.h"
#include "threat.h"

typedef struct bd_render_opts {
	bool ascii;             /* plain ASCII output */
	int width;              /* wrap width for text; 0: 80 */
	const bd_links *links;  /* show: the incident's links, NULL: not looked up */
} bd_render_opts;

void bd_render_show_text(FILE *out, const bd_incident *inc, const bd_threat_table *t,
			 const bd_render_opts *o);
void bd_render_show_md(FILE *out, const bd_incident *inc, const bd_threat_table *t,
		       const bd_render_opts *o);

/* Table output: header, then rows, then done. */
void bd_render_table_header(FILE *out, const bd_render_opts *o);
void bd_render_table_row(FILE *out, const bd_row *r, const bd_render_opts *o);
void bd_render_tsv_header(FILE *out);
void bd_render_tsv_row(FILE *out, const bd_row *r);
void bd_render_csv_header(FILE *out);
void bd_render_csv_row(FILE *out, const bd_row *r);
void bd_render_md_header(FILE *out);
void bd_render_md_row(FILE *out, const bd_row *r);
/* The list --format json object for one incident; new reference. */
json_t *bd_render_list_json(const bd_incident *inc, const bd_threat_table *t);

/* s sanitised, padded or cut (with an ellipsis) to exactly cols columns. */
void bd_render_cell(FILE *out, const char *s, int cols, bool ascii);
/* s sanitised, with Markdown's inline markup characters escaped. */
void bd_render_md_text(FILE *out, const char *s);

/* "SEVERE (in force from 2023-03-28 to 2024-03-05)" for the incident's
 * date; for a partial date that covers a change, every level it covers and
 * when ("SUBSTANTIAL or SEVERE (2014 covers a change, so which is not
 * known: SUBSTANTIAL to 2014-08-28, SEVERE from 2014-08-29)"), never the
 * higher alone as if it were known. "not known" when none is on record. */
void bd_render_threat(char *buf, size_t size, const bd_threat_table *t, int scope,
		      bd_date d);
/* The parts of it, for periods p of bd_threat_during (in date order). */
#define BD_THREAT_DURING_MAX 8
void bd_render_threat_levels(char *buf, size_t size, const bd_threat_period *const *p, size_t n);
void bd_render_threat_changes(char *buf, size_t size, const bd_threat_period *const *p, size_t n,
			      bd_date d);
/* Field names of a mask joined with ", " (labels when `labels`); caller frees. */
char *bd_render_fields(bd_fieldset mask, bool labels);
/* One CSV cell, quoted (RFC 4180), formula-guarded, then `end`. */
void bd_render_csv_cell(FILE *out, const char *s, char end);
/* How far a body's involvement went, with its amount and the date of the
 * step that says so ("fine £750,000 2024-10-03", "investigating 2023-08"),
 * since a status changes with time; "unknown" when none is recorded. */
void bd_render_referral(const bd_incident *inc, int body, bool ascii, char *b, size_t n);
/* The same, with " (reported)" after the fields in `reported`. */
char *bd_render_fields_marked(bd_fieldset mask, bd_fieldset reported, bool labels);
/* What a lost field means, wherever the group is shown. */
#define BD_LOST_MEANING "lost, deleted or destroyed: availability, not exposure"
/* "referred", "fine £750,000" — the furthest status with one body. */
const char *bd_render_status(int status);

#endif
