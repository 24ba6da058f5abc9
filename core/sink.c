#include "sink.h"

static bd_status store_item(bd_sink *sink, const bd_incident *inc, bd_error *err)
{
	bd_store_sink *s = (bd_store_sink *)sink;
	int result;
	bd_status status = bd_store_put_doc(s->store, inc, sink->doc, s->threats, &result, err);
	if (status != BD_OK)
		return status;
	if (result == BD_PUT_INSERTED)
		sink->inserted++;
	else if (result == BD_PUT_UPDATED)
		sink->updated++;
	else
		sink->unchanged++;
	return BD_OK;
}

void bd_store_sink_init(bd_store_sink *s, bd_store *st, const bd_threat_table *t)
{
	*s = (bd_store_sink){ .base = { .item = store_item }, .store = st, .threats = t };
}
