/*
 * What the FAT unit tests share: disk images made on the build machine
 * with mkfs.fat and mtools in a scratch folder, a struct fat_dev over an
 * image in memory, and the host's view of an image afterwards (fsck.fat,
 * mtype).  Tests skip (exit 77) when the tools are missing, unless
 * MLK_REQUIRE_FAT=1 makes that a failure.
 */
#ifndef MLK_TESTS_UNIT_FAT_HOST_H
#define MLK_TESTS_UNIT_FAT_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fat.h"

/* An image in memory and the device over it. */
struct memdisk {
	uint8_t *data;
	size_t size;
	unsigned writes;      /* sector writes so far */
	unsigned write_limit; /* if set, writes after this many are lost */
	struct fat_dev dev;
};

/* Exit 77 (or fail under MLK_REQUIRE_FAT=1) unless mkfs.fat, fsck.fat
 * and mtools are there; then make the scratch folder. */
void fh_setup(const char *test);
/* The scratch folder's path + name (a static buffer per call slot). */
const char *fh_path(const char *name);
/* Run a shell command in the scratch folder; its exit status. */
int fh_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Run a command, its standard output and error into out; exit status. */
int fh_sh_out(char *out, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A deterministic content of n bytes, seeded. */
void fh_fill(uint8_t *buf, size_t n, uint32_t seed);
/* Write a host file of n bytes with fh_fill(seed). */
void fh_host_file(const char *name, size_t n, uint32_t seed);
/* CRC-32 (IEEE) of a buffer. */
uint32_t fh_crc32(const void *buf, size_t n);

/* Load an image file into memory / save it back. */
void fh_load(struct memdisk *d, const char *name);
void fh_save(const struct memdisk *d, const char *name);
void fh_free(struct memdisk *d);
/* Mount d read-write with a small cache; fails the test otherwise. */
struct fat_vol *fh_mount(struct memdisk *d, uint32_t cache_sectors);

/* The whole file at path through the core, malloc'ed; *len its size. */
uint8_t *fh_read_all(struct fat_vol *v, const char *path, size_t *len);
/* Create path (a file) with n bytes of fh_fill(seed), written in chunks
 * of `chunk` bytes. */
void fh_write_new(struct fat_vol *v, const char *path, size_t n, uint32_t seed,
		  size_t chunk);

/* The files of the standard test image: path, size, fh_fill seed. */
struct fh_file {
	const char *path;
	size_t size;
	uint32_t seed;
};
extern const struct fh_file fh_files[];
/* Make image `name` in the scratch folder: mkfs.fat -F bits, then
 * folders four deep and fh_files copied in with mtools. */
void fh_make_image(const char *name, unsigned bits);

/* The host's checks of an image file: fsck.fat -n finds nothing (exit
 * 0, no dirty bit); mtype gives exactly these bytes (of fh_fill(seed));
 * mdir -b lists exactly `want` (its lines sorted). */
void fh_expect_fsck_clean(const char *img);
void fh_expect_mtype(const char *img, const char *path, const uint8_t *want,
		     size_t len);
/* Whether mtype gives exactly these bytes (false if path is not there). */
bool fh_mtype_matches(const char *img, const char *path, const uint8_t *want,
		      size_t len);
void fh_expect_mtype_seed(const char *img, const char *path, size_t len,
			  uint32_t seed);
void fh_expect_mdir(const char *img, const char *dir, const char *want);

#endif
