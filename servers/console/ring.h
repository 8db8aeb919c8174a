/*
 * A byte ring: head and tail count bytes ever put and taken, so that
 * head - tail is the fill even across wrap-around; the size is a power
 * of two, so an index is a mask away.
 */
#ifndef CONSOLE_RING_H
#define CONSOLE_RING_H

#include <stdint.h>

#define RING_SIZE 4096u

_Static_assert((RING_SIZE & (RING_SIZE - 1)) == 0, "a power of two");

struct ring {
	uint32_t head; /* bytes put */
	uint32_t tail; /* bytes taken */
	uint8_t buf[RING_SIZE];
};

static inline uint32_t ring_used(const struct ring *r)
{
	return r->head - r->tail;
}

static inline uint32_t ring_room(const struct ring *r)
{
	return RING_SIZE - ring_used(r);
}

/* The caller checked that there is room. */
static inline void ring_put(struct ring *r, uint8_t c)
{
	r->buf[r->head++ & (RING_SIZE - 1)] = c;
}

/* The caller checked that it is not empty. */
static inline uint8_t ring_get(struct ring *r)
{
	return r->buf[r->tail++ & (RING_SIZE - 1)];
}

/* Put as many of p's n bytes as fit; how many did. */
static inline uint32_t ring_write(struct ring *r, const uint8_t *p, uint32_t n)
{
	uint32_t room = ring_room(r);

	if (n > room)
		n = room;
	for (uint32_t i = 0; i < n; i++)
		ring_put(r, p[i]);
	return n;
}

/* Copy the first n bytes (n <= ring_used) without taking them. */
static inline void ring_peek(const struct ring *r, uint8_t *out, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		out[i] = r->buf[(r->tail + i) & (RING_SIZE - 1)];
}

static inline void ring_drop(struct ring *r, uint32_t n)
{
	r->tail += n;
}

#endif
