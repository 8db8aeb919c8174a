/*
 * The DHCP client (RFC 2131, options of RFC 2132): DISCOVER, take the
 * first OFFER, REQUEST it, and on ACK take the address, netmask, router
 * and DNS server; ask again at half the lease (T1).  Every message is
 * broadcast from 0.0.0.0 until bound (RFC 2131 4.1).  A reply is taken
 * only with our transaction id, our MAC, the magic cookie, a message
 * type and options that end inside it; the rest is counted (udp_bad)
 * and dropped.  Without an answer it asks again, 2 s apart and then
 * less often, for good.
 */
#include <string.h>

#include "bytes.h"
#include "net.h"

#define BOOTREQUEST 1
#define BOOTREPLY 2
#define DHCP_FIXED 236 /* up to the options' magic cookie */
#define DHCP_COOKIE 0x63825363u
#define OPT_PAD 0
#define OPT_MASK 1
#define OPT_ROUTER 3
#define OPT_DNS 6
#define OPT_REQUESTED 50
#define OPT_LEASE 51
#define OPT_TYPE 53
#define OPT_SERVER 54
#define OPT_PARAMS 55
#define OPT_END 255
#define DHCPDISCOVER 1
#define DHCPOFFER 2
#define DHCPREQUEST 3
#define DHCPACK 5
#define DHCPNAK 6
#define RETRY_NS (2 * NS_PER_S)
#define RETRY_MAX_NS (16 * NS_PER_S)

enum dhcp_state { DHCP_OFF, DHCP_SELECTING, DHCP_REQUESTING, DHCP_BOUND };

struct dhcp_reply {
	uint8_t type;
	uint32_t yiaddr, mask, router, dns, server, lease;
};

static size_t put_option(uint8_t *p, uint8_t code, uint32_t v)
{
	p[0] = code;
	p[1] = 4;
	put32(p + 2, v);
	return 6;
}

static void send_message(struct net *n, uint8_t type)
{
	uint8_t m[DHCP_FIXED + 64];
	size_t k = DHCP_FIXED;

	memset(m, 0, sizeof(m));
	m[0] = BOOTREQUEST;
	m[1] = 1; /* Ethernet */
	m[2] = ETH_ALEN;
	put32(m + 4, n->dhcp.xid);
	put16(m + 10, 0x8000); /* answer by broadcast: no address yet */
	memcpy(m + 28, n->mac, ETH_ALEN);
	put32(m + k, DHCP_COOKIE);
	k += 4;
	m[k++] = OPT_TYPE;
	m[k++] = 1;
	m[k++] = type;
	if (type == DHCPREQUEST) {
		k += put_option(m + k, OPT_REQUESTED, n->dhcp.offered);
		k += put_option(m + k, OPT_SERVER, n->dhcp.server);
	}
	m[k++] = OPT_PARAMS;
	m[k++] = 3;
	m[k++] = OPT_MASK;
	m[k++] = OPT_ROUTER;
	m[k++] = OPT_DNS;
	m[k++] = OPT_END;
	udp_send(n, 0, DHCP_CLIENT_PORT, IP_BROADCAST, DHCP_SERVER_PORT, m, k);
}

static void schedule_retry(struct net *n)
{
	uint64_t wait = RETRY_NS << (n->dhcp.tries < 3 ? n->dhcp.tries : 3);

	n->dhcp.tries++;
	n->dhcp.next_at = n->now + (wait > RETRY_MAX_NS ? RETRY_MAX_NS : wait);
}

void dhcp_start(struct net *n)
{
	n->config = NET_DHCP;
	n->dhcp.state = DHCP_SELECTING;
	n->dhcp.xid = (uint32_t)(n->secret >> 8) ^ (uint32_t)n->now;
	n->dhcp.tries = 0;
	send_message(n, DHCPDISCOVER);
	schedule_retry(n);
}

static bool take_option(struct dhcp_reply *r, uint8_t code, const uint8_t *v,
			uint8_t len)
{
	if (code == OPT_TYPE) {
		if (len != 1)
			return false; /* v[0] may be past the message */
		r->type = v[0];
		return true;
	}
	if (code != OPT_MASK && code != OPT_ROUTER && code != OPT_DNS &&
	    code != OPT_SERVER && code != OPT_LEASE)
		return true;
	if (len < 4 || (code != OPT_ROUTER && code != OPT_DNS && len != 4))
		return false;
	uint32_t x = get32(v); /* the first of a list */
	if (code == OPT_MASK)
		r->mask = x;
	else if (code == OPT_ROUTER)
		r->router = x;
	else if (code == OPT_DNS)
		r->dns = x;
	else if (code == OPT_SERVER)
		r->server = x;
	else
		r->lease = x;
	return true;
}

/* The options after the cookie, each inside the message. */
static bool parse_options(const uint8_t *p, size_t len, struct dhcp_reply *r)
{
	size_t i = 0;

	while (i < len) {
		uint8_t code = p[i];
		if (code == OPT_END)
			return r->type != 0;
		if (code == OPT_PAD) {
			i++;
			continue;
		}
		if (i + 1 >= len || p[i + 1] > len - i - 2 ||
		    !take_option(r, code, p + i + 2, p[i + 1]))
			return false;
		i += 2u + p[i + 1];
	}
	return false; /* no END */
}

static bool parse(const struct net *n, const uint8_t *p, size_t len,
		  struct dhcp_reply *r)
{
	memset(r, 0, sizeof(*r));
	if (len < DHCP_FIXED + 4 || p[0] != BOOTREPLY || p[1] != 1 ||
	    p[2] != ETH_ALEN || get32(p + 4) != n->dhcp.xid ||
	    memcmp(p + 28, n->mac, ETH_ALEN) != 0 ||
	    get32(p + DHCP_FIXED) != DHCP_COOKIE)
		return false;
	r->yiaddr = get32(p + 16);
	return parse_options(p + DHCP_FIXED + 4, len - DHCP_FIXED - 4, r);
}

static bool address_ok(uint32_t a)
{
	return a != 0 && a != IP_BROADCAST && (a >> 28) < 0xe &&
	       (a >> 24) != 127;
}

static void bind_lease(struct net *n, const struct dhcp_reply *r)
{
	uint32_t mask = r->mask ? r->mask : 0xffffff00u;
	uint32_t lease = r->lease ? r->lease : 3600;

	net_set_address(n, r->yiaddr, mask, r->router, r->dns, NET_LEASED);
	n->dhcp.state = DHCP_BOUND;
	n->dhcp.lease_s = lease;
	n->dhcp.tries = 0;
	n->dhcp.next_at = n->now + (uint64_t)lease / 2 * NS_PER_S;
}

bool dhcp_input(struct net *n, const uint8_t *p, size_t len)
{
	struct dhcp_reply r;

	if (n->dhcp.state == DHCP_OFF)
		return false;
	if (!parse(n, p, len, &r) || !address_ok(r.yiaddr)) {
		n->cnt.udp_bad++;
		return true;
	}
	if (r.type == DHCPOFFER && n->dhcp.state == DHCP_SELECTING &&
	    r.server) {
		n->dhcp.offered = r.yiaddr;
		n->dhcp.server = r.server;
		n->dhcp.state = DHCP_REQUESTING;
		n->dhcp.tries = 0;
		send_message(n, DHCPREQUEST);
		schedule_retry(n);
	} else if (r.type == DHCPACK && n->dhcp.state == DHCP_REQUESTING &&
		   r.yiaddr == n->dhcp.offered) {
		bind_lease(n, &r);
	} else if (r.type == DHCPNAK && n->dhcp.state == DHCP_REQUESTING) {
		dhcp_start(n);
	}
	return true;
}

void dhcp_tick(struct net *n)
{
	if (n->dhcp.state == DHCP_OFF || n->now < n->dhcp.next_at)
		return;
	switch (n->dhcp.state) {
	case DHCP_SELECTING:
		send_message(n, DHCPDISCOVER);
		break;
	case DHCP_BOUND: /* T1: renew, keeping the address meanwhile */
		n->dhcp.offered = n->addr;
		n->dhcp.state = DHCP_REQUESTING;
		n->dhcp.tries = 0;
		/* fall through */
	default:
		send_message(n, DHCPREQUEST);
	}
	schedule_retry(n);
}
