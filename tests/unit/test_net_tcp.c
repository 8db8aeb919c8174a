/*
 * Unit tests of TCP (servers/net/tcp_*.c, sock.c) on the build machine:
 * two stacks on a simulated wire (net_pair.c) and synthetic segments,
 * with frames lost, reordered or never answered.
 */
#include "unit.h"

#include "bytes.h"
#include "net_pair.h"
#include "tcp.h"

#define OWNER 7
#define PORT 7

static struct net_pair pair;

/* A listener on B, a connection from A, accepted: *c on A, *s on B. */
static void connect_pair(struct net_sock **c, struct net_sock **s)
{
	struct net_sock *l;

	ck_assert_int_eq(net_socket(&pair.b, MLK_NET_TCP, OWNER, &l), MLK_OK);
	ck_assert_int_eq(net_bind(&pair.b, l, MLK_NET_ANY, PORT), MLK_OK);
	ck_assert_int_eq(net_listen(&pair.b, l, 4), MLK_OK);
	ck_assert_int_eq(net_socket(&pair.a, MLK_NET_TCP, OWNER, c), MLK_OK);
	ck_assert_int_eq(net_connect(&pair.a, *c, PAIR_B, PORT), MLK_OK);
	ck_assert_int_eq(net_connected(*c), MLK_ERR_UNAVAILABLE);
	net_pair_pump(&pair, 100);
	ck_assert_int_eq(net_connected(*c), MLK_OK);
	ck_assert_int_eq((*c)->state, TCP_ESTABLISHED);
	ck_assert_int_eq(net_accept(&pair.b, l, OWNER, s), MLK_OK);
	ck_assert_int_eq((*s)->state, TCP_ESTABLISHED);
	ck_assert_uint_eq((*s)->rport, (*c)->lport);
}

static void fill(uint8_t *buf, size_t len, unsigned seed)
{
	for (size_t i = 0; i < len; i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (uint8_t)(seed >> 16);
	}
}

/* Send len bytes from x (on A) to y (on B), reading as they come, the
 * clock moved on a second when nothing moves; bounded in rounds. */
static void transfer(struct net_sock *x, struct net_sock *y, size_t len,
		     unsigned seed)
{
	static uint8_t out[1 << 20], in[1 << 20];
	size_t sent = 0, got = 0, k;
	unsigned idle = 0;

	ck_assert_uint_le(len, sizeof(out));
	fill(out, len, seed);
	for (unsigned round = 0; got < len && round < 100000; round++) {
		bool moved = false;
		if (sent < len && net_send(&pair.a, x, out + sent, len - sent,
					   &k) == MLK_OK) {
			sent += k;
			moved = k > 0;
		}
		moved |= net_pair_pump(&pair, 1000) > 0;
		while (net_recv(&pair.b, y, in + got, len - got, &k) ==
			       MLK_OK &&
		       k > 0) {
			got += k;
			moved = true;
		}
		if (!moved) {
			ck_assert_uint_lt(++idle, 200);
			net_pair_advance(&pair, NS_PER_S);
		}
	}
	ck_assert_uint_eq(got, len);
	ck_assert_mem_eq(in, out, len);
}

START_TEST(handshake_data_close)
{
	struct net_sock *c, *s;
	uint8_t buf[64];
	size_t k;

	net_pair_init(&pair);
	connect_pair(&c, &s);
	ck_assert_uint_eq(c->tcb.mss, TCP_MSS_OURS);
	transfer(c, s, 1000, 1);
	/* A closes first: FIN_WAIT_2, then TIME_WAIT once B closes. */
	net_close(&pair.a, c);
	net_pair_pump(&pair, 100);
	ck_assert_int_eq(c->state, TCP_FIN_WAIT_2);
	ck_assert_int_eq(s->state, TCP_CLOSE_WAIT);
	ck_assert_int_eq(net_recv(&pair.b, s, buf, sizeof(buf), &k), MLK_OK);
	ck_assert_uint_eq(k, 0); /* end of stream */
	ck_assert(net_ready(&pair.b, s) & MLK_NET_READABLE);
	net_close(&pair.b, s);
	net_pair_pump(&pair, 100);
	ck_assert_int_eq(c->state, TCP_TIME_WAIT);
	ck_assert(!s->used); /* LAST_ACK acknowledged: gone */
	net_pair_advance(&pair, 2 * TCP_MSL + NS_PER_S);
	ck_assert(!c->used);
}
END_TEST

static bool drop_every_7th(const struct wire *w, unsigned k, void *ctx)
{
	return k % 7 == 0;
}

START_TEST(bulk_with_loss)
{
	struct net_sock *c, *s;

	net_pair_init(&pair);
	connect_pair(&c, &s);
	pair.drop = drop_every_7th;
	transfer(c, s, 300000, 2);
	ck_assert_uint_gt(pair.a.cnt.tcp_retransmits +
				  pair.a.cnt.tcp_fast_retransmits,
			  0);
}
END_TEST

static unsigned drop_once_at;
static bool drop_one(const struct wire *w, unsigned k, void *ctx)
{
	return ctx == w && k == drop_once_at;
}

START_TEST(fast_retransmit)
{
	struct net_sock *c, *s;

	net_pair_init(&pair);
	connect_pair(&c, &s);
	pair.drop = drop_one;
	pair.drop_ctx = &pair.to_b;
	drop_once_at = pair.to_b.sent + 3; /* a data segment mid-window */
	transfer(c, s, 60000, 3);
	ck_assert_uint_ge(pair.a.cnt.tcp_fast_retransmits, 1);
}
END_TEST

START_TEST(out_of_order)
{
	struct net_sock *c, *s;

	net_pair_init(&pair);
	connect_pair(&c, &s);
	pair.reverse = true;
	transfer(c, s, 100000, 4);
}
END_TEST

START_TEST(zero_window_then_reader)
{
	struct net_sock *c, *s;
	static uint8_t big[3 * TCP_BUF_SIZE], in[3 * TCP_BUF_SIZE];
	size_t k, sent = 0, got = 0;

	net_pair_init(&pair);
	connect_pair(&c, &s);
	fill(big, sizeof(big), 5);
	/* B reads nothing: its window closes, A's buffer fills. */
	for (int i = 0; i < 10; i++) {
		if (net_send(&pair.a, c, big + sent, sizeof(big) - sent, &k) ==
		    MLK_OK)
			sent += k;
		net_pair_pump(&pair, 1000);
	}
	ck_assert_uint_eq(s->tcb.rlen, TCP_BUF_SIZE);
	ck_assert_uint_eq(c->tcb.snd_wnd, 0);
	ck_assert_int_eq(net_send(&pair.a, c, big, 1, &k), MLK_ERR_UNAVAILABLE);
	ck_assert(!(net_ready(&pair.a, c) & MLK_NET_WRITABLE));
	/* Probes while closed keep the connection, however long. */
	for (int i = 0; i < 20; i++)
		net_pair_advance(&pair, 10 * NS_PER_S);
	ck_assert_int_eq(c->state, TCP_ESTABLISHED);
	ck_assert_int_eq(c->error, MLK_OK);
	/* B reads: the window opens and the rest flows. */
	for (unsigned r = 0; got < sizeof(big) && r < 10000; r++) {
		if (sent < sizeof(big) &&
		    net_send(&pair.a, c, big + sent, sizeof(big) - sent, &k) ==
			    MLK_OK)
			sent += k;
		while (net_recv(&pair.b, s, in + got, sizeof(in) - got, &k) ==
			       MLK_OK &&
		       k)
			got += k;
		if (!net_pair_pump(&pair, 1000))
			net_pair_advance(&pair, NS_PER_S);
	}
	ck_assert_uint_eq(got, sizeof(big));
	ck_assert_mem_eq(in, big, sizeof(big));
}
END_TEST

START_TEST(refused)
{
	struct net_sock *c;
	uint8_t buf[4];
	size_t k;

	net_pair_init(&pair);
	ck_assert_int_eq(net_socket(&pair.a, MLK_NET_TCP, OWNER, &c), MLK_OK);
	ck_assert_int_eq(net_connect(&pair.a, c, PAIR_B, 81), MLK_OK);
	net_pair_pump(&pair, 100);
	ck_assert_uint_eq(pair.b.cnt.tcp_resets_sent, 1);
	ck_assert_int_eq(net_connected(c), MLK_ERR_PEER_CLOSED);
	ck_assert_int_eq(net_recv(&pair.a, c, buf, 4, &k), MLK_ERR_PEER_CLOSED);
	ck_assert(net_ready(&pair.a, c) & MLK_NET_FAILED);
	net_close(&pair.a, c);
	ck_assert(!c->used);
}
END_TEST

static bool drop_all_to_b(const struct wire *w, unsigned k, void *ctx)
{
	return w == ctx;
}

START_TEST(peer_never_answers)
{
	struct net_sock *c, *s;

	net_pair_init(&pair);
	connect_pair(&c, &s);
	pair.drop = drop_all_to_b;
	pair.drop_ctx = &pair.to_b;
	uint8_t byte = 1;
	size_t k;
	ck_assert_int_eq(net_send(&pair.a, c, &byte, 1, &k), MLK_OK);
	/* RFC 6298: the RTO doubles up to 60 s; seven tries, then gone. */
	uint64_t rto_before = c->tcb.rto;
	net_pair_advance(&pair, c->tcb.rto);
	ck_assert_uint_eq(c->tcb.rto, 2 * rto_before);
	for (int i = 0; i < 60 && c->state != TCP_CLOSED; i++)
		net_pair_advance(&pair, 10 * NS_PER_S);
	ck_assert_int_eq(c->state, TCP_CLOSED);
	ck_assert_int_eq(c->error, MLK_ERR_TIMED_OUT);
	ck_assert_uint_eq(pair.a.cnt.tcp_retransmits, TCP_MAX_RETRIES);
}
END_TEST

/* Each side knows the other's MAC (an ARP entry holds one frame). */
static void resolve_both(void)
{
	int slot;

	ck_assert_int_eq(icmp_ping(&pair.a, PAIR_B, 1, 8, &slot), MLK_OK);
	net_pair_pump(&pair, 100);
	ck_assert(pair.a.pings[slot].answered);
	pair.a.pings[slot].busy = false;
}

START_TEST(backlog_and_syn_flood)
{
	struct net_sock *l, *c[4], *x;

	net_pair_init(&pair);
	ck_assert_int_eq(net_socket(&pair.b, MLK_NET_TCP, OWNER, &l), MLK_OK);
	ck_assert_int_eq(net_bind(&pair.b, l, MLK_NET_ANY, PORT), MLK_OK);
	ck_assert_int_eq(net_listen(&pair.b, l, 2), MLK_OK);
	ck_assert_int_eq(net_accept(&pair.b, l, OWNER, &x),
			 MLK_ERR_UNAVAILABLE);
	resolve_both();
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(net_socket(&pair.a, MLK_NET_TCP, OWNER, &c[i]),
				 MLK_OK);
		ck_assert_int_eq(net_connect(&pair.a, c[i], PAIR_B, PORT),
				 MLK_OK);
	}
	net_pair_pump(&pair, 100);
	ck_assert_uint_eq(pair.b.cnt.syn_dropped, 2);
	ck_assert_int_eq(net_accept(&pair.b, l, OWNER, &x), MLK_OK);
	ck_assert_uint_eq(x->rport, c[0]->lport);
	ck_assert_int_eq(net_accept(&pair.b, l, OWNER, &x), MLK_OK);
	ck_assert_uint_eq(x->rport, c[1]->lport);
	/* Room again: the others get in when their SYN comes again. */
	net_pair_advance(&pair, TCP_RTO_INITIAL);
	ck_assert_int_eq(net_accept(&pair.b, l, OWNER, &x), MLK_OK);
	ck_assert_int_eq(net_accept(&pair.b, l, OWNER, &x), MLK_OK);
	/* Half-open children of a flood go after their SYN-ACK retries. */
	pair.drop = drop_all_to_b;
	pair.drop_ctx = &pair.to_b;
	struct net_sock *d;
	ck_assert_int_eq(net_socket(&pair.a, MLK_NET_TCP, OWNER, &d), MLK_OK);
	ck_assert_int_eq(net_connect(&pair.a, d, PAIR_B, PORT), MLK_OK);
	pair.drop = NULL;
	net_pair_pump(&pair, 1); /* the SYN reaches B, nothing comes back */
	wire_clear(&pair.to_a);
	unsigned before = 0;
	for (unsigned i = 0; i < NET_SOCKETS; i++)
		before += pair.b.socks[i].used &&
			  pair.b.socks[i].state == TCP_SYN_RECEIVED;
	ck_assert_uint_eq(before, 1);
	pair.drop = drop_all_to_b;
	pair.drop_ctx = &pair.to_a;
	for (int i = 0; i < 30; i++)
		net_pair_advance(&pair, 2 * NS_PER_S);
	for (unsigned i = 0; i < NET_SOCKETS; i++)
		ck_assert(!(pair.b.socks[i].used &&
			    pair.b.socks[i].state == TCP_SYN_RECEIVED));
}
END_TEST

/* A segment from B's address to A built by hand. */
static size_t segment(uint8_t *f, uint16_t dport, uint8_t flags,
		      const uint8_t *opts, unsigned optlen, uint8_t doff)
{
	uint8_t *ip = f + ETH_HLEN, *t = f + L4_OFF;
	size_t tlen = TCP_HLEN + optlen;

	memset(f, 0, L4_OFF + tlen);
	memcpy(f, pair.a.mac, 6);
	memcpy(f + 6, pair.b.mac, 6);
	put16(f + 12, ETH_TYPE_IPV4);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(IP_HLEN + tlen));
	ip[8] = 64;
	ip[9] = IP_PROTO_TCP;
	put32(ip + 12, PAIR_B);
	put32(ip + 16, PAIR_A);
	put16(ip + 10, csum(ip, IP_HLEN));
	put16(t, 5555);
	put16(t + 2, dport);
	put32(t + 4, 1000);
	t[12] = (uint8_t)(doff << 4);
	t[13] = flags;
	put16(t + 14, 1000);
	if (optlen)
		memcpy(t + TCP_HLEN, opts, optlen);
	put16(t + 16, csum_pseudo(PAIR_B, PAIR_A, IP_PROTO_TCP, t, tlen));
	return L4_OFF + tlen;
}

START_TEST(bad_segments_dropped)
{
	uint8_t f[ETH_FRAME_MAX];
	static const uint8_t past_end[4] = { TCP_OPT_NOP, TCP_OPT_MSS, 4, 5 };
	static const uint8_t zero_len[4] = { 8, 0, 0, 0 };
	static const uint8_t mss_536[4] = { TCP_OPT_MSS, 4, 2, 24 };
	struct net_sock *l;
	size_t len;

	net_pair_init(&pair);
	ck_assert_int_eq(net_socket(&pair.a, MLK_NET_TCP, OWNER, &l), MLK_OK);
	ck_assert_int_eq(net_bind(&pair.a, l, MLK_NET_ANY, 80), MLK_OK);
	ck_assert_int_eq(net_listen(&pair.a, l, 4), MLK_OK);
	/* An option that runs past the header. */
	len = segment(f, 80, TCP_SYN, past_end, 4, 6);
	net_input(&pair.a, f, len);
	/* An option of length 0 (it would never end). */
	len = segment(f, 80, TCP_SYN, zero_len, 4, 6);
	net_input(&pair.a, f, len);
	/* A data offset below 5 and one past the segment. */
	len = segment(f, 80, TCP_SYN, NULL, 0, 4);
	net_input(&pair.a, f, len);
	len = segment(f, 80, TCP_SYN, NULL, 0, 15);
	net_input(&pair.a, f, len);
	/* A bad checksum. */
	len = segment(f, 80, TCP_SYN, NULL, 0, 5);
	f[L4_OFF + 16] ^= 1;
	net_input(&pair.a, f, len);
	ck_assert_uint_eq(pair.a.cnt.tcp_bad, 5);
	ck_assert_uint_eq(pair.to_b.count, 0);
	/* A good SYN with MSS 536: a child that sends at most that. */
	len = segment(f, 80, TCP_SYN, mss_536, 4, 6);
	net_input(&pair.a, f, len);
	ck_assert_uint_eq(pair.to_b.count, 1); /* ARP request for B */
	bool found = false;
	for (unsigned i = 0; i < NET_SOCKETS; i++)
		if (pair.a.socks[i].used && pair.a.socks[i].parent >= 0) {
			ck_assert_uint_eq(pair.a.socks[i].tcb.mss, 536);
			found = true;
		}
	ck_assert(found);
	/* A stray ACK to a closed port: a reset, SEQ = its ACK. */
	net_pair_pump(&pair, 10);
	wire_clear(&pair.to_b);
	len = segment(f, 81, TCP_ACK, NULL, 0, 5);
	put32(f + L4_OFF + 8, 4242);
	put16(f + L4_OFF + 16, 0);
	put16(f + L4_OFF + 16,
	      csum_pseudo(PAIR_B, PAIR_A, IP_PROTO_TCP, f + L4_OFF, TCP_HLEN));
	net_input(&pair.a, f, len);
	ck_assert_uint_eq(pair.to_b.count, 1);
	const uint8_t *rst = pair.to_b.frame[0] + L4_OFF;
	ck_assert_uint_eq(rst[13], TCP_RST);
	ck_assert_uint_eq(get32(rst + 4), 4242);
}
END_TEST

/* Segments to a listener that carry no SYN belong to no connection:
 * counted as no_port, an ACK answered with a reset, a RST or a bare
 * segment with nothing. */
START_TEST(listener_drops_segments_without_syn)
{
	uint8_t f[ETH_FRAME_MAX];
	struct net_sock *l;
	size_t len;

	net_pair_init(&pair);
	resolve_both();
	ck_assert_int_eq(net_socket(&pair.a, MLK_NET_TCP, OWNER, &l), MLK_OK);
	ck_assert_int_eq(net_bind(&pair.a, l, MLK_NET_ANY, 80), MLK_OK);
	ck_assert_int_eq(net_listen(&pair.a, l, 4), MLK_OK);
	wire_clear(&pair.to_b);
	len = segment(f, 80, TCP_RST, NULL, 0, 5);
	net_input(&pair.a, f, len);
	len = segment(f, 80, TCP_FIN, NULL, 0, 5);
	net_input(&pair.a, f, len);
	ck_assert_uint_eq(pair.a.cnt.no_port, 2);
	ck_assert_uint_eq(pair.to_b.count, 0);
	len = segment(f, 80, TCP_ACK, NULL, 0, 5);
	net_input(&pair.a, f, len);
	ck_assert_uint_eq(pair.a.cnt.no_port, 3);
	ck_assert_uint_eq(pair.to_b.count, 1);
	ck_assert_uint_eq(pair.to_b.frame[0][L4_OFF + 13], TCP_RST);
	for (unsigned i = 0; i < NET_SOCKETS; i++)
		ck_assert(!pair.a.socks[i].used || pair.a.socks[i].parent < 0);
}
END_TEST

START_TEST(rto_estimator)
{
	struct tcp_cb t = { .rto = TCP_RTO_INITIAL };

	/* RFC 6298 2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4 RTTVAR. */
	tcp_rto_sample(&t, 2 * NS_PER_S);
	ck_assert_uint_eq(t.srtt, 2 * NS_PER_S);
	ck_assert_uint_eq(t.rttvar, NS_PER_S);
	ck_assert_uint_eq(t.rto, 6 * NS_PER_S);
	/* 2.3 */
	tcp_rto_sample(&t, 2 * NS_PER_S);
	ck_assert_uint_eq(t.rttvar, 3 * NS_PER_S / 4);
	ck_assert_uint_eq(t.rto, 5 * NS_PER_S);
	/* 2.4: never under a second. */
	for (int i = 0; i < 50; i++)
		tcp_rto_sample(&t, NS_PER_MS);
	ck_assert_uint_eq(t.rto, TCP_RTO_MIN);
	/* 2.5: at most 60 s. */
	tcp_rto_sample(&t, 100 * NS_PER_S);
	ck_assert_uint_eq(t.rto, TCP_RTO_MAX);
}
END_TEST

START_TEST(shutdown_half_close)
{
	struct net_sock *c, *s;
	uint8_t buf[16];
	size_t k;

	net_pair_init(&pair);
	connect_pair(&c, &s);
	ck_assert_int_eq(net_shutdown(&pair.a, c, MLK_NET_SHUT_WR), MLK_OK);
	net_pair_pump(&pair, 100);
	ck_assert_int_eq(net_send(&pair.a, c, buf, 1, &k), MLK_ERR_BAD_STATE);
	ck_assert_int_eq(net_recv(&pair.b, s, buf, sizeof(buf), &k), MLK_OK);
	ck_assert_uint_eq(k, 0);
	/* B still sends; A still reads. */
	ck_assert_int_eq(net_send(&pair.b, s, (const uint8_t *)"late", 4, &k),
			 MLK_OK);
	net_pair_pump(&pair, 100);
	ck_assert_int_eq(net_recv(&pair.a, c, buf, sizeof(buf), &k), MLK_OK);
	ck_assert_uint_eq(k, 4);
	ck_assert_mem_eq(buf, "late", 4);
	ck_assert_int_eq(net_shutdown(&pair.a, c, 0), MLK_ERR_BAD_ARG(1));
}
END_TEST

START_TEST(close_with_unread_data_resets)
{
	struct net_sock *c, *s;
	size_t k;

	net_pair_init(&pair);
	connect_pair(&c, &s);
	ck_assert_int_eq(net_send(&pair.a, c, (const uint8_t *)"abc", 3, &k),
			 MLK_OK);
	net_pair_pump(&pair, 100);
	net_close(&pair.b, s);
	net_pair_pump(&pair, 100);
	ck_assert_int_eq(c->error, MLK_ERR_PEER_CLOSED);
}
END_TEST

START_TEST(bind_rules)
{
	struct net_sock *x, *y;

	net_pair_init(&pair);
	ck_assert_int_eq(net_socket(&pair.a, 9, OWNER, &x), MLK_ERR_BAD_ARG(0));
	ck_assert_int_eq(net_socket(&pair.a, MLK_NET_TCP, OWNER, &x), MLK_OK);
	ck_assert_int_eq(net_socket(&pair.a, MLK_NET_TCP, OWNER, &y), MLK_OK);
	ck_assert_int_eq(net_bind(&pair.a, x, 0x01020304, 80),
			 MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(net_bind(&pair.a, x, MLK_NET_ANY, 80), MLK_OK);
	ck_assert_int_eq(net_bind(&pair.a, x, MLK_NET_ANY, 81),
			 MLK_ERR_BAD_STATE);
	ck_assert_int_eq(net_bind(&pair.a, y, PAIR_A, 80), MLK_ERR_EXISTS);
	ck_assert_int_eq(net_listen(&pair.a, y, 1), MLK_ERR_BAD_STATE);
	ck_assert_int_eq(net_listen(&pair.a, x, 0), MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(net_listen(&pair.a, x, MLK_NET_BACKLOG_MAX + 1),
			 MLK_ERR_BAD_ARG(1));
	uint32_t id = net_sock_id(&pair.a, x);
	ck_assert_ptr_eq(net_sock_get(&pair.a, id, OWNER), x);
	ck_assert_ptr_null(net_sock_get(&pair.a, id, OWNER + 1));
	net_close(&pair.a, x);
	ck_assert_ptr_null(net_sock_get(&pair.a, id, OWNER));
	ck_assert_int_eq(net_bind(&pair.a, y, PAIR_A, 80), MLK_OK);
}
END_TEST

/* A segment of connection c (on A) from its peer s (on B), with an ACK
 * of everything A sent. */
static size_t peer_segment(uint8_t *f, const struct net_sock *c,
			   const struct net_sock *s, uint32_t seq,
			   uint8_t flags, const uint8_t *data, unsigned len)
{
	size_t n = segment(f, c->lport, flags, data, len, 5);
	uint8_t *t = f + L4_OFF;

	put16(t, s->lport);
	put32(t + 4, seq);
	put32(t + 8, c->tcb.snd_max);
	put16(t + 14, (uint16_t)c->tcb.snd_wnd);
	put16(t + 16, 0);
	put16(t + 16,
	      csum_pseudo(PAIR_B, PAIR_A, IP_PROTO_TCP, t, TCP_HLEN + len));
	return n;
}

/* More holes than out-of-order ranges are kept: the bytes at RCV.NXT
 * must still be taken (a far range gives way), or the connection stalls
 * on the segment the peer keeps sending again. */
START_TEST(in_order_data_with_every_range_held)
{
	uint8_t f[ETH_FRAME_MAX];
	static const uint8_t byte[1] = { 'x' };
	struct net_sock *c, *s;

	net_pair_init(&pair);
	connect_pair(&c, &s);
	uint32_t nxt = c->tcb.rcv_nxt;
	for (unsigned i = 1; i <= TCP_OOO_RANGES + 1; i++) {
		size_t len =
			peer_segment(f, c, s, nxt + 2 * i, TCP_ACK, byte, 1);
		net_input(&pair.a, f, len);
	}
	ck_assert_uint_eq(c->tcb.nooo, TCP_OOO_RANGES);
	ck_assert_uint_eq(c->tcb.rcv_nxt, nxt);
	size_t len = peer_segment(f, c, s, nxt, TCP_ACK, byte, 1);
	net_input(&pair.a, f, len);
	ck_assert_uint_eq(c->tcb.rcv_nxt, nxt + 1);
	ck_assert_uint_eq(c->tcb.rlen, 1);
}
END_TEST

/* Our FIN was sent, the timer sent the first segment again (which
 * takes back "FIN sent"), then the peer's ACK of everything, FIN
 * included, arrives: FIN_WAIT_1 must move on to FIN_WAIT_2. */
START_TEST(fin_acked_after_retransmission)
{
	uint8_t f[ETH_FRAME_MAX];
	static uint8_t data[3000];
	struct net_sock *c, *s;
	size_t k;

	net_pair_init(&pair);
	connect_pair(&c, &s);
	pair.drop = drop_all_to_b;
	pair.drop_ctx = &pair.to_b;
	ck_assert_int_eq(net_send(&pair.a, c, data, sizeof(data), &k), MLK_OK);
	ck_assert_uint_eq(k, sizeof(data));
	ck_assert_int_eq(net_shutdown(&pair.a, c, MLK_NET_SHUT_WR), MLK_OK);
	ck_assert(c->tcb.fin_sent);
	uint32_t all = c->tcb.snd_max;
	net_pair_advance(&pair, 2 * NS_PER_S); /* the RTO */
	ck_assert_uint_ge(pair.a.cnt.tcp_retransmits, 1);
	ck_assert_uint_eq(c->tcb.snd_max, all);
	size_t len = peer_segment(f, c, s, c->tcb.rcv_nxt, TCP_ACK, NULL, 0);
	net_input(&pair.a, f, len);
	ck_assert_uint_eq(c->tcb.snd_una, all);
	ck_assert_int_eq(c->state, TCP_FIN_WAIT_2);
}
END_TEST

static Suite *net_tcp_suite(void)
{
	Suite *s = suite_create("net_tcp");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, handshake_data_close);
	tcase_add_test(tc, bulk_with_loss);
	tcase_add_test(tc, fast_retransmit);
	tcase_add_test(tc, out_of_order);
	tcase_add_test(tc, zero_window_then_reader);
	tcase_add_test(tc, refused);
	tcase_add_test(tc, peer_never_answers);
	tcase_add_test(tc, backlog_and_syn_flood);
	tcase_add_test(tc, bad_segments_dropped);
	tcase_add_test(tc, rto_estimator);
	tcase_add_test(tc, shutdown_half_close);
	tcase_add_test(tc, close_with_unread_data_resets);
	tcase_add_test(tc, listener_drops_segments_without_syn);
	tcase_add_test(tc, bind_rules);
	tcase_add_test(tc, in_order_data_with_every_range_held);
	tcase_add_test(tc, fin_acked_after_retransmission);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run("net_tcp", net_tcp_suite());
}
