/* The incident model: unknown fields, referral status, conflicts between
 * figures, and how affected counts are written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "vocab.h"

static bd_fieldset all_fields(void)
{
	bd_fieldset all = 0;
	for (size_t i = 0; i < bd_fields.count; i++)
		all |= BD_FIELD_BIT(i);
	return all;
}

static int field(const char *name)
{
	int f = bd_vocab_find(&bd_fields, name);
	assert_true(f >= 0);
	return f;
}

static int popcount(bd_fieldset m)
{
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

static void init_means_unknown_not_zero(void **state)
{
	(void)state;
	bd_incident inc;
	memset(&inc, 0x5a, sizeof inc);
	bd_incident_init(&inc);
	assert_int_equal(inc.affected, -1);
	assert_int_equal(inc.qualifier, BD_Q_UNKNOWN);
	assert_null(inc.id);
	assert_int_equal(inc.exposed, 0);
	assert_int_equal(inc.not_exposed, 0);
	assert_int_equal(inc.n_referrals, 0);
	assert_int_equal(inc.origin, BD_ORIGIN_NATIVE);
	bd_incident_free(&inc);             /* freeing an empty incident is fine */
	assert_int_equal(inc.affected, -1);
}

/* Field sets are 32-bit masks, and the field strip tells fields apart by
 * their glyphs, which the strip's own marks must not be. */
static void fields_fit_the_mask_and_glyphs_are_unique(void **state)
{
	(void)state;
	assert_true(bd_fields.count <= 32);
	for (size_t i = 0; i < bd_fields.count; i++) {
		const bd_vocab_entry *e = &bd_fields.entries[i];
		assert_int_equal(strlen(e->glyph), 1);
		assert_string_equal(e->glyph, e->ascii);
		if (strchr("ox.+~", e->glyph[0]))
			fail_msg("%s: glyph %s is a mark of the field strip", e->name, e->glyph);
		for (size_t k = 0; k < i; k++)
			if (!strcmp(e->glyph, bd_fields.entries[k].glyph))
				fail_msg("%s and %s share glyph %s", e->name, bd_fields.entries[k].name, e->glyph);
	}
}

static void no_field_lists_means_every_field_unknown(void **state)
{
	(void)state;
	bd_incident inc;
	bd_incident_init(&inc);
	assert_int_equal(bd_fields.count, 30);
	assert_int_equal(bd_incident_unknown(&inc), all_fields());
	/* Nothing is safe when nothing is said. */
	assert_int_equal(inc.not_exposed, 0);
}

static void unknown_is_neither_exposed_nor_safe(void **state)
{
	(void)state;
	bd_incident inc;
	bd_incident_init(&inc);
	inc.exposed = BD_FIELD_BIT(field("name")) | BD_FIELD_BIT(field("photo"));
	inc.not_exposed = BD_FIELD_BIT(field("home-address"));
	bd_fieldset u = bd_incident_unknown(&inc);
	assert_int_equal(u & inc.exposed, 0);
	assert_int_equal(u & inc.not_exposed, 0);
	assert_int_equal(popcount(u), (int)bd_fields.count - 3);
	assert_true(u & BD_FIELD_BIT(field("phone")));
	assert_true(u & BD_FIELD_BIT(field("personal-unspecified")));
	assert_false(u & BD_FIELD_BIT(field("home-address")));
	/* No bits beyond the vocabulary. */
	assert_int_equal(u & ~all_fields(), 0);
	/* Every field is exactly one of exposed, safe, unknown. */
	assert_int_equal(u | inc.exposed | inc.not_exposed, all_fields());
}

static void all_fields_known_leaves_nothing_unknown(void **state)
{
	(void)state;
	bd_incident inc;
	bd_incident_init(&inc);
	inc.exposed = BD_FIELD_BIT(field("video"));
	inc.not_exposed = all_fields() & ~inc.exposed;
	assert_int_equal(bd_incident_unknown(&inc), 0);
}

static void referral_status_is_furthest_per_body(void **state)
{
	(void)state;
	bd_referral refs[4];
	memset(refs, 0, sizeof refs);
	refs[0].body = BD_BODY_ICO; refs[0].status = BD_REF_REFERRED;
	refs[1].body = BD_BODY_ICO; refs[1].status = BD_REF_FINE;
	refs[2].body = BD_BODY_ICO; refs[2].status = BD_REF_INVESTIGATING;
	refs[3].body = BD_BODY_IOPC; refs[3].status = BD_REF_REFERRED;
	bd_incident inc;
	bd_incident_init(&inc);
	inc.referrals = refs;
	inc.n_referrals = 4;
	assert_int_equal(bd_incident_referral_status(&inc, BD_BODY_ICO), BD_REF_FINE);
	assert_int_equal(bd_incident_referral_status(&inc, BD_BODY_IOPC), BD_REF_REFERRED);
	assert_int_equal(bd_incident_referral_status(&inc, BD_BODY_NCA), -1);
	assert_int_equal(bd_incident_referral_status(&inc, BD_BODY_OTHER), -1);
	inc.n_referrals = 0;
	assert_int_equal(bd_incident_referral_status(&inc, BD_BODY_ICO), -1);
}

static void incident_date_prefers_occurred_then_discovered(void **state)
{
	(void)state;
	bd_incident inc;
	bd_incident_init(&inc);
	assert_false(bd_date_is_set(bd_incident_date(&inc)));
	assert_true(bd_date_parse("2023-08-26", &inc.disclosed));
	assert_int_equal(bd_date_key(bd_incident_date(&inc)), 20230826);
	assert_true(bd_date_parse("2023-08", &inc.discovered));
	assert_int_equal(bd_date_key(bd_incident_date(&inc)), 20230800);
	assert_true(bd_date_parse("2023", &inc.occurred));
	assert_int_equal(bd_date_key(bd_incident_date(&inc)), 20230000);
}

static void source_lookup_by_id(void **state)
{
	(void)state;
	bd_source srcs[2];
	memset(srcs, 0, sizeof srcs);
	srcs[0].id = "s1"; srcs[0].publisher = "BBC";
	srcs[1].id = "s2"; srcs[1].publisher = "ITV";
	bd_incident inc;
	bd_incident_init(&inc);
	inc.sources = srcs;
	inc.n_sources = 2;
	assert_ptr_equal(bd_incident_source(&inc, "s2"), &srcs[1]);
	assert_ptr_equal(bd_incident_source(&inc, "s1"), &srcs[0]);
	assert_null(bd_incident_source(&inc, "s3"));
	assert_null(bd_incident_source(&inc, "S1"));
}

/* ---- conflicts ---- */

typedef struct seen_conflicts {
	int calls;
	char about[4][64];
	size_t idx[4][8];
	size_t n[4];
} seen_conflicts;

static void record_conflict(void *ctx, const char *about, const size_t *idx, size_t n)
{
	seen_conflicts *s = ctx;
	assert_true(s->calls < 4);
	assert_true(n <= 8);
	strncpy(s->about[s->calls], about, sizeof s->about[0] - 1);
	memcpy(s->idx[s->calls], idx, n * sizeof *idx);
	s->n[s->calls] = n;
	s->calls++;
}

static void set_figures(bd_incident *inc, bd_figure *figs, const char *const *pairs, size_t n)
{
	memset(figs, 0, n * sizeof *figs);
	for (size_t i = 0; i < n; i++) {
		figs[i].about = (char *)pairs[2 * i];
		figs[i].value = (char *)pairs[2 * i + 1];
	}
	inc->figures = figs;
	inc->n_figures = n;
}

static void conflicts_group_figures_by_about(void **state)
{
	(void)state;
	static const char *const pairs[] = {
		"affected", "9,483",
		"affected", "about 10,000",
		"time online", "2 hours 20 minutes",
		"time online", "2 hours 20 minutes",
		"affected", "9,483",
	};
	bd_figure figs[5];
	bd_incident inc;
	bd_incident_init(&inc);
	set_figures(&inc, figs, pairs, 5);
	seen_conflicts s = { 0 };
	assert_int_equal(bd_incident_conflicts(&inc, record_conflict, &s), 1);
	assert_int_equal(s.calls, 1);
	assert_string_equal(s.about[0], "affected");
	assert_int_equal(s.n[0], 3);
	assert_int_equal(s.idx[0][0], 0);
	assert_int_equal(s.idx[0][1], 1);
	assert_int_equal(s.idx[0][2], 4);
}

static void agreeing_figures_are_no_conflict(void **state)
{
	(void)state;
	static const char *const pairs[] = {
		"affected", "200", "affected", "200", "laptops", "1",
	};
	bd_figure figs[3];
	bd_incident inc;
	bd_incident_init(&inc);
	set_figures(&inc, figs, pairs, 3);
	seen_conflicts s = { 0 };
	assert_int_equal(bd_incident_conflicts(&inc, record_conflict, &s), 0);
	assert_int_equal(s.calls, 0);
	inc.n_figures = 0;
	assert_int_equal(bd_incident_conflicts(&inc, record_conflict, &s), 0);
	assert_int_equal(s.calls, 0);
}

static void each_conflicting_about_is_reported_once(void **state)
{
	(void)state;
	static const char *const pairs[] = {
		"b", "1", "a", "x", "b", "2", "a", "y", "a", "x", "c", "7",
	};
	bd_figure figs[6];
	bd_incident inc;
	bd_incident_init(&inc);
	set_figures(&inc, figs, pairs, 6);
	seen_conflicts s = { 0 };
	assert_int_equal(bd_incident_conflicts(&inc, record_conflict, &s), 2);
	assert_int_equal(s.calls, 2);
	assert_string_equal(s.about[0], "b");
	assert_int_equal(s.n[0], 2);
	assert_int_equal(s.idx[0][0], 0);
	assert_int_equal(s.idx[0][1], 2);
	assert_string_equal(s.about[1], "a");
	assert_int_equal(s.n[1], 3);
	assert_int_equal(s.idx[1][0], 1);
	assert_int_equal(s.idx[1][1], 3);
	assert_int_equal(s.idx[1][2], 4);
	/* Without a callback it still counts. */
	assert_int_equal(bd_incident_conflicts(&inc, NULL, NULL), 2);
}

static void conflicts_compare_about_exactly(void **state)
{
	(void)state;
	static const char *const pairs[] = { "Affected", "1", "affected", "2" };
	bd_figure figs[2];
	bd_incident inc;
	bd_incident_init(&inc);
	set_figures(&inc, figs, pairs, 2);
	assert_int_equal(bd_incident_conflicts(&inc, NULL, NULL), 0);
}

/* ---- formatting ---- */

static void formats_affected_for_every_qualifier(void **state)
{
	(void)state;
	char buf[32];
	bd_format_affected(47000, BD_Q_EXACT, false, buf, sizeof buf);
	assert_string_equal(buf, "47,000");
	bd_format_affected(10000, BD_Q_APPROX, false, buf, sizeof buf);
	assert_string_equal(buf, "~10,000");
	bd_format_affected(1000, BD_Q_AT_LEAST, false, buf, sizeof buf);
	assert_string_equal(buf, "1,000+");
	bd_format_affected(500, BD_Q_UP_TO, false, buf, sizeof buf);
	assert_string_equal(buf, "\xE2\x89\xA4" "500");
	bd_format_affected(-1, BD_Q_UNKNOWN, false, buf, sizeof buf);
	assert_string_equal(buf, "unknown");
	bd_format_affected(0, BD_Q_EXACT, false, buf, sizeof buf);
	assert_string_equal(buf, "0");
}

static void formats_affected_in_ascii(void **state)
{
	(void)state;
	char buf[32];
	bd_format_affected(500, BD_Q_UP_TO, true, buf, sizeof buf);
	assert_string_equal(buf, "<=500");
	bd_format_affected(47000, BD_Q_EXACT, true, buf, sizeof buf);
	assert_string_equal(buf, "47,000");
	bd_format_affected(10000, BD_Q_APPROX, true, buf, sizeof buf);
	assert_string_equal(buf, "~10,000");
	bd_format_affected(12500, BD_Q_AT_LEAST, true, buf, sizeof buf);
	assert_string_equal(buf, "12,500+");
	bd_format_affected(-1, BD_Q_UNKNOWN, true, buf, sizeof buf);
	assert_string_equal(buf, "unknown");
	for (const char *c = buf; *c; c++)
		assert_true((unsigned char)*c < 0x80);
}

static void unknown_count_never_shows_a_number(void **state)
{
	(void)state;
	char buf[32];
	/* A count without a qualifier, or a qualifier without a count. */
	bd_format_affected(-1, BD_Q_EXACT, false, buf, sizeof buf);
	assert_string_equal(buf, "unknown");
	bd_format_affected(-1, BD_Q_AT_LEAST, true, buf, sizeof buf);
	assert_string_equal(buf, "unknown");
	bd_format_affected(1234, BD_Q_UNKNOWN, false, buf, sizeof buf);
	assert_string_equal(buf, "unknown");
}

static void formats_affected_within_the_buffer(void **state)
{
	(void)state;
	char buf[8];
	memset(buf, 'x', sizeof buf);
	bd_format_affected(1234567, BD_Q_APPROX, false, buf, 5);
	assert_int_equal(strlen(buf), 4);
	assert_memory_equal(buf, "~1,2", 4);
	assert_int_equal(buf[5], 'x');
}

static void formats_thousands(void **state)
{
	(void)state;
	static const struct { long long n; const char *s; } cases[] = {
		{ 0, "0" }, { 7, "7" }, { 999, "999" }, { 1000, "1,000" },
		{ 9483, "9,483" }, { 12500, "12,500" }, { 100000, "100,000" },
		{ 999999, "999,999" }, { 1000000, "1,000,000" }, { 1234567, "1,234,567" },
		{ -1, "-1" }, { -1234, "-1,234" }, { -999999, "-999,999" },
		{ LLONG_MAX, "9,223,372,036,854,775,807" },
		{ LLONG_MIN, "-9,223,372,036,854,775,808" },
	};
	char buf[40];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bd_format_thousands(cases[i].n, buf, sizeof buf);
		assert_string_equal(buf, cases[i].s);
	}
}

static void formats_thousands_truncates_safely(void **state)
{
	(void)state;
	char buf[8];
	memset(buf, 'x', sizeof buf);
	bd_format_thousands(1000, buf, 1);
	assert_string_equal(buf, "");
	assert_int_equal(buf[1], 'x');
	bd_format_thousands(1000, buf, 6);
	assert_string_equal(buf, "1,000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(init_means_unknown_not_zero),
		cmocka_unit_test(fields_fit_the_mask_and_glyphs_are_unique),
		cmocka_unit_test(no_field_lists_means_every_field_unknown),
		cmocka_unit_test(unknown_is_neither_exposed_nor_safe),
		cmocka_unit_test(all_fields_known_leaves_nothing_unknown),
		cmocka_unit_test(referral_status_is_furthest_per_body),
		cmocka_unit_test(incident_date_prefers_occurred_then_discovered),
		cmocka_unit_test(source_lookup_by_id),
		cmocka_unit_test(conflicts_group_figures_by_about),
		cmocka_unit_test(agreeing_figures_are_no_conflict),
		cmocka_unit_test(each_conflicting_about_is_reported_once),
		cmocka_unit_test(conflicts_compare_about_exactly),
		cmocka_unit_test(formats_affected_for_every_qualifier),
		cmocka_unit_test(formats_affected_in_ascii),
		cmocka_unit_test(unknown_count_never_shows_a_number),
		cmocka_unit_test(formats_affected_within_the_buffer),
		cmocka_unit_test(formats_thousands),
		cmocka_unit_test(formats_thousands_truncates_safely),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
