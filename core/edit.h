/*
 * edit — one incident as a person edits it (breachdash new, breachdash edit).
 *
 * The text is native JSON (data/SCHEMA.md), one incident object,
 * pretty-printed with keys in schema order. Above it may sit a block of
 * comment lines (starting with // or #), as kubectl edit and crontab -e
 * write them: help, and the problems of the last attempt. The block is
 * stripped before parsing; the JSON after it is the body, and every
 * position is reported relative to the body's first line, so that the
 * caller can add the height of whatever header it writes above it.
 */
#ifndef BD_EDIT_H
#define BD_EDIT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "dataset.h"
#include "diag.h"
#include "model.h"

/* The incident as pretty-printed native JSON, ending in a newline. Caller
 * frees; NULL when out of memory. */
char *bd_edit_render(const bd_incident *inc);
/* A skeleton of a new incident: every required key, with empty strings
 * where only the user can know the value. It does not validate until
 * those are filled in, so saving it unchanged adds nothing. Caller frees. */
char *bd_edit_template(void);
/* The text after the leading block of comment (// or #) and blank lines. */
const char *bd_edit_body(const char *text);
/* True when s holds nothing but white space. */
bool bd_edit_blank(const char *s);

/* Parses body as one incident object. Problems go to diags as
 * file:line:col: JSON path: message, lines counted from the body's first
 * line. Returns the number of problems; fills out (free with
 * bd_incident_free) only when there is none. */
int bd_edit_parse(const char *file, const char *body, bd_incident *out, bd_diags *diags);
/* Adds a problem placed at the value at path in body. */
void bd_edit_problem(bd_diags *diags, const char *file, const char *body, const char *path,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Stores inc in one transaction. `before` is the rendering the edit started
 * from (bd_edit_render), NULL for a new incident: a new incident must not
 * exist yet, and an edited one must still be stored exactly as `before`
 * (else someone changed it meanwhile, and nothing is saved). *result (may
 * be NULL) is a bd_put_result. */
bd_status bd_edit_save(bd_dataset *ds, const bd_incident *inc, const char *before,
		       int *result, bd_error *err);

#endif
