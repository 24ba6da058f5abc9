#include "links.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The figure that links records: what both count, the people affected. */
#define LINK_ABOUT "affected"

static bd_status db_error(bd_store *st, bd_error *err)
{
	return bd_fail(err, BD_ESTORE, "%s: %s", bd_store_path(st), sqlite3_errmsg(bd_store_db(st)));
}

static void strv_push(bd_strv *sv, const char *s)
{
	char **v = realloc(sv->v, (sv->n + 1) * sizeof *v);
	if (!v)
		return;
	sv->v = v;
	if ((v[sv->n] = strdup(s)))
		sv->n++;
}

static bool same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static bool exists(bd_store *st, const char *id)
{
	sqlite3_stmt *s;
	bool found = false;
	if (sqlite3_prepare_v2(bd_store_db(st), "SELECT 1 FROM incident WHERE id = ?1", -1, &s,
			       NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

static bd_status load_linked(bd_store *st, const bd_incident *inc, bd_strv *out, bd_error *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bd_store_db(st), "SELECT id FROM incident WHERE same_as = ?1"
			       " ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err);
	sqlite3_bind_text(s, 1, inc->id, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW)
		strv_push(out, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return BD_OK;
}

/* YYYYMM of the incident's date; 0 when it has no month. */
static int month_key(bd_date d)
{
	return d.year && d.month ? d.year * 100 + d.month : 0;
}

static bd_status load_possible(bd_store *st, const bd_incident *inc, bd_strv *out, bd_error *err)
{
	int month = month_key(bd_incident_date(inc));
	if (!month || !inc->force_short)
		return BD_OK;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(bd_store_db(st), "SELECT id, same_as FROM incident"
			       " WHERE force_short = ?1 AND date_key / 100 = ?2 AND id != ?3"
			       " ORDER BY date_key, id", -1, &s, NULL) != SQLITE_OK)
		return db_error(st, err);
	sqlite3_bind_text(s, 1, inc->force_short, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, month);
	sqlite3_bind_text(s, 3, inc->id, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		const char *other = (const char *)sqlite3_column_text(s, 1);
		if (!same(other, inc->id) && !same(inc->same_as, id) && !same(inc->same_as, other))
			strv_push(out, id);
	}
	sqlite3_finalize(s);
	return BD_OK;
}

static bd_figure *figure_push(bd_links *l)
{
	bd_figure *v = realloc(l->figures, (l->n_figures + 1) * sizeof *v);
	if (!v)
		return NULL;
	l->figures = v;
	memset(&v[l->n_figures], 0, sizeof *v);
	return &v[l->n_figures++];
}

/* A copy of f, or of the headline when f is NULL, cited by `from` (the
 * incident's id; NULL for the incident's own sources). */
static void add_figure(bd_links *l, const bd_incident *of, const bd_figure *f, const char *from)
{
	char value[48];
	const bd_strv *sources = f ? &f->sources : &of->affected_sources;
	if (!f)
		bd_format_affected(of->affected, of->qualifier, false, value, sizeof value);
	bd_figure *g = figure_push(l);
	if (!g)
		return;
	g->about = strdup(LINK_ABOUT);
	g->value = strdup(f ? f->value : value);
	g->note = f && f->note ? strdup(f->note) : NULL;
	for (size_t i = 0; i < sources->n; i++) {
		char *cite = NULL;
		if (!from)
			strv_push(&g->sources, sources->v[i]);
		else if (asprintf(&cite, "%s:%s", from, sources->v[i]) >= 0)
			strv_push(&g->sources, cite);
		free(cite);
	}
	if (!sources->n && from)
		strv_push(&g->sources, from);
}

/* Adds the incident's `affected` figures, or its headline when it has none
 * and a count; false when it has neither. */
static bool add_affected(bd_links *l, const bd_incident *of, const char *from)
{
	bool any = false;
	for (size_t i = 0; i < of->n_figures; i++)
		if (!strcmp(of->figures[i].about, LINK_ABOUT)) {
			if (from)
				add_figure(l, of, &of->figures[i], from);
			any = true;
		}
	if (!any && of->affected >= 0) {
		add_figure(l, of, NULL, from);
		any = true;
	}
	return any;
}

static void load_figures(bd_store *st, const bd_incident *inc, bd_links *l)
{
	bool theirs = false;
	for (size_t i = 0; i < l->linked.n; i++) {
		bd_incident other;
		if (bd_store_get(st, l->linked.v[i], &other, NULL) != BD_OK)
			continue;
		theirs |= add_affected(l, &other, other.id);
		bd_incident_free(&other);
	}
	if (!theirs)
		return;
	/* Our own `affected` figures are in inc; a headline with none is not. */
	bool own = false;
	for (size_t i = 0; i < inc->n_figures && !own; i++)
		own = !strcmp(inc->figures[i].about, LINK_ABOUT);
	if (!own && inc->affected >= 0)
		add_figure(l, inc, NULL, NULL);
}

bd_status bd_links_load(bd_store *st, const bd_incident *inc, bd_links *out, bd_error *err)
{
	memset(out, 0, sizeof *out);
	if (inc->same_as)
		out->same_as_found = exists(st, inc->same_as);
	bd_status s = load_linked(st, inc, &out->linked, err);
	if (s == BD_OK)
		s = load_possible(st, inc, &out->possible, err);
	if (s == BD_OK)
		load_figures(st, inc, out);
	if (s != BD_OK)
		bd_links_free(out);
	return s;
}

void bd_links_free(bd_links *l)
{
	bd_strv_free(&l->linked);
	bd_strv_free(&l->possible);
	for (size_t i = 0; i < l->n_figures; i++) {
		free(l->figures[i].about);
		free(l->figures[i].value);
		free(l->figures[i].note);
		bd_strv_free(&l->figures[i].sources);
	}
	free(l->figures);
	memset(l, 0, sizeof *l);
}

size_t bd_links_conflicts(const bd_incident *inc, const bd_links *l,
			  bd_links_conflict_fn fn, void *ctx)
{
	size_t n = inc->n_figures + (l ? l->n_figures : 0), found = 0;
	const bd_figure **all = malloc((n ? n : 1) * sizeof *all);
	const bd_figure **group = malloc((n ? n : 1) * sizeof *group);
	for (size_t i = 0; all && i < n; i++)
		all[i] = i < inc->n_figures ? &inc->figures[i] : &l->figures[i - inc->n_figures];
	for (size_t i = 0; all && group && i < n; i++) {
		const char *about = all[i]->about;
		bool seen = false, differs = false;
		size_t k = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(all[j]->about, about);
		for (size_t j = i; !seen && j < n; j++) {
			if (strcmp(all[j]->about, about))
				continue;
			group[k++] = all[j];
			differs |= strcmp(all[j]->value, all[i]->value) != 0;
		}
		if (!seen && differs) {
			found++;
			if (fn)
				fn(ctx, about, group, k);
		}
	}
	free(all);
	free(group);
	return found;
}

static bd_status group_rows(sqlite3_stmt *rows, const char *force_short, int month,
			    bd_dup_group_fn fn, void *ctx)
{
	bd_dup_row *v = NULL;
	size_t n = 0;
	sqlite3_bind_text(rows, 1, force_short, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(rows, 2, month);
	while (sqlite3_step(rows) == SQLITE_ROW) {
		bd_dup_row *w = realloc(v, (n + 1) * sizeof *w);
		if (!w)
			break;
		v = w;
		const char *same_as = (const char *)sqlite3_column_text(rows, 2);
		v[n++] = (bd_dup_row){
			.id = strdup((const char *)sqlite3_column_text(rows, 0)),
			.title = strdup((const char *)sqlite3_column_text(rows, 1)),
			.same_as = same_as ? strdup(same_as) : NULL,
			.date = bd_date_from_key(sqlite3_column_int(rows, 3)),
			.affected = sqlite3_column_int64(rows, 4),
			.qualifier = sqlite3_column_int(rows, 5),
		};
	}
	sqlite3_reset(rows);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			v[i].n_linked += same(v[j].same_as, v[i].id);
	if (n > 1)
		fn(ctx, force_short, bd_date_from_key(month * 100), v, n);
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].title);
		free(v[i].same_as);
	}
	free(v);
	return BD_OK;
}

bd_status bd_links_groups(bd_store *st, bd_dup_group_fn fn, void *ctx, bd_error *err)
{
	sqlite3 *db = bd_store_db(st);
	sqlite3_stmt *groups = NULL, *rows = NULL;
	if (sqlite3_prepare_v2(db, "SELECT force_short, date_key / 100 AS month FROM incident"
			       " WHERE (date_key / 100) % 100 != 0 GROUP BY force_short, month"
			       " HAVING count(*) > 1 ORDER BY month, force_short", -1, &groups,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT id, title, same_as, date_key, affected, qualifier"
			       " FROM incident WHERE force_short = ?1 AND date_key / 100 = ?2"
			       " ORDER BY date_key, id", -1, &rows, NULL) != SQLITE_OK) {
		bd_status s = db_error(st, err);
		sqlite3_finalize(groups);
		return s;
	}
	bd_status s = BD_OK;
	int rc;
	while (s == BD_OK && (rc = sqlite3_step(groups)) == SQLITE_ROW)
		s = group_rows(rows, (const char *)sqlite3_column_text(groups, 0),
			       sqlite3_column_int(groups, 1), fn, ctx);
	if (s == BD_OK && rc != SQLITE_DONE)
		s = db_error(st, err);
	sqlite3_finalize(groups);
	sqlite3_finalize(rows);
	return s;
}

bool bd_dup_row_linked(const bd_dup_row *rows, size_t n, size_t i)
{
	for (size_t j = 0; j < n; j++)
		if (j != i && (same(rows[i].same_as, rows[j].id) || same(rows[j].same_as, rows[i].id) ||
			       same(rows[i].same_as, rows[j].same_as)))
			return true;
	return false;
}
