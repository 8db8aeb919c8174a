/*
 * unlist: take a service out of an image's manifest, leaving its program
 * in the bundle, for inittest's "run of a program the manifest does not
 * name".  mlk-mkimage makes every service a manifest entry, so such an
 * image is made by editing one: the entry goes, the later ones move up,
 * and the manifest's, the table's and the header's checksums are made
 * again.  Built for the build machine.
 *
 * Usage: unlist IMAGE NAME OUTPUT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/bundle.h>

static void die(const char *what)
{
	fprintf(stderr, "unlist: %s\n", what);
	exit(1);
}

static unsigned char *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long len;

	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		die("cannot read the image");
	buf = malloc((size_t)len);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len)
		die("cannot read the image");
	fclose(f);
	*size = (size_t)len;
	return buf;
}

/* The bundle: the first page that holds a valid one. */
static struct mlk_bundle_header *find_bundle(unsigned char *img, size_t size)
{
	for (size_t off = 0; off + MLK_BUNDLE_ALIGN <= size;
	     off += MLK_BUNDLE_ALIGN)
		if (mlk_bundle_check(img + off, size - off, NULL) == MLK_OK)
			return (struct mlk_bundle_header *)(img + off);
	die("no bundle in the image");
	return NULL;
}

static void drop_service(struct mlk_manifest_header *mh, const char *name)
{
	struct mlk_manifest_service *s = (void *)(mh + 1);

	for (uint32_t i = 0; i < mh->count; i++) {
		if (strcmp(s[i].name, name))
			continue;
		memmove(&s[i], &s[i + 1], (mh->count - i - 1) * sizeof(*s));
		memset(&s[--mh->count], 0, sizeof(*s));
		return;
	}
	die("no such service in the manifest");
}

static void checksum_again(struct mlk_bundle_header *hdr,
			   struct mlk_bundle_entry *manifest)
{
	unsigned char *bundle = (unsigned char *)hdr;

	manifest->checksum =
		mlk_crc32(0, bundle + manifest->offset, (size_t)manifest->size);
	hdr->table_checksum =
		mlk_crc32(0, mlk_bundle_entries(bundle),
			  (size_t)hdr->entry_count * hdr->entry_size);
	hdr->header_checksum = 0;
	hdr->header_checksum = mlk_crc32(0, hdr, sizeof(*hdr));
}

int main(int argc, char **argv)
{
	struct mlk_bundle_header *hdr;
	struct mlk_bundle_entry *manifest;
	unsigned char *img;
	size_t size;
	FILE *out;

	if (argc != 4)
		die("usage: unlist IMAGE NAME OUTPUT");
	img = read_all(argv[1], &size);
	hdr = find_bundle(img, size);
	manifest = (struct mlk_bundle_entry *)mlk_bundle_find(hdr, "manifest");
	if (!manifest)
		die("the image has no manifest");
	drop_service((void *)((unsigned char *)hdr + manifest->offset),
		     argv[2]);
	checksum_again(hdr, manifest);
	if (mlk_bundle_check(hdr, size - (size_t)((unsigned char *)hdr - img),
			     NULL) != MLK_OK)
		die("the edited bundle does not check");
	out = fopen(argv[3], "wb");
	if (!out || fwrite(img, 1, size, out) != size || fclose(out))
		die("cannot write the output");
	free(img);
	return 0;
}
