#include "sink.h"

static bd_status store_item(bd_sink *sink, const bd_incident *inc, bd_error *err)
{
	bd_store_sink *s = (bd_store_sink *)sink;
	int result;
	bd_status status = bd_store_put_doc(s->store, inc, sink->doc, s->threats, &result, err);
	if (status != BD_OK) {
		if (s->failed == BD_OK) {
			s->failed = status;
			bd_fail(&s->why, status, "%s", bd_error_text(err));
		}
		return status;
	}
	if (result == BD_PUT_INSERTED)
		sink->inserted++;
	else if (result == BD_PUT_UPDATED)
		sink->updated++;
	else
		sink->unchanged++;
	return BD_OK;
}

/* The one place an import's transaction ends. */
static bd_status store_final(bd_sink *sink, bool ok, bd_error *err)
{
	bd_store_sink *s = (bd_store_sink *)sink;
	bd_status status = s->failed;
	if (!s->open)
		return bd_fail(err, BD_ESTORE, "the import was already finished");
	s->open = false;
	if (status != BD_OK)
		bd_fail(err, status, "%s", bd_error_text(&s->why));
	bd_error_clear(&s->why);
	if (!s->own)
		return status;
	if (ok && status == BD_OK)
		status = bd_store_commit(s->store, err);
	else
		ok = false;
	if (!ok || status != BD_OK)
		bd_store_rollback(s->store);
	return status;
}

void bd_store_sink_init(bd_store_sink *s, bd_store *st, const bd_threat_table *t)
{
	*s = (bd_store_sink){ .base = { .item = store_item, .final = store_final }, .store = st,
			      .threats = t, .open = true };
}

bd_status bd_store_sink_open(bd_store_sink *s, bd_store *st, const bd_threat_table *t,
			     long long incoming, bd_error *err)
{
	bd_store_sink_init(s, st, t);
	bd_status status = bd_store_begin(st, err);
	if (status == BD_OK)
		status = bd_store_bulk(st, incoming, err);
	if (status == BD_OK) {
		s->own = true;
		return BD_OK;
	}
	bd_store_rollback(st);
	s->open = false;
	return status;
}
