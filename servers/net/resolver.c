/*
 * The resolver: names asked through MLK_NET_RESOLVE, each a query to the
 * DNS server from a port of the stack's own, sent again after a second,
 * three times in all (RFC 1123 6.1.3.3 asks for retransmission with
 * backoff; a second suffices on a LAN such as QEMU's).  An answer counts
 * only from the server's address and port (53 unless configured), to
 * our port, with the query's id.
 */
#include <string.h>

#include "ipv4_text.h"
#include "net.h"

#define QUERY_TRIES 3
#define QUERY_RETRY_NS (1 * NS_PER_S)

static void send_query(struct net *n, struct dns_query *q)
{
	uint8_t m[512];
	size_t len = dns_query_encode(m, sizeof(m), q->id, q->name);

	q->tries++;
	q->next_at = n->now + QUERY_RETRY_NS;
	udp_send(n, n->addr, n->dns_port, n->dns, n->dns_server_port, m, len);
}

/* A dotted address (four decimal parts of 0 to 255) needs no server. */
static bool dotted(const char *s, uint32_t *addr)
{
	const char *end = ipv4_text_parse(s, addr);

	return end && !*end;
}

mlk_status_t resolver_start(struct net *n, const char *name, int *slot)
{
	uint32_t addr;
	unsigned i;

	for (i = 0; i < NET_QUERIES && n->queries[i].busy; i++)
		;
	if (i == NET_QUERIES)
		return MLK_ERR_NO_RESOURCES;
	struct dns_query *q = &n->queries[i];
	memset(q, 0, sizeof(*q));
	q->busy = true;
	*slot = (int)i;
	if (dotted(name, &addr)) {
		q->done = true;
		q->addr = addr;
		return MLK_OK;
	}
	if (!dns_name_ok(name)) {
		q->busy = false;
		return MLK_ERR_BAD_NAME;
	}
	if (!n->dns || !n->addr) {
		q->busy = false;
		return MLK_ERR_UNAVAILABLE;
	}
	if (!n->dns_port)
		n->dns_port = sock_ephemeral_port(n, MLK_NET_UDP);
	strcpy(q->name, name);
	q->id = n->dns_id++;
	send_query(n, q);
	return MLK_OK;
}

bool resolver_input(struct net *n, uint32_t src, uint16_t sport, uint16_t dport,
		    const uint8_t *p, size_t len)
{
	if (!n->dns_port || dport != n->dns_port)
		return false;
	if (src != n->dns || sport != n->dns_server_port || len < 2)
		return true;
	uint16_t id = (uint16_t)(p[0] << 8 | p[1]);
	for (unsigned i = 0; i < NET_QUERIES; i++) {
		struct dns_query *q = &n->queries[i];
		if (!q->busy || q->done || q->id != id)
			continue;
		q->status = dns_answer_parse(p, len, id, &q->addr);
		if (q->status == MLK_ERR_BAD_FORMAT) {
			n->cnt.udp_bad++;
			return true; /* maybe a good one follows */
		}
		q->done = true;
		return true;
	}
	return true;
}

void resolver_tick(struct net *n)
{
	for (unsigned i = 0; i < NET_QUERIES; i++) {
		struct dns_query *q = &n->queries[i];
		if (!q->busy || q->done || n->now < q->next_at)
			continue;
		if (q->tries >= QUERY_TRIES) {
			q->done = true;
			q->status = MLK_ERR_TIMED_OUT;
		} else {
			send_query(n, q);
		}
	}
}

uint64_t resolver_next_timer(const struct net *n)
{
	uint64_t next = 0;

	for (unsigned i = 0; i < NET_QUERIES; i++) {
		const struct dns_query *q = &n->queries[i];
		if (q->busy && !q->done && (!next || q->next_at < next))
			next = q->next_at;
	}
	return next;
}
