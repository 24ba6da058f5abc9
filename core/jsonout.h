/*
 * jsonout — JSON text for output that may reach a terminal.
 *
 * jansson's JSON_ENSURE_ASCII escapes every control character but DEL
 * (0x7F), which JSON allows raw inside strings. bd_json_dumps escapes it
 * too, so JSON that breachdash writes holds no control character at all:
 * only printable ASCII, newlines and the indentation.
 */
#ifndef BD_JSONOUT_H
#define BD_JSONOUT_H

#include <jansson.h>
#include <stdio.h>

/* json_dumps(j, flags) with every DEL written as \u007f (only ever inside
 * strings). Caller frees; NULL when j cannot be written or out of memory. */
char *bd_json_dumps(const json_t *j, size_t flags);

/* Compact JSON text (as the store keeps a document) written as
 * bd_json_dumps(j, JSON_INDENT(2) | JSON_ENSURE_ASCII) would write the
 * value it holds, every line after the first indented by `indent` more
 * spaces: the text is laid out, not parsed into values and written again.
 * -1 when it is not valid UTF-8 or its brackets do not balance. */
int bd_json_write_indented(FILE *out, const char *compact, int indent);

#endif
