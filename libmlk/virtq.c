/*
 * Split virtqueues (virtio 1.2, 2.7): the descriptor table, the driver's
 * (available) ring and the device's (used) ring in one contiguous memory
 * object, set up through either version of the MMIO transport.
 */
#include <mlk/sys.h>
#include <mlk/virtio.h>

#include <string.h>

#include "libc/libc_impl.h"
#include "virtio_impl.h"

#define ALIGN_UP(x, a) (((x) + (a)-1) & ~(uint64_t)((a)-1))

/* The largest power of two no larger than n (n > 0). */
static uint16_t pow2_floor(uint32_t n)
{
	uint32_t p = 1;

	while (p * 2 <= n)
		p *= 2;
	return (uint16_t)p;
}

/* Bytes of descriptors and available ring; the used ring starts after
 * them, aligned (2.7 "Virtqueue alignment", 4.2.4 for legacy). */
static uint64_t driver_area_end(uint16_t size)
{
	return ALIGN_UP(16ull * size + 6 + 2ull * size, MLK_VIRTQ_ALIGN);
}

static uint64_t queue_bytes(uint16_t size)
{
	return driver_area_end(size) +
	       ALIGN_UP(6 + 8ull * size, MLK_VIRTQ_ALIGN);
}

static void set_addr(struct mlk_virtio *v, unsigned low, uint64_t phys)
{
	virtio_write(v, low, (uint32_t)phys);
	virtio_write(v, low + 4, (uint32_t)(phys >> 32));
}

/* Tell the device where the rings are: a page number for a legacy device
 * (4.2.4), three addresses and QueueReady for a modern one (4.2.3.2). */
static void queue_locate(struct mlk_virtq *q)
{
	struct mlk_virtio *v = q->dev;
	uint64_t avail = q->phys + 16ull * q->size;
	uint64_t used = q->phys + driver_area_end(q->size);

	virtio_write(v, MLK_VIRTIO_MMIO_QUEUE_NUM, q->size);
	if (v->version == 1) {
		virtio_write(v, MLK_VIRTIO_MMIO_QUEUE_ALIGN, MLK_VIRTQ_ALIGN);
		virtio_write(v, MLK_VIRTIO_MMIO_QUEUE_PFN,
			     (uint32_t)(q->phys / MLK_PAGE_SIZE));
		return;
	}
	set_addr(v, MLK_VIRTIO_MMIO_QUEUE_DESC_LOW, q->phys);
	set_addr(v, MLK_VIRTIO_MMIO_QUEUE_DRIVER_LOW, avail);
	set_addr(v, MLK_VIRTIO_MMIO_QUEUE_DEVICE_LOW, used);
	virtio_write(v, MLK_VIRTIO_MMIO_QUEUE_READY, 1);
}

/* Is queue `index` there and free?  Its size, or 0 with a status. */
static mlk_status_t queue_size(struct mlk_virtio *v, uint16_t index,
			       uint16_t max_size, uint16_t *size)
{
	uint32_t in_use, max;

	virtio_write(v, MLK_VIRTIO_MMIO_QUEUE_SEL, index);
	in_use = virtio_read(v, v->version == 1 ? MLK_VIRTIO_MMIO_QUEUE_PFN
						: MLK_VIRTIO_MMIO_QUEUE_READY);
	if (in_use)
		return MLK_ERR_BAD_STATE;
	max = virtio_read(v, MLK_VIRTIO_MMIO_QUEUE_NUM_MAX);
	if (max == 0)
		return MLK_ERR_NOT_FOUND;
	if (max > max_size)
		max = max_size;
	if (max > MLK_VIRTQ_MAX_SIZE)
		max = MLK_VIRTQ_MAX_SIZE;
	*size = pow2_floor(max);
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_virtq_create(struct mlk_virtio *v,
					 struct mlk_virtq *q, uint16_t index,
					 uint16_t max_size)
{
	void *base;
	mlk_status_t st;

	memset(q, 0, sizeof(*q));
	if (max_size == 0)
		return MLK_ERR_BAD_ARG(3);
	q->dev = v;
	q->index = index;
	st = queue_size(v, index, max_size, &q->size);
	if (st != MLK_OK)
		return st;
	st = mlk_virtio_dma_alloc(queue_bytes(q->size), &q->mem, &base,
				  &q->phys);
	if (st != MLK_OK)
		return st;
	q->desc = base;
	q->avail = (void *)((uint8_t *)base + 16ull * q->size);
	q->used = (void *)((uint8_t *)base + driver_area_end(q->size));
	for (uint16_t i = 0; i < q->size; i++)
		q->desc[i].next = (uint16_t)(i + 1);
	q->nfree = q->size;
	queue_locate(q);
	return MLK_OK;
}

/* Buffers go into the free descriptors in the order the free list has
 * them; the chain's links are the free list's own. */
MLK_PUBLIC mlk_status_t mlk_virtq_add(struct mlk_virtq *q,
				      const struct mlk_virtq_buf *bufs,
				      unsigned n, uint16_t *head)
{
	uint16_t idx;

	if (n == 0)
		return MLK_ERR_BAD_ARG(2);
	if (n > q->nfree)
		return MLK_ERR_NO_RESOURCES;
	*head = idx = q->free_head;
	for (unsigned i = 0; i < n; i++) {
		volatile struct mlk_virtq_desc *d = &q->desc[idx];
		d->addr = bufs[i].phys;
		d->len = bufs[i].len;
		d->flags = (uint16_t)((bufs[i].device_writes
					       ? MLK_VIRTQ_DESC_F_WRITE
					       : 0) |
				      (i + 1 < n ? MLK_VIRTQ_DESC_F_NEXT : 0));
		idx = d->next;
	}
	q->free_head = idx;
	q->nfree = (uint16_t)(q->nfree - n);
	q->avail->ring[q->avail_idx % q->size] = *head;
	q->avail_idx++;
	return MLK_OK;
}

MLK_PUBLIC void mlk_virtq_kick(struct mlk_virtq *q)
{
	virtio_wmb(); /* the descriptors and ring entries first */
	q->avail->idx = q->avail_idx;
	virtio_wmb(); /* then the index, then the doorbell */
	virtio_write(q->dev, MLK_VIRTIO_MMIO_QUEUE_NOTIFY, q->index);
}

/* Put the chain at `head` back on the free list.  A device that names a
 * descriptor out of the table, or a chain longer than the table, is not
 * followed further. */
static void free_chain(struct mlk_virtq *q, uint16_t head)
{
	uint16_t idx = head, n = 1;

	while ((q->desc[idx].flags & MLK_VIRTQ_DESC_F_NEXT) && n < q->size &&
	       q->desc[idx].next < q->size) {
		idx = q->desc[idx].next;
		n++;
	}
	q->desc[idx].flags = 0;
	q->desc[idx].next = q->free_head;
	q->free_head = head;
	q->nfree = (uint16_t)(q->nfree + n);
}

MLK_PUBLIC bool mlk_virtq_next_used(struct mlk_virtq *q, uint16_t *head,
				    uint32_t *len)
{
	for (;;) {
		if (q->used_idx == q->used->idx)
			return false;
		virtio_rmb();
		volatile struct mlk_virtq_used_elem *e =
			&q->used->ring[q->used_idx % q->size];
		uint32_t id = e->id;
		*len = e->len;
		q->used_idx++;
		if (id < q->size) {
			*head = (uint16_t)id;
			free_chain(q, *head);
			return true;
		}
		/* A head we never gave out: skip it. */
	}
}

MLK_PUBLIC unsigned mlk_virtq_free_count(const struct mlk_virtq *q)
{
	return q->nfree;
}
