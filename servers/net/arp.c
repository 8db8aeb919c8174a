/*
 * ARP for IPv4 over Ethernet (RFC 826): answer requests for our address,
 * learn from requests and replies aimed at us, and resolve next hops
 * with a small cache.  A resolved entry lives ARP_TTL_NS, then is asked
 * for again; a pending one is asked ARP_TRIES times ARP_RETRY_NS apart,
 * holding the latest frame for it, then dropped (RFC 1122, 2.3.2.2: keep
 * at least one).  Packets with another hardware or protocol type, sizes
 * or opcode, or a sender that is broadcast or ours, are counted and
 * dropped.
 */
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "net.h"

#define ARP_HTYPE_ETHER 1
#define ARP_REQUEST 1
#define ARP_REPLY 2
#define ARP_LEN 28

static struct arp_entry *find(struct net *n, uint32_t ip)
{
	for (unsigned i = 0; i < ARP_ENTRIES; i++)
		if (n->arp[i].expires && n->arp[i].ip == ip)
			return &n->arp[i];
	return NULL;
}

const struct arp_entry *arp_lookup(const struct net *n, uint32_t ip)
{
	return find((struct net *)n, ip);
}

static void forget(struct arp_entry *e)
{
	uint8_t *held = e->held;

	memset(e, 0, sizeof(*e));
	e->held = held;
}

/* A free entry, else the one closest to expiring. */
static struct arp_entry *take_entry(struct net *n, uint32_t ip)
{
	struct arp_entry *best = &n->arp[0];

	for (unsigned i = 0; i < ARP_ENTRIES; i++) {
		struct arp_entry *e = &n->arp[i];
		if (!e->expires) {
			best = e;
			break;
		}
		if (e->expires < best->expires)
			best = e;
	}
	forget(best);
	best->ip = ip;
	return best;
}

static void send_arp(struct net *n, uint16_t op, const uint8_t *tha,
		     uint32_t tpa, const uint8_t *eth_dst)
{
	uint8_t f[ETH_HLEN + ARP_LEN];
	uint8_t *p = f + ETH_HLEN;

	put16(p, ARP_HTYPE_ETHER);
	put16(p + 2, ETH_TYPE_IPV4);
	p[4] = ETH_ALEN;
	p[5] = 4;
	put16(p + 6, op);
	memcpy(p + 8, n->mac, ETH_ALEN);
	put32(p + 14, n->addr);
	memcpy(p + 18, tha, ETH_ALEN);
	put32(p + 24, tpa);
	eth_send(n, eth_dst, ETH_TYPE_ARP, f, sizeof(f));
}

static void request(struct net *n, struct arp_entry *e)
{
	static const uint8_t zero[ETH_ALEN];

	e->tries++;
	e->expires = n->now + ARP_RETRY_NS;
	send_arp(n, ARP_REQUEST, zero, e->ip, eth_broadcast);
}

/* The entry is resolved: send what it held. */
static void learn(struct net *n, struct arp_entry *e, const uint8_t *mac)
{
	memcpy(e->mac, mac, ETH_ALEN);
	e->resolved = true;
	e->tries = 0;
	e->expires = n->now + ARP_TTL_NS;
	if (e->held_len) {
		size_t len = e->held_len;
		e->held_len = 0;
		eth_send(n, mac, ETH_TYPE_IPV4, e->held, len);
	}
}

static bool sender_ok(const struct net *n, const uint8_t *sha, uint32_t spa)
{
	return memcmp(sha, eth_broadcast, ETH_ALEN) != 0 &&
	       memcmp(sha, n->mac, ETH_ALEN) != 0 && spa != 0 &&
	       spa != IP_BROADCAST && spa != n->addr;
}

void arp_input(struct net *n, const uint8_t *p, size_t len)
{
	if (len < ARP_LEN || get16(p) != ARP_HTYPE_ETHER ||
	    get16(p + 2) != ETH_TYPE_IPV4 || p[4] != ETH_ALEN || p[5] != 4) {
		n->cnt.arp_bad++;
		return;
	}
	uint16_t op = get16(p + 6);
	const uint8_t *sha = p + 8;
	uint32_t spa = get32(p + 14), tpa = get32(p + 24);
	if ((op != ARP_REQUEST && op != ARP_REPLY) || !sender_ok(n, sha, spa)) {
		n->cnt.arp_bad++;
		return;
	}
	bool to_us = n->addr && tpa == n->addr;
	/* RFC 826's merge: update a known sender; add one only when the
	 * packet is for us. */
	struct arp_entry *e = find(n, spa);
	if (!e && to_us)
		e = take_entry(n, spa);
	if (e)
		learn(n, e, sha);
	if (to_us && op == ARP_REQUEST)
		send_arp(n, ARP_REPLY, sha, spa, sha);
}

/* Send an IPv4 frame to next_hop, now or once it is resolved. */
bool arp_resolve_send(struct net *n, uint32_t next_hop, uint8_t *frame,
		      size_t len)
{
	struct arp_entry *e = find(n, next_hop);

	if (e && e->resolved)
		return eth_send(n, e->mac, ETH_TYPE_IPV4, frame, len);
	if (!e) {
		e = take_entry(n, next_hop);
		request(n, e);
	}
	if (!e->held)
		e->held = malloc(ETH_FRAME_MAX);
	if (!e->held) {
		n->cnt.tx_dropped++;
		return false;
	}
	if (e->held_len)
		n->cnt.tx_dropped++; /* the older one gives way */
	memcpy(e->held, frame, len);
	e->held_len = (uint16_t)len;
	return true;
}

void arp_tick(struct net *n)
{
	for (unsigned i = 0; i < ARP_ENTRIES; i++) {
		struct arp_entry *e = &n->arp[i];
		if (!e->expires || n->now < e->expires)
			continue;
		if (e->resolved || e->tries >= ARP_TRIES) {
			if (e->held_len)
				n->cnt.tx_dropped++;
			forget(e);
		} else {
			request(n, e);
		}
	}
}

uint64_t arp_next_timer(const struct net *n)
{
	uint64_t next = 0;

	for (unsigned i = 0; i < ARP_ENTRIES; i++) {
		uint64_t t = n->arp[i].expires;
		if (t && (!next || t < next))
			next = t;
	}
	return next;
}
