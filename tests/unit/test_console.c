/*
 * Unit tests of the console's queues (input.c, output.c) and request
 * checks (requests.c) on the build machine: a simulated PL011
 * (uart_sim.c) with a line the tests drain by hand, and fake saved
 * replies.  Under QEMU the transmit FIFO never fills, so waiting writers
 * are tested only here.
 */
#include "unit.h"

#include "console.h"
#include "fakes.h"
#include "uart.h"

/* ---- fake system calls --------------------------------------------------- */

#define REPLY_BASE 0x1000u
#define MAX_REPLIES 64

static struct fake_reply {
	bool saved, consumed, closed;
	bool dead;	   /* the caller is gone: PEER_CLOSED */
	mlk_status_t fail; /* reply_to fails with this (not consumed) */
	unsigned order;	   /* when it was answered (1, 2, ...) */
	struct mlk_msg msg;
} replies[MAX_REPLIES];
static unsigned nreplies, answers;
static mlk_status_t save_fails; /* mlk_reply_save returns this if set */
static unsigned other_closes;	/* handles closed that are not replies */

static struct fake_reply *reply_of(mlk_handle_t h)
{
	ck_assert_uint_ge(h, REPLY_BASE);
	ck_assert_uint_lt(h, REPLY_BASE + nreplies);
	return &replies[h - REPLY_BASE];
}

mlk_status_t mlk_reply_save(mlk_handle_t *reply)
{
	if (save_fails)
		return save_fails;
	ck_assert_uint_lt(nreplies, MAX_REPLIES);
	replies[nreplies].saved = true;
	*reply = REPLY_BASE + nreplies++;
	return MLK_OK;
}

mlk_status_t mlk_msg_reply_to(mlk_handle_t h, const struct mlk_msg *m)
{
	struct fake_reply *r = reply_of(h);

	ck_assert(!r->consumed && !r->closed);
	if (r->fail)
		return r->fail;
	r->consumed = true;
	if (r->dead)
		return MLK_ERR_PEER_CLOSED;
	r->msg = *m;
	r->order = ++answers;
	return MLK_OK;
}

mlk_status_t mlk_handle_close(mlk_handle_t h)
{
	if (h >= REPLY_BASE && h < REPLY_BASE + nreplies) {
		struct fake_reply *r = reply_of(h);
		ck_assert(!r->consumed && !r->closed);
		r->closed = true;
	} else {
		other_closes++;
	}
	return MLK_OK;
}

/* ---- driving the console ------------------------------------------------- */

static struct console con;

static void setup(void)
{
	sim_reset();
	uart_rx_irq_on(); /* as console.c does before serving */
}

/* A request as mlk_serve makes it: out zeroed, its label the status. */
static mlk_status_t request(struct mlk_msg *in, struct mlk_msg *out)
{
	for (unsigned i = 0; i < console_nops; i++) {
		if (console_ops[i].label != in->label)
			continue;
		memset(out, 0, sizeof(*out));
		mlk_status_t st = console_ops[i].fn(in, out, &con);
		if (st != MLK_DEFERRED)
			out->label = (uint32_t)st;
		return st;
	}
	ck_abort_msg("no operation for label %#x", in->label);
	return MLK_ERR_FAILED;
}

static mlk_status_t do_write(const void *p, size_t n, bool nonblock,
			     uint64_t *taken)
{
	struct mlk_msg in = { .label = MLK_CONSOLE_WRITE }, out;

	in.nwords = 1 + (unsigned)(n + 7) / 8;
	in.w[0] = n | (nonblock ? MLK_CONSOLE_NONBLOCK : 0);
	memcpy(&in.w[1], p, n);
	mlk_status_t st = request(&in, &out);
	if (taken)
		*taken = out.w[0];
	return st;
}

static mlk_status_t do_read(uint64_t max, bool nonblock, struct mlk_msg *out)
{
	struct mlk_msg in = {
		.label = MLK_CONSOLE_READ,
		.nwords = 2,
		.w = { max, nonblock ? MLK_CONSOLE_NONBLOCK : 0 },
	};

	return request(&in, out);
}

static void do_info(struct mlk_msg *out)
{
	struct mlk_msg in = { .label = MLK_CONSOLE_INFO };

	ck_assert_int_eq(request(&in, out), MLK_OK);
	ck_assert_uint_eq(out->nwords, 4);
}

/* Deliver interrupts while the UART raises one; never a storm. */
static void interrupts(void)
{
	for (int i = 0; sim_irq_pending(); i++) {
		ck_assert_int_lt(i, 10000);
		console_interrupt(&con);
	}
}

/* The line sends `step` bytes at a time until the console has nothing
 * left to send. */
static void line_runs(size_t step)
{
	for (int i = 0; sim_tx_fifo() || ring_used(&con.tx) || con.nwriters;
	     i++) {
		ck_assert_int_lt(i, 100000);
		sim_transmit(step);
		interrupts();
	}
	ck_assert(!sim_tx_irq_on());
}

static void receive(const char *s)
{
	while (*s)
		ck_assert(sim_receive((uint8_t)*s++));
}

/* A distinct byte pattern per write. */
static void pattern(uint8_t *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed * 31 + i * 7);
}

static void check_wire(const uint8_t *want, size_t n)
{
	size_t len;
	const uint8_t *wire = sim_wire(&len);

	ck_assert_uint_eq(len, n);
	ck_assert(!memcmp(wire, want, n));
}

#define MAXW MLK_CONSOLE_INLINE_MAX
/* Writes of MAXW bytes that go straight into the FIFO and the ring. */
#define FITTING ((RING_SIZE + SIM_FIFO) / MAXW)

/* Fill FIFO and ring with FITTING writes; their bytes into all. */
static size_t fill_output(uint8_t *all)
{
	uint64_t taken;

	for (unsigned i = 0; i < FITTING; i++) {
		pattern(all + i * MAXW, MAXW, i);
		ck_assert_int_eq(do_write(all + i * MAXW, MAXW, false, &taken),
				 MLK_OK);
		ck_assert_uint_eq(taken, MAXW);
	}
	ck_assert(sim_tx_irq_on());
	return FITTING * MAXW;
}

/* ---- output -------------------------------------------------------------- */

START_TEST(write_goes_to_the_fifo)
{
	uint64_t taken;
	struct mlk_msg info;

	setup();
	ck_assert_int_eq(do_write("hello", 5, false, &taken), MLK_OK);
	ck_assert_uint_eq(taken, 5);
	ck_assert_uint_eq(sim_tx_fifo(), 5);
	ck_assert(!sim_tx_irq_on()); /* nothing waits for room */
	line_runs(SIM_FIFO);
	check_wire((const uint8_t *)"hello", 5);
	do_info(&info);
	ck_assert_uint_eq(info.w[1], 5);
}
END_TEST

START_TEST(write_past_the_fifo_goes_on_by_interrupt)
{
	uint8_t data[300];
	uint64_t taken;

	setup();
	pattern(data, sizeof(data), 1);
	ck_assert_int_eq(do_write(data, sizeof(data), false, &taken), MLK_OK);
	ck_assert_uint_eq(taken, sizeof(data));
	ck_assert_uint_eq(sim_tx_fifo(), SIM_FIFO);
	ck_assert(sim_tx_irq_on());
	line_runs(3);
	check_wire(data, sizeof(data));
	ck_assert_uint_eq(con.sent, sizeof(data));
}
END_TEST

START_TEST(writers_wait_for_room_in_order)
{
	static uint8_t all[(FITTING + 2) * MAXW];
	uint8_t refused[8] = "refused";
	size_t n;
	uint64_t taken = 99;

	setup();
	n = fill_output(all);
	/* Partly into the ring, the rest waits; the next one queues. */
	pattern(all + n, MAXW, 100);
	ck_assert_int_eq(do_write(all + n, MAXW, false, NULL), MLK_DEFERRED);
	pattern(all + n + MAXW, MAXW, 101);
	ck_assert_int_eq(do_write(all + n + MAXW, MAXW, false, NULL),
			 MLK_DEFERRED);
	ck_assert_uint_eq(nreplies, 2);
	/* A nonblocking write does not jump the queue. */
	ck_assert_int_eq(do_write(refused, sizeof(refused), true, &taken),
			 MLK_ERR_UNAVAILABLE);
	ck_assert_uint_eq(taken, 0);
	line_runs(5);
	check_wire(all, n + 2 * MAXW);
	for (unsigned i = 0; i < 2; i++) {
		ck_assert_uint_eq(replies[i].order, i + 1);
		ck_assert_int_eq(replies[i].msg.label, MLK_OK);
		ck_assert_uint_eq(replies[i].msg.nwords, 1);
		ck_assert_uint_eq(replies[i].msg.w[0], MAXW);
	}
}
END_TEST

START_TEST(nonblocking_write_takes_what_fits)
{
	static uint8_t all[(FITTING + 1) * MAXW];
	size_t n, room;
	uint64_t taken;

	setup();
	n = fill_output(all);
	room = RING_SIZE + SIM_FIFO - n;
	pattern(all + n, MAXW, 7);
	ck_assert_int_eq(do_write(all + n, MAXW, true, &taken), MLK_OK);
	ck_assert_uint_eq(taken, room);
	/* Full now: nothing taken is UNAVAILABLE. */
	ck_assert_int_eq(do_write(all, 1, true, &taken), MLK_ERR_UNAVAILABLE);
	ck_assert_uint_eq(taken, 0);
	ck_assert_int_eq(do_write(all, 0, true, &taken), MLK_OK);
	line_runs(SIM_FIFO);
	check_wire(all, n + room);
}
END_TEST

START_TEST(too_many_writers_waiting)
{
	static uint8_t all[(FITTING + MAX_WRITERS) * MAXW];
	uint8_t extra[4] = "xyz";
	size_t n;

	setup();
	n = fill_output(all);
	for (unsigned i = 0; i < MAX_WRITERS; i++) {
		pattern(all + n, MAXW, 200 + i);
		ck_assert_int_eq(do_write(all + n, MAXW, false, NULL),
				 MLK_DEFERRED);
		n += MAXW;
	}
	ck_assert_int_eq(do_write(extra, sizeof(extra), false, NULL),
			 MLK_ERR_NO_RESOURCES);
	ck_assert_uint_eq(nreplies, MAX_WRITERS);
	line_runs(SIM_FIFO);
	check_wire(all, n); /* nothing of the refused one */
	for (unsigned i = 0; i < MAX_WRITERS; i++)
		ck_assert_uint_eq(replies[i].order, i + 1);
}
END_TEST

START_TEST(write_whose_reply_cannot_be_saved)
{
	static uint8_t all[FITTING * MAXW];
	uint8_t extra[MAXW];
	size_t n;

	setup();
	n = fill_output(all);
	save_fails = MLK_ERR_NO_MEMORY;
	memset(extra, 'x', sizeof(extra));
	ck_assert_int_eq(do_write(extra, sizeof(extra), false, NULL),
			 MLK_ERR_NO_MEMORY);
	line_runs(SIM_FIFO);
	check_wire(all, n); /* none of its bytes taken */
}
END_TEST

START_TEST(dead_writer_bytes_go_out)
{
	static uint8_t all[(FITTING + 1) * MAXW];
	size_t n;

	setup();
	n = fill_output(all);
	pattern(all + n, MAXW, 9);
	ck_assert_int_eq(do_write(all + n, MAXW, false, NULL), MLK_DEFERRED);
	replies[0].dead = true;
	line_runs(SIM_FIFO);
	check_wire(all, n + MAXW);
	ck_assert(replies[0].consumed && !replies[0].closed);
}
END_TEST

START_TEST(failed_writer_reply_is_closed)
{
	static uint8_t all[(FITTING + 1) * MAXW];
	size_t n;

	setup();
	n = fill_output(all);
	pattern(all + n, MAXW, 9);
	ck_assert_int_eq(do_write(all + n, MAXW, false, NULL), MLK_DEFERRED);
	replies[0].fail = MLK_ERR_TOO_BIG;
	line_runs(SIM_FIFO);
	ck_assert(replies[0].closed);
}
END_TEST

/* ---- input --------------------------------------------------------------- */

static void check_bytes(const struct mlk_msg *m, const char *want)
{
	size_t n = strlen(want);

	ck_assert_int_eq(m->label, MLK_OK);
	ck_assert_uint_eq(m->w[0], n);
	ck_assert_uint_eq(m->nwords, 1 + (n + 7) / 8);
	ck_assert(!memcmp(&m->w[1], want, n));
}

START_TEST(read_what_came)
{
	struct mlk_msg out;

	setup();
	receive("abc");
	interrupts();
	ck_assert_uint_eq(sim_rx_fifo(), 0);
	ck_assert_int_eq(do_read(2, false, &out), MLK_OK);
	check_bytes(&out, "ab");
	ck_assert_int_eq(do_read(10, true, &out), MLK_OK);
	check_bytes(&out, "c");
	ck_assert_int_eq(do_read(10, true, &out), MLK_ERR_UNAVAILABLE);
}
END_TEST

/* Bytes still in the FIFO, their interrupt not yet handled. */
START_TEST(read_takes_from_the_uart)
{
	struct mlk_msg out;

	setup();
	receive("x");
	ck_assert_int_eq(do_read(10, false, &out), MLK_OK);
	check_bytes(&out, "x");
}
END_TEST

START_TEST(reader_waits_for_input)
{
	struct mlk_msg out;

	setup();
	ck_assert_int_eq(do_read(10, false, &out), MLK_DEFERRED);
	do_info(&out);
	ck_assert_uint_eq(out.w[3], 1);
	receive("hi");
	interrupts();
	ck_assert(replies[0].consumed);
	check_bytes(&replies[0].msg, "hi");
	do_info(&out);
	ck_assert_uint_eq(out.w[3], 0);
}
END_TEST

START_TEST(readers_in_order_of_arrival)
{
	struct mlk_msg out;

	setup();
	ck_assert_int_eq(do_read(1, false, &out), MLK_DEFERRED);
	ck_assert_int_eq(do_read(1, false, &out), MLK_DEFERRED);
	ck_assert_int_eq(do_read(10, false, &out), MLK_DEFERRED);
	ck_assert_int_eq(do_read(10, false, &out), MLK_DEFERRED);
	receive("xyz");
	interrupts();
	check_bytes(&replies[0].msg, "x");
	check_bytes(&replies[1].msg, "y");
	check_bytes(&replies[2].msg, "z");
	ck_assert(!replies[3].consumed);
	/* The last one comes next, before a newcomer. */
	receive("w");
	ck_assert_int_eq(do_read(10, false, &out), MLK_DEFERRED);
	check_bytes(&replies[3].msg, "w");
	ck_assert(!replies[4].consumed);
}
END_TEST

START_TEST(dead_reader_gives_way)
{
	struct mlk_msg out;

	setup();
	ck_assert_int_eq(do_read(10, false, &out), MLK_DEFERRED);
	ck_assert_int_eq(do_read(10, false, &out), MLK_DEFERRED);
	replies[0].dead = true;
	receive("q");
	interrupts();
	ck_assert(replies[0].consumed && !replies[0].closed);
	check_bytes(&replies[1].msg, "q");
}
END_TEST

START_TEST(failed_reader_reply_is_closed)
{
	struct mlk_msg out;

	setup();
	ck_assert_int_eq(do_read(10, false, &out), MLK_DEFERRED);
	replies[0].fail = MLK_ERR_TOO_BIG;
	receive("k");
	interrupts();
	ck_assert(replies[0].closed);
	/* Its byte waits for the next reader. */
	ck_assert_int_eq(do_read(10, true, &out), MLK_OK);
	check_bytes(&out, "k");
}
END_TEST

START_TEST(too_many_readers_waiting)
{
	struct mlk_msg out;

	setup();
	for (unsigned i = 0; i < MAX_READERS; i++)
		ck_assert_int_eq(do_read(1, false, &out), MLK_DEFERRED);
	ck_assert_int_eq(do_read(1, false, &out), MLK_ERR_NO_RESOURCES);
	do_info(&out);
	ck_assert_uint_eq(out.w[3], MAX_READERS);
	/* One answered makes room for one more. */
	receive("a");
	interrupts();
	ck_assert_int_eq(do_read(1, false, &out), MLK_DEFERRED);
	ck_assert_uint_eq(nreplies, MAX_READERS + 1);
}
END_TEST

START_TEST(reader_reply_cannot_be_saved)
{
	struct mlk_msg out;

	setup();
	save_fails = MLK_ERR_NO_MEMORY;
	ck_assert_int_eq(do_read(1, false, &out), MLK_ERR_NO_MEMORY);
	do_info(&out);
	ck_assert_uint_eq(out.w[3], 0);
}
END_TEST

START_TEST(full_input_ring_counts_lost_bytes)
{
	struct mlk_msg out;
	const unsigned extra = 100, total = RING_SIZE + extra;
	unsigned sent = 0, got = 0;

	setup();
	while (sent < total) {
		while (sent < total && sim_receive((uint8_t)(sent % 251)))
			sent++;
		interrupts();
	}
	do_info(&out);
	ck_assert_uint_eq(out.w[0], total);
	ck_assert_uint_eq(out.w[2], extra);
	/* The first RING_SIZE bytes, in order. */
	while (do_read(MAXW, true, &out) == MLK_OK) {
		for (uint64_t i = 0; i < out.w[0]; i++, got++)
			ck_assert_uint_eq(((uint8_t *)&out.w[1])[i], got % 251);
	}
	ck_assert_uint_eq(got, RING_SIZE);
}
END_TEST

START_TEST(overrun_and_break)
{
	struct mlk_msg out;

	setup();
	ck_assert(sim_receive('a' | UART_DR_OE));
	ck_assert(sim_receive(UART_DR_BE));
	ck_assert(sim_receive('b'));
	interrupts();
	do_info(&out);
	ck_assert_uint_eq(out.w[0], 2);
	ck_assert_uint_eq(out.w[2], 1);
	ck_assert_int_eq(do_read(10, false, &out), MLK_OK);
	check_bytes(&out, "ab");
}
END_TEST

/* ---- requests ------------------------------------------------------------ */

static mlk_status_t raw(uint32_t label, unsigned nwords, uint64_t w0,
			uint64_t w1)
{
	struct mlk_msg in = { .label = label,
			      .nwords = nwords,
			      .w = { w0, w1 } };
	struct mlk_msg out;

	return request(&in, &out);
}

/* ---- a line editor and others' output (editor.c) ------------------------- */

static mlk_status_t write_as(const char *text, uint64_t flags)
{
	struct mlk_msg in = { .label = MLK_CONSOLE_WRITE }, out;
	size_t n = strlen(text);

	in.nwords = 1 + (unsigned)(n + 7) / 8;
	in.w[0] = n | flags;
	memcpy(&in.w[1], text, n);
	return request(&in, &out);
}

static mlk_status_t editor_read(struct mlk_msg *out)
{
	struct mlk_msg in = {
		.label = MLK_CONSOLE_READ,
		.nwords = 2,
		.w = { 16, MLK_CONSOLE_EDITOR },
	};

	return request(&in, out);
}

static void check_screen_bytes(const char *want)
{
	line_runs(SIM_FIFO);
	check_wire((const uint8_t *)want, strlen(want));
}

/* The editor waits for a key; a program prints a line: the editor's line
 * is erased first, and the editor told to draw it again, below. */
START_TEST(others_output_erases_the_editor_line)
{
	struct mlk_msg out;

	setup();
	ck_assert_int_eq(write_as("mlk> ec", MLK_CONSOLE_EDITOR), MLK_OK);
	ck_assert_int_eq(editor_read(&out), MLK_DEFERRED);
	ck_assert_int_eq(write_as("tick\r\n", 0), MLK_OK);
	ck_assert(replies[0].consumed);
	ck_assert_uint_eq(replies[0].msg.nwords, 1);
	ck_assert_uint_eq(replies[0].msg.w[0], MLK_CONSOLE_REDRAW);
	ck_assert_int_eq(write_as("\r\x1b[Kmlk> ec", MLK_CONSOLE_EDITOR),
			 MLK_OK);
	/* Told once: the next read waits for a key. */
	ck_assert_int_eq(editor_read(&out), MLK_DEFERRED);
	check_screen_bytes("mlk> ec\r\x1b[Ktick\r\n\r\x1b[Kmlk> ec");
}
END_TEST

/* Output that leaves its line open: the redraw goes below it, and a read
 * that comes after the output is told at once. */
START_TEST(redraw_below_an_open_line)
{
	struct mlk_msg out;

	setup();
	ck_assert_int_eq(write_as("mlk> ", MLK_CONSOLE_EDITOR), MLK_OK);
	ck_assert_int_eq(write_as("50%", 0), MLK_OK);
	ck_assert_int_eq(write_as(" 60%", 0), MLK_OK);
	ck_assert_int_eq(editor_read(&out), MLK_OK);
	ck_assert_uint_eq(out.w[0], MLK_CONSOLE_REDRAW);
	ck_assert_int_eq(write_as("mlk> ", MLK_CONSOLE_EDITOR), MLK_OK);
	check_screen_bytes("mlk> \r\x1b[K50% 60%\r\nmlk> ");
}
END_TEST

/* Without an editor's line last on the screen nothing changes: output
 * after the editor ended its line (Enter), a reader that is no editor,
 * and input that comes before any redraw is due. */
START_TEST(no_redraw_without_the_editor_line)
{
	struct mlk_msg out;

	setup();
	ck_assert_int_eq(write_as("mlk> ls\r\n", MLK_CONSOLE_EDITOR), MLK_OK);
	ck_assert_int_eq(write_as("a.txt\r\n", 0), MLK_OK);
	ck_assert_int_eq(editor_read(&out), MLK_DEFERRED);
	receive("x");
	interrupts();
	ck_assert(replies[0].consumed);
	check_bytes(&replies[0].msg, "x");
	/* A plain reader is never told to redraw. */
	ck_assert_int_eq(write_as("mlk> ", MLK_CONSOLE_EDITOR), MLK_OK);
	ck_assert_int_eq(do_read(4, false, &out), MLK_DEFERRED);
	ck_assert_int_eq(write_as("!", 0), MLK_OK);
	ck_assert(!replies[1].consumed);
	check_screen_bytes("mlk> ls\r\na.txt\r\nmlk> \r\x1b[K!");
}
END_TEST

START_TEST(malformed_requests)
{
	setup();
	ck_assert_int_eq(raw(MLK_CONSOLE_WRITE, 0, 0, 0), MLK_ERR_BAD_ARG(0));
	ck_assert_int_eq(raw(MLK_CONSOLE_WRITE, 64, MAXW + 1, 0),
			 MLK_ERR_BAD_ARG(0));
	ck_assert_int_eq(raw(MLK_CONSOLE_WRITE, 2, 9, 0), MLK_ERR_BAD_ARG(0));
	ck_assert_int_eq(
		raw(MLK_CONSOLE_WRITE, 2, (MAXW + 1) | MLK_CONSOLE_NONBLOCK, 0),
		MLK_ERR_BAD_ARG(0));
	ck_assert_int_eq(raw(MLK_CONSOLE_READ, 0, 0, 0), MLK_ERR_BAD_ARG(0));
	ck_assert_int_eq(raw(MLK_CONSOLE_READ, 2, 0, 0), MLK_ERR_BAD_ARG(0));
	ck_assert_int_eq(raw(MLK_CONSOLE_READ, 2, MAXW + 1, 0),
			 MLK_ERR_BAD_ARG(0));
	ck_assert_int_eq(raw(MLK_CONSOLE_READ, 2, 1, 2), MLK_ERR_BAD_ARG(1));
	ck_assert_int_eq(raw(MLK_CONSOLE_READ, 2, 1, MLK_CONSOLE_EDITOR | 2),
			 MLK_ERR_BAD_ARG(1));
	/* A read without flags is a blocking one. */
	ck_assert_int_eq(raw(MLK_CONSOLE_READ, 1, 1, 0), MLK_DEFERRED);
}
END_TEST

START_TEST(handles_sent_are_closed)
{
	struct mlk_msg in = {
		.label = MLK_CONSOLE_INFO,
		.nhandles = 2,
		.h = { 5, 6 },
	};
	struct mlk_msg out;

	setup();
	ck_assert_int_eq(request(&in, &out), MLK_OK);
	ck_assert_uint_eq(other_closes, 2);
	in.label = MLK_CONSOLE_WRITE; /* malformed too */
	ck_assert_int_eq(request(&in, &out), MLK_ERR_BAD_ARG(0));
	ck_assert_uint_eq(other_closes, 4);
}
END_TEST

static Suite *console_suite(void)
{
	Suite *s = suite_create("console");
	TCase *out = tcase_create("output");
	TCase *in = tcase_create("input");
	TCase *req = tcase_create("requests");

	tcase_add_test(out, write_goes_to_the_fifo);
	tcase_add_test(out, write_past_the_fifo_goes_on_by_interrupt);
	tcase_add_test(out, writers_wait_for_room_in_order);
	tcase_add_test(out, nonblocking_write_takes_what_fits);
	tcase_add_test(out, too_many_writers_waiting);
	tcase_add_test(out, write_whose_reply_cannot_be_saved);
	tcase_add_test(out, dead_writer_bytes_go_out);
	tcase_add_test(out, failed_writer_reply_is_closed);
	tcase_add_test(in, read_what_came);
	tcase_add_test(in, read_takes_from_the_uart);
	tcase_add_test(in, reader_waits_for_input);
	tcase_add_test(in, readers_in_order_of_arrival);
	tcase_add_test(in, dead_reader_gives_way);
	tcase_add_test(in, failed_reader_reply_is_closed);
	tcase_add_test(in, too_many_readers_waiting);
	tcase_add_test(in, reader_reply_cannot_be_saved);
	tcase_add_test(in, full_input_ring_counts_lost_bytes);
	tcase_add_test(in, overrun_and_break);
	tcase_add_test(out, others_output_erases_the_editor_line);
	tcase_add_test(out, redraw_below_an_open_line);
	tcase_add_test(out, no_redraw_without_the_editor_line);
	tcase_add_test(req, malformed_requests);
	tcase_add_test(req, handles_sent_are_closed);
	suite_add_tcase(s, out);
	suite_add_tcase(s, in);
	suite_add_tcase(s, req);
	return s;
}

int main(void)
{
	return unit_run("console", console_suite());
}
