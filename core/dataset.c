#include "dataset.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundled.h"
#include "import_native.h"
#include "paths.h"
#include "sink.h"

static void load_threats(bd_dataset *ds, bd_diags *diags)
{
	bd_data src;
	if (!bd_data_find("threat_levels.json", &src))
		return;
	bd_error err = { 0 };
	if (bd_data_read(&src, &err) == BD_OK)
		bd_threat_load_text(src.label, src.text, src.len, &ds->threats, diags);
	else
		bd_diags_add(diags, NULL, 0, 0, NULL, "%s", bd_error_text(&err));
	bd_error_clear(&err);
	bd_data_free(&src);
}

bd_status bd_dataset_open(bd_dataset *ds, const char *path, unsigned flags,
			  bd_diags *diags, bd_error *err)
{
	memset(ds, 0, sizeof *ds);
	load_threats(ds, diags);
	bool existed = access(path, F_OK) == 0;
	bd_status s = bd_store_open(path, flags, &ds->store, err);
	if (s != BD_OK) {
		bd_threat_free(&ds->threats);
		return s;
	}
	if (bd_store_readonly(ds->store))
		return BD_OK;   /* the caller syncs the threat levels (it may say so) */
	bd_data bundled;
	if (!bd_data_find("incidents.json", &bundled))
		return BD_OK;   /* nothing to seed with: an empty store is still usable */
	if (existed && !bd_bundled_stale(ds->store, &bundled)) {
		bd_data_free(&bundled);
		return BD_OK;
	}
	/* A new store is filled from the bundled record; one made from an
	 * older record is brought up to it (see bundled.h). */
	bd_error why = { 0 };
	s = bd_bundled_apply(ds->store, &ds->threats, &bundled, &ds->bundled, diags, &why);
	bd_data_free(&bundled);
	ds->seeded = !existed && s == BD_OK;
	if (s == BD_OK && !existed)
		bd_store_sync_threats(ds->store, &ds->threats, NULL);
	if (s != BD_OK && !existed) {
		*err = why;
		bd_dataset_close(ds);
		unlink(path);
		return s;
	}
	/* an existing store that could not be brought up now (busy, or the
	 * record has a problem, in diags) is still the user's to use */
	bd_error_clear(&why);
	return BD_OK;
}

void bd_dataset_close(bd_dataset *ds)
{
	bd_store_close(ds->store);
	bd_threat_free(&ds->threats);
	ds->store = NULL;
}

bd_status bd_dataset_import(bd_dataset *ds, char *const *files, int n, bd_sink *counts,
			    bd_diags *diags, bd_error *err)
{
	bd_store_sink sink;
	bd_status s = bd_store_sink_open(&sink, ds->store, &ds->threats, 0, err);
	if (s != BD_OK)
		return s;
	int problems = 0;
	for (int i = 0; i < n; i++)
		problems += bd_import_native(files[i], &sink.base, diags);
	s = sink.base.final(&sink.base, problems == 0, err);
	if (s == BD_OK && problems)
		s = bd_fail(err, BD_EDATA, "%d problem%s found; nothing was imported",
			    problems, problems == 1 ? "" : "s");
	if (s != BD_OK)
		return s;
	counts->read = sink.base.read;
	counts->inserted = sink.base.inserted;
	counts->updated = sink.base.updated;
	counts->unchanged = sink.base.unchanged;
	return BD_OK;
}
