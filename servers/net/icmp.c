/*
 * ICMP (RFC 792): echo requests are answered with the same identifier,
 * sequence number and data (RFC 1122 3.2.2.6), unless sent to a
 * broadcast address (3.2.2.6 allows silence, which avoids smurf
 * amplification); echo replies are matched to the pings waiting (MLK_NET_PING).
 * Messages shorter than their header or with a bad checksum are
 * counted and dropped; other types are ignored.
 */
#include <string.h>

#include "bytes.h"
#include "net.h"

#define ICMP_ECHO_REPLY 0
#define ICMP_ECHO_REQUEST 8
#define ICMP_HLEN 8
#define PING_ID 0x4d4cu /* "ML" */

static void answer_echo(struct net *n, const struct ip_hdr *ip,
			const uint8_t *p, size_t len)
{
	uint8_t f[ETH_FRAME_MAX];
	uint8_t *q = f + L4_OFF;

	if (ip->dst != n->addr || len > L4_MAX)
		return;
	memcpy(q, p, len);
	q[0] = ICMP_ECHO_REPLY;
	q[1] = 0;
	put16(q + 2, 0);
	put16(q + 2, csum(q, len));
	ip_send(n, n->addr, ip->src, IP_PROTO_ICMP, f, len);
}

static void take_reply(struct net *n, const struct ip_hdr *ip, const uint8_t *p,
		       size_t len)
{
	uint16_t id = get16(p + 4), seq = get16(p + 6);

	for (unsigned i = 0; i < NET_PINGS; i++) {
		struct net_ping *g = &n->pings[i];
		if (!g->busy || g->answered || g->dst != ip->src ||
		    g->id != id || g->seq != seq)
			continue;
		g->answered = true;
		g->rtt = n->now - g->sent;
		g->bytes = (uint32_t)len;
		g->ttl = ip->ttl;
		return;
	}
}

void icmp_input(struct net *n, const struct ip_hdr *ip, const uint8_t *p,
		size_t len)
{
	if (len < ICMP_HLEN || csum(p, len) != 0) {
		n->cnt.icmp_bad++;
		return;
	}
	if (p[0] == ICMP_ECHO_REQUEST && p[1] == 0)
		answer_echo(n, ip, p, len);
	else if (p[0] == ICMP_ECHO_REPLY && p[1] == 0)
		take_reply(n, ip, p, len);
}

/* Send an echo request; *slot names the ping in n->pings, which the
 * caller frees (busy = false) once it has the answer or gave up. */
mlk_status_t icmp_ping(struct net *n, uint32_t dst, uint16_t seq, unsigned size,
		       int *slot)
{
	uint8_t f[ETH_FRAME_MAX];
	uint8_t *q = f + L4_OFF;
	unsigned i;

	if (size > MLK_NET_PING_MAX)
		return MLK_ERR_TOO_BIG;
	if (!n->addr)
		return MLK_ERR_NOT_FOUND;
	for (i = 0; i < NET_PINGS && n->pings[i].busy; i++)
		;
	if (i == NET_PINGS)
		return MLK_ERR_NO_RESOURCES;
	q[0] = ICMP_ECHO_REQUEST;
	q[1] = 0;
	put16(q + 2, 0);
	put16(q + 4, (uint16_t)(PING_ID + i));
	put16(q + 6, seq);
	for (unsigned k = 0; k < size; k++)
		q[ICMP_HLEN + k] = (uint8_t)k;
	put16(q + 2, csum(q, ICMP_HLEN + size));
	n->pings[i] = (struct net_ping){ .busy = true,
					 .dst = dst,
					 .id = (uint16_t)(PING_ID + i),
					 .seq = seq,
					 .sent = n->now };
	ip_send(n, n->addr, dst, IP_PROTO_ICMP, f, ICMP_HLEN + size);
	*slot = (int)i;
	return MLK_OK;
}
