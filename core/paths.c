#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embedded.h"
#include "fileio.h"
#include "import_native.h"

char *bd_default_db_path(const char *flag)
{
	char *out = NULL;
	if (flag && *flag)
		return strdup(flag);
	const char *env = getenv("BREACHDASH_DB");
	if (env && *env)
		return strdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return asprintf(&out, "%s/breachdash/incidents.db", xdg) < 0 ? NULL : out;
	const char *home = getenv("HOME");
	if (!home || !*home)
		return NULL;
	return asprintf(&out, "%s/.local/share/breachdash/incidents.db", home) < 0 ? NULL : out;
}

static char *try_path(const char *dir, const char *sub, const char *name)
{
	char *p = NULL;
	if (asprintf(&p, "%s%s/%s", dir, sub, name) < 0)
		return NULL;
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return NULL;
}

char *bd_data_file(const char *name)
{
	char *p;
	const char *env = getenv("BREACHDASH_DATA");
	if (env && *env)
		return try_path(env, "", name);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		if ((p = try_path(exe, "/data", name)))
			return p;
		if ((p = try_path(exe, "/../data", name)))
			return p;
		if ((p = try_path(exe, "/../share/breachdash", name)))
			return p;
	}
	return try_path(BD_DATADIR, "", name);
}

bool bd_data_find(const char *name, bd_data *d)
{
	memset(d, 0, sizeof *d);
	d->path = bd_data_file(name);
	if (d->path) {
		d->label = strdup(d->path);
	} else {
		const char *env = getenv("BREACHDASH_DATA");
		const bd_embedded *e = env && *env ? NULL : bd_embedded_find(name);
		if (!e)
			return false;
		d->text = e->text;
		d->len = e->len;
		if (asprintf(&d->label, "%s (built in)", name) < 0)
			d->label = NULL;
	}
	if (!d->label) {
		bd_data_free(d);
		return false;
	}
	return true;
}

bd_status bd_data_read(bd_data *d, bd_error *err)
{
	if (!d->path || d->owned)
		return BD_OK;
	d->owned = bd_read_file(d->path, BD_MAX_DOCUMENT, &d->len, err);
	d->text = d->owned;
	return d->owned ? BD_OK : err->code;
}

void bd_data_free(bd_data *d)
{
	free(d->owned);
	free(d->path);
	free(d->label);
	memset(d, 0, sizeof *d);
}
