/*
 * textsearch — a search text as an FTS5 query that is cheap to answer.
 *
 * Each word of a search is a prefix ("lapt" finds laptop). FTS5 answers a
 * prefix by merging the postings of every word that has it, whole, before
 * the first row; for a common word of a million incidents that is tens of
 * milliseconds each time it is asked. Where the index holds only a few
 * words with the prefix, they are asked for by name instead, which FTS5
 * reads as it goes ("laptop" OR "laptops").
 */
#ifndef BD_TEXTSEARCH_H
#define BD_TEXTSEARCH_H

#include <stdbool.h>

#include "store.h"

/* The FTS5 query for text (caller frees), or NULL: *none is then true
 * when a word of it is in no incident (nothing can match), false when
 * text holds no word at all or memory ran out. */
char *bd_text_search_query(bd_store *st, const char *text, bool *none);

#endif
