/*
 * mlktest-child: the other process of mlktest's tests.  mlktest starts it
 * with a role and supervises it (see child.h):
 *
 *   exit N          end with code N
 *   fault-read      read unmapped memory (CHILD_FAULT_ADDR); if resumed
 *                   after mlktest mapped a page there, exit with the word
 *                   read
 *   fault-write     write read-only memory
 *   fault-exec      execute data
 *   fault-align     branch to a misaligned address
 *   fault-kernel    read kernel memory
 *   undefined       run an undefined instruction
 *   breakpoint      hit brk
 *   spin            count in the shared memory object (CHILD_H_MEM)
 *   suspend         suspend itself, forever
 *   wait            wait on CHILD_H_NOTIFY, exit with the bits
 *   server          serve requests (enum child_request) on CHILD_H_SERVE
 *   threads         end through thread_exit of two threads (codes 5, 7)
 *   exhaust SIZE    allocate memory objects of SIZE bytes, then endpoints,
 *                   until the kernel says no; free some, allocate again;
 *                   report; suspend
 *   fill            allocate endpoints until the kernel says no; report;
 *                   suspend
 *   call            call the supervisor endpoint (CHILD_CALLING), wait
 *   kill-self       process_kill on itself, code 12
 *   detach          try to move its own reports to an endpoint of its own;
 *                   report; exit 5
 *   decoy           make a process with a thread, try to point its reports
 *                   at the send-only CHILD_H_CTRL, then at its own
 *                   endpoint, and at a sibling's (CHILD_H_PROCESS); kill
 *                   the decoy with 97 and receive its exit; report; exit
 *   grandparent     make a process of its own that spins at priority 1;
 *                   report its id; suspend
 *   nest            make a process of its own with a quota of 64 MiB and
 *                   map a page in it a gigabyte apart until the kernel
 *                   says no; report how many and the last status; suspend
 *
 * Every fault role first reports (CHILD_HELLO) the pc and address the
 * supervisor's fault message must carry.
 */
#include <mlk/msg.h>
#include <mlk/runtime.h>
#include <mlk/sys.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "child.h"

uint64_t child_read_at(uint64_t addr);
void child_write_at(uint64_t addr, uint64_t value);
void child_undefined(void);
void child_breakpoint(void);
void child_jump(uint64_t target);

static const uint64_t read_only_word = 1;
static uint32_t data_not_code[4] = { 0xd503201f, 0xd503201f }; /* nop */

#define MAX_KEPT 16
static mlk_handle_t made[MAX_KEPT];

static mlk_handle_t handle_of(unsigned kind)
{
	return mlk_start_handle(kind, NULL);
}

/* Tell the supervisor the pc and address of the fault that follows. */
static void hello(uint64_t pc, uint64_t addr)
{
	struct mlk_ipc io = { .info = MLK_MSGINFO(CHILD_HELLO, 2, 0),
			      .w = { pc, addr } };

	mlk_ipc_send(handle_of(CHILD_H_CTRL), &io);
}

static int fault(const char *role)
{
	uint64_t kernel = 0xffff000000000000ull;

	if (!strcmp(role, "fault-read")) {
		hello((uint64_t)child_read_at, CHILD_FAULT_ADDR);
		return (int)child_read_at(CHILD_FAULT_ADDR);
	}
	if (!strcmp(role, "fault-write")) {
		hello((uint64_t)child_write_at, (uint64_t)&read_only_word);
		child_write_at((uint64_t)&read_only_word, 2);
	} else if (!strcmp(role, "fault-exec")) {
		hello((uint64_t)data_not_code, (uint64_t)data_not_code);
		child_jump((uint64_t)data_not_code);
	} else if (!strcmp(role, "fault-align")) {
		hello((uint64_t)child_undefined + 2,
		      (uint64_t)child_undefined + 2);
		child_jump((uint64_t)child_undefined + 2);
	} else if (!strcmp(role, "fault-kernel")) {
		hello((uint64_t)child_read_at, kernel);
		child_read_at(kernel);
	} else if (!strcmp(role, "undefined")) {
		hello((uint64_t)child_undefined, 0);
		child_undefined();
	} else if (!strcmp(role, "breakpoint")) {
		hello((uint64_t)child_breakpoint, 0);
		child_breakpoint();
	} else {
		return -1;
	}
	return 0; /* resumed past the fault: not expected */
}

static void spin(void)
{
	uint64_t addr;
	mlk_handle_t mem = handle_of(CHILD_H_MEM);

	if (mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, mem, 0, 0, MLK_PAGE_SIZE,
			   MLK_MAP_READ | MLK_MAP_WRITE, &addr) != MLK_OK)
		exit(1);
	volatile uint64_t *counter = (volatile uint64_t *)addr;
	for (;;)
		(*counter)++;
}

static __attribute__((noreturn)) void suspend_forever(void)
{
	for (;;)
		mlk_thread_suspend(MLK_HANDLE_SELF_THREAD);
}

/* ---- the server role ----------------------------------------------------- */

static mlk_status_t map_sent(const struct mlk_msg *m, uint32_t flags,
			     uint64_t *addr)
{
	if (m->nhandles != 1)
		return MLK_ERR_BAD_ARG(1);
	return mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, m->h[0], 0, 0,
			      MLK_PAGE_SIZE, flags, addr);
}

static uint32_t serve_memory(struct mlk_msg *m)
{
	uint64_t addr;
	mlk_status_t st;
	mlk_handle_t mem;

	switch (m->label) {
	case SRV_MAKE_MEM:
		st = mlk_mem_create(m->w[0], 0, &mem);
		if (st != MLK_OK)
			return (uint32_t)st;
		for (uint64_t off = 0; off < m->w[0] && st == MLK_OK;
		     off += sizeof(m->w[1]))
			st = mlk_mem_write(mem, off, &m->w[1], sizeof(m->w[1]));
		m->nhandles = 1;
		m->h[0] = mem;
		return (uint32_t)st;
	case SRV_READ_MEM:
		st = map_sent(m, MLK_MAP_READ, &addr);
		if (st == MLK_OK) {
			m->w[1] = *(volatile uint64_t *)(addr + m->w[0]);
			m->w[0] = *(volatile uint64_t *)addr;
			m->nwords = 2;
			st = mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, addr,
					      MLK_PAGE_SIZE);
		}
		break;
	default: /* SRV_WRITE_MEM */
		st = map_sent(m, MLK_MAP_READ | MLK_MAP_WRITE, &addr);
		if (st == MLK_OK) {
			*(volatile uint64_t *)(addr + m->w[0]) = m->w[1];
			st = mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, addr,
					      MLK_PAGE_SIZE);
		}
		break;
	}
	if (m->nhandles)
		mlk_handle_close(m->h[0]);
	m->nhandles = 0;
	return (uint32_t)st;
}

/* Answer one request in place; false: do not reply. */
static bool serve_one(struct mlk_msg *m)
{
	mlk_handle_t reply;

	switch (m->label) {
	case SRV_ECHO:
		m->label = MLK_OK;
		m->w[m->nwords < 64 ? m->nwords : 63] = m->badge;
		m->nwords = m->nwords < 64 ? m->nwords + 1 : 64;
		return true;
	case SRV_EXIT:
		exit((int)m->w[0]);
	case SRV_MAKE_MEM:
	case SRV_READ_MEM:
	case SRV_WRITE_MEM:
		m->label = serve_memory(m);
		return true;
	case SRV_SIGNAL:
		m->label = (uint32_t)mlk_signal(
			m->w[1] ? (mlk_handle_t)m->w[1]
				: handle_of(CHILD_H_NOTIFY),
			m->w[0]);
		m->nwords = 0;
		return true;
	case SRV_HOLD:
		if (m->w[0])
			mlk_reply_save(&reply); /* held in the handle table */
		suspend_forever();
	case SRV_FAULT:
		child_undefined();
		return false;
	default:
		m->label = MLK_ERR_NOT_SUPPORTED;
		m->nwords = 0;
		m->nhandles = 0;
		return true;
	}
}

static int server(void)
{
	mlk_handle_t ep = handle_of(CHILD_H_SERVE);
	struct mlk_msg m;
	mlk_status_t st = mlk_msg_recv(ep, &m, 0);

	while (st == MLK_OK) {
		if (!serve_one(&m))
			st = mlk_msg_recv(ep, &m, 0);
		else
			st = mlk_msg_reply_recv(ep, &m, 0);
	}
	return 100 + (int)(st % 100);
}

/* ---- threads ------------------------------------------------------------- */

static void second_thread(uint64_t arg)
{
	mlk_sleep(mlk_deadline_in(20 * 1000000ull));
	mlk_thread_exit((int64_t)arg);
}

static int threads(void)
{
	void *stack = mlk_map_anonymous(16384);
	mlk_handle_t t;
	uint32_t type, rights;

	if (!stack || mlk_handle_info(MLK_HANDLE_SELF_THREAD, &type, &rights))
		return 1;
	if (mlk_thread_create(MLK_HANDLE_SELF_PROCESS, (uint64_t)second_thread,
			      (uint64_t)stack + 16384, 7, 1, "second", 6,
			      &t) != MLK_OK ||
	    mlk_thread_start(t) != MLK_OK)
		return 2;
	mlk_thread_exit(5);
	return 3;
}

/* ---- exhaustion ---------------------------------------------------------- */

/* Memory objects of `size` bytes (0: endpoints) until the kernel says
 * no; the first ones' handles in made[]. */
static mlk_status_t make_all(uint64_t size, unsigned *n, uint64_t *count)
{
	mlk_status_t st;
	mlk_handle_t h;

	*count = 0;
	for (;;) {
		st = size ? mlk_mem_create(size, MLK_MEM_COMMIT, &h)
			  : mlk_endpoint_create(&h);
		if (st != MLK_OK)
			return st;
		if (*n < MAX_KEPT)
			made[(*n)++] = h;
		++*count;
	}
}

static int exhaust(uint64_t size)
{
	struct mlk_ipc io = { .info = MLK_MSGINFO(CHILD_EXHAUSTED, 5, 0) };
	unsigned n = 0;
	uint64_t pages, mems, eps;
	mlk_handle_t h;

	io.w[1] = (uint64_t)make_all(size, &n, &mems);
	make_all(MLK_PAGE_SIZE, &n, &pages);
	io.w[0] = mems;
	io.w[3] = (uint64_t)make_all(0, &n, &eps);
	io.w[2] = eps;
	/* Give some memory back: it can be used again. */
	for (unsigned i = 0; i < n; i++)
		mlk_handle_close(made[i]);
	io.w[4] = (uint64_t)mlk_endpoint_create(&h);
	mlk_ipc_send(handle_of(CHILD_H_CTRL), &io);
	suspend_forever();
	return 0;
}

/* Call the supervisor endpoint and wait for the answer. */
static int call(void)
{
	struct mlk_ipc io = { .info = MLK_MSGINFO(CHILD_CALLING, 0, 0) };

	return (int)mlk_ipc_call(handle_of(CHILD_H_CTRL), 0, &io);
}

/* Endpoints until the quota is gone; report how many; stay. */
static int fill(void)
{
	struct mlk_ipc io = { .info = MLK_MSGINFO(CHILD_EXHAUSTED, 5, 0) };
	unsigned n = 0;
	uint64_t eps;

	io.w[3] = (uint64_t)make_all(0, &n, &eps);
	io.w[2] = eps;
	mlk_ipc_send(handle_of(CHILD_H_CTRL), &io);
	suspend_forever();
	return 0;
}

/* ---- hostile roles (t_hostile.c) ---------------------------------------- */

static void report(const uint64_t *w, unsigned n)
{
	struct mlk_msg m = { .label = CHILD_REPORT, .nwords = n };

	memcpy(m.w, w, n * sizeof(w[0]));
	mlk_msg_send(handle_of(CHILD_H_CTRL), &m);
}

static int detach(void)
{
	mlk_handle_t ep;
	uint64_t w[1] = { (uint64_t)mlk_endpoint_create(&ep) };

	if (w[0] == MLK_OK)
		w[0] = (uint64_t)mlk_process_set_supervisor(
			MLK_HANDLE_SELF_PROCESS, ep, 1);
	report(w, 1);
	return 5;
}

/* A process of ours with one thread (never started) to carry its exit. */
static mlk_status_t make_process(const char *name, mlk_handle_t *p,
				 mlk_handle_t *as, mlk_handle_t *t)
{
	mlk_status_t st =
		mlk_process_create(name, strlen(name), 256 * 1024, p, as);

	if (st == MLK_OK)
		st = mlk_thread_create(*p, CHILD_SPIN_ENTRY, 0, 0, 1, name,
				       strlen(name), t);
	return st;
}

static int decoy(void)
{
	mlk_handle_t p, as, t, ep;
	struct mlk_msg m;
	uint64_t w[8] = { 0 };

	if (make_process("decoy", &p, &as, &t) != MLK_OK ||
	    mlk_endpoint_create(&ep) != MLK_OK)
		return 1;
	w[0] = (uint64_t)mlk_process_set_supervisor(p, handle_of(CHILD_H_CTRL),
						    1);
	w[1] = (uint64_t)mlk_process_set_supervisor(p, ep, 7);
	w[2] = (uint64_t)mlk_process_set_supervisor(handle_of(CHILD_H_PROCESS),
						    ep, 8);
	w[3] = (uint64_t)mlk_process_kill(p, 97);
	w[4] = (uint64_t)mlk_msg_recv(ep, &m, mlk_clock_now() + 1000000000ull);
	w[5] = m.label;
	w[6] = m.badge;
	w[7] = m.w[0];
	report(w, 8);
	return 0;
}

static int grandparent(void)
{
	static const uint32_t spin_forever = 0x14000000; /* b . */
	mlk_handle_t p, as, t, mem;
	uint64_t w[2] = { 0 }, addr;

	if (make_process("grandchild", &p, &as, &t) != MLK_OK ||
	    mlk_mem_create(MLK_PAGE_SIZE, 0, &mem) != MLK_OK ||
	    mlk_mem_write(mem, 0, &spin_forever, 4) != MLK_OK ||
	    mlk_aspace_map(as, mem, 0, CHILD_SPIN_ENTRY, MLK_PAGE_SIZE,
			   MLK_MAP_READ | MLK_MAP_EXEC, &addr) != MLK_OK)
		return 1;
	w[0] = (uint64_t)mlk_thread_start(t);
	mlk_object_id(p, &w[1]);
	report(w, 2);
	suspend_forever();
	return 0;
}

/* A grandchild's quota is bounded by ours.  Each mapping of one page
 * a gigabyte past the last takes new page tables of the grandchild's
 * address space, charged to it alone (we pay for nothing here), so only
 * the rule that a charge counts against every ancestor's quota stops
 * it before its own 64 MiB. */
static int nest(void)
{
	static const char name[] = "nested";
	mlk_handle_t p, as, mem;
	uint64_t w[2] = { 0 }, addr;
	mlk_status_t st =
		mlk_process_create(name, strlen(name), 64ull << 20, &p, &as);

	if (st == MLK_OK)
		st = mlk_mem_create(MLK_PAGE_SIZE, 0, &mem);
	for (uint64_t va = CHILD_SPIN_ENTRY; st == MLK_OK; va += 1ull << 30) {
		st = mlk_aspace_map(as, mem, 0, va, MLK_PAGE_SIZE, MLK_MAP_READ,
				    &addr);
		w[0] += st == MLK_OK;
	}
	w[1] = (uint64_t)st;
	report(w, 2);
	suspend_forever();
	return 0;
}

int main(int argc, char **argv)
{
	const char *role = argc > 1 ? argv[1] : "";
	const char *arg = argc > 2 ? argv[2] : "0";
	int r;

	if (!strcmp(role, "exit"))
		return atoi(arg);
	if (!strcmp(role, "spin"))
		spin();
	if (!strcmp(role, "suspend"))
		suspend_forever();
	if (!strcmp(role, "sleep-forever"))
		return (int)mlk_sleep(MLK_FOREVER); /* 0 would say it woke */
	if (!strcmp(role, "wait")) {
		uint64_t bits = 0;
		mlk_wait(handle_of(CHILD_H_NOTIFY), 0, &bits);
		return (int)bits;
	}
	if (!strcmp(role, "server"))
		return server();
	if (!strcmp(role, "threads"))
		return threads();
	if (!strcmp(role, "kill-self"))
		return (int)mlk_process_kill(MLK_HANDLE_SELF_PROCESS, 12);
	if (!strcmp(role, "call"))
		return call();
	if (!strcmp(role, "fill"))
		return fill();
	if (!strcmp(role, "exhaust"))
		return exhaust(strtoull(arg, NULL, 0));
	if (!strcmp(role, "detach"))
		return detach();
	if (!strcmp(role, "decoy"))
		return decoy();
	if (!strcmp(role, "nest"))
		return nest();
	if (!strcmp(role, "grandparent"))
		return grandparent();
	r = fault(role);
	return r < 0 ? 99 : r;
}
