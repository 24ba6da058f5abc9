#include "filter.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "store.h"
#include "vocab.h"

typedef struct param {
	bool is_text;
	bool fts;               /* the query of a full-text term, not negated */
	long long i;
	char *s;
} param;

/* Where a full-text term goes. Listing a window wants "+rowid IN (...)":
 * the unary plus keeps SQLite walking the sort index and checking the
 * (materialised) matches, instead of fetching every match and sorting them
 * (12 ms instead of 144 ms for force:psni over a million incidents, newest
 * first). Counting wants the plain form, driven by the matches; so does a
 * window of few matches in an order they cluster in (query.h, few). */
#define FTS_MARK "\x01"

struct bd_filter {
	char *text;
	char *sql;              /* for windows: "+rowid IN" */
	char *count_sql;        /* for counts: "rowid IN" */
	size_t sql_len;
	FILE *sql_out;
	param *params;
	size_t n_params, cap_params;
	bool negating;          /* in a -TERM */
	int n_terms;
};

const char bd_filter_help[] =
	"force:NAME      force, short name or supplier has a word starting NAME\n"
	"kind:KIND       supplier-compromise, accidental-disclosure, theft, loss, ...\n"
	"nation:NATION   england, wales, scotland, \"northern ireland\", outside-uk,\n"
	"                uk-unknown (in the UK, nation unknown), unknown (country unknown)\n"
	"field:FIELD     FIELD was exposed (name, rank, photo, vetting-level, ...)\n"
	"safe:FIELD      FIELD is known not to have been exposed\n"
	"unknown:FIELD   no source says whether FIELD was exposed (nor that it was lost)\n"
	"lost:FIELD      FIELD was lost, deleted or destroyed (availability, not exposure)\n"
	"reported:FIELD  FIELD was exposed by hedged reports only (\"might have been\")\n"
	"ico:yes|no|STATUS  nca:...  iopc:...   the furthest status: referred, investigating,\n"
	"                closed, undertaking, reprimand, enforcement-notice, fine\n"
	"threat:LEVEL    level in force: low, moderate, substantial, severe, critical\n"
	"origin:native|veris   id:ID   year:YYYY   org:SHORT (exactly that short name)\n"
	"country:GB      country code (ISO 3166-1)   industry:police|NAICS  code prefix\n"
	"affected>N  affected<N  date>=YYYY[-MM[-DD]]  date<...   (also =, >=, <=)\n"
	"-TERM           negates a term;  other words match title, summary and names\n";

static void add_int(bd_filter *f, long long v)
{
	if (f->n_params == f->cap_params) {
		f->cap_params = f->cap_params ? f->cap_params * 2 : 8;
		f->params = realloc(f->params, f->cap_params * sizeof *f->params);
	}
	f->params[f->n_params++] = (param){ .i = v };
}

static void add_text(bd_filter *f, const char *s)
{
	add_int(f, 0);
	f->params[f->n_params - 1].is_text = true;
	f->params[f->n_params - 1].s = strdup(s);
}

static void add_fts(bd_filter *f, const char *match)
{
	add_text(f, match);
	f->params[f->n_params - 1].fts = !f->negating;
}

/* Splits the next term off *p: returns it (caller frees) with quotes
 * removed, and its starting column. NULL at the end. */
static char *next_term(const char **p, const char *start, int *col)
{
	const char *s = *p;
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return NULL;
	*col = (int)(s - start) + 1;
	char *out = malloc(strlen(s) + 1), *o = out;
	bool quoted = false;
	for (; *s && (quoted || !isspace((unsigned char)*s)); s++) {
		if (*s == '"')
			quoted = !quoted;
		else
			*o++ = *s;
	}
	*o = '\0';
	*p = s;
	/* An unclosed quote runs to the end of the text: filters never fail
	 * on quotes (they may be part of what is searched for). */
	return out;
}

/* Finds a vocabulary entry by name, label, or a unique prefix of a name
 * ("supplier" for supplier-compromise); spaces match hyphens. */
static int vocab_lookup(const bd_vocab *v, const char *value)
{
	char *norm = strdup(value);
	for (char *c = norm; *c; c++)
		if (*c == ' ' || *c == '_')
			*c = '-';
	int found = bd_vocab_match(v, norm);
	if (found < 0) {
		size_t n = strlen(norm);
		for (size_t k = 0; k < v->count; k++) {
			int i = bd_vocab_at(v, k);
			if (strncasecmp(v->entries[i].name, norm, n) == 0) {
				if (found >= 0) {
					found = -1;
					break;
				}
				found = i;
			}
		}
	}
	if (found < 0)
		found = bd_vocab_match(v, value);
	free(norm);
	return found;
}

static bool parse_number(const char *s, long long *out)
{
	char *end;
	char clean[32];
	size_t o = 0;
	for (; *s && o + 1 < sizeof clean; s++)
		if (*s != ',' && *s != '_')
			clean[o++] = *s;
	clean[o] = '\0';
	if (!o)
		return false;
	*out = strtoll(clean, &end, 10);
	return *end == '\0' && *out >= 0;
}

static bd_status term_error(bd_error *err, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bd_status term_error(bd_error *err, int col, const char *fmt, ...)
{
	char *msg = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	bd_fail(err, BD_EUSAGE, "filter, column %d: %s", col, msg ? msg : "bad term");
	free(msg);
	return BD_EUSAGE;
}

static bd_status referral_term(bd_filter *f, const char *column, const char *value,
			       int col, bd_error *err)
{
	int st;
	if (!strcasecmp(value, "yes") || !strcasecmp(value, "y") || !strcmp(value, "1"))
		fprintf(f->sql_out, "%s >= 0", column);
	else if (!strcasecmp(value, "no") || !strcasecmp(value, "n") || !strcmp(value, "0"))
		fprintf(f->sql_out, "%s < 0", column);
	else if ((st = vocab_lookup(&bd_ref_statuses, value)) >= 0) {
		fprintf(f->sql_out, "%s = ?", column);
		add_int(f, st);
	} else
		return term_error(err, col, "\"%s\": expected yes, no or a status (referred, investigating, closed, undertaking, reprimand, enforcement-notice, fine)", value);
	return BD_OK;
}

static bd_status field_term(bd_filter *f, const char *key, const char *value,
			    int col, bd_error *err)
{
	int fi = vocab_lookup(&bd_fields, value);
	if (fi < 0)
		return term_error(err, col, "\"%s\" is not a field type (see data/SCHEMA.md)", value);
	if (!strcasecmp(key, "field") || !strcasecmp(key, "exposed"))
		fprintf(f->sql_out, "(exposed & ?) != 0");
	else if (!strcasecmp(key, "unknown"))
		fprintf(f->sql_out, "((exposed | not_exposed | lost) & ?) = 0");
	else if (!strcasecmp(key, "lost"))
		fprintf(f->sql_out, "(lost & ?) != 0");
	else if (!strcasecmp(key, "reported"))
		fprintf(f->sql_out, "(reported & ?) != 0");
	else
		fprintf(f->sql_out, "(not_exposed & ?) != 0");
	add_int(f, 1ll << fi);
	return BD_OK;
}

static bd_status vocab_term(bd_filter *f, const char *column, const bd_vocab *v,
			    const char *value, int col, bd_error *err)
{
	int i = vocab_lookup(v, value);
	if (i < 0)
		return term_error(err, col, "\"%s\" is not a %s", value, v->what);
	fprintf(f->sql_out, "%s = ?", column);
	add_int(f, i);
	return BD_OK;
}

/* country:CC (ISO 3166-1; "uk" is GB) and industry:NAICS (a code prefix;
 * "police" is 92212). Rows stored before these columns were filled count
 * as a native record counts now: a UK police force. */
static bd_status origin_term(bd_filter *f, const char *key, const char *value)
{
	if (!strcasecmp(key, "country")) {
		fprintf(f->sql_out, "upper(ifnull(country, CASE WHEN origin = %d AND nation IN (%d, %d, %d, %d, %d)"
			" THEN '%s' ELSE '' END)) = upper(?)", BD_ORIGIN_NATIVE, BD_ENGLAND, BD_WALES, BD_SCOTLAND,
			BD_NORTHERN_IRELAND, BD_UK_UNKNOWN, BD_COUNTRY_UK);
		add_text(f, !strcasecmp(value, "uk") ? BD_COUNTRY_UK : value);
		return BD_OK;
	}
	const char *code = !strcasecmp(value, "police") ? "92212" : value;
	bool prefix = code[strspn(code, "0123456789")] == '\0';
	fprintf(f->sql_out, "%s(ifnull(industry, CASE WHEN origin = %d THEN '%s' ELSE '' END)%s",
		prefix ? "instr" : "lower", BD_ORIGIN_NATIVE, BD_NAICS_POLICE,
		prefix ? ", ?) = 1" : ") = lower(?)");
	add_text(f, code);
	return BD_OK;
}

/* Plain words go through the full-text index's organisation column, so
 * the filter costs the matches, not a scan of every row; anything with
 * punctuation, which the index does not keep, is matched as a literal
 * substring instead. */
static bd_status force_term(bd_filter *f, const char *value, int col, bd_error *err)
{
	bool words_only = true;
	for (const unsigned char *c = (const unsigned char *)value; *c; c++)
		if (!isalnum(*c) && *c != ' ' && *c != '-')
			words_only = false;
	char *words = words_only ? bd_fts_literal(value) : NULL, *match = NULL;
	if (words && asprintf(&match, "force : ( %s )", words) >= 0) {
		fprintf(f->sql_out, FTS_MARK "rowid IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?)");
		add_fts(f, match);
	} else {
		fprintf(f->sql_out, "instr(lower(force || ' ' || force_short || ' ' ||"
			" ifnull(supplier, '')), lower(?)) > 0");
		add_text(f, value);
	}
	free(match);
	free(words);
	(void)col;
	(void)err;
	return BD_OK;
}

/* The IOPC's furthest status by bd_ref_status_rank, -1 when the record has
 * none: the order is the rank's, not the stored value's. */
static void iopc_status_sql(char *out, size_t size)
{
	int n = snprintf(out, size, "ifnull((SELECT r.status FROM referral r WHERE"
			 " r.incident = incident.rowid AND r.body = %d ORDER BY CASE r.status",
			 BD_BODY_IOPC);
	for (size_t st = 0; st < bd_ref_statuses.count; st++)
		n += snprintf(out + n, size - (size_t)n, " WHEN %zu THEN %d", st,
			      bd_ref_status_rank((int)st));
	snprintf(out + n, size - (size_t)n, " END DESC LIMIT 1), -1)");
}

static bd_status colon_term(bd_filter *f, const char *key, const char *value,
			    int col, bd_error *err)
{
	if (!*value)
		return term_error(err, col, "\"%s:\" needs a value", key);
	if (!strcasecmp(key, "force") || !strcasecmp(key, "org")) {
		return force_term(f, value, col, err);
	} else if (!strcasecmp(key, "kind"))
		return vocab_term(f, "kind", &bd_kinds, value, col, err);
	else if (!strcasecmp(key, "nation"))
		return vocab_term(f, "nation", &bd_nations, value, col, err);
	else if (!strcasecmp(key, "origin"))
		return vocab_term(f, "origin", &bd_origins, value, col, err);
	else if (!strcasecmp(key, "threat"))
		return vocab_term(f, "threat", &bd_levels, value, col, err);
	else if (!strcasecmp(key, "field") || !strcasecmp(key, "exposed") ||
		 !strcasecmp(key, "safe") || !strcasecmp(key, "unknown") ||
		 !strcasecmp(key, "lost") || !strcasecmp(key, "reported"))
		return field_term(f, key, value, col, err);
	else if (!strcasecmp(key, "ico") || !strcasecmp(key, "nca"))
		return referral_term(f, strcasecmp(key, "ico") ? "nca" : "ico", value, col, err);
	else if (!strcasecmp(key, "iopc")) {
		/* The furthest status, -1 when never told, as the ico and nca
		 * columns hold it: an EXISTS over referrals could never match
		 * "iopc:no". */
		char column[400];
		iopc_status_sql(column, sizeof column);
		return referral_term(f, column, value, col, err);
	} else if (!strcasecmp(key, "id")) {
		fprintf(f->sql_out, "id = ?");
		add_text(f, value);
	} else if (!strcasecmp(key, "org")) {
		/* exactly this short name: a breakdown's group, not a word match */
		fprintf(f->sql_out, "force_short = ?");
		add_text(f, value);
	} else if (!strcasecmp(key, "country") || !strcasecmp(key, "industry")) {
		return origin_term(f, key, value);
	} else if (!strcasecmp(key, "year")) {
		long long y;
		if (!parse_number(value, &y) || y < 1000 || y > 9999)
			return term_error(err, col, "\"%s\": expected a year", value);
		fprintf(f->sql_out, "date_key BETWEEN ? AND ?");
		add_int(f, y * 10000);
		add_int(f, y * 10000 + 9999);
	} else
		return term_error(err, col, "unknown key \"%s\" (press ? for the filter keys)", key);
	return BD_OK;
}

static bd_status compare_term(bd_filter *f, const char *key, const char *op,
			      const char *value, int col, bd_error *err)
{
	long long n;
	if (!strcasecmp(key, "affected")) {
		if (!parse_number(value, &n))
			return term_error(err, col, "\"%s\": expected a number", value);
		fprintf(f->sql_out, "(affected >= 0 AND affected %s ?)", op);
		add_int(f, n);
	} else if (!strcasecmp(key, "date") || !strcasecmp(key, "year")) {
		bd_date d;
		if (!bd_date_parse(value, &d))
			return term_error(err, col, "\"%s\": expected a date YYYY[-MM[-DD]]", value);
		/* A partial bound covers its whole span: date<=2023 includes
		 * 2023-12-31, date>2023 starts in 2024. */
		int lo = bd_date_key(d);
		int hi = bd_date_key(bd_date_last_day(d));
		fprintf(f->sql_out, "(date_key > 0 AND ");
		if (!strcmp(op, ">"))
			fprintf(f->sql_out, "date_key > ?)"), add_int(f, hi);
		else if (!strcmp(op, ">="))
			fprintf(f->sql_out, "date_key >= ?)"), add_int(f, lo);
		else if (!strcmp(op, "<"))
			fprintf(f->sql_out, "date_key < ?)"), add_int(f, lo);
		else if (!strcmp(op, "<="))
			fprintf(f->sql_out, "date_key <= ?)"), add_int(f, hi);
		else
			fprintf(f->sql_out, "date_key BETWEEN ? AND ?)"), add_int(f, lo), add_int(f, hi);
	} else
		return term_error(err, col, "\"%s\" cannot be compared; use affected or date", key);
	return BD_OK;
}

char *bd_fts_literal(const char *text)
{
	size_t n = strlen(text);
	/* worst case: one-character words that are quotes, each becoming """"* */
	char *out = malloc(n * 6 + 16), *o = out;
	bool any = false, in_word = false;
	if (!out)
		return NULL;
	for (const char *c = text;; c++) {
		bool word_char = *c && !isspace((unsigned char)*c);
		if (word_char && !in_word) {
			if (any)
				*o++ = ' ';
			*o++ = '"';
			in_word = any = true;
		}
		if (!word_char && in_word) {
			*o++ = '"';
			*o++ = '*';
			in_word = false;
		}
		if (!*c)
			break;
		if (word_char) {
			if (*c == '"')
				*o++ = '"';
			*o++ = *c;
		}
	}
	*o = '\0';
	if (!any) {
		free(out);
		return NULL;
	}
	return out;
}

static bool has_token_char(const char *s)
{
	for (; *s; s++)
		if (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return true;
	return false;
}

static bd_status word_term(bd_filter *f, const char *word)
{
	/* Punctuation alone ("-", "*") is no word: as its own FTS5 query it
	 * matches nothing, and would take the whole filter down with it. */
	char *q = has_token_char(word) ? bd_fts_literal(word) : NULL;
	if (!q) {
		fprintf(f->sql_out, "1");
		return BD_OK;
	}
	fprintf(f->sql_out, FTS_MARK "rowid IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH ?)");
	add_fts(f, q);
	free(q);
	return BD_OK;
}

static bd_status one_term(bd_filter *f, char *term, int col, bd_error *err)
{
	static const char *const ops[] = { ">=", "<=", ">", "<", "=", NULL };
	bool negate = term[0] == '-' && term[1];
	char *t = negate ? term + 1 : term;
	f->negating = negate;
	if (negate)
		fprintf(f->sql_out, "NOT ");
	fprintf(f->sql_out, "(");
	bd_status s;
	size_t keylen = strcspn(t, ":<>=");
	if (keylen == 0 || keylen == strlen(t)) {
		s = word_term(f, t);
	} else if (t[keylen] == ':') {
		t[keylen] = '\0';
		s = colon_term(f, t, t + keylen + 1, col, err);
	} else {
		const char *op = NULL;
		for (const char *const *o = ops; *o && !op; o++)
			if (strncmp(t + keylen, *o, strlen(*o)) == 0)
				op = *o;
		char *value = t + keylen + strlen(op);
		t[keylen] = '\0';
		s = compare_term(f, t, op, value, col, err);
	}
	fprintf(f->sql_out, ")");
	return s;
}

bd_status bd_filter_parse(const char *text, bd_filter **out, bd_error *err)
{
	bd_filter *f = calloc(1, sizeof *f);
	*out = NULL;
	if (!f)
		return bd_fail(err, BD_ENOMEM, "out of memory");
	f->text = strdup(text ? text : "");
	f->sql_out = open_memstream(&f->sql, &f->sql_len);
	const char *p = f->text;
	int col, n = 0;
	char *term;
	bd_status s = BD_OK;
	while (s == BD_OK && (term = next_term(&p, f->text, &col))) {
		if (n == BD_FILTER_MAX_TERMS) {
			s = term_error(err, col, "too many terms (at most %d)", BD_FILTER_MAX_TERMS);
			free(term);
			break;
		}
		if (n++)
			fprintf(f->sql_out, " AND ");
		s = one_term(f, term, col, err);
		free(term);
	}
	if (n == 0)
		fprintf(f->sql_out, "1");
	f->n_terms = n;
	fclose(f->sql_out);
	f->sql_out = NULL;
	if (s == BD_OK && !(f->count_sql = strdup(f->sql)))
		s = bd_fail(err, BD_ENOMEM, "out of memory");
	for (char *a = f->sql, *b = f->count_sql; s == BD_OK && *a; a++, b++)
		if (*a == FTS_MARK[0]) {
			*a = '+';
			*b = ' ';
		}
	if (s != BD_OK) {
		bd_filter_free(f);
		return s;
	}
	*out = f;
	return BD_OK;
}

void bd_filter_free(bd_filter *f)
{
	if (!f)
		return;
	if (f->sql_out)
		fclose(f->sql_out);
	for (size_t i = 0; i < f->n_params; i++)
		free(f->params[i].s);
	free(f->params);
	free(f->sql);
	free(f->count_sql);
	free(f->text);
	free(f);
}

bool bd_filter_is_empty(const bd_filter *f)
{
	return !f || (f->n_params == 0 && strcmp(f->sql, "1") == 0);
}

const char *bd_filter_text(const bd_filter *f)
{
	return f ? f->text : "";
}

const char *bd_filter_fts(const bd_filter *f, size_t i)
{
	for (size_t k = 0; f && k < f->n_params; k++)
		if (f->params[k].fts && i-- == 0)
			return f->params[k].s;
	return NULL;
}

bool bd_filter_fts_only(const bd_filter *f)
{
	size_t n = 0;
	for (size_t k = 0; f && k < f->n_params; k++)
		n += f->params[k].fts;
	return f && f->n_terms > 0 && n == (size_t)f->n_terms && n == f->n_params;
}

const char *bd_filter_count_sql(const bd_filter *f)
{
	return f ? f->count_sql : "1";
}

const char *bd_filter_sql(const bd_filter *f)
{
	return f ? f->sql : "1";
}

size_t bd_filter_n_params(const bd_filter *f)
{
	return f ? f->n_params : 0;
}

bool bd_filter_param(const bd_filter *f, size_t i, const char **text, long long *num)
{
	*text = f->params[i].is_text ? f->params[i].s : NULL;
	*num = f->params[i].i;
	return f->params[i].is_text;
}
