/*
 * The socket table and the socket calls (sock.h).  TCP's state changes
 * that a call makes (RFC 9293 3.10.1 to 3.10.5: OPEN, SEND, RECEIVE,
 * CLOSE, ABORT) are here; those a segment makes are in tcp_in.c.
 */
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "sock.h"
#include "tcp.h"

#define EPHEMERAL_FIRST 49152u /* RFC 6335's dynamic ports */

int sock_index(const struct net *n, const struct net_sock *s)
{
	return (int)(s - n->socks);
}

uint32_t net_sock_id(const struct net *n, const struct net_sock *s)
{
	return (uint32_t)sock_index(n, s) | (uint32_t)s->gen << 16;
}

struct net_sock *net_sock_get(struct net *n, uint32_t id, uint64_t owner)
{
	uint32_t i = id & 0xffff;

	if (i >= NET_SOCKETS)
		return NULL;
	struct net_sock *s = &n->socks[i];
	if (!s->used || s->gen != id >> 16 || s->owner != owner || !owner)
		return NULL;
	return s;
}

/* The oldest TIME_WAIT connection nobody owns: the one to give way when
 * the table is full. */
static struct net_sock *oldest_time_wait(struct net *n)
{
	struct net_sock *best = NULL;

	for (unsigned i = 0; i < NET_SOCKETS; i++) {
		struct net_sock *s = &n->socks[i];
		if (s->used && s->state == TCP_TIME_WAIT && s->user_closed &&
		    (!best || s->tcb.timewait_at < best->tcb.timewait_at))
			best = s;
	}
	return best;
}

struct net_sock *sock_alloc(struct net *n, uint8_t type)
{
	struct net_sock *s = NULL;

	for (unsigned i = 0; i < NET_SOCKETS && !s; i++)
		if (!n->socks[i].used)
			s = &n->socks[i];
	if (!s) {
		s = oldest_time_wait(n);
		if (!s)
			return NULL;
		sock_free(n, s);
	}
	uint16_t gen = (uint16_t)(s->gen + 1 ? s->gen + 1 : 1);
	memset(s, 0, sizeof(*s));
	s->used = true;
	s->gen = gen;
	s->type = type;
	s->parent = -1;
	s->born = ++n->serial;
	s->tcb.rto = TCP_RTO_INITIAL;
	s->tcb.mss = TCP_MSS_DEFAULT;
	if (type == MLK_NET_UDP) {
		s->dgrams = malloc(UDP_QUEUE * sizeof(*s->dgrams));
		if (!s->dgrams) {
			s->used = false;
			return NULL;
		}
	}
	return s;
}

void sock_free(struct net *n, struct net_sock *s)
{
	int idx = sock_index(n, s);

	tcp_free_buffers(s);
	free(s->dgrams);
	s->dgrams = NULL;
	s->used = false;
	/* A listener's children nobody accepted go with it. */
	for (unsigned i = 0; i < NET_SOCKETS; i++) {
		struct net_sock *c = &n->socks[i];
		if (c->used && c->parent == idx) {
			tcp_send_ctl(n, c, c->tcb.snd_nxt, TCP_RST | TCP_ACK);
			c->parent = -1;
			sock_free(n, c);
		}
	}
}

static bool addr_matches(uint32_t bound, uint32_t addr)
{
	return bound == MLK_NET_ANY || bound == addr;
}

struct net_sock *sock_find_tcp(struct net *n, uint32_t laddr, uint16_t lport,
			       uint32_t raddr, uint16_t rport)
{
	struct net_sock *listener = NULL;

	for (unsigned i = 0; i < NET_SOCKETS; i++) {
		struct net_sock *s = &n->socks[i];
		if (!s->used || s->type != MLK_NET_TCP || s->lport != lport)
			continue;
		if (s->state == TCP_LISTEN && addr_matches(s->laddr, laddr))
			listener = s;
		else if (s->state != TCP_CLOSED && s->state != TCP_LISTEN &&
			 s->raddr == raddr && s->rport == rport &&
			 s->laddr == laddr)
			return s;
	}
	return listener;
}

struct net_sock *sock_find_udp(struct net *n, uint32_t laddr, uint16_t lport)
{
	for (unsigned i = 0; i < NET_SOCKETS; i++) {
		struct net_sock *s = &n->socks[i];
		if (s->used && s->type == MLK_NET_UDP && s->lport == lport &&
		    addr_matches(s->laddr, laddr))
			return s;
	}
	return NULL;
}

/* Is the port bound by a socket that takes new traffic (a listener, or
 * one bound and not connected)?  Connections in progress or closing do
 * not keep a server from binding again. */
static bool port_taken(const struct net *n, uint8_t type, uint16_t port)
{
	for (unsigned i = 0; i < NET_SOCKETS; i++) {
		const struct net_sock *s = &n->socks[i];
		if (s->used && s->type == type && s->lport == port &&
		    s->raddr == 0 && s->parent < 0)
			return true;
	}
	return false;
}

uint16_t sock_ephemeral_port(struct net *n, uint8_t type)
{
	for (unsigned tries = 0; tries < 65536 - EPHEMERAL_FIRST; tries++) {
		if (n->next_port < EPHEMERAL_FIRST)
			n->next_port = EPHEMERAL_FIRST;
		uint16_t p = n->next_port++;
		bool used = false;
		for (unsigned i = 0; i < NET_SOCKETS && !used; i++)
			used = n->socks[i].used && n->socks[i].type == type &&
			       n->socks[i].lport == p;
		if (!used)
			return p;
	}
	return 0;
}

/* The sockets a session holds (accepted connections included). */
static unsigned owned(const struct net *n, uint64_t owner)
{
	unsigned k = 0;

	for (unsigned i = 0; i < NET_SOCKETS; i++)
		k += n->socks[i].used && n->socks[i].owner == owner;
	return k;
}

mlk_status_t net_socket(struct net *n, uint8_t type, uint64_t owner,
			struct net_sock **out)
{
	if (type != MLK_NET_TCP && type != MLK_NET_UDP)
		return MLK_ERR_BAD_ARG(0);
	if (owned(n, owner) >= MLK_NET_SOCKETS_MAX)
		return MLK_ERR_NO_RESOURCES;
	struct net_sock *s = sock_alloc(n, type);
	if (!s)
		return MLK_ERR_NO_RESOURCES;
	s->owner = owner;
	*out = s;
	return MLK_OK;
}

mlk_status_t net_bind(struct net *n, struct net_sock *s, uint32_t addr,
		      uint16_t port)
{
	if (s->lport)
		return MLK_ERR_BAD_STATE;
	if (addr != MLK_NET_ANY && addr != n->addr)
		return MLK_ERR_BAD_ARG(1);
	if (port == 0)
		port = sock_ephemeral_port(n, s->type);
	if (port == 0)
		return MLK_ERR_NO_RESOURCES;
	if (port_taken(n, s->type, port))
		return MLK_ERR_EXISTS;
	s->laddr = addr;
	s->lport = port;
	return MLK_OK;
}

mlk_status_t net_listen(struct net *n, struct net_sock *s, unsigned backlog)
{
	if (s->type != MLK_NET_TCP)
		return MLK_ERR_NOT_SUPPORTED;
	if (backlog == 0 || backlog > MLK_NET_BACKLOG_MAX)
		return MLK_ERR_BAD_ARG(1);
	if (!s->lport || s->state != TCP_CLOSED || s->raddr)
		return MLK_ERR_BAD_STATE;
	s->backlog = backlog;
	tcp_set_state(n, s, TCP_LISTEN);
	return MLK_OK;
}

mlk_status_t net_accept(struct net *n, struct net_sock *s, uint64_t owner,
			struct net_sock **child)
{
	struct net_sock *best = NULL;
	int idx = sock_index(n, s);

	if (s->type != MLK_NET_TCP)
		return MLK_ERR_NOT_SUPPORTED;
	if (s->state != TCP_LISTEN)
		return MLK_ERR_BAD_STATE;
	for (unsigned i = 0; i < NET_SOCKETS; i++) {
		struct net_sock *c = &n->socks[i];
		if (c->used && c->parent == idx &&
		    c->state != TCP_SYN_RECEIVED &&
		    (!best || c->born < best->born))
			best = c;
	}
	if (!best)
		return MLK_ERR_UNAVAILABLE;
	if (owned(n, owner) >= MLK_NET_SOCKETS_MAX)
		return MLK_ERR_NO_RESOURCES;
	best->parent = -1;
	best->owner = owner;
	*child = best;
	return MLK_OK;
}

static bool alloc_buffers(struct tcp_cb *t)
{
	t->sbuf = malloc(TCP_BUF_SIZE);
	t->rbuf = malloc(TCP_BUF_SIZE);
	return t->sbuf && t->rbuf;
}

mlk_status_t net_connect(struct net *n, struct net_sock *s, uint32_t addr,
			 uint16_t port)
{
	struct tcp_cb *t = &s->tcb;

	if (s->type != MLK_NET_TCP)
		return MLK_ERR_NOT_SUPPORTED;
	if (s->state != TCP_CLOSED || s->raddr)
		return MLK_ERR_BAD_STATE;
	if (addr == 0 || addr == IP_BROADCAST || port == 0)
		return MLK_ERR_BAD_ARG(addr == 0 || addr == IP_BROADCAST ? 1
									 : 2);
	if (!n->addr)
		return MLK_ERR_NOT_FOUND;
	if (!s->lport && net_bind(n, s, MLK_NET_ANY, 0) != MLK_OK)
		return MLK_ERR_NO_RESOURCES;
	if (!alloc_buffers(t)) {
		tcp_free_buffers(s);
		return MLK_ERR_NO_MEMORY;
	}
	s->laddr = n->addr;
	s->raddr = addr;
	s->rport = port;
	t->iss = tcp_iss(n, s);
	t->snd_una = t->iss;
	t->snd_nxt = t->snd_max = t->iss + 1;
	t->cwnd = TCP_MSS_DEFAULT;
	tcp_set_state(n, s, TCP_SYN_SENT);
	tcp_send_ctl(n, s, t->iss, TCP_SYN);
	tcp_arm_rexmit(n, s);
	return MLK_OK;
}

bool tcp_child_buffers(struct net_sock *s)
{
	return alloc_buffers(&s->tcb);
}

mlk_status_t net_connected(const struct net_sock *s)
{
	if (s->error)
		return s->error;
	switch (s->state) {
	case TCP_SYN_SENT:
	case TCP_SYN_RECEIVED:
		return MLK_ERR_UNAVAILABLE;
	case TCP_CLOSED:
	case TCP_LISTEN:
		return MLK_ERR_BAD_STATE;
	default:
		return MLK_OK;
	}
}

mlk_status_t net_send(struct net *n, struct net_sock *s, const uint8_t *data,
		      size_t len, size_t *taken)
{
	struct tcp_cb *t = &s->tcb;

	*taken = 0;
	if (s->type != MLK_NET_TCP)
		return MLK_ERR_NOT_SUPPORTED;
	if (s->error)
		return s->error;
	if (s->state == TCP_SYN_SENT || s->state == TCP_SYN_RECEIVED)
		return MLK_ERR_UNAVAILABLE;
	if ((s->state != TCP_ESTABLISHED && s->state != TCP_CLOSE_WAIT) ||
	    t->fin_queued)
		return MLK_ERR_BAD_STATE;
	uint32_t room = TCP_BUF_SIZE - t->slen;
	if (room == 0)
		return MLK_ERR_UNAVAILABLE;
	uint32_t k = len < room ? (uint32_t)len : room;
	uint32_t at = (t->shead + t->slen) % TCP_BUF_SIZE;
	uint32_t first = TCP_BUF_SIZE - at < k ? TCP_BUF_SIZE - at : k;
	memcpy(t->sbuf + at, data, first);
	memcpy(t->sbuf, data + first, k - first);
	t->slen += k;
	*taken = k;
	tcp_output(n, s);
	return MLK_OK;
}

/* After reading: tell the peer of a window that grew enough (RFC 9293
 * 3.8.6.2.2, receiver's silly window avoidance). */
static void window_update(struct net *n, struct net_sock *s)
{
	struct tcp_cb *t = &s->tcb;
	uint32_t edge = t->rcv_nxt + tcp_rcv_window(t);
	uint32_t step = TCP_BUF_SIZE / 2 < t->mss ? TCP_BUF_SIZE / 2 : t->mss;

	if (SEQ_GE(edge - step, t->rcv_adv) &&
	    (s->state == TCP_ESTABLISHED || s->state == TCP_FIN_WAIT_1 ||
	     s->state == TCP_FIN_WAIT_2))
		tcp_send_ctl(n, s, t->snd_nxt, TCP_ACK);
}

mlk_status_t net_recv(struct net *n, struct net_sock *s, uint8_t *out,
		      size_t max, size_t *got)
{
	struct tcp_cb *t = &s->tcb;

	*got = 0;
	if (s->type != MLK_NET_TCP)
		return MLK_ERR_NOT_SUPPORTED;
	if (s->state == TCP_LISTEN)
		return MLK_ERR_BAD_STATE;
	if (t->rlen && !s->shut_rd) {
		uint32_t k = max < t->rlen ? (uint32_t)max : t->rlen;
		uint32_t first = TCP_BUF_SIZE - t->rhead < k
					 ? TCP_BUF_SIZE - t->rhead
					 : k;
		memcpy(out, t->rbuf + t->rhead, first);
		memcpy(out + first, t->rbuf, k - first);
		t->rhead = (t->rhead + k) % TCP_BUF_SIZE;
		t->rlen -= k;
		*got = k;
		window_update(n, s);
		return MLK_OK;
	}
	if (s->error)
		return s->error;
	if (t->fin_received || s->shut_rd || s->state == TCP_CLOSED)
		return s->state == TCP_CLOSED && !t->fin_received &&
				       !s->shut_rd && !s->raddr
			       ? MLK_ERR_BAD_STATE
			       : MLK_OK;
	if (s->state == TCP_SYN_SENT || s->state == TCP_SYN_RECEIVED ||
	    s->state == TCP_ESTABLISHED || s->state == TCP_FIN_WAIT_1 ||
	    s->state == TCP_FIN_WAIT_2)
		return MLK_ERR_UNAVAILABLE;
	return MLK_OK;
}

mlk_status_t net_sendto(struct net *n, struct net_sock *s, const uint8_t *data,
			size_t len, uint32_t addr, uint16_t port)
{
	if (s->type != MLK_NET_UDP)
		return MLK_ERR_NOT_SUPPORTED;
	if (len > MLK_NET_UDP_MAX)
		return MLK_ERR_TOO_BIG;
	if (addr == 0 || port == 0)
		return MLK_ERR_BAD_ARG(addr == 0 ? 3 : 4);
	if (!n->addr)
		return MLK_ERR_NOT_FOUND;
	if (!s->lport) {
		mlk_status_t st = net_bind(n, s, MLK_NET_ANY, 0);
		if (st != MLK_OK)
			return st;
	}
	if (!udp_send(n, n->addr, s->lport, addr, port, data, len))
		return MLK_ERR_NO_RESOURCES;
	return MLK_OK;
}

mlk_status_t net_recvfrom(struct net *n, struct net_sock *s, uint8_t *out,
			  size_t max, size_t *got, uint32_t *addr,
			  uint16_t *port)
{
	if (s->type != MLK_NET_UDP)
		return MLK_ERR_NOT_SUPPORTED;
	if (!s->lport)
		return MLK_ERR_BAD_STATE;
	if (s->dcount == 0)
		return s->shut_rd ? MLK_ERR_BAD_STATE : MLK_ERR_UNAVAILABLE;
	const struct udp_datagram *d = &s->dgrams[s->dfirst];
	*got = d->len < max ? d->len : max;
	memcpy(out, d->data, *got);
	*addr = d->addr;
	*port = d->port;
	s->dfirst = (s->dfirst + 1) % UDP_QUEUE;
	s->dcount--;
	return MLK_OK;
}

/* CLOSE (3.10.4) of the sending side: the FIN goes after the data. */
static void send_fin(struct net *n, struct net_sock *s)
{
	if (s->tcb.fin_queued)
		return;
	if (s->state == TCP_ESTABLISHED || s->state == TCP_SYN_RECEIVED)
		tcp_set_state(n, s, TCP_FIN_WAIT_1);
	else if (s->state == TCP_CLOSE_WAIT)
		tcp_set_state(n, s, TCP_LAST_ACK);
	else
		return;
	s->tcb.fin_queued = true;
	tcp_output(n, s);
}

mlk_status_t net_shutdown(struct net *n, struct net_sock *s, unsigned how)
{
	if (how == 0 || how > MLK_NET_SHUT_RDWR)
		return MLK_ERR_BAD_ARG(1);
	if (how & MLK_NET_SHUT_RD)
		s->shut_rd = true;
	if (how & MLK_NET_SHUT_WR) {
		if (s->type != MLK_NET_TCP)
			return MLK_ERR_NOT_SUPPORTED;
		if (s->state != TCP_ESTABLISHED && s->state != TCP_CLOSE_WAIT &&
		    s->state != TCP_SYN_RECEIVED && !s->tcb.fin_queued)
			return MLK_ERR_BAD_STATE;
		send_fin(n, s);
	}
	return MLK_OK;
}

void net_close(struct net *n, struct net_sock *s)
{
	s->owner = 0;
	s->user_closed = true;
	switch (s->type == MLK_NET_TCP ? s->state : TCP_CLOSED) {
	case TCP_CLOSED:
	case TCP_LISTEN:
		sock_free(n, s);
		return;
	case TCP_SYN_SENT:
		sock_free(n, s);
		return;
	case TCP_TIME_WAIT:
		tcp_free_buffers(s);
		return;
	default:
		break;
	}
	/* Data that came and was never read: reset (RFC 2525 2.17). */
	if (s->tcb.rlen && !s->tcb.fin_queued) {
		tcp_send_ctl(n, s, s->tcb.snd_nxt, TCP_RST | TCP_ACK);
		sock_free(n, s);
		return;
	}
	send_fin(n, s);
	if (s->state == TCP_FIN_WAIT_2)
		s->tcb.timewait_at = n->now + 2 * TCP_MSL;
}

static bool has_child(const struct net *n, const struct net_sock *s)
{
	int idx = sock_index(n, s);

	for (unsigned i = 0; i < NET_SOCKETS; i++)
		if (n->socks[i].used && n->socks[i].parent == idx &&
		    n->socks[i].state != TCP_SYN_RECEIVED)
			return true;
	return false;
}

unsigned net_ready(const struct net *n, const struct net_sock *s)
{
	unsigned ev = s->error ? MLK_NET_FAILED : 0;
	const struct tcp_cb *t = &s->tcb;

	if (s->type == MLK_NET_UDP)
		return ev | MLK_NET_WRITABLE |
		       (s->dcount ? MLK_NET_READABLE : 0);
	if (s->state == TCP_LISTEN)
		return ev | (has_child(n, s) ? MLK_NET_READABLE : 0);
	if (t->rlen || t->fin_received || s->shut_rd || s->error ||
	    (s->state == TCP_CLOSED && s->raddr))
		ev |= MLK_NET_READABLE;
	if ((s->state == TCP_ESTABLISHED || s->state == TCP_CLOSE_WAIT) &&
	    !t->fin_queued && t->slen < TCP_BUF_SIZE)
		ev |= MLK_NET_WRITABLE;
	return ev;
}
