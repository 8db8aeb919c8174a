/*
 * Virtio device types: the numbers a transport's DeviceID register holds
 * (virtio 1.2, section 5 "Device Types") and the short names the
 * manifest's grant=virtio=NAME and the shell's `devices` use for them.
 * Header-only, so the build machine's mlk-mkimage reads the same table
 * as init and the drivers.
 */
#ifndef MLK_VIRTIO_IDS_H
#define MLK_VIRTIO_IDS_H

#include <stddef.h>
#include <stdint.h>

#define MLK_VIRTIO_ID_NONE 0 /* a transport with no device behind it */
#define MLK_VIRTIO_ID_NET 1
#define MLK_VIRTIO_ID_BLOCK 2
#define MLK_VIRTIO_ID_CONSOLE 3
#define MLK_VIRTIO_ID_RNG 4
#define MLK_VIRTIO_ID_BALLOON 5
#define MLK_VIRTIO_ID_SCSI 8
#define MLK_VIRTIO_ID_9P 9
#define MLK_VIRTIO_ID_GPU 16
#define MLK_VIRTIO_ID_INPUT 18
#define MLK_VIRTIO_ID_VSOCK 19
#define MLK_VIRTIO_ID_CRYPTO 20
#define MLK_VIRTIO_ID_FS 26

struct mlk_virtio_id_name {
	uint32_t id;
	const char *name;
};

static const struct mlk_virtio_id_name mlk_virtio_id_names[] = {
	{ MLK_VIRTIO_ID_NET, "net" },	      { MLK_VIRTIO_ID_BLOCK, "blk" },
	{ MLK_VIRTIO_ID_CONSOLE, "console" }, { MLK_VIRTIO_ID_RNG, "rng" },
	{ MLK_VIRTIO_ID_BALLOON, "balloon" }, { MLK_VIRTIO_ID_SCSI, "scsi" },
	{ MLK_VIRTIO_ID_9P, "9p" },	      { MLK_VIRTIO_ID_GPU, "gpu" },
	{ MLK_VIRTIO_ID_INPUT, "input" },     { MLK_VIRTIO_ID_VSOCK, "vsock" },
	{ MLK_VIRTIO_ID_CRYPTO, "crypto" },   { MLK_VIRTIO_ID_FS, "fs" },
};

/* The short name of device type `id` ("blk"), or NULL for one this table
 * does not know. */
static inline const char *mlk_virtio_id_name(uint32_t id)
{
	size_t n = sizeof(mlk_virtio_id_names) / sizeof(mlk_virtio_id_names[0]);

	for (size_t i = 0; i < n; i++)
		if (mlk_virtio_id_names[i].id == id)
			return mlk_virtio_id_names[i].name;
	return NULL;
}

/* Whether NUL-terminated a and b are equal (no <string.h>: the kernel
 * reads this header through sdk/lib/bundle.c). */
static inline int mlk_virtio_name_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The device type called `name` ("blk" -> MLK_VIRTIO_ID_BLOCK), or
 * MLK_VIRTIO_ID_NONE for a name this table does not know. */
static inline uint32_t mlk_virtio_id_by_name(const char *name)
{
	size_t n = sizeof(mlk_virtio_id_names) / sizeof(mlk_virtio_id_names[0]);

	for (size_t i = 0; i < n; i++)
		if (mlk_virtio_name_eq(mlk_virtio_id_names[i].name, name))
			return mlk_virtio_id_names[i].id;
	return MLK_VIRTIO_ID_NONE;
}

#endif
