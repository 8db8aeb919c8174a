/*
 * The bytes blktest and the host agree on: a disk image the host fills
 * (diskpat fill) holds pattern_byte(seed, sector, offset) everywhere, and
 * what blktest writes uses other seeds, so the host can tell exactly
 * which sectors were written, with what, afterwards (diskpat check).
 * Shared by the guest program and the build machine's tool.
 */
#ifndef MLK_TESTS_BLK_PATTERN_H
#define MLK_TESTS_BLK_PATTERN_H

#include <stdint.h>

#define PATTERN_SECTOR 512u

/* A byte no two nearby sectors or seeds share by accident; the sector's
 * number is mixed in so that a sector written to the wrong place shows. */
static inline uint8_t pattern_byte(uint32_t seed, uint64_t sector,
				   uint32_t offset)
{
	uint64_t x = (sector * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)seed << 40) ^
		     offset;

	x ^= x >> 29;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 32;
	return (uint8_t)x;
}

static inline void pattern_fill(uint8_t *buf, uint32_t seed, uint64_t sector,
				uint64_t count)
{
	for (uint64_t s = 0; s < count; s++)
		for (uint32_t o = 0; o < PATTERN_SECTOR; o++)
			buf[s * PATTERN_SECTOR + o] =
				pattern_byte(seed, sector + s, o);
}

/* The first sector of buf (count sectors from `sector`) that differs
 * from the pattern, or -1. */
static inline int64_t pattern_check(const uint8_t *buf, uint32_t seed,
				    uint64_t sector, uint64_t count)
{
	for (uint64_t s = 0; s < count; s++)
		for (uint32_t o = 0; o < PATTERN_SECTOR; o++)
			if (buf[s * PATTERN_SECTOR + o] !=
			    pattern_byte(seed, sector + s, o))
				return (int64_t)(sector + s);
	return -1;
}

#endif
