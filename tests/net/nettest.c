/*
 * nettest: the network service as a hostile client meets it.  Raw
 * requests of mlk/proto/net.h (not libmlk's client, which never sends
 * them) with missing words, values out of range, sockets of another
 * session, windows too small, and a session that goes away with its
 * sockets: each gets the status the protocol header promises, and the
 * service goes on serving.  It runs under QEMU's user network
 * (tests/qemu/net-protocol.qt), where DHCP gives the stack 10.0.2.15.
 */
#include <mlk/layout.h>
#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/net.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <string.h>

#include "mlkcheck.h"

#define MS 1000000ull
#define PORT 4711

static mlk_handle_t service; /* the name's handle: no session */

/* A session: its handle, and the window shared with the service. */
struct session {
	mlk_handle_t h;
	mlk_handle_t mem;
};

/* Request `label` with words w[0..n-1] on handle h; the status, with the
 * reply in *m. */
static mlk_status_t request(mlk_handle_t h, uint32_t label, unsigned n,
			    const uint64_t *w, struct mlk_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->label = label;
	m->nwords = n;
	for (unsigned i = 0; i < n; i++)
		m->w[i] = w[i];
	mlk_status_t st = mlk_msg_call(h, m, mlk_deadline_in(5000 * MS));
	return st == MLK_OK ? (mlk_status_t)m->label : st;
}

/* MLK_NET_SESSION with a memory object of `size` bytes (0: none). */
static mlk_status_t open_session(uint64_t size, struct session *s)
{
	struct mlk_msg m = { .label = MLK_NET_SESSION };
	mlk_status_t st = MLK_OK;

	s->h = s->mem = 0;
	if (size) {
		st = mlk_mem_create(size, MLK_MEM_COMMIT, &s->mem);
		if (st == MLK_OK)
			st = mlk_handle_duplicate(
				s->mem,
				MLK_RIGHT_MAP | MLK_RIGHT_READ |
					MLK_RIGHT_WRITE | MLK_RIGHTS_BASIC,
				&m.h[0]);
		if (st != MLK_OK)
			return st;
		m.nhandles = 1;
	}
	st = mlk_msg_call(service, &m, mlk_deadline_in(5000 * MS));
	if (st == MLK_OK)
		st = (mlk_status_t)m.label;
	if (st == MLK_OK && m.nhandles == 1)
		s->h = m.h[0];
	return st;
}

static void close_session(struct session *s)
{
	if (s->h)
		mlk_handle_close(s->h);
	if (s->mem)
		mlk_handle_close(s->mem);
	s->h = s->mem = 0;
}

/* A socket of `type` on session s: its id, or UINT32_MAX. */
static uint32_t new_socket(const struct session *s, uint64_t type)
{
	struct mlk_msg m;

	if (!CHECK_OK(request(s->h, MLK_NET_SOCKET, 1, &type, &m)))
		return UINT32_MAX;
	return (uint32_t)m.w[0];
}

static bool setup(void)
{
	struct mlk_net_info info;
	uint64_t deadline = mlk_deadline_in(20000 * MS);

	if (mlk_names_lookup("net", deadline, &service) != MLK_OK) {
		printf("nettest: no service named net\n");
		return false;
	}
	/* An address first: DHCP on QEMU's user network. */
	while (mlk_net_info(&info) != MLK_OK || !info.addr) {
		if (mlk_clock_now() >= deadline) {
			printf("nettest: no address from DHCP in 20 s\n");
			return false;
		}
		mlk_sleep(mlk_deadline_in(50 * MS));
	}
	return true;
}

TEST(session, refusals)
{
	struct session s;
	struct mlk_msg m;
	uint64_t w[1] = { MLK_NET_TCP };

	/* No window, a window too small. */
	CHECK_ST(open_session(0, &s), MLK_ERR_BAD_ARG(0));
	close_session(&s);
	CHECK_ST(open_session(MLK_PAGE_SIZE, &s), MLK_ERR_BAD_ARG(0));
	close_session(&s);
	/* Socket calls need a session: the name's handle has none. */
	CHECK_ST(request(service, MLK_NET_SOCKET, 1, w, &m), MLK_ERR_BAD_STATE);
	/* A label the protocol does not have. */
	CHECK_ST(request(service, MLK_NET_LIST + 100, 0, w, &m),
		 MLK_ERR_NOT_SUPPORTED);
}

TEST(socket, refusals)
{
	struct session s;
	struct mlk_msg m;
	uint64_t w[5];

	if (!CHECK_OK(open_session(MLK_NET_WINDOW_SIZE, &s)))
		return;
	w[0] = 7; /* neither TCP nor UDP */
	CHECK_ST(request(s.h, MLK_NET_SOCKET, 1, w, &m), MLK_ERR_BAD_ARG(0));
	CHECK_ST(request(s.h, MLK_NET_SOCKET, 0, w, &m), MLK_ERR_BAD_ARG(0));
	uint32_t id = new_socket(&s, MLK_NET_TCP);
	/* bind: words missing, an address wider than 32 bits, a port
	 * wider than 16, an address not the stack's, a socket that is
	 * not one. */
	w[0] = id;
	w[1] = MLK_NET_ANY;
	w[2] = PORT;
	CHECK_ST(request(s.h, MLK_NET_BIND, 2, w, &m), MLK_ERR_BAD_ARG(2));
	w[1] = 1ull << 32;
	CHECK_ST(request(s.h, MLK_NET_BIND, 3, w, &m), MLK_ERR_BAD_ARG(1));
	w[1] = MLK_NET_ANY;
	w[2] = 0x10000;
	CHECK_ST(request(s.h, MLK_NET_BIND, 3, w, &m), MLK_ERR_BAD_ARG(2));
	w[1] = 0x0a090909; /* 10.9.9.9 */
	w[2] = PORT;
	CHECK_ST(request(s.h, MLK_NET_BIND, 3, w, &m), MLK_ERR_BAD_ARG(1));
	w[0] = id + 1000;
	w[1] = MLK_NET_ANY;
	CHECK_ST(request(s.h, MLK_NET_BIND, 3, w, &m), MLK_ERR_BAD_HANDLE);
	/* The socket itself was not touched by any of them. */
	w[0] = id;
	CHECK_OK(request(s.h, MLK_NET_BIND, 3, w, &m));
	CHECK_ST(request(s.h, MLK_NET_BIND, 3, w, &m), MLK_ERR_BAD_STATE);
	/* send: a range past the window; on a socket not connected. */
	w[1] = MLK_NET_WINDOW_SIZE - 8;
	w[2] = 16;
	w[3] = 0;
	CHECK_ST(request(s.h, MLK_NET_SEND, 4, w, &m), MLK_ERR_BAD_ARG(1));
	w[1] = 0;
	CHECK_ST(request(s.h, MLK_NET_SEND, 4, w, &m), MLK_ERR_BAD_STATE);
	/* connect: a port wider than 16 bits. */
	w[1] = 0x0a000202;
	w[2] = 0x10000;
	CHECK_ST(request(s.h, MLK_NET_CONNECT, 4, w, &m), MLK_ERR_BAD_ARG(2));
	/* close twice: the id is gone the first time. */
	CHECK_OK(request(s.h, MLK_NET_CLOSE, 1, w, &m));
	CHECK_ST(request(s.h, MLK_NET_CLOSE, 1, w, &m), MLK_ERR_BAD_HANDLE);
	close_session(&s);
}

TEST(socket, udp_refusals)
{
	struct session s;
	struct mlk_msg m;
	uint64_t w[5];

	if (!CHECK_OK(open_session(MLK_NET_WINDOW_SIZE, &s)))
		return;
	uint32_t id = new_socket(&s, MLK_NET_UDP);
	w[0] = id;
	w[1] = 0;
	w[2] = MLK_NET_UDP_MAX + 1; /* no fragments */
	w[3] = 0x0a000202;
	w[4] = 9;
	CHECK_ST(request(s.h, MLK_NET_SENDTO, 5, w, &m), MLK_ERR_TOO_BIG);
	w[2] = 8;
	w[3] = 1ull << 40;
	CHECK_ST(request(s.h, MLK_NET_SENDTO, 5, w, &m), MLK_ERR_BAD_ARG(3));
	w[3] = 0x0a000202;
	w[4] = 0x10000;
	CHECK_ST(request(s.h, MLK_NET_SENDTO, 5, w, &m), MLK_ERR_BAD_ARG(4));
	/* recvfrom before a bind: nothing can come. */
	w[1] = 0;
	w[2] = 64;
	w[3] = mlk_deadline_in(10 * MS);
	CHECK_ST(request(s.h, MLK_NET_RECVFROM, 4, w, &m), MLK_ERR_BAD_STATE);
	CHECK_OK(request(s.h, MLK_NET_CLOSE, 1, w, &m));
	close_session(&s);
}

TEST(socket, another_sessions_socket)
{
	struct session a, b;
	struct mlk_msg m;
	uint64_t w[3];

	if (!CHECK_OK(open_session(MLK_NET_WINDOW_SIZE, &a)))
		return;
	if (CHECK_OK(open_session(MLK_NET_WINDOW_SIZE, &b))) {
		w[0] = new_socket(&a, MLK_NET_TCP);
		w[1] = MLK_NET_ANY;
		w[2] = PORT + 1;
		CHECK_ST(request(b.h, MLK_NET_BIND, 3, w, &m),
			 MLK_ERR_BAD_HANDLE);
		CHECK_ST(request(b.h, MLK_NET_CLOSE, 1, w, &m),
			 MLK_ERR_BAD_HANDLE);
		CHECK_OK(request(a.h, MLK_NET_CLOSE, 1, w, &m));
		close_session(&b);
	}
	close_session(&a);
}

TEST(service, poll_resolve_ping_refusals)
{
	struct session s;
	struct mlk_msg m;
	uint64_t w[MLK_MSG_MAX_WORDS] = { 0 };

	if (!CHECK_OK(open_session(MLK_NET_WINDOW_SIZE, &s)))
		return;
	w[1] = 0; /* no socket */
	CHECK_ST(request(s.h, MLK_NET_POLL, 2, w, &m), MLK_ERR_BAD_ARG(1));
	w[1] = MLK_NET_POLL_MAX + 1;
	CHECK_ST(request(s.h, MLK_NET_POLL, MLK_NET_POLL_MAX + 3, w, &m),
		 MLK_ERR_BAD_ARG(1));
	w[1] = 3; /* fewer words than it says */
	CHECK_ST(request(s.h, MLK_NET_POLL, 4, w, &m), MLK_ERR_BAD_ARG(1));
	/* A name with no words, and one without its NUL. */
	CHECK_ST(request(service, MLK_NET_RESOLVE, 1, w, &m), MLK_ERR_BAD_NAME);
	memset(&w[1], 'a', 8 * (MLK_MSG_MAX_WORDS - 1));
	CHECK_ST(request(service, MLK_NET_RESOLVE, MLK_MSG_MAX_WORDS, w, &m),
		 MLK_ERR_BAD_NAME);
	/* ping: an address wider than 32 bits, words missing. */
	w[0] = 1ull << 33;
	w[1] = 1;
	w[2] = 8;
	w[3] = 0;
	CHECK_ST(request(service, MLK_NET_PING, 4, w, &m), MLK_ERR_BAD_ARG(0));
	CHECK_ST(request(service, MLK_NET_PING, 2, w, &m), MLK_ERR_BAD_ARG(2));
	close_session(&s);
}

/* A session whose handle closes (its client died) takes its sockets: the
 * port it held is free again for another. */
TEST(lifetime, sockets_go_with_their_session)
{
	struct session a, b;
	struct mlk_msg m;
	uint64_t w[3];
	mlk_status_t st = MLK_ERR_EXISTS;

	if (!CHECK_OK(open_session(MLK_NET_WINDOW_SIZE, &a)))
		return;
	w[0] = new_socket(&a, MLK_NET_TCP);
	w[1] = MLK_NET_ANY;
	w[2] = PORT + 2;
	CHECK_OK(request(a.h, MLK_NET_BIND, 3, w, &m));
	w[1] = 4;
	CHECK_OK(request(a.h, MLK_NET_LISTEN, 2, w, &m));
	if (CHECK_OK(open_session(MLK_NET_WINDOW_SIZE, &b))) {
		w[0] = new_socket(&b, MLK_NET_TCP);
		w[1] = MLK_NET_ANY;
		CHECK_ST(request(b.h, MLK_NET_BIND, 3, w, &m), MLK_ERR_EXISTS);
		close_session(&a);
		/* The close notice reaches the service soon: retry for a
		 * second at most. */
		for (unsigned i = 0; i < 100 && st == MLK_ERR_EXISTS; i++) {
			st = request(b.h, MLK_NET_BIND, 3, w, &m);
			if (st == MLK_ERR_EXISTS)
				mlk_sleep(mlk_deadline_in(10 * MS));
		}
		CHECK_OK(st);
		CHECK_OK(request(b.h, MLK_NET_CLOSE, 1, w, &m));
		close_session(&b);
	}
	close_session(&a);
}

/* One session cannot take every socket: MLK_NET_SOCKETS_MAX each, and
 * another session still gets one. */
TEST(lifetime, sockets_per_session)
{
	struct session a, b;
	struct mlk_msg m;
	uint64_t w[1] = { MLK_NET_UDP }, last = 0;
	unsigned made = 0;
	mlk_status_t st = MLK_OK;

	if (!CHECK_OK(open_session(MLK_NET_WINDOW_SIZE, &a)))
		return;
	while (made <= MLK_NET_SOCKETS_MAX &&
	       (st = request(a.h, MLK_NET_SOCKET, 1, w, &m)) == MLK_OK) {
		last = m.w[0];
		made++;
	}
	CHECK_EQ(made, MLK_NET_SOCKETS_MAX);
	CHECK_ST(st, MLK_ERR_NO_RESOURCES);
	if (CHECK_OK(open_session(MLK_NET_WINDOW_SIZE, &b))) {
		CHECK_OK(request(b.h, MLK_NET_SOCKET, 1, w, &m));
		close_session(&b);
	}
	/* One closed, one more. */
	w[0] = last;
	CHECK_OK(request(a.h, MLK_NET_CLOSE, 1, w, &m));
	w[0] = MLK_NET_UDP;
	CHECK_OK(request(a.h, MLK_NET_SOCKET, 1, w, &m));
	close_session(&a);
}

/* After all that, the service still answers a client of the library. */
TEST(service, still_serving)
{
	struct mlk_net_info info;
	uint32_t sock;

	CHECK_OK(mlk_net_info(&info));
	CHECK_EQ(info.addr, 0x0a00020f); /* 10.0.2.15 */
	if (CHECK_OK(mlk_net_socket(MLK_NET_UDP, &sock))) {
		CHECK_OK(mlk_net_bind(sock, MLK_NET_ANY, PORT + 3));
		CHECK_OK(mlk_net_close(sock));
	}
}

int main(int argc, char **argv)
{
	static const struct mlkcheck_suite suite = {
		.name = "nettest",
		.setup = setup,
	};

	return mlkcheck_run(&suite, argc - 1, argv + 1);
}
