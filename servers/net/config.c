/*
 * Static configuration, the alternative to DHCP: the service's
 * arguments `--addr=A.B.C.D/N`, `--gateway=A.B.C.D`, `--dns=A.B.C.D`
 * (the leading dashes optional), and `dhcp` for the default; an empty
 * setting or one starting with # says nothing.
 */
#include <string.h>

#include "service.h"

bool config_address(const char *s, uint32_t *addr)
{
	uint32_t a = 0;

	for (unsigned part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return false;
		a = a << 8 | v;
		if (part < 3 && *s++ != '.')
			return false;
	}
	*addr = a;
	return *s == '\0' || *s == '/';
}

static bool prefix(const char *s, uint32_t *mask)
{
	unsigned bits = 0, digits = 0;

	while (*s >= '0' && *s <= '9' && digits < 3) {
		bits = bits * 10 + (unsigned)(*s++ - '0');
		digits++;
	}
	if (*s || digits == 0 || bits == 0 || bits > 32)
		return false;
	*mask = bits == 32 ? 0xffffffffu : ~(0xffffffffu >> bits);
	return true;
}

/* One setting: MLK_OK, MLK_ERR_BAD_FORMAT for one that is not, or
 * MLK_ERR_NOT_FOUND for a line that sets nothing. */
mlk_status_t config_parse(const char *line, uint32_t *addr, uint32_t *mask,
			  uint32_t *gateway, uint32_t *dns)
{
	if (line[0] == '-' && line[1] == '-')
		line += 2;
	if (line[0] == '\0' || line[0] == '#' || strcmp(line, "dhcp") == 0)
		return MLK_ERR_NOT_FOUND;
	if (strncmp(line, "addr=", 5) == 0) {
		const char *slash = strchr(line, '/');
		*mask = 0xffffff00u;
		if (!config_address(line + 5, addr) ||
		    (slash && !prefix(slash + 1, mask)))
			return MLK_ERR_BAD_FORMAT;
		return MLK_OK;
	}
	if (strncmp(line, "gateway=", 8) == 0)
		return config_address(line + 8, gateway) && !strchr(line, '/')
			       ? MLK_OK
			       : MLK_ERR_BAD_FORMAT;
	if (strncmp(line, "dns=", 4) == 0)
		return config_address(line + 4, dns) && !strchr(line, '/')
			       ? MLK_OK
			       : MLK_ERR_BAD_FORMAT;
	return MLK_ERR_BAD_FORMAT;
}
