#include "embedded.h"

#include <string.h>

const bd_embedded *bd_embedded_find(const char *name)
{
	for (const bd_embedded *e = bd_embedded_files; e->name; e++)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}
