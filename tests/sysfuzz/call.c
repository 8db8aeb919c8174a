/*
 * One random system call: a number (mostly from the table, sometimes
 * outside it), arguments by kind (args.c), the guard's corrections, the
 * call itself with every argument register set, then the bookkeeping:
 * counts, the handles it gave back, and the checks on its status.
 */
#include "args.h"

extern const char _start[], _end[];

#define CLOCK_EVERY 32 /* calls between two readings of the clock */
#define SLEEP_MAX_NS 2000000ull
#define SEND_BLOCKING_PERCENT 5

/* svc with x0..x7 and the number in x8; x0..x7 come back.  imm: 0, or
 * the immediate the call's stub uses (mlk/svc.h), which the kernel's fast
 * paths answer: call, reply_recv, the LEAF calls, yield, signal. */
_Static_assert(MLK_SVC_ANY == 0 && MLK_SVC_CALL == 1 &&
		       MLK_SVC_REPLY_RECV == 2 && MLK_SVC_LEAF == 3 &&
		       MLK_SVC_YIELD == 4 && MLK_SVC_SIGNAL == 5,
	       "svc_all spells the immediates out");
static void svc_all(uint64_t nr, uint64_t imm, uint64_t *x)
{
	register uint64_t x0 __asm__("x0") = x[0];
	register uint64_t x1 __asm__("x1") = x[1];
	register uint64_t x2 __asm__("x2") = x[2];
	register uint64_t x3 __asm__("x3") = x[3];
	register uint64_t x4 __asm__("x4") = x[4];
	register uint64_t x5 __asm__("x5") = x[5];
	register uint64_t x6 __asm__("x6") = x[6];
	register uint64_t x7 __asm__("x7") = x[7];
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("cbz %[imm], 0f\n\t"
			 "cmp %[imm], #1\n\t"
			 "b.eq 1f\n\t"
			 "cmp %[imm], #3\n\t"
			 "b.eq 4f\n\t"
			 "cmp %[imm], #4\n\t"
			 "b.eq 5f\n\t"
			 "cmp %[imm], #5\n\t"
			 "b.eq 6f\n\t"
			 "svc #2\n\t"
			 "b 3f\n"
			 "1:\tsvc #1\n\t"
			 "b 3f\n"
			 "4:\tsvc #3\n\t"
			 "b 3f\n"
			 "5:\tsvc #4\n\t"
			 "b 3f\n"
			 "6:\tsvc #5\n\t"
			 "b 3f\n"
			 "0:\tsvc #0\n"
			 "3:"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
			   "+r"(x5), "+r"(x6), "+r"(x7), "+r"(x8)
			 : [imm] "r"(imm)
			 : MLK_SVC_CLOBBERS);
	x[0] = x0;
	x[1] = x1;
	x[2] = x2;
	x[3] = x3;
	x[4] = x4;
	x[5] = x5;
	x[6] = x6;
	x[7] = x7;
}

bool fuzz_status_known(int64_t st)
{
	return st == MLK_OK ||
	       (st >= MLK_ERR_UNKNOWN_SYSCALL && st <= MLK_ERR_NOT_EMPTY) ||
	       (st >= MLK_ERR_FAILED && st <= MLK_ERR_NO_SPACE);
}

void fuzz_violation(const struct worker *w, uint64_t nr, const uint64_t *args,
		    int64_t status, uint64_t what)
{
	struct sysfuzz_stats *s = fuzz.stats;
	uint64_t n = s->violations++;

	if (n >= SYSFUZZ_MAX_VIOLATIONS)
		return;
	struct sysfuzz_violation *v = &s->violation[n];
	v->worker = w ? w->slot : ~0ull;
	v->call = w ? w->calls : 0;
	v->nr = nr;
	for (unsigned i = 0; i < 8; i++)
		v->args[i] = args ? args[i] : 0;
	v->status = status;
	v->what = what;
}

/* Calls that would end the fuzz thread itself. */
static bool ends_caller(uint32_t nr)
{
	return nr == MLK_SYS_process_exit || nr == MLK_SYS_thread_exit;
}

/* The number to call, and its table entry (NULL: not a call). */
static const struct call_desc *choose(struct worker *w, uint64_t *nr)
{
	struct rng *r = &w->rng;
	unsigned roll = (unsigned)rng_below(r, 100);
	const struct call_desc *c;

	if (roll < 93) {
		do
			c = &call_table[rng_below(r, call_count)];
		while (ends_caller(c->nr));
		*nr = c->nr;
		return c;
	}
	if (roll < 97)
		*nr = rng_below(r, MLK_SYSCALL_LIMIT);
	else if (roll < 99)
		*nr = rng_next(r) | MLK_SYSCALL_LIMIT;
	else /* a real number with high bits: still unknown */
		*nr = args_widen(r, call_table[rng_below(r, call_count)].nr);
	c = *nr < MLK_SYSCALL_LIMIT ? call_by_nr[*nr] : NULL;
	if (c && ends_caller(c->nr)) {
		*nr = MLK_SYS_yield;
		c = call_by_nr[*nr];
	}
	return c;
}

static void fill_ipc(struct worker *w, const struct call_desc *c, uint64_t *x)
{
	struct mlk_ipc_buffer *b = mlk_ipc_buffer();
	unsigned words;

	/* x0 is a saved reply for reply_to, else an endpoint, often one
	 * where the other threads' IPC calls meet. */
	if (c->nr == MLK_SYS_reply_to && rng_percent(&w->rng, 90))
		x[0] = args_handle(w, MLK_OBJ_REPLY);
	else if (rng_percent(&w->rng, 50))
		x[0] = fuzz.rendezvous[rng_below(&w->rng, RENDEZVOUS)];
	else
		x[0] = args_handle(w, rng_percent(&w->rng, 20)
					      ? MLK_OBJ_REPLY
					      : MLK_OBJ_ENDPOINT);
	x[1] = args_msginfo(&w->rng);
	x[2] = args_deadline(w);
	words = MLK_MSGINFO_WORDS(x[1]);
	for (unsigned i = MLK_MSG_REG_WORDS; i < words && i < MLK_MSG_MAX_WORDS;
	     i++)
		b->words[i] = rng_next(&w->rng);
	for (unsigned i = 0; i < MLK_MSG_MAX_HANDLES; i++)
		b->handles[i] = args_handle(w, MLK_OBJ_NONE);
}

static void fill_plain(struct worker *w, const struct call_desc *c, uint64_t *x)
{
	uint64_t room = 0;

	for (unsigned i = 0; i < c->nargs && i < 7; i++)
		x[i] = args_value(w, c->kind[i], c->want[i], &room);
}

/* The guard's corrections; false: skip this call. */
static bool guard_call(struct worker *w, const struct call_desc *c,
		       uint64_t *nr, uint64_t *x)
{
	struct mlk_ipc_buffer *b;

	switch (c->nr) {
	case MLK_SYS_handle_close:
		if (guard_is_protected_handle(x[0]))
			x[0] = 0;
		return true;
	case MLK_SYS_process_kill:
	case MLK_SYS_thread_suspend:
	case MLK_SYS_thread_set_priority:
	case MLK_SYS_mem_write:
		if (guard_names_protected(x[0]))
			x[0] = 0;
		return true;
	case MLK_SYS_aspace_unmap:
		return guard_object_id(x[0]) != guard_self_aspace() ||
		       !guard_unmap_hurts(&w->pool, x[1], x[2]);
	case MLK_SYS_thread_create:
		/* In this process a thread may start only where it cannot
		 * run our code on our memory: the stackless body, or an
		 * address that faults at once. */
		if (x[1] >= (uint64_t)_start && x[1] < (uint64_t)_end &&
		    x[1] != (uint64_t)sacrifice_entry &&
		    guard_object_id(x[0]) == guard_self_pid())
			x[1] = (uint64_t)sacrifice_entry;
		return true;
	case MLK_SYS_sleep:
		/* MLK_FOREVER (0) would end only with the thread. */
		if (x[0] == MLK_FOREVER || x[0] > w->now_ns + SLEEP_MAX_NS)
			x[0] = w->now_ns + rng_below(&w->rng, SLEEP_MAX_NS);
		return true;
	case MLK_SYS_send:
		/* send has no deadline: mostly its non-blocking twin, or the
		 * thread waits for the next reset. */
		if (!rng_percent(&w->rng, SEND_BLOCKING_PERCENT))
			*nr = MLK_SYS_nbsend;
		/* fall through */
	case MLK_SYS_call:
	case MLK_SYS_nbsend:
	case MLK_SYS_reply:
	case MLK_SYS_reply_recv:
	case MLK_SYS_reply_to:
		b = mlk_ipc_buffer();
		for (unsigned i = 0; i < MLK_MSG_MAX_HANDLES; i++)
			if (guard_is_protected_handle(b->handles[i]))
				b->handles[i] = 0;
		return true;
	default:
		return true;
	}
}

/* Keep what the call gave back. */
static void collect(struct worker *w, const struct call_desc *c,
		    const uint64_t *in, const uint64_t *x)
{
	struct mlk_ipc_buffer *b;

	switch (c->nr) {
	case MLK_SYS_endpoint_create:
	case MLK_SYS_notification_create:
	case MLK_SYS_handle_duplicate:
	case MLK_SYS_endpoint_mint:
	case MLK_SYS_mem_create:
	case MLK_SYS_thread_create:
	case MLK_SYS_reply_save:
		pool_add(&w->pool, (uint32_t)x[1]);
		break;
	case MLK_SYS_process_create:
		pool_add(&w->pool, (uint32_t)x[1]);
		pool_add(&w->pool, (uint32_t)x[2]);
		break;
	case MLK_SYS_process_give:
		if (guard_object_id(in[0]) == guard_self_pid())
			pool_add(&w->pool, (uint32_t)x[1]);
		break;
	case MLK_SYS_aspace_map:
		if (in[3] == 0 && guard_object_id(in[0]) == guard_self_aspace())
			pool_add_mapping(&w->pool, x[1], in[4]);
		break;
	case MLK_SYS_call:
	case MLK_SYS_recv:
	case MLK_SYS_reply_recv:
		b = mlk_ipc_buffer();
		for (unsigned i = 0;
		     i < MLK_MSGINFO_HANDLES(x[1]) && i < MLK_MSG_MAX_HANDLES;
		     i++)
			pool_add(&w->pool, b->handles[i]);
		break;
	default:
		break;
	}
}

static void account(struct worker *w, uint64_t nr, const struct call_desc *c,
		    const uint64_t *in, int64_t st)
{
	struct sysfuzz_stats *s = fuzz.stats;

	if (w->retired)
		return; /* resumed after it was replaced: the slot is not its */
	w->calls++;
	s->calls[w->slot] = w->calls;
	if (st == MLK_OK) {
		w->ok++;
		s->ok[w->slot] = w->ok;
		s->ok_by_nr[w->slot][nr < SYSFUZZ_NR_SLOTS
					     ? nr
					     : SYSFUZZ_NR_SLOTS - 1]++;
	}
	if (!fuzz_status_known(st))
		fuzz_violation(w, nr, in, st, SYSFUZZ_UNKNOWN_STATUS);
	else if (!c && st != MLK_ERR_UNKNOWN_SYSCALL)
		fuzz_violation(w, nr, in, st, SYSFUZZ_NOT_UNKNOWN);
}

void fuzz_one(struct worker *w)
{
	uint64_t nr, imm, x[8], in[8];
	const struct call_desc *c;

	if (w->forget) {
		pool_forget(&w->pool);
		w->forget = false;
	}
	if (w->release) {
		pool_release(&w->pool);
		pool_forget(&w->pool);
		w->release = false;
	}
	if (w->calls % CLOCK_EVERY == 0)
		mlk_clock_get(&w->now_ns);
	c = choose(w, &nr);
	for (unsigned i = 0; i < 8; i++)
		x[i] = rng_percent(&w->rng, 50) ? 0 : rng_next(&w->rng);
	if (c && c->ipc)
		fill_ipc(w, c, x);
	else if (c)
		fill_plain(w, c, x);
	if (c && !guard_call(w, c, &nr, x))
		return;
	w->current[0] = nr;
	for (unsigned i = 0; i < 8; i++)
		w->current[i + 1] = in[i] = x[i];
	imm = MLK_SVC_ANY;
	if (nr == MLK_SYS_call && rng_percent(&w->rng, 75))
		imm = MLK_SVC_CALL;
	else if (nr == MLK_SYS_reply_recv && rng_percent(&w->rng, 75))
		imm = MLK_SVC_REPLY_RECV;
	else if ((nr == MLK_SYS_null || nr == MLK_SYS_clock_get) &&
		 rng_percent(&w->rng, 75))
		imm = MLK_SVC_LEAF;
	else if (nr == MLK_SYS_yield && rng_percent(&w->rng, 75))
		imm = MLK_SVC_YIELD;
	else if (nr == MLK_SYS_signal && rng_percent(&w->rng, 75))
		imm = MLK_SVC_SIGNAL;
	svc_all(nr, imm, x);
	account(w, nr, c, in, (int64_t)x[0]);
	if (c && x[0] == MLK_OK)
		collect(w, c, in, x);
}
