/*
 * veris — VERIS 1.3.x incident records (the VERIS Community Database, one
 * JSON file per incident) into the incident model.
 *
 * The mapping is the table "VERIS mapping" in data/SCHEMA.md. What has a
 * place in the model is mapped; where VERIS is coarser than the model (data
 * variety "Personal") the coarse value is kept coarse, never guessed finer;
 * everything else is kept verbatim in origin.extra ("other VERIS data"), so
 * nothing is dropped. A record whose mapped keys have the wrong type is a bad
 * record: it is reported, with its JSON path, and not mapped, because a
 * figure is never read from a value that does not mean what the schema says.
 * A bad record is reported on one line: the first problem found.
 */
#ifndef BD_VERIS_H
#define BD_VERIS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "error.h"
#include "model.h"
#include "sink.h"

/* Largest VERIS file read: one incident. */
#define BD_VERIS_MAX_FILE (16u << 20)
/* The slug prefix of the ids of VERIS records: "veris-" + incident_id. */
#define BD_VERIS_ID_PREFIX "veris-"

/* A root object is a VERIS record when it has "schema_version" and either
 * "incident_id" or "action". */
bool bd_veris_detect(const json_t *root);

/* Maps one record. Returns the number of problems: 0 and out filled (caller
 * frees it with bd_incident_free), or more and out empty, with the first
 * problem in diags (file and JSON path; no line: see bd_veris_take). */
int bd_veris_to_incident(const json_t *root, const char *file, bd_incident *out,
			 bd_diags *diags);

/* Maps a record parsed from text (len bytes; may be NULL: problems then have
 * no line and column) and gives it to sink (may be NULL: only checks).
 * Returns the number of problems of the record. A sink failure is not a
 * problem of the record: it is returned as the status, with err set. */
bd_status bd_veris_take(const json_t *root, const char *file, const char *text, size_t len,
			bd_sink *sink, bd_diags *diags, int *problems, bd_error *err);

/* Reads and parses one JSON file of at most max bytes. NULL, with the
 * problem in diags, when it cannot be read or is not JSON; *text (the file,
 * for placing problems; caller frees, also on failure) and *len are set. */
json_t *bd_veris_load(const char *path, size_t max, char **text, size_t *len, bd_diags *diags);

/* One file: read, parse, map, sink (may be NULL). Returns the number of
 * problems; a sink failure counts as one, like bd_import_native. */
int bd_import_veris(const char *path, bd_sink *sink, bd_diags *diags);

/* origin.extra (compact JSON object text) as lines "path: value", values of
 * arrays of scalars joined with ", ", for the drill-down's "other VERIS
 * data". Caller frees; NULL when extra is NULL, empty or not an object. */
char *bd_veris_extra_lines(const char *extra);

/* When a record's country codes are overruled by the force its victim was
 * recognised as (VCDB codes the PSNI "IE"), says so: "country IE in the
 * record; recognised as PSNI". NULL otherwise. Caller frees. */
char *bd_veris_country_note(const bd_incident *inc);

/* A UK police force recognised by name ("Hertfordshire Police", "PSNI",
 * "Police Scotland"): its nation (enum bd_nation) and short name, and
 * (uk_only, may be NULL) whether no force outside the UK has that name, so
 * that the name outweighs a record's country code. */
bool bd_veris_uk_force(const char *name, int *nation, const char **short_name, bool *uk_only);
/* The UK nation a place or organisation name states ("Scottish Water",
 * "Northern Ireland Office"), or -1. */
int bd_veris_nation_named(const char *text);

#endif
