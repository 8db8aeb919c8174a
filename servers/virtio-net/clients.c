/*
 * The network device protocol's side of virtio-net (mlk/proto/netdev.h):
 * one client, the network stack, which opens with a notification, gets
 * the two pools, and trades slots with MLK_NETDEV_XFER.
 */
#include <mlk/sys.h>

#include <string.h>

#include "vnet.h"

static void drop_handles(const struct mlk_msg *in, unsigned from)
{
	for (unsigned i = from; i < in->nhandles; i++)
		mlk_handle_close(in->h[i]);
}

/* Forget the client: received slots back into the queue, send slots
 * the device does not have free for the next one. */
static void forget_client(struct vnet *n)
{
	bool repost = false;

	if (n->has_client)
		mlk_handle_close(n->client_note);
	n->has_client = false;
	n->nready = n->ready_first = 0;
	n->ndone = n->done_first = 0;
	for (unsigned i = 0; i < n->rx.slots; i++)
		if (n->rx.owner[i] != OWNER_DEVICE) {
			vnet_rx_post(n, i);
			repost = true;
		}
	for (unsigned i = 0; i < n->tx.slots; i++)
		if (n->tx.owner[i] != OWNER_DEVICE)
			n->tx.owner[i] = OWNER_DRIVER;
	if (repost)
		mlk_virtq_kick(&n->rxq);
}

void vnet_closed(struct vnet *n)
{
	uint64_t badge;
	mlk_status_t st;

	while ((st = mlk_endpoint_closed(n->ep, &badge)) != MLK_ERR_UNAVAILABLE)
		if (st == MLK_OK && n->has_client && badge == n->badge)
			forget_client(n);
}

/* A new client's send slots: every one the device does not have,
 * listed as done. */
static void hand_over_send_slots(struct vnet *n)
{
	for (unsigned i = 0; i < n->tx.slots; i++)
		if (n->tx.owner[i] == OWNER_DRIVER) {
			n->tx.owner[i] = OWNER_READY;
			n->done[n->ndone++] = (uint16_t)i;
		}
}

static mlk_status_t share_pools(struct vnet *n, struct mlk_msg *out)
{
	mlk_status_t st = mlk_handle_duplicate(
		n->rx.mem, MLK_RIGHT_MAP | MLK_RIGHT_READ | MLK_RIGHTS_BASIC,
		&out->h[1]);

	if (st != MLK_OK)
		return st;
	st = mlk_handle_duplicate(n->tx.mem,
				  MLK_RIGHT_MAP | MLK_RIGHT_READ |
					  MLK_RIGHT_WRITE | MLK_RIGHTS_BASIC,
				  &out->h[2]);
	if (st != MLK_OK)
		mlk_handle_close(out->h[1]);
	return st;
}

static mlk_status_t do_open(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct vnet *n = ctx;
	uint64_t badge = n->badge + 1;
	mlk_status_t st;

	if (in->nhandles < 1)
		return MLK_ERR_BAD_ARG(0);
	drop_handles(in, 1);
	st = mlk_endpoint_mint(n->ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC, badge,
			       &out->h[0]);
	if (st == MLK_OK) {
		st = share_pools(n, out);
		if (st != MLK_OK)
			mlk_handle_close(out->h[0]);
	}
	if (st != MLK_OK) {
		mlk_handle_close(in->h[0]);
		return st;
	}
	forget_client(n);
	n->has_client = true;
	n->badge = badge;
	n->client_note = in->h[0];
	hand_over_send_slots(n);
	out->nhandles = 3;
	out->nwords = 4;
	out->w[0] = 0;
	for (unsigned i = 0; i < 6; i++)
		out->w[0] |= (uint64_t)n->mac[i] << (8 * i);
	out->w[1] = n->rx.slots;
	out->w[2] = n->tx.slots;
	out->w[3] = vnet_link_up(n);
	return MLK_OK;
}

/* Is `slot` of pool p the client's, and named once in this request? */
static bool client_slot(const struct pool *p, uint64_t slot, uint8_t *seen)
{
	if (slot >= p->slots || p->owner[slot] != OWNER_CLIENT || seen[slot])
		return false;
	seen[slot] = 1;
	return true;
}

/* Check the whole request before doing any of it. */
static mlk_status_t check_xfer(const struct vnet *n, const struct mlk_msg *in)
{
	uint8_t seen_rx[POOL_SLOTS] = { 0 }, seen_tx[POOL_SLOTS] = { 0 };

	if (in->nwords < 2 || in->w[0] > MLK_NETDEV_XFER_MAX)
		return MLK_ERR_BAD_ARG(0);
	uint64_t give = in->w[0], send = in->w[1];
	if (send > MLK_NETDEV_XFER_MAX || 2 + give + send > in->nwords)
		return MLK_ERR_BAD_ARG(1);
	for (uint64_t i = 0; i < give; i++)
		if (!client_slot(&n->rx, in->w[2 + i], seen_rx))
			return MLK_ERR_BAD_ARG(2);
	for (uint64_t i = 0; i < send; i++) {
		uint64_t len = in->w[2 + give + i] >> 32;
		if (!client_slot(&n->tx, in->w[2 + give + i] & 0xffffffffu,
				 seen_tx))
			return MLK_ERR_BAD_ARG(2);
		if (len == 0 || len > MLK_NETDEV_FRAME_MAX)
			return MLK_ERR_BAD_ARG(3);
	}
	return MLK_OK;
}

static void take_request(struct vnet *n, const struct mlk_msg *in)
{
	uint64_t give = in->w[0], send = in->w[1];

	for (uint64_t i = 0; i < give; i++)
		vnet_rx_post(n, (unsigned)in->w[2 + i]);
	if (give)
		mlk_virtq_kick(&n->rxq);
	for (uint64_t i = 0; i < send; i++) {
		uint64_t w = in->w[2 + give + i];
		vnet_tx_post(n, (unsigned)(w & 0xffffffffu),
			     (uint32_t)(w >> 32));
	}
	if (send)
		mlk_virtq_kick(&n->txq);
}

static void fill_reply(struct vnet *n, struct mlk_msg *out)
{
	unsigned r = 0, d = 0;

	while (n->nready && r < MLK_NETDEV_XFER_MAX) {
		unsigned slot = n->ready[n->ready_first];
		out->w[2 + r++] = slot | (uint64_t)n->ready_len[n->ready_first]
						 << 32;
		n->rx.owner[slot] = OWNER_CLIENT;
		n->ready_first = (n->ready_first + 1) % POOL_SLOTS;
		n->nready--;
	}
	while (n->ndone && d < MLK_NETDEV_XFER_MAX) {
		unsigned slot = n->done[n->done_first];
		out->w[2 + r + d++] = slot;
		n->tx.owner[slot] = OWNER_CLIENT;
		n->done_first = (n->done_first + 1) % POOL_SLOTS;
		n->ndone--;
	}
	out->w[0] = r;
	out->w[1] = d;
	out->nwords = 2 + r + d;
}

static mlk_status_t do_xfer(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct vnet *n = ctx;
	mlk_status_t st;

	drop_handles(in, 0);
	if (!n->has_client || in->badge != n->badge)
		return MLK_ERR_BAD_STATE;
	st = check_xfer(n, in);
	if (st != MLK_OK)
		return st;
	take_request(n, in);
	vnet_reap(n);
	fill_reply(n, out);
	return MLK_OK;
}

static mlk_status_t do_stats(const struct mlk_msg *in, struct mlk_msg *out,
			     void *ctx)
{
	struct vnet *n = ctx;

	drop_handles(in, 0);
	out->nwords = 4;
	out->w[0] = n->received;
	out->w[1] = n->sent;
	out->w[2] = n->dropped;
	out->w[3] = vnet_link_up(n);
	return MLK_OK;
}

const struct mlk_service_op vnet_ops[] = {
	{ MLK_NETDEV_OPEN, do_open },
	{ MLK_NETDEV_XFER, do_xfer },
	{ MLK_NETDEV_STATS, do_stats },
};
const unsigned vnet_nops = sizeof(vnet_ops) / sizeof(vnet_ops[0]);
