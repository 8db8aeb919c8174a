/*
 * Selftests: the bundle checksum (sdk/lib/bundle.c).  On a CPU with the
 * CRC32 instructions mlk_crc32 takes them, and must give what the table
 * gives for every alignment and length, or no bundle would pass its
 * check; on one without, both are the table.
 */
#include <mlk/bundle.h>

#include "crc32.h"
#include "selftest.h"

#define SPAN 200

SELFTEST(crc, known_answer)
{
	/* The CRC-32 check value (the "123456789" of every CRC catalogue). */
	ST_EQ(t, mlk_crc32(0, "123456789", 9), 0xcbf43926);
	ST_EQ(t, mlk_crc32(0, "", 0), 0);
	/* Chained: the CRC of the whole from the CRC of its first part. */
	ST_EQ(t, mlk_crc32(mlk_crc32(0, "1234", 4), "56789", 5), 0xcbf43926);
}

SELFTEST(crc, instructions_match_the_table)
{
	static uint8_t buf[SPAN + 8];
	uint32_t seed = 0x12345678;
	int bad = 0;

	for (unsigned i = 0; i < sizeof(buf); i++) {
		seed = seed * 1103515245 + 12345;
		buf[i] = (uint8_t)(seed >> 16);
	}
	/* Every start in a word and every length up to SPAN: the aligned
	 * middle, the bytes before and after it, the 32-byte turns. */
	for (unsigned off = 0; off < 8; off++)
		for (unsigned len = 0; len <= SPAN; len++)
			bad += mlk_crc32(7, buf + off, len) !=
			       crc32_by_table(7, buf + off, len);
	ST_EQ(t, bad, 0);
}
