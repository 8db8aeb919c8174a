/*
 * The console's requests (protocol: mlk/proto/console.h), decoded and
 * checked here, served by input.c and output.c.
 */
#include <string.h>

#include "console.h"
#include "uart.h"

/* The console takes no handles: close any a request brought. */
static void drop_handles(const struct mlk_msg *in)
{
	for (uint32_t i = 0; i < in->nhandles; i++)
		mlk_handle_close(in->h[i]);
}

static mlk_status_t do_write(const struct mlk_msg *in, struct mlk_msg *out,
			     void *ctx)
{
	uint64_t len = in->nwords ? in->w[0] & ~MLK_CONSOLE_WRITE_FLAGS : 0;
	bool nonblock = in->nwords && (in->w[0] & MLK_CONSOLE_NONBLOCK);
	bool editor = in->nwords && (in->w[0] & MLK_CONSOLE_EDITOR);
	uint32_t taken = 0;

	drop_handles(in);
	if (!in->nwords || len > MLK_CONSOLE_INLINE_MAX ||
	    in->nwords < 1 + (len + 7) / 8)
		return MLK_ERR_BAD_ARG(0);
	mlk_status_t st = output_write(ctx, (const uint8_t *)&in->w[1],
				       (uint32_t)len, nonblock, editor, &taken);
	out->nwords = 1;
	out->w[0] = taken;
	return st;
}

static mlk_status_t do_read(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	uint64_t flags = in->nwords > 1 ? in->w[1] : 0;

	drop_handles(in);
	if (!in->nwords || in->w[0] == 0 || in->w[0] > MLK_CONSOLE_INLINE_MAX)
		return MLK_ERR_BAD_ARG(0);
	if (flags & ~(MLK_CONSOLE_NONBLOCK | MLK_CONSOLE_EDITOR))
		return MLK_ERR_BAD_ARG(1);
	return input_read(ctx, (uint32_t)in->w[0], flags & MLK_CONSOLE_NONBLOCK,
			  flags & MLK_CONSOLE_EDITOR, out);
}

static mlk_status_t do_info(const struct mlk_msg *in, struct mlk_msg *out,
			    void *ctx)
{
	struct console *c = ctx;

	drop_handles(in);
	input_poll(c);
	out->nwords = 4;
	out->w[0] = c->received;
	out->w[1] = c->sent;
	out->w[2] = c->lost;
	out->w[3] = c->nreaders;
	return MLK_OK;
}

const struct mlk_service_op console_ops[] = {
	{ MLK_CONSOLE_WRITE, do_write },
	{ MLK_CONSOLE_READ, do_read },
	{ MLK_CONSOLE_INFO, do_info },
};
const unsigned console_nops = sizeof(console_ops) / sizeof(console_ops[0]);

void console_interrupt(struct console *c)
{
	uart_irq_clear();
	output_pump(c);
	input_poll(c);
}
