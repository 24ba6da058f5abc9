/*
 * columns — the cells of an incident row, drawn the same way by every list
 * view (tig's one column-drawing seam): date, force, kind, affected with its
 * log-scale bar, field glyphs, referral flags, threat level.
 */
#ifndef BD_COLUMNS_H
#define BD_COLUMNS_H

#include <stdbool.h>

#include "query.h"
#include "term.h"

enum col_id {
	COL_MARK, COL_DATE, COL_FORCE, COL_KIND, COL_AFFECTED, COL_BAR, COL_FIELDS,
	COL_ICO, COL_NCA, COL_THREAT, COL_ORIGIN, COL_TITLE, COL_COUNT
};

typedef struct column {
	int id;
	int width;              /* 0: fill the rest */
} column;

typedef struct layout {
	column cols[COL_COUNT];
	int n;
	bool wide_fields;       /* one cell per field type, else exposed letters only */
	int skipped;            /* optional columns scrolled off to the left */
} layout;

/* The columns that fit in `width` terminal columns, the title always among
 * them; `skip` optional columns scrolled off to the left. */
void layout_for(layout *l, int width, int skip);
/* The columns the user asked for (config file: "date,force,..."; names as
 * bd_column_names in config.h); layout_for leaves out the others. NULL: all. */
extern const char *layout_columns;
/* Draws the column header; the sort column gets an arrow. */
void columns_header(WINDOW *w, int y, const layout *l, int sort, bool desc);
/* Draws one row; selected rows are reversed, marked rows flagged. */
void columns_row(WINDOW *w, int y, const layout *l, const bd_row *r, bool selected, bool marked);
/* Short words for narrow cells. */
const char *kind_short(int kind);
const char *status_short(int status);
const char *level_short(int level);

#endif
