/*
 * The Internet checksum (RFC 1071): the ones' complement of the ones'
 * complement sum of 16-bit words, an odd last byte padded with zero.
 * UDP and TCP add a pseudo-header of the addresses, protocol and length
 * (RFC 768, RFC 9293 3.1).
 */
#include "net.h"

/* The 16-bit ones' complement sum of acc's 32-bit halves, folded. */
static uint32_t fold_to_16(uint64_t acc)
{
	acc = (acc & 0xffffffff) + (acc >> 32);
	acc = (acc & 0xffffffff) + (acc >> 32);
	acc = (acc & 0xffff) + (acc >> 16);
	acc = (acc & 0xffff) + (acc >> 16);
	return (uint32_t)((acc & 0xffff) + (acc >> 16));
}

/*
 * Eight bytes at a time in the machine's byte order: the ones' complement
 * sum of the 16-bit words read the other way round is the sum read the
 * right way, byte-swapped (RFC 1071, 2(B)), so the words need no swap,
 * only the result.  The rest two bytes at a time, big-endian, an odd
 * last byte as a word's high half.  (__builtin_memcpy: one load even
 * where -ffreestanding makes memcpy a call.)
 */
uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	uint64_t acc = 0;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		uint64_t w;
		__builtin_memcpy(&w, p + i, sizeof(w));
		acc += (w & 0xffffffff) + (w >> 32);
	}
	uint32_t part = fold_to_16(acc);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	part = (part >> 8 | part << 8) & 0xffff;
#endif
	sum += part;
	for (; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (i < len)
		sum += (uint32_t)p[i] << 8;
	return sum;
}

uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint16_t csum(const uint8_t *p, size_t len)
{
	return csum_fold(csum_add(0, p, len));
}

uint16_t csum_pseudo(uint32_t src, uint32_t dst, uint8_t proto,
		     const uint8_t *p, size_t len)
{
	uint32_t sum = (src >> 16) + (src & 0xffff) + (dst >> 16) +
		       (dst & 0xffff) + proto + (uint32_t)len;

	return csum_fold(csum_add(sum, p, len));
}
