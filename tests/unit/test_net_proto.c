/*
 * Unit tests of the network stack's parsers and its protocols below TCP
 * (servers/net: checksum.c, eth.c, arp.c, ipv4.c, icmp.c, udp.c, dns.c,
 * resolver.c, dhcp.c) on the build machine, with synthetic frames.
 */
#include "unit.h"

#include "bytes.h"
#include "net_pair.h"

static struct net_pair pair;

START_TEST(checksum_rfc1071)
{
	/* RFC 1071 3's example: the sum of these words is 0xddf2. */
	static const uint8_t words[8] = { 0x00, 0x01, 0xf2, 0x03,
					  0xf4, 0xf5, 0xf6, 0xf7 };
	static const uint8_t odd[3] = { 0x12, 0x34, 0x56 };

	ck_assert_uint_eq(csum(words, 8), (uint16_t)~0xddf2);
	ck_assert_uint_eq(csum(odd, 3), (uint16_t) ~(0x1234 + 0x5600));
	ck_assert_uint_eq(csum(NULL, 0), 0xffff);
}
END_TEST

/* An IPv4 packet from B to A in f, with its protocol's payload. */
static size_t ip_frame(uint8_t *f, uint8_t proto, const uint8_t *payload,
		       size_t plen)
{
	uint8_t *ip = f + ETH_HLEN;

	memset(f, 0, L4_OFF);
	memcpy(f, pair.a.mac, 6);
	memcpy(f + 6, pair.b.mac, 6);
	put16(f + 12, ETH_TYPE_IPV4);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(IP_HLEN + plen));
	ip[8] = 64;
	ip[9] = proto;
	put32(ip + 12, PAIR_B);
	put32(ip + 16, PAIR_A);
	put16(ip + 10, csum(ip, IP_HLEN));
	memcpy(f + L4_OFF, payload, plen);
	return L4_OFF + plen;
}

static void reseal_ip(uint8_t *f)
{
	put16(f + ETH_HLEN + 10, 0);
	put16(f + ETH_HLEN + 10, csum(f + ETH_HLEN, IP_HLEN));
}

START_TEST(ethernet_and_ip_checks)
{
	uint8_t f[ETH_FRAME_MAX + 10], echo[16] = { 8, 0 };
	size_t len;

	net_pair_init(&pair);
	put16(echo + 2, csum(echo, sizeof(echo)));
	net_input(&pair.a, f, 10); /* short */
	len = ip_frame(f, IP_PROTO_ICMP, echo, sizeof(echo));
	put16(f + 12, 0x05dc); /* an 802.3 length, not a type */
	net_input(&pair.a, f, len);
	len = ip_frame(f, IP_PROTO_ICMP, echo, sizeof(echo));
	f[0] = 0x02; /* another station's MAC */
	net_input(&pair.a, f, len);
	net_input(&pair.a, f, ETH_FRAME_MAX + 1); /* too long */
	ck_assert_uint_eq(pair.a.cnt.eth_bad, 4);

	len = ip_frame(f, IP_PROTO_ICMP, echo, sizeof(echo));
	f[ETH_HLEN] = 0x65; /* version 6 */
	net_input(&pair.a, f, len);
	len = ip_frame(f, IP_PROTO_ICMP, echo, sizeof(echo));
	f[ETH_HLEN] = 0x44; /* a header of 16 bytes */
	reseal_ip(f);
	net_input(&pair.a, f, len);
	len = ip_frame(f, IP_PROTO_ICMP, echo, sizeof(echo));
	put16(f + ETH_HLEN + 2, 200); /* longer than the frame */
	reseal_ip(f);
	net_input(&pair.a, f, len);
	len = ip_frame(f, IP_PROTO_ICMP, echo, sizeof(echo));
	f[ETH_HLEN + 10] ^= 0xff; /* header checksum */
	net_input(&pair.a, f, len);
	len = ip_frame(f, IP_PROTO_ICMP, echo, sizeof(echo));
	put32(f + ETH_HLEN + 16, 0x0a000209); /* someone else's */
	reseal_ip(f);
	net_input(&pair.a, f, len);
	len = ip_frame(f, IP_PROTO_ICMP, echo, sizeof(echo));
	put32(f + ETH_HLEN + 12, IP_BROADCAST); /* from broadcast */
	reseal_ip(f);
	net_input(&pair.a, f, len);
	ck_assert_uint_eq(pair.a.cnt.ip_bad, 6);

	len = ip_frame(f, IP_PROTO_ICMP, echo, sizeof(echo));
	put16(f + ETH_HLEN + 6, 0x2000); /* more fragments */
	reseal_ip(f);
	net_input(&pair.a, f, len);
	put16(f + ETH_HLEN + 6, 0x0010); /* a later fragment */
	reseal_ip(f);
	net_input(&pair.a, f, len);
	ck_assert_uint_eq(pair.a.cnt.ip_frag, 2);
	ck_assert_uint_eq(pair.to_b.count, 0);

	/* The good one, with Ethernet padding after it, is answered. */
	len = ip_frame(f, IP_PROTO_ICMP, echo, sizeof(echo));
	net_input(&pair.a, f, len + 6);
	ck_assert_uint_eq(pair.to_b.count, 1); /* the ARP request first */
	net_pair_pump(&pair, 10);
	ck_assert_uint_eq(pair.a.cnt.icmp_bad, 0);
}
END_TEST

START_TEST(arp_cache)
{
	uint8_t f[ETH_FRAME_MAX];
	int slot;

	net_pair_init(&pair);
	ck_assert_ptr_null(arp_lookup(&pair.a, PAIR_B));
	ck_assert_int_eq(icmp_ping(&pair.a, PAIR_B, 7, 32, &slot), MLK_OK);
	ck_assert_uint_eq(pair.to_b.count, 1);
	ck_assert_uint_eq(get16(pair.to_b.frame[0] + 12), ETH_TYPE_ARP);
	net_pair_pump(&pair, 10);
	const struct arp_entry *e = arp_lookup(&pair.a, PAIR_B);
	ck_assert_ptr_nonnull(e);
	ck_assert(e->resolved);
	ck_assert_mem_eq(e->mac, pair.b.mac, 6);
	ck_assert(pair.a.pings[slot].answered);
	ck_assert_uint_eq(pair.a.pings[slot].bytes, 8 + 32);
	ck_assert_uint_eq(pair.a.pings[slot].ttl, IP_TTL);
	/* B learnt A from the request aimed at it. */
	ck_assert_ptr_nonnull(arp_lookup(&pair.b, PAIR_A));
	/* A bad ARP packet: another hardware type. */
	memset(f, 0, sizeof(f));
	memcpy(f, eth_broadcast, 6);
	put16(f + 12, ETH_TYPE_ARP);
	put16(f + 14, 6);
	net_input(&pair.a, f, ETH_HLEN + 28);
	net_input(&pair.a, f, ETH_HLEN + 20);
	ck_assert_uint_eq(pair.a.cnt.arp_bad, 2);
	/* Entries expire. */
	net_pair_advance(&pair, ARP_TTL_NS + NS_PER_S);
	ck_assert_ptr_null(arp_lookup(&pair.a, PAIR_B));
}
END_TEST

START_TEST(arp_unanswered)
{
	int slot;

	net_pair_init(&pair);
	ck_assert_int_eq(icmp_ping(&pair.a, 0x0a000209, 1, 0, &slot), MLK_OK);
	for (int i = 0; i < 5; i++) {
		wire_clear(&pair.to_b);
		pair.now += ARP_RETRY_NS;
		pair.a.now = pair.now;
		net_tick(&pair.a);
	}
	/* ARP_TRIES requests, then the held frame is dropped. */
	ck_assert_ptr_null(arp_lookup(&pair.a, 0x0a000209));
	ck_assert_uint_eq(pair.a.cnt.tx_dropped, 1);
	ck_assert_uint_eq(pair.to_b.sent, ARP_TRIES);
}
END_TEST

START_TEST(udp_datagrams)
{
	struct net_sock *x, *y;
	uint8_t buf[64], f[ETH_FRAME_MAX], big[MLK_NET_UDP_MAX + 1];
	size_t k;
	uint32_t addr;
	uint16_t port;

	net_pair_init(&pair);
	ck_assert_int_eq(net_socket(&pair.b, MLK_NET_UDP, 1, &y), MLK_OK);
	ck_assert_int_eq(net_bind(&pair.b, y, MLK_NET_ANY, 5000), MLK_OK);
	ck_assert_int_eq(net_socket(&pair.a, MLK_NET_UDP, 1, &x), MLK_OK);
	ck_assert_int_eq(net_recvfrom(&pair.a, x, buf, 64, &k, &addr, &port),
			 MLK_ERR_BAD_STATE);
	ck_assert_int_eq(net_sendto(&pair.a, x, big, sizeof(big), PAIR_B, 1),
			 MLK_ERR_TOO_BIG);
	ck_assert_int_eq(
		net_sendto(&pair.a, x, (const uint8_t *)"hi", 2, PAIR_B, 5000),
		MLK_OK);
	net_pair_pump(&pair, 10);
	ck_assert(net_ready(&pair.b, y) & MLK_NET_READABLE);
	ck_assert_int_eq(net_recvfrom(&pair.b, y, buf, 64, &k, &addr, &port),
			 MLK_OK);
	ck_assert_uint_eq(k, 2);
	ck_assert_uint_eq(addr, PAIR_A);
	ck_assert_uint_eq(port, x->lport);
	ck_assert_int_eq(net_recvfrom(&pair.b, y, buf, 64, &k, &addr, &port),
			 MLK_ERR_UNAVAILABLE);
	/* Bad checksum, length below the header, length past the packet,
	 * a port nobody has. */
	uint8_t u[12] = { 0x13, 0x88, 0x13, 0x88, 0, 12, 0x12, 0x34, 1, 2, 3 };
	size_t len = ip_frame(f, IP_PROTO_UDP, u, sizeof(u));
	net_input(&pair.a, f, len);
	put16(u + 4, 4);
	put16(u + 6, 0);
	len = ip_frame(f, IP_PROTO_UDP, u, sizeof(u));
	net_input(&pair.a, f, len);
	put16(u + 4, 40);
	len = ip_frame(f, IP_PROTO_UDP, u, sizeof(u));
	net_input(&pair.a, f, len);
	ck_assert_uint_eq(pair.a.cnt.udp_bad, 3);
	put16(u + 4, 12); /* no checksum: taken */
	len = ip_frame(f, IP_PROTO_UDP, u, sizeof(u));
	net_input(&pair.a, f, len);
	ck_assert_uint_eq(pair.a.cnt.no_port, 1);
}
END_TEST

/* An answer to query `id` for example.com: the question, a CNAME, then
 * an A record whose name points back at the question. */
static size_t dns_answer(uint8_t *m, uint16_t id, unsigned rcode)
{
	size_t k = dns_query_encode(m, 512, id, "www.example.com");

	put16(m + 2, (uint16_t)(0x8180 | rcode));
	put16(m + 6, 2);
	static const uint8_t cname[] = { 0xc0, 12, 0,  5, 0, 1,	   0,
					 0,    0,  60, 0, 2, 0xc0, 16 };
	memcpy(m + k, cname, sizeof(cname));
	k += sizeof(cname);
	static const uint8_t a[] = { 0xc0, 16, 0, 1, 0,	 1,   0,   0,
				     0,	   60, 0, 4, 93, 184, 216, 34 };
	memcpy(m + k, a, sizeof(a));
	return k + sizeof(a);
}

START_TEST(dns_messages)
{
	uint8_t m[512];
	uint32_t addr = 0;
	size_t len;

	len = dns_query_encode(m, sizeof(m), 0x1234, "www.example.com");
	ck_assert_uint_eq(len, 12 + 17 + 4);
	ck_assert_mem_eq(m + 12, "\3www\7example\3com\0", 17);
	ck_assert_uint_eq(dns_query_encode(m, sizeof(m), 1, "a..b"), 0);
	ck_assert_uint_eq(dns_query_encode(m, sizeof(m), 1, "bad name"), 0);
	ck_assert(!dns_name_ok(""));
	ck_assert(dns_name_ok("localhost"));

	len = dns_answer(m, 7, 0);
	ck_assert_int_eq(dns_answer_parse(m, len, 7, &addr), MLK_OK);
	ck_assert_uint_eq(addr, 0x5db8d822);
	ck_assert_int_eq(dns_answer_parse(m, len, 8, &addr),
			 MLK_ERR_BAD_FORMAT);
	for (size_t cut = 0; cut < len - 4; cut++) /* every truncation */
		ck_assert_int_ne(dns_answer_parse(m, cut, 7, &addr), MLK_OK);
	len = dns_answer(m, 7, 3);
	ck_assert_int_eq(dns_answer_parse(m, len, 7, &addr), MLK_ERR_NOT_FOUND);
	len = dns_answer(m, 7, 2);
	ck_assert_int_eq(dns_answer_parse(m, len, 7, &addr),
			 MLK_ERR_UNAVAILABLE);
	/* A pointer forwards (a loop in the making). */
	len = dns_answer(m, 7, 0);
	m[12 + 17 + 4 + 1] = 0xff;
	ck_assert_int_eq(dns_answer_parse(m, len, 7, &addr),
			 MLK_ERR_BAD_FORMAT);
}
END_TEST

/* B stands in for the DNS server: answer A's query on the wire, from
 * port sport; the port the last query went to. */
static uint16_t last_query_port;

static void serve_dns_from(uint16_t sport, unsigned rcode)
{
	uint8_t f[ETH_FRAME_MAX], ans[512];

	for (unsigned i = 0; i < pair.to_b.count; i++) {
		const uint8_t *q = pair.to_b.frame[i];
		if (get16(q + 12) != ETH_TYPE_IPV4 ||
		    q[ETH_HLEN + 9] != IP_PROTO_UDP)
			continue;
		const uint8_t *u = q + L4_OFF;
		uint16_t id = get16(u + UDP_HLEN);
		size_t alen = dns_answer(ans, id, rcode);
		uint8_t dgram[600];
		last_query_port = get16(u + 2);
		put16(dgram, sport);
		put16(dgram + 2, get16(u));
		put16(dgram + 4, (uint16_t)(UDP_HLEN + alen));
		put16(dgram + 6, 0);
		memcpy(dgram + UDP_HLEN, ans, alen);
		size_t len = ip_frame(f, IP_PROTO_UDP, dgram, UDP_HLEN + alen);
		net_input(&pair.a, f, len);
	}
	wire_clear(&pair.to_b);
}

static void serve_dns(unsigned rcode)
{
	serve_dns_from(DNS_PORT, rcode);
}

START_TEST(resolver)
{
	int slot;

	net_pair_init(&pair);
	ck_assert_int_eq(resolver_start(&pair.a, "10.0.2.2", &slot), MLK_OK);
	ck_assert(pair.a.queries[slot].done);
	ck_assert_uint_eq(pair.a.queries[slot].addr, PAIR_B);
	pair.a.queries[slot].busy = false;
	ck_assert_int_eq(resolver_start(&pair.a, "-bad name-", &slot),
			 MLK_ERR_BAD_NAME);
	/* Through the server, B, whose MAC A learns first. */
	ck_assert_int_eq(icmp_ping(&pair.a, PAIR_B, 1, 0, &slot), MLK_OK);
	net_pair_pump(&pair, 10);
	pair.a.pings[slot].busy = false;
	ck_assert_int_eq(resolver_start(&pair.a, "www.example.com", &slot),
			 MLK_OK);
	serve_dns(0);
	ck_assert(pair.a.queries[slot].done);
	ck_assert_int_eq(pair.a.queries[slot].status, MLK_OK);
	ck_assert_uint_eq(pair.a.queries[slot].addr, 0x5db8d822);
	pair.a.queries[slot].busy = false;
	ck_assert_int_eq(resolver_start(&pair.a, "nx.example", &slot), MLK_OK);
	serve_dns(3);
	ck_assert_int_eq(pair.a.queries[slot].status, MLK_ERR_NOT_FOUND);
	pair.a.queries[slot].busy = false;
	/* No answer: three tries a second apart, then TIMED_OUT. */
	ck_assert_int_eq(resolver_start(&pair.a, "slow.example", &slot),
			 MLK_OK);
	for (int i = 0; i < 4; i++)
		net_pair_advance(&pair, NS_PER_S);
	ck_assert(pair.a.queries[slot].done);
	ck_assert_int_eq(pair.a.queries[slot].status, MLK_ERR_TIMED_OUT);
	/* No server. */
	pair.a.dns = 0;
	pair.a.queries[slot].busy = false;
	ck_assert_int_eq(resolver_start(&pair.a, "x.example", &slot),
			 MLK_ERR_UNAVAILABLE);
}
END_TEST

/* A server on another port than 53 (--dns=A.B.C.D:PORT): queries go
 * there, and only its answers count. */
START_TEST(resolver_on_another_port)
{
	int slot;

	net_pair_init(&pair);
	ck_assert_int_eq(icmp_ping(&pair.a, PAIR_B, 1, 0, &slot), MLK_OK);
	net_pair_pump(&pair, 10);
	pair.a.pings[slot].busy = false;
	pair.a.dns_server_port = 5353;
	ck_assert_int_eq(resolver_start(&pair.a, "www.example.com", &slot),
			 MLK_OK);
	serve_dns_from(DNS_PORT, 0);
	ck_assert_uint_eq(last_query_port, 5353);
	ck_assert(!pair.a.queries[slot].done);
	/* The query again a second later, answered from 5353. */
	pair.a.now += NS_PER_S;
	net_tick(&pair.a);
	serve_dns_from(5353, 0);
	ck_assert(pair.a.queries[slot].done);
	ck_assert_int_eq(pair.a.queries[slot].status, MLK_OK);
	ck_assert_uint_eq(pair.a.queries[slot].addr, 0x5db8d822);
}
END_TEST

/* The static settings of the arguments and /etc/net.conf (config.c). */
START_TEST(static_settings)
{
	struct net_config c = { 0 };

	ck_assert_int_eq(config_parse("--addr=10.0.2.15/16", &c), MLK_OK);
	ck_assert_uint_eq(c.addr, 0x0a00020f);
	ck_assert_uint_eq(c.mask, 0xffff0000u);
	ck_assert_int_eq(config_parse("addr=10.0.2.16", &c), MLK_OK);
	ck_assert_uint_eq(c.mask, 0xffffff00u); /* /24 unless said */
	ck_assert_int_eq(config_parse("addr=1.2.3.4/32", &c), MLK_OK);
	ck_assert_uint_eq(c.mask, 0xffffffffu);
	ck_assert_int_eq(config_parse("gateway=10.0.2.2", &c), MLK_OK);
	ck_assert_uint_eq(c.gateway, 0x0a000202);
	ck_assert_int_eq(config_parse("dns=10.0.2.3", &c), MLK_OK);
	ck_assert_uint_eq(c.dns, 0x0a000203);
	ck_assert_uint_eq(c.dns_port, DNS_PORT);
	ck_assert_int_eq(config_parse("--dns=10.0.2.2:5353", &c), MLK_OK);
	ck_assert_uint_eq(c.dns, 0x0a000202);
	ck_assert_uint_eq(c.dns_port, 5353);
	/* Nothing said. */
	ck_assert_int_eq(config_parse("", &c), MLK_ERR_NOT_FOUND);
	ck_assert_int_eq(config_parse("# addr=1.2.3.4", &c), MLK_ERR_NOT_FOUND);
	ck_assert_int_eq(config_parse("--dhcp", &c), MLK_ERR_NOT_FOUND);
	/* Refused, each for its own reason. */
	static const char *const bad[] = {
		"addr=10.0.2",	       "addr=10.0.2.256",    "addr=10.0.2.15/0",
		"addr=10.0.2.15/33",   "addr=10.0.2.15/",    "addr=10.0.2.15x",
		"gateway=10.0.2.2/24", "gateway=",	     "dns=10.0.2.3:",
		"dns=10.0.2.3:0",      "dns=10.0.2.3:65536", "dns=10.0.2.3:53x",
		"dns=1.2.3.4/8",       "mtu=1500",	     "addr",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(config_parse(bad[i], &c) == MLK_ERR_BAD_FORMAT,
			      "%s", bad[i]);
}
END_TEST

/* A DHCP reply of `type` to A's latest request, as QEMU's slirp sends. */
static void dhcp_reply(uint8_t type, uint32_t yiaddr, bool end)
{
	uint8_t m[300], f[ETH_FRAME_MAX], dgram[400];
	size_t k = 236;

	memset(m, 0, sizeof(m));
	m[0] = 2;
	m[1] = 1;
	m[2] = 6;
	put32(m + 4, pair.a.dhcp.xid);
	put32(m + 16, yiaddr);
	memcpy(m + 28, pair.a.mac, 6);
	put32(m + k, 0x63825363u);
	k += 4;
	uint8_t opts[] = { 53,	1,   type, 54, 4, 10, 0,  2, 2, 1,    4,
			   255, 255, 255,  0,  3, 4,  10, 0, 2, 2,    6,
			   4,	10,  0,	   2,  3, 51, 4,  0, 0, 0x0e, 0x10 };
	memcpy(m + k, opts, sizeof(opts));
	k += sizeof(opts);
	if (end)
		m[k++] = 255;
	put16(dgram, DHCP_SERVER_PORT);
	put16(dgram + 2, DHCP_CLIENT_PORT);
	put16(dgram + 4, (uint16_t)(UDP_HLEN + k));
	put16(dgram + 6, 0);
	memcpy(dgram + UDP_HLEN, m, k);
	size_t len = ip_frame(f, IP_PROTO_UDP, dgram, UDP_HLEN + k);
	put32(f + ETH_HLEN + 16, IP_BROADCAST);
	reseal_ip(f);
	net_input(&pair.a, f, len);
}

START_TEST(dhcp_lease)
{
	net_pair_init(&pair);
	net_set_address(&pair.a, 0, 0, 0, 0, NET_UNCONFIGURED);
	dhcp_start(&pair.a);
	ck_assert_uint_eq(pair.a.config, NET_DHCP);
	ck_assert_uint_eq(pair.to_b.count, 1); /* DISCOVER, broadcast */
	ck_assert_mem_eq(pair.to_b.frame[0], eth_broadcast, 6);
	dhcp_reply(2, 0x0a00020f, false); /* options without an END */
	ck_assert_uint_eq(pair.a.cnt.udp_bad, 1);
	dhcp_reply(2, 0x0a00020f, true);       /* OFFER */
	ck_assert_uint_eq(pair.to_b.count, 2); /* REQUEST */
	dhcp_reply(5, 0x0a00020f, true);       /* ACK */
	ck_assert_uint_eq(pair.a.config, NET_LEASED);
	ck_assert_uint_eq(pair.a.addr, 0x0a00020f);
	ck_assert_uint_eq(pair.a.mask, 0xffffff00u);
	ck_assert_uint_eq(pair.a.gateway, 0x0a000202);
	ck_assert_uint_eq(pair.a.dns, 0x0a000203);
	/* T1 is half the lease (3600 s): a REQUEST again. */
	wire_clear(&pair.to_b);
	pair.now += 1801 * NS_PER_S;
	pair.a.now = pair.now;
	net_tick(&pair.a);
	ck_assert_uint_eq(pair.to_b.count, 1);
	ck_assert_uint_eq(pair.a.addr, 0x0a00020f);
}
END_TEST

static Suite *net_proto_suite(void)
{
	Suite *s = suite_create("net_proto");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, checksum_rfc1071);
	tcase_add_test(tc, ethernet_and_ip_checks);
	tcase_add_test(tc, arp_cache);
	tcase_add_test(tc, arp_unanswered);
	tcase_add_test(tc, udp_datagrams);
	tcase_add_test(tc, dns_messages);
	tcase_add_test(tc, resolver);
	tcase_add_test(tc, resolver_on_another_port);
	tcase_add_test(tc, static_settings);
	tcase_add_test(tc, dhcp_lease);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run("net_proto", net_proto_suite());
}
