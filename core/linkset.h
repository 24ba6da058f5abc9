/*
 * linkset — a person's word on two records: the same breach, or not.
 *
 * links.h reads what the records say (same_as, distinct_from); this module
 * writes it, for `breachdash link` and the dashboard's L, so that nobody
 * has to edit JSON by hand to settle a possible duplicate. The record
 * linked with "same" keeps its own document and points at the other, the
 * primary, as same_as does in a file.
 */
#ifndef BD_LINKSET_H
#define BD_LINKSET_H

#include <stdbool.h>

#include "dataset.h"
#include "error.h"

#define BD_LINK_KINDS(X) \
	X(BD_LINK_SAME,     "same",     "the same breach") \
	X(BD_LINK_DISTINCT, "distinct", "not the same breach") \
	X(BD_LINK_NONE,     "none",     "neither linked nor marked")

typedef enum {
#define BD_LINK_ENUM(e, name, label) e,
	BD_LINK_KINDS(BD_LINK_ENUM)
#undef BD_LINK_ENUM
} bd_link_kind;

/* The kind named by s ("same", "distinct", "none", or their first
 * letter); -1 when none is. */
int bd_link_kind_parse(const char *s);
const char *bd_link_kind_label(bd_link_kind k);

/* In one transaction: `id` is the same breach as `other` (id.same_as =
 * other, which stays the primary), is known not to be (other added to
 * id.distinct_from), or neither (every link and mark between the two,
 * either way, removed). A link the records could not hold is refused:
 * an incident with itself, to an incident that is itself linked to a
 * primary, or from one that other records are linked to (chains would
 * count a breach twice). *changed (may be NULL): whether anything was
 * written. */
bd_status bd_link_set(bd_dataset *ds, const char *id, const char *other, bd_link_kind kind,
		      bool *changed, bd_error *err);

#endif
