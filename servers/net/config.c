/*
 * Static configuration, the alternative to DHCP: settings
 * `addr=A.B.C.D/N`, `gateway=A.B.C.D`, `dns=A.B.C.D[:PORT]` (leading
 * dashes optional, so the service's arguments --addr=... and the lines of
 * /etc/net.conf read the same), and `dhcp` for the default; an empty
 * setting or one starting with # says nothing.  Plain C, unit-tested
 * (tests/unit/test_net_proto.c).
 */
#include <string.h>

#include "ipv4_text.h"
#include "net.h"

/* A decimal number from 1 to max, the whole of s. */
static bool number(const char *s, unsigned max, unsigned *v)
{
	unsigned n = 0, digits = 0;

	while (*s >= '0' && *s <= '9' && digits < 6) {
		n = n * 10 + (unsigned)(*s++ - '0');
		digits++;
	}
	if (*s || digits == 0 || digits > 5 || n == 0 || n > max)
		return false;
	*v = n;
	return true;
}

static mlk_status_t set_addr(const char *s, struct net_config *c)
{
	unsigned bits = 24;
	const char *end = ipv4_text_parse(s, &c->addr);

	if (!end || (*end && (*end != '/' || !number(end + 1, 32, &bits))))
		return MLK_ERR_BAD_FORMAT;
	c->mask = bits == 32 ? 0xffffffffu : ~(0xffffffffu >> bits);
	return MLK_OK;
}

static mlk_status_t set_dns(const char *s, struct net_config *c)
{
	unsigned port = DNS_PORT;
	const char *end = ipv4_text_parse(s, &c->dns);

	if (!end || (*end && (*end != ':' || !number(end + 1, 65535, &port))))
		return MLK_ERR_BAD_FORMAT;
	c->dns_port = (uint16_t)port;
	return MLK_OK;
}

mlk_status_t config_parse(const char *line, struct net_config *c)
{
	const char *end;

	if (line[0] == '-' && line[1] == '-')
		line += 2;
	if (line[0] == '\0' || line[0] == '#' || strcmp(line, "dhcp") == 0)
		return MLK_ERR_NOT_FOUND;
	if (strncmp(line, "addr=", 5) == 0)
		return set_addr(line + 5, c);
	if (strncmp(line, "gateway=", 8) == 0) {
		end = ipv4_text_parse(line + 8, &c->gateway);
		return end && !*end ? MLK_OK : MLK_ERR_BAD_FORMAT;
	}
	if (strncmp(line, "dns=", 4) == 0)
		return set_dns(line + 4, c);
	return MLK_ERR_BAD_FORMAT;
}
