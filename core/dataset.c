#include "dataset.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import_native.h"
#include "paths.h"
#include "sink.h"

static void load_threats(bd_dataset *ds, bd_diags *diags)
{
	bd_data src;
	if (!bd_data_find("threat_levels.json", &src))
		return;
	if (src.path)
		bd_threat_load(src.path, &ds->threats, diags);
	else
		bd_threat_load_text(src.label, src.text, src.len, &ds->threats, diags);
	bd_data_free(&src);
}

/* The built-in incidents into a new store, one transaction as an import. */
static bd_status seed_builtin(bd_dataset *ds, const bd_data *src, bd_diags *diags, bd_error *err)
{
	bd_status s = bd_store_begin(ds->store, err);
	if (s != BD_OK)
		return s;
	bd_store_sink sink;
	bd_store_sink_init(&sink, ds->store, &ds->threats);
	int problems = bd_import_native_text(src->label, src->text, src->len, &sink.base, diags);
	if (problems) {
		bd_store_rollback(ds->store);
		return bd_fail(err, BD_EDATA, "%d problem%s found in %s; nothing was imported",
			       problems, problems == 1 ? "" : "s", src->label);
	}
	s = bd_store_commit(ds->store, err);
	if (s != BD_OK)
		bd_store_rollback(ds->store);
	return s;
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
	if (existed || bd_store_readonly(ds->store))
		return BD_OK;   /* the caller syncs the threat levels (it may say so) */
	bd_data bundled;
	if (!bd_data_find("incidents.json", &bundled))
		return BD_OK;   /* nothing to seed with: an empty store is still usable */
	bd_sink counts = { 0 };
	s = bundled.path ? bd_dataset_import(ds, &bundled.path, 1, &counts, diags, err)
			 : seed_builtin(ds, &bundled, diags, err);
	bd_data_free(&bundled);
	ds->seeded = s == BD_OK;
	if (s == BD_OK)
		bd_store_sync_threats(ds->store, &ds->threats, NULL);
	if (s != BD_OK) {
		bd_dataset_close(ds);
		unlink(path);
	}
	return s;
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
	bd_status s = bd_store_begin(ds->store, err);
	if (s != BD_OK)
		return s;
	bd_store_sink sink;
	bd_store_sink_init(&sink, ds->store, &ds->threats);
	int problems = 0;
	for (int i = 0; i < n; i++)
		problems += bd_import_native(files[i], &sink.base, diags);
	if (problems) {
		bd_store_rollback(ds->store);
		return bd_fail(err, BD_EDATA, "%d problem%s found; nothing was imported",
			       problems, problems == 1 ? "" : "s");
	}
	s = bd_store_commit(ds->store, err);
	if (s != BD_OK) {
		bd_store_rollback(ds->store);
		return s;
	}
	counts->read = sink.base.read;
	counts->inserted = sink.base.inserted;
	counts->updated = sink.base.updated;
	counts->unchanged = sink.base.unchanged;
	return BD_OK;
}
