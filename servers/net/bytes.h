/*
 * Network byte order (big endian) in and out of byte buffers, one byte
 * at a time: frames need not be aligned, and the same code runs on the
 * build machine for the unit tests.
 */
#ifndef MLK_SERVERS_NET_BYTES_H
#define MLK_SERVERS_NET_BYTES_H

#include <stdint.h>

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Sequence number comparisons modulo 2^32 (RFC 9293, 3.4). */
static inline int seq_diff(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b);
}
#define SEQ_LT(a, b) (seq_diff((a), (b)) < 0)
#define SEQ_LE(a, b) (seq_diff((a), (b)) <= 0)
#define SEQ_GT(a, b) (seq_diff((a), (b)) > 0)
#define SEQ_GE(a, b) (seq_diff((a), (b)) >= 0)

#endif
