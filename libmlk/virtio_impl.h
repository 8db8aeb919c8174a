/*
 * libmlk's own helpers for the virtio transport and queues (not
 * installed): register access and the barriers the rings need.
 */
#ifndef MLK_LIBMLK_VIRTIO_IMPL_H
#define MLK_LIBMLK_VIRTIO_IMPL_H

#include <mlk/virtio.h>

static inline uint32_t virtio_read(const struct mlk_virtio *v, unsigned off)
{
	return v->regs[off / 4];
}

static inline void virtio_write(struct mlk_virtio *v, unsigned off,
				uint32_t value)
{
	v->regs[off / 4] = value;
}

/* The device is another observer in the outer shareable domain: our
 * writes to a ring must reach it before the index that publishes them,
 * and the index before the notify register (Arm ARM B2.3, DMB). */
static inline void virtio_wmb(void)
{
	__asm__ volatile("dmb oshst" ::: "memory");
}

/* Entries of the used ring are read only after the index that says they
 * are there. */
static inline void virtio_rmb(void)
{
	__asm__ volatile("dmb oshld" ::: "memory");
}

#endif
