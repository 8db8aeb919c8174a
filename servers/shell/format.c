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
