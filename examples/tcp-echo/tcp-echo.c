/*
 * tcp-echo: a TCP echo server (RFC 862) on port 7, or the port its first
 * argument names.  Each connection is served until its peer closes it;
 * up to MAX_CONNS at once, waited on together with mlk_net_poll.
 */
#include <mlk/net.h>
#include <mlk/runtime.h>

#include <stdio.h>
#include <stdlib.h>

#define MAX_CONNS 16

static uint32_t listener;
static struct mlk_net_poll polls[1 + MAX_CONNS];
static unsigned nconns;
static char buf[MLK_NET_WINDOW_SIZE];

static void drop(unsigned i)
{
	mlk_net_close(polls[i].sock);
	polls[i] = polls[nconns--];
}

static void take_new(void)
{
	uint32_t c;

	if (mlk_net_accept(listener, mlk_deadline_in(0), &c, NULL) != MLK_OK)
		return;
	if (nconns == MAX_CONNS) {
		mlk_net_close(c);
		return;
	}
	polls[++nconns] = (struct mlk_net_poll){ c, MLK_NET_READABLE, 0 };
}

/* Echo what came; false when the connection is over. */
static bool echo(uint32_t sock)
{
	size_t got;

	if (mlk_net_recv(sock, buf, sizeof(buf), MLK_FOREVER, &got) != MLK_OK ||
	    got == 0)
		return false;
	return mlk_net_send(sock, buf, got, MLK_FOREVER, NULL) == MLK_OK;
}

int main(int argc, char **argv)
{
	uint16_t port = argc > 1 ? (uint16_t)atoi(argv[1]) : 7;
	mlk_status_t st = mlk_net_socket(MLK_NET_TCP, &listener);

	if (st == MLK_OK)
		st = mlk_net_bind(listener, MLK_NET_ANY, port);
	if (st == MLK_OK)
		st = mlk_net_listen(listener, 8);
	if (st != MLK_OK) {
		printf("tcp-echo: cannot listen on port %u: %s\n", port,
		       mlk_status_str(st));
		return 1;
	}
	printf("tcp-echo: listening on port %u\n", port);
	polls[0] = (struct mlk_net_poll){ listener, MLK_NET_READABLE, 0 };
	for (;;) {
		if (mlk_net_poll(polls, 1 + nconns, MLK_FOREVER) != MLK_OK)
			return 1;
		for (unsigned i = nconns; i >= 1; i--)
			if (polls[i].ready && !echo(polls[i].sock))
				drop(i);
		if (polls[0].ready)
			take_new();
	}
}
