#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int bd_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool bd_date_parse(const char *s, bd_date *out)
{
	bd_date d = { 0, 0, 0 };
	size_t len = strlen(s);
	if (len != 4 && len != 7 && len != 10)
		return false;
	if (!digits(s, 4, &d.year) || d.year < 1000)
		return false;
	if (len >= 7) {
		if (s[4] != '-' || !digits(s + 5, 2, &d.month) || d.month < 1 || d.month > 12)
			return false;
	}
	if (len == 10) {
		if (s[7] != '-' || !digits(s + 8, 2, &d.day) || d.day < 1 ||
		    d.day > bd_days_in_month(d.year, d.month))
			return false;
	}
	*out = d;
	return true;
}

bool bd_date_is_set(bd_date d)
{
	return d.year != 0;
}

bool bd_date_is_full(bd_date d)
{
	return d.year && d.month && d.day;
}

int bd_date_key(bd_date d)
{
	return d.year * 10000 + d.month * 100 + d.day;
}

bd_date bd_date_from_key(int key)
{
	bd_date d = { key / 10000, key / 100 % 100, key % 100 };
	return d;
}

int bd_date_cmp(bd_date a, bd_date b)
{
	if (!a.year || !b.year)
		return (a.year == 0) - (b.year == 0);
	int ka = bd_date_key(a), kb = bd_date_key(b);
	return (ka > kb) - (ka < kb);
}

void bd_date_format(bd_date d, char out[static 11])
{
	unsigned y = (unsigned)d.year % 10000, m = (unsigned)d.month % 100,
		 dd = (unsigned)d.day % 100;
	if (!d.year)
		out[0] = '\0';
	else if (!d.month)
		snprintf(out, 11, "%04u", y);
	else if (!d.day)
		snprintf(out, 11, "%04u-%02u", y, m);
	else
		snprintf(out, 11, "%04u-%02u-%02u", y, m, dd);
}

bd_date bd_date_first_day(bd_date d)
{
	bd_date f = { d.year, d.month ? d.month : 1, d.day ? d.day : 1 };
	return f;
}

bd_date bd_date_last_day(bd_date d)
{
	bd_date l = { d.year, d.month ? d.month : 12, d.day };
	if (!l.day)
		l.day = bd_days_in_month(l.year, l.month);
	return l;
}

bool bd_date_overlaps(bd_date d, bd_date from, bd_date to)
{
	if (!d.year)
		return false;
	int first = bd_date_key(bd_date_first_day(d));
	int last = bd_date_key(bd_date_last_day(d));
	if (last < bd_date_key(from))
		return false;
	return !to.year || first <= bd_date_key(to);
}
