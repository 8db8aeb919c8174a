/*
 * The Internet checksum (RFC 1071): the ones' complement of the ones'
 * complement sum of 16-bit words, an odd last byte padded with zero.
 * UDP and TCP add a pseudo-header of the addresses, protocol and length
 * (RFC 768, RFC 9293 3.1).
 */
#include "net.h"

uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
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
