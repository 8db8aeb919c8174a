/*
 * UDP (RFC 768, RFC 1122 4.1): a length field between 8 and the IP
 * payload's (anything after it is ignored), a checksum over the
 * pseudo-header unless it is 0 (none sent; RFC 768).  A datagram goes to
 * the stack's own ports first (DHCP's, the resolver's), then to the
 * socket bound to its port; without one it is counted as no_port (no
 * ICMP port unreachable: scanners learn less).  A socket's queue holds
 * UDP_QUEUE datagrams; more are dropped.
 */
#include <string.h>

#include "bytes.h"
#include "net.h"

static void queue(struct net_sock *s, uint32_t src, uint16_t sport,
		  const uint8_t *data, size_t len)
{
	if (s->shut_rd || s->dcount == UDP_QUEUE)
		return;
	struct udp_datagram *d =
		&s->dgrams[(s->dfirst + s->dcount++) % UDP_QUEUE];
	d->addr = src;
	d->port = sport;
	d->len = (uint16_t)len;
	memcpy(d->data, data, len);
}

void udp_input(struct net *n, const struct ip_hdr *ip, const uint8_t *p,
	       size_t len)
{
	if (len < UDP_HLEN) {
		n->cnt.udp_bad++;
		return;
	}
	uint16_t sport = get16(p), dport = get16(p + 2), ulen = get16(p + 4);
	if (ulen < UDP_HLEN || ulen > len ||
	    ulen - UDP_HLEN > L4_MAX - UDP_HLEN ||
	    (get16(p + 6) &&
	     csum_pseudo(ip->src, ip->dst, IP_PROTO_UDP, p, ulen) != 0)) {
		n->cnt.udp_bad++;
		return;
	}
	const uint8_t *data = p + UDP_HLEN;
	size_t dlen = ulen - UDP_HLEN;
	if (dport == DHCP_CLIENT_PORT && dhcp_input(n, data, dlen))
		return;
	if (resolver_input(n, ip->src, sport, dport, data, dlen))
		return;
	struct net_sock *s = sock_find_udp(n, ip->dst, dport);
	if (!s) {
		n->cnt.no_port++;
		return;
	}
	queue(s, ip->src, sport, data, dlen);
}

bool udp_send(struct net *n, uint32_t src, uint16_t sport, uint32_t dst,
	      uint16_t dport, const uint8_t *data, size_t len)
{
	uint8_t f[ETH_FRAME_MAX];
	uint8_t *q = f + L4_OFF;
	uint16_t sum;

	if (len > L4_MAX - UDP_HLEN)
		return false;
	put16(q, sport);
	put16(q + 2, dport);
	put16(q + 4, (uint16_t)(UDP_HLEN + len));
	put16(q + 6, 0);
	memcpy(q + UDP_HLEN, data, len);
	sum = csum_pseudo(src, dst, IP_PROTO_UDP, q, UDP_HLEN + len);
	put16(q + 6, sum ? sum : 0xffff); /* 0 would mean "none" */
	return ip_send(n, src, dst, IP_PROTO_UDP, f, UDP_HLEN + len);
}
