/*
 * Output: writes go into the output ring, the ring into the UART's
 * transmit FIFO.  When the FIFO is full the transmit interrupt is turned
 * on; it comes when the FIFO drains to half (a level crossing, which is
 * why it is only armed with the FIFO full) and the ring is pumped again.
 * A write that does not fit waits, its reply saved, with the rest of its
 * bytes; later writes queue behind it, so output keeps its order.
 */
#include <string.h>

#include "console.h"
#include "uart.h"

static void fill_fifo(struct console *c)
{
	while (ring_used(&c->tx) && !uart_tx_full()) {
		uart_tx_write(ring_get(&c->tx));
		c->sent++;
	}
}

static void answer_writer(struct writer *w)
{
	struct mlk_msg m = { .label = MLK_OK, .nwords = 1, .w = { w->len } };
	mlk_status_t st = mlk_msg_reply_to(w->reply, &m);

	/* A writer that died meanwhile has its bytes sent all the same. */
	if (st != MLK_OK && st != MLK_ERR_PEER_CLOSED)
		mlk_handle_close(w->reply);
}

/* Move waiting writers' bytes into the ring, oldest first. */
static void take_writers(struct console *c)
{
	while (c->nwriters) {
		struct writer *w = &c->writers[c->first_writer];
		w->done += ring_write(&c->tx, w->bytes + w->done,
				      w->len - w->done);
		if (w->done < w->len)
			return;
		answer_writer(w);
		c->first_writer = (c->first_writer + 1) % MAX_WRITERS;
		c->nwriters--;
	}
}

void output_pump(struct console *c)
{
	do {
		fill_fifo(c);
		take_writers(c);
	} while (ring_used(&c->tx) && !uart_tx_full());
	/* Bytes left means the FIFO is full now. */
	uart_tx_irq(ring_used(&c->tx) != 0);
}

/* Queue a write that must wait, with the bytes the ring cannot take. */
static mlk_status_t wait_for_room(struct console *c, const uint8_t *p,
				  uint32_t len)
{
	mlk_handle_t reply;
	mlk_status_t st;

	if (c->nwriters == MAX_WRITERS)
		return MLK_ERR_NO_RESOURCES;
	st = mlk_reply_save(&reply);
	if (st != MLK_OK)
		return st;
	struct writer *w =
		&c->writers[(c->first_writer + c->nwriters) % MAX_WRITERS];
	w->reply = reply;
	w->len = len;
	/* Only with nobody queued ahead may it go into the ring now. */
	w->done = c->nwriters ? 0 : ring_write(&c->tx, p, len);
	memcpy(w->bytes + w->done, p + w->done, len - w->done);
	c->nwriters++;
	output_pump(c);
	return MLK_DEFERRED;
}

/* The write itself: all of it, what fits (nonblock), or deferred. */
static mlk_status_t write_bytes(struct console *c, const uint8_t *p,
				uint32_t len, bool nonblock, uint32_t *taken)
{
	if (!c->nwriters && ring_room(&c->tx) >= len) {
		ring_write(&c->tx, p, len);
		output_pump(c);
		*taken = len;
		return MLK_OK;
	}
	if (!nonblock) {
		*taken = len; /* once there is room */
		return wait_for_room(c, p, len);
	}
	*taken = c->nwriters ? 0 : ring_write(&c->tx, p, len);
	output_pump(c);
	return *taken || !len ? MLK_OK : MLK_ERR_UNAVAILABLE;
}

mlk_status_t output_write(struct console *c, const uint8_t *p, uint32_t len,
			  bool nonblock, bool editor, uint32_t *taken)
{
	mlk_status_t st;

	/* Room the FIFO can make first. */
	output_pump(c);
	editor_before_write(c, editor, len);
	st = write_bytes(c, p, len, nonblock, taken);
	if (st == MLK_OK || st == MLK_DEFERRED)
		editor_after_write(c, editor, p, *taken);
	return st;
}
