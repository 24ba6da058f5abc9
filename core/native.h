/*
 * native — the incident object of the native format (data/SCHEMA.md) to and
 * from the model.
 *
 * bd_incident_from_json checks an object against the schema and reports
 * every problem through `report` with its JSON path; it fills `out` only
 * when there is none. bd_incident_to_json writes the canonical form: keys in
 * schema order, vocabulary lists in vocabulary order, so that export, import
 * and export again give the identical document.
 */
#ifndef BD_NATIVE_H
#define BD_NATIVE_H

#include <jansson.h>
#include <stdbool.h>

#include "model.h"

#define BD_SCHEMA_NAME "breachdash/1"

typedef void (*bd_report_fn)(void *ctx, const char *path, const char *msg);

/* Returns the number of problems found (0: out is filled; caller frees it
 * with bd_incident_free). `path` is the object's own path, e.g. "$". */
int bd_incident_from_json(const json_t *obj, const char *path,
			  bd_incident *out, bd_report_fn report, void *ctx);
/* New reference; NULL when out of memory. */
json_t *bd_incident_to_json(const bd_incident *inc);

#endif
