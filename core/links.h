/*
 * links — two records of one breach.
 *
 * Incidents at the same organisation (short name) in the same month of
 * their date are possible duplicates: VCDB's record of a breach sits
 * beside ours with nothing else in common. A user who finds one links it
 * (same_as) to the incident it duplicates, the primary; the two are then
 * shown as linked, not as possible duplicates, the report counts them once,
 * and the primary shows the linked records' `affected` figures beside its
 * own, so that a disagreement between the sources is kept, not settled.
 */
#ifndef BD_LINKS_H
#define BD_LINKS_H

#include <stdbool.h>

#include "error.h"
#include "model.h"
#include "store.h"

typedef struct bd_links {
	bool same_as_found;     /* inc->same_as names an incident in the store */
	bd_strv linked;         /* incidents whose same_as is this one, by id */
	bd_strv possible;       /* same force and month, linked neither way */
	/* The linked incidents' `affected` figures (their headline where they
	 * have none), each cited as "ID:SOURCE" by the other incident's id;
	 * and the incident's own headline where it has no such figure, so
	 * that there is something to put them beside. */
	bd_figure *figures;
	size_t n_figures;
} bd_links;

/* Fills out (caller frees with bd_links_free). */
bd_status bd_links_load(bd_store *st, const bd_incident *inc, bd_links *out, bd_error *err);
/* Only the linked incidents and their figures (possible and same_as_found
 * left empty): what a conflict needs, for every incident of a report,
 * without the search for possible duplicates, a read of the force's
 * incidents each time. */
bd_status bd_links_load_figures(bd_store *st, const bd_incident *inc, bd_links *out, bd_error *err);
void bd_links_free(bd_links *l);

/* Conflicts as bd_incident_conflicts finds them, with the figures of l (may
 * be NULL) counted beside the incident's own: fn gets the figures of each
 * `about` that has different values. */
typedef void (*bd_links_conflict_fn)(void *ctx, const char *about,
				     const bd_figure *const *figs, size_t n);
size_t bd_links_conflicts(const bd_incident *inc, const bd_links *l,
			  bd_links_conflict_fn fn, void *ctx);

/* One incident of a group of possible duplicates. */
typedef struct bd_dup_row {
	char *id, *title, *same_as;
	char *distinct;         /* its distinct_from, ids separated by spaces, or NULL */
	bd_date date;
	long long affected;
	int qualifier;
	int n_linked;           /* incidents of the group whose same_as is this one */
} bd_dup_row;

/* Calls fn for every group of two or more incidents with the same short
 * name and year-month, by month then name, each group's rows by date then
 * id. Incidents dated to the year only have no month to share. */
typedef void (*bd_dup_group_fn)(void *ctx, const char *force_short, bd_date month,
				const bd_dup_row *rows, size_t n);
bd_status bd_links_groups(bd_store *st, bd_dup_group_fn fn, void *ctx, bd_error *err);

/* Whether a row of a group is linked to another of it (either way, or both
 * to the same primary): shown as linked, not as a possible duplicate. */
bool bd_dup_row_linked(const bd_dup_row *rows, size_t n, size_t i);
/* Whether two rows are linked to each other, or marked not the same
 * (distinct_from, either way). */
bool bd_dup_pair_linked(const bd_dup_row *a, const bd_dup_row *b);
bool bd_dup_pair_distinct(const bd_dup_row *a, const bd_dup_row *b);
/* Whether rows i and j of a group may still be one breach: neither linked
 * to the other nor marked not the same, they or the primaries they link to. */
bool bd_dup_pair_possible(const bd_dup_row *rows, size_t n, size_t i, size_t j);
/* Whether a row may still be a duplicate of another of its group. */
bool bd_dup_row_possible(const bd_dup_row *rows, size_t n, size_t i);

/* For links.c and its reads in the query module (query_links.c). */
bool bd_links_exists(bd_store *st, const char *id);
/* The ids of the incidents whose same_as is inc, by id. */
bd_status bd_links_read_linked(bd_store *st, const bd_incident *inc, bd_strv *out, bd_error *err);
/* Possible duplicates of inc: same short name and month, linked neither
 * way, and marked not the same (distinct_from) neither way. */
bd_status bd_links_read_possible(bd_store *st, const bd_incident *inc, bd_strv *out,
				 bd_error *err);
void bd_links_strv_push(bd_strv *sv, const char *s);
/* The ids of sv separated by spaces (as bd_dup_row.distinct), or NULL when
 * none; caller frees. */
char *bd_links_joined(const bd_strv *sv);
bool bd_links_same(const char *a, const char *b);

#endif
