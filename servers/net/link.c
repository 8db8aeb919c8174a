/*
 * The link to the Ethernet driver (net0, mlk/proto/netdev.h): open it
 * with our notification, map its pools, and trade slots.  Received
 * frames go into the stack; frames the stack sends are copied into free
 * send slots and go to the driver in the next MLK_NETDEV_XFER, which
 * link_flush makes before the service waits again.  A driver that ends
 * (restarted by init) tells nobody: the service exchanges with it at
 * least every RELINK_NS (main.c), notices it gone, and finds the new one
 * under its name RELINK_NS later.
 */
#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <string.h>

#include "service.h"

#define DRIVER_NAME "net0"

static void unmap_pool(const uint8_t *pool, uint64_t *size)
{
	if (*size)
		mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, (uintptr_t)pool,
				 *size);
	*size = 0;
}

static void unlink_driver(struct service *s)
{
	if (s->dev)
		mlk_handle_close(s->dev);
	s->dev = 0;
	/* The driver that ended took its pools' memory with it but for our
	 * mappings: a restarted one gives new pools.  The receive pool stays
	 * while the stack still reads a frame in it (a send on the way may
	 * have found the driver gone): take_frame unmaps it after. */
	if (!s->in_frame)
		unmap_pool(s->rx_pool, &s->rx_mapped);
	unmap_pool(s->tx_pool, &s->tx_mapped);
	s->linked = false;
	s->ngive = s->nsend = s->ntx_free = s->rxq_count = 0;
	s->relink_at = s->net.now + RELINK_NS;
}

static mlk_status_t map_pool(mlk_handle_t mem, unsigned slots, bool write,
			     uint8_t **base, uint64_t *mapped)
{
	uint64_t va = 0, size;
	mlk_status_t st = mlk_mem_size(mem, &size);

	if (st == MLK_OK && (uint64_t)slots * MLK_NETDEV_SLOT_SIZE > size)
		st = MLK_ERR_BAD_FORMAT;
	if (st == MLK_OK)
		st = mlk_aspace_map(
			MLK_HANDLE_SELF_ASPACE, mem, 0, 0, MLK_PAGE_UP(size),
			MLK_MAP_READ | (write ? MLK_MAP_WRITE : 0), &va);
	mlk_handle_close(mem);
	*base = (uint8_t *)(uintptr_t)va;
	*mapped = st == MLK_OK ? MLK_PAGE_UP(size) : 0;
	return st;
}

static mlk_status_t open_driver(struct service *s, mlk_handle_t driver)
{
	struct mlk_msg m = { .label = MLK_NETDEV_OPEN, .nhandles = 1 };
	uint8_t *rx;
	mlk_status_t st = mlk_handle_duplicate(
		s->notification, MLK_RIGHT_SIGNAL | MLK_RIGHTS_BASIC, &m.h[0]);

	if (st == MLK_OK)
		st = mlk_msg_call(driver, &m, mlk_deadline_in(NS_PER_S));
	if (st == MLK_OK)
		st = (mlk_status_t)m.label;
	if (st != MLK_OK)
		return st;
	if (m.nhandles != 3 || m.nwords < 4 || m.w[1] > POOL_MAX_SLOTS ||
	    m.w[2] > POOL_MAX_SLOTS) {
		for (unsigned i = 0; i < m.nhandles; i++)
			mlk_handle_close(m.h[i]);
		return MLK_ERR_BAD_FORMAT;
	}
	s->dev = m.h[0];
	s->rx_slots = (unsigned)m.w[1];
	s->tx_slots = (unsigned)m.w[2];
	uint8_t mac[ETH_ALEN];
	for (unsigned i = 0; i < ETH_ALEN; i++)
		mac[i] = (uint8_t)(m.w[0] >> (8 * i));
	memcpy(s->net.mac, mac, ETH_ALEN);
	st = map_pool(m.h[1], s->rx_slots, false, &rx, &s->rx_mapped);
	s->rx_pool = rx;
	if (st == MLK_OK)
		st = map_pool(m.h[2], s->tx_slots, true, &s->tx_pool,
			      &s->tx_mapped);
	else
		mlk_handle_close(m.h[2]);
	return st;
}

void link_try(struct service *s)
{
	mlk_handle_t driver;

	if (s->linked || s->net.now < s->relink_at)
		return;
	s->relink_at = s->net.now + RELINK_NS;
	if (mlk_names_lookup(DRIVER_NAME, mlk_deadline_in(10 * NS_PER_MS),
			     &driver) != MLK_OK)
		return;
	mlk_status_t st = open_driver(s, driver);
	mlk_handle_close(driver);
	if (st != MLK_OK) {
		printf("net: cannot open %s: %s\n", DRIVER_NAME,
		       mlk_status_str(st));
		unlink_driver(s);
		return;
	}
	s->linked = true;
	printf("net: %s: MAC %02x:%02x:%02x:%02x:%02x:%02x\n", DRIVER_NAME,
	       s->net.mac[0], s->net.mac[1], s->net.mac[2], s->net.mac[3],
	       s->net.mac[4], s->net.mac[5]);
	link_flush(s); /* learn the send slots */
	if (s->net.config == NET_UNCONFIGURED || s->net.config == NET_DHCP)
		dhcp_start(&s->net);
}

/* One exchange with the driver: the slots given back and frames to
 * send go, the frames it lists as received join s->rxq. */
static void exchange(struct service *s)
{
	struct mlk_msg m = { .label = MLK_NETDEV_XFER };
	unsigned k = 2;

	m.w[0] = s->ngive;
	m.w[1] = s->nsend;
	for (unsigned i = 0; i < s->ngive; i++)
		m.w[k++] = s->give[i];
	for (unsigned i = 0; i < s->nsend; i++)
		m.w[k++] = s->send[i];
	m.nwords = k;
	s->ngive = s->nsend = 0;
	mlk_status_t st = mlk_msg_call(s->dev, &m, mlk_deadline_in(NS_PER_S));
	if (st == MLK_OK)
		st = (mlk_status_t)m.label;
	if (st != MLK_OK || m.nwords < 2 || m.w[0] > MLK_NETDEV_XFER_MAX ||
	    m.w[1] > MLK_NETDEV_XFER_MAX || 2 + m.w[0] + m.w[1] > m.nwords) {
		printf("net: %s gone (%s); looking for it again\n", DRIVER_NAME,
		       mlk_status_str(st == MLK_OK ? MLK_ERR_BAD_FORMAT : st));
		unlink_driver(s);
		return;
	}
	unsigned r = (unsigned)m.w[0], d = (unsigned)m.w[1];
	for (unsigned i = 0; i < d; i++) {
		uint64_t slot = m.w[2 + r + i];
		if (slot < s->tx_slots && s->ntx_free < POOL_MAX_SLOTS)
			s->tx_free[s->ntx_free++] = (uint16_t)slot;
	}
	for (unsigned i = 0; i < r && s->rxq_count < POOL_MAX_SLOTS; i++)
		s->rxq[(s->rxq_first + s->rxq_count++) % POOL_MAX_SLOTS] =
			m.w[2 + i];
	s->more = r == MLK_NETDEV_XFER_MAX;
}

/* A received frame into the stack, its slot to be given back. */
static void take_frame(struct service *s, uint64_t entry)
{
	uint32_t slot = (uint32_t)entry, len = (uint32_t)(entry >> 32);

	if (slot >= s->rx_slots)
		return;
	if (len <= MLK_NETDEV_FRAME_MAX) {
		s->in_frame = true;
		net_input(&s->net,
			  s->rx_pool + (size_t)slot * MLK_NETDEV_SLOT_SIZE +
				  MLK_NETDEV_FRAME_OFFSET,
			  len);
		s->in_frame = false;
		if (!s->linked)
			unmap_pool(s->rx_pool, &s->rx_mapped);
	}
	if (s->linked && s->ngive == MLK_NETDEV_XFER_MAX)
		exchange(s);
	if (s->linked)
		s->give[s->ngive++] = slot;
}

/* Exchange until the driver has nothing more and we have nothing to
 * give or send. */
void link_flush(struct service *s)
{
	if (!s->linked)
		return;
	do {
		exchange(s);
		while (s->linked && s->rxq_count) {
			uint64_t entry = s->rxq[s->rxq_first];
			s->rxq_first = (s->rxq_first + 1) % POOL_MAX_SLOTS;
			s->rxq_count--;
			take_frame(s, entry);
		}
	} while (s->linked && (s->more || s->ngive || s->nsend));
}

bool link_send_frame(void *ctx, const uint8_t *frame, size_t len)
{
	struct service *s = ctx;

	if (!s->linked || len > MLK_NETDEV_FRAME_MAX)
		return false;
	if (s->ntx_free == 0 || s->nsend == MLK_NETDEV_XFER_MAX)
		exchange(s);
	if (!s->linked || s->ntx_free == 0)
		return false;
	uint16_t slot = s->tx_free[--s->ntx_free];
	memcpy(s->tx_pool + (size_t)slot * MLK_NETDEV_SLOT_SIZE +
		       MLK_NETDEV_FRAME_OFFSET,
	       frame, len);
	s->send[s->nsend++] = slot | (uint64_t)len << 32;
	return true;
}
