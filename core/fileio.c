#include "fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *bd_read_file(const char *path, size_t max, size_t *len, bd_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		bd_fail(err, BD_EIO, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st = { 0 };
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		bd_fail(err, BD_EIO, "%s: is a directory", path);
		return NULL;
	}
	/* Refused before reading; a pipe or a growing file is caught below,
	 * and the buffer never grows past max + 1 bytes. */
	if (max && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		fclose(f);
		bd_fail(err, BD_EDATA, "%s: file is larger than %zu bytes", path, max);
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (max && n > max) {
			free(buf);
			fclose(f);
			bd_fail(err, BD_EDATA, "%s: file is larger than %zu bytes", path, max);
			return NULL;
		}
		if (got == 0 || n < cap)
			break;
		cap *= 2;
		if (max && cap > max + 1)
			cap = max + 1;
		char *grown = realloc(buf, cap + 1);
		if (!grown)
			free(buf);
		buf = grown;
	}
	if (!buf || ferror(f)) {
		int e = errno;
		free(buf);
		fclose(f);
		bd_fail(err, buf ? BD_EIO : BD_ENOMEM, "%s: %s", path, buf ? strerror(e) : "out of memory");
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

FILE *bd_atomic_open(const char *path, char **tmp, bd_error *err)
{
	*tmp = NULL;
	if (asprintf(tmp, "%s.tmp.%ld", path, (long)getpid()) < 0) {
		*tmp = NULL;
		bd_fail(err, BD_ENOMEM, "out of memory");
		return NULL;
	}
	FILE *f = fopen(*tmp, "wb");
	if (!f) {
		bd_fail(err, BD_EIO, "%s: %s", path, strerror(errno));
		free(*tmp);
		*tmp = NULL;
	}
	return f;
}

bd_status bd_atomic_finish(FILE *f, char *tmp, const char *path, bool ok, bd_error *err)
{
	int e = 0;
	if (fflush(f) != 0 || fsync(fileno(f)) != 0 || ferror(f))
		e = errno ? errno : EIO;
	if (fclose(f) != 0 && !e)
		e = errno;
	if (ok && !e && rename(tmp, path) != 0)
		e = errno;
	if (!ok || e)
		unlink(tmp);
	free(tmp);
	if (e)
		return bd_fail(err, BD_EIO, "%s: %s", path, strerror(e));
	return ok ? BD_OK : BD_EIO;
}
