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
 * Ends with "console-test: result: PASS" or FAIL and exits; the image
 * powers off.  The second reader of step 4 is console-reader.c.
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

#define MS 1000000ull
#define WAIT_NS (5000 * MS)
#define FLOOD_BYTES 5000
#define LINE_MAX 256

static unsigned failures;

static void failed(const char *what, mlk_status_t st)
{
	printf("console-test: FAIL: %s (%s)\n", what, mlk_status_str(st));
	failures++;
}

static void check(bool ok, const char *what)
{
	if (!ok)
		failed(what, MLK_OK);
}

static void check_st(mlk_status_t got, mlk_status_t want, const char *what)
{
	if (got != want)
		failed(what, got);
}

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

	if (!info(&before)) {
		failed("no console", MLK_ERR_NOT_FOUND);
		return;
	}
	printf("%s\n", line);
	fflush(stdout);
	want = before.sent + strlen(line) + 2;
	do
		check(info(&after), "console info");
	while (after.sent < want && mlk_clock_now() < deadline);
	if (after.sent < want) {
		failed("printf did not reach the console", MLK_OK);
		return;
	}
	printf("console-test: output: ok\n");
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

static void check_bad_requests(void)
{
	uint64_t max = MLK_CONSOLE_INLINE_MAX;

	check_st(raw(MLK_CONSOLE_WRITE, 0, 0, 0), MLK_ERR_BAD_ARG(0),
		 "write without a count");
	check_st(raw(MLK_CONSOLE_WRITE, 64, max + 1, 0), MLK_ERR_BAD_ARG(0),
		 "write of too many bytes");
	check_st(raw(MLK_CONSOLE_WRITE, 2, 9, 0), MLK_ERR_BAD_ARG(0),
		 "write of more bytes than words");
	check_st(raw(MLK_CONSOLE_READ, 0, 0, 0), MLK_ERR_BAD_ARG(0),
		 "read without a count");
	check_st(raw(MLK_CONSOLE_READ, 2, 0, 0), MLK_ERR_BAD_ARG(0),
		 "read of 0 bytes");
	check_st(raw(MLK_CONSOLE_READ, 2, max + 1, 0), MLK_ERR_BAD_ARG(0),
		 "read of too many bytes");
	check_st(raw(MLK_CONSOLE_READ, 2, 1, 1), MLK_ERR_BAD_ARG(1),
		 "read with unknown flags");
	check_st(raw(0x434f00ff, 0, 0, 0), MLK_ERR_NOT_SUPPORTED,
		 "unknown request");
}

static void check_good_requests(void)
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
	check_st(request(&m), MLK_OK, "nonblocking write");
	check(m.nwords == 1 && m.w[0] == sizeof(text) - 1,
	      "nonblocking write took it all");
	check_st(raw(MLK_CONSOLE_WRITE, 1, 0, 0), MLK_OK, "empty write");
	/* Nothing typed yet. */
	check_st(raw(MLK_CONSOLE_READ, 2, 1, MLK_CONSOLE_NONBLOCK),
		 MLK_ERR_UNAVAILABLE, "nonblocking read of nothing");
	struct mlk_msg i = { .label = MLK_CONSOLE_INFO };
	check_st(request(&i), MLK_OK, "info");
	check(i.nwords == 4, "info has 4 words");
}

/* The client library: empty calls, nothing to read, a long write. */
static void check_client(void)
{
	char buf[16], line[1000 + 32];
	size_t got = 99, n;

	check_st(mlk_console_read(buf, 0, &got, false), MLK_OK, "read of 0");
	check(got == 0, "read of 0 got 0");
	check_st(mlk_console_read(buf, sizeof(buf), &got, true),
		 MLK_ERR_UNAVAILABLE, "nonblocking read");
	check_st(mlk_console_write("", 0), MLK_OK, "write of 0");
	n = (size_t)snprintf(line, sizeof(line), "console-test: long ");
	for (int i = 0; i < 1000; i++)
		line[n++] = (char)('0' + i % 10);
	line[n++] = '\r';
	line[n++] = '\n';
	check_st(mlk_console_write(line, n), MLK_OK, "long write");
}

static void check_protocol(void)
{
	unsigned before = failures;

	check_bad_requests();
	check_good_requests();
	check_client();
	if (failures == before)
		printf("console-test: protocol: ok\n");
}

/* ---- 3. and 5. restarts -------------------------------------------------- */

static void kill_console(void)
{
	struct mlk_console_info ci;

	printf("console-test: killing the console\n");
	fflush(stdout);
	check_st(mlk_init_kill(MLK_CONSOLE_NAME), MLK_OK, "kill the console");
	printf("console-test: while the console is down\n");
	fflush(stdout);
	if (!info(&ci)) {
		failed("the console did not come back", MLK_ERR_TIMED_OUT);
		return;
	}
	printf("console-test: the console is back\n");
	check_output("console-test: printf after the restart");
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
		mlk_status_t st =
			mlk_console_read(buf, sizeof(buf), &got, false);
		if (st != MLK_OK) {
			failed("read", st);
			break;
		}
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
	size_t got;
	mlk_status_t st = mlk_console_read(&c, 1, &got, false);

	if (st != MLK_OK || got != 1)
		failed("read of one byte", st);
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
	mlk_status_t st = mlk_init_run(READER, "read", NULL);

	if (st != MLK_OK) {
		failed("start " READER, st);
		return false;
	}
	if (!wait_readers(1)) {
		failed(READER " does not wait", MLK_ERR_TIMED_OUT);
		return false;
	}
	return true;
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
static void two_readers(void)
{
	if (!start_reader())
		return;
	prompt("two readers: type 2 bytes");
	char mine = read_one();
	/* Its line first, then ours. */
	check(reader_ended(), READER " ends");
	printf("console-test: main reader got '%c'\n", mine);
}

/* A reader that died while waiting does not take the next bytes. */
static void dead_reader(void)
{
	if (!start_reader())
		return;
	check_st(mlk_init_kill(READER), MLK_OK, "kill " READER);
	check(reader_ended(), READER " was killed");
	/* The console learns it only when it answers. */
	check(wait_readers(1), "the dead reader still counts");
	prompt("dead reader: type 1 byte");
	printf("console-test: after a dead reader got '%c'\n", read_one());
	check(wait_readers(0), "no reader left");
}

/* Nobody reads while FLOOD_BYTES come: the input ring keeps what fits,
 * the rest is counted lost. */
static void flood(void)
{
	struct mlk_console_info before, after;
	uint64_t deadline = mlk_clock_now() + 4 * WAIT_NS;
	size_t kept = 0, got;
	char buf[MLK_CONSOLE_INLINE_MAX];

	check(info(&before), "info before the flood");
	prompt("flood: send 5000 bytes");
	do {
		mlk_sleep(mlk_deadline_in(20 * MS));
		check(info(&after), "info during the flood");
	} while (after.received - before.received < FLOOD_BYTES &&
		 mlk_clock_now() < deadline);
	while (mlk_console_read(buf, sizeof(buf), &got, true) == MLK_OK)
		kept += got;
	uint64_t lost = after.lost - before.lost;
	printf("console-test: flood: received %lu, lost %lu, kept %zu\n",
	       (unsigned long)(after.received - before.received),
	       (unsigned long)lost, kept);
	check(after.received - before.received == FLOOD_BYTES,
	      "flood: all bytes received");
	check(lost > 0 && kept + lost == FLOOD_BYTES, "flood: kept + lost");
}

static void show_info(void)
{
	struct mlk_console_info ci;

	if (!info(&ci))
		return;
	printf("console-test: info: received %lu, sent %lu, lost %lu, "
	       "readers %lu\n",
	       (unsigned long)ci.received, (unsigned long)ci.sent,
	       (unsigned long)ci.lost, (unsigned long)ci.readers);
}

int main(void)
{
	check_output("console-test: hello through the console");
	check_protocol();
	kill_console();
	echo_line("type a line");
	echo_line("type a burst");
	two_readers();
	dead_reader();
	flood();
	show_info();
	kill_console();
	echo_line("type a line after the restart");
	printf("console-test: result: %s\n", failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
