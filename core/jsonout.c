#include "jsonout.h"

#include <stdlib.h>
#include <string.h>

char *bd_json_dumps(const json_t *j, size_t flags)
{
	char *text = j ? json_dumps(j, flags) : NULL;
	if (!text)
		return NULL;
	size_t dels = 0, n = 0;
	for (; text[n]; n++)
		dels += text[n] == 0x7F;
	if (!dels)
		return text;
	char *out = malloc(n + dels * 5 + 1), *o = out;
	if (!out) {
		free(text);
		return NULL;
	}
	for (const char *p = text; *p; p++) {
		if (*p == 0x7F) {
			memcpy(o, "\\u007f", 6);
			o += 6;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	free(text);
	return out;
}
