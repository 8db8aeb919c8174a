/*
 * The socket calls: what the service does for a client's request, as
 * plain calls on the stack.  None blocks: one that would wait returns
 * MLK_ERR_UNAVAILABLE, and the service asks again after the next input
 * or tick (waits.c).  Sockets are named by id (index | generation << 16)
 * and belong to an owner (the service's session badge).
 */
#ifndef MLK_SERVERS_NET_SOCK_H
#define MLK_SERVERS_NET_SOCK_H

#include "net.h"

struct net_sock *net_sock_get(struct net *n, uint32_t id, uint64_t owner);
uint32_t net_sock_id(const struct net *n, const struct net_sock *s);

mlk_status_t net_socket(struct net *n, uint8_t type, uint64_t owner,
			struct net_sock **out);
mlk_status_t net_bind(struct net *n, struct net_sock *s, uint32_t addr,
		      uint16_t port);
mlk_status_t net_listen(struct net *n, struct net_sock *s, unsigned backlog);
mlk_status_t net_accept(struct net *n, struct net_sock *s, uint64_t owner,
			struct net_sock **child);
mlk_status_t net_connect(struct net *n, struct net_sock *s, uint32_t addr,
			 uint16_t port);
/* After net_connect: MLK_OK once established, MLK_ERR_UNAVAILABLE while
 * the handshake goes on, else why it failed. */
mlk_status_t net_connected(const struct net_sock *s);
mlk_status_t net_send(struct net *n, struct net_sock *s, const uint8_t *data,
		      size_t len, size_t *taken);
mlk_status_t net_recv(struct net *n, struct net_sock *s, uint8_t *out,
		      size_t max, size_t *got);
mlk_status_t net_sendto(struct net *n, struct net_sock *s, const uint8_t *data,
			size_t len, uint32_t addr, uint16_t port);
mlk_status_t net_recvfrom(struct net *n, struct net_sock *s, uint8_t *out,
			  size_t max, size_t *got, uint32_t *addr,
			  uint16_t *port);
mlk_status_t net_shutdown(struct net *n, struct net_sock *s, unsigned how);
void net_close(struct net *n, struct net_sock *s);
/* MLK_NET_READABLE, WRITABLE and FAILED as they are now. */
unsigned net_ready(const struct net *n, const struct net_sock *s);

#endif
