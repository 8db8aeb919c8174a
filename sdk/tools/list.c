/*
 * mlk-mkimage --list: what an image holds.  The services are printed as
 * manifest lines, so the output can be edited into a manifest for -m.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mkimage.h"

/*
 * The bundle starts at the kernel's own image_size, which mlk-mkimage
 * overwrote; look for it on page boundaries.  Kernel text could hold the
 * magic by chance, but the bundle also ends exactly where the file ends,
 * so prefer the candidate that does; else report the first one's errors.
 */
static uint64_t find_bundle(const uint8_t *image, uint64_t size,
			    const char *path)
{
	uint64_t first = 0;

	for (uint64_t off = PAGE_SIZE;
	     off + sizeof(struct mlk_bundle_header) <= size; off += PAGE_SIZE) {
		const uint8_t *hdr = image + off;
		size_t total_at =
			offsetof(struct mlk_bundle_header, total_size);

		if (get_le64(hdr) != MLK_BUNDLE_MAGIC)
			continue;
		if (!first)
			first = off;
		if (get_le64(hdr + total_at) == size - off)
			return off;
	}
	if (!first)
		fail(path, "no boot bundle after the kernel");
	return first;
}

static const char *kind_word(uint32_t flags)
{
	switch (MLK_BUNDLE_KIND(flags)) {
	case MLK_BUNDLE_INIT:
		return "init";
	case MLK_BUNDLE_SERVICE:
		return "service";
	case MLK_BUNDLE_FILE:
		return "file";
	default:
		return "manifest";
	}
}

static void list_manifest(const void *bundle)
{
	const struct mlk_bundle_entry *e = mlk_bundle_find(bundle, "manifest");
	const struct mlk_manifest_header *hdr;
	const struct mlk_manifest_service *svc;

	if (!e || MLK_BUNDLE_KIND(e->flags) != MLK_BUNDLE_MANIFEST) {
		printf("manifest: none\n");
		return;
	}
	hdr = mlk_bundle_data(bundle, e);
	svc = (const struct mlk_manifest_service *)(hdr + 1);
	printf("manifest: %u service%s\n", hdr->count,
	       hdr->count == 1 ? "" : "s");
	for (uint32_t i = 0; i < hdr->count; i++) {
		fputs("  ", stdout);
		service_print(&svc[i]);
	}
}

void list_image(const char *path)
{
	uint64_t size, image_size, off;
	uint8_t *image = read_file(path, &size);
	const struct mlk_bundle_header *hdr;
	const struct mlk_bundle_entry *ents;
	int err, bad;

	image_size = arm64_image_size(image, size, path);
	off = find_bundle(image, size, path);
	err = mlk_bundle_check(image + off, size - off, &bad);
	if (err && bad >= 0)
		fail(path, "bundle at offset %llu: %s (entry %d)",
		     (unsigned long long)off, mlk_bundle_strerror(err), bad);
	if (err)
		fail(path, "bundle at offset %llu: %s", (unsigned long long)off,
		     mlk_bundle_strerror(err));
	hdr = (const struct mlk_bundle_header *)(image + off);
	ents = mlk_bundle_entries(hdr);
	printf("image %s: %llu bytes, image_size %llu\n", path,
	       (unsigned long long)size, (unsigned long long)image_size);
	printf("kernel: %llu bytes (its image_size, bss included)\n",
	       (unsigned long long)off);
	printf("bundle: offset %llu, %llu bytes, %u entries\n",
	       (unsigned long long)off, (unsigned long long)hdr->total_size,
	       hdr->entry_count);
	for (uint32_t i = 0; i < hdr->entry_count; i++)
		printf("  %-9s %-32s %10llu  crc32 %08x\n",
		       kind_word(ents[i].flags), ents[i].name,
		       (unsigned long long)ents[i].size, ents[i].checksum);
	list_manifest(hdr);
	free(image);
}
