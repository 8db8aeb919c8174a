/*
 * virtio-net: the Ethernet driver (see README.md).
 */
#ifndef MLK_SERVERS_VIRTIO_NET_VNET_H
#define MLK_SERVERS_VIRTIO_NET_VNET_H

#include <stdbool.h>
#include <stdint.h>

#include <mlk/msg.h>
#include <mlk/proto/netdev.h>
#include <mlk/service.h>
#include <mlk/virtio.h>

/* Device facts (virtio 1.2, 5.1 "Network Device"). */
#define VIRTIO_NET_F_MAC (1ull << 5)
#define VIRTIO_NET_F_STATUS (1ull << 16)
#define VIRTIO_F_ANY_LAYOUT (1ull << 27) /* legacy: header may share */
#define VIRTIO_NET_CFG_MAC 0		 /* six bytes */
#define VIRTIO_NET_CFG_STATUS 6		 /* le16 */
#define VIRTIO_NET_S_LINK_UP 1u
/* struct virtio_net_hdr: 10 bytes on a legacy device without
 * VIRTIO_NET_F_MRG_RXBUF, 12 (with num_buffers) once VERSION_1 is
 * agreed (5.1.6). */
#define VIRTIO_NET_HDR_LEGACY 10u
#define VIRTIO_NET_HDR_MODERN 12u
#define RXQ 0
#define TXQ 1

#define QUEUE_SIZE 128
#define POOL_SLOTS QUEUE_SIZE
#define POOL_BYTES (POOL_SLOTS * MLK_NETDEV_SLOT_SIZE)

#define IRQ_BIT 1u
#define CLOSED_BIT 2u

/* Who has a slot. */
enum slot_owner {
	OWNER_DRIVER, /* free (send pool) or being given back */
	OWNER_DEVICE, /* in a queue */
	OWNER_READY,  /* received, waiting to be listed to the client */
	OWNER_CLIENT, /* the client's: being read, or being filled */
};

struct pool {
	mlk_handle_t mem;
	uint8_t *base;
	uint64_t phys;
	unsigned slots;
	uint8_t owner[POOL_SLOTS];
	int16_t slot_of_head[QUEUE_SIZE];
};

struct vnet {
	struct mlk_virtio dev;
	struct mlk_virtq rxq, txq;
	mlk_handle_t ep, notification;
	unsigned hdr_len;
	uint8_t mac[6];
	bool has_status;
	struct pool rx, tx;
	/* Received slots in arrival order, and send slots the device is
	 * done with, until a reply lists them. */
	uint16_t ready[POOL_SLOTS];
	uint32_t ready_len[POOL_SLOTS];
	unsigned ready_first, nready;
	uint16_t done[POOL_SLOTS];
	unsigned done_first, ndone;
	/* The one client: its badge (a new one at each open) and the
	 * notification it gave. */
	bool has_client;
	uint64_t badge;
	mlk_handle_t client_note;
	uint64_t received, sent, dropped;
};

/* io.c: the queues */
void vnet_rx_post(struct vnet *n, unsigned slot);
void vnet_tx_post(struct vnet *n, unsigned slot, uint32_t len);
void vnet_interrupt(struct vnet *n);
/* Gather what the device completed (received frames, sends done) into the
 * client's lists: true if they grew.  An exchange does it too, so that a
 * send the device finished at once goes back in the same reply, and the
 * interrupt that follows finds nothing to wake the client for. */
bool vnet_reap(struct vnet *n);
bool vnet_link_up(const struct vnet *n);

/* clients.c: the protocol */
extern const struct mlk_service_op vnet_ops[];
extern const unsigned vnet_nops;
void vnet_closed(struct vnet *n);

#endif
