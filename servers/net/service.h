/*
 * The network service around the stack: the link to the driver, the
 * sessions and their sockets, the requests that wait (see README.md).
 */
#ifndef MLK_SERVERS_NET_SERVICE_H
#define MLK_SERVERS_NET_SERVICE_H

#include <mlk/msg.h>
#include <mlk/service.h>

#include <mlk/proto/netdev.h>

#include "net.h"

#define DRIVER_BIT MLK_NETDEV_EVENT_BIT
#define CLOSED_BIT 2u
#define MAX_SESSIONS 32
#define MAX_WAITS 64
#define RELINK_NS (2 * NS_PER_S)
#define POOL_MAX_SLOTS 256 /* the most slots a driver's pool may have */

struct session {
	bool used;
	uint16_t gen;
	mlk_handle_t mem;
	uint8_t *window;
};

enum wait_kind {
	WAIT_ACCEPT = 1,
	WAIT_CONNECT,
	WAIT_SEND,
	WAIT_RECV,
	WAIT_RECVFROM,
	WAIT_POLL,
	WAIT_RESOLVE,
	WAIT_PING,
};

/* A request answered later: its own words, kept as they came. */
struct wait {
	uint8_t kind; /* enum wait_kind, 0: free */
	uint64_t owner;
	uint64_t deadline;
	mlk_handle_t reply;
	struct mlk_msg req;
	int slot; /* the ping's or the query's */
};

struct service {
	struct net net;
	mlk_handle_t ep, notification;
	struct session sessions[MAX_SESSIONS];
	struct wait waits[MAX_WAITS];
	/* The driver */
	bool linked;
	uint64_t relink_at;
	mlk_handle_t dev;
	const uint8_t *rx_pool;
	uint8_t *tx_pool;
	uint64_t rx_mapped, tx_mapped; /* bytes, unmapped on unlinking */
	bool in_frame; /* the stack reads a frame in the receive pool */
	unsigned rx_slots, tx_slots;
	uint16_t tx_free[POOL_MAX_SLOTS];
	unsigned ntx_free;
	uint64_t give[MLK_NETDEV_XFER_MAX], send[MLK_NETDEV_XFER_MAX];
	unsigned ngive, nsend;
	/* Frames the driver listed, not yet put into the stack. */
	uint64_t rxq[POOL_MAX_SLOTS];
	unsigned rxq_first, rxq_count;
	bool more; /* the driver's last reply was full */
};

extern struct service svc;

/* link.c */
void link_try(struct service *s);
void link_flush(struct service *s);
bool link_send_frame(void *ctx, const uint8_t *frame, size_t len);

/* requests.c and waits.c */
extern const struct mlk_service_op net_ops[];
extern const unsigned net_nops;
struct session *session_of(struct service *s, uint64_t badge);
mlk_status_t wait_defer(struct service *s, uint8_t kind,
			const struct mlk_msg *in, uint64_t deadline, int slot);
void waits_run(struct service *s);
uint64_t waits_next_deadline(const struct service *s);
void sessions_closed(struct service *s);

/* Try a waiting request again: MLK_ERR_UNAVAILABLE to keep waiting,
 * else its status with *out filled. */
mlk_status_t request_retry(struct service *s, struct wait *w,
			   struct mlk_msg *out);

/* conf_file.c: the settings of NET_CONF_URI into *c, once initfs is
 * there; true if they set an address. */
#define NET_CONF_URI "initfs:///etc/net.conf"
bool conf_file_read(struct net_config *c);

#endif
