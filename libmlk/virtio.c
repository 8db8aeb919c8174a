/*
 * The virtio-mmio transport (see mlk/virtio.h): finding the granted
 * device, the status handshake, feature negotiation, configuration space
 * and interrupts, for both versions of the transport (virtio 1.2, 4.2.3
 * "MMIO-specific Initialization And Device Operation" and 4.2.4 "Legacy
 * interface").
 */
#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/virtio.h>

#include <string.h>

#include "libc/libc_impl.h"
#include "virtio_impl.h"

/* How often a reset is read back before the device counts as stuck. */
#define RESET_POLLS 100000

/* The device and interrupt init granted for the transport. */
static bool find_grant(struct mlk_virtio *v)
{
	const struct mlk_startinfo *si = mlk_startinfo();

	for (uint32_t i = 0; si && i < si->nhandles; i++) {
		const struct mlk_start_handle *h = &si->handles[i];
		if (strcmp(h->name, MLK_VIRTIO_MMIO_COMPATIBLE))
			continue;
		if (h->kind == MLK_START_DEVICE) {
			v->device = h->handle;
			v->phys = h->value;
		} else if (h->kind == MLK_START_IRQ) {
			v->irq = h->handle;
		}
	}
	return v->device && v->irq;
}

/* The registers, uncached: the grant covers the page around them. */
static mlk_status_t map_registers(struct mlk_virtio *v)
{
	uint64_t size, addr;
	mlk_status_t st = mlk_mem_size(v->device, &size);

	if (st == MLK_OK)
		st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, v->device, 0, 0,
				    size, MLK_MAP_READ | MLK_MAP_WRITE, &addr);
	if (st == MLK_OK)
		v->regs =
			(volatile uint32_t *)(uintptr_t)(addr +
							 (v->phys &
							  (MLK_PAGE_SIZE - 1)));
	return st;
}

/* Writing 0 resets the device; a modern one says it is done by reading
 * 0 back (4.2.3.1). */
static mlk_status_t reset(struct mlk_virtio *v)
{
	virtio_write(v, MLK_VIRTIO_MMIO_STATUS, 0);
	for (int i = 0; i < RESET_POLLS; i++)
		if (virtio_read(v, MLK_VIRTIO_MMIO_STATUS) == 0)
			return MLK_OK;
	return MLK_ERR_TIMED_OUT;
}

static void status_set(struct mlk_virtio *v, uint32_t bits)
{
	virtio_write(v, MLK_VIRTIO_MMIO_STATUS,
		     virtio_read(v, MLK_VIRTIO_MMIO_STATUS) | bits);
}

MLK_PUBLIC mlk_status_t mlk_virtio_open(struct mlk_virtio *v,
					uint32_t device_id)
{
	mlk_status_t st;

	memset(v, 0, sizeof(*v));
	if (!find_grant(v))
		return MLK_ERR_NOT_FOUND;
	st = map_registers(v);
	if (st != MLK_OK)
		return st;
	v->version = virtio_read(v, MLK_VIRTIO_MMIO_VERSION);
	v->device_id = virtio_read(v, MLK_VIRTIO_MMIO_DEVICE_ID);
	if (virtio_read(v, MLK_VIRTIO_MMIO_MAGIC_VALUE) !=
		    MLK_VIRTIO_MMIO_MAGIC ||
	    v->version < 1 || v->version > 2 || v->device_id != device_id)
		return MLK_ERR_BAD_FORMAT;
	st = reset(v);
	if (st != MLK_OK)
		return st;
	/* A legacy device computes queue addresses in pages of this size
	 * (4.2.4). */
	if (v->version == 1)
		virtio_write(v, MLK_VIRTIO_MMIO_GUEST_PAGE_SIZE, MLK_PAGE_SIZE);
	status_set(v, MLK_VIRTIO_STATUS_ACKNOWLEDGE);
	status_set(v, MLK_VIRTIO_STATUS_DRIVER);
	return MLK_OK;
}

static uint64_t device_features(struct mlk_virtio *v)
{
	virtio_write(v, MLK_VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	uint64_t features = virtio_read(v, MLK_VIRTIO_MMIO_DEVICE_FEATURES);
	/* A legacy device has 32 feature bits only. */
	if (v->version == 2) {
		virtio_write(v, MLK_VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
		features |= (uint64_t)virtio_read(
				    v, MLK_VIRTIO_MMIO_DEVICE_FEATURES)
			    << 32;
	}
	return features;
}

static void driver_features(struct mlk_virtio *v, uint64_t features)
{
	virtio_write(v, MLK_VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	virtio_write(v, MLK_VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)features);
	if (v->version == 2) {
		virtio_write(v, MLK_VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
		virtio_write(v, MLK_VIRTIO_MMIO_DRIVER_FEATURES,
			     (uint32_t)(features >> 32));
	}
}

/* 3.1.1: read the device's features, write the subset we take, set
 * FEATURES_OK and read it back: a device that clears it refuses them.
 * A modern transport without VERSION_1 would be a legacy device behind a
 * modern face, which 6.1 forbids a driver to accept. */
MLK_PUBLIC mlk_status_t mlk_virtio_negotiate(struct mlk_virtio *v,
					     uint64_t wanted)
{
	uint64_t offered = device_features(v);

	if (v->version == 2) {
		if (!(offered & MLK_VIRTIO_F_VERSION_1)) {
			mlk_virtio_fail(v);
			return MLK_ERR_NOT_SUPPORTED;
		}
		wanted |= MLK_VIRTIO_F_VERSION_1;
	} else {
		wanted &= 0xffffffffu;
	}
	v->features = offered & wanted;
	driver_features(v, v->features);
	if (v->version == 1)
		return MLK_OK; /* a legacy device knows no FEATURES_OK */
	status_set(v, MLK_VIRTIO_STATUS_FEATURES_OK);
	if (!(mlk_virtio_status(v) & MLK_VIRTIO_STATUS_FEATURES_OK)) {
		mlk_virtio_fail(v);
		return MLK_ERR_NOT_SUPPORTED;
	}
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_virtio_irq_bind(struct mlk_virtio *v,
					    mlk_handle_t notification,
					    uint64_t bits)
{
	return mlk_irq_bind(v->irq, notification, bits);
}

MLK_PUBLIC void mlk_virtio_driver_ok(struct mlk_virtio *v)
{
	status_set(v, MLK_VIRTIO_STATUS_DRIVER_OK);
}

MLK_PUBLIC void mlk_virtio_fail(struct mlk_virtio *v)
{
	status_set(v, MLK_VIRTIO_STATUS_FAILED);
}

MLK_PUBLIC uint32_t mlk_virtio_status(const struct mlk_virtio *v)
{
	return virtio_read(v, MLK_VIRTIO_MMIO_STATUS);
}

static uint64_t config_once(const struct mlk_virtio *v, uint32_t offset,
			    unsigned size)
{
	uintptr_t at = (uintptr_t)v->regs + MLK_VIRTIO_MMIO_CONFIG + offset;

	switch (size) {
	case 1:
		return *(volatile uint8_t *)at;
	case 2:
		return *(volatile uint16_t *)at;
	case 4:
		return *(volatile uint32_t *)at;
	default:
		return *(volatile uint32_t *)at |
		       (uint64_t) * (volatile uint32_t *)(at + 4) << 32;
	}
}

/* 2.5.1: a field wider than 32 bits can change between its halves; the
 * generation counter says whether it did (legacy devices have none). */
MLK_PUBLIC uint64_t mlk_virtio_config_read(const struct mlk_virtio *v,
					   uint32_t offset, unsigned size)
{
	uint32_t before, after;
	uint64_t value;

	if (v->version == 1)
		return config_once(v, offset, size);
	do {
		before = virtio_read(v, MLK_VIRTIO_MMIO_CONFIG_GENERATION);
		value = config_once(v, offset, size);
		after = virtio_read(v, MLK_VIRTIO_MMIO_CONFIG_GENERATION);
	} while (before != after);
	return value;
}

MLK_PUBLIC uint32_t mlk_virtio_interrupt_ack(struct mlk_virtio *v)
{
	uint32_t status = virtio_read(v, MLK_VIRTIO_MMIO_INTERRUPT_STATUS);

	virtio_write(v, MLK_VIRTIO_MMIO_INTERRUPT_ACK, status);
	return status;
}

MLK_PUBLIC mlk_status_t mlk_virtio_irq_done(struct mlk_virtio *v)
{
	return mlk_irq_ack(v->irq);
}

MLK_PUBLIC mlk_status_t mlk_virtio_dma_alloc(size_t size, mlk_handle_t *mem,
					     void **addr, uint64_t *phys)
{
	uint64_t bytes = MLK_PAGE_UP(size), va;
	mlk_status_t st = mlk_mem_create(bytes, MLK_MEM_CONTIGUOUS, mem);

	if (st != MLK_OK)
		return st;
	st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, *mem, 0, 0, bytes,
			    MLK_MAP_READ | MLK_MAP_WRITE, &va);
	if (st == MLK_OK)
		st = mlk_mem_phys(*mem, phys);
	if (st != MLK_OK) {
		mlk_handle_close(*mem);
		return st;
	}
	*addr = (void *)(uintptr_t)va;
	memset(*addr, 0, bytes);
	return MLK_OK;
}
