#include "render.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "native.h"
#include "text.h"
#include "veris.h"

static void put_cell(FILE *out, const char *s, int cols, unsigned flags);
static void put_md(FILE *out, const char *s, unsigned flags);
static void put_md_sources(FILE *out, const bd_strv *sv);

static unsigned text_flags(const bd_render_opts *o)
{
	return o && o->ascii ? BD_TEXT_ASCII : 0;
}

/* Writes s sanitised; pads with spaces to `cols` columns when cols > 0,
 * cutting it (with an ellipsis) when it is wider. */
void bd_render_cell(FILE *out, const char *s, int cols, bool ascii)
{
	put_cell(out, s, cols, ascii ? BD_TEXT_ASCII : 0);
}

void bd_render_md_text(FILE *out, const char *s)
{
	put_md(out, s, 0);
}

static void put_cell(FILE *out, const char *s, int cols, unsigned flags)
{
	char *clean = bd_text_sanitize(s, flags);
	if (!clean)
		return;
	int w = bd_text_width(clean);
	if (cols > 0 && w > cols) {
		int fit;
		size_t n = bd_text_fit(clean, cols - 1, &fit);
		fwrite(clean, 1, n, out);
		/* the cut mark: not "~", which means "about" in a count */
		fputs(flags & BD_TEXT_ASCII ? "|" : "…", out);
		w = fit + 1;
	} else {
		fputs(clean, out);
	}
	for (; cols > 0 && w < cols; w++)
		fputc(' ', out);
	free(clean);
}

static void put_text(FILE *out, const char *s, unsigned flags)
{
	put_cell(out, s, 0, flags);
}

/* Word-wraps sanitised s to width. The first line starts where the cursor
 * is, `at` columns in; the following lines are indented by `indent`. */
static void put_hanging(FILE *out, const char *s, int at, int indent, int width,
			unsigned flags)
{
	char *clean = bd_text_sanitize(s, flags | BD_TEXT_NEWLINES);
	if (!clean)
		return;
	bool first = true;
	for (char *para = strtok(clean, "\n"); para; para = strtok(NULL, "\n")) {
		const char *p = para;
		while (*p) {
			while (*p == ' ')
				p++;
			if (!*p)
				break;
			int col = first ? at : indent;
			int avail = width - col > 20 ? width - col : 20;
			size_t n = bd_text_line(p, avail);
			if (!first)
				fprintf(out, "%*s", indent, "");
			fwrite(p, 1, n, out);
			fputc('\n', out);
			p += n;
			first = false;
		}
	}
	if (first)
		fputc('\n', out);
	free(clean);
}

static void put_wrapped(FILE *out, const char *s, int indent, int width, unsigned flags)
{
	fprintf(out, "%*s", indent, "");
	put_hanging(out, s, indent, indent, width, flags);
}

char *bd_render_fields(bd_fieldset mask, bool labels)
{
	return bd_render_fields_marked(mask, 0, labels);
}

char *bd_render_fields_marked(bd_fieldset mask, bd_fieldset reported, bool labels)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	bool first = true;
	for (size_t k = 0; k < bd_fields.count; k++) {
		int i = bd_vocab_at(&bd_fields, k);
		if (!(mask & BD_FIELD_BIT(i)))
			continue;
		fprintf(f, "%s%s%s", first ? "" : ", ",
			labels ? bd_fields.entries[i].label : bd_fields.entries[i].name,
			reported & BD_FIELD_BIT(i) ? " (reported)" : "");
		first = false;
	}
	fclose(f);
	return buf;
}

const char *bd_render_status(int status)
{
	/* No referral in the record: not known, which is not "never told". */
	return status < 0 ? "unknown" : bd_vocab_name(&bd_ref_statuses, status);
}

void bd_render_referral(const bd_incident *inc, int body, bool ascii, char *b, size_t n)
{
	const bd_referral *best = NULL;
	for (size_t i = 0; i < inc->n_referrals; i++)
		if (inc->referrals[i].body == body && (!best ||
		    bd_ref_status_rank(inc->referrals[i].status) >= bd_ref_status_rank(best->status)))
			best = &inc->referrals[i];
	if (!best) {
		snprintf(b, n, "unknown");  /* none recorded: not "never told" */
		return;
	}
	char d[11];
	bd_date_format(best->date, d);
	char amount[40] = "";
	if (best->amount >= 0) {
		char num[32];
		bd_format_thousands(best->amount, num, sizeof num);
		snprintf(amount, sizeof amount, " %s%s", ascii ? "GBP " : "\xc2\xa3", num);
	}
	snprintf(b, n, "%s%s%s%s", bd_vocab_name(&bd_ref_statuses, best->status), amount,
		 *d ? " " : "", d);
}
void bd_render_threat(char *buf, size_t size, const bd_threat_table *t, int scope,
		      bd_date d)
{
	const bd_threat_period *p = t ? bd_threat_at(t, scope, d) : NULL;
	if (!p) {
		snprintf(buf, size, "not known");
		return;
	}
	char from[11], to[11];
	bd_date_format(p->from, from);
	bd_date_format(p->to, to);
	if (*to)
		snprintf(buf, size, "%s (in force from %s to %s)", bd_vocab_label(&bd_levels, p->level),
			 from, to);
	else
		snprintf(buf, size, "%s (in force from %s)", bd_vocab_label(&bd_levels, p->level), from);
}

static void put_sources(FILE *out, const bd_strv *sv)
{
	if (!sv->n)
		return;
	fputs(" [", out);
	for (size_t i = 0; i < sv->n; i++)
		fprintf(out, "%s%s", i ? ", " : "", sv->v[i]);
	fputc(']', out);
}

static void put_date(FILE *out, const char *label, bd_date d)
{
	char buf[11];
	bd_date_format(d, buf);
	fprintf(out, "%s %s", label, bd_date_is_set(d) ? buf : "unknown");
}

static void put_affected(FILE *out, const bd_incident *inc, const bd_render_opts *o)
{
	char buf[48];
	bd_format_affected(inc->affected, inc->qualifier, o->ascii, buf, sizeof buf);
	fputs(buf, out);
	if (inc->who) {
		fputs(" (", out);
		bool first = true;
		for (size_t k = 0; k < bd_who.count; k++) {
			int i = bd_vocab_at(&bd_who, k);
			if (inc->who & (1u << i)) {
				fprintf(out, "%s%s", first ? "" : ", ", bd_who.entries[i].name);
				first = false;
			}
		}
		fputc(')', out);
	}
	put_sources(out, &inc->affected_sources);
}

/* Whether figure i has the same `about` as another figure and another
 * value: a conflict, shown with the conflicts rather than here. */
static bool in_conflict(const bd_incident *inc, size_t i)
{
	const bd_figure *f = &inc->figures[i];
	for (size_t k = 0; k < inc->n_figures; k++)
		if (k != i && !strcmp(inc->figures[k].about, f->about) &&
		    strcmp(inc->figures[k].value, f->value))
			return true;
	return false;
}

/* One figure as a line of text, "records: Medical 780 [vcdb]: note", not
 * yet sanitised. Caller frees. */
static char *figure_line(const bd_figure *f, bool md)
{
	char *line = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&line, &len);
	if (!m)
		return NULL;
	fprintf(m, "%s %s", f->about, f->value);
	put_sources(m, &f->sources);
	if (f->note)
		fprintf(m, md ? " (%s)" : ": %s", f->note);
	fclose(m);
	return line;
}

/* A VERIS record's counts under its headline: what the headline counts
 * (records, not people) and the amount of each data variety, which the
 * headline alone would hide. Lines under the headline in text, a row in
 * Markdown. */
static void put_count_figures(FILE *out, const bd_incident *inc, bool md, int width,
			      unsigned fl)
{
	if (inc->origin != BD_ORIGIN_VERIS)
		return;
	bool first = true;
	for (size_t i = 0; i < inc->n_figures; i++) {
		char *line = in_conflict(inc, i) ? NULL : figure_line(&inc->figures[i], md);
		if (!line)
			continue;
		if (md) {
			fputs(first ? "| Counts | " : "; ", out);
			put_md(out, line, fl);
		} else {
			/* put_hanging ends its lines; the caller ends this one */
			char *wrapped = NULL;
			size_t len = 0;
			FILE *m = open_memstream(&wrapped, &len);
			if (m) {
				fprintf(m, "\n%14s", "");
				put_hanging(m, line, 14, 16, width, fl);
				fclose(m);
				fwrite(wrapped, 1, len && wrapped[len - 1] == '\n' ? len - 1 : len, out);
			}
			free(wrapped);
		}
		first = false;
		free(line);
	}
	if (md && !first)
		fputs(" |\n", out);
}

/* Who says the level was in force: one line a source, as the incident's
 * own sources are listed. */
/* One source: publisher, "title", date, then its address after url_sep;
 * an incident's and a threat level's sources read the same. */
static void put_source(FILE *out, const char *publisher, const char *title, bd_date date,
		       const char *url, const char *url_sep, unsigned flags)
{
	char d[11];
	bd_date_format(date, d);
	put_text(out, publisher, flags);
	if (title) {
		fputs(", \"", out);
		put_text(out, title, flags);
		fputc('"', out);
	}
	if (*d)
		fprintf(out, ", %s", d);
	if (url) {
		fputs(url_sep, out);
		put_text(out, url, flags);
	}
	fputc('\n', out);
}

static void put_threat_sources(FILE *out, const bd_threat_period *p, const char *indent,
			       unsigned flags)
{
	for (size_t i = 0; p && i < p->n_sources; i++) {
		const bd_threat_source *s = &p->sources[i];
		fprintf(out, "%s    source: ", indent);
		put_source(out, s->publisher, s->title, s->date, s->url, ", ", flags);
	}
}

static void put_threat_lines(FILE *out, const bd_incident *inc, const bd_threat_table *t,
			     const char *indent, unsigned flags)
{
	char buf[96];
	bd_date d = bd_incident_date(inc);
	const char *none = bd_threat_none_reason(inc->nation);
	if (none || !bd_date_is_set(d)) {
		fprintf(out, "%snot known (%s)\n", indent, none ? none : "no date");
		return;
	}
	if (inc->nation == BD_NORTHERN_IRELAND) {
		bd_render_threat(buf, sizeof buf, t, BD_SCOPE_NI, d);
		fprintf(out, "%sNorthern Ireland-related: %s\n", indent, buf);
		put_threat_sources(out, t ? bd_threat_at(t, BD_SCOPE_NI, d) : NULL, indent, flags);
	}
	bd_render_threat(buf, sizeof buf, t, BD_SCOPE_UK, d);
	fprintf(out, "%sUK national: %s\n", indent, buf);
	put_threat_sources(out, t ? bd_threat_at(t, BD_SCOPE_UK, d) : NULL, indent, flags);
}

typedef struct conflict_ctx {
	FILE *out;
	const bd_incident *inc;
	unsigned flags;
	bool md;
	int width;
} conflict_ctx;

static void put_conflict(void *ctx, const char *about, const bd_figure *const *figs, size_t n)
{
	conflict_ctx *c = ctx;
	fputs(c->md ? "- **" : "  ", c->out);
	put_text(c->out, about, c->flags);
	fputs(c->md ? "**: " : "\n", c->out);
	for (size_t i = 0; i < n; i++) {
		const bd_figure *f = figs[i];
		if (c->md) {
			fputs(i ? " vs " : "", c->out);
			put_md(c->out, f->value, c->flags);
		} else {
			fputs("    ", c->out);
			put_cell(c->out, f->value, 24, c->flags);
		}
		put_sources(c->out, &f->sources);
		if (c->md && f->note) {
			fputs(" (", c->out);
			put_md(c->out, f->note, c->flags);
			fputc(')', c->out);
		}
		if (!c->md)
			fputc('\n', c->out);
		if (!c->md && f->note)
			put_wrapped(c->out, f->note, 8, c->width, c->flags);
	}
	if (c->md)
		fputc('\n', c->out);
}

char *bd_render_links(const bd_incident *inc, const bd_links *l)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return NULL;
	if (inc->same_as)
		fprintf(m, "Same incident as %s (%s)\n", inc->same_as,
			!l || l->same_as_found ? "counted once, there" : "not in the store");
	for (size_t i = 0; l && i < l->linked.n; i++)
		fprintf(m, "Same incident as %s (its record links here: counted once, here)\n",
			l->linked.v[i]);
	for (size_t i = 0; l && i < l->possible.n; i++)
		fprintf(m, "Possible duplicate of %s (same force and month)\n", l->possible.v[i]);
	fclose(m);
	if (buf && !*buf) {
		free(buf);
		buf = NULL;
	}
	return buf;
}

/* "Links" and a line a link, under the origin. */
static void put_links_text(FILE *out, const bd_incident *inc, const bd_links *l, int width,
			   unsigned fl)
{
	char *lines = bd_render_links(inc, l), *save = NULL;
	bool first = true;
	for (char *line = lines ? strtok_r(lines, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		fprintf(out, "\n%-14s", first ? "Links" : "");
		/* put_hanging ends its lines; the caller ends this one */
		char *wrapped = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&wrapped, &len);
		if (m) {
			put_hanging(m, line, 14, 16, width, fl);
			fclose(m);
			fwrite(wrapped, 1, len && wrapped[len - 1] == '\n' ? len - 1 : len, out);
		}
		free(wrapped);
		first = false;
	}
	free(lines);
}

static void put_links_md(FILE *out, const bd_incident *inc, const bd_links *l, unsigned fl)
{
	char *lines = bd_render_links(inc, l), *save = NULL;
	bool first = true;
	for (char *line = lines ? strtok_r(lines, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		fputs(first ? "| Links | " : "; ", out);
		put_md(out, line, fl);
		first = false;
	}
	if (!first)
		fputs(" |\n", out);
	free(lines);
}

/* The heading over origin.extra: what the source format had that the
 * model has no place for. */
static const char *extra_heading(const bd_incident *inc)
{
	return inc->origin == BD_ORIGIN_VERIS ? "Other VERIS data" : "Other source data";
}

static void put_field_group(FILE *out, const char *label, bd_fieldset mask,
			    bd_fieldset reported, int width, unsigned flags)
{
	char *names = bd_render_fields_marked(mask, reported, true);
	char head[40];
	snprintf(head, sizeof head, "%s (%d)", label, __builtin_popcount(mask));
	fprintf(out, "  %-18s", head);
	put_hanging(out, names && *names ? names : "none", 20, 20, width, flags);
	free(names);
}

/* Where each field's place comes from: one line a claim, its certainty and
 * sources, then its note. */
static void put_claims(FILE *out, const bd_incident *inc, bool md, int width, unsigned flags)
{
	if (!inc->n_claims)
		return;
	fputs(md ? "\nField sources:\n\n" : "  Field sources\n", out);
	for (size_t i = 0; i < inc->n_claims; i++) {
		const bd_field_claim *c = &inc->claims[i];
		char *names = bd_render_fields(c->fields, true);
		fputs(md ? "- " : "    ", out);
		if (md)
			put_md(out, names ? names : "", flags);
		else
			put_text(out, names ? names : "", flags);
		fprintf(out, ": %s", bd_vocab_name(&bd_certainties, c->certainty));
		if (md)
			put_md_sources(out, &c->sources);
		else
			put_sources(out, &c->sources);
		if (md && c->note) {
			fputs(". ", out);
			put_md(out, c->note, flags);
		}
		fputc('\n', out);
		if (!md && c->note)
			put_wrapped(out, c->note, 8, width, flags);
		free(names);
	}
}

void bd_render_show_text(FILE *out, const bd_incident *inc, const bd_threat_table *t,
			 const bd_render_opts *o)
{
	unsigned fl = text_flags(o);
	int width = o && o->width > 0 ? o->width : 80;
	put_text(out, inc->id, fl);
	fputs("\n", out);
	put_wrapped(out, inc->title, 0, width, fl);
	fputs("\nOrganisation  ", out);
	put_text(out, inc->force, fl);
	if (inc->supplier) {
		fputs(" (supplier: ", out);
		put_text(out, inc->supplier, fl);
		fputc(')', out);
	}
	if (inc->country || inc->industry) {
		fprintf(out, "\nCountry       %s", inc->country ? inc->country : "unknown");
		if (inc->industry)
			fprintf(out, ", industry NAICS %s", inc->industry);
	}
	fprintf(out, "\nNation        %s", bd_vocab_label(&bd_nations, inc->nation));
	char *overruled = bd_veris_country_note(inc);
	if (overruled) {
		fputs(" (", out);
		put_text(out, overruled, fl);
		fputc(')', out);
		free(overruled);
	}
	fprintf(out, "\nKind          %s\nDates         ", bd_vocab_label(&bd_kinds, inc->kind));
	put_date(out, "occurred", inc->occurred);
	put_date(out, ", discovered", inc->discovered);
	put_date(out, ", disclosed", inc->disclosed);
	fputs("\nAffected      ", out);
	put_affected(out, inc, o);
	put_count_figures(out, inc, false, width, fl);
	fprintf(out, "\nOrigin        %s", bd_vocab_label(&bd_origins, inc->origin));
	if (inc->origin_record_id) {
		fputc(' ', out);
		put_text(out, inc->origin_record_id, fl);
	}
	if (inc->origin_file || inc->origin_master_id) {
		fputs("\n              ", out);
		if (inc->origin_file) {
			fputs("file ", out);
			put_text(out, inc->origin_file, fl);
		}
		if (inc->origin_master_id) {
			fputs(inc->origin_file ? ", master_id " : "master_id ", out);
			put_text(out, inc->origin_master_id, fl);
		}
	}
	put_links_text(out, inc, o ? o->links : NULL, width, fl);
	fputs("\n\nThreat level in force\n", out);
	put_threat_lines(out, inc, t, "  ", fl);
	if (inc->summary) {
		fputs("\nSummary\n", out);
		put_wrapped(out, inc->summary, 2, width, fl);
	}
	fputs("\nFields\n", out);
	put_field_group(out, "Exposed", inc->exposed, bd_incident_reported(inc), width, fl);
	put_field_group(out, "Not exposed", inc->not_exposed, 0, width, fl);
	if (inc->lost) {
		put_field_group(out, "Lost", inc->lost, 0, width, fl);
		fprintf(out, "%20s", "");
		put_hanging(out, BD_LOST_MEANING, 20, 20, width, fl);
	}
	put_field_group(out, "Unknown", bd_incident_unknown(inc), 0, width, fl);
	put_claims(out, inc, false, width, fl);
	if (inc->n_referrals) {
		fputs("\nReferrals\n", out);
		for (size_t i = 0; i < inc->n_referrals; i++) {
			const bd_referral *r = &inc->referrals[i];
			char d[11], amount[40] = "";
			bd_date_format(r->date, d);
			if (r->amount >= 0) {
				char n[32];
				bd_format_thousands(r->amount, n, sizeof n);
				snprintf(amount, sizeof amount, " %s%s", o && o->ascii ? "GBP " : "£", n);
			}
			fprintf(out, "  %-10s  %-4s  %s%s", *d ? d : "undated",
				bd_vocab_label(&bd_bodies, r->body),
				bd_vocab_name(&bd_ref_statuses, r->status), amount);
			if (r->by) {
				fputs(", by ", out);
				put_text(out, r->by, fl);
			}
			put_sources(out, &r->sources);
			fputc('\n', out);
			if (r->note)
				put_wrapped(out, r->note, 14, width, fl);
		}
	}
	conflict_ctx cc = { out, inc, fl, false, width };
	const bd_links *links = o ? o->links : NULL;
	if (bd_links_conflicts(inc, links, NULL, NULL)) {
		fputs("\nConflicting figures\n", out);
		bd_links_conflicts(inc, links, put_conflict, &cc);
	}
	if (inc->n_impacts) {
		fputs("\nImpacts\n", out);
		for (size_t i = 0; i < inc->n_impacts; i++) {
			fputs("  - ", out);
			put_hanging(out, inc->impacts[i].text, 4, 4, width, fl);
		}
	}
	if (inc->n_quotes) {
		fputs("\nQuotes\n", out);
		for (size_t i = 0; i < inc->n_quotes; i++) {
			const bd_quote *q = &inc->quotes[i];
			put_wrapped(out, q->text, 2, width, fl);
			fputs("    -- ", out);
			put_text(out, q->who, fl);
			if (q->role) {
				fputs(", ", out);
				put_text(out, q->role, fl);
			}
			put_sources(out, &q->sources);
			fputc('\n', out);
		}
	}
	fputs("\nSources\n", out);
	for (size_t i = 0; i < inc->n_sources; i++) {
		const bd_source *s = &inc->sources[i];
		fprintf(out, "  [%s] ", s->id);
		put_source(out, s->publisher, s->title, s->date, s->url, "\n       ", fl);
	}
	char *extra = bd_veris_extra_lines(inc->origin_extra);
	if (extra) {
		fprintf(out, "\n%s\n", extra_heading(inc));
		char *save = NULL;
		for (char *line = strtok_r(extra, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			put_wrapped(out, line, 2, width, fl);
	}
	free(extra);
}

/* Markdown text: sanitised, with the characters that would start markup
 * inside a line escaped. */
static void put_md(FILE *out, const char *s, unsigned flags)
{
	char *clean = bd_text_sanitize(s, flags);
	for (const char *c = clean ? clean : ""; *c; c++) {
		if (strchr("\\`*_[]|<>#", *c))
			fputc('\\', out);
		fputc(*c, out);
	}
	free(clean);
}

static void put_md_sources(FILE *out, const bd_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		fprintf(out, "%s%s", i ? ", " : " \\[", sv->v[i]);
	if (sv->n)
		fputs("\\]", out);
}

void bd_render_show_md(FILE *out, const bd_incident *inc, const bd_threat_table *t,
		       const bd_render_opts *o)
{
	unsigned fl = text_flags(o);
	char buf[96];
	fputs("## ", out);
	put_md(out, inc->title, fl);
	fputs("\n\n| | |\n|---|---|\n| Id | `", out);
	put_text(out, inc->id, fl);
	fputs("` |\n| Organisation | ", out);
	put_md(out, inc->force, fl);
	if (inc->supplier) {
		fputs(" (supplier: ", out);
		put_md(out, inc->supplier, fl);
		fputs(")", out);
	}
	fprintf(out, " |\n| Nation | %s", bd_vocab_label(&bd_nations, inc->nation));
	char *overruled = bd_veris_country_note(inc);
	if (overruled) {
		fputs(" (", out);
		put_md(out, overruled, fl);
		fputc(')', out);
		free(overruled);
	}
	fprintf(out, " |\n| Kind | %s |\n", bd_vocab_label(&bd_kinds, inc->kind));
	bd_date d = bd_incident_date(inc);
	bd_date_format(d, buf);
	fprintf(out, "| Date | %s |\n| Affected | ", *buf ? buf : "unknown");
	bd_format_affected(inc->affected, inc->qualifier, o && o->ascii, buf, sizeof buf);
	fprintf(out, "%s |\n", buf);
	put_count_figures(out, inc, true, 0, fl);
	put_links_md(out, inc, o ? o->links : NULL, fl);
	fputs("| Threat level | ", out);
	const char *none = bd_threat_none_reason(inc->nation);
	if (none || !bd_date_is_set(d)) {
		/* as in the text view: no UK level is in force outside the UK */
		fprintf(out, "not known (%s) |\n", none ? none : "no date");
	} else {
		if (inc->nation == BD_NORTHERN_IRELAND) {
			bd_render_threat(buf, sizeof buf, t, BD_SCOPE_NI, d);
			fprintf(out, "NI-related %s; ", buf);
		}
		bd_render_threat(buf, sizeof buf, t, BD_SCOPE_UK, d);
		fprintf(out, "UK %s |\n", buf);
	}
	if (inc->summary) {
		fputs("\n", out);
		put_md(out, inc->summary, fl);
		fputs("\n", out);
	}
	const struct { const char *label; bd_fieldset mask, reported; } groups[] = {
		{ "Exposed", inc->exposed, bd_incident_reported(inc) },
		{ "Not exposed", inc->not_exposed, 0 },
		{ "Lost (" BD_LOST_MEANING ")", inc->lost, 0 },
		{ "Unknown", bd_incident_unknown(inc), 0 },
	};
	fputs("\n", out);
	for (size_t g = 0; g < 4; g++) {
		if (g == 2 && !inc->lost)
			continue;
		char *names = bd_render_fields_marked(groups[g].mask, groups[g].reported, true);
		fprintf(out, "- **%s:** %s\n", groups[g].label, names && *names ? names : "none");
		free(names);
	}
	put_claims(out, inc, true, 0, fl);
	if (inc->n_referrals) {
		fputs("\n### Referrals\n\n", out);
		for (size_t i = 0; i < inc->n_referrals; i++) {
			const bd_referral *r = &inc->referrals[i];
			bd_date_format(r->date, buf);
			fprintf(out, "- %s %s: %s", *buf ? buf : "undated",
				bd_vocab_label(&bd_bodies, r->body), bd_vocab_name(&bd_ref_statuses, r->status));
			if (r->amount >= 0) {
				bd_format_thousands(r->amount, buf, sizeof buf);
				fprintf(out, " %s%s", o && o->ascii ? "GBP " : "£", buf);
			}
			put_md_sources(out, &r->sources);
			fputc('\n', out);
		}
	}
	if (bd_links_conflicts(inc, o ? o->links : NULL, NULL, NULL)) {
		conflict_ctx cc = { out, inc, fl, true, 0 };
		fputs("\n### Conflicting figures\n\n", out);
		bd_links_conflicts(inc, o ? o->links : NULL, put_conflict, &cc);
	}
	if (inc->n_impacts) {
		fputs("\n### Impacts\n\n", out);
		for (size_t i = 0; i < inc->n_impacts; i++) {
			fputs("- ", out);
			put_md(out, inc->impacts[i].text, fl);
			put_md_sources(out, &inc->impacts[i].sources);
			fputc('\n', out);
		}
	}
	if (inc->n_quotes) {
		fputs("\n### Quotes\n\n", out);
		for (size_t i = 0; i < inc->n_quotes; i++) {
			fputs("> ", out);
			put_md(out, inc->quotes[i].text, fl);
			fputs(fl & BD_TEXT_ASCII ? " -- " : " — ", out);
			put_md(out, inc->quotes[i].who, fl);
			put_md_sources(out, &inc->quotes[i].sources);
			fputs("\n\n", out);
		}
	}
	fputs("\n### Sources\n\n", out);
	for (size_t i = 0; i < inc->n_sources; i++) {
		const bd_source *s = &inc->sources[i];
		fprintf(out, "- \\[%s\\] ", s->id);
		put_md(out, s->publisher, fl);
		if (s->title) {
			fputs(", *", out);
			put_md(out, s->title, fl);
			fputs("*", out);
		}
		if (bd_date_is_set(s->date)) {
			bd_date_format(s->date, buf);
			fprintf(out, ", %s", buf);
		}
		if (s->url) {
			fputs(", <", out);
			put_text(out, s->url, fl);
			fputs(">", out);
		}
		fputc('\n', out);
	}
	char *extra = bd_veris_extra_lines(inc->origin_extra);
	if (extra) {
		fprintf(out, "\n### %s\n\n", extra_heading(inc));
		char *save = NULL;
		for (char *line = strtok_r(extra, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			fputs("- ", out);
			put_md(out, line, fl);
			fputc('\n', out);
		}
	}
	free(extra);
}
