/*
 * Network client (protocol in mlk/proto/net.h): TCP and UDP sockets of
 * the network service "net", as a service author knows them.
 *
 *     uint32_t l, c;
 *     struct mlk_net_peer peer;
 *     mlk_net_socket(MLK_NET_TCP, &l);
 *     mlk_net_bind(l, MLK_NET_ANY, 7);
 *     mlk_net_listen(l, 8);
 *     mlk_net_accept(l, MLK_FOREVER, &c, &peer);
 *     mlk_net_recv(c, buf, sizeof(buf), mlk_deadline_in(ns), &got);
 *     mlk_net_send(c, buf, got, MLK_FOREVER, NULL);
 *     mlk_net_close(c);
 *
 * Sockets are numbers of the process's session with the service, opened
 * at the first call with a window of shared memory (MLK_NET_WINDOW_SIZE
 * bytes) through which data goes; longer transfers are split.  One
 * thread at a time may use the session.  Addresses are IPv4 in host
 * byte order; deadlines absolute, MLK_FOREVER for none.  If the service
 * restarts, calls on old sockets get MLK_ERR_PEER_CLOSED and the next
 * mlk_net_socket opens a new session; the calls that take no socket
 * (ping, resolve, info, list) go to the new service by themselves.
 * Sockets still open when the
 * process ends are closed by the service.
 */
#ifndef MLK_NET_H
#define MLK_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/proto/net.h>
#include <mlk/syscall.h>

/* How long the first call waits for the service to appear. */
#define MLK_NET_WAIT_NS 2000000000ull
/* "255.255.255.255" and its NUL. */
#define MLK_NET_ADDR_SIZE 16

struct mlk_net_peer {
	uint32_t addr;
	uint16_t port;
};

/* One socket of mlk_net_poll: what to wait for, and what is ready. */
struct mlk_net_poll {
	uint32_t sock;
	unsigned events; /* enum mlk_net_event */
	unsigned ready;	 /* set by mlk_net_poll */
};

struct mlk_net_ping_reply {
	uint64_t rtt_ns;
	uint32_t bytes; /* of the reply's ICMP message */
	uint8_t ttl;
};

/* Frames received and dropped, by the first check they failed. */
struct mlk_net_drops {
	uint64_t eth; /* short, 802.3 lengths, unknown types, another MAC */
	uint64_t arp; /* malformed, or a sender that cannot be */
	uint64_t ip;  /* IPv4 header, addresses, unknown protocols */
	uint64_t fragment;	 /* IPv4 fragments (not reassembled) */
	uint64_t icmp, udp, tcp; /* short, bad lengths or checksums */
	uint64_t no_port;	 /* UDP or TCP to a port nobody has */
	uint64_t syn;		 /* SYNs a listener's backlog had no room for */
};

struct mlk_net_info {
	uint8_t mac[6];
	uint32_t addr, mask, gateway, dns;
	enum mlk_net_config config;
	uint64_t rx_frames, tx_frames, rx_bytes, tx_bytes;
	uint64_t rx_dropped, tx_dropped, retransmits;
	struct mlk_net_drops drops; /* rx_dropped's parts */
};

struct mlk_net_socket_info {
	unsigned index;
	enum mlk_net_type type;
	enum mlk_net_state state; /* TCP */
	struct mlk_net_peer local, remote;
	uint64_t unread, unacked;
};

/* A new socket of `type` in *sock.  MLK_ERR_NOT_FOUND when no network
 * service appears within MLK_NET_WAIT_NS; else as MLK_NET_SOCKET. */
mlk_status_t mlk_net_socket(enum mlk_net_type type, uint32_t *sock);
/* Bind to a local address (MLK_NET_ANY) and port (0: any). */
mlk_status_t mlk_net_bind(uint32_t sock, uint32_t addr, uint16_t port);
/* Listen for connections, at most `backlog` waiting to be accepted. */
mlk_status_t mlk_net_listen(uint32_t sock, unsigned backlog);
/* The next connection of a listener in *conn; peer may be NULL. */
mlk_status_t mlk_net_accept(uint32_t sock, uint64_t deadline, uint32_t *conn,
			    struct mlk_net_peer *peer);
/* Connect to addr:port; returns once the handshake is done. */
mlk_status_t mlk_net_connect(uint32_t sock, uint32_t addr, uint16_t port,
			     uint64_t deadline);
/* Send all len bytes (unless the deadline or an error comes first);
 * *sent (may be NULL) says how many went. */
mlk_status_t mlk_net_send(uint32_t sock, const void *buf, size_t len,
			  uint64_t deadline, size_t *sent);
/* Receive what has arrived, up to len bytes, waiting for at least one;
 * *got is 0 at the end of the stream. */
mlk_status_t mlk_net_recv(uint32_t sock, void *buf, size_t len,
			  uint64_t deadline, size_t *got);
/* Send one UDP datagram (at most MLK_NET_UDP_MAX bytes). */
mlk_status_t mlk_net_sendto(uint32_t sock, const void *buf, size_t len,
			    uint32_t addr, uint16_t port);
/* Receive one UDP datagram (the rest of one longer than len is lost);
 * from may be NULL. */
mlk_status_t mlk_net_recvfrom(uint32_t sock, void *buf, size_t len,
			      uint64_t deadline, size_t *got,
			      struct mlk_net_peer *from);
/* Stop receiving or sending (enum mlk_net_shutdown). */
mlk_status_t mlk_net_shutdown(uint32_t sock, unsigned how);
/* Close the socket; a connection sends what it has, then a FIN. */
mlk_status_t mlk_net_close(uint32_t sock);
/* Wait until one of n sockets (up to MLK_NET_POLL_MAX) is ready for
 * what it asks; each entry's `ready` says.  MLK_ERR_TIMED_OUT when none
 * was by the deadline. */
mlk_status_t mlk_net_poll(struct mlk_net_poll *p, unsigned n,
			  uint64_t deadline);
/* The socket's local and remote address and its TCP state. */
mlk_status_t mlk_net_socket_name(uint32_t sock, struct mlk_net_socket_info *i);
/* A host name's address (a dotted address is parsed, not looked up). */
mlk_status_t mlk_net_resolve(const char *name, uint64_t deadline,
			     uint32_t *addr);
/* One echo request with `size` bytes of data, and its reply. */
mlk_status_t mlk_net_ping(uint32_t addr, uint16_t seq, unsigned size,
			  uint64_t deadline, struct mlk_net_ping_reply *r);
/* The interface: addresses and counters. */
mlk_status_t mlk_net_info(struct mlk_net_info *info);
/* The first socket in use from index `from` on (every process's);
 * MLK_ERR_NOT_FOUND past the last. */
mlk_status_t mlk_net_list(unsigned from, struct mlk_net_socket_info *info);
/* Parse "A.B.C.D"; false if it is not one. */
bool mlk_net_addr_parse(const char *s, uint32_t *addr);
/* Format an address as "A.B.C.D" into out (MLK_NET_ADDR_SIZE bytes). */
void mlk_net_addr_format(uint32_t addr, char *out);

#endif
