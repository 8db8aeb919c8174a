/*
 * A disk from the boot bundle: the file entry the service's --image=
 * names, copied into a memory object of this service's own (the bundle
 * is mapped read-only), served as 512-byte sectors.  This stands in for
 * the block client (the block protocol of issue 10) until the service is
 * connected to it; nothing else in the service knows where sectors come
 * from (struct fat_dev).
 */
#include <stdio.h>
#include <string.h>

#include <mlk/bundle.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include "fat_service.h"

#define SECTOR 512

struct image {
	uint8_t *data;
	uint64_t size;
};

static struct image img;

static mlk_status_t img_read(void *ctx, uint64_t sector, uint32_t count,
			     void *buf)
{
	struct image *m = ctx;

	if (sector > m->size / SECTOR || count > m->size / SECTOR - sector)
		return MLK_ERR_BAD_ARG(1);
	memcpy(buf, m->data + sector * SECTOR, (size_t)count * SECTOR);
	return MLK_OK;
}

static mlk_status_t img_write(void *ctx, uint64_t sector, uint32_t count,
			      const void *buf)
{
	struct image *m = ctx;

	if (sector > m->size / SECTOR || count > m->size / SECTOR - sector)
		return MLK_ERR_BAD_ARG(1);
	memcpy(m->data + sector * SECTOR, buf, (size_t)count * SECTOR);
	return MLK_OK;
}

static mlk_status_t map(mlk_handle_t h, uint64_t size, uint32_t flags,
			void **out)
{
	uint64_t addr;
	mlk_status_t st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, h, 0, 0,
					 MLK_PAGE_UP(size), flags, &addr);

	if (st == MLK_OK)
		*out = (void *)(uintptr_t)addr;
	return st;
}

static const struct mlk_bundle_entry *find(const void *bundle, const char *name)
{
	const struct mlk_bundle_header *h = bundle;
	const struct mlk_bundle_entry *e = mlk_bundle_entries(bundle);

	for (uint32_t i = 0; i < h->entry_count; i++)
		if (MLK_BUNDLE_KIND(e[i].flags) == MLK_BUNDLE_FILE &&
		    !strcmp(e[i].name, name))
			return &e[i];
	return NULL;
}

/* A copy of the entry's bytes in a new object (committed: a disk whose
 * pages could fail to come would be a fault in the middle of a write). */
static mlk_status_t copy_entry(const void *bundle,
			       const struct mlk_bundle_entry *e)
{
	mlk_handle_t mem;
	void *p;
	mlk_status_t st;

	if (e->size < SECTOR)
		return MLK_ERR_BAD_FORMAT;
	img.size = e->size - e->size % SECTOR;
	st = mlk_mem_create(MLK_PAGE_UP(img.size), MLK_MEM_COMMIT, &mem);
	if (st == MLK_OK)
		st = map(mem, img.size, MLK_MAP_READ | MLK_MAP_WRITE, &p);
	if (st != MLK_OK)
		return st;
	img.data = p;
	memcpy(img.data, mlk_bundle_data(bundle, e), img.size);
	return MLK_OK;
}

mlk_status_t fat_image_open(const char *name, struct fat_dev *dev)
{
	mlk_handle_t h = mlk_start_handle(MLK_START_BUNDLE, NULL);
	const struct mlk_bundle_entry *e;
	uint64_t size = 0;
	void *bundle;
	mlk_status_t st;

	if (!h)
		return MLK_ERR_NOT_FOUND; /* the manifest lacks grant=bundle */
	st = mlk_mem_size(h, &size);
	if (st == MLK_OK)
		st = map(h, size, MLK_MAP_READ, &bundle);
	if (st != MLK_OK)
		return st;
	e = find(bundle, name);
	st = e ? copy_entry(bundle, e) : MLK_ERR_NOT_FOUND;
	if (st != MLK_OK)
		return st;
	dev->ctx = &img;
	dev->sector_size = SECTOR;
	dev->sector_count = img.size / SECTOR;
	dev->read = img_read;
	dev->write = img_write;
	dev->flush = NULL;
	return MLK_OK;
}
