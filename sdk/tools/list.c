/*
 * mlk-mkimage --list: what an image holds.  The services are printed as
 * manifest lines, so the output can be edited into a manifest for -m:
 * an image whose manifest holds a value no manifest line can say (only
 * possible if another program made it) is refused rather than listed
 * wrongly.
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
static int find_bundle(const uint8_t *image, uint64_t size, const char *path,
		       uint64_t *found, struct mkimage_error *err)
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
		if (get_le64(hdr + total_at) == size - off) {
			*found = off;
			return 0;
		}
	}
	if (!first)
		return mkimage_fail(err, path,
				    "no boot bundle after the kernel");
	*found = first;
	return 0;
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

static const struct mlk_manifest_header *manifest_of(const void *bundle)
{
	const struct mlk_bundle_entry *e = mlk_bundle_find(bundle, "manifest");

	if (!e || MLK_BUNDLE_KIND(e->flags) != MLK_BUNDLE_MANIFEST)
		return NULL;
	return mlk_bundle_data(bundle, e);
}

static const struct mlk_manifest_service *
manifest_services(const struct mlk_manifest_header *hdr)
{
	return (const struct mlk_manifest_service *)(hdr + 1);
}

/*
 * Can every service be printed as a line that reads back?  Each alone
 * (service_check_printable), and all together as the manifest reader
 * adds them to a plan: no name twice, none the manifest's own.
 */
static int check_manifest(const void *bundle, const char *path,
			  struct mkimage_error *err)
{
	const struct mlk_manifest_header *hdr = manifest_of(bundle);
	struct plan names = { 0 };
	int st = 0;

	for (uint32_t i = 0; hdr && i < hdr->count && st == 0; i++) {
		const struct mlk_manifest_service *svc =
			&manifest_services(hdr)[i];
		char *where = xasprintf("%s: manifest service %u", path, i + 1);

		st = service_check_printable(svc, where, err);
		if (st == 0)
			st = plan_add_service(&names, svc, NULL, where, err);
		free(where);
	}
	plan_free(&names);
	return st;
}

static void list_manifest(const void *bundle, FILE *out)
{
	const struct mlk_manifest_header *hdr = manifest_of(bundle);

	if (!hdr) {
		fprintf(out, "manifest: none\n");
		return;
	}
	fprintf(out, "manifest: %u service%s\n", hdr->count,
		hdr->count == 1 ? "" : "s");
	for (uint32_t i = 0; i < hdr->count; i++) {
		fputs("  ", out);
		service_print(&manifest_services(hdr)[i], out);
	}
}

/* An entry name for the table: a control character (in an image this
 * program did not make) must not reach the terminal. */
static void printable_name(char *out, const char *name)
{
	size_t i;

	for (i = 0; name[i] && i < MLK_BUNDLE_NAME_SIZE - 1; i++) {
		unsigned char c = (unsigned char)name[i];

		out[i] = c < 0x20 || c == 0x7f ? '?' : name[i];
	}
	out[i] = '\0';
}

/* An image starts with the kernel's arm64 Image header: a file without
 * one (a text file, an ELF) is something else altogether. */
static int check_header(const uint8_t *image, uint64_t size, const char *path,
			struct mkimage_error *err)
{
	if (size < ARM64_HEADER_SIZE ||
	    memcmp(image + ARM64_MAGIC_OFFSET, ARM64_MAGIC, 4))
		return mkimage_fail(err, path,
				    "not an MLK image (no arm64 Image "
				    "header)");
	return 0;
}

/* Is there a valid bundle after a valid kernel?  Its offset in *off. */
static int check_image(const uint8_t *image, uint64_t size, const char *path,
		       uint64_t *image_size, uint64_t *off,
		       struct mkimage_error *err)
{
	struct mlk_bundle_diag diag;

	if (check_header(image, size, path, err) < 0 ||
	    arm64_image_size(image, size, path, image_size, err) < 0 ||
	    find_bundle(image, size, path, off, err) < 0)
		return -1;
	if (mlk_bundle_check(image + *off, size - *off, &diag) == MLK_OK)
		return check_manifest(image + *off, path, err);
	if (diag.entry >= 0)
		return mkimage_fail(
			err, path, "bundle at offset %llu: %s (entry %d)",
			(unsigned long long)*off,
			mlk_bundle_strerror(diag.error), diag.entry);
	return mkimage_fail(err, path, "bundle at offset %llu: %s",
			    (unsigned long long)*off,
			    mlk_bundle_strerror(diag.error));
}

int mkimage_list(const uint8_t *image, uint64_t size, const char *name,
		 FILE *out, struct mkimage_error *err)
{
	uint64_t image_size = 0, off = 0;
	const struct mlk_bundle_header *hdr;
	const struct mlk_bundle_entry *ents;
	char entry_name[MLK_BUNDLE_NAME_SIZE];

	if (check_image(image, size, name, &image_size, &off, err) < 0)
		return -1;
	hdr = (const struct mlk_bundle_header *)(image + off);
	ents = mlk_bundle_entries(hdr);
	fprintf(out, "image %s: %llu bytes, image_size %llu\n", name,
		(unsigned long long)size, (unsigned long long)image_size);
	fprintf(out, "kernel: %llu bytes (its image_size, bss included)\n",
		(unsigned long long)off);
	fprintf(out, "bundle: offset %llu, %llu bytes, %u entries\n",
		(unsigned long long)off, (unsigned long long)hdr->total_size,
		hdr->entry_count);
	for (uint32_t i = 0; i < hdr->entry_count; i++) {
		printable_name(entry_name, ents[i].name);
		fprintf(out, "  %-9s %-32s %10llu  crc32 %08x\n",
			kind_word(ents[i].flags), entry_name,
			(unsigned long long)ents[i].size, ents[i].checksum);
	}
	list_manifest(hdr, out);
	return 0;
}

int list_image(const char *path, FILE *out, struct mkimage_error *err)
{
	uint64_t size;
	uint8_t *image = read_file(path, &size, err);
	int st;

	if (!image)
		return -1;
	st = mkimage_list(image, size, path, out, err);
	free(image);
	return st;
}
