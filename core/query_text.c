/* The search text as an FTS5 query: textsearch.h. Kept with the query
 * module as it reads the text index's vocabulary. */
#include "textsearch.h"
#include "store_db.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

enum { MAX_SPELLED = 8 };      /* words a prefix is spelled out into, at most */

/* The index's vocabulary, as a table of this connection's temporary schema
 * (so a read-only store has it too). */
static sqlite3_stmt *vocab_range(sqlite3 *db)
{
	sqlite3_stmt *s = NULL;
	const char *sql = "SELECT term FROM temp.incident_vocab WHERE term >= ?1 AND term < ?2"
			  " LIMIT ?3";
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK)
		return s;
	sqlite3_exec(db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.incident_vocab"
		     " USING fts5vocab(main, incident_fts, row)", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return NULL;
	return s;
}

/* A word the tokenizer keeps as it is, lower-cased: ASCII letters and
 * digits only (anything else is left to FTS5's own reading). */
static bool plain_word(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)w[i]))
			return false;
	return n > 0;
}

static bool token_chars(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isalnum((unsigned char)w[i]) || (unsigned char)w[i] >= 0x80)
			return true;
	return false;
}

/* Appends the query for one plain word to f: its words by name, or the
 * prefix when there are many. Returns how many words have the prefix
 * (MAX_SPELLED + 1 meaning more). */
static int spell(sqlite3_stmt *s, FILE *f, const char *w, size_t n)
{
	char lo[128], hi[128];
	if (n >= sizeof lo)
		return -1;
	for (size_t i = 0; i < n; i++)
		lo[i] = (char)tolower((unsigned char)w[i]);
	lo[n] = '\0';
	memcpy(hi, lo, n + 1);
	hi[n - 1]++;            /* 'z' + 1 and '9' + 1 still sort after */
	sqlite3_bind_text(s, 1, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, hi, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, MAX_SPELLED + 1);
	char *terms[MAX_SPELLED + 1];
	int k = 0;
	while (k <= MAX_SPELLED && sqlite3_step(s) == SQLITE_ROW)
		terms[k++] = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	if (k > 0 && k <= MAX_SPELLED) {
		fputc('(', f);
		for (int i = 0; i < k; i++)
			fprintf(f, "%s\"%s\"", i ? " OR " : "", terms[i] ? terms[i] : "");
		fputc(')', f);
	}
	for (int i = 0; i < k; i++)
		free(terms[i]);
	return k;
}

char *bd_text_search_query(bd_store *st, const char *text, bool *none)
{
	*none = false;
	sqlite3_stmt *s = vocab_range(bd_store_db(st));
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (!f) {
		sqlite3_finalize(s);
		return NULL;
	}
	bool any = false;
	for (const char *c = text; *c && !*none;) {
		c += strspn(c, " \t\r\n\v\f");
		size_t n = strcspn(c, " \t\r\n\v\f");
		if (!n)
			break;
		if (!token_chars(c, n)) {
			/* Punctuation alone ("-", "');") is no word to FTS5: as a
			 * query of its own it would match nothing. */
			c += n;
			continue;
		}
		if (any)
			fputs(" AND ", f);      /* no implicit AND after a ")" */
		int k = s && plain_word(c, n) ? spell(s, f, c, n) : -1;
		if (k == 0) {
			*none = true;
		} else if (k < 0 || k > MAX_SPELLED) {
			/* FTS5's own prefix query, quoted as the filter quotes it. */
			char *word = strndup(c, n), *lit = word ? bd_fts_literal(word) : NULL;
			fputs(lit ? lit : "\"\"", f);
			free(lit);
			free(word);
		}
		any = true;
		c += n;
	}
	fclose(f);
	sqlite3_finalize(s);
	if (!any || *none) {
		free(out);
		return NULL;
	}
	return out;
}
