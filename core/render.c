#include "render.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "native.h"
#include "incdoc.h"
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
/* "SUBSTANTIAL or SEVERE": the distinct levels of periods p, lowest first. */
void bd_render_threat_levels(char *buf, size_t size, const bd_threat_period *const *p, size_t n)
{
	size_t o = 0, said = 0, distinct = 0;
	for (int level = 0; level < (int)bd_levels.count; level++)
		for (size_t i = 0; i < n; i++)
			if (p[i]->level == level) {
				distinct++;
				break;
			}
	buf[0] = '\0';
	for (int level = 0; level < (int)bd_levels.count && o < size; level++)
		for (size_t i = 0; i < n; i++) {
			if (p[i]->level != level)
				continue;
			const char *sep = !said ? "" : said + 1 == distinct ? " or " : ", ";
			int w = snprintf(buf + o, size - o, "%s%s", sep, bd_vocab_label(&bd_levels, level));
			o += w > 0 ? (size_t)w : 0;
			said++;
			break;
		}
}

/* "SUBSTANTIAL to 2014-08-28, SEVERE from 2014-08-29": each period of p
 * (in date order) as far as it matters within the partial date d. */
void bd_render_threat_changes(char *buf, size_t size, const bd_threat_period *const *p, size_t n,
			      bd_date d)
{
	size_t o = 0;
	buf[0] = '\0';
	bd_date first = bd_date_first_day(d), last = bd_date_last_day(d);
	for (size_t i = 0; i < n && o < size; i++) {
		char from[11], to[11];
		bool starts = bd_date_cmp(p[i]->from, first) > 0;
		bool ends = bd_date_is_set(p[i]->to) && bd_date_cmp(p[i]->to, last) < 0;
		bd_date_format(p[i]->from, from);
		bd_date_format(p[i]->to, to);
		int w = snprintf(buf + o, size - o, "%s%s%s%s%s%s", i ? ", " : "",
				 bd_vocab_label(&bd_levels, p[i]->level),
				 starts ? (ends ? " " : " from ") : "", starts ? from : "",
				 ends ? " to " : "", ends ? to : "");
		o += w > 0 ? (size_t)w : 0;
	}
}

void bd_render_threat(char *buf, size_t size, const bd_threat_table *t, int scope,
		      bd_date d)
{
	const bd_threat_period *p[BD_THREAT_DURING_MAX];
	size_t n = t ? bd_threat_during(t, scope, d, p, BD_THREAT_DURING_MAX) : 0;
	n = n > BD_THREAT_DURING_MAX ? BD_THREAT_DURING_MAX : n;
	if (!n) {
		snprintf(buf, size, "not known");
		return;
	}
	if (n > 1) {
		char levels[64], changes[512], ds[11];
		bd_render_threat_levels(levels, sizeof levels, p, n);
		bd_render_threat_changes(changes, sizeof changes, p, n, d);
		bd_date_format(d, ds);
		snprintf(buf, size, "%s (%s covers a change, so which is not known: %s)", levels, ds,
			 changes);
		return;
	}
	char from[11], to[11];
	bd_date_format(p[0]->from, from);
	bd_date_format(p[0]->to, to);
	if (*to)
		snprintf(buf, size, "%s (in force from %s to %s)", bd_vocab_label(&bd_levels, p[0]->level),
			 from, to);
	else
		snprintf(buf, size, "%s (in force from %s)", bd_vocab_label(&bd_levels, p[0]->level), from);
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


/* ---- show: the incident document (incdoc.h) as text and Markdown ---- */

typedef struct writer {
	FILE *out;
	unsigned in;            /* BD_IN_TEXT or BD_IN_MD */
	unsigned fl;            /* text.h flags */
	int width;
} writer;

/* The runs of b from `from` on that this writer shows, one after the
 * other: text sanitised (Markdown: escaped), citations bracketed. */
static void put_runs(const writer *w, const bd_block *b, size_t from)
{
	for (size_t i = from; i < b->n_runs; i++) {
		const bd_run *r = &b->runs[i];
		if (!bd_incdoc_shows(r->in, w->in))
			continue;
		if (r->role == BD_ROLE_CITE)
			(w->in == BD_IN_MD ? put_md_sources : put_sources)(w->out, r->cites);
		else if (w->in == BD_IN_MD)
			put_md(w->out, r->text, w->fl);
		else
			put_text(w->out, r->text, w->fl);
	}
}

/* The runs as one string, unsanitised, for wrapping; caller frees. */
static char *runs_string(const writer *w, const bd_block *b, size_t from)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	if (!m)
		return NULL;
	writer mw = { m, w->in, 0, w->width };
	for (size_t i = from; i < b->n_runs; i++) {
		const bd_run *r = &b->runs[i];
		if (!bd_incdoc_shows(r->in, mw.in))
			continue;
		if (r->role == BD_ROLE_CITE)
			put_sources(m, r->cites);
		else
			fputs(r->text, m);
	}
	fclose(m);
	return s;
}

static const char *run_or(const bd_block *b, size_t i, const char *none)
{
	const char *s = bd_incdoc_run(b, i);
	return s ? s : none;
}

/* Field names joined with ", ", "(reported)" after a hedged one. */
static void put_field_names(const writer *w, const bd_block *b)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	if (!m)
		return;
	for (size_t i = 0; i < b->n_runs; i++)
		fprintf(m, "%s%s%s", i ? ", " : "", b->runs[i].text,
			b->runs[i].role == BD_ROLE_REPORTED ? " (reported)" : "");
	fclose(m);
	if (w->in == BD_IN_MD)
		fputs(b->n_runs ? s : "none", w->out);
	else
		put_hanging(w->out, b->n_runs ? s : "none", 20, 20, w->width, w->fl);
	free(s);
}

/* One source: publisher, "title", date, then its address after url_sep;
 * an incident's and a threat level's sources read the same. */
static void text_source(const writer *w, const bd_block *b, const char *url_sep)
{
	const char *id = bd_incdoc_run(b, 0), *title = bd_incdoc_run(b, 2),
		   *date = bd_incdoc_run(b, 3), *url = bd_incdoc_run(b, 4);
	if (id)
		fprintf(w->out, "  [%s] ", id);
	else
		fputs("      source: ", w->out);
	put_text(w->out, run_or(b, 1, ""), w->fl);
	if (title) {
		fputs(", \"", w->out);
		put_text(w->out, title, w->fl);
		fputc('"', w->out);
	}
	if (date)
		fprintf(w->out, ", %s", date);
	if (url) {
		fputs(id ? "\n       " : ", ", w->out);
		put_text(w->out, url, w->fl);
	}
	fputc('\n', w->out);
}

static void text_line(const writer *w, const bd_block *b)
{
	fprintf(w->out, "%-14s", b->flags & BD_BLOCK_CONT ? "" : b->label);
	if (b->flags & BD_BLOCK_WRAP) {
		char *s = runs_string(w, b, 0);
		put_hanging(w->out, s ? s : "", 14, 16, w->width, w->fl);
		free(s);
		return;
	}
	put_runs(w, b, 0);
	fputc('\n', w->out);
}

static void text_block(const writer *w, const bd_block *b, bool *claims)
{
	FILE *out = w->out;
	switch (b->fact) {
	case BD_FACT_LINE:
		text_line(w, b);
		break;
	case BD_FACT_THREAT: {
		/* wrapped under the level: a date covering a change says more */
		fprintf(out, "  %s%s", b->label ? b->label : "", b->label ? ": " : "");
		char *s = runs_string(w, b, 0);
		int at = 2 + (b->label ? bd_text_width(b->label) + 2 : 0);
		put_hanging(out, s ? s : "", at, at, w->width, w->fl);
		free(s);
		break;
	}
	case BD_FACT_SOURCE:
		text_source(w, b, "\n       ");
		break;
	case BD_FACT_FIELDS: {
		char head[40];
		snprintf(head, sizeof head, "%s (%d)", b->label, b->count);
		fprintf(out, "  %-18s", head);
		put_field_names(w, b);
		if (b->note) {
			fprintf(out, "%20s", "");
			put_hanging(out, b->note, 20, 20, w->width, w->fl);
		}
		break;
	}
	case BD_FACT_CLAIM:
		if (!*claims)
			fputs("  Field sources\n", out);
		*claims = true;
		fputs("    ", out);
		put_text(out, run_or(b, 0, ""), w->fl);
		fprintf(out, ": %s", run_or(b, 1, ""));
		put_runs(w, b, 2);
		fputc('\n', out);
		break;
	case BD_FACT_REFERRAL:
		fprintf(out, "  %-10s  %-4s  %s", run_or(b, 0, ""), run_or(b, 1, ""), run_or(b, 2, ""));
		if (bd_incdoc_run(b, 3)) {
			fputs(", by ", out);
			put_text(out, b->runs[3].text, w->fl);
		}
		put_runs(w, b, 4);
		fputc('\n', out);
		if (b->note)
			put_wrapped(out, b->note, 14, w->width, w->fl);
		return;
	case BD_FACT_CONFLICT:
		fputs("  ", out);
		put_text(out, b->label, w->fl);
		fputc('\n', out);
		break;
	case BD_FACT_FIGURE:
		fputs("    ", out);
		put_cell(out, run_or(b, 0, ""), 24, w->fl);
		put_runs(w, b, 1);
		fputc('\n', out);
		break;
	case BD_FACT_IMPACT:
		fputs("  - ", out);
		put_hanging(out, run_or(b, 1, ""), 4, 4, w->width, w->fl);
		break;
	case BD_FACT_QUOTE:
		put_wrapped(out, run_or(b, 0, ""), 2, w->width, w->fl);
		fputs("    -- ", out);
		put_text(out, run_or(b, 1, ""), w->fl);
		if (bd_incdoc_run(b, 2)) {
			fputs(", ", out);
			put_text(out, b->runs[2].text, w->fl);
		}
		put_runs(w, b, 3);
		fputc('\n', out);
		break;
	default:
		put_wrapped(out, run_or(b, 0, ""), 2, w->width, w->fl);
		break;
	}
	if (b->note && (b->fact == BD_FACT_CLAIM || b->fact == BD_FACT_FIGURE))
		put_wrapped(out, b->note, 8, w->width, w->fl);
}

/* The text headings; NULL: none, and the sections that are always there. */
static const char *const text_heads[BD_SEC_COUNT] = {
	[BD_SEC_THREAT] = "Threat level in force", [BD_SEC_SUMMARY] = "Summary",
	[BD_SEC_FIELDS] = "Fields", [BD_SEC_REFERRALS] = "Referrals",
	[BD_SEC_CONFLICTS] = "Conflicting figures", [BD_SEC_IMPACTS] = "Impacts",
	[BD_SEC_QUOTES] = "Quotes", [BD_SEC_SOURCES] = "Sources",
};

static bool shows_any(const bd_section *s, unsigned in)
{
	for (size_t i = 0; i < s->n_blocks; i++)
		if (bd_incdoc_shows(s->blocks[i].in, in))
			return true;
	return false;
}

void bd_render_show_text(FILE *out, const bd_incident *inc, const bd_threat_table *t,
			 const bd_render_opts *o)
{
	bd_incdoc d;
	bd_incdoc_opts io = { o && o->ascii, o ? o->links : NULL };
	bd_incdoc_build(&d, inc, t, &io);
	writer w = { out, BD_IN_TEXT, text_flags(o), o && o->width > 0 ? o->width : 80 };
	put_text(out, d.id, w.fl);
	fputc('\n', out);
	put_wrapped(out, d.title, 0, w.width, w.fl);
	fputc('\n', out);
	bool claims = false;
	for (int s = 0; s < BD_SEC_COUNT; s++) {
		const bd_section *sec = &d.sec[s];
		const char *head = sec->title ? sec->title : text_heads[s];
		if (head && (shows_any(sec, BD_IN_TEXT) || s == BD_SEC_SOURCES))
			fprintf(out, "\n%s\n", head);
		for (size_t i = 0; i < sec->n_blocks; i++)
			if (bd_incdoc_shows(sec->blocks[i].in, BD_IN_TEXT))
				text_block(&w, &sec->blocks[i], &claims);
	}
	bd_incdoc_free(&d);
}

/* Blocks of one label as one row of the table: "| Links | a; b |". */
static size_t md_row(const writer *w, const bd_section *sec, size_t i)
{
	const bd_block *b = &sec->blocks[i];
	const char *label = b->fact == BD_FACT_THREAT ? "Threat level" : b->label;
	fprintf(w->out, "| %s | ", label);
	size_t k = i;
	for (; k < sec->n_blocks; k++) {
		const bd_block *bk = &sec->blocks[k];
		if (!bd_incdoc_shows(bk->in, BD_IN_MD))
			continue;
		if (bk->fact != b->fact || (b->fact != BD_FACT_THREAT && strcmp(bk->label, b->label)))
			break;
		fputs(k > i ? "; " : "", w->out);
		if (sec->blocks[k].flags & BD_BLOCK_CODE) {
			fputc('`', w->out);
			put_text(w->out, run_or(&sec->blocks[k], 0, ""), w->fl);
			fputc('`', w->out);
		} else if (sec->blocks[k].flags & BD_BLOCK_WRAP) {
			/* a line of its own in text: its citations escaped as text */
			char *s = runs_string(w, &sec->blocks[k], 0);
			put_md(w->out, s ? s : "", w->fl);
			free(s);
		} else {
			put_runs(w, &sec->blocks[k], 0);
		}
	}
	fputs(" |\n", w->out);
	return k;
}

static void md_table(const writer *w, const bd_section *sec)
{
	for (size_t i = 0; i < sec->n_blocks;)
		if (bd_incdoc_shows(sec->blocks[i].in, BD_IN_MD))
			i = md_row(w, sec, i);
		else
			i++;
}

static void md_source(const writer *w, const bd_block *b)
{
	const char *title = bd_incdoc_run(b, 2), *date = bd_incdoc_run(b, 3),
		   *url = bd_incdoc_run(b, 4);
	fprintf(w->out, "- \\[%s\\] ", run_or(b, 0, ""));
	put_md(w->out, run_or(b, 1, ""), w->fl);
	if (title) {
		fputs(", *", w->out);
		put_md(w->out, title, w->fl);
		fputs("*", w->out);
	}
	if (date)
		fprintf(w->out, ", %s", date);
	if (url) {
		fputs(", <", w->out);
		put_text(w->out, url, w->fl);
		fputs(">", w->out);
	}
	fputc('\n', w->out);
}

static void md_block(const writer *w, const bd_block *b, const bd_block *next)
{
	FILE *out = w->out;
	switch (b->fact) {
	case BD_FACT_FIELDS:
		fprintf(out, "- **%s%s%s%s:** ", b->label, b->note ? " (" : "", b->note ? b->note : "",
			b->note ? ")" : "");
		put_field_names(w, b);
		fputc('\n', out);
		return;
	case BD_FACT_CLAIM:
		fputs("- ", out);
		put_md(out, run_or(b, 0, ""), w->fl);
		fprintf(out, ": %s", run_or(b, 1, ""));
		put_runs(w, b, 2);
		if (b->note) {
			fputs(". ", out);
			put_md(out, b->note, w->fl);
		}
		break;
	case BD_FACT_REFERRAL:
		fprintf(out, "- %s %s: %s", run_or(b, 0, ""), run_or(b, 1, ""), run_or(b, 2, ""));
		put_runs(w, b, 4);
		break;
	case BD_FACT_CONFLICT:
		fputs("- **", out);
		put_text(out, b->label, w->fl);
		fputs("**: ", out);
		return;
	case BD_FACT_FIGURE:
		put_md(out, run_or(b, 0, ""), w->fl);
		for (size_t i = 1; i < b->n_runs; i++)
			put_sources(out, b->runs[i].cites);
		if (b->note) {
			fputs(" (", out);
			put_md(out, b->note, w->fl);
			fputc(')', out);
		}
		fputs(next && next->fact == BD_FACT_FIGURE ? " vs " : "\n", out);
		return;
	case BD_FACT_IMPACT:
		fputs("- ", out);
		put_runs(w, b, 1);
		break;
	case BD_FACT_QUOTE:
		fputs("> ", out);
		put_md(out, run_or(b, 0, ""), w->fl);
		fputs(w->fl & BD_TEXT_ASCII ? " -- " : " \xe2\x80\x94 ", out);
		put_md(out, run_or(b, 1, ""), w->fl);
		put_runs(w, b, 3);
		fputc('\n', out);
		break;
	case BD_FACT_SOURCE:
		md_source(w, b);
		return;
	default:
		fputs("- ", out);
		put_runs(w, b, 0);
		break;
	}
	fputc('\n', out);
}

static const char *const md_heads[BD_SEC_COUNT] = {
	[BD_SEC_REFERRALS] = "Referrals", [BD_SEC_CONFLICTS] = "Conflicting figures",
	[BD_SEC_IMPACTS] = "Impacts", [BD_SEC_QUOTES] = "Quotes", [BD_SEC_SOURCES] = "Sources",
};

static void md_section(const writer *w, const bd_incdoc *d, int s)
{
	const bd_section *sec = &d->sec[s];
	const char *head = sec->title ? sec->title : md_heads[s];
	if (head && (shows_any(sec, BD_IN_MD) || s == BD_SEC_SOURCES))
		fprintf(w->out, "\n### %s\n\n", head);
	if (s == BD_SEC_FIELDS)
		fputc('\n', w->out);
	bool claims = false;
	for (size_t i = 0; i < sec->n_blocks; i++) {
		const bd_block *b = &sec->blocks[i];
		if (!bd_incdoc_shows(b->in, BD_IN_MD))
			continue;
		if (b->fact == BD_FACT_CLAIM && !claims)
			fputs("\nField sources:\n\n", w->out);
		claims = claims || b->fact == BD_FACT_CLAIM;
		md_block(w, b, i + 1 < sec->n_blocks ? &sec->blocks[i + 1] : NULL);
	}
}

void bd_render_show_md(FILE *out, const bd_incident *inc, const bd_threat_table *t,
		       const bd_render_opts *o)
{
	bd_incdoc d;
	bd_incdoc_opts io = { o && o->ascii, o ? o->links : NULL };
	bd_incdoc_build(&d, inc, t, &io);
	writer w = { out, BD_IN_MD, text_flags(o), 0 };
	fputs("## ", out);
	put_md(out, d.title, w.fl);
	fputs("\n\n| | |\n|---|---|\n", out);
	md_table(&w, &d.sec[BD_SEC_HEAD]);
	md_table(&w, &d.sec[BD_SEC_THREAT]);
	const bd_section *sum = &d.sec[BD_SEC_SUMMARY];
	if (sum->n_blocks) {
		fputc('\n', out);
		put_md(out, run_or(&sum->blocks[0], 0, ""), w.fl);
		fputc('\n', out);
	}
	for (int s = BD_SEC_FIELDS; s < BD_SEC_COUNT; s++)
		md_section(&w, &d, s);
	bd_incdoc_free(&d);
}
