/*
 * The simulated wire of net_pair.h.
 */
#include <string.h>

#include "net_pair.h"

static bool to_wire(void *ctx, const uint8_t *frame, size_t len)
{
	struct wire *w = ctx;

	w->sent++;
	if (w->count == WIRE_FRAMES)
		return false;
	memcpy(w->frame[w->count], frame, len);
	w->len[w->count++] = len;
	return true;
}

void wire_clear(struct wire *w)
{
	w->count = 0;
}

void net_pair_init(struct net_pair *p)
{
	static const uint8_t mac_a[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
	static const uint8_t mac_b[6] = { 0x52, 0x55, 0x0a, 0, 2, 2 };

	memset(p, 0, sizeof(*p));
	p->now = 1000 * NS_PER_S;
	net_init(&p->a, mac_a, 0x1234567890abcdefull);
	net_init(&p->b, mac_b, 0xfedcba0987654321ull);
	net_set_address(&p->a, PAIR_A, PAIR_MASK, PAIR_B, PAIR_B, NET_STATIC);
	net_set_address(&p->b, PAIR_B, PAIR_MASK, 0, 0, NET_STATIC);
	p->a.send_frame = to_wire;
	p->a.ctx = &p->to_b;
	p->b.send_frame = to_wire;
	p->b.ctx = &p->to_a;
	p->a.now = p->b.now = p->now;
}

static unsigned deliver(struct net_pair *p, struct wire *w, struct net *to)
{
	static uint8_t batch[WIRE_FRAMES][ETH_FRAME_MAX];
	static size_t lens[WIRE_FRAMES];
	unsigned n = w->count, first_number = w->sent - w->count, got = 0;

	memcpy(batch, w->frame, sizeof(batch[0]) * n);
	memcpy(lens, w->len, sizeof(lens[0]) * n);
	w->count = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned k = p->reverse ? n - 1 - i : i;
		if (p->drop && p->drop(w, first_number + k + 1, p->drop_ctx))
			continue;
		to->now = p->now;
		net_input(to, batch[k], lens[k]);
		got++;
	}
	return got;
}

unsigned net_pair_pump(struct net_pair *p, unsigned rounds)
{
	unsigned total = 0;

	for (unsigned r = 0; r < rounds; r++) {
		if (!p->to_a.count && !p->to_b.count)
			break;
		total += deliver(p, &p->to_b, &p->b);
		total += deliver(p, &p->to_a, &p->a);
	}
	return total;
}

void net_pair_advance(struct net_pair *p, uint64_t ns)
{
	p->now += ns;
	p->a.now = p->b.now = p->now;
	net_tick(&p->a);
	net_tick(&p->b);
	net_pair_pump(p, 1000);
}
