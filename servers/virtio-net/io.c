/*
 * The device side of virtio-net: receive buffers kept in the receive
 * queue, frames into the send queue, completions out of both (virtio
 * 1.2, 5.1.6 "Device Operation").  A slot is one descriptor: the
 * device's header and the frame after it, placed so that the frame
 * starts MLK_NETDEV_FRAME_OFFSET bytes into the slot whatever the
 * header's size (the legacy header with VIRTIO_F_ANY_LAYOUT, or none
 * needed on a modern device, may share a descriptor with the frame).
 */
#include <mlk/sys.h>

#include <string.h>

#include "vnet.h"

static uint64_t header_phys(const struct vnet *n, const struct pool *p,
			    unsigned slot)
{
	return p->phys + (uint64_t)slot * MLK_NETDEV_SLOT_SIZE +
	       MLK_NETDEV_FRAME_OFFSET - n->hdr_len;
}

static void post(struct vnet *n, struct mlk_virtq *q, struct pool *p,
		 unsigned slot, uint32_t len, bool device_writes)
{
	struct mlk_virtq_buf b = { header_phys(n, p, slot), len,
				   device_writes };
	uint16_t head;

	/* A slot is a descriptor and a queue has a descriptor per slot,
	 * so this cannot run out. */
	if (mlk_virtq_add(q, &b, 1, &head) != MLK_OK)
		return;
	p->owner[slot] = OWNER_DEVICE;
	p->slot_of_head[head] = (int16_t)slot;
}

void vnet_rx_post(struct vnet *n, unsigned slot)
{
	post(n, &n->rxq, &n->rx, slot,
	     MLK_NETDEV_SLOT_SIZE - MLK_NETDEV_FRAME_OFFSET + n->hdr_len, true);
}

void vnet_tx_post(struct vnet *n, unsigned slot, uint32_t len)
{
	uint8_t *slot_base = n->tx.base + (size_t)slot * MLK_NETDEV_SLOT_SIZE;

	/* No offloads asked for: every header field is 0 (5.1.6.2). */
	memset(slot_base + MLK_NETDEV_FRAME_OFFSET - n->hdr_len, 0, n->hdr_len);
	post(n, &n->txq, &n->tx, slot, n->hdr_len + len, false);
}

static int slot_of(struct pool *p, uint16_t head)
{
	int slot = head < QUEUE_SIZE ? p->slot_of_head[head] : -1;

	if (slot >= 0)
		p->slot_of_head[head] = -1;
	return slot;
}

/* Received frames: to the client's ready list, or straight back into
 * the queue when there is no client. */
static bool reap_rx(struct vnet *n)
{
	bool any = false;
	uint16_t head;
	uint32_t len;

	while (mlk_virtq_next_used(&n->rxq, &head, &len)) {
		int slot = slot_of(&n->rx, head);
		if (slot < 0)
			continue;
		if (!n->has_client || len <= n->hdr_len) {
			n->dropped++;
			vnet_rx_post(n, (unsigned)slot);
			any = true;
			continue;
		}
		n->received++;
		n->rx.owner[slot] = OWNER_READY;
		unsigned at = (n->ready_first + n->nready++) % POOL_SLOTS;
		n->ready[at] = (uint16_t)slot;
		n->ready_len[at] = len - n->hdr_len;
	}
	return any;
}

static void reap_tx(struct vnet *n)
{
	uint16_t head;
	uint32_t len;

	while (mlk_virtq_next_used(&n->txq, &head, &len)) {
		int slot = slot_of(&n->tx, head);
		if (slot < 0)
			continue;
		n->sent++;
		if (n->has_client) {
			n->tx.owner[slot] = OWNER_READY;
			n->done[(n->done_first + n->ndone++) % POOL_SLOTS] =
				(uint16_t)slot;
		} else {
			n->tx.owner[slot] = OWNER_DRIVER;
		}
	}
}

bool vnet_reap(struct vnet *n)
{
	unsigned before = n->nready + n->ndone;

	if (reap_rx(n))
		mlk_virtq_kick(&n->rxq);
	reap_tx(n);
	return n->has_client && n->nready + n->ndone != before;
}

void vnet_interrupt(struct vnet *n)
{
	mlk_virtio_interrupt_ack(&n->dev);
	if (vnet_reap(n))
		mlk_signal(n->client_note, MLK_NETDEV_EVENT_BIT);
	mlk_virtio_irq_done(&n->dev);
}

bool vnet_link_up(const struct vnet *n)
{
	if (!n->has_status)
		return true;
	return mlk_virtio_config_read(&n->dev, VIRTIO_NET_CFG_STATUS, 2) &
	       VIRTIO_NET_S_LINK_UP;
}
