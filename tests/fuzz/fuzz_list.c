/*
 * libFuzzer harness: mlk-mkimage --list (sdk/tools/list.c, with the
 * kernel Image header check of pack.c and the kernel's bundle checker) on
 * any image file.
 *
 * The input is the image: an arm64 Image header, then the boot bundle
 * at a page boundary.  As in fuzz_bundle, the first byte says whether the
 * harness first sets the bundle's checksums right (bit 0), so that the
 * fuzzer gets past them to the entries and the manifest --list prints.
 */
#define _GNU_SOURCE /* memfd_create */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mlk/bundle.h>

#include "mkimage.h"
#include "mkimage_fail.h"

static char input_path[64];
static int input_fd = -1;

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_list: %s\n", what);
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* What --list prints is not worth seeing. */
	if (!freopen("/dev/null", "w", stdout))
		broken("cannot silence stdout");
	input_fd = memfd_create("image", 0);
	if (input_fd < 0)
		broken("cannot make the input file");
	snprintf(input_path, sizeof(input_path), "/proc/self/fd/%d", input_fd);
	return 0;
}

/* The checksums of a bundle at every page boundary: what mlk-mkimage
 * would have written for these entries. */
static void fix_checksums(uint8_t *image, size_t size)
{
	for (size_t off = PAGE_SIZE;
	     off + sizeof(struct mlk_bundle_header) <= size; off += PAGE_SIZE) {
		uint8_t *b = image + off;
		size_t avail = size - off;
		struct mlk_bundle_header *h = (void *)b;
		struct mlk_bundle_entry *e = (void *)(h + 1);
		uint64_t table = (uint64_t)h->entry_count * sizeof(*e);

		if (h->magic != MLK_BUNDLE_MAGIC)
			continue;
		if (h->entry_count <= MLK_BUNDLE_MAX_ENTRIES &&
		    sizeof(*h) + table <= avail) {
			for (uint32_t i = 0; i < h->entry_count; i++)
				if (e[i].offset <= avail &&
				    e[i].size <= avail - e[i].offset)
					e[i].checksum = mlk_crc32(
						0, b + e[i].offset, e[i].size);
			h->table_checksum = mlk_crc32(0, e, table);
		}
		h->header_checksum = 0;
		h->header_checksum = mlk_crc32(0, h, sizeof(*h));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *image;

	if (size < 1)
		return -1;
	/* 8-byte aligned, as read_file's malloc gives it to list_image. */
	image = malloc(size);
	memcpy(image, data + 1, size - 1);
	if (data[0] & 1)
		fix_checksums(image, size - 1);
	if (ftruncate(input_fd, 0) < 0 ||
	    pwrite(input_fd, image, size - 1, 0) != (ssize_t)(size - 1))
		broken("cannot write the input file");
	free(image);
	if (!mkimage_try())
		list_image(input_path);
	mkimage_close_files();
	return 0;
}

/* fail() leaves what it jumps over allocated. */
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}
