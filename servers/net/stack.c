/*
 * The stack as a whole: its start, its address, a frame in, the clock.
 */
#include <string.h>

#include "net.h"

void net_init(struct net *n, const uint8_t mac[ETH_ALEN], uint64_t secret)
{
	memcpy(n->mac, mac, ETH_ALEN);
	n->secret = secret;
	n->ip_id = (uint16_t)secret;
	n->dns_id = (uint16_t)(secret >> 16);
	n->dns_server_port = DNS_PORT;
	n->next_port = (uint16_t)(49152 + (secret >> 32) % 16384);
	for (unsigned i = 0; i < NET_SOCKETS; i++)
		n->socks[i].parent = -1;
}

void net_set_address(struct net *n, uint32_t addr, uint32_t mask,
		     uint32_t gateway, uint32_t dns, uint8_t how)
{
	n->addr = addr;
	n->mask = mask;
	n->gateway = gateway;
	n->dns = dns;
	n->config = how;
}

void net_input(struct net *n, const uint8_t *frame, size_t len)
{
	eth_input(n, frame, len);
}

void net_tick(struct net *n)
{
	arp_tick(n);
	dhcp_tick(n);
	resolver_tick(n);
	for (unsigned i = 0; i < NET_SOCKETS; i++) {
		struct net_sock *s = &n->socks[i];
		if (s->used && s->type == MLK_NET_TCP)
			tcp_timers(n, s);
	}
}

static uint64_t earliest(uint64_t a, uint64_t b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return a < b ? a : b;
}

/* When net_tick has something to do next (0: nothing waits). */
uint64_t net_next_timer(const struct net *n)
{
	uint64_t next = arp_next_timer(n);

	if (n->config == NET_DHCP || n->config == NET_LEASED)
		next = earliest(next, n->dhcp.next_at);
	next = earliest(next, resolver_next_timer(n));
	for (unsigned i = 0; i < NET_SOCKETS; i++) {
		const struct net_sock *s = &n->socks[i];
		if (s->used && s->type == MLK_NET_TCP)
			next = earliest(next, tcp_next_timer(s));
	}
	return next;
}
