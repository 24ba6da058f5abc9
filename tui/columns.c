#include "columns.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render.h"
#include "text.h"
#include "vocab.h"

static const char *const col_titles[COL_COUNT] = {
	"", "DATE", "FORCE", "KIND", "AFFECTED", "", "EXPOSED", "ICO", "NCA", "THREAT", "FROM", "TITLE"
};
static const int col_sort[COL_COUNT] = {
	-1, BD_SORT_DATE, BD_SORT_FORCE, BD_SORT_KIND, BD_SORT_AFFECTED, -1, BD_SORT_FIELDS,
	BD_SORT_ICO, BD_SORT_NCA, BD_SORT_THREAT, BD_SORT_ORIGIN, -1
};

const char *kind_short(int kind)
{
	static const char *const k[] = { "supplier", "disclosure", "theft", "loss",
					  "insider", "cyber", "other" };
	return kind >= 0 && kind <= BD_KIND_OTHER ? k[kind] : "?";
}

const char *status_short(int status)
{
	static const char *const s[] = {
		[BD_REF_REFERRED] = "ref", [BD_REF_INVESTIGATING] = "inv",
		[BD_REF_REPRIMAND] = "repr", [BD_REF_FINE] = "fine", [BD_REF_CLOSED] = "closd",
		[BD_REF_ENFORCEMENT] = "enf", [BD_REF_UNDERTAKING] = "undtk",
	};
	/* No referral in the record is not known, not "never told". */
	return status >= 0 && (size_t)status < sizeof s / sizeof s[0] ? s[status] : "?";
}

const char *level_short(int level)
{
	static const char *const s[] = { "low", "mod", "sub", "SEV", "CRIT" };
	return level >= 0 && level <= BD_LEVEL_CRITICAL ? s[level] : "-";
}

const char *layout_columns;

/* The names of the columns in layout_columns (as bd_column_names). */
static const char *const col_names[COL_COUNT] = {
	"mark", "date", "force", "kind", "affected", "bar", "fields", "ico", "nca", "threat", "origin",
	"title"
};

static bool shown(int id)
{
	if (!layout_columns || id == COL_MARK)
		return true;
	size_t len = strlen(col_names[id]);
	for (const char *p = layout_columns; *p; p += strcspn(p, ","), p += *p == ',')
		if (strcspn(p, ",") == len && !strncmp(p, col_names[id], len))
			return true;
	return false;
}

static void add(layout *l, int id, int width)
{
	if (!shown(id))
		return;
	l->cols[l->n].id = id;
	l->cols[l->n].width = width;
	l->n++;
}

/* As htop does: the title always shows, at least TITLE_MIN columns; the
 * other columns come in order of need while they leave it that room, the
 * narrow forms first. `skip` hides that many of the optional columns from
 * the left (h and l in the overview), for a long title. */
enum { TITLE_MIN = 20 };

void layout_for(layout *l, int width, int skip)
{
	memset(l, 0, sizeof *l);
	/* one cell per field type only where the title keeps room */
	l->wide_fields = width >= 150;
	bool wider = width >= 120;
	struct { int id, width; } optional[] = {
		{ COL_KIND, 10 }, { COL_AFFECTED, wider ? 11 : 9 }, { COL_BAR, wider ? 8 : 5 },
		{ COL_FIELDS, l->wide_fields ? (int)bd_fields.count : 8 }, { COL_ICO, 5 },
		{ COL_NCA, 5 }, { COL_THREAT, 7 }, { COL_ORIGIN, 6 },
	};
	/* what is left out first when room is short */
	static const int drop_order[] = { COL_ORIGIN, COL_BAR, COL_NCA, COL_KIND, COL_FIELDS,
					  COL_ICO, COL_THREAT, COL_AFFECTED };
	enum { N_OPT = sizeof optional / sizeof optional[0] };
	bool keep[N_OPT];
	int used = 1 + 1 + 10 + 1 + (wider ? 16 : 12) + 1;
	for (int i = 0; i < N_OPT; i++) {
		keep[i] = shown(optional[i].id) && i >= skip &&
			  (optional[i].id != COL_ORIGIN || width >= 170 || layout_columns);
		used += keep[i] ? optional[i].width + 1 : 0;
	}
	for (size_t d = 0; d < sizeof drop_order / sizeof drop_order[0] && used + TITLE_MIN > width; d++)
		for (int i = 0; i < N_OPT; i++)
			if (keep[i] && optional[i].id == drop_order[d]) {
				keep[i] = false;
				used -= optional[i].width + 1;
			}
	add(l, COL_MARK, 1);
	add(l, COL_DATE, 10);
	add(l, COL_FORCE, wider ? 16 : 12);
	for (int i = 0; i < N_OPT; i++)
		if (keep[i])
			add(l, optional[i].id, optional[i].width);
	add(l, COL_TITLE, 0);
	l->skipped = skip;
}

static int col_width(const layout *l, int i, int x, int total)
{
	int w = l->cols[i].width;
	return w ? w : total - x;
}

void columns_header(WINDOW *w, int y, const layout *l, int sort, bool desc)
{
	int x = 0;
	term_fill(w, y, 0, COLS, R_COLHEAD);
	for (int i = 0; i < l->n && x < COLS; i++) {
		int id = l->cols[i].id, cw = col_width(l, i, x, COLS);
		char buf[64];
		bool sorted = col_sort[id] == sort && sort >= 0;
		snprintf(buf, sizeof buf, "%s%s", col_titles[id],
			 sorted ? (desc ? the_term->g->sort_desc : the_term->g->sort_asc) : "");
		term_text(w, y, x, buf, cw < COLS - x ? cw : COLS - x, R_COLHEAD, false);
		x += cw + 1;
	}
}

/* A log-scale bar: 10 people fill one sixth, a million the whole cell, so
 * 200 and 47,000 read apart at a glance. */
static void draw_bar(WINDOW *w, int y, int x, int width, long long count, attr_t a)
{
	if (count <= 0)
		return;
	double frac = log10((double)count + 1) / 6.0;
	if (frac > 1)
		frac = 1;
	int eighths = (int)lround(frac * width * 8);
	const glyphs *g = the_term->g;
	for (int i = 0; i < width; i++) {
		int e = eighths - i * 8;
		e = e < 0 ? 0 : e > 8 ? 8 : e;
		term_text_attr(w, y, x + i, g->bar[e], 1, a, false);
	}
}

static void draw_fields(WINDOW *w, int y, int x, int width, const bd_row *r, bool wide,
			bool selected)
{
	attr_t sel = selected ? term_attr(R_SELECTED) : 0;
	/* Only what was exposed is coloured: the shapes tell known-safe from
	 * unknown, and a row with fewer colour changes is fewer bytes to send
	 * on each cursor move. */
	attr_t plain = term_cell(R_ROW);
	if (wide) {
		for (size_t k = 0; k < bd_fields.count && (int)k < width; k++) {
			int f = bd_vocab_at(&bd_fields, k);
			bd_fieldset bit = BD_FIELD_BIT(f);
			if (r->exposed & bit)
				term_text_attr(w, y, x + (int)k, bd_fields.entries[f].glyph, 1,
					       sel ? sel : term_cell(r->reported & bit ? R_DIM : R_EXPOSED),
					       false);
			else if (r->not_exposed & bit)
				term_text_attr(w, y, x + (int)k, the_term->g->safe, 1,
					       sel ? sel : plain, false);
			else
				term_text_attr(w, y, x + (int)k, r->lost & bit ? the_term->g->cell_lost
					       : the_term->g->cell_unknown, 1, sel ? sel : plain, false);
		}
		return;
	}
	int o = 0, left = __builtin_popcount(r->exposed);
	for (size_t k = 0; k < bd_fields.count && o < width; k++) {
		int f = bd_vocab_at(&bd_fields, k);
		if (r->exposed & BD_FIELD_BIT(f)) {
			left--;
			bool last = o == width - 1 && left > 0;
			/* more than fit: the cut mark, never "+" (at least) */
			term_text_attr(w, y, x + o++, last ? the_term->g->ellipsis : bd_fields.entries[f].glyph, 1,
				       sel ? sel : term_cell(R_EXPOSED), false);
			if (last)
				break;
		}
	}
	if (!r->exposed)
		term_text_attr(w, y, x, width >= 10 ? "none known" : "-", width, sel ? sel : plain, false);
}

static void cell(WINDOW *w, int y, int x, int cw, const bd_row *r, int id, bool selected,
		 bool marked, bool wide_fields)
{
	char buf[64];
	attr_t base = selected ? term_attr(R_SELECTED) : term_attr(R_ROW);
	switch (id) {
	case COL_MARK:
		term_text_attr(w, y, x, marked ? the_term->g->mark : " ", cw,
			       selected || !marked ? base : term_attr(R_MARKED), false);
		break;
	case COL_DATE:
		bd_date_format(r->date, buf);
		term_text_attr(w, y, x, *buf ? buf : "unknown", cw, base, false);
		break;
	case COL_FORCE:
		term_text_attr(w, y, x, r->force_short, cw, base, false);
		break;
	case COL_KIND:
		term_text_attr(w, y, x, kind_short(r->kind), cw, base, false);
		break;
	case COL_AFFECTED: {
		bd_format_affected(r->affected, r->qualifier, the_term->ascii, buf, sizeof buf);
		int bw = bd_text_width(buf);
		if (bw > cw) {  /* never cut a number: give it a unit instead */
			bd_format_affected_short(r->affected, r->qualifier, the_term->ascii, buf, sizeof buf);
			bw = bd_text_width(buf);
		}
		term_text_attr(w, y, x + (cw > bw ? cw - bw : 0), buf, cw, base, false);
		break;
	}
	case COL_BAR:
		draw_bar(w, y, x, cw, r->affected, selected ? base : term_cell(R_BAR));
		break;
	case COL_FIELDS:
		draw_fields(w, y, x, cw, r, wide_fields, selected);
		break;
	case COL_ICO:
	case COL_NCA: {
		int st = id == COL_ICO ? r->ico : r->nca;
		bool grave = bd_ref_status_rank(st) >= bd_ref_status_rank(BD_REF_UNDERTAKING);
		attr_t a = selected ? base : grave ? term_cell(R_EXPOSED) : base;
		term_text_attr(w, y, x, status_short(st), cw, a, false);
		break;
	}
	case COL_THREAT:
		/* which scale: Northern Ireland's for incidents there, else the UK's */
		snprintf(buf, sizeof buf, "%s %s", r->nation == BD_NORTHERN_IRELAND ? "NI" : "UK",
			 level_short(r->threat));
		term_text_attr(w, y, x, r->threat >= 0 ? buf : "-", cw,
			       selected ? base : term_cell(term_level_role(r->threat)), false);
		break;
	case COL_ORIGIN:
		term_text_attr(w, y, x, r->origin == BD_ORIGIN_VERIS ? "VERIS" : "ours", cw,
			       selected || r->origin != BD_ORIGIN_VERIS ? base : term_cell(R_KEY), false);
		break;
	case COL_TITLE:
		term_text_attr(w, y, x, r->title, cw, base, false);
		break;
	default:
		break;
	}
}

void columns_row(WINDOW *w, int y, const layout *l, const bd_row *r, bool selected, bool marked)
{
	term_fill(w, y, 0, COLS, selected ? R_SELECTED : R_ROW);
	int x = 0;
	for (int i = 0; i < l->n && x < COLS; i++) {
		int cw = col_width(l, i, x, COLS);
		if (cw > COLS - x)
			cw = COLS - x;
		cell(w, y, x, cw, r, l->cols[i].id, selected, marked, l->wide_fields);
		x += cw + 1;
	}
}
