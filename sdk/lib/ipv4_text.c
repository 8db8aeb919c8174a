/*
 * IPv4 addresses as text (ipv4_text.h).
 */
#include "ipv4_text.h"

#include <stddef.h>

const char *ipv4_text_parse(const char *s, uint32_t *addr)
{
	uint32_t a = 0;

	for (unsigned part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return NULL;
		a = a << 8 | v;
		if (part < 3 && *s++ != '.')
			return NULL;
	}
	*addr = a;
	return s;
}
