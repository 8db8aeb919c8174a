/*
 * netbench: guest instructions per MiB of TCP echoed and per UDP round
 * trip, under QEMU -icount shift=0,sleep=off with the user network
 * (`make bench`, tests/net/bench.sh, whose bench-host.py is the peer).
 *
 * It listens on port 7.  The host's first connection says "udp PORT":
 * netbench then sends UDP_ROUNDS datagrams to 10.0.2.2:PORT (the host's
 * 127.0.0.1, where bench-host.py echoes them), one at a time, answers
 * "udp done" and the connection ends.  The second connection is echoed
 * until the host closes it, as tcp-echo would.
 *
 * The measure is blkbench's (tests/bench/per_mib.c): the CPU time of
 * every thread, under -icount shift=0 the instructions they ran, driver
 * and stack included.  While the system waits for the host it would
 * idle, and with sleep=off virtual time would jump to the next timer;
 * a thread of the lowest priority spins instead, so that time moves
 * with instructions, and counts how often it got the CPU back after
 * other threads ran: how many times the system idled.  Its own time is
 * left out of the figures.
 */
#include <mlk/net.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "per_mib.h"

#define PORT 7
#define UDP_ROUNDS 2000
#define UDP_WARMUP 100
#define UDP_SIZE 64
#define UDP_WAIT_NS 1000000000ull
#define HOST_ADDR 0x0a000202u /* 10.0.2.2: the host's 127.0.0.1 */
#define MIB (1u << 20)
#define SPIN_STACK 16384
#define SPIN_PRIORITY 1
#define SPIN_GAP 200 /* instructions unaccounted: another thread ran */
#define MAX_THREADS 64

static char buf[MLK_NET_WINDOW_SIZE];
static uint8_t spin_stack[SPIN_STACK] __attribute__((aligned(16)));
static uint64_t spin_tid;
static volatile uint64_t idled;

static inline uint64_t cycles(void)
{
	uint64_t c;

	__asm__ volatile("isb\n\tmrs %0, pmccntr_el0" : "=r"(c)::"memory");
	return c;
}

/* Every thread's CPU time but the spinner's. */
static uint64_t work_ns(void)
{
	static struct mlk_thread_info t[MAX_THREADS];
	uint64_t n = 0, sum = 0;

	mlk_system_info(mlk_start_handle(MLK_START_SYSTEM, NULL),
			MLK_INFO_THREADS, t, sizeof(t), &n);
	for (uint64_t i = 0; i < n && i < MAX_THREADS; i++)
		if (t[i].tid != spin_tid)
			sum += t[i].cpu_ns;
	return sum;
}

/* The idle stand-in: a jump of the cycle counter between two reads
 * means it was preempted; it counts an idle period when other threads
 * did work meanwhile (an interrupt that woke nobody does not). */
static void spin(uint64_t arg)
{
	uint64_t last = cycles(), work = work_ns();

	for (;;) {
		uint64_t now = cycles();
		if (now - last > SPIN_GAP) {
			uint64_t w = work_ns();
			idled += w != work;
			work = w;
			now = cycles();
		}
		last = now;
	}
}

static mlk_status_t start_spinner(void)
{
	mlk_handle_t t;
	mlk_status_t st = mlk_thread_create(
		MLK_HANDLE_SELF_PROCESS, (uint64_t)(uintptr_t)spin,
		(uint64_t)(uintptr_t)&spin_stack[SPIN_STACK], 0, SPIN_PRIORITY,
		"spin", 4, &t);

	if (st != MLK_OK)
		return st;
	mlk_object_id(t, &spin_tid);
	st = mlk_thread_start(t);
	mlk_handle_close(t);
	return st;
}

static void fail(const char *what, mlk_status_t st)
{
	printf("netbench: %s: %s\n", what, mlk_status_str(st));
	exit(1);
}

/* One datagram out and its echo back; false if none came in time. */
static bool udp_round(uint32_t s, uint16_t port, unsigned i)
{
	size_t got;
	struct mlk_net_peer from;

	memset(buf, (int)(i & 0xff), UDP_SIZE);
	mlk_status_t st = mlk_net_sendto(s, buf, UDP_SIZE, HOST_ADDR, port);
	if (st != MLK_OK)
		fail("sendto", st);
	st = mlk_net_recvfrom(s, buf, UDP_SIZE, mlk_deadline_in(UDP_WAIT_NS),
			      &got, &from);
	if (st == MLK_ERR_TIMED_OUT)
		return false;
	if (st != MLK_OK)
		fail("recvfrom", st);
	return got == UDP_SIZE && (uint8_t)buf[0] == (i & 0xff);
}

static void bench_udp(uint16_t port)
{
	uint32_t s;
	unsigned lost = 0;
	mlk_status_t st = mlk_net_socket(MLK_NET_UDP, &s);

	if (st == MLK_OK)
		st = mlk_net_bind(s, MLK_NET_ANY, 0);
	if (st != MLK_OK)
		fail("udp socket", st);
	for (unsigned i = 0; i < UDP_WARMUP; i++)
		lost += !udp_round(s, port, i);
	uint64_t idle0 = idled, w0 = work_ns();
	for (unsigned i = 0; i < UDP_ROUNDS; i++)
		lost += !udp_round(s, port, i);
	uint64_t insns = work_ns() - w0;
	mlk_net_close(s);
	printf("bench: udp_rtt %lu insns/op\n",
	       (unsigned long)((insns + UDP_ROUNDS / 2) / UDP_ROUNDS));
	printf("netbench: udp_rtt: %u round trips of %u bytes to 10.0.2.2, "
	       "%u lost, idled %lu times; Linux 6.1 on the same QEMU: about "
	       "15,000 insns/op\n",
	       UDP_ROUNDS, UDP_SIZE, lost, (unsigned long)(idled - idle0));
}

/* The control connection: "udp PORT", the UDP figure, "udp done". */
static void control(uint32_t c)
{
	size_t got, len = 0;
	static char line[32];

	while (len < sizeof(line) - 1 && !memchr(line, '\n', len)) {
		mlk_status_t st =
			mlk_net_recv(c, line + len, sizeof(line) - 1 - len,
				     MLK_FOREVER, &got);
		if (st != MLK_OK || got == 0)
			fail("control connection", st);
		len += got;
	}
	line[len] = '\0';
	unsigned long port = strtoul(line + 4, NULL, 10);
	if (strncmp(line, "udp ", 4) != 0 || port == 0 || port > 65535) {
		printf("netbench: control: \"%s\" is not \"udp PORT\"\n", line);
		exit(1);
	}
	bench_udp((uint16_t)port);
	mlk_net_send(c, "udp done\n", 9, MLK_FOREVER, NULL);
	mlk_net_close(c);
}

static void bench_tcp(uint32_t c)
{
	uint64_t bytes = 0, idle0 = idled, w0 = work_ns();
	size_t got;
	mlk_status_t st;

	while ((st = mlk_net_recv(c, buf, sizeof(buf), MLK_FOREVER, &got)) ==
		       MLK_OK &&
	       got) {
		st = mlk_net_send(c, buf, got, MLK_FOREVER, NULL);
		if (st != MLK_OK)
			break;
		bytes += got;
	}
	uint64_t insns = work_ns() - w0;
	mlk_net_close(c);
	if (st != MLK_OK)
		fail("echo", st);
	unsigned mib = (unsigned)(bytes / MIB);
	if (mib == 0 || bytes % MIB) {
		printf("netbench: echoed %lu bytes, not whole MiB\n",
		       (unsigned long)bytes);
		exit(1);
	}
	bench_report_per_mib("tcp_echo", insns, mib);
	printf("netbench: tcp_echo: %u MiB echoed, idled %lu times; Linux "
	       "6.1 on the same QEMU: about 9,300,000 insns/MiB\n",
	       mib, (unsigned long)(idled - idle0));
}

static uint32_t next_connection(uint32_t l)
{
	uint32_t c;
	mlk_status_t st = mlk_net_accept(l, MLK_FOREVER, &c, NULL);

	if (st != MLK_OK)
		fail("accept", st);
	return c;
}

int main(void)
{
	uint32_t l;
	mlk_status_t st = start_spinner();

	if (st != MLK_OK)
		fail("spinner", st);
	st = mlk_net_socket(MLK_NET_TCP, &l);
	if (st == MLK_OK)
		st = mlk_net_bind(l, MLK_NET_ANY, PORT);
	if (st == MLK_OK)
		st = mlk_net_listen(l, 1);
	if (st != MLK_OK)
		fail("listen", st);
	printf("netbench: listening on port %u\n", PORT);
	control(next_connection(l));
	bench_tcp(next_connection(l));
	printf("bench: net done\n");
	return 0;
}
