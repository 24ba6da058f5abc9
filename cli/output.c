#include "output.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int first_error;         /* errno of the first failed write */

static ssize_t write_out(void *cookie, const char *buf, size_t size)
{
	(void)cookie;
	size_t done = 0;
	while (done < size) {
		ssize_t n = write(STDOUT_FILENO, buf + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!first_error)
				first_error = n < 0 ? errno : EIO;
			return done ? (ssize_t)done : -1;
		}
		done += (size_t)n;
	}
	return (ssize_t)done;
}

void output_watch(void)
{
	cookie_io_functions_t io = { .write = write_out };
	FILE *f = fopencookie(NULL, "w", io);
	if (!f)
		return;         /* stdout as it is: errors still give status 1 */
	setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
	fflush(stdout);
	stdout = f;
}

int output_finish(int rc)
{
	errno = 0;
	bool failed = fflush(stdout) != 0 || ferror(stdout);
	int e = first_error ? first_error : errno;
	if (!failed)
		return rc;
	if (e != EPIPE)
		fprintf(stderr, "breachdash: cannot write the output: %s\n",
			e ? strerror(e) : "write error");
	return rc ? rc : 1;
}
