/*
 * Numbers for people, without floating point (libmlk's printf has none):
 * fixed-point output with three decimals, and seconds with decimals in.
 */
#include <stdio.h>

#include "shell.h"

#define NS_PER_S 1000000000ull
#define MAX_SECONDS 1000000000ull /* about 31 years: no overflow in ns */

void format_fixed3(char *buf, size_t size, uint64_t value, uint64_t unit)
{
	snprintf(buf, size, "%lu.%03lu", (unsigned long)(value / unit),
		 (unsigned long)(value % unit * 1000 / unit));
}

bool parse_seconds(const char *s, uint64_t *ns)
{
	uint64_t whole = 0, frac = 0, scale = NS_PER_S;
	bool digits = false;

	for (; *s >= '0' && *s <= '9'; s++, digits = true) {
		whole = whole * 10 + (uint64_t)(*s - '0');
		if (whole > MAX_SECONDS)
			return false;
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, digits = true) {
			/* Digits beyond nanoseconds do not count. */
			if (scale > 1) {
				scale /= 10;
				frac += (uint64_t)(*s - '0') * scale;
			}
		}
	}
	if (!digits || *s)
		return false;
	*ns = whole * NS_PER_S + frac;
	return true;
}

/* The civil date of a day count since 1970-01-01, by the proleptic
 * Gregorian calendar: eras of 400 years (146097 days) starting on
 * March 1st, so that the leap day ends each year. */
static void civil_date(uint64_t days, unsigned *y, unsigned *m, unsigned *d)
{
	uint64_t z = days + 719468; /* days since 0000-03-01 */
	uint64_t era = z / 146097, doe = z % 146097;
	uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	uint64_t mp = (5 * doy + 2) / 153;

	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = (unsigned)(yoe + era * 400 + (*m <= 2));
}

void format_date(char *buf, size_t size, uint64_t ns)
{
	uint64_t s = ns / NS_PER_S;
	unsigned y, mo, d;

	civil_date(s / 86400, &y, &mo, &d);
	s %= 86400;
	snprintf(buf, size, "%04u-%02u-%02u %02u:%02u:%02u", y, mo, d,
		 (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
		 (unsigned)(s % 60));
}
