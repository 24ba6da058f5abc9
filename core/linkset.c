#include "linkset.h"

#include <stdlib.h>
#include <string.h>

#include "links.h"

static const struct {
	const char *name, *label;
} kinds[] = {
#define BD_LINK_ROW(e, name, label) [e] = { name, label },
	BD_LINK_KINDS(BD_LINK_ROW)
#undef BD_LINK_ROW
};

enum { N_KINDS = sizeof kinds / sizeof kinds[0] };

int bd_link_kind_parse(const char *s)
{
	for (int k = 0; s && *s && k < N_KINDS; k++)
		if (!strcmp(s, kinds[k].name) || (!s[1] && s[0] == kinds[k].name[0]))
			return k;
	return -1;
}

const char *bd_link_kind_label(bd_link_kind k)
{
	return (int)k >= 0 && (int)k < (int)N_KINDS ? kinds[k].label : "";
}

static bool strv_has(const bd_strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (!strcmp(sv->v[i], s))
			return true;
	return false;
}

/* Removes s from sv; whether it was there. */
static bool strv_drop(bd_strv *sv, const char *s)
{
	size_t kept = 0;
	for (size_t i = 0; i < sv->n; i++) {
		if (strcmp(sv->v[i], s))
			sv->v[kept++] = sv->v[i];
		else
			free(sv->v[i]);
	}
	bool dropped = kept < sv->n;
	sv->n = kept;
	return dropped;
}

/* Clears inc's same_as when it names other; whether it did. */
static bool drop_same(bd_incident *inc, const char *other)
{
	if (!bd_links_same(inc->same_as, other))
		return false;
	free(inc->same_as);
	inc->same_as = NULL;
	return true;
}

/* Whether a may point at b: b is no record of another primary, and no
 * record points at a (a chain would leave a breach counted twice). */
static bd_status may_link(bd_store *st, const bd_incident *a, const bd_incident *b, bd_error *err)
{
	if (b->same_as && strcmp(b->same_as, a->id))
		return bd_fail(err, BD_EDATA, "%s is itself the same breach as %s; link %s to %s, "
			       "the primary", b->id, b->same_as, a->id, b->same_as);
	bd_strv linked = { 0 };
	bd_status s = bd_links_read_linked(st, a, &linked, err);
	size_t others = linked.n - (strv_has(&linked, b->id) ? 1 : 0);
	if (s == BD_OK && others > 0)
		s = bd_fail(err, BD_EDATA, "%zu other record%s %s linked to %s as the same breach; "
			    "link %s to %s instead", others, others == 1 ? "" : "s",
			    others == 1 ? "is" : "are", a->id, b->id, a->id);
	bd_strv_free(&linked);
	return s;
}

/* The change to a and b in memory; which of them changed, in ch[]. */
static bd_status apply(bd_incident *a, bd_incident *b, bd_link_kind kind, bool ch[2], bd_error *err)
{
	switch (kind) {
	case BD_LINK_SAME:
		if (!bd_links_same(a->same_as, b->id)) {
			char *id = strdup(b->id);
			if (!id)
				return bd_fail(err, BD_ENOMEM, "out of memory");
			free(a->same_as);
			a->same_as = id;
			ch[0] = true;
		}
		ch[1] |= drop_same(b, a->id);
		ch[0] |= strv_drop(&a->distinct_from, b->id);
		ch[1] |= strv_drop(&b->distinct_from, a->id);
		break;
	case BD_LINK_DISTINCT:
		ch[0] |= drop_same(a, b->id);
		ch[1] |= drop_same(b, a->id);
		if (!strv_has(&a->distinct_from, b->id) && !strv_has(&b->distinct_from, a->id)) {
			size_t n = a->distinct_from.n;
			bd_links_strv_push(&a->distinct_from, b->id);
			if (a->distinct_from.n == n)
				return bd_fail(err, BD_ENOMEM, "out of memory");
			ch[0] = true;
		}
		break;
	case BD_LINK_NONE:
		ch[0] |= drop_same(a, b->id);
		ch[0] |= strv_drop(&a->distinct_from, b->id);
		ch[1] |= drop_same(b, a->id);
		ch[1] |= strv_drop(&b->distinct_from, a->id);
		break;
	}
	return BD_OK;
}

static bd_status link_loaded(bd_dataset *ds, bd_incident *a, bd_incident *b, bd_link_kind kind,
			     bool *changed, bd_error *err)
{
	bool ch[2] = { false, false };
	bd_status s = kind == BD_LINK_SAME ? may_link(ds->store, a, b, err) : BD_OK;
	if (s == BD_OK)
		s = apply(a, b, kind, ch, err);
	if (s == BD_OK && ch[0])
		s = bd_store_put(ds->store, a, &ds->threats, NULL, err);
	if (s == BD_OK && ch[1])
		s = bd_store_put(ds->store, b, &ds->threats, NULL, err);
	if (changed)
		*changed = s == BD_OK && (ch[0] || ch[1]);
	return s;
}

bd_status bd_link_set(bd_dataset *ds, const char *id, const char *other, bd_link_kind kind,
		      bool *changed, bd_error *err)
{
	if (changed)
		*changed = false;
	if ((int)kind < 0 || (int)kind >= (int)N_KINDS)
		return bd_fail(err, BD_EUSAGE, "no such kind of link");
	if (!strcmp(id, other))
		return bd_fail(err, BD_EDATA, "%s: an incident cannot be linked with itself", id);
	bd_status s = bd_store_begin(ds->store, err);
	if (s != BD_OK)
		return s;
	bd_incident a, b;
	s = bd_store_get(ds->store, id, &a, err);
	if (s == BD_OK) {
		s = bd_store_get(ds->store, other, &b, err);
		if (s == BD_OK)
			s = link_loaded(ds, &a, &b, kind, changed, err);
		bd_incident_free(&b);
	}
	bd_incident_free(&a);
	if (s == BD_OK)
		s = bd_store_commit(ds->store, err);
	if (s != BD_OK) {
		bd_store_rollback(ds->store);
		if (changed)
			*changed = false;
	}
	return s;
}
