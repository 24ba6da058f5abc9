#include "links.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The figure that links records: what both count, the people affected. */
#define LINK_ABOUT "affected"

void bd_links_strv_push(bd_strv *sv, const char *s)
{
	char **v = realloc(sv->v, (sv->n + 1) * sizeof *v);
	if (!v)
		return;
	sv->v = v;
	if ((v[sv->n] = strdup(s)))
		sv->n++;
}

bool bd_links_same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
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
			bd_links_strv_push(&g->sources, sources->v[i]);
		else if (asprintf(&cite, "%s:%s", from, sources->v[i]) >= 0)
			bd_links_strv_push(&g->sources, cite);
		free(cite);
	}
	if (!sources->n && from)
		bd_links_strv_push(&g->sources, from);
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

bd_status bd_links_load_figures(bd_store *st, const bd_incident *inc, bd_links *out, bd_error *err)
{
	memset(out, 0, sizeof *out);
	bd_status s = bd_links_read_linked(st, inc, &out->linked, err);
	if (s == BD_OK)
		load_figures(st, inc, out);
	else
		bd_links_free(out);
	return s;
}

bd_status bd_links_load(bd_store *st, const bd_incident *inc, bd_links *out, bd_error *err)
{
	memset(out, 0, sizeof *out);
	if (inc->same_as)
		out->same_as_found = bd_links_exists(st, inc->same_as);
	bd_status s = bd_links_read_linked(st, inc, &out->linked, err);
	if (s == BD_OK)
		s = bd_links_read_possible(st, inc, &out->possible, err);
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

bool bd_dup_pair_linked(const bd_dup_row *a, const bd_dup_row *b)
{
	return bd_links_same(a->same_as, b->id) || bd_links_same(b->same_as, a->id) ||
	       bd_links_same(a->same_as, b->same_as);
}

/* Whether the space-separated list names id. */
static bool listed(const char *list, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = list; p && (p = strstr(p, id)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

bool bd_dup_pair_distinct(const bd_dup_row *a, const bd_dup_row *b)
{
	return listed(a->distinct, b->id) || listed(b->distinct, a->id);
}

bool bd_dup_row_linked(const bd_dup_row *rows, size_t n, size_t i)
{
	for (size_t j = 0; j < n; j++)
		if (j != i && bd_dup_pair_linked(&rows[i], &rows[j]))
			return true;
	return false;
}

/* The row a row's same_as names in the group, else the row itself: a mark
 * on the primary holds for the records linked to it. */
static const bd_dup_row *primary_of(const bd_dup_row *rows, size_t n, const bd_dup_row *r)
{
	for (size_t k = 0; r->same_as && k < n; k++)
		if (!strcmp(rows[k].id, r->same_as))
			return &rows[k];
	return r;
}

bool bd_dup_pair_possible(const bd_dup_row *rows, size_t n, size_t i, size_t j)
{
	const bd_dup_row *a = &rows[i], *b = &rows[j];
	const bd_dup_row *pa = primary_of(rows, n, a), *pb = primary_of(rows, n, b);
	return !bd_dup_pair_linked(a, b) && !bd_dup_pair_distinct(a, b) &&
	       !bd_dup_pair_distinct(pa, pb) && !bd_dup_pair_distinct(pa, b) &&
	       !bd_dup_pair_distinct(a, pb);
}

bool bd_dup_row_possible(const bd_dup_row *rows, size_t n, size_t i)
{
	for (size_t j = 0; j < n; j++)
		if (j != i && bd_dup_pair_possible(rows, n, i, j))
			return true;
	return false;
}

char *bd_links_joined(const bd_strv *sv)
{
	size_t len = 0;
	for (size_t i = 0; i < sv->n; i++)
		len += strlen(sv->v[i]) + 1;
	char *out = len ? malloc(len) : NULL;
	if (!out)
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			strcat(out, " ");
		strcat(out, sv->v[i]);
	}
	return out;
}
