#include "data_info.h"

#include <string.h>

#include "import_native.h"
#include "sink.h"
#include "threat.h"

typedef struct dating_sink {
	bd_sink base;
	bd_date newest;
} dating_sink;

static bd_status note_sources(bd_sink *base, const bd_incident *inc, bd_error *err)
{
	dating_sink *s = (dating_sink *)base;
	for (size_t i = 0; i < inc->n_sources; i++) {
		bd_date d = inc->sources[i].date;
		/* an unset date sorts after every set one in bd_date_cmp */
		if (bd_date_is_set(d) && (!bd_date_is_set(s->newest) || bd_date_cmp(d, s->newest) > 0))
			s->newest = d;
	}
	return BD_OK;
}

/* The file found read whole (the built-in copy is already there); a
 * file that cannot be read is one problem. */
static int read_data(bd_data *d, bd_diags *diags)
{
	bd_error err = { 0 };
	if (bd_data_read(d, &err) == BD_OK)
		return 0;
	bd_diags_add(diags, NULL, 0, 0, NULL, "%s", bd_error_text(&err));
	bd_error_clear(&err);
	return 1;
}

static int read_incidents(bd_data_info *info, bd_diags *diags)
{
	bd_data *d = &info->incidents;
	if (!bd_data_find("incidents.json", d))
		return 0;
	dating_sink sink = { .base.item = note_sources };
	int problems = read_data(d, diags);
	if (!problems)
		problems = bd_import_native_text(d->label, d->text, d->len, NULL, &sink.base, diags);
	info->n_incidents = sink.base.read;
	info->newest_source = sink.newest;
	return problems;
}

static int read_threats(bd_data_info *info, bd_diags *diags)
{
	bd_data *d = &info->threats;
	if (!bd_data_find("threat_levels.json", d))
		return 0;
	bd_threat_table t;
	int problems = read_data(d, diags);
	if (!problems)
		problems = bd_threat_load_text(d->label, d->text, d->len, &t, diags);
	if (!problems) {
		info->threats_as_of = t.as_of;
		bd_threat_free(&t);
	}
	return problems;
}

int bd_data_info_read(bd_data_info *info, bd_diags *diags)
{
	memset(info, 0, sizeof *info);
	return read_incidents(info, diags) + read_threats(info, diags);
}

void bd_data_info_free(bd_data_info *info)
{
	bd_data_free(&info->incidents);
	bd_data_free(&info->threats);
}
