/*
 * jsonpos — find the line and column of a JSON path in JSON text.
 *
 * jansson reports positions for syntax errors only. For a value that parses
 * but breaks the schema, the error path re-scans the text for the value named
 * by its path. Only the error path pays for this; valid input never does.
 *
 * Paths: `$`, then `.key`, `["any key"]` or `[index]` steps, as written by
 * bd_path_key / bd_path_index.
 */
#ifndef BD_JSONPOS_H
#define BD_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>

/* Line and column (1-based; column in bytes) of the value at path, or of the
 * deepest enclosing value found. Returns false if the text does not even
 * contain the root. */
bool bd_json_locate(const char *text, size_t len, const char *path,
		    int *line, int *col);

/* New path strings; caller frees. */
char *bd_path_key(const char *parent, const char *key);
char *bd_path_index(const char *parent, size_t index);

#endif
