/* Shared by the VERIS tests (test_veris.c, test_veris_fidelity.c): a
 * minimal valid record with changes merged in, mapped, and checked against
 * the native format's own rules. */
#ifndef BD_VERIS_FIXTURE_H
#define BD_VERIS_FIXTURE_H

/* Merges c into r, objects key by key (but "action" is replaced whole); a
 * null value removes the key. */
static inline void merge(json_t *r, json_t *c)
{
	const char *key;
	json_t *val;
	json_object_foreach(c, key, val) {
		json_t *into = json_object_get(r, key);
		if (json_is_null(val))
			json_object_del(r, key);
		else if (json_is_object(into) && json_is_object(val) && strcmp(key, "action"))
			merge(into, val);
		else
			json_object_set(r, key, val);
	}
}

/* A minimal valid record with `changes` (JSON, may be NULL) merged in. */
static inline json_t *record(const char *changes)
{
	json_t *r = json_loads("{\"schema_version\": \"1.3.7\", \"incident_id\": \"TEST-0001\","
			       " \"summary\": \"A test record.\", \"source_id\": \"vcdb\","
			       " \"action\": {\"error\": {\"variety\": [\"Loss\"]}},"
			       " \"victim\": {\"victim_id\": \"Example Widgets Ltd\", \"country\": [\"GB\"],"
			       "   \"industry\": \"332999\"},"
			       " \"timeline\": {\"incident\": {\"year\": 2020}}}", 0, NULL);
	assert_non_null(r);
	if (!changes)
		return r;
	json_error_t e;
	json_t *c = json_loads(changes, 0, &e);
	if (!c)
		fail_msg("bad test JSON: %s", e.text);
	merge(r, c);
	json_decref(c);
	return r;
}

/* The native format's own check: to JSON, back, to JSON again, the same. */
static inline void round_trips(const bd_incident *inc)
{
	json_t *j = bd_incident_to_json(inc);
	bd_incident back;
	char *text = json_dumps(j, JSON_COMPACT);
	assert_int_equal(bd_incident_from_json(j, "$", &back, NULL, NULL), 0);
	json_t *again = bd_incident_to_json(&back);
	char *text2 = json_dumps(again, JSON_COMPACT);
	assert_string_equal(text, text2);
	free(text);
	free(text2);
	json_decref(j);
	json_decref(again);
	bd_incident_free(&back);
}

static inline void map_ok(const char *changes, bd_incident *out)
{
	json_t *r = record(changes);
	bd_diags d = { 0 };
	int problems = bd_veris_to_incident(r, "t.json", out, &d);
	if (problems)
		fail_msg("unexpected problem: %s: %s", d.v[0].path, d.v[0].msg);
	round_trips(out);
	bd_diags_free(&d);
	json_decref(r);
}

/* Maps a bad record: one problem recorded, at path, with msg in it. */
static inline void map_bad(const char *changes, const char *path, const char *msg)
{
	json_t *r = record(changes);
	bd_diags d = { 0 };
	bd_incident inc;
	assert_true(bd_veris_to_incident(r, "t.json", &inc, &d) > 0);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].file, "t.json");
	assert_string_equal(d.v[0].path, path);
	if (!strstr(d.v[0].msg, msg))
		fail_msg("\"%s\" does not say \"%s\"", d.v[0].msg, msg);
	assert_null(inc.id);
	bd_diags_free(&d);
	json_decref(r);
}

static inline bool extra_has(const bd_incident *inc, const char *text)
{
	return inc->origin_extra && strstr(inc->origin_extra, text);
}

#endif
