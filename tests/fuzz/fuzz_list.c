/*
 * libFuzzer harness: mlk-mkimage --list (mkimage_list in sdk/tools/
 * list.c, with the Image header check of pack.c and the kernel's bundle
 * checker) on any image file in memory.
 *
 * The input is the image: an arm64 Image header, then the boot bundle
 * at a page boundary.  As in fuzz_bundle, the first byte says whether the
 * harness first sets the bundle's checksums right (bit 0), so that the
 * fuzzer gets past them to the entries and the manifest --list prints.
 * What it prints must hold no control character but the newlines, and
 * its manifest lines must read back through mkimage_parse_manifest as the
 * services the image's manifest holds.
 */
#define _GNU_SOURCE /* open_memstream */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/bundle.h>

#include "mkimage.h"

static __attribute__((noreturn)) void broken(const char *what)
{
	fprintf(stderr, "fuzz_list: %s\n", what);
	abort();
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

/* The services of the image's manifest (none: count 0). */
static const struct mlk_manifest_header *manifest_of(const uint8_t *image,
						     const char *listing)
{
	static const struct mlk_manifest_header none;
	const char *at = strstr(listing, "\nbundle: offset ");
	unsigned long long off;
	const struct mlk_bundle_entry *e;

	if (!at || sscanf(at, "\nbundle: offset %llu", &off) != 1)
		broken("--list printed no bundle offset");
	e = mlk_bundle_find(image + off, "manifest");
	if (!e || MLK_BUNDLE_KIND(e->flags) != MLK_BUNDLE_MANIFEST)
		return &none;
	return mlk_bundle_data(image + off, e);
}

/* The same service as far as init can tell: bytes past a string's NUL
 * and grants past ngrants are not read (bundle.c lets them be anything),
 * and a line cannot carry them. */
static bool same_service(const struct mlk_manifest_service *a,
			 const struct mlk_manifest_service *b)
{
	if (strcmp(a->name, b->name) || a->priority != b->priority ||
	    a->flags != b->flags || a->quota != b->quota ||
	    a->ngrants != b->ngrants || a->give_up != b->give_up ||
	    strcmp(a->args, b->args))
		return false;
	for (uint32_t i = 0; i < a->ngrants; i++)
		if (a->grants[i].kind != b->grants[i].kind ||
		    a->grants[i].reserved != b->grants[i].reserved ||
		    strcmp(a->grants[i].arg, b->grants[i].arg))
			return false;
	return true;
}

/* The manifest lines of a listing ("  service ..."), as a manifest, must
 * give the image's services back. */
static void reads_back(const uint8_t *image, const char *listing, size_t len)
{
	const struct mlk_manifest_header *m = manifest_of(image, listing);
	const struct mlk_manifest_service *svc = (const void *)(m + 1);
	struct plan plan = { .services_dir = "svc" };
	struct mkimage_error err;
	const char *services = strstr(listing, "\nmanifest: ");

	/* Control characters as mkimage.h's control_char() counts them:
	 * bytes from 0x80 on are UTF-8's, which names may hold. */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)listing[i];

		if ((c < 0x20 && c != '\n') || c == 0x7f)
			broken("--list printed a control character");
	}
	if (!services)
		broken("--list printed no manifest line");
	services = strchr(services + 1, '\n');
	if (mkimage_parse_manifest(&plan, services, strlen(services), "listing",
				   &err) < 0) {
		fprintf(stderr, "fuzz_list: read back: %s\n", err.text);
		broken("--list printed a manifest its reader refuses");
	}
	if (plan.nservices != m->count)
		broken("--list printed another number of services");
	for (uint32_t i = 0; i < m->count; i++)
		if (!same_service(&plan.services[i], &svc[i]))
			broken("--list printed a service that reads back "
			       "differently");
	plan_free(&plan);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mkimage_error err;
	uint8_t *image;
	char *listing = NULL;
	size_t len = 0;
	FILE *out;
	int st;

	if (size < 1)
		return -1;
	/* Aligned as malloc aligns, as mkimage_list wants it, and ending
	 * where the image does. */
	image = xmalloc(size - 1);
	memcpy(image, data + 1, size - 1);
	if (data[0] & 1)
		fix_checksums(image, size - 1);
	out = open_memstream(&listing, &len);
	if (!out)
		broken("no memory stream");
	st = mkimage_list(image, size - 1, "fuzz.img", out, &err);
	fclose(out);
	if (st == 0)
		reads_back(image, listing, len);
	else if (len)
		broken("--list printed something for an image it refused");
	free(listing);
	free(image);
	return 0;
}
