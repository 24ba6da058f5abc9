/* Partial dates: parsing, ordering, formatting, overlap with periods. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "date.h"

static bd_date d(const char *s)
{
	bd_date out = { 0, 0, 0 };
	assert_true(bd_date_parse(s, &out));
	return out;
}

static void parses_partial_dates(void **state)
{
	(void)state;
	bd_date x;
	assert_true(bd_date_parse("2023", &x));
	assert_int_equal(x.year, 2023);
	assert_int_equal(x.month, 0);
	assert_true(bd_date_parse("2023-08", &x));
	assert_int_equal(x.month, 8);
	assert_true(bd_date_parse("2024-02-29", &x));
	assert_int_equal(x.day, 29);
}

static void rejects_bad_dates(void **state)
{
	(void)state;
	bd_date x;
	const char *bad[] = { "", "23", "2023-8", "2023-13", "2023-00", "2023-02-29",
			      "2023-04-31", "2023/08/01", "2023-08-01T00", "abcd", "0999" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(bd_date_parse(bad[i], &x));
}

static void partial_sorts_before_fuller(void **state)
{
	(void)state;
	assert_true(bd_date_cmp(d("2023-08"), d("2023-08-01")) < 0);
	assert_true(bd_date_cmp(d("2023"), d("2023-01")) < 0);
	assert_true(bd_date_cmp(d("2023-07-31"), d("2023-08")) < 0);
	assert_int_equal(bd_date_cmp(d("2023-08"), d("2023-08")), 0);
	bd_date unset = { 0, 0, 0 };
	assert_true(bd_date_cmp(unset, d("1999")) > 0);
}

static void formats_as_written(void **state)
{
	(void)state;
	char buf[11];
	bd_date_format(d("2023-08"), buf);
	assert_string_equal(buf, "2023-08");
	bd_date_format(d("2023-08-26"), buf);
	assert_string_equal(buf, "2023-08-26");
	bd_date unset = { 0, 0, 0 };
	bd_date_format(unset, buf);
	assert_string_equal(buf, "");
}

static void overlaps_periods(void **state)
{
	(void)state;
	bd_date open = { 0, 0, 0 };
	assert_true(bd_date_overlaps(d("2023-08"), d("2023-03-28"), d("2024-03-05")));
	assert_true(bd_date_overlaps(d("2024-03"), d("2023-03-28"), d("2024-03-05")));
	assert_false(bd_date_overlaps(d("2024-04"), d("2023-03-28"), d("2024-03-05")));
	assert_true(bd_date_overlaps(d("2030"), d("2024-03-06"), open));
	assert_false(bd_date_overlaps(d("2023-03-27"), d("2023-03-28"), open));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_partial_dates),
		cmocka_unit_test(rejects_bad_dates),
		cmocka_unit_test(partial_sorts_before_fuller),
		cmocka_unit_test(formats_as_written),
		cmocka_unit_test(overlaps_periods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
