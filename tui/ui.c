#include "ui.h"

#include <stdio.h>

int ui_run(const bd_options *o)
{
	(void)o;
	fputs("breachdash: the dashboard is not built yet; try 'breachdash list'\n", stderr);
	return 1;
}
