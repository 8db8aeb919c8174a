/*
 * diskpat: disk images for the virtio-blk tests, on the build machine.
 *
 *   diskpat fill FILE SECTORS SEED
 *       write a new image of SECTORS 512-byte sectors of SEED's pattern
 *   diskpat check FILE SEED [FIRST COUNT SEED]...
 *       check that sectors FIRST..FIRST+COUNT-1 hold the pattern of the
 *       SEED given with them and every other sector the first SEED's
 *
 * Prints the first sector that differs and exits 1; 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"

static int usage(void)
{
	fprintf(stderr,
		"usage: diskpat fill FILE SECTORS SEED\n"
		"       diskpat check FILE SEED [FIRST COUNT SEED]...\n");
	return 2;
}

static int fill(const char *path, uint64_t sectors, uint32_t seed)
{
	uint8_t buf[PATTERN_SECTOR];
	FILE *f = fopen(path, "wb");

	if (!f) {
		perror(path);
		return 1;
	}
	for (uint64_t s = 0; s < sectors; s++) {
		pattern_fill(buf, seed, s, 1);
		if (fwrite(buf, sizeof(buf), 1, f) != 1) {
			perror(path);
			fclose(f);
			return 1;
		}
	}
	return fclose(f) ? 1 : 0;
}

/* The seed sector s should hold: that of the last range covering it. */
static uint32_t seed_of(uint64_t s, uint32_t base, int nranges, char **r)
{
	uint32_t seed = base;

	for (int i = 0; i < nranges; i++) {
		uint64_t first = strtoull(r[3 * i], NULL, 0);
		uint64_t count = strtoull(r[3 * i + 1], NULL, 0);
		if (s >= first && s < first + count)
			seed = (uint32_t)strtoul(r[3 * i + 2], NULL, 0);
	}
	return seed;
}

static int check(const char *path, uint32_t base, int nranges, char **r)
{
	uint8_t buf[PATTERN_SECTOR];
	FILE *f = fopen(path, "rb");
	uint64_t s = 0;

	if (!f) {
		perror(path);
		return 1;
	}
	while (fread(buf, sizeof(buf), 1, f) == 1) {
		uint32_t seed = seed_of(s, base, nranges, r);
		if (pattern_check(buf, seed, s, 1) >= 0) {
			printf("diskpat: %s: sector %llu is not seed %u's\n",
			       path, (unsigned long long)s, (unsigned)seed);
			fclose(f);
			return 1;
		}
		s++;
	}
	fclose(f);
	printf("diskpat: %s: %llu sectors as expected\n", path,
	       (unsigned long long)s);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "fill"))
		return fill(argv[2], strtoull(argv[3], NULL, 0),
			    (uint32_t)strtoul(argv[4], NULL, 0));
	if (argc >= 4 && !strcmp(argv[1], "check") && (argc - 4) % 3 == 0)
		return check(argv[2], (uint32_t)strtoul(argv[3], NULL, 0),
			     (argc - 4) / 3, argv + 4);
	return usage();
}
