/*
 * libFuzzer harness: the boot bundle and manifest checks (kernel/core/
 * bundle.c) that the kernel runs before it starts init, on any bytes after
 * the kernel image.
 *
 * CRC-32s guard the header, the entry table and each entry's data, so
 * random bytes would almost never get past the header.  The first input
 * byte picks what the rest is:
 *   bit 0 set: a bundle whose checksums the harness first sets right, so
 *              that the fuzzer reaches the entry and manifest checks (the
 *              checker still computes and compares every one);
 *   bit 1 set: a manifest alone (mlk_manifest_check);
 *   neither:   a bundle exactly as given.
 * What the checker accepts is then used the way the kernel and init use
 * it: entries found by name, their data read, init's ELF checked.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/bundle.h>
#include <mlk/elf.h>

static volatile uint64_t sink;

static uint64_t table_bytes(const struct mlk_bundle_header *h)
{
	return (uint64_t)h->entry_count * sizeof(struct mlk_bundle_entry);
}

/* Set every checksum the bundle's own numbers let us reach. */
static void fix_checksums(uint8_t *b, uint64_t size)
{
	struct mlk_bundle_header *h = (struct mlk_bundle_header *)b;
	struct mlk_bundle_entry *e = (struct mlk_bundle_entry *)(h + 1);

	if (size < sizeof(*h))
		return;
	if (h->entry_count <= MLK_BUNDLE_MAX_ENTRIES &&
	    sizeof(*h) + table_bytes(h) <= size) {
		for (uint32_t i = 0; i < h->entry_count; i++)
			if (e[i].offset <= size &&
			    e[i].size <= size - e[i].offset)
				e[i].checksum = mlk_crc32(0, b + e[i].offset,
							  e[i].size);
		h->table_checksum = mlk_crc32(0, e, table_bytes(h));
	}
	h->header_checksum = 0;
	h->header_checksum = mlk_crc32(0, h, sizeof(*h));
}

static void use_manifest(const void *data, uint64_t size)
{
	const struct mlk_manifest_header *m = data;
	const struct mlk_manifest_service *svc = (const void *)(m + 1);

	for (uint32_t i = 0; i < m->count; i++) {
		sink += strlen(svc[i].name) + strlen(svc[i].args);
		for (uint32_t g = 0; g < svc[i].ngrants; g++)
			sink += strlen(svc[i].grants[g].arg);
	}
	sink += size;
}

static void use_bundle(const uint8_t *b)
{
	const struct mlk_bundle_header *h = (const void *)b;
	const struct mlk_bundle_entry *e = mlk_bundle_entries(b);
	struct mlk_elf_info info;

	for (uint32_t i = 0; i < h->entry_count; i++) {
		const uint8_t *data = mlk_bundle_data(b, &e[i]);

		if (mlk_bundle_find(b, e[i].name) != &e[i]) {
			fprintf(stderr,
				"fuzz_bundle: entry %u not found by "
				"its own name\n",
				i);
			abort();
		}
		if (e[i].size)
			sink += data[0] + data[e[i].size - 1];
		switch (MLK_BUNDLE_KIND(e[i].flags)) {
		case MLK_BUNDLE_INIT:
		case MLK_BUNDLE_SERVICE:
			sink += (uint64_t)mlk_elf_check(data, e[i].size, &info);
			break;
		case MLK_BUNDLE_MANIFEST:
			use_manifest(data, e[i].size);
			break;
		}
	}
	sink += (uintptr_t)mlk_bundle_find(b, "manifest");
	sink += (uintptr_t)mlk_bundle_find(b, "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t mode;
	uint8_t *buf;
	struct mlk_bundle_diag diag;
	mlk_status_t st;

	if (size < 1)
		return -1;
	mode = data[0];
	data++;
	size--;
	/* The bundle starts on a page; malloc's 16 bytes are enough for
	 * the structures, and the buffer ends where the input does. */
	buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	if (mode & 2) {
		if (mlk_manifest_check(buf, size) == MLK_OK)
			use_manifest(buf, size);
		free(buf);
		return 0;
	}
	if (mode & 1)
		fix_checksums(buf, size);
	st = mlk_bundle_check(buf, size, &diag);
	if ((st == MLK_OK) != (diag.error == MLK_BUNDLE_OK))
		abort();
	if (st == MLK_OK)
		use_bundle(buf);
	else if (diag.entry >= 0 &&
		 (uint32_t)diag.entry >=
			 ((struct mlk_bundle_header *)buf)->entry_count)
		abort();
	sink += strlen(mlk_bundle_strerror(diag.error));
	free(buf);
	return 0;
}
