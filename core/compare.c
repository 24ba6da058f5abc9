#include "compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

const char *bd_field_state_text(int state)
{
	static const char *const text[] = {
		[BD_FIELD_UNKNOWN] = "unknown", [BD_FIELD_EXPOSED] = "exposed",
		[BD_FIELD_SAFE] = "not exposed", [BD_FIELD_REPORTED] = "exposed (reported)",
		[BD_FIELD_LOST] = "lost",
	};
	return text[state];
}

static bd_cmp_row *add_row(bd_comparison *c, int kind, const char *label)
{
	bd_cmp_row *rows = realloc(c->rows, (c->n_rows + 1) * sizeof *rows);
	if (!rows)
		return NULL;
	c->rows = rows;
	bd_cmp_row *r = &rows[c->n_rows++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->label = strdup(label);
	return r;
}

static void finish_row(bd_comparison *c, bd_cmp_row *r)
{
	for (int i = 1; i < c->n; i++)
		if (strcmp(r->cells[i] ? r->cells[i] : "", r->cells[0] ? r->cells[0] : ""))
			r->differs = true;
}

typedef void (*cell_fn)(const bd_incident *inc, const bd_threat_table *t, bool ascii,
			char *buf, size_t size);

static void value_row(bd_comparison *c, const char *label, const bd_incident *const *incs,
		      const bd_threat_table *t, bool ascii, cell_fn fn)
{
	bd_cmp_row *r = add_row(c, BD_CMP_VALUE, label);
	if (!r)
		return;
	for (int i = 0; i < c->n; i++) {
		char buf[256];
		fn(incs[i], t, ascii, buf, sizeof buf);
		r->cells[i] = strdup(buf);
	}
	finish_row(c, r);
}

static void cell_force(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t; (void)a;
	snprintf(b, n, "%s", inc->force);
}
static void cell_supplier(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t; (void)a;
	snprintf(b, n, "%s", inc->supplier ? inc->supplier : "-");
}
static void cell_nation(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t; (void)a;
	snprintf(b, n, "%s", bd_vocab_label(&bd_nations, inc->nation));
}
static void cell_kind(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t; (void)a;
	snprintf(b, n, "%s", bd_vocab_label(&bd_kinds, inc->kind));
}
static void date_cell(bd_date d, char *b, size_t n)
{
	char buf[11];
	bd_date_format(d, buf);
	snprintf(b, n, "%s", *buf ? buf : "unknown");
}
static void cell_occurred(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t; (void)a;
	date_cell(inc->occurred, b, n);
}
static void cell_discovered(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t; (void)a;
	date_cell(inc->discovered, b, n);
}
static void cell_disclosed(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t; (void)a;
	date_cell(inc->disclosed, b, n);
}
static void cell_affected(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t;
	bd_format_affected(inc->affected, inc->qualifier, a, b, n);
}
static void cell_who(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t; (void)a;
	size_t o = 0;
	b[0] = '\0';
	for (size_t k = 0; k < bd_who.count && o < n; k++) {
		int i = bd_vocab_at(&bd_who, k);
		if (inc->who & (1u << i))
			o += (size_t)snprintf(b + o, n - o, "%s%s", o ? ", " : "", bd_who.entries[i].name);
	}
	if (!o)
		snprintf(b, n, "unknown");
}
static void cell_ico(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t;
	bd_render_referral(inc, BD_BODY_ICO, a, b, n);
}
static void cell_nca(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t;
	bd_render_referral(inc, BD_BODY_NCA, a, b, n);
}
static void cell_threat(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)a;
	int scope = bd_threat_scope_for(inc->nation);
	const bd_threat_period *p = scope >= 0 && t ? bd_threat_at(t, scope, bd_incident_date(inc)) : NULL;
	if (!p)
		snprintf(b, n, "not known");
	else
		snprintf(b, n, "%s (%s)", bd_vocab_label(&bd_levels, p->level),
			 scope == BD_SCOPE_NI ? "NI" : "UK");
}
static void cell_conflicts(const bd_incident *inc, const bd_threat_table *t, bool a, char *b, size_t n)
{
	(void)t; (void)a;
	size_t k = bd_incident_conflicts(inc, NULL, NULL);
	snprintf(b, n, "%zu", k);
}

static void field_rows(bd_comparison *c, const bd_incident *const *incs)
{
	for (size_t k = 0; k < bd_fields.count; k++) {
		int f = bd_vocab_at(&bd_fields, k);
		bd_cmp_row *r = add_row(c, BD_CMP_FIELD, bd_fields.entries[f].label);
		if (!r)
			return;
		for (int i = 0; i < c->n; i++) {
			bd_fieldset bit = BD_FIELD_BIT(f);
			bd_fieldset reported = bd_incident_reported(incs[i]);
			r->states[i] = reported & bit ? BD_FIELD_REPORTED
				     : incs[i]->exposed & bit ? BD_FIELD_EXPOSED
				     : incs[i]->not_exposed & bit ? BD_FIELD_SAFE
				     : incs[i]->lost & bit ? BD_FIELD_LOST : BD_FIELD_UNKNOWN;
			r->cells[i] = strdup(bd_field_state_text(r->states[i]));
		}
		finish_row(c, r);
	}
}

bd_status bd_compare_build(const bd_incident *const *incs, int n, const bd_threat_table *t,
			   bool ascii, bd_comparison *out)
{
	memset(out, 0, sizeof *out);
	if (n < 2 || n > BD_COMPARE_MAX)
		return BD_EUSAGE;
	out->n = n;
	for (int i = 0; i < n; i++) {
		char d[11];
		bd_date_format(bd_incident_date(incs[i]), d);
		out->ids[i] = strdup(incs[i]->id);
		if (asprintf(&out->heads[i], "%s %s", incs[i]->force_short, d) < 0)
			out->heads[i] = NULL;
	}
	add_row(out, BD_CMP_SECTION, "Incident");
	value_row(out, "Force", incs, t, ascii, cell_force);
	value_row(out, "Supplier", incs, t, ascii, cell_supplier);
	value_row(out, "Nation", incs, t, ascii, cell_nation);
	value_row(out, "Kind", incs, t, ascii, cell_kind);
	value_row(out, "Occurred", incs, t, ascii, cell_occurred);
	value_row(out, "Discovered", incs, t, ascii, cell_discovered);
	value_row(out, "Disclosed", incs, t, ascii, cell_disclosed);
	value_row(out, "Affected", incs, t, ascii, cell_affected);
	value_row(out, "Who", incs, t, ascii, cell_who);
	value_row(out, "Threat level", incs, t, ascii, cell_threat);
	add_row(out, BD_CMP_SECTION, "Referrals");
	value_row(out, "ICO", incs, t, ascii, cell_ico);
	value_row(out, "NCA", incs, t, ascii, cell_nca);
	add_row(out, BD_CMP_SECTION, "Fields");
	field_rows(out, incs);
	add_row(out, BD_CMP_SECTION, "Sources");
	value_row(out, "Conflicting figures", incs, t, ascii, cell_conflicts);
	return BD_OK;
}

void bd_comparison_free(bd_comparison *c)
{
	for (size_t r = 0; r < c->n_rows; r++) {
		free(c->rows[r].label);
		for (int i = 0; i < BD_COMPARE_MAX; i++)
			free(c->rows[r].cells[i]);
	}
	for (int i = 0; i < BD_COMPARE_MAX; i++) {
		free(c->heads[i]);
		free(c->ids[i]);
	}
	free(c->rows);
	memset(c, 0, sizeof *c);
}
