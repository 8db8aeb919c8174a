/*
 * The console service: the PL011 in user space (see README.md).
 *
 * console.c starts it and runs the service loop; requests.c decodes
 * requests; input.c and output.c keep the rings and the clients waiting
 * on them; uart.c touches the registers.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

#include <mlk/msg.h>
#include <mlk/service.h>
#include <mlk/proto/console.h>

#include "ring.h"

/* Clients that may wait at once, each way.  More get
 * MLK_ERR_NO_RESOURCES. */
#define MAX_READERS 16
#define MAX_WRITERS 16

/* A READ waiting for input: its saved reply, how much it wants. */
struct reader {
	mlk_handle_t reply;
	uint32_t max;
};

/* A WRITE waiting for room: the bytes not yet in the output ring. */
struct writer {
	mlk_handle_t reply;
	uint32_t len;  /* bytes of the request */
	uint32_t done; /* of which in the ring */
	uint8_t bytes[MLK_CONSOLE_INLINE_MAX];
};

struct console {
	struct ring rx, tx;
	/* Queues in order of arrival: `first` is the oldest. */
	struct reader readers[MAX_READERS];
	unsigned first_reader, nreaders;
	struct writer writers[MAX_WRITERS];
	unsigned first_writer, nwriters;
	uint64_t received, sent, lost;
};

/* input.c */
/* Move what the UART received into the input ring (also bytes whose
 * interrupt has not come yet) and answer waiting readers with it. */
void input_poll(struct console *c);
/* A READ of up to max bytes: answered now (MLK_OK, bytes in *out), or
 * MLK_ERR_UNAVAILABLE if nonblock and there is nothing, or deferred. */
mlk_status_t input_read(struct console *c, uint32_t max, bool nonblock,
			struct mlk_msg *out);

/* output.c */
/* Feed the UART from the output ring and the ring from waiting writers. */
void output_pump(struct console *c);
/* A WRITE of len bytes: taken (all, or with nonblock *taken of them), or
 * deferred until there is room. */
mlk_status_t output_write(struct console *c, const uint8_t *p, uint32_t len,
			  bool nonblock, uint32_t *taken);

/* requests.c: the service's operations (mlk_serve's ctx is the console). */
extern const struct mlk_service_op console_ops[];
extern const unsigned console_nops;
/* The UART interrupted: serve both ways.  The caller acknowledges the
 * IRQ afterwards. */
void console_interrupt(struct console *c);

#endif
