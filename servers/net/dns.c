/*
 * DNS messages (RFC 1035 4.1): a query for a name's A record with
 * recursion desired, and the answer's parse.  Every name, label and
 * record of an answer must lie inside it; compression pointers (4.1.4)
 * may only point backwards, so a loop cannot form.  The first A record
 * of class IN among the answers is the address (CNAMEs before it are
 * passed over).
 */
#include <string.h>

#include "bytes.h"
#include "net.h"

#define DNS_HLEN 12
#define DNS_TYPE_A 1
#define DNS_CLASS_IN 1
#define DNS_FLAG_QR 0x8000u
#define DNS_FLAG_RD 0x0100u
#define DNS_RCODE_NXDOMAIN 3
#define DNS_LABEL_MAX 63

/* A host name: labels of letters, digits and hyphens (RFC 1123 2.1),
 * 1 to 63 bytes each, separated by dots, MLK_NET_NAME_MAX in all. */
bool dns_name_ok(const char *name)
{
	size_t len = strlen(name), label = 0;

	if (len == 0 || len > MLK_NET_NAME_MAX)
		return false;
	for (size_t i = 0; i <= len; i++) {
		char c = name[i];
		if (c == '.' || c == '\0') {
			if (label == 0 || label > DNS_LABEL_MAX)
				return false;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
		label++;
	}
	return true;
}

size_t dns_query_encode(uint8_t *out, size_t size, uint16_t id,
			const char *name)
{
	size_t k = DNS_HLEN, len = strlen(name);

	if (!dns_name_ok(name) || size < DNS_HLEN + len + 2 + 4)
		return 0;
	memset(out, 0, DNS_HLEN);
	put16(out, id);
	put16(out + 2, DNS_FLAG_RD);
	put16(out + 4, 1); /* QDCOUNT */
	const char *label = name;
	for (const char *p = name;; p++) {
		if (*p != '.' && *p != '\0')
			continue;
		out[k++] = (uint8_t)(p - label);
		memcpy(out + k, label, (size_t)(p - label));
		k += (size_t)(p - label);
		if (*p == '\0')
			break;
		label = p + 1;
	}
	out[k++] = 0;
	put16(out + k, DNS_TYPE_A);
	put16(out + k + 2, DNS_CLASS_IN);
	return k + 4;
}

/* Skip the name at *at; false if it runs out of the message. */
static bool skip_name(const uint8_t *p, size_t len, size_t *at)
{
	size_t i = *at;

	for (;;) {
		if (i >= len)
			return false;
		uint8_t b = p[i];
		if (b == 0) {
			*at = i + 1;
			return true;
		}
		if ((b & 0xc0) == 0xc0) {
			if (i + 1 >= len)
				return false;
			/* Backwards only: no loops. */
			if ((size_t)((b & 0x3f) << 8 | p[i + 1]) >= i)
				return false;
			*at = i + 2;
			return true;
		}
		if (b & 0xc0) /* 01 and 10 are reserved */
			return false;
		i += 1u + b;
	}
}

mlk_status_t dns_answer_parse(const uint8_t *p, size_t len, uint16_t id,
			      uint32_t *addr)
{
	if (len < DNS_HLEN || get16(p) != id || !(get16(p + 2) & DNS_FLAG_QR))
		return MLK_ERR_BAD_FORMAT;
	unsigned rcode = get16(p + 2) & 0xf;
	if (rcode == DNS_RCODE_NXDOMAIN)
		return MLK_ERR_NOT_FOUND;
	if (rcode != 0)
		return MLK_ERR_UNAVAILABLE;
	unsigned qd = get16(p + 4), an = get16(p + 6);
	size_t at = DNS_HLEN;
	for (unsigned i = 0; i < qd; i++) {
		if (!skip_name(p, len, &at) || at + 4 > len)
			return MLK_ERR_BAD_FORMAT;
		at += 4;
	}
	for (unsigned i = 0; i < an; i++) {
		if (!skip_name(p, len, &at) || at + 10 > len)
			return MLK_ERR_BAD_FORMAT;
		uint16_t type = get16(p + at), class = get16(p + at + 2);
		uint16_t rdlen = get16(p + at + 8);
		at += 10;
		if (rdlen > len - at)
			return MLK_ERR_BAD_FORMAT;
		if (type == DNS_TYPE_A && class == DNS_CLASS_IN && rdlen == 4) {
			*addr = get32(p + at);
			return MLK_OK;
		}
		at += rdlen;
	}
	return MLK_ERR_NOT_FOUND;
}
