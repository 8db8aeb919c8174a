/*
 * console-test: the console service seen from its clients.  Packed into
 * console-test.img after the console; console-test.exp types at it over
 * the serial line, tests/qemu/console-output.qt checks the part that
 * needs no typing.
 *
 * 1. printf reaches the console (its counters grow);
 * 2. malformed requests get the statuses of mlk/proto/console.h;
 * 3. the console is killed: printf falls back to the kernel log, init
 *    restarts the console, and output goes through it again;
 * 4. input (prompted; each step ends in one "console-test: ..." line):
 *    a line, a burst longer than the UART's FIFO, two readers served in
 *    order, a reader whose process died, a flood that overflows the
 *    input ring;
 * 5. the console is killed again and a line is read after its restart.
 * Each step is a TEST of the test library (tests/lib/mlkcheck.h), in
 * the order of this file; the run ends with "console-test: result: PASS"
 * or FAIL and exits, and the image powers off.  The second reader of
 * step 4 is console-reader.c.
 */
#include <mlk/console.h>
#include <mlk/init.h>
#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/runtime.h>
#include <mlk/service.h>
#include <mlk/sys.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "mlkcheck.h"

#define MS 1000000ull
#define WAIT_NS (5000 * MS)
#define FLOOD_BYTES 5000
#define LINE_MAX 256

/* The console's counters, waiting for it (it may be restarting). */
static bool info(struct mlk_console_info *ci)
{
	uint64_t deadline = mlk_clock_now() + WAIT_NS;

	while (mlk_console_info(ci) != MLK_OK) {
		if (mlk_clock_now() > deadline)
			return false;
		mlk_sleep(mlk_deadline_in(10 * MS));
	}
	return true;
}

/* ---- 1. output ----------------------------------------------------------- */

/* printf's bytes went through the console: its sent count grew by them
 * ("\n" going out as "\r\n"). */
static void check_output(const char *line)
{
	struct mlk_console_info before, after;
	uint64_t want, deadline = mlk_clock_now() + WAIT_NS;

	if (!CHECK(info(&before)))
		return;
	printf("%s\n", line);
	fflush(stdout);
	want = before.sent + strlen(line) + 2;
	do
		CHECK(info(&after));
	while (after.sent < want && mlk_clock_now() < deadline);
	CHECK(after.sent >= want);
}

TEST(output, printf)
{
	check_output("console-test: hello through the console");
}

/* ---- 2. the protocol ----------------------------------------------------- */

static mlk_handle_t console_handle(void)
{
	static mlk_handle_t ep;

	if (!ep && mlk_names_lookup(MLK_CONSOLE_NAME, mlk_deadline_in(WAIT_NS),
				    &ep) != MLK_OK)
		ep = MLK_HANDLE_NONE;
	return ep;
}

/* A raw request: the status the console answers (or the call's). */
static mlk_status_t request(struct mlk_msg *m)
{
	mlk_status_t st = mlk_msg_call(console_handle(), m, 0);

	return st != MLK_OK ? st : (mlk_status_t)m->label;
}

static mlk_status_t raw(uint32_t label, unsigned nwords, uint64_t w0,
			uint64_t w1)
{
	struct mlk_msg m = { .label = label,
			     .nwords = nwords,
			     .w = { w0, w1 } };

	return request(&m);
}

/* Malformed requests: no count, too many bytes, more bytes than words,
 * reads of nothing or too much, unknown flags, an unknown label. */
TEST(protocol, bad_requests)
{
	uint64_t max = MLK_CONSOLE_INLINE_MAX;

	CHECK_ST(raw(MLK_CONSOLE_WRITE, 0, 0, 0), MLK_ERR_BAD_ARG(0));
	CHECK_ST(raw(MLK_CONSOLE_WRITE, 64, max + 1, 0), MLK_ERR_BAD_ARG(0));
	CHECK_ST(raw(MLK_CONSOLE_WRITE, 2, 9, 0), MLK_ERR_BAD_ARG(0));
	CHECK_ST(raw(MLK_CONSOLE_READ, 0, 0, 0), MLK_ERR_BAD_ARG(0));
	CHECK_ST(raw(MLK_CONSOLE_READ, 2, 0, 0), MLK_ERR_BAD_ARG(0));
	CHECK_ST(raw(MLK_CONSOLE_READ, 2, max + 1, 0), MLK_ERR_BAD_ARG(0));
	CHECK_ST(raw(MLK_CONSOLE_READ, 2, 1, 1), MLK_ERR_BAD_ARG(1));
	CHECK_ST(raw(0x434f00ff, 0, 0, 0), MLK_ERR_NOT_SUPPORTED);
}

TEST(protocol, good_requests)
{
	const char text[] = "console-test: nonblocking write\r\n";
	struct mlk_msg m = {
		.label = MLK_CONSOLE_WRITE,
		.nwords = 1 + (sizeof(text) - 1 + 7) / 8,
		.w = { (sizeof(text) - 1) | MLK_CONSOLE_NONBLOCK },
	};
	mlk_handle_t n;

	memcpy(&m.w[1], text, sizeof(text) - 1);
	/* A handle sent along is the console's to close. */
	if (mlk_notification_create(&n) == MLK_OK) {
		m.nhandles = 1;
		m.h[0] = n;
	}
	CHECK_ST(request(&m), MLK_OK);
	CHECK(m.nwords == 1 && m.w[0] == sizeof(text) - 1);
	CHECK_ST(raw(MLK_CONSOLE_WRITE, 1, 0, 0), MLK_OK);
	/* Nothing typed yet. */
	CHECK_ST(raw(MLK_CONSOLE_READ, 2, 1, MLK_CONSOLE_NONBLOCK),
		 MLK_ERR_UNAVAILABLE);
	struct mlk_msg i = { .label = MLK_CONSOLE_INFO };
	CHECK_ST(request(&i), MLK_OK);
	CHECK(i.nwords == 4);
}

/* The client library: empty calls, nothing to read, a long write. */
TEST(protocol, client)
{
	char buf[16], line[1000 + 32];
	size_t got = 99, n;

	CHECK_ST(mlk_console_read(buf, 0, &got, false), MLK_OK);
	CHECK(got == 0);
	CHECK_ST(mlk_console_read(buf, sizeof(buf), &got, true),
		 MLK_ERR_UNAVAILABLE);
	CHECK_ST(mlk_console_write("", 0), MLK_OK);
	n = (size_t)snprintf(line, sizeof(line), "console-test: long ");
	for (int i = 0; i < 1000; i++)
		line[n++] = (char)('0' + i % 10);
	line[n++] = '\r';
	line[n++] = '\n';
	CHECK_ST(mlk_console_write(line, n), MLK_OK);
}

/* ---- 3. and 5. restarts -------------------------------------------------- */

static void kill_console(void)
{
	struct mlk_console_info ci;

	printf("console-test: killing the console\n");
	fflush(stdout);
	CHECK_ST(mlk_init_kill(MLK_CONSOLE_NAME), MLK_OK);
	printf("console-test: while the console is down\n");
	fflush(stdout);
	if (!CHECK(info(&ci)))
		return;
	printf("console-test: the console is back\n");
	check_output("console-test: printf after the restart");
}

TEST(restart, output)
{
	kill_console();
}

/* ---- 4. input ------------------------------------------------------------ */

static void prompt(const char *what)
{
	printf("console-test: %s\n", what);
	fflush(stdout);
}

/* A line typed (ended by CR or LF), read in pieces as they come. */
static size_t read_line(char *line, size_t size)
{
	size_t len = 0, got;
	char buf[64];

	for (;;) {
		if (!CHECK_OK(mlk_console_read(buf, sizeof(buf), &got, false)))
			break;
		for (size_t i = 0; i < got; i++) {
			if (buf[i] == '\r' || buf[i] == '\n') {
				line[len] = 0;
				return len;
			}
			if (len + 1 < size)
				line[len++] = buf[i];
		}
	}
	line[len] = 0;
	return len;
}

static void echo_line(const char *what)
{
	char line[LINE_MAX];

	prompt(what);
	size_t n = read_line(line, sizeof(line));
	printf("console-test: line '%s' (%zu bytes)\n", line, n);
}

TEST(input, line)
{
	echo_line("type a line");
}

/* Twice as long as the UART's FIFO. */
TEST(input, burst)
{
	echo_line("type a burst");
}

/* Wait until the console has `n` readers waiting. */
static bool wait_readers(uint64_t n)
{
	struct mlk_console_info ci;
	uint64_t deadline = mlk_clock_now() + WAIT_NS;

	while (info(&ci)) {
		if (ci.readers == n)
			return true;
		if (mlk_clock_now() > deadline)
			break;
		mlk_sleep(mlk_deadline_in(5 * MS));
	}
	return false;
}

static char read_one(void)
{
	char c = '?';
	size_t got = 0;

	CHECK_OK(mlk_console_read(&c, 1, &got, false));
	CHECK_EQ(got, 1);
	return c;
}

/* ---- the second reader: console-reader, run by init ---------------------- */

#define READER "console-reader"

/* Its entry in init's list. */
static bool reader_state(struct mlk_init_service *out)
{
	for (uint32_t i = 0; mlk_init_list(i, out) == MLK_OK; i++)
		if (!strcmp(out->name, READER))
			return true;
	return false;
}

/* Start the reader and wait until it waits in the console. */
static bool start_reader(void)
{
	return CHECK_OK(mlk_init_run(READER, "read", NULL)) &&
	       CHECK(wait_readers(1));
}

/* Wait until init saw it end. */
static bool reader_ended(void)
{
	struct mlk_init_service s;
	uint64_t deadline = mlk_clock_now() + WAIT_NS;

	while (reader_state(&s) && s.state == MLK_INIT_RUNNING) {
		if (mlk_clock_now() > deadline)
			return false;
		mlk_sleep(mlk_deadline_in(5 * MS));
	}
	return true;
}

/* Two readers get input in the order they came: console-reader first. */
TEST(input, two_readers)
{
	if (!start_reader())
		return;
	prompt("two readers: type 2 bytes");
	char mine = read_one();
	/* Its line first, then ours. */
	CHECK(reader_ended());
	printf("console-test: main reader got '%c'\n", mine);
}

/* A reader that died while waiting does not take the next bytes. */
TEST(input, dead_reader)
{
	if (!start_reader())
		return;
	CHECK_ST(mlk_init_kill(READER), MLK_OK);
	CHECK(reader_ended());
	/* The console learns it only when it answers. */
	CHECK(wait_readers(1));
	prompt("dead reader: type 1 byte");
	printf("console-test: after a dead reader got '%c'\n", read_one());
	CHECK(wait_readers(0));
}

static void show_info(void)
{
	struct mlk_console_info ci;

	if (!CHECK(info(&ci)))
		return;
	printf("console-test: info: received %lu, sent %lu, lost %lu, "
	       "readers %lu\n",
	       (unsigned long)ci.received, (unsigned long)ci.sent,
	       (unsigned long)ci.lost, (unsigned long)ci.readers);
}

/* Nobody reads while FLOOD_BYTES come: the input ring keeps what fits,
 * the rest is counted lost. */
TEST(input, flood)
{
	struct mlk_console_info before, after;
	uint64_t deadline = mlk_clock_now() + 4 * WAIT_NS;
	size_t kept = 0, got;
	char buf[MLK_CONSOLE_INLINE_MAX];

	CHECK(info(&before));
	prompt("flood: send 5000 bytes");
	do {
		mlk_sleep(mlk_deadline_in(20 * MS));
		CHECK(info(&after));
	} while (after.received - before.received < FLOOD_BYTES &&
		 mlk_clock_now() < deadline);
	while (mlk_console_read(buf, sizeof(buf), &got, true) == MLK_OK)
		kept += got;
	uint64_t lost = after.lost - before.lost;
	printf("console-test: flood: received %lu, lost %lu, kept %zu\n",
	       (unsigned long)(after.received - before.received),
	       (unsigned long)lost, kept);
	CHECK_EQ(after.received - before.received, FLOOD_BYTES);
	CHECK(lost > 0 && kept + lost == FLOOD_BYTES);
	show_info();
}

/* ---- 5. input after a restart ------------------------------------------ */

TEST(restart, input)
{
	kill_console();
	echo_line("type a line after the restart");
}

int main(int argc, char **argv)
{
	static const struct mlkcheck_suite suite = { .name = "console-test" };

	return mlkcheck_run(&suite, argc - 1, argv + 1);
}
