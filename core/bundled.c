#include "bundled.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_native.h"
#include "native.h"
#include "sink.h"
#include "store_doc.h"
#include "store_meta.h"

#define KEY_RECORD "bundled"            /* the record's fingerprint */
#define KEY_DOCS "bundled_docs"         /* id -> fingerprint of its document */
/* In place of a fingerprint: the store kept its own version of an incident
 * when no fingerprint was known (a store older than them); never matches,
 * so it stays kept, and stays deleted if it is deleted. */
#define KEPT "kept"

/* FNV-1a, 64 bits, as 16 hex digits: to notice a change, not to resist
 * one made on purpose (the store is the user's own file). */
static void fingerprint(const char *s, size_t n, char out[17])
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	snprintf(out, 17, "%016" PRIx64, h);
}

bool bd_bundled_stale(bd_store *st, bd_data *src)
{
	char *had = NULL, want[17];
	if (bd_data_read(src, NULL) != BD_OK)
		return false;   /* unreadable: bd_bundled_apply would say why */
	fingerprint(src->text, src->len, want);
	bool stale = bd_store_meta_get(st, KEY_RECORD, &had, NULL) == BD_OK &&
		     (!had || strcmp(had, want));
	free(had);
	return stale;
}

typedef struct apply_sink {
	bd_sink base;
	bd_store *st;
	const bd_threat_table *threats;
	json_t *had;            /* the fingerprints of the last record's documents */
	json_t *now;            /* those of the documents the record now gives */
	bd_bundled_counts *c;
} apply_sink;

/* What to do with one incident of the record, given what the store holds
 * (stored, NULL: none) and what the last record gave (had, NULL: nothing
 * known, a store older than the fingerprints). */
enum action { PUT_NEW, PUT_UPDATE, SAME, KEEP_EDITED, KEEP_DELETED };

static enum action decide(const char *stored, const char *had, const char *doc)
{
	char fp[17];
	if (!stored)
		return had ? KEEP_DELETED : PUT_NEW;
	if (!strcmp(stored, doc))
		return SAME;
	fingerprint(stored, strlen(stored), fp);
	return had && !strcmp(fp, had) ? PUT_UPDATE : KEEP_EDITED;
}

static bd_status apply_item(bd_sink *sink, const bd_incident *inc, bd_error *err)
{
	apply_sink *a = (apply_sink *)sink;
	char *made = NULL, *stored = NULL, fp[17];
	const char *doc = sink->doc;
	if (!doc) {
		json_t *j = bd_incident_to_json(inc);
		doc = made = j ? json_dumps(j, JSON_COMPACT) : NULL;
		json_decref(j);
		if (!doc)
			return bd_fail(err, BD_ENOMEM, "out of memory");
	}
	bd_status s = bd_store_doc(a->st, inc->id, &stored, err);
	if (s == BD_ENOTFOUND) {
		bd_error_clear(err);
		s = BD_OK;
	}
	const char *had = json_string_value(json_object_get(a->had, inc->id));
	enum action act = s == BD_OK ? decide(stored, had, doc) : SAME;
	if (s == BD_OK && (act == PUT_NEW || act == PUT_UPDATE))
		s = bd_store_put_doc(a->st, inc, doc, a->threats, NULL, err);
	if (s == BD_OK) {
		long *count[] = { &a->c->added, &a->c->updated, &a->c->unchanged,
				  &a->c->kept_edited, &a->c->kept_deleted };
		++*count[act];
		/* the store now holds the record's version, or the user's
		 * change of the last one: remember which */
		fingerprint(doc, strlen(doc), fp);
		json_object_set_new(a->now, inc->id, json_string(act <= SAME ? fp : had ? had : KEPT));
	}
	free(made);
	free(stored);
	return s;
}

static json_t *load_docs(bd_store *st, bd_error *err)
{
	char *text = NULL;
	if (bd_store_meta_get(st, KEY_DOCS, &text, err) != BD_OK)
		return NULL;
	json_t *j = text ? json_loads(text, 0, NULL) : NULL;
	free(text);
	return json_is_object(j) ? j : (json_decref(j), json_object());
}

static bd_status remember(bd_store *st, const char *text, size_t len, json_t *docs, bd_error *err)
{
	char fp[17];
	fingerprint(text, len, fp);
	char *dump = json_dumps(docs, JSON_COMPACT | JSON_SORT_KEYS);
	bd_status s = dump ? bd_store_meta_set(st, KEY_DOCS, dump, err)
			   : bd_fail(err, BD_ENOMEM, "out of memory");
	if (s == BD_OK)
		s = bd_store_meta_set(st, KEY_RECORD, fp, err);
	free(dump);
	return s;
}

bd_status bd_bundled_apply(bd_store *st, const bd_threat_table *t, bd_data *src,
			   bd_bundled_counts *c, bd_diags *diags, bd_error *err)
{
	memset(c, 0, sizeof *c);
	if (bd_data_read(src, err) != BD_OK)
		return err->code;
	const char *text = src->text;
	size_t len = src->len;
	apply_sink a = { .base.item = apply_item, .st = st, .threats = t, .c = c,
			 .now = json_object() };
	/* the store sink's transaction, ended by its final(): this sink
	 * decides what to put, the store sink's final() keeps it or not */
	bd_store_sink store;
	bd_status s = bd_store_sink_open(&store, st, t, 0, err);
	if (s != BD_OK) {
		json_decref(a.now);
		return s;
	}
	if (!(a.had = load_docs(st, err)))
		s = err->code;
	int problems = s == BD_OK ? bd_import_native_text(src->label, text, len, NULL, &a.base, diags) : 0;
	if (s == BD_OK && problems)
		s = bd_fail(err, BD_EDATA, "%d problem%s found in %s; nothing was imported", problems,
			    problems == 1 ? "" : "s", src->label);
	if (s == BD_OK)
		s = remember(st, text, len, a.now, err);
	bd_error fin = { 0 };
	bd_status f = store.base.final(&store.base, s == BD_OK, &fin);
	if (s == BD_OK && f != BD_OK) {
		s = f;
		bd_error_clear(err);
		*err = fin;
	} else {
		bd_error_clear(&fin);
	}
	json_decref(a.had);
	json_decref(a.now);
	return s;
}

static size_t say(char *buf, size_t size, size_t o, const char *sep, long n, const char *what)
{
	if (!n || o >= size)
		return o;
	int w = snprintf(buf + o, size - o, "%s%ld %s", sep, n, what);
	return o + (w > 0 ? (size_t)w : 0);
}

void bd_bundled_summary(const bd_bundled_counts *c, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	if (!c->added && !c->updated && !c->kept_edited && !c->kept_deleted)
		return;
	o = (size_t)snprintf(buf, size, "the store was brought up to the bundled record: ");
	o = say(buf, size, o, "", c->added, c->added == 1 ? "incident added" : "incidents added");
	o = say(buf, size, o, c->added ? ", " : "", c->updated, "updated");
	const char *sep = c->added || c->updated ? "; " : "";
	o = say(buf, size, o, sep, c->kept_edited, c->kept_edited == 1
		? "changed here kept as it is" : "changed here kept as they are");
	sep = c->added || c->updated || c->kept_edited ? "; " : "";
	say(buf, size, o, sep, c->kept_deleted, "deleted here left out");
}
