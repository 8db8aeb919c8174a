/*
 * IPv4 (RFC 791, with RFC 1122 3.2.1's checks): version 4, a header of 20
 * to 60 bytes inside the packet, a total length inside the frame (what
 * follows it is Ethernet padding), a correct header checksum, a
 * destination that is ours, the limited broadcast or our subnet's
 * broadcast, and a source that is none of broadcast, multicast or ours.
 * Options are skipped, not obeyed.  Fragments (MF set or an offset) are
 * counted and dropped: nothing this stack serves needs datagrams above
 * the MTU, and dropping them leaves no reassembly memory to exhaust.
 */
#include <string.h>

#include "bytes.h"
#include "net.h"

#define IP_MF 0x2000u
#define IP_OFFSET_MASK 0x1fffu
#define IP_DF 0x4000u

bool ip_parse(const uint8_t *p, size_t len, struct ip_hdr *h)
{
	if (len < IP_HLEN || p[0] >> 4 != 4)
		return false;
	h->ihl = (uint8_t)((p[0] & 0xf) * 4);
	h->tos = p[1];
	h->total = get16(p + 2);
	h->id = get16(p + 4);
	h->frag = get16(p + 6);
	h->ttl = p[8];
	h->proto = p[9];
	h->src = get32(p + 12);
	h->dst = get32(p + 16);
	if (h->ihl < IP_HLEN || h->total < h->ihl || h->total > len)
		return false;
	return csum(p, h->ihl) == 0;
}

bool net_is_local(const struct net *n, uint32_t ip)
{
	return n->addr && (ip & n->mask) == (n->addr & n->mask);
}

static bool dst_ok(const struct net *n, uint32_t dst)
{
	if (dst == IP_BROADCAST)
		return true;
	if (!n->addr) /* unconfigured: DHCP's unicast offers */
		return true;
	return dst == n->addr || dst == (n->addr | ~n->mask);
}

static bool src_ok(const struct net *n, uint32_t src)
{
	return src != IP_BROADCAST && (src >> 28) != 0xe &&
	       (src == 0 || src != n->addr) &&
	       !(n->addr && src == (n->addr | ~n->mask));
}

void ip_input(struct net *n, const uint8_t *p, size_t len)
{
	struct ip_hdr h;

	if (!ip_parse(p, len, &h) || !dst_ok(n, h.dst) || !src_ok(n, h.src)) {
		n->cnt.ip_bad++;
		return;
	}
	if (h.frag & (IP_MF | IP_OFFSET_MASK)) {
		n->cnt.ip_frag++;
		return;
	}
	const uint8_t *payload = p + h.ihl;
	size_t plen = h.total - h.ihl;
	switch (h.proto) {
	case IP_PROTO_ICMP:
		icmp_input(n, &h, payload, plen);
		break;
	case IP_PROTO_UDP:
		udp_input(n, &h, payload, plen);
		break;
	case IP_PROTO_TCP:
		tcp_input(n, &h, payload, plen);
		break;
	default:
		n->cnt.ip_bad++;
	}
}

/* The next hop: on the subnet directly, else through the gateway. */
static uint32_t next_hop(const struct net *n, uint32_t dst)
{
	if (net_is_local(n, dst) || !n->gateway)
		return dst;
	return n->gateway;
}

bool ip_send(struct net *n, uint32_t src, uint32_t dst, uint8_t proto,
	     uint8_t *frame, size_t len)
{
	uint8_t *p = frame + ETH_HLEN;

	if (len > L4_MAX) {
		n->cnt.tx_dropped++;
		return false;
	}
	p[0] = 0x45;
	p[1] = 0;
	put16(p + 2, (uint16_t)(IP_HLEN + len));
	put16(p + 4, n->ip_id++);
	put16(p + 6, IP_DF); /* we never send fragments */
	p[8] = IP_TTL;
	p[9] = proto;
	put16(p + 10, 0);
	put32(p + 12, src);
	put32(p + 16, dst);
	put16(p + 10, csum(p, IP_HLEN));
	if (dst == IP_BROADCAST || (n->addr && dst == (n->addr | ~n->mask)))
		return eth_send(n, eth_broadcast, ETH_TYPE_IPV4, frame,
				ETH_HLEN + IP_HLEN + len);
	if (!n->addr) {
		n->cnt.tx_dropped++;
		return false;
	}
	return arp_resolve_send(n, next_hop(n, dst), frame,
				ETH_HLEN + IP_HLEN + len);
}
