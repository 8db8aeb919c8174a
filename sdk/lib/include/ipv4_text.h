/*
 * IPv4 addresses as text: four decimal parts of 0 to 255 with dots
 * between (RFC 791's dotted form, no leading signs, at most three digits
 * a part).  Shared by libmlk's mlk_net_addr_parse and the network
 * service's resolver and configuration, which the unit tests also build
 * for the build machine.
 */
#ifndef MLK_SDK_LIB_INCLUDE_IPV4_TEXT_H
#define MLK_SDK_LIB_INCLUDE_IPV4_TEXT_H

#include <stdint.h>

/* The address at the start of s in *addr (first part in the high byte):
 * what follows it, or NULL (and *addr untouched) if s does not start
 * with one. */
const char *ipv4_text_parse(const char *s, uint32_t *addr);

#endif
