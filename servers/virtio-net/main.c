/*
 * virtio-net: an Ethernet device, served under the instance's name
 * (net0, net1 ...) through the network device protocol
 * (mlk/proto/netdev.h; see README.md).
 *
 * 1. take the transport init granted and agree on the features: the MAC
 *    address, the link status, and for a legacy device a header that
 *    may share the frame's descriptor;
 * 2. set up the receive and send queues and a pool of slots for each;
 * 3. bind a notification to this thread, the interrupt and the close
 *    notices of clients' handles to it, so that all arrive in one recv;
 * 4. fill the receive queue, DRIVER_OK, register the name, serve for
 *    good.
 *
 * A failure to start is logged and ends the process with a non-zero
 * code; init restarts it if the manifest says so.
 */
#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <string.h>

#include "vnet.h"

static struct vnet vnet;

static mlk_status_t fail(const char *what, mlk_status_t st)
{
	printf("%s: cannot %s: %s\n", mlk_program_name(), what,
	       mlk_status_str(st));
	if (vnet.dev.regs)
		mlk_virtio_fail(&vnet.dev);
	return st;
}

static void read_mac(struct vnet *n)
{
	/* Without VIRTIO_NET_F_MAC the driver picks one: locally
	 * administered (bit 1 of the first byte), unicast. */
	static const uint8_t fallback[6] = {
		0x52, 0x54, 0x00, 0x12, 0x34, 0x56
	};

	for (unsigned i = 0; i < 6; i++)
		n->mac[i] =
			n->dev.features & VIRTIO_NET_F_MAC
				? (uint8_t)mlk_virtio_config_read(
					  &n->dev, VIRTIO_NET_CFG_MAC + i, 1)
				: fallback[i];
}

static mlk_status_t make_pool(struct pool *p, unsigned slots)
{
	void *base;
	mlk_status_t st =
		mlk_virtio_dma_alloc(POOL_BYTES, &p->mem, &base, &p->phys);

	if (st != MLK_OK)
		return st;
	p->base = base;
	p->slots = slots;
	for (unsigned i = 0; i < QUEUE_SIZE; i++)
		p->slot_of_head[i] = -1;
	return MLK_OK;
}

/* Steps 1 and 2. */
static mlk_status_t take_device(struct vnet *n)
{
	mlk_status_t st = mlk_virtio_open(&n->dev, MLK_VIRTIO_ID_NET);

	if (st != MLK_OK)
		return fail("take the virtio-net device", st);
	st = mlk_virtio_negotiate(&n->dev, VIRTIO_NET_F_MAC |
						   VIRTIO_NET_F_STATUS |
						   VIRTIO_F_ANY_LAYOUT);
	if (st != MLK_OK)
		return fail("agree on features", st);
	if (n->dev.version == 1 && !(n->dev.features & VIRTIO_F_ANY_LAYOUT))
		return fail("use a legacy device without ANY_LAYOUT",
			    MLK_ERR_NOT_SUPPORTED);
	n->hdr_len = n->dev.features & MLK_VIRTIO_F_VERSION_1
			     ? VIRTIO_NET_HDR_MODERN
			     : VIRTIO_NET_HDR_LEGACY;
	n->has_status = n->dev.features & VIRTIO_NET_F_STATUS;
	read_mac(n);
	st = mlk_virtq_create(&n->dev, &n->rxq, RXQ, QUEUE_SIZE);
	if (st == MLK_OK)
		st = mlk_virtq_create(&n->dev, &n->txq, TXQ, QUEUE_SIZE);
	if (st != MLK_OK)
		return fail("set up the queues", st);
	st = make_pool(&n->rx, n->rxq.size);
	if (st == MLK_OK)
		st = make_pool(&n->tx, n->txq.size);
	return st == MLK_OK ? MLK_OK : fail("get memory for frames", st);
}

/* Step 3. */
static mlk_status_t wire_events(struct vnet *n)
{
	mlk_status_t st = mlk_notification_create(&n->notification);

	if (st == MLK_OK)
		st = mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD,
						  n->notification);
	if (st == MLK_OK)
		st = mlk_virtio_irq_bind(&n->dev, n->notification, IRQ_BIT);
	if (st == MLK_OK)
		st = mlk_endpoint_create(&n->ep);
	if (st == MLK_OK)
		st = mlk_endpoint_close_notify(n->ep, n->notification,
					       CLOSED_BIT);
	return st == MLK_OK ? MLK_OK : fail("wire up its events", st);
}

/* Step 4: a send handle to our endpoint, given to init under our name. */
static mlk_status_t publish(struct vnet *n)
{
	mlk_status_t st = mlk_names_publish(mlk_program_name(), n->ep);

	return st == MLK_OK ? MLK_OK : fail("register its name", st);
}

static void on_notify(uint64_t bits, void *ctx)
{
	if (bits & IRQ_BIT)
		vnet_interrupt(ctx);
	if (bits & CLOSED_BIT)
		vnet_closed(ctx);
}

int main(void)
{
	if (take_device(&vnet) != MLK_OK || wire_events(&vnet) != MLK_OK)
		return 1;
	for (unsigned i = 0; i < vnet.rx.slots; i++)
		vnet_rx_post(&vnet, i);
	mlk_virtio_driver_ok(&vnet.dev);
	mlk_virtq_kick(&vnet.rxq);
	const uint8_t *m = vnet.mac;
	printf("%s: virtio-net (%s) at %#lx: MAC "
	       "%02x:%02x:%02x:%02x:%02x:%02x, link %s\n",
	       mlk_program_name(), vnet.dev.version == 1 ? "legacy" : "modern",
	       (unsigned long)vnet.dev.phys, m[0], m[1], m[2], m[3], m[4], m[5],
	       vnet_link_up(&vnet) ? "up" : "down");
	if (publish(&vnet) != MLK_OK)
		return 1;
	struct mlk_service svc = {
		.ep = vnet.ep,
		.ops = vnet_ops,
		.nops = vnet_nops,
		.ctx = &vnet,
		.on_notify = on_notify,
	};
	fail("serve", mlk_serve(&svc));
	return 1;
}
