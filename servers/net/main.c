/*
 * net, the network service: an IPv4 stack with TCP over the Ethernet
 * driver net0, serving sockets under the name "net" (mlk/proto/net.h;
 * see README.md).
 *
 * 1. read the static configuration, if the arguments give one;
 * 2. bind a notification to this thread for the driver's events and
 *    the close notices of sessions' handles;
 * 3. register the name, find the driver (DHCP starts once it is there);
 * 4. serve: requests, frames and the clock, for good.
 */
#include <mlk/names.h>
#include <mlk/random.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdio.h>
#include <string.h>

#include "service.h"

struct service svc;

static void apply(const char *line, uint32_t *a, uint32_t *m, uint32_t *g,
		  uint32_t *d)
{
	if (config_parse(line, a, m, g, d) == MLK_ERR_BAD_FORMAT)
		printf("net: ignored setting \"%s\"\n", line);
}

static void configure(int argc, char **argv)
{
	uint32_t addr = 0, mask = 0, gw = 0, dns = 0;

	for (int i = 1; i < argc; i++)
		apply(argv[i], &addr, &mask, &gw, &dns);
	if (!addr)
		return;
	net_set_address(&svc.net, addr, mask, gw, dns, NET_STATIC);
	printf("net: static address %u.%u.%u.%u\n", addr >> 24,
	       addr >> 16 & 0xff, addr >> 8 & 0xff, addr & 0xff);
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
	mlk_handle_t pub;
	mlk_status_t st = mlk_handle_duplicate(
		svc.ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC, &pub);

	if (st == MLK_OK)
		st = mlk_names_register("net", pub);
	return st;
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
	configure(argc, argv);
	mlk_status_t st = wire_events();
	if (st == MLK_OK)
		st = publish();
	if (st != MLK_OK) {
		printf("net: cannot start: %s\n", mlk_status_str(st));
		return 1;
	}
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
