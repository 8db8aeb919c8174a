/*
 * libFuzzer harness of the network stack (servers/net/): the input is a
 * run of frames, each a 2-byte big-endian length and its bytes, fed to
 * a stack at 10.0.2.15 with a TCP listener on port 80, a connection it
 * opened to 10.0.2.2:7 and a UDP socket on 53; the clock moves between
 * frames by the length's low bits in milliseconds.  Besides memory
 * safety it checks that nothing sent is larger than a frame, and that
 * every connection's buffers and out-of-order ranges stay within their
 * sizes.
 */
#include <stdlib.h>
#include <string.h>

#include "net.h"
#include "sock.h"
#include "tcp.h"

static bool sent_ok(void *ctx, const uint8_t *frame, size_t len)
{
	if (len < ETH_HLEN || len > ETH_FRAME_MAX)
		abort();
	return true;
}

static void check(const struct net *n)
{
	for (unsigned i = 0; i < NET_SOCKETS; i++) {
		const struct net_sock *s = &n->socks[i];
		const struct tcp_cb *t = &s->tcb;
		if (!s->used || s->type != MLK_NET_TCP)
			continue;
		if (t->rlen > TCP_BUF_SIZE || t->slen > TCP_BUF_SIZE ||
		    t->nooo > TCP_OOO_RANGES)
			abort();
		for (unsigned k = 0; k < t->nooo; k++)
			if (t->ooo[k].start >= t->ooo[k].end ||
			    t->rlen + t->ooo[k].end > TCP_BUF_SIZE)
				abort();
	}
}

static void teardown(struct net *n)
{
	for (unsigned i = 0; i < NET_SOCKETS; i++)
		if (n->socks[i].used)
			sock_free(n, &n->socks[i]);
	for (unsigned i = 0; i < ARP_ENTRIES; i++)
		free(n->arp[i].held);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t mac[ETH_ALEN] = {
		0x52, 0x54, 0, 0x12, 0x34, 0x56
	};
	static struct net n;
	struct net_sock *l, *c, *u;

	memset(&n, 0, sizeof(n));
	net_init(&n, mac, 42);
	n.send_frame = sent_ok;
	n.now = 1000 * NS_PER_S;
	net_set_address(&n, 0x0a00020f, 0xffffff00u, 0x0a000202, 0x0a000203,
			NET_STATIC);
	net_socket(&n, MLK_NET_TCP, 1, &l);
	net_bind(&n, l, MLK_NET_ANY, 80);
	net_listen(&n, l, 4);
	net_socket(&n, MLK_NET_UDP, 1, &u);
	net_bind(&n, u, MLK_NET_ANY, 53);
	net_socket(&n, MLK_NET_TCP, 1, &c);
	net_connect(&n, c, 0x0a000202, 7);
	while (size >= 2) {
		size_t len = (size_t)(data[0] << 8 | data[1]);
		data += 2;
		size -= 2;
		if (len > size)
			len = size;
		/* The frame in a buffer of its own size: ASan sees reads
		 * past it. */
		uint8_t *frame = malloc(len ? len : 1);
		memcpy(frame, data, len);
		net_input(&n, frame, len);
		free(frame);
		data += len;
		size -= len;
		n.now += (uint64_t)(len & 0xff) * NS_PER_MS * 64;
		net_tick(&n);
		check(&n);
	}
	teardown(&n);
	return 0;
}
