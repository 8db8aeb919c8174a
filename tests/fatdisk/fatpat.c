/*
 * fatpat: fattest's files on the build machine (tests/fatdisk/fatdisk.sh).
 *
 *   fatpat gen SEED LENGTH   LENGTH bytes of pattern SEED to stdout
 *   fatpat crc               stdin's size and CRC-32 ("12 0x1234abcd"),
 *                            as fattest prints them
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fatpat.h"

static uint8_t buf[65536];

static int gen(uint32_t seed, uint64_t len)
{
	uint64_t pos = 0;

	while (pos < len) {
		size_t n = len - pos < sizeof(buf) ? len - pos : sizeof(buf);
		fatpat_fill(buf, seed, pos, n);
		if (fwrite(buf, 1, n, stdout) != n)
			return 1;
		pos += n;
	}
	return fflush(stdout) ? 1 : 0;
}

/* CRC-32 of IEEE 802.3 (reflected, 0xedb88320), as mlk_crc32. */
static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t len)
{
	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static int crc(void)
{
	uint64_t size = 0;
	uint32_t c = 0;
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
		c = crc32_update(c, buf, n);
		size += n;
	}
	if (ferror(stdin))
		return 1;
	printf("%llu 0x%08x\n", (unsigned long long)size, (unsigned)c);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "gen"))
		return gen((uint32_t)strtoul(argv[2], NULL, 0),
			   strtoull(argv[3], NULL, 0));
	if (argc == 2 && !strcmp(argv[1], "crc"))
		return crc();
	fprintf(stderr, "usage: fatpat gen SEED LENGTH | fatpat crc\n");
	return 2;
}
