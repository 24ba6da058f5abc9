/*
 * error — the one error type of core.
 *
 * Every fallible core function takes a `bd_error *` (may be NULL) and returns
 * a status code. The message names where and why; the caller prints it. The
 * codes map onto the exit status of the command line (bd_status_exit).
 */
#ifndef BD_ERROR_H
#define BD_ERROR_H

#include <stdarg.h>

#define BD_STATUS_LIST(X)                          \
	X(BD_OK,       0, "success")                   \
	X(BD_ENOMEM,   1, "out of memory")             \
	X(BD_EIO,      1, "input/output error")        \
	X(BD_EDATA,    1, "invalid data")              \
	X(BD_ENOTFOUND,1, "not found")                 \
	X(BD_ESTORE,   1, "store error")               \
	X(BD_EBUSY,    1, "store is locked")           \
	X(BD_EREADONLY,1, "store is read-only")        \
	X(BD_EVERSION, 1, "store is from a newer version") \
	X(BD_EUSAGE,   2, "bad usage")

typedef enum {
#define BD_STATUS_ENUM(name, exit, text) name,
	BD_STATUS_LIST(BD_STATUS_ENUM)
#undef BD_STATUS_ENUM
} bd_status;

typedef struct bd_error {
	bd_status code;
	char *msg;              /* owned; NULL when no detail */
} bd_error;

/* Record code and a printf-style message; returns code. err may be NULL. */
bd_status bd_fail(bd_error *err, bd_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *bd_status_text(bd_status code);
int bd_status_exit(bd_status code);
/* The message, or the code's text when there is none. Never NULL. */
const char *bd_error_text(const bd_error *err);
void bd_error_clear(bd_error *err);

#endif
