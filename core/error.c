#include "error.h"

#include <stdio.h>
#include <stdlib.h>

static const struct { const char *text; int exit; } status_info[] = {
#define BD_STATUS_INFO(name, exit, text) { text, exit },
	BD_STATUS_LIST(BD_STATUS_INFO)
#undef BD_STATUS_INFO
};

bd_status bd_fail(bd_error *err, bd_status code, const char *fmt, ...)
{
	if (!err)
		return code;
	free(err->msg);
	err->msg = NULL;
	err->code = code;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&err->msg, fmt, ap) < 0)
		err->msg = NULL;
	va_end(ap);
	return code;
}

const char *bd_status_text(bd_status code)
{
	return status_info[code].text;
}

int bd_status_exit(bd_status code)
{
	return status_info[code].exit;
}

const char *bd_error_text(const bd_error *err)
{
	if (err->msg)
		return err->msg;
	return bd_status_text(err->code);
}

void bd_error_clear(bd_error *err)
{
	free(err->msg);
	err->msg = NULL;
	err->code = BD_OK;
}
