/*
 * The device side of virtio-blk: requests into the queue, completions
 * out of it (virtio 1.2, 5.2.6 "Device Operation": a header the device
 * reads, the data, a status byte it writes).
 */
#include <mlk/sys.h>

#include <string.h>

#include "blk.h"

/* Where slot i's header and status byte are in the DMA page. */
#define HEADER_OFFSET(i) ((uint64_t)(i)*16)
#define STATUS_OFFSET(i) (1024 + (uint64_t)(i))
_Static_assert(MAX_SLOTS * 16 <= 1024 && 1024 + MAX_SLOTS <= MLK_PAGE_SIZE,
	       "the slots' headers and status bytes fit one page");

struct virtio_blk_header {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

static int free_slot(const struct blk *b)
{
	if (mlk_virtq_free_count(&b->q) < DESCS_PER_REQUEST)
		return -1;
	for (int i = 0; i < MAX_SLOTS; i++)
		if (!b->slots[i].busy)
			return i;
	return -1;
}

bool blk_can_take(const struct blk *b)
{
	return free_slot(b) >= 0 || b->npending < MAX_PENDING;
}

/* Hand request r to the device in slot i (not kicked yet). */
static void submit(struct blk *b, int i, const struct blk_request *r)
{
	struct virtio_blk_header *h = (void *)(b->dma + HEADER_OFFSET(i));
	const struct blk_client *c = &b->clients[r->client];
	struct mlk_virtq_buf bufs[DESCS_PER_REQUEST];
	unsigned n = 0;
	uint16_t head;

	h->type = r->type;
	h->reserved = 0;
	h->sector = r->sector;
	b->dma[STATUS_OFFSET(i)] = 0xff; /* no status the device sets */
	bufs[n++] = (struct mlk_virtq_buf){ b->dma_phys + HEADER_OFFSET(i),
					    sizeof(*h), false };
	if (r->type == VIRTIO_BLK_T_IN || r->type == VIRTIO_BLK_T_OUT)
		bufs[n++] =
			(struct mlk_virtq_buf){ c->phys + r->offset,
						r->count * VIRTIO_BLK_SECTOR,
						r->type == VIRTIO_BLK_T_IN };
	bufs[n++] = (struct mlk_virtq_buf){ b->dma_phys + STATUS_OFFSET(i), 1,
					    true };
	/* free_slot made sure of the descriptors. */
	mlk_virtq_add(&b->q, bufs, n, &head);
	b->slots[i].busy = true;
	b->slots[i].head = head;
	b->slots[i].req = *r;
	b->slot_of_head[head] = (int16_t)i;
}

mlk_status_t blk_queue(struct blk *b, const struct blk_request *r)
{
	int i = free_slot(b);

	if (i < 0 && b->npending == MAX_PENDING)
		return MLK_ERR_NO_RESOURCES;
	b->clients[r->client].in_flight++;
	if (i < 0) {
		b->pending[(b->pending_first + b->npending++) % MAX_PENDING] =
			*r;
		return MLK_OK;
	}
	submit(b, i, r);
	mlk_virtq_kick(&b->q);
	return MLK_OK;
}

static mlk_status_t status_of(uint8_t device_status)
{
	switch (device_status) {
	case VIRTIO_BLK_S_OK:
		return MLK_OK;
	case VIRTIO_BLK_S_UNSUPP:
		return MLK_ERR_NOT_SUPPORTED;
	default: /* IOERR, or a byte the device never wrote */
		return MLK_ERR_IO;
	}
}

static void complete(struct blk *b, int i)
{
	struct blk_slot *s = &b->slots[i];
	struct mlk_msg m = { .label = status_of(b->dma[STATUS_OFFSET(i)]) };

	/* A client that went meanwhile cannot take its answer: no matter. */
	mlk_msg_reply_to(s->req.reply, &m);
	s->busy = false;
	b->slot_of_head[s->head] = -1;
	b->clients[s->req.client].in_flight--;
	blk_client_done(b, s->req.client);
}

/* Requests that waited for a slot, as far as slots go. */
static bool submit_pending(struct blk *b)
{
	bool any = false;
	int i;

	while (b->npending && (i = free_slot(b)) >= 0) {
		submit(b, i, &b->pending[b->pending_first]);
		b->pending_first = (b->pending_first + 1) % MAX_PENDING;
		b->npending--;
		any = true;
	}
	return any;
}

void blk_interrupt(struct blk *b)
{
	uint16_t head;
	uint32_t len;

	mlk_virtio_interrupt_ack(&b->dev);
	while (mlk_virtq_next_used(&b->q, &head, &len)) {
		int i = b->slot_of_head[head];
		if (i >= 0)
			complete(b, i);
	}
	if (submit_pending(b))
		mlk_virtq_kick(&b->q);
	mlk_virtio_irq_done(&b->dev);
}
