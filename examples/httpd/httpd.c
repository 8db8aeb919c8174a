/*
 * httpd: an HTTP/1.0 and 1.1 server (RFC 9110, 9112) on port 80, or the
 * port its first argument names.  GET and HEAD of initfs:// at / and of
 * disk0:// at /disk/ (README.md).  Up to MAX_CONNS connections at once,
 * waited on together with mlk_net_poll, each one request: its head read
 * up to HTTP_REQUEST_MAX bytes, its reply sent as the peer takes it, and
 * closed after IDLE_NS without progress.
 */
#include <mlk/runtime.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "httpd.h"

static uint32_t listener;
static struct conn conns[MAX_CONNS];

static void drop(struct conn *c)
{
	reply_end(c);
	mlk_net_close(c->sock);
	c->used = false;
}

static void take_new(void)
{
	struct conn *c = NULL;
	uint32_t sock;
	struct mlk_net_peer peer;

	if (mlk_net_accept(listener, mlk_deadline_in(0), &sock, &peer) !=
	    MLK_OK)
		return;
	for (unsigned i = 0; i < MAX_CONNS && !c; i++)
		c = conns[i].used ? NULL : &conns[i];
	if (!c) { /* not polled for while full: cannot happen */
		mlk_net_close(sock);
		return;
	}
	memset(c, 0, offsetof(struct conn, in));
	c->used = true;
	c->sock = sock;
	c->peer = peer;
	c->deadline = mlk_deadline_in(IDLE_NS);
}

/* More of the head; its reply once it is whole or too long. */
static void read_head(struct conn *c)
{
	size_t got;
	mlk_status_t st = mlk_net_recv(c->sock, c->in + c->in_len,
				       sizeof(c->in) - c->in_len,
				       mlk_deadline_in(0), &got);

	if (st == MLK_ERR_TIMED_OUT)
		return;
	if (st != MLK_OK || !got) {
		drop(c); /* gone before it asked */
		return;
	}
	c->in_len += got;
	c->deadline = mlk_deadline_in(IDLE_NS);
	size_t end = http_head_end(c->in, c->in_len);
	if (end)
		c->in_len = end;
	if (end || c->in_len == sizeof(c->in))
		reply_start(c,
			    end ? 200 : http_head_too_long(c->in, c->in_len));
}

/* Send what the peer takes now; the end of the reply ends it. */
static void write_reply(struct conn *c)
{
	size_t sent;
	mlk_status_t st;

	if (c->out_off == c->out_len && c->file_left && !reply_refill(c)) {
		drop(c); /* the file shrank or failed: the peer sees it short */
		return;
	}
	st = mlk_net_send(c->sock, c->out + c->out_off, c->out_len - c->out_off,
			  mlk_deadline_in(0), &sent);
	if (st != MLK_OK && st != MLK_ERR_TIMED_OUT) {
		drop(c);
		return;
	}
	c->out_off += sent;
	if (sent)
		c->deadline = mlk_deadline_in(IDLE_NS);
	if (c->out_off == c->out_len && !c->file_left)
		drop(c); /* close sends the rest, then a FIN */
}

/* The sockets to wait on, and the earliest deadline (MLK_FOREVER, 0,
 * with no connection); map[i] the connection of polls[i] (NULL: the
 * listener). */
static unsigned gather(struct mlk_net_poll *polls, struct conn **map,
		       uint64_t *deadline)
{
	unsigned n = 0;

	*deadline = MLK_FOREVER;
	for (unsigned i = 0; i < MAX_CONNS; i++) {
		struct conn *c = &conns[i];
		if (!c->used)
			continue;
		polls[n] = (struct mlk_net_poll){
			c->sock,
			c->replying ? MLK_NET_WRITABLE : MLK_NET_READABLE, 0
		};
		map[n++] = c;
		if (*deadline == MLK_FOREVER || c->deadline < *deadline)
			*deadline = c->deadline;
	}
	if (n < MAX_CONNS) { /* room for one more */
		polls[n] =
			(struct mlk_net_poll){ listener, MLK_NET_READABLE, 0 };
		map[n++] = NULL;
	}
	return n;
}

static void expire(void)
{
	uint64_t now = mlk_clock_now();

	for (unsigned i = 0; i < MAX_CONNS; i++)
		if (conns[i].used && now >= conns[i].deadline)
			drop(&conns[i]);
}

static mlk_status_t listen_on(uint16_t port)
{
	mlk_status_t st = mlk_net_socket(MLK_NET_TCP, &listener);

	if (st == MLK_OK)
		st = mlk_net_bind(listener, MLK_NET_ANY, port);
	if (st == MLK_OK)
		st = mlk_net_listen(listener, 8);
	return st;
}

int main(int argc, char **argv)
{
	static struct mlk_net_poll polls[MAX_CONNS + 1];
	static struct conn *map[MAX_CONNS + 1];
	unsigned long port = 80;
	uint64_t deadline;
	mlk_status_t st;

	if (argc > 1) {
		char *end;
		port = strtoul(argv[1], &end, 10);
		if (*end || port == 0 || port > 65535) {
			printf("httpd: usage: httpd [PORT], PORT 1 to 65535\n");
			return 2;
		}
	}
	st = listen_on((uint16_t)port);
	if (st != MLK_OK) {
		printf("httpd: cannot listen on port %lu: %s\n", port,
		       mlk_status_str(st));
		return 1;
	}
	printf("httpd: serving initfs:// at / and disk0:// at /disk on port "
	       "%lu\n",
	       port);
	for (;;) {
		unsigned n = gather(polls, map, &deadline);
		st = mlk_net_poll(polls, n, deadline);
		expire();
		if (st == MLK_ERR_TIMED_OUT)
			continue;
		if (st != MLK_OK) {
			printf("httpd: the network is gone: %s\n",
			       mlk_status_str(st));
			return 1; /* init starts it again */
		}
		for (unsigned i = 0; i < n; i++) {
			if (!polls[i].ready || (map[i] && !map[i]->used))
				continue; /* nothing, or expired just now */
			if (!map[i])
				take_new();
			else if (map[i]->replying)
				write_reply(map[i]);
			else
				read_head(map[i]);
		}
	}
}
