/*
 * The IPC fast path: call to a server already waiting in recv, and
 * reply_recv to a caller waiting for its reply, with messages that fit
 * the registers.  Results must be those of the general path; the
 * registers a function call preserves (x19..x28, d8..d15) must survive,
 * whichever thread ran meanwhile.
 */
#include "child.h"
#include "mlktest.h"

#define QUIT 0x7777
#define ROUNDS 200

/* An svc with the immediate for the number in x8: call and reply_recv by
 * their own (mlk/svc.h), the way to the fast path; the LEAF calls null
 * and clock_get by #3, as their stubs do; a number with BY_SVC4 set by
 * #4, the yield path (which reads no x8), one with BY_SVC5 set by #5,
 * signal's path (neither); the rest by #0.  For an asm statement with the
 * inputs SVC_BY_NUMBER_INPUTS. */
_Static_assert(MLK_SVC_CALL == 1 && MLK_SVC_REPLY_RECV == 2 &&
		       MLK_SVC_LEAF == 3 && MLK_SVC_YIELD == 4 &&
		       MLK_SVC_SIGNAL == 5,
	       "SVC_BY_NUMBER spells the immediates out");
#define BY_SVC4 (1ull << 62)
#define BY_SVC5 (1ull << 61)
#define SVC_BY_NUMBER                                                          \
	"tbnz x8, #62, 5f\n\t"                                                 \
	"tbnz x8, #61, 6f\n\t"                                                 \
	"cmp x8, %[sys_call]\n\t"                                              \
	"b.eq 1f\n\t"                                                          \
	"cmp x8, %[sys_reply_recv]\n\t"                                        \
	"b.eq 2f\n\t"                                                          \
	"cmp x8, %[sys_null]\n\t"                                              \
	"b.eq 4f\n\t"                                                          \
	"cmp x8, %[sys_clock_get]\n\t"                                         \
	"b.eq 4f\n\t"                                                          \
	"svc #0\n\t"                                                           \
	"b 3f\n"                                                               \
	"1:\tsvc #1\n\t"                                                       \
	"b 3f\n"                                                               \
	"4:\tsvc #3\n\t"                                                       \
	"b 3f\n"                                                               \
	"5:\tsvc #4\n\t"                                                       \
	"b 3f\n"                                                               \
	"6:\tsvc #5\n\t"                                                       \
	"b 3f\n"                                                               \
	"2:\tsvc #2\n"                                                         \
	"3:\n\t"
#define SVC_BY_NUMBER_INPUTS                                                   \
	[sys_call] "i"(MLK_SYS_call),                                          \
		[sys_reply_recv] "i"(MLK_SYS_reply_recv),                      \
		[sys_null] "i"(MLK_SYS_null),                                  \
		[sys_clock_get] "i"(MLK_SYS_clock_get)

/*
 * An IPC system call (x0 = h, x1 = info, x2 = no deadline, x3..x7 = the
 * words) with x19..x28 set to base + 1 .. base + 10: *io gets the
 * registers back, and the result is how many of x19..x28 changed.
 */
static unsigned ipc_keeping_regs(uint64_t nr, uint64_t h, struct mlk_ipc *io,
				 uint64_t base, mlk_status_t *st)
{
	register uint64_t x0 __asm__("x0") = h;
	register uint64_t x1 __asm__("x1") = io->info;
	register uint64_t x2 __asm__("x2") = 0;
	register uint64_t x3 __asm__("x3") = io->w[0];
	register uint64_t x4 __asm__("x4") = io->w[1];
	register uint64_t x5 __asm__("x5") = io->w[2];
	register uint64_t x6 __asm__("x6") = io->w[3];
	register uint64_t x7 __asm__("x7") = io->w[4];
	register uint64_t x8 __asm__("x8") = nr;
	register uint64_t x9 __asm__("x9") = base;

	__asm__ volatile(
		"stp x19, x20, [sp, #-96]!\n\t"
		"stp x21, x22, [sp, #16]\n\t"
		"stp x23, x24, [sp, #32]\n\t"
		"stp x25, x26, [sp, #48]\n\t"
		"stp x27, x28, [sp, #64]\n\t"
		"str x9, [sp, #80]\n\t"
		"add x19, x9, #1\n\t"
		"add x20, x9, #2\n\t"
		"add x21, x9, #3\n\t"
		"add x22, x9, #4\n\t"
		"add x23, x9, #5\n\t"
		"add x24, x9, #6\n\t"
		"add x25, x9, #7\n\t"
		"add x26, x9, #8\n\t"
		"add x27, x9, #9\n\t"
		"add x28, x9, #10\n\t" SVC_BY_NUMBER "ldr x10, [sp, #80]\n\t"
		"mov x9, #0\n\t"
		"add x11, x10, #1\n\tcmp x19, x11\n\tcinc x9, x9, ne\n\t"
		"add x11, x10, #2\n\tcmp x20, x11\n\tcinc x9, x9, ne\n\t"
		"add x11, x10, #3\n\tcmp x21, x11\n\tcinc x9, x9, ne\n\t"
		"add x11, x10, #4\n\tcmp x22, x11\n\tcinc x9, x9, ne\n\t"
		"add x11, x10, #5\n\tcmp x23, x11\n\tcinc x9, x9, ne\n\t"
		"add x11, x10, #6\n\tcmp x24, x11\n\tcinc x9, x9, ne\n\t"
		"add x11, x10, #7\n\tcmp x25, x11\n\tcinc x9, x9, ne\n\t"
		"add x11, x10, #8\n\tcmp x26, x11\n\tcinc x9, x9, ne\n\t"
		"add x11, x10, #9\n\tcmp x27, x11\n\tcinc x9, x9, ne\n\t"
		"add x11, x10, #10\n\tcmp x28, x11\n\tcinc x9, x9, ne\n\t"
		"ldp x21, x22, [sp, #16]\n\t"
		"ldp x23, x24, [sp, #32]\n\t"
		"ldp x25, x26, [sp, #48]\n\t"
		"ldp x27, x28, [sp, #64]\n\t"
		"ldp x19, x20, [sp], #96"
		: "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5),
		  "+r"(x6), "+r"(x7), "+r"(x8), "+r"(x9)
		: SVC_BY_NUMBER_INPUTS
		: "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18",
		  "memory", "cc");
	*st = (mlk_status_t)x0;
	io->info = x1;
	io->badge = x2;
	io->w[0] = x3;
	io->w[1] = x4;
	io->w[2] = x5;
	io->w[3] = x6;
	io->w[4] = x7;
	return (unsigned)x9;
}

/* A server that answers each call with label + 1 and words + 1..5, in
 * reply_recv, with its own x19..x28 watched. */
struct fast_server {
	mlk_handle_t ep;
	mlk_status_t st;
	unsigned served, regs_changed;
	uint64_t badge_sum;
};

static void serve_fast(void *arg)
{
	struct fast_server *s = arg;
	struct mlk_ipc io = { 0 };

	s->st = mlk_ipc_recv(s->ep, 0, &io);
	while (s->st == MLK_OK && MLK_MSGINFO_LABEL(io.info) != QUIT) {
		s->served++;
		s->badge_sum += io.badge;
		io.info = MLK_MSGINFO(MLK_MSGINFO_LABEL(io.info) + 1,
				      MLK_MSGINFO_WORDS(io.info), 0);
		for (int i = 0; i < MLK_MSG_REG_WORDS; i++)
			io.w[i] += i + 1;
		s->regs_changed += ipc_keeping_regs(MLK_SYS_reply_recv, s->ep,
						    &io, 0x9100, &s->st);
	}
	if (s->st == MLK_OK) {
		io.info = MLK_MSGINFO(QUIT, 0, 0);
		s->st = mlk_ipc_reply(&io);
	}
}

static bool start_server(struct fast_server *s, struct worker *w,
			 uint32_t priority)
{
	if (!CHECK_OK(mlk_endpoint_create(&s->ep)))
		return false;
	if (!CHECK_OK(worker_start(w, serve_fast, s, priority))) {
		mlk_handle_close(s->ep);
		return false;
	}
	/* In recv: our calls find it waiting, as the fast path needs. */
	CHECK(worker_settle(w, MLK_THREAD_RECV));
	return true;
}

static void stop_server(struct fast_server *s, struct worker *w)
{
	struct mlk_ipc io = { .info = MLK_MSGINFO(QUIT, 0, 0) };

	CHECK_OK(mlk_ipc_call(s->ep, 0, &io));
	CHECK(worker_join(w, 1000 * MS));
	CHECK_OK(s->st);
	CHECK_EQ(s->regs_changed, 0);
	mlk_handle_close(s->ep);
}

/* Round trips of every size the registers take, through a badge. */
TEST(fastpath, round_trips)
{
	struct fast_server s = { 0 };
	struct worker w;
	mlk_handle_t minted;
	unsigned bad = 0, changed = 0;
	mlk_status_t st;

	if (!start_server(&s, &w, mlktest_priority()))
		return;
	if (CHECK_OK(mlk_endpoint_mint(s.ep, MLK_RIGHT_SEND, 3, &minted))) {
		for (unsigned r = 0; r < ROUNDS; r++) {
			unsigned nw = r % (MLK_MSG_REG_WORDS + 1);
			struct mlk_ipc io = { .info = MLK_MSGINFO(r, nw, 0) };
			for (unsigned i = 0; i < MLK_MSG_REG_WORDS; i++)
				io.w[i] = r * 10 + i;
			changed += ipc_keeping_regs(MLK_SYS_call, minted, &io,
						    0x1900, &st);
			bad += st != MLK_OK ||
			       io.info != MLK_MSGINFO(r + 1, nw, 0) ||
			       io.badge != 0;
			for (unsigned i = 0; i < MLK_MSG_REG_WORDS; i++)
				bad += io.w[i] != r * 10 + 2 * i + 1;
		}
		mlk_handle_close(minted);
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(changed, 0);
	stop_server(&s, &w);
	CHECK_EQ(s.served, ROUNDS);
	CHECK_EQ(s.badge_sum, 3 * ROUNDS);
}

/*
 * Values at the edges of the handle and label encodings the fast path
 * decodes itself, with the server waiting: each refused one must reach
 * the general path and get its status there (the server sees nothing);
 * the last label a user may send goes through.
 */
TEST(fastpath, edges_of_the_encodings)
{
	struct fast_server s = { 0 };
	struct worker w;
	unsigned changed = 0;

	if (!start_server(&s, &w, mlktest_priority()))
		return;
	const struct {
		uint64_t h;
		uint32_t label;
		mlk_status_t want;
	} refused[] = {
		{ s.ep, MLK_LABEL_KERNEL, MLK_ERR_BAD_ARG(1) },
		{ s.ep, 0xffffffffu, MLK_ERR_BAD_ARG(1) },
		{ s.ep | 1ull << 31, 1, MLK_ERR_BAD_HANDLE },
		{ s.ep | 1ull << 32, 1, MLK_ERR_BAD_ARG(0) },
		{ s.ep ^ (1u << MLK_HANDLE_INDEX_BITS), 1, MLK_ERR_BAD_HANDLE },
		{ MLK_HANDLE_MAKE(MLK_HANDLE_INDEX_MASK, 1), 1,
		  MLK_ERR_BAD_HANDLE },
	};
	for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		struct mlk_ipc io = { .info = MLK_MSGINFO(refused[i].label, 1,
							  0) };
		mlk_status_t st;
		changed += ipc_keeping_regs(MLK_SYS_call, refused[i].h, &io,
					    0x3300, &st);
		CHECK_ST(st, refused[i].want);
	}
	struct mlk_ipc io = { .info = MLK_MSGINFO(MLK_LABEL_KERNEL - 2,
						  MLK_MSG_REG_WORDS, 0) };
	mlk_status_t st;
	changed += ipc_keeping_regs(MLK_SYS_call, s.ep, &io, 0x3400, &st);
	CHECK_OK(st);
	CHECK_EQ(io.info,
		 MLK_MSGINFO(MLK_LABEL_KERNEL - 1, MLK_MSG_REG_WORDS, 0));
	CHECK_EQ(changed, 0);
	stop_server(&s, &w);
	CHECK_EQ(s.served, 1);
}

/* Fast and general paths in turn: a word past the registers, a deadline. */
TEST(fastpath, mixed_with_general_path)
{
	struct fast_server s = { 0 };
	struct worker w;
	unsigned bad = 0;

	if (!start_server(&s, &w, mlktest_priority()))
		return;
	for (unsigned r = 0; r < 60; r++) {
		struct mlk_msg m = { .label = r,
				     .nwords = 3,
				     .w = { r, r + 1, r + 2 } };
		uint64_t deadline = 0;
		if (r % 3 == 1)
			m.nwords = 6; /* one word through the IPC buffers */
		if (r % 3 == 2)
			deadline = now_ns() + 1000 * MS;
		if (mlk_msg_call(s.ep, &m, deadline) != MLK_OK)
			bad++;
		bad += m.label != r + 1 || m.w[0] != r + 1 || m.w[2] != r + 5;
	}
	CHECK_EQ(bad, 0);
	stop_server(&s, &w);
	CHECK_EQ(s.served, 60);
}

/*
 * Every word count up to MLK_MSG_MAX_WORDS each way: the words past the
 * registers go from IPC buffer to IPC buffer, exactly as many as the
 * message has (the receiver's slots past them keep what it left there).
 */
struct long_server {
	mlk_handle_t ep;
	mlk_status_t st;
	unsigned bad;
};

/* Every slot of our IPC buffer's words: `tag` * 1000 + i, or its
 * complement. */
static void fill_words(uint64_t tag, bool invert)
{
	struct mlk_ipc_buffer *b = mlk_ipc_buffer();

	for (unsigned i = 0; i < MLK_MSG_MAX_WORDS; i++)
		b->words[i] = invert ? ~(tag * 1000 + i) : tag * 1000 + i;
}

/* How many slots of our buffer's words past the registers differ from
 * fill_words(tag, invert) below nw and from (old, !invert) from nw up. */
static unsigned words_wrong(unsigned nw, uint64_t tag, uint64_t old,
			    bool invert)
{
	struct mlk_ipc_buffer *b = mlk_ipc_buffer();
	unsigned bad = 0;

	for (unsigned i = MLK_MSG_REG_WORDS; i < MLK_MSG_MAX_WORDS; i++) {
		uint64_t t = i < nw ? tag : old;
		bool inv = i < nw ? invert : !invert;
		bad += b->words[i] != (inv ? ~(t * 1000 + i) : t * 1000 + i);
	}
	return bad;
}

static void serve_long(void *arg)
{
	struct long_server *s = arg;
	struct mlk_ipc io = { 0 };
	uint64_t label;

	fill_words(0, true);
	s->st = mlk_ipc_recv(s->ep, 0, &io);
	if (s->st != MLK_OK)
		return;
	label = MLK_MSGINFO_LABEL(io.info);
	s->bad += words_wrong(MLK_MSGINFO_WORDS(io.info), label, 0, false);
	while (label != QUIT) {
		uint64_t replied = label;
		fill_words(label, true);
		io.info = MLK_MSGINFO(label, MLK_MSGINFO_WORDS(io.info), 0);
		s->st = mlk_ipc_reply_recv(s->ep, 0, &io);
		if (s->st != MLK_OK)
			return;
		label = MLK_MSGINFO_LABEL(io.info);
		s->bad += words_wrong(MLK_MSGINFO_WORDS(io.info), label,
				      replied, false);
	}
	io.info = MLK_MSGINFO(QUIT, 0, 0);
	s->st = mlk_ipc_reply(&io);
}

TEST(fastpath, long_messages)
{
	struct long_server s = { 0 };
	struct worker w;
	unsigned bad = 0;

	if (!CHECK_OK(mlk_endpoint_create(&s.ep)))
		return;
	fill_words(0, true);
	if (!CHECK_OK(worker_start(&w, serve_long, &s, mlktest_priority()))) {
		mlk_handle_close(s.ep);
		return;
	}
	CHECK(worker_settle(&w, MLK_THREAD_RECV));
	for (unsigned r = 1; r <= 2 * (MLK_MSG_MAX_WORDS + 1); r++) {
		unsigned nw = r % (MLK_MSG_MAX_WORDS + 1);
		struct mlk_ipc io = { .info = MLK_MSGINFO(r, nw, 0) };
		fill_words(r, false);
		if (mlk_ipc_call(s.ep, 0, &io) != MLK_OK ||
		    io.info != MLK_MSGINFO(r, nw, 0)) {
			bad++;
			continue;
		}
		bad += words_wrong(nw, r, r, true);
	}
	struct mlk_ipc io = { .info = MLK_MSGINFO(QUIT, 0, 0) };
	CHECK_OK(mlk_ipc_call(s.ep, 0, &io));
	CHECK(worker_join(&w, 1000 * MS));
	CHECK_OK(s.st);
	CHECK_EQ(bad, 0);
	CHECK_EQ(s.bad, 0);
	mlk_handle_close(s.ep);
}

/*
 * The svc immediates (mlk/svc.h): #1 is call whatever x8 says, also when
 * the fast path declines it (here for the deadline, with nobody
 * receiving: it times out, where the null call x8 names would succeed);
 * an immediate with no meaning acts as #0; #0 with x8 = call is a call
 * too, on the general path.
 */
TEST(fastpath, svc_immediates)
{
	struct fast_server s = { 0 };
	struct worker w;
	mlk_handle_t ep;

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	uint64_t deadline = now_ns() + MS; /* no call once x0 is set */
	register uint64_t x0 __asm__("x0") = ep;
	register uint64_t x1 __asm__("x1") = 0;
	register uint64_t x2 __asm__("x2") = deadline;
	register uint64_t x8 __asm__("x8") = MLK_SYS_null;
	_Static_assert(MLK_SVC_CALL == 1, "svc #1 below");
	__asm__ volatile("svc #1"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8)
			 :
			 : "x3", "x4", "x5", "x6", "x7", MLK_SVC_CLOBBERS);
	CHECK_ST((mlk_status_t)x0, MLK_ERR_TIMED_OUT);
	mlk_handle_close(ep);

	register uint64_t y0 __asm__("x0") = ~0ull;
	register uint64_t y8 __asm__("x8") = MLK_SYS_null;
	__asm__ volatile("svc #7"
			 : "+r"(y0), "+r"(y8)
			 :
			 : "x1", "x2", "x3", "x4", "x5", "x6", "x7",
			   MLK_SVC_CLOBBERS);
	CHECK_OK((mlk_status_t)y0);

	if (!start_server(&s, &w, mlktest_priority()))
		return;
	struct mlk_ipc io = { .info = MLK_MSGINFO(40, 1, 0), .w = { 5 } };
	CHECK_OK(mlk_ipc_svc(MLK_SYS_call, s.ep, 0, &io));
	CHECK_EQ(io.info, MLK_MSGINFO(41, 1, 0));
	CHECK_EQ(io.w[0], 6);
	stop_server(&s, &w);
	CHECK_EQ(s.served, 1);
}

/*
 * svc #3, the leaf path (vectors.S): null and clock_get keep x3..x7 and
 * x19..x28 and give their outputs; any other number acts as with #0,
 * unknown ones too, and a number with high bits set is no LEAF call.
 */
TEST(fastpath, leaf_calls)
{
	struct mlk_ipc io = { .info = 0x11, .w = { 21, 22, 23, 24, 25 } };
	mlk_status_t st;
	uint64_t t0 = now_ns();

	CHECK_EQ(ipc_keeping_regs(MLK_SYS_clock_get, 0, &io, 0x2600, &st), 0);
	CHECK_OK(st);
	CHECK(io.info >= t0);
	for (unsigned i = 0; i < 5; i++)
		CHECK_EQ(io.w[i], 21 + i);
	io.info = 0x11;
	CHECK_EQ(ipc_keeping_regs(MLK_SYS_null, 0, &io, 0x2700, &st), 0);
	CHECK_OK(st);
	CHECK_EQ(io.info, 0x11);
	for (unsigned i = 0; i < 5; i++)
		CHECK_EQ(io.w[i], 21 + i);

	static const struct {
		uint64_t nr, x0;
		mlk_status_t st;
	} others[] = {
		{ MLK_SYS_yield, 0, MLK_OK },
		{ MLK_SYS_handle_close, MLK_HANDLE_NONE, MLK_ERR_BAD_HANDLE },
		{ 1000, 0, MLK_ERR_UNKNOWN_SYSCALL },
		{ (1ull << 32) | MLK_SYS_null, 0, MLK_ERR_UNKNOWN_SYSCALL },
		{ (1ull << 63) | MLK_SYS_clock_get, 0,
		  MLK_ERR_UNKNOWN_SYSCALL },
	};
	for (unsigned i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		register uint64_t x0 __asm__("x0") = others[i].x0;
		register uint64_t x8 __asm__("x8") = others[i].nr;
		_Static_assert(MLK_SVC_LEAF == 3, "svc #3 below");
		__asm__ volatile("svc #3"
				 : "+r"(x0), "+r"(x8)
				 :
				 : "x1", "x2", "x3", "x4", "x5", "x6", "x7",
				   MLK_SVC_CLOBBERS);
		CHECK_ST((mlk_status_t)x0, others[i].st);
	}
}

static volatile bool yield_stop;
static volatile unsigned yield_turns;

static void take_turns(void *unused)
{
	(void)unused;
	while (!yield_stop) {
		yield_turns++;
		mlk_yield();
	}
}

/*
 * svc #4, the yield path (vectors.S): whatever x8 holds, a yield as by
 * svc #0: MLK_OK, and x1..x7 and x19..x28 kept, alone at our priority
 * (no switch) and taking turns with a thread of our priority (a switch
 * each way).
 */
TEST(fastpath, yield_by_its_own_svc)
{
	struct mlk_ipc io = { .info = 0x11, .w = { 21, 22, 23, 24, 25 } };
	struct worker w;
	mlk_status_t st;
	unsigned bad = 0, turns;

	CHECK_EQ(ipc_keeping_regs(BY_SVC4 | 1000, 0x99, &io, 0x2800, &st), 0);
	CHECK_OK(st);
	CHECK_EQ(io.info, 0x11);
	CHECK_EQ(io.badge, 0);
	for (unsigned i = 0; i < 5; i++)
		CHECK_EQ(io.w[i], 21 + i);
	yield_stop = false;
	yield_turns = 0;
	if (!CHECK_OK(worker_start(&w, take_turns, NULL, mlktest_priority())))
		return;
	mlk_yield(); /* it runs up to its first yield */
	turns = yield_turns;
	for (unsigned r = 0; r < 20; r++) {
		io = (struct mlk_ipc){ .info = r, .w = { r + 1, 2, 3, 4, 5 } };
		bad += ipc_keeping_regs(BY_SVC4 | MLK_SYS_yield, 0, &io,
					0x2900 + r * 16, &st) != 0;
		bad += st != MLK_OK || io.info != r || io.w[0] != r + 1 ||
		       io.w[4] != 5;
	}
	CHECK_EQ(bad, 0);
	/* One turn per yield of ours, one fewer if a tick preempted it
	 * between its count and its yield. */
	turns = yield_turns - turns;
	CHECK(turns >= 19 && turns <= 20);
	yield_stop = true;
	CHECK(worker_join(&w, 100 * MS));
}

/*
 * svc #5, signal's path (fastpath.S): whatever x8 holds, a signal as by
 * svc #0, with x1..x7 and x19..x28 kept, and its errors those of the
 * general path, to which it declines for them.
 */
TEST(fastpath, signal_by_its_own_svc)
{
	struct mlk_ipc io = { .info = 0x5, .w = { 21, 22, 23, 24, 25 } };
	mlk_handle_t n, ep, wait_only;
	mlk_status_t st;
	uint64_t bits = 0;

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	CHECK_EQ(ipc_keeping_regs(BY_SVC5 | 1000, n, &io, 0x2a00, &st), 0);
	CHECK_OK(st);
	CHECK_EQ(io.info, 0x5);
	for (unsigned i = 0; i < 5; i++)
		CHECK_EQ(io.w[i], 21 + i);
	CHECK_OK(mlk_poll(n, &bits));
	CHECK_EQ(bits, 0x5);
	/* Refused: no bits, a bad handle, another object, no right. */
	io.info = 0;
	CHECK_EQ(
		ipc_keeping_regs(BY_SVC5 | MLK_SYS_signal, n, &io, 0x2b00, &st),
		0);
	CHECK_ST(st, MLK_ERR_BAD_ARG(1));
	io.info = 1;
	ipc_keeping_regs(BY_SVC5, 0x99, &io, 0x2c00, &st);
	CHECK_ST(st, MLK_ERR_BAD_HANDLE);
	if (CHECK_OK(mlk_endpoint_create(&ep))) {
		ipc_keeping_regs(BY_SVC5, ep, &io, 0x2d00, &st);
		CHECK_ST(st, MLK_ERR_WRONG_TYPE);
		mlk_handle_close(ep);
	}
	if (CHECK_OK(mlk_handle_duplicate(n, MLK_RIGHT_WAIT, &wait_only))) {
		ipc_keeping_regs(BY_SVC5, wait_only, &io, 0x2e00, &st);
		CHECK_ST(st, MLK_ERR_ACCESS_DENIED);
		mlk_handle_close(wait_only);
	}
	CHECK_ST(mlk_poll(n, &bits), MLK_ERR_UNAVAILABLE);
	mlk_handle_close(n);
}

/* svc #5 with x9..x17 set: how many come back holding a kernel address
 * (the top 16 bits set), which would leak the kernel's layout. */
static unsigned signal_leaks(mlk_handle_t n, uint64_t bits, mlk_status_t *st)
{
	uint64_t regs[9];
	register uint64_t x0 __asm__("x0") = n;
	register uint64_t x1 __asm__("x1") = bits;
	register uint64_t x3 __asm__("x3") = (uint64_t)(uintptr_t)regs;
	unsigned leaks = 0;

	__asm__ volatile("mov x9, #0x1234\n\t"
			 "mov x10, x9\n\tmov x11, x9\n\tmov x12, x9\n\t"
			 "mov x13, x9\n\tmov x14, x9\n\tmov x15, x9\n\t"
			 "mov x16, x9\n\tmov x17, x9\n\t"
			 "svc #5\n\t"
			 "stp x9, x10, [x3]\n\t"
			 "stp x11, x12, [x3, #16]\n\t"
			 "stp x13, x14, [x3, #32]\n\t"
			 "stp x15, x16, [x3, #48]\n\t"
			 "str x17, [x3, #64]"
			 : "+r"(x0), "+r"(x1), "+r"(x3)
			 :
			 : "x2", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
			   "x11", "x12", "x13", "x14", "x15", "x16", "x17",
			   "x18", "memory");
	*st = (mlk_status_t)x0;
	for (unsigned i = 0; i < 9; i++)
		leaks += regs[i] >> 48 == 0xffff;
	return leaks;
}

struct waiter {
	mlk_handle_t n;
	mlk_status_t st;
	uint64_t bits;
	volatile bool woke;
};

static void wait_once(void *arg)
{
	struct waiter *wt = arg;

	wt->st = mlk_wait(wt->n, 0, &wt->bits);
	wt->woke = true;
}

/*
 * A waiter of lower priority, then of ours: it takes the bits and is
 * READY, and we carry on (the fast path); no kernel address comes back
 * in x9..x17 either way.
 */
TEST(fastpath, signal_wakes_a_waiter)
{
	static const int below[] = { 3, 0 };
	struct waiter wt = { 0 };
	struct worker w;
	mlk_status_t st;

	if (!CHECK_OK(mlk_notification_create(&wt.n)))
		return;
	CHECK_EQ(signal_leaks(wt.n, 0x40, &st), 0); /* nobody waits */
	CHECK_OK(st);
	CHECK_OK(mlk_poll(wt.n, &wt.bits));
	for (unsigned i = 0; i < 2; i++) {
		wt.woke = false;
		wt.bits = 0;
		if (!CHECK_OK(worker_start(&w, wait_once, &wt,
					   mlktest_priority() - below[i])))
			break;
		CHECK(worker_settle(&w, MLK_THREAD_WAIT));
		CHECK_EQ(signal_leaks(wt.n, 0x30 + i, &st), 0);
		CHECK_OK(st);
		CHECK(!wt.woke); /* it waits its turn */
		CHECK(worker_join(&w, 100 * MS));
		CHECK(wt.woke);
		CHECK_OK(wt.st);
		CHECK_EQ(wt.bits, 0x30 + i);
	}
	CHECK_ST(mlk_poll(wt.n, &wt.bits), MLK_ERR_UNAVAILABLE);
	mlk_handle_close(wt.n);
}

struct signaller {
	mlk_handle_t n;
	mlk_status_t st;
	volatile bool done;
};

static void signal_once(void *arg)
{
	struct signaller *s = arg;
	uint64_t r1, r2;

	s->st = mlk_svc2_signal(MLK_SYS_signal, s->n, 0x9, &r1, &r2);
	s->done = true;
}

/* A waiter more urgent than the signaller runs at once: the path declines
 * to the scheduler, which switches. */
TEST(fastpath, signal_to_a_more_urgent_waiter)
{
	struct signaller s = { 0 };
	struct worker w;
	uint64_t bits = 0;

	if (!CHECK_OK(mlk_notification_create(&s.n)))
		return;
	if (CHECK_OK(worker_start(&w, signal_once, &s,
				  mlktest_priority() - 2))) {
		CHECK_OK(mlk_wait(s.n, 0, &bits)); /* no deadline to cancel */
		CHECK_EQ(bits, 0x9);
		CHECK(!s.done); /* we ran first */
		CHECK(worker_join(&w, 100 * MS));
		CHECK_OK(s.st);
	}
	mlk_handle_close(s.n);
}

/* The general path keeps them too. */
TEST(fastpath, registers_kept_by_other_calls)
{
	struct mlk_ipc io = { 0 };
	mlk_status_t st;
	mlk_handle_t n;

	CHECK_EQ(ipc_keeping_regs(MLK_SYS_null, 0, &io, 0x2200, &st), 0);
	CHECK_OK(st);
	CHECK_EQ(ipc_keeping_regs(MLK_SYS_yield, 0, &io, 0x2300, &st), 0);
	CHECK_EQ(ipc_keeping_regs(MLK_SYS_sleep, now_ns() + MS, &io, 0x2400,
				  &st),
		 0);
	CHECK_OK(st);
	if (CHECK_OK(mlk_notification_create(&n))) {
		/* And an error return. */
		CHECK_EQ(ipc_keeping_regs(MLK_SYS_recv, n, &io, 0x2500, &st),
			 0);
		CHECK_ST(st, MLK_ERR_WRONG_TYPE);
		mlk_handle_close(n);
	}
}

/* A server below our priority: our call hands it the CPU anyway, since
 * we wait; nothing else is ready. */
TEST(fastpath, server_of_lower_priority)
{
	struct fast_server s = { 0 };
	struct worker w;
	unsigned bad = 0;

	if (!start_server(&s, &w, mlktest_priority() - 3))
		return;
	for (unsigned r = 0; r < 20; r++) {
		struct mlk_ipc io = { .info = MLK_MSGINFO(5, 1, 0),
				      .w = { r } };
		bad += mlk_ipc_call(s.ep, 0, &io) != MLK_OK || io.w[0] != r + 1;
	}
	CHECK_EQ(bad, 0);
	stop_server(&s, &w);
}

TEST(fastpath, another_process)
{
	struct child c;
	mlk_handle_t ep;
	struct child_opts o = { .nhandles = 1, .kinds = { CHILD_H_SERVE } };
	unsigned bad = 0;

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	o.handles[0] = ep;
	if (CHECK_OK(child_spawn(&c, "server", &o))) {
		CHECK(child_settle(&c, MLK_THREAD_RECV));
		for (unsigned r = 0; r < ROUNDS; r++) {
			struct mlk_ipc io = {
				.info = MLK_MSGINFO(SRV_ECHO, 4, 0),
				.w = { r, ~(uint64_t)r, r * 3, r ^ 0x55 },
			};
			bad += mlk_ipc_call(ep, 0, &io) != MLK_OK ||
			       io.info != MLK_MSGINFO(MLK_OK, 5, 0) ||
			       io.w[0] != r || io.w[1] != ~(uint64_t)r ||
			       io.w[2] != r * 3 || io.w[3] != (r ^ 0x55) ||
			       io.w[4] != 0; /* the badge it saw */
		}
		CHECK_EQ(bad, 0);
		child_cleanup(&c);
	}
	mlk_handle_close(ep);
}

/* ---- FP/SIMD registers across switches ----------------------------------- */

/* System call `nr` with x0 = a0, x1 = x2 = 0 and d8..d15 set from `base`:
 * how many of d8..d15 changed; *st = the status. */
static unsigned svc_keeping_fp(uint64_t nr, uint64_t a0, uint64_t base,
			       mlk_status_t *st)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = 0;
	register uint64_t x2 __asm__("x2") = 0;
	register uint64_t x8 __asm__("x8") = nr;
	register uint64_t x9 __asm__("x9") = base;

	__asm__ volatile(
		"stp d8, d9, [sp, #-80]!\n\t"
		"stp d10, d11, [sp, #16]\n\t"
		"stp d12, d13, [sp, #32]\n\t"
		"stp d14, d15, [sp, #48]\n\t"
		"str x9, [sp, #64]\n\t"
		"fmov d8, x9\n\tadd x9, x9, #1\n\t"
		"fmov d9, x9\n\tadd x9, x9, #1\n\t"
		"fmov d10, x9\n\tadd x9, x9, #1\n\t"
		"fmov d11, x9\n\tadd x9, x9, #1\n\t"
		"fmov d12, x9\n\tadd x9, x9, #1\n\t"
		"fmov d13, x9\n\tadd x9, x9, #1\n\t"
		"fmov d14, x9\n\tadd x9, x9, #1\n\t"
		"fmov d15, x9\n\t" SVC_BY_NUMBER "ldr x10, [sp, #64]\n\t"
		"mov x9, #0\n\t"
		"fmov x11, d8\n\tcmp x11, x10\n\tcinc x9, x9, ne\n\t"
		"add x10, x10, #1\n\t"
		"fmov x11, d9\n\tcmp x11, x10\n\tcinc x9, x9, ne\n\t"
		"add x10, x10, #1\n\t"
		"fmov x11, d10\n\tcmp x11, x10\n\tcinc x9, x9, ne\n\t"
		"add x10, x10, #1\n\t"
		"fmov x11, d11\n\tcmp x11, x10\n\tcinc x9, x9, ne\n\t"
		"add x10, x10, #1\n\t"
		"fmov x11, d12\n\tcmp x11, x10\n\tcinc x9, x9, ne\n\t"
		"add x10, x10, #1\n\t"
		"fmov x11, d13\n\tcmp x11, x10\n\tcinc x9, x9, ne\n\t"
		"add x10, x10, #1\n\t"
		"fmov x11, d14\n\tcmp x11, x10\n\tcinc x9, x9, ne\n\t"
		"add x10, x10, #1\n\t"
		"fmov x11, d15\n\tcmp x11, x10\n\tcinc x9, x9, ne\n\t"
		"ldp d10, d11, [sp, #16]\n\t"
		"ldp d12, d13, [sp, #32]\n\t"
		"ldp d14, d15, [sp, #48]\n\t"
		"ldp d8, d9, [sp], #80"
		: "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x8), "+r"(x9)
		: SVC_BY_NUMBER_INPUTS
		: "x3", "x4", "x5", "x6", "x7", "x10", "x11", "x12", "x13",
		  "x14", "x15", "x16", "x17", "x18", "memory", "cc");
	*st = (mlk_status_t)x0;
	return (unsigned)x9;
}

/* Set d8..d15 from `base`, sleep `ns`, count the ones that changed. */
static unsigned sleep_keeping_fp(uint64_t base, uint64_t ns)
{
	mlk_status_t st;

	return svc_keeping_fp(MLK_SYS_sleep, now_ns() + ns, base, &st);
}

struct fp_user {
	uint64_t base;
	unsigned changed;
};

static void use_fp(void *arg)
{
	struct fp_user *u = arg;

	for (int i = 0; i < 10; i++)
		u->changed += sleep_keeping_fp(u->base + i * 16, MS);
}

TEST(fastpath, fp_registers_kept)
{
	struct fp_user a = { .base = 0x1111000000000000ull };
	struct fp_user b = { .base = 0x2222000000000000ull };
	struct worker wa, wb;
	unsigned mine = 0;

	if (!CHECK_OK(worker_start(&wa, use_fp, &a, mlktest_priority())))
		return;
	if (CHECK_OK(worker_start(&wb, use_fp, &b, mlktest_priority()))) {
		for (int i = 0; i < 10; i++)
			mine += sleep_keeping_fp(0x3333000000000000ull + i, MS);
		CHECK(worker_join(&wb, 1000 * MS));
	}
	CHECK(worker_join(&wa, 1000 * MS));
	CHECK_EQ(mine, 0);
	CHECK_EQ(a.changed, 0);
	CHECK_EQ(b.changed, 0);
}

/*
 * Two threads ping-ponging on the fast path, both keeping values in
 * d8..d15: the eager FP switch (fpsimd_switch) must carry them, also
 * after a thread's eager switches run out and it traps again, which
 * FP_ROUNDS past FP_EAGER_SWITCHES (255) round trips make happen.
 */
#define FP_ROUNDS 600

struct fp_server {
	mlk_handle_t ep;
	unsigned changed, ok;
};

static void serve_keeping_fp(void *arg)
{
	struct fp_server *s = arg;
	struct mlk_ipc io = { 0 };
	mlk_status_t st;

	if (mlk_ipc_recv(s->ep, 0, &io) != MLK_OK)
		return;
	for (int i = 0; i < FP_ROUNDS - 1; i++) {
		s->changed +=
			svc_keeping_fp(MLK_SYS_reply_recv, s->ep,
				       0x4444000000000000ull + i * 16, &st);
		s->ok += st == MLK_OK;
	}
	io.info = 0;
	mlk_ipc_reply(&io);
}

TEST(fastpath, fp_registers_kept_across_calls)
{
	struct fp_server s = { 0 };
	struct worker w;
	unsigned changed = 0, ok = 0;
	mlk_status_t st;

	if (!CHECK_OK(mlk_endpoint_create(&s.ep)))
		return;
	if (CHECK_OK(worker_start(&w, serve_keeping_fp, &s,
				  mlktest_priority()))) {
		for (int i = 0; i < FP_ROUNDS; i++) {
			changed += svc_keeping_fp(
				MLK_SYS_call, s.ep,
				0x5555000000000000ull + i * 16, &st);
			ok += st == MLK_OK;
		}
		CHECK(worker_join(&w, 1000 * MS));
	}
	CHECK_EQ(ok, FP_ROUNDS);
	CHECK_EQ(s.ok, FP_ROUNDS - 1);
	CHECK_EQ(changed, 0);
	CHECK_EQ(s.changed, 0);
	mlk_handle_close(s.ep);
}

/* A call to a waiting server that is suspended: delivered, but answered
 * only once the server is resumed. */
struct client {
	mlk_handle_t ep;
	mlk_status_t st;
	uint64_t word;
	volatile int done;
};

static void call_once(void *arg)
{
	struct client *c = arg;
	struct mlk_ipc io = { .info = MLK_MSGINFO(1, 1, 0), .w = { 41 } };

	c->st = mlk_ipc_call(c->ep, 0, &io);
	c->word = io.w[0];
	c->done = 1;
}

TEST(fastpath, suspended_server)
{
	struct fast_server s = { 0 };
	struct client cl = { 0 };
	struct worker w, wc;
	struct mlk_thread_info ti;

	if (!start_server(&s, &w, mlktest_priority()))
		return;
	CHECK_OK(mlk_thread_suspend(w.thread));
	cl.ep = s.ep;
	if (CHECK_OK(worker_start(&wc, call_once, &cl, mlktest_priority()))) {
		/* Delivered: the caller waits for the reply. */
		CHECK(worker_settle(&wc, MLK_THREAD_REPLY));
		CHECK_EQ(cl.done, 0);
		if (CHECK(worker_info(&w, &ti)))
			CHECK_EQ(ti.state, MLK_THREAD_SUSPENDED);
		CHECK_OK(mlk_thread_resume(w.thread));
		CHECK(worker_join(&wc, 1000 * MS));
		CHECK_OK(cl.st);
		CHECK_EQ(cl.word, 42);
	} else {
		mlk_thread_resume(w.thread);
	}
	stop_server(&s, &w);
}
