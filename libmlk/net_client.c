/*
 * The network client (see mlk/net.h): one session per process with the
 * network service, opened at the first call with a window of shared
 * memory; data goes through the window in pieces of its size.
 */
#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/net.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <string.h>

#include "ipv4_text.h"
#include "libc/libc_impl.h"

static struct {
	mlk_handle_t name;    /* the service's handle from the name */
	mlk_handle_t session; /* 0: not open */
	mlk_handle_t mem;
	uint8_t *window;
} net;

static mlk_status_t find_service(void)
{
	if (net.name)
		return MLK_OK;
	mlk_status_t st = mlk_names_lookup(
		"net", mlk_deadline_in(MLK_NET_WAIT_NS), &net.name);
	return st == MLK_ERR_TIMED_OUT ? MLK_ERR_NOT_FOUND : st;
}

static void forget_session(void)
{
	if (net.session)
		mlk_handle_close(net.session);
	if (net.name)
		mlk_handle_close(net.name);
	net.session = net.name = 0;
}

static mlk_status_t make_window(mlk_handle_t *for_service)
{
	uint64_t va;
	mlk_status_t st;

	if (!net.window) {
		st = mlk_mem_create(MLK_NET_WINDOW_SIZE, MLK_MEM_COMMIT,
				    &net.mem);
		if (st != MLK_OK)
			return st;
		st = mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, net.mem, 0, 0,
				    MLK_NET_WINDOW_SIZE,
				    MLK_MAP_READ | MLK_MAP_WRITE, &va);
		if (st != MLK_OK) {
			mlk_handle_close(net.mem);
			return st;
		}
		net.window = (uint8_t *)(uintptr_t)va;
	}
	return mlk_handle_duplicate(net.mem,
				    MLK_RIGHT_MAP | MLK_RIGHT_READ |
					    MLK_RIGHT_WRITE | MLK_RIGHTS_BASIC,
				    for_service);
}

static mlk_status_t open_session(void)
{
	struct mlk_msg m = { .label = MLK_NET_SESSION, .nhandles = 1 };
	mlk_status_t st;

	if (net.session)
		return MLK_OK;
	st = find_service();
	if (st == MLK_OK)
		st = make_window(&m.h[0]);
	if (st == MLK_OK)
		st = mlk_msg_call(net.name, &m, MLK_FOREVER);
	if (st == MLK_OK)
		st = (mlk_status_t)m.label;
	if (st == MLK_OK && m.nhandles != 1)
		st = MLK_ERR_BAD_FORMAT;
	if (st == MLK_OK)
		net.session = m.h[0];
	else if (st == MLK_ERR_PEER_CLOSED)
		forget_session();
	return st;
}

/* A call on the session; a service that went makes the next
 * mlk_net_socket open another. */
static mlk_status_t call(struct mlk_msg *m)
{
	if (!net.session)
		return MLK_ERR_PEER_CLOSED;
	mlk_status_t st = mlk_msg_call(net.session, m, MLK_FOREVER);
	if (st == MLK_ERR_PEER_CLOSED || st == MLK_ERR_BAD_HANDLE) {
		forget_session();
		return MLK_ERR_PEER_CLOSED;
	}
	return st == MLK_OK ? (mlk_status_t)m->label : st;
}

/* A call to the service that needs no session.  Such a request moves
 * no handle and leaves nothing behind in the service, so one that finds
 * the service gone (restarted since the last call) is asked again of
 * the one now under the name. */
static mlk_status_t call_service(struct mlk_msg *m)
{
	const struct mlk_msg req = *m;
	mlk_status_t st;

	for (unsigned tries = 0;; tries++) {
		st = find_service();
		if (st == MLK_OK)
			st = mlk_msg_call(net.name, m, MLK_FOREVER);
		if (st != MLK_ERR_PEER_CLOSED && st != MLK_ERR_BAD_HANDLE)
			break;
		forget_session();
		if (tries == 1 || req.nhandles)
			break;
		*m = req;
	}
	return st == MLK_OK ? (mlk_status_t)m->label : st;
}

static mlk_status_t call_words(uint32_t label, unsigned n, uint64_t w0,
			       uint64_t w1, uint64_t w2, uint64_t w3,
			       struct mlk_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->label = label;
	m->nwords = n;
	m->w[0] = w0;
	m->w[1] = w1;
	m->w[2] = w2;
	m->w[3] = w3;
	return call(m);
}

MLK_PUBLIC mlk_status_t mlk_net_socket(enum mlk_net_type type, uint32_t *sock)
{
	struct mlk_msg m;
	mlk_status_t st = open_session();

	if (st == MLK_OK)
		st = call_words(MLK_NET_SOCKET, 1, type, 0, 0, 0, &m);
	if (st == MLK_OK)
		*sock = (uint32_t)m.w[0];
	return st;
}

MLK_PUBLIC mlk_status_t mlk_net_bind(uint32_t sock, uint32_t addr,
				     uint16_t port)
{
	struct mlk_msg m;

	return call_words(MLK_NET_BIND, 3, sock, addr, port, 0, &m);
}

MLK_PUBLIC mlk_status_t mlk_net_listen(uint32_t sock, unsigned backlog)
{
	struct mlk_msg m;

	return call_words(MLK_NET_LISTEN, 2, sock, backlog, 0, 0, &m);
}

MLK_PUBLIC mlk_status_t mlk_net_accept(uint32_t sock, uint64_t deadline,
				       uint32_t *conn,
				       struct mlk_net_peer *peer)
{
	struct mlk_msg m;
	mlk_status_t st =
		call_words(MLK_NET_ACCEPT, 2, sock, deadline, 0, 0, &m);

	if (st != MLK_OK)
		return st;
	*conn = (uint32_t)m.w[0];
	if (peer) {
		peer->addr = (uint32_t)m.w[1];
		peer->port = (uint16_t)m.w[2];
	}
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_net_connect(uint32_t sock, uint32_t addr,
					uint16_t port, uint64_t deadline)
{
	struct mlk_msg m;

	return call_words(MLK_NET_CONNECT, 4, sock, addr, port, deadline, &m);
}

MLK_PUBLIC mlk_status_t mlk_net_send(uint32_t sock, const void *buf, size_t len,
				     uint64_t deadline, size_t *sent)
{
	struct mlk_msg m;
	size_t done = 0;
	mlk_status_t st = MLK_OK;

	while (done < len && st == MLK_OK) {
		size_t k = len - done < MLK_NET_WINDOW_SIZE
				   ? len - done
				   : MLK_NET_WINDOW_SIZE;
		memcpy(net.window, (const uint8_t *)buf + done, k);
		size_t off = 0;
		while (off < k && st == MLK_OK) {
			st = call_words(MLK_NET_SEND, 4, sock, off, k - off,
					deadline, &m);
			if (st == MLK_OK) {
				off += m.w[0];
				done += m.w[0];
			}
		}
	}
	if (sent)
		*sent = done;
	return st;
}

MLK_PUBLIC mlk_status_t mlk_net_recv(uint32_t sock, void *buf, size_t len,
				     uint64_t deadline, size_t *got)
{
	struct mlk_msg m;
	size_t k = len < MLK_NET_WINDOW_SIZE ? len : MLK_NET_WINDOW_SIZE;
	mlk_status_t st = call_words(MLK_NET_RECV, 4, sock, 0, k, deadline, &m);

	*got = 0;
	if (st != MLK_OK)
		return st;
	if (m.w[0] > k)
		return MLK_ERR_BAD_FORMAT;
	memcpy(buf, net.window, m.w[0]);
	*got = m.w[0];
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_net_sendto(uint32_t sock, const void *buf,
				       size_t len, uint32_t addr, uint16_t port)
{
	struct mlk_msg m = { .label = MLK_NET_SENDTO, .nwords = 5 };

	if (len > MLK_NET_UDP_MAX)
		return MLK_ERR_TOO_BIG;
	if (!net.window)
		return MLK_ERR_PEER_CLOSED;
	memcpy(net.window, buf, len);
	m.w[0] = sock;
	m.w[1] = 0;
	m.w[2] = len;
	m.w[3] = addr;
	m.w[4] = port;
	return call(&m);
}

MLK_PUBLIC mlk_status_t mlk_net_recvfrom(uint32_t sock, void *buf, size_t len,
					 uint64_t deadline, size_t *got,
					 struct mlk_net_peer *from)
{
	struct mlk_msg m;
	size_t k = len < MLK_NET_WINDOW_SIZE ? len : MLK_NET_WINDOW_SIZE;
	mlk_status_t st =
		call_words(MLK_NET_RECVFROM, 4, sock, 0, k, deadline, &m);

	*got = 0;
	if (st != MLK_OK)
		return st;
	if (m.w[0] > k)
		return MLK_ERR_BAD_FORMAT;
	memcpy(buf, net.window, m.w[0]);
	*got = m.w[0];
	if (from) {
		from->addr = (uint32_t)m.w[1];
		from->port = (uint16_t)m.w[2];
	}
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_net_shutdown(uint32_t sock, unsigned how)
{
	struct mlk_msg m;

	return call_words(MLK_NET_SHUTDOWN, 2, sock, how, 0, 0, &m);
}

MLK_PUBLIC mlk_status_t mlk_net_close(uint32_t sock)
{
	struct mlk_msg m;

	return call_words(MLK_NET_CLOSE, 1, sock, 0, 0, 0, &m);
}

MLK_PUBLIC mlk_status_t mlk_net_poll(struct mlk_net_poll *p, unsigned n,
				     uint64_t deadline)
{
	struct mlk_msg m = { .label = MLK_NET_POLL };

	if (n == 0 || n > MLK_NET_POLL_MAX)
		return MLK_ERR_BAD_ARG(1);
	m.nwords = 2 + n;
	m.w[0] = deadline;
	m.w[1] = n;
	for (unsigned i = 0; i < n; i++) {
		m.w[2 + i] = p[i].sock | (uint64_t)p[i].events << 32;
		p[i].ready = 0;
	}
	mlk_status_t st = call(&m);
	if (st != MLK_OK)
		return st;
	for (unsigned k = 0; k < m.w[0] && k + 1 < m.nwords; k++)
		for (unsigned i = 0; i < n; i++)
			if (p[i].sock == (uint32_t)m.w[1 + k])
				p[i].ready = (unsigned)(m.w[1 + k] >> 32);
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_net_socket_name(uint32_t sock,
					    struct mlk_net_socket_info *i)
{
	struct mlk_msg m;
	mlk_status_t st = call_words(MLK_NET_NAME, 1, sock, 0, 0, 0, &m);

	if (st != MLK_OK)
		return st;
	memset(i, 0, sizeof(*i));
	i->local.addr = (uint32_t)m.w[0];
	i->local.port = (uint16_t)m.w[1];
	i->remote.addr = (uint32_t)m.w[2];
	i->remote.port = (uint16_t)m.w[3];
	i->state = (enum mlk_net_state)m.w[4];
	i->type = (enum mlk_net_type)m.w[5];
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_net_resolve(const char *name, uint64_t deadline,
					uint32_t *addr)
{
	struct mlk_msg m = { .label = MLK_NET_RESOLVE };

	if (strlen(name) > MLK_NET_NAME_MAX)
		return MLK_ERR_BAD_NAME;
	m.w[0] = deadline;
	m.nwords = 1 + mlk_msg_put_string(&m, 1, name, MLK_MSG_MAX_WORDS - 1);
	mlk_status_t st = call_service(&m);
	if (st == MLK_OK)
		*addr = (uint32_t)m.w[0];
	return st;
}

MLK_PUBLIC mlk_status_t mlk_net_ping(uint32_t addr, uint16_t seq, unsigned size,
				     uint64_t deadline,
				     struct mlk_net_ping_reply *r)
{
	struct mlk_msg m = { .label = MLK_NET_PING,
			     .nwords = 4,
			     .w = { addr, seq, size, deadline } };
	mlk_status_t st = call_service(&m);

	if (st != MLK_OK)
		return st;
	r->rtt_ns = m.w[0];
	r->bytes = (uint32_t)m.w[1];
	r->ttl = (uint8_t)m.w[2];
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_net_info(struct mlk_net_info *info)
{
	struct mlk_msg m = { .label = MLK_NET_INFO };
	mlk_status_t st = call_service(&m);

	if (st != MLK_OK)
		return st;
	if (m.nwords < MLK_NET_INFO_WORDS)
		return MLK_ERR_BAD_FORMAT;
	for (unsigned i = 0; i < 6; i++)
		info->mac[i] = (uint8_t)(m.w[0] >> (8 * i));
	info->addr = (uint32_t)m.w[1];
	info->mask = (uint32_t)m.w[2];
	info->gateway = (uint32_t)m.w[3];
	info->dns = (uint32_t)m.w[4];
	info->config = (enum mlk_net_config)m.w[5];
	info->rx_frames = m.w[6];
	info->tx_frames = m.w[7];
	info->rx_bytes = m.w[8];
	info->tx_bytes = m.w[9];
	info->rx_dropped = m.w[10];
	info->tx_dropped = m.w[11];
	info->retransmits = m.w[12];
	uint64_t *drop[] = { &info->drops.eth,	&info->drops.arp,
			     &info->drops.ip,	&info->drops.fragment,
			     &info->drops.icmp, &info->drops.udp,
			     &info->drops.tcp,	&info->drops.no_port,
			     &info->drops.syn };
	for (unsigned i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		*drop[i] = m.w[13 + i];
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_net_list(unsigned from,
				     struct mlk_net_socket_info *info)
{
	struct mlk_msg m = { .label = MLK_NET_LIST,
			     .nwords = 1,
			     .w = { from } };
	mlk_status_t st = call_service(&m);

	if (st != MLK_OK)
		return st;
	if (m.nwords < MLK_NET_LIST_WORDS)
		return MLK_ERR_BAD_FORMAT;
	info->index = (unsigned)m.w[0];
	info->type = (enum mlk_net_type)m.w[1];
	info->state = (enum mlk_net_state)m.w[2];
	info->local.addr = (uint32_t)m.w[3];
	info->local.port = (uint16_t)m.w[4];
	info->remote.addr = (uint32_t)m.w[5];
	info->remote.port = (uint16_t)m.w[6];
	info->unread = m.w[7];
	info->unacked = m.w[8];
	return MLK_OK;
}

MLK_PUBLIC bool mlk_net_addr_parse(const char *s, uint32_t *addr)
{
	uint32_t a;
	const char *end = ipv4_text_parse(s, &a);

	if (!end || *end)
		return false;
	*addr = a;
	return true;
}

MLK_PUBLIC void mlk_net_addr_format(uint32_t addr, char *out)
{
	snprintf(out, MLK_NET_ADDR_SIZE, "%u.%u.%u.%u", addr >> 24,
		 addr >> 16 & 0xff, addr >> 8 & 0xff, addr & 0xff);
}
