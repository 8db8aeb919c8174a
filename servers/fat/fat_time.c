/*
 * Time stamps: FAT keeps local date and time in two 16-bit words (years
 * from 1980, two-second steps); MLK keeps seconds since 1970 UTC and
 * treats the disk's as UTC.  Days to civil dates by the usual era
 * arithmetic on a proleptic Gregorian calendar.
 */
#include "fat_internal.h"

#define DOS_EPOCH 315532800ull /* 1980-01-01 00:00:00 */
#define DOS_LAST 4354819199ull /* 2107-12-31 23:59:59 */

static uint64_t days_from_civil(uint32_t y, uint32_t m, uint32_t d)
{
	uint32_t era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (uint64_t)era * 146097 + doe - 719468;
}

static void civil_from_days(uint64_t z, uint32_t *y, uint32_t *m, uint32_t *d)
{
	uint32_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (uint32_t)(z / 146097);
	doe = (uint32_t)(z - (uint64_t)era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

void fat_time_to_dos(uint64_t secs, uint16_t *date, uint16_t *time)
{
	uint32_t y, m, d, s;

	if (secs < DOS_EPOCH)
		secs = DOS_EPOCH;
	if (secs > DOS_LAST)
		secs = DOS_LAST;
	civil_from_days(secs / 86400, &y, &m, &d);
	s = (uint32_t)(secs % 86400);
	*date = (uint16_t)((y - 1980) << 9 | m << 5 | d);
	*time = (uint16_t)((s / 3600) << 11 | (s / 60 % 60) << 5 | s % 60 / 2);
}

uint64_t fat_time_from_dos(uint16_t date, uint16_t time)
{
	uint32_t m = date >> 5 & 15, d = date & 31;
	uint32_t h = time >> 11, min = time >> 5 & 63, s = (time & 31) * 2u;

	/* A date of zero (never set) or out of range reads as the epoch. */
	if (m < 1 || m > 12 || d < 1 || h > 23 || min > 59 || s > 59)
		return DOS_EPOCH;
	return days_from_civil(1980 + (date >> 9), m, d) * 86400 + h * 3600 +
	       min * 60 + s;
}

uint64_t fat_now(const struct fat_vol *v)
{
	return v->opt.now ? v->opt.now(v->opt.clock_ctx) : DOS_EPOCH;
}
