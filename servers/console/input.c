/*
 * Input: bytes from the UART into the input ring, and from the ring to
 * the readers, first come, first served.  A reader whose process died
 * meanwhile cannot be answered (its saved reply gives PEER_CLOSED); its
 * bytes then go to the next reader.
 */
#include <string.h>

#include "console.h"
#include "uart.h"

/* Move what the UART received into the input ring. */
static void drain(struct console *c)
{
	while (!uart_rx_empty()) {
		uint32_t d = uart_rx_read();
		if (d & UART_DR_BE)
			continue; /* a break on the line carries no byte */
		c->received++;
		/* The FIFO was full: what came after this byte is gone. */
		if (d & UART_DR_OE)
			c->lost++;
		if (ring_room(&c->rx))
			ring_put(&c->rx, (uint8_t)d);
		else
			c->lost++;
	}
}

/* The first n (<= max) bytes of input into a READ reply, not yet taken. */
static uint32_t fill_reply(const struct console *c, uint32_t max,
			   struct mlk_msg *m)
{
	uint32_t n = ring_used(&c->rx);

	if (n > max)
		n = max;
	m->label = MLK_OK;
	m->w[0] = n;
	ring_peek(&c->rx, (uint8_t *)&m->w[1], n);
	m->nwords = 1 + (n + 7) / 8;
	return n;
}

/* Answer waiting readers while there is input. */
static void serve(struct console *c)
{
	struct mlk_msg m;

	while (c->nreaders && ring_used(&c->rx)) {
		struct reader *r = &c->readers[c->first_reader];
		memset(&m, 0, sizeof(m));
		uint32_t n = fill_reply(c, r->max, &m);
		mlk_status_t st = mlk_msg_reply_to(r->reply, &m);
		if (st == MLK_OK)
			ring_drop(&c->rx, n);
		else if (st != MLK_ERR_PEER_CLOSED)
			mlk_handle_close(r->reply); /* cancels the caller */
		c->first_reader = (c->first_reader + 1) % MAX_READERS;
		c->nreaders--;
	}
}

void input_poll(struct console *c)
{
	drain(c);
	serve(c);
}

void input_redraw(struct console *c)
{
	struct reader *r = &c->readers[c->first_reader];
	struct mlk_msg m;

	if (!c->nreaders || !r->editor || !editor_take_redraw(c, &m))
		return;
	if (mlk_msg_reply_to(r->reply, &m) != MLK_OK)
		mlk_handle_close(r->reply);
	c->first_reader = (c->first_reader + 1) % MAX_READERS;
	c->nreaders--;
}

mlk_status_t input_read(struct console *c, uint32_t max, bool nonblock,
			bool editor, struct mlk_msg *out)
{
	mlk_handle_t reply;
	mlk_status_t st;

	/* A redraw comes before input: the line is drawn, then edited. */
	if (editor && editor_take_redraw(c, out))
		return MLK_OK;
	input_poll(c);
	/* Readers left waiting means the ring is empty: none is skipped. */
	if (ring_used(&c->rx)) {
		ring_drop(&c->rx, fill_reply(c, max, out));
		return MLK_OK;
	}
	if (nonblock)
		return MLK_ERR_UNAVAILABLE;
	if (c->nreaders == MAX_READERS)
		return MLK_ERR_NO_RESOURCES;
	st = mlk_reply_save(&reply);
	if (st != MLK_OK)
		return st;
	struct reader *r =
		&c->readers[(c->first_reader + c->nreaders) % MAX_READERS];
	r->reply = reply;
	r->max = max;
	r->editor = editor;
	c->nreaders++;
	return MLK_DEFERRED;
}
