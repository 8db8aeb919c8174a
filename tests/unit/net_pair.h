/*
 * Two network stacks joined by a simulated wire, for the unit tests of
 * servers/net: what one sends the other receives when net_pair_pump runs,
 * with frames dropped, held back or corrupted on request.  A clock of
 * the pair's own drives both.
 */
#ifndef MLK_TESTS_UNIT_NET_PAIR_H
#define MLK_TESTS_UNIT_NET_PAIR_H

#include "net.h"
#include "sock.h"

#define WIRE_FRAMES 512

struct wire {
	uint8_t frame[WIRE_FRAMES][ETH_FRAME_MAX];
	size_t len[WIRE_FRAMES];
	unsigned count;
	unsigned sent; /* every frame ever sent on it */
};

struct net_pair {
	struct net a, b;
	struct wire to_a, to_b;
	uint64_t now;
	/* Drop the frame numbered k (of wire->sent, from 1) when it
	 * returns true. */
	bool (*drop)(const struct wire *w, unsigned k, void *ctx);
	void *drop_ctx;
	bool reverse; /* deliver each batch backwards (reordering) */
};

#define PAIR_A 0x0a00020fu /* 10.0.2.15 */
#define PAIR_B 0x0a000202u /* 10.0.2.2 */
#define PAIR_MASK 0xffffff00u

void net_pair_init(struct net_pair *p);
/* Deliver the frames on both wires until neither has any (at most
 * `rounds` rounds); the number of frames delivered. */
unsigned net_pair_pump(struct net_pair *p, unsigned rounds);
/* Move the clock on by ns, run both stacks' timers, pump. */
void net_pair_advance(struct net_pair *p, uint64_t ns);
/* The frames on a wire, cleared. */
void wire_clear(struct wire *w);

#endif
