/*
 * filter — the filter language shared by the dashboard (f) and the command
 * line (--filter).
 *
 *   force:psni kind:theft affected>1000 field:photo ico:yes nation:"northern ireland"
 *
 * Terms are ANDed; a leading '-' negates a term. `key:value` compares a
 * column; `key>N`, `key>=N`, `key<N`, `key<=N`, `key=N` compare numbers and
 * dates; any other word matches the id, title, summary and organisation as a
 * literal word prefix (through the full-text index). Everything the user
 * types reaches SQLite as a bound parameter, never as SQL.
 */
#ifndef BD_FILTER_H
#define BD_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct bd_filter bd_filter;

/* At most this many terms: SQLite refuses an expression deeper than 1000,
 * and a longer filter is a usage error rather than an SQL error. */
#define BD_FILTER_MAX_TERMS 100

/* NULL or blank text gives an empty filter that matches everything. The
 * error message names the column and what is wrong. */
bd_status bd_filter_parse(const char *text, bd_filter **out, bd_error *err);
void bd_filter_free(bd_filter *f);
bool bd_filter_is_empty(const bd_filter *f);
const char *bd_filter_text(const bd_filter *f);
/* The WHERE expression (over table incident) and its parameters, in the
 * order of its `?`s: the i-th is text (*text, true returned) or an integer
 * (*num). The query module binds them (filter itself runs no SQL). */
const char *bd_filter_sql(const bd_filter *f);
size_t bd_filter_n_params(const bd_filter *f);
bool bd_filter_param(const bd_filter *f, size_t i, const char **text, long long *num);
/* The full-text query (FTS5 MATCH) of the i-th term that goes through the
 * text index and is not negated; NULL past the last. */
const char *bd_filter_fts(const bd_filter *f, size_t i);
/* Whether every term is such a full-text term: the text index alone can
 * then count the matches. */
bool bd_filter_fts_only(const bd_filter *f);
/* The same expression shaped for counting (bound the same way), which is
 * also the shape for reading a window when the matches are few. */
const char *bd_filter_count_sql(const bd_filter *f);
/* One line per key, for help texts. */
extern const char bd_filter_help[];
/* An FTS5 query matching every word of text literally as a prefix; caller
 * frees. NULL when text has no words. */
char *bd_fts_literal(const char *text);

#endif
