/*
 * Commands about the network (the service "net", mlk/net.h): ifconfig,
 * ping, resolve, fetch, netstat.
 */
#include <mlk/net.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

#define NET_WAIT_NS (5 * 1000000000ull)
#define PING_SIZE 56 /* data bytes, as the familiar ping sends */
#define PING_COUNT_MAX 1000
#define FETCH_HOST_MAX 64

static const char *config_name(enum mlk_net_config c)
{
	switch (c) {
	case MLK_NET_CONFIG_DHCP:
		return "asking DHCP";
	case MLK_NET_CONFIG_STATIC:
		return "static";
	case MLK_NET_CONFIG_LEASED:
		return "DHCP";
	default:
		return "no link";
	}
}

/* The input dropped, by reason: one line, so a test can read it. */
static void print_drops(const struct mlk_net_drops *d)
{
	printf("  rx dropped: ethernet %lu arp %lu ip %lu fragment %lu "
	       "icmp %lu udp %lu tcp %lu no-port %lu syn %lu\n",
	       (unsigned long)d->eth, (unsigned long)d->arp,
	       (unsigned long)d->ip, (unsigned long)d->fragment,
	       (unsigned long)d->icmp, (unsigned long)d->udp,
	       (unsigned long)d->tcp, (unsigned long)d->no_port,
	       (unsigned long)d->syn);
}

/* ifconfig: the interface, its addresses and counters. */
int cmd_ifconfig(int argc, char **argv, const struct command_line *cl)
{
	struct mlk_net_info i;
	char a[MLK_NET_ADDR_SIZE], m[MLK_NET_ADDR_SIZE], g[MLK_NET_ADDR_SIZE],
		d[MLK_NET_ADDR_SIZE];
	mlk_status_t st = mlk_net_info(&i);

	if (st != MLK_OK) {
		shell_error("ifconfig", "net", st);
		return 1;
	}
	mlk_net_addr_format(i.addr, a);
	mlk_net_addr_format(i.mask, m);
	mlk_net_addr_format(i.gateway, g);
	mlk_net_addr_format(i.dns, d);
	printf("net0: ether %02x:%02x:%02x:%02x:%02x:%02x (%s)\n", i.mac[0],
	       i.mac[1], i.mac[2], i.mac[3], i.mac[4], i.mac[5],
	       config_name(i.config));
	printf("  inet %s netmask %s gateway %s dns %s\n", a, m, g, d);
	printf("  rx %lu frames %lu bytes, dropped %lu\n",
	       (unsigned long)i.rx_frames, (unsigned long)i.rx_bytes,
	       (unsigned long)i.rx_dropped);
	printf("  tx %lu frames %lu bytes, dropped %lu, retransmits %lu\n",
	       (unsigned long)i.tx_frames, (unsigned long)i.tx_bytes,
	       (unsigned long)i.tx_dropped, (unsigned long)i.retransmits);
	print_drops(&i.drops);
	return 0;
}

static mlk_status_t lookup(const char *cmd, const char *host, uint32_t *addr)
{
	mlk_status_t st =
		mlk_net_resolve(host, mlk_deadline_in(NET_WAIT_NS), addr);

	if (st != MLK_OK)
		shell_error(cmd, host, st);
	return st;
}

static void print_ms(uint64_t ns)
{
	printf("%lu.%03lu ms", (unsigned long)(ns / 1000000),
	       (unsigned long)(ns / 1000 % 1000));
}

/* ping HOST [COUNT]: echo requests a second apart, a line per reply,
 * then the loss and the round trips' minimum, average and maximum. */
int cmd_ping(int argc, char **argv, const struct command_line *cl)
{
	unsigned long count = 4;
	char *end, a[MLK_NET_ADDR_SIZE];
	uint32_t addr;
	uint64_t min = 0, max = 0, sum = 0;
	unsigned got = 0;

	if (argc > 2) {
		count = strtoul(argv[2], &end, 10);
		if (*end || count == 0 || count > PING_COUNT_MAX) {
			printf("ping: COUNT must be 1 to %u\n", PING_COUNT_MAX);
			return 1;
		}
	}
	if (lookup("ping", argv[1], &addr) != MLK_OK)
		return 1;
	mlk_net_addr_format(addr, a);
	printf("PING %s (%s): %u data bytes\n", argv[1], a, PING_SIZE);
	for (unsigned long seq = 1; seq <= count; seq++) {
		uint64_t next = mlk_deadline_in(1000000000ull);
		struct mlk_net_ping_reply r;
		mlk_status_t st =
			mlk_net_ping(addr, (uint16_t)seq, PING_SIZE, next, &r);
		if (st == MLK_OK) {
			printf("%u bytes from %s: icmp_seq=%lu ttl=%u time=",
			       (unsigned)r.bytes, a, seq, (unsigned)r.ttl);
			print_ms(r.rtt_ns);
			printf("\n");
			min = got == 0 || r.rtt_ns < min ? r.rtt_ns : min;
			max = r.rtt_ns > max ? r.rtt_ns : max;
			sum += r.rtt_ns;
			got++;
		} else if (st != MLK_ERR_TIMED_OUT) {
			shell_error("ping", a, st);
			return 1;
		}
		if (seq < count)
			mlk_sleep(next);
	}
	printf("--- %s ping statistics ---\n", argv[1]);
	printf("%lu packets transmitted, %u received, %lu%% packet loss\n",
	       count, got, (count - got) * 100 / count);
	if (got) {
		printf("round-trip min/avg/max = ");
		print_ms(min);
		printf(" / ");
		print_ms(sum / got);
		printf(" / ");
		print_ms(max);
		printf("\n");
	}
	return got ? 0 : 1;
}

/* resolve NAME: its address through the DNS server. */
int cmd_resolve(int argc, char **argv, const struct command_line *cl)
{
	char a[MLK_NET_ADDR_SIZE];
	uint32_t addr;

	if (lookup("resolve", argv[1], &addr) != MLK_OK)
		return 1;
	mlk_net_addr_format(addr, a);
	printf("%s is %s\n", argv[1], a);
	return 0;
}

/* "http://host[:port]/path" into its parts; false if it is not one. */
static bool parse_url(const char *url, char *host, uint16_t *port,
		      const char **path)
{
	if (strncmp(url, "http://", 7) != 0)
		return false;
	const char *h = url + 7, *end = h + strcspn(h, ":/");
	if (end == h || (size_t)(end - h) >= FETCH_HOST_MAX)
		return false;
	memcpy(host, h, (size_t)(end - h));
	host[end - h] = '\0';
	*port = 80;
	if (*end == ':') {
		char *after;
		unsigned long p = strtoul(end + 1, &after, 10);
		if (after == end + 1 || p == 0 || p > 65535)
			return false;
		*port = (uint16_t)p;
		end = after;
	}
	*path = *end == '/' ? end : "/";
	return *end == '/' || *end == '\0';
}

/* Print the body of the reply: what follows the blank line after the
 * headers. */
static mlk_status_t print_body(uint32_t sock)
{
	static char buf[4096];
	unsigned matched = 0; /* of "\r\n\r\n" */
	bool body = false;
	size_t got;
	mlk_status_t st;

	while ((st = mlk_net_recv(sock, buf, sizeof(buf),
				  mlk_deadline_in(NET_WAIT_NS), &got)) ==
		       MLK_OK &&
	       got) {
		size_t i = 0;
		while (!body && i < got) {
			char want = "\r\n\r\n"[matched];
			matched = buf[i++] == want     ? matched + 1
				  : buf[i - 1] == '\r' ? 1
						       : 0;
			body = matched == 4;
		}
		printf("%.*s", (int)(got - i), buf + i);
	}
	fflush(stdout);
	return st;
}

/* fetch http://host[:port]/path: an HTTP/1.0 GET; prints the body. */
int cmd_fetch(int argc, char **argv, const struct command_line *cl)
{
	char host[FETCH_HOST_MAX], req[MLK_PATH_MAX + 2 * FETCH_HOST_MAX];
	const char *path;
	uint16_t port;
	uint32_t addr, sock;
	mlk_status_t st;

	if (!parse_url(argv[1], host, &port, &path)) {
		printf("fetch: %s: not an http:// URL\n", argv[1]);
		return 1;
	}
	if (lookup("fetch", host, &addr) != MLK_OK)
		return 1;
	st = mlk_net_socket(MLK_NET_TCP, &sock);
	if (st != MLK_OK) {
		shell_error("fetch", "socket", st);
		return 1;
	}
	int n = snprintf(req, sizeof(req),
			 "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", path, host);
	st = mlk_net_connect(sock, addr, port, mlk_deadline_in(NET_WAIT_NS));
	if (st == MLK_OK)
		st = mlk_net_send(sock, req, (size_t)n,
				  mlk_deadline_in(NET_WAIT_NS), NULL);
	if (st == MLK_OK)
		st = print_body(sock);
	mlk_net_close(sock);
	if (st != MLK_OK) {
		shell_error("fetch", argv[1], st);
		return 1;
	}
	return 0;
}

static const char *state_name(enum mlk_net_state s)
{
	static const char *const names[] = {
		"CLOSED",      "LISTEN",     "SYN_SENT",   "SYN_RECEIVED",
		"ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT",
		"CLOSING",     "LAST_ACK",   "TIME_WAIT",
	};

	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

static void show_socket(const struct mlk_net_socket_info *i)
{
	char l[MLK_NET_ADDR_SIZE + 6], r[MLK_NET_ADDR_SIZE + 6];
	char a[MLK_NET_ADDR_SIZE];

	mlk_net_addr_format(i->local.addr, a);
	snprintf(l, sizeof(l), "%s:%u", i->local.addr ? a : "*",
		 (unsigned)i->local.port);
	mlk_net_addr_format(i->remote.addr, a);
	snprintf(r, sizeof(r), "%s:%u", i->remote.addr ? a : "*",
		 (unsigned)i->remote.port);
	printf("%-4s %-21s %-21s %-12s %lu/%lu\n",
	       i->type == MLK_NET_TCP ? "tcp" : "udp", l, r,
	       i->type == MLK_NET_TCP ? state_name(i->state) : "-",
	       (unsigned long)i->unread, (unsigned long)i->unacked);
}

/* netstat: every socket of the stack and its state. */
int cmd_netstat(int argc, char **argv, const struct command_line *cl)
{
	struct mlk_net_socket_info i;
	mlk_status_t st;

	printf("%-4s %-21s %-21s %-12s %s\n", "PROTO", "LOCAL", "REMOTE",
	       "STATE", "UNREAD/UNACKED");
	for (unsigned k = 0; (st = mlk_net_list(k, &i)) == MLK_OK;
	     k = i.index + 1)
		show_socket(&i);
	if (st != MLK_ERR_NOT_FOUND) {
		shell_error("netstat", "net", st);
		return 1;
	}
	return 0;
}
