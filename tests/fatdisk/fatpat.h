/*
 * The bytes fattest writes and the host expects (fatpat): byte `pos` of
 * a file of pattern `seed`, so that a byte written to the wrong place, or
 * a file of another seed, shows.  Shared by the guest program and the
 * build machine's tool.
 */
#ifndef MLK_TESTS_FATDISK_FATPAT_H
#define MLK_TESTS_FATDISK_FATPAT_H

#include <stddef.h>
#include <stdint.h>

static inline uint8_t fatpat_byte(uint32_t seed, uint64_t pos)
{
	uint64_t x =
		((pos >> 3) * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)seed << 40);

	x ^= x >> 29;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 32;
	return (uint8_t)(x >> (8 * (pos & 7)));
}

/* buf = the pattern's bytes from `from` on, len of them. */
static inline void fatpat_fill(uint8_t *buf, uint32_t seed, uint64_t from,
			       size_t len)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = fatpat_byte(seed, from + i);
}

#endif
