/*
 * The network protocol's requests (mlk/proto/net.h): sessions, then
 * socket calls on the stack (sock.h).  A call that would wait is tried
 * again by waits.c after each event until it is done or its deadline
 * passes.
 */
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <string.h>

#include "service.h"
#include "sock.h"

static void drop_handles(const struct mlk_msg *in, unsigned from)
{
	for (unsigned i = from; i < in->nhandles; i++)
		mlk_handle_close(in->h[i]);
}

static uint64_t badge_of(unsigned i, uint16_t gen)
{
	return (uint64_t)i + 1 + ((uint64_t)gen << 16);
}

struct session *session_of(struct service *s, uint64_t badge)
{
	uint64_t i = (badge & 0xffff) - 1;

	if (badge == 0 || i >= MAX_SESSIONS || !s->sessions[i].used ||
	    s->sessions[i].gen != badge >> 16)
		return NULL;
	return &s->sessions[i];
}

static mlk_status_t map_window(mlk_handle_t mem, uint8_t **window)
{
	uint64_t size, va;
	mlk_status_t st = mlk_mem_size(mem, &size);

	if (st != MLK_OK || size < MLK_NET_WINDOW_SIZE)
		return MLK_ERR_BAD_ARG(0);
	st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, mem, 0, 0,
			    MLK_NET_WINDOW_SIZE, MLK_MAP_READ | MLK_MAP_WRITE,
			    &va);
	*window = (uint8_t *)(uintptr_t)va;
	return st == MLK_OK ? MLK_OK : MLK_ERR_BAD_ARG(0);
}

static mlk_status_t do_session(const struct mlk_msg *in, struct mlk_msg *out,
			       void *ctx)
{
	struct service *s = ctx;
	unsigned i;

	if (in->nhandles < 1)
		return MLK_ERR_BAD_ARG(0);
	drop_handles(in, 1);
	for (i = 0; i < MAX_SESSIONS && s->sessions[i].used; i++)
		;
	struct session *ss = &s->sessions[i < MAX_SESSIONS ? i : 0];
	mlk_status_t st = i < MAX_SESSIONS ? map_window(in->h[0], &ss->window)
					   : MLK_ERR_NO_RESOURCES;
	if (st == MLK_OK)
		st = mlk_endpoint_mint(s->ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC,
				       badge_of(i, (uint16_t)(ss->gen + 1)),
				       &out->h[0]);
	if (st != MLK_OK) {
		if (i < MAX_SESSIONS && ss->window)
			mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE,
					 (uintptr_t)ss->window,
					 MLK_NET_WINDOW_SIZE);
		if (i < MAX_SESSIONS)
			ss->window = NULL;
		mlk_handle_close(in->h[0]);
		return st;
	}
	ss->used = true;
	ss->gen++;
	ss->mem = in->h[0];
	out->nhandles = 1;
	return MLK_OK;
}

/* The stack's clock, read as a request comes: the service may have
 * slept long since it last looked. */
static void clock_now(struct service *s)
{
	s->net.now = mlk_clock_now();
}

/* The session's socket named by w0, or a status. */
static mlk_status_t socket_of(struct service *s, const struct mlk_msg *in,
			      struct net_sock **sock)
{
	clock_now(s);
	if (!session_of(s, in->badge))
		return MLK_ERR_BAD_STATE;
	if (in->nwords < 1)
		return MLK_ERR_BAD_ARG(0);
	*sock = net_sock_get(&s->net, (uint32_t)in->w[0], in->badge);
	return *sock ? MLK_OK : MLK_ERR_BAD_HANDLE;
}

static mlk_status_t need_words(const struct mlk_msg *in, unsigned n)
{
	return in->nwords < n ? MLK_ERR_BAD_ARG(n - 1) : MLK_OK;
}

/* A call on a socket: the session's socket named by w0, and at least
 * nwords words (a socket call takes no handles). */
static mlk_status_t sock_request(struct service *s, const struct mlk_msg *in,
				 unsigned nwords, struct net_sock **sock)
{
	mlk_status_t st = socket_of(s, in, sock);

	drop_handles(in, 0);
	return st == MLK_OK ? need_words(in, nwords) : st;
}

/* Words i and i + 1: an IPv4 address and a port. */
static mlk_status_t addr_port_words(const struct mlk_msg *in, unsigned i)
{
	if (in->w[i] > 0xffffffffu)
		return MLK_ERR_BAD_ARG(i);
	return in->w[i + 1] > 0xffff ? MLK_ERR_BAD_ARG(i + 1) : MLK_OK;
}

static mlk_status_t do_socket(const struct mlk_msg *in, struct mlk_msg *out,
			      void *ctx)
{
	struct service *s = ctx;
	struct net_sock *sock;

	clock_now(s);
	drop_handles(in, 0);
	if (!session_of(s, in->badge))
		return MLK_ERR_BAD_STATE;
	if (in->nwords < 1 || in->w[0] > 0xff)
		return MLK_ERR_BAD_ARG(0);
	mlk_status_t st =
		net_socket(&s->net, (uint8_t)in->w[0], in->badge, &sock);
	if (st == MLK_OK) {
		out->nwords = 1;
		out->w[0] = net_sock_id(&s->net, sock);
	}
	return st;
}

static mlk_status_t do_bind(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct service *s = ctx;
	struct net_sock *sock;
	mlk_status_t st = sock_request(s, in, 3, &sock);

	if (st == MLK_OK)
		st = addr_port_words(in, 1);
	if (st == MLK_OK)
		st = net_bind(&s->net, sock, (uint32_t)in->w[1],
			      (uint16_t)in->w[2]);
	return st;
}

static mlk_status_t do_listen(const struct mlk_msg *in, struct mlk_msg *out,
			      void *ctx)
{
	struct service *s = ctx;
	struct net_sock *sock;
	mlk_status_t st = sock_request(s, in, 2, &sock);

	if (st == MLK_OK)
		st = net_listen(&s->net, sock,
				in->w[1] > MLK_NET_BACKLOG_MAX
					? MLK_NET_BACKLOG_MAX + 1
					: (unsigned)in->w[1]);
	return st;
}

/* Check a range of the session's window. */
static mlk_status_t window_range(uint64_t off, uint64_t len)
{
	if (off > MLK_NET_WINDOW_SIZE || len > MLK_NET_WINDOW_SIZE - off)
		return MLK_ERR_BAD_ARG(1);
	return MLK_OK;
}

/* MLK_NET_POLL: the ready sockets of the list, or UNAVAILABLE. */
static mlk_status_t poll_ready(struct service *s, const struct mlk_msg *in,
			       uint64_t owner, struct mlk_msg *out)
{
	unsigned m = 0;

	for (unsigned i = 0; i < in->w[1]; i++) {
		uint64_t word = in->w[2 + i];
		struct net_sock *sock =
			net_sock_get(&s->net, (uint32_t)word, owner);
		unsigned ev = sock ? net_ready(&s->net, sock) : MLK_NET_FAILED;
		ev &= (unsigned)(word >> 32) | MLK_NET_FAILED;
		if (ev)
			out->w[1 + m++] = (uint32_t)word | (uint64_t)ev << 32;
	}
	out->nwords = 1 + m;
	out->w[0] = m;
	return m ? MLK_OK : MLK_ERR_UNAVAILABLE;
}

static mlk_status_t query_done(struct service *s, struct wait *w,
			       struct mlk_msg *out)
{
	struct dns_query *q = &s->net.queries[w->slot];

	if (!q->done)
		return MLK_ERR_UNAVAILABLE;
	q->busy = false;
	w->slot = -1;
	out->nwords = 1;
	out->w[0] = q->addr;
	return q->status;
}

static mlk_status_t ping_done(struct service *s, struct wait *w,
			      struct mlk_msg *out)
{
	struct net_ping *g = &s->net.pings[w->slot];

	if (!g->answered)
		return MLK_ERR_UNAVAILABLE;
	g->busy = false;
	w->slot = -1;
	out->nwords = 3;
	out->w[0] = g->rtt;
	out->w[1] = g->bytes;
	out->w[2] = g->ttl;
	return MLK_OK;
}

static mlk_status_t request_retry_other(struct service *s, struct wait *w,
					struct mlk_msg *out)
{
	switch (w->kind) {
	case WAIT_POLL:
		return poll_ready(s, &w->req, w->owner, out);
	case WAIT_RESOLVE:
		return query_done(s, w, out);
	default:
		return ping_done(s, w, out);
	}
}

/* The calls that may wait: tried now, and again by waits.c. */
mlk_status_t request_retry(struct service *s, struct wait *w,
			   struct mlk_msg *out)
{
	const struct mlk_msg *in = &w->req;
	struct net *n = &s->net;
	struct net_sock *sock = NULL, *child;
	struct session *ss = session_of(s, w->owner);
	size_t k;
	mlk_status_t st = MLK_OK;

	if (w->kind != WAIT_RESOLVE && w->kind != WAIT_PING &&
	    w->kind != WAIT_POLL)
		st = socket_of(s, in, &sock);
	if (st != MLK_OK)
		return st;
	switch (w->kind) {
	case WAIT_ACCEPT:
		st = net_accept(n, sock, w->owner, &child);
		if (st == MLK_OK) {
			out->nwords = 3;
			out->w[0] = net_sock_id(n, child);
			out->w[1] = child->raddr;
			out->w[2] = child->rport;
		}
		return st;
	case WAIT_CONNECT:
		return net_connected(sock);
	case WAIT_SEND:
		st = net_send(n, sock, ss->window + in->w[1], in->w[2], &k);
		if (st == MLK_OK && k == 0 && in->w[2])
			st = MLK_ERR_UNAVAILABLE;
		out->nwords = 1;
		out->w[0] = k;
		return st;
	case WAIT_RECV:
		st = net_recv(n, sock, ss->window + in->w[1], in->w[2], &k);
		out->nwords = 1;
		out->w[0] = k;
		return st;
	case WAIT_RECVFROM: {
		uint32_t addr = 0;
		uint16_t port = 0;
		st = net_recvfrom(n, sock, ss->window + in->w[1], in->w[2], &k,
				  &addr, &port);
		out->nwords = 3;
		out->w[0] = k;
		out->w[1] = addr;
		out->w[2] = port;
		return st;
	}
	default:
		return request_retry_other(s, w, out);
	}
}

/* Try now; wait (deferred reply) while the stack says "not yet". */
static mlk_status_t try_or_wait(struct service *s, uint8_t kind,
				const struct mlk_msg *in, struct mlk_msg *out,
				uint64_t deadline, int slot)
{
	struct wait w = {
		.kind = kind, .owner = in->badge, .req = *in, .slot = slot
	};
	mlk_status_t st = request_retry(s, &w, out);

	if (st != MLK_ERR_UNAVAILABLE)
		return st;
	if (deadline && mlk_clock_now() >= deadline)
		return MLK_ERR_TIMED_OUT;
	memset(out, 0, sizeof(*out));
	return wait_defer(s, kind, in, deadline, slot);
}

static mlk_status_t do_accept(const struct mlk_msg *in, struct mlk_msg *out,
			      void *ctx)
{
	struct service *s = ctx;
	struct net_sock *sock;
	mlk_status_t st = sock_request(s, in, 2, &sock);

	return st == MLK_OK ? try_or_wait(s, WAIT_ACCEPT, in, out, in->w[1], -1)
			    : st;
}

static mlk_status_t do_connect(const struct mlk_msg *in, struct mlk_msg *out,
			       void *ctx)
{
	struct service *s = ctx;
	struct net_sock *sock;
	mlk_status_t st = sock_request(s, in, 4, &sock);

	if (st == MLK_OK)
		st = addr_port_words(in, 1);
	if (st == MLK_OK)
		st = net_connect(&s->net, sock, (uint32_t)in->w[1],
				 (uint16_t)in->w[2]);
	return st == MLK_OK
		       ? try_or_wait(s, WAIT_CONNECT, in, out, in->w[3], -1)
		       : st;
}

/* SEND, RECV and RECVFROM: w1 offset, w2 length, w3 deadline. */
static mlk_status_t data_request(const struct mlk_msg *in, struct mlk_msg *out,
				 void *ctx, uint8_t kind)
{
	struct service *s = ctx;
	struct net_sock *sock;
	mlk_status_t st = sock_request(s, in, 4, &sock);

	if (st == MLK_OK)
		st = window_range(in->w[1], in->w[2]);
	return st == MLK_OK ? try_or_wait(s, kind, in, out, in->w[3], -1) : st;
}

static mlk_status_t do_send(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	return data_request(in, out, ctx, WAIT_SEND);
}

static mlk_status_t do_recv(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	return data_request(in, out, ctx, WAIT_RECV);
}

static mlk_status_t do_recvfrom(const struct mlk_msg *in, struct mlk_msg *out,
				void *ctx)
{
	return data_request(in, out, ctx, WAIT_RECVFROM);
}

static mlk_status_t do_sendto(const struct mlk_msg *in, struct mlk_msg *out,
			      void *ctx)
{
	struct service *s = ctx;
	struct net_sock *sock;
	mlk_status_t st = sock_request(s, in, 5, &sock);

	if (st == MLK_OK)
		st = window_range(in->w[1], in->w[2]);
	if (st == MLK_OK)
		st = addr_port_words(in, 3);
	if (st == MLK_OK)
		st = net_sendto(&s->net, sock,
				session_of(s, in->badge)->window + in->w[1],
				in->w[2], (uint32_t)in->w[3],
				(uint16_t)in->w[4]);
	return st;
}

static mlk_status_t do_shutdown(const struct mlk_msg *in, struct mlk_msg *out,
				void *ctx)
{
	struct service *s = ctx;
	struct net_sock *sock;
	mlk_status_t st = sock_request(s, in, 2, &sock);

	return st == MLK_OK ? net_shutdown(&s->net, sock, (unsigned)in->w[1])
			    : st;
}

static mlk_status_t do_close(const struct mlk_msg *in, struct mlk_msg *out,
			     void *ctx)
{
	struct service *s = ctx;
	struct net_sock *sock;
	mlk_status_t st = sock_request(s, in, 1, &sock);

	if (st == MLK_OK)
		net_close(&s->net, sock);
	return st;
}

static mlk_status_t do_poll(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct service *s = ctx;

	clock_now(s);
	drop_handles(in, 0);
	if (!session_of(s, in->badge))
		return MLK_ERR_BAD_STATE;
	if (in->nwords < 2 || in->w[1] == 0 || in->w[1] > MLK_NET_POLL_MAX ||
	    in->nwords < 2 + in->w[1])
		return MLK_ERR_BAD_ARG(1);
	return try_or_wait(s, WAIT_POLL, in, out, in->w[0], -1);
}

static mlk_status_t do_name(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct service *s = ctx;
	struct net_sock *sock;
	mlk_status_t st = sock_request(s, in, 1, &sock);

	if (st != MLK_OK)
		return st;
	out->nwords = 6;
	out->w[0] = sock->laddr ? sock->laddr : s->net.addr;
	out->w[1] = sock->lport;
	out->w[2] = sock->raddr;
	out->w[3] = sock->rport;
	out->w[4] = sock->type == MLK_NET_TCP ? sock->state : 0;
	out->w[5] = sock->type;
	return MLK_OK;
}

static mlk_status_t do_resolve(const struct mlk_msg *in, struct mlk_msg *out,
			       void *ctx)
{
	struct service *s = ctx;
	char name[MLK_NET_NAME_MAX + 1];
	int slot;

	clock_now(s);
	drop_handles(in, 0);
	if (in->nwords < 2 || !mlk_msg_get_string(in, 1, MLK_MSG_MAX_WORDS - 1,
						  name, sizeof(name)))
		return MLK_ERR_BAD_NAME;
	mlk_status_t st = resolver_start(&s->net, name, &slot);
	return st == MLK_OK
		       ? try_or_wait(s, WAIT_RESOLVE, in, out, in->w[0], slot)
		       : st;
}

static mlk_status_t do_ping(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct service *s = ctx;
	int slot;

	clock_now(s);
	drop_handles(in, 0);
	if (in->nwords < 4)
		return MLK_ERR_BAD_ARG(in->nwords);
	if (in->w[0] > 0xffffffffu)
		return MLK_ERR_BAD_ARG(0);
	mlk_status_t st =
		icmp_ping(&s->net, (uint32_t)in->w[0], (uint16_t)in->w[1],
			  in->w[2] > MLK_NET_PING_MAX ? MLK_NET_PING_MAX + 1
						      : (unsigned)in->w[2],
			  &slot);
	return st == MLK_OK ? try_or_wait(s, WAIT_PING, in, out, in->w[3], slot)
			    : st;
}

static mlk_status_t do_info(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct service *s = ctx;
	const struct net *n = &s->net;
	const struct net_counters *c = &n->cnt;

	drop_handles(in, 0);
	out->nwords = MLK_NET_INFO_WORDS;
	for (unsigned i = 0; i < ETH_ALEN; i++)
		out->w[0] |= (uint64_t)n->mac[i] << (8 * i);
	out->w[1] = n->addr;
	out->w[2] = n->mask;
	out->w[3] = n->gateway;
	out->w[4] = n->dns;
	out->w[5] = s->linked ? n->config : MLK_NET_CONFIG_NONE;
	out->w[6] = c->rx_frames;
	out->w[7] = c->tx_frames;
	out->w[8] = c->rx_bytes;
	out->w[9] = c->tx_bytes;
	out->w[10] = c->eth_bad + c->arp_bad + c->ip_bad + c->ip_frag +
		     c->icmp_bad + c->udp_bad + c->tcp_bad + c->no_port +
		     c->syn_dropped;
	out->w[11] = c->tx_dropped;
	out->w[12] = c->tcp_retransmits + c->tcp_fast_retransmits;
	const uint64_t drops[] = { c->eth_bad, c->arp_bad,  c->ip_bad,
				   c->ip_frag, c->icmp_bad, c->udp_bad,
				   c->tcp_bad, c->no_port,  c->syn_dropped };
	for (unsigned i = 0; i < sizeof(drops) / sizeof(drops[0]); i++)
		out->w[13 + i] = drops[i];
	return MLK_OK;
}

static mlk_status_t do_list(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct service *s = ctx;

	drop_handles(in, 0);
	for (uint64_t i = in->nwords ? in->w[0] : 0; i < NET_SOCKETS; i++) {
		const struct net_sock *k = &s->net.socks[i];
		if (!k->used)
			continue;
		out->nwords = MLK_NET_LIST_WORDS;
		out->w[0] = i;
		out->w[1] = k->type;
		out->w[2] = k->type == MLK_NET_TCP ? k->state : 0;
		out->w[3] = k->laddr;
		out->w[4] = k->lport;
		out->w[5] = k->raddr;
		out->w[6] = k->rport;
		out->w[7] = k->type == MLK_NET_TCP ? k->tcb.rlen : k->dcount;
		out->w[8] = k->tcb.snd_max - k->tcb.snd_una;
		return MLK_OK;
	}
	return MLK_ERR_NOT_FOUND;
}

const struct mlk_service_op net_ops[] = {
	{ MLK_NET_SESSION, do_session },   { MLK_NET_SOCKET, do_socket },
	{ MLK_NET_BIND, do_bind },	   { MLK_NET_LISTEN, do_listen },
	{ MLK_NET_ACCEPT, do_accept },	   { MLK_NET_CONNECT, do_connect },
	{ MLK_NET_SEND, do_send },	   { MLK_NET_RECV, do_recv },
	{ MLK_NET_SENDTO, do_sendto },	   { MLK_NET_RECVFROM, do_recvfrom },
	{ MLK_NET_SHUTDOWN, do_shutdown }, { MLK_NET_CLOSE, do_close },
	{ MLK_NET_POLL, do_poll },	   { MLK_NET_NAME, do_name },
	{ MLK_NET_RESOLVE, do_resolve },   { MLK_NET_PING, do_ping },
	{ MLK_NET_INFO, do_info },	   { MLK_NET_LIST, do_list },
};
const unsigned net_nops = sizeof(net_ops) / sizeof(net_ops[0]);
