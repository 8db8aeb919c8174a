/*
 * net, the network service: an IPv4 stack with TCP over the Ethernet
 * driver net0, serving sockets under the name "net" (mlk/proto/net.h;
 * see README.md).
 *
 * 1. bind a notification to this thread for the driver's events and
 *    the close notices of sessions' handles;
 * 2. register the name (requests wait in the endpoint until 4);
 * 3. read the static configuration, if the arguments or /etc/net.conf
 *    give one (the file may wait for initfs to start);
 * 4. serve: requests, frames and the clock, for good; the driver is
 *    looked up as the loop goes (DHCP starts once it is there).
 */
#include <mlk/names.h>
#include <mlk/random.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <string.h>

#include "service.h"

struct service svc;

/* The arguments, if they set an address; else /etc/net.conf, if it
 * does; else DHCP, once the driver is there. */
static void configure(int argc, char **argv)
{
	struct net_config c = { 0 };
	const char *from = "the arguments";
	uint32_t a;

	for (int i = 1; i < argc; i++)
		if (config_parse(argv[i], &c) == MLK_ERR_BAD_FORMAT)
			printf("net: ignored setting \"%s\"\n", argv[i]);
	if (!c.addr && (c.gateway || c.dns))
		printf("net: gateway= and dns= without addr= ignored\n");
	if (!c.addr) {
		memset(&c, 0, sizeof(c));
		if (!conf_file_read(&c))
			return;
		from = NET_CONF_URI;
	}
	net_set_address(&svc.net, c.addr, c.mask, c.gateway, c.dns, NET_STATIC);
	if (c.dns_port)
		svc.net.dns_server_port = c.dns_port;
	a = c.addr;
	printf("net: static address %u.%u.%u.%u from %s\n", a >> 24,
	       a >> 16 & 0xff, a >> 8 & 0xff, a & 0xff, from);
}

static mlk_status_t wire_events(void)
{
	mlk_status_t st = mlk_notification_create(&svc.notification);

	if (st == MLK_OK)
		st = mlk_thread_bind_notification(MLK_HANDLE_SELF_THREAD,
						  svc.notification);
	if (st == MLK_OK)
		st = mlk_endpoint_create(&svc.ep);
	if (st == MLK_OK)
		st = mlk_endpoint_close_notify(svc.ep, svc.notification,
					       CLOSED_BIT);
	return st;
}

static mlk_status_t publish(void)
{
	return mlk_names_publish("net", svc.ep);
}

static void now(void)
{
	svc.net.now = mlk_clock_now();
}

static void report_address(void)
{
	static uint32_t told;
	uint32_t a = svc.net.addr;

	if (a == told || svc.net.config != NET_LEASED)
		return;
	told = a;
	printf("net: address %u.%u.%u.%u from DHCP\n", a >> 24, a >> 16 & 0xff,
	       a >> 8 & 0xff, a & 0xff);
}

/* Before every wait: the driver's frames, the requests that wait, the
 * frames they made; then when the clock next matters. */
static uint64_t next_deadline(void *ctx)
{
	uint64_t next;

	now();
	link_try(&svc);
	link_flush(&svc);
	waits_run(&svc);
	link_flush(&svc);
	report_address();
	next = net_next_timer(&svc.net);
	uint64_t w = waits_next_deadline(&svc);
	if (w && (!next || w < next))
		next = w;
	/* Linked, an exchange at least every RELINK_NS: a driver that ended
	 * is noticed only when an exchange fails (link.c). */
	uint64_t link_at = svc.linked ? svc.net.now + RELINK_NS : svc.relink_at;
	if (!next || link_at < next)
		next = link_at;
	return next;
}

static void on_timeout(void *ctx)
{
	now();
	net_tick(&svc.net);
}

static void on_notify(uint64_t bits, void *ctx)
{
	now();
	if (bits & CLOSED_BIT)
		sessions_closed(&svc);
	/* DRIVER_BIT: next_deadline exchanges with the driver anyway. */
}

int main(int argc, char **argv)
{
	static const uint8_t no_mac[ETH_ALEN];
	uint64_t secret = 0;

	/* The key of RFC 6528's sequence numbers; without an entropy
	 * service the clock at start is what there is. */
	if (mlk_random(&secret, sizeof(secret)) != MLK_OK)
		secret = mlk_clock_now() * 0x9e3779b97f4a7c15ull;
	net_init(&svc.net, no_mac, secret);
	svc.net.send_frame = link_send_frame;
	svc.net.ctx = &svc;
	mlk_status_t st = wire_events();
	if (st == MLK_OK)
		st = publish();
	if (st != MLK_OK) {
		printf("net: cannot start: %s\n", mlk_status_str(st));
		return 1;
	}
	configure(argc, argv);
	struct mlk_service service = {
		.ep = svc.ep,
		.ops = net_ops,
		.nops = net_nops,
		.ctx = &svc,
		.on_notify = on_notify,
		.deadline = next_deadline,
		.on_timeout = on_timeout,
	};
	st = mlk_serve(&service);
	printf("net: cannot serve: %s\n", mlk_status_str(st));
	return 1;
}
