/*
 * What a message carries besides its label: words beyond the registers
 * (through the IPC buffers) and handles (moved or copied), within this
 * process and to another one.
 */
#include <string.h>

#include "child.h"
#include "mlktest.h"

#define NOTIFICATION_RIGHTS                                                    \
	(MLK_RIGHT_SIGNAL | MLK_RIGHT_WAIT | MLK_RIGHTS_BASIC)

/* What the receiving thread saw, read straight from registers and its
 * IPC buffer. */
struct receiver {
	mlk_handle_t ep;
	mlk_handle_t sender_handle; /* the handle the sender sent */
	mlk_status_t st, reply_st, sender_handle_st;
	mlk_msginfo_t info;
	bool words_ok;
	unsigned nhandles;
	mlk_handle_t got[MLK_MSG_MAX_HANDLES];
	uint32_t type[MLK_MSG_MAX_HANDLES], rights[MLK_MSG_MAX_HANDLES];
};

static void receive(struct receiver *r, struct mlk_ipc *io)
{
	struct mlk_ipc_buffer *b = mlk_ipc_buffer();
	uint32_t t, rights;

	r->st = mlk_ipc_recv(r->ep, 0, io);
	if (r->st != MLK_OK)
		return;
	r->info = io->info;
	r->nhandles = MLK_MSGINFO_HANDLES(io->info);
	for (unsigned i = 0; i < r->nhandles; i++) {
		r->got[i] = b->handles[i];
		mlk_handle_info(r->got[i], &r->type[i], &r->rights[i]);
	}
	if (r->sender_handle)
		r->sender_handle_st =
			mlk_handle_info(r->sender_handle, &t, &rights);
}

/* 64 words in: check them; 64 words out. */
static void serve_words(void *arg)
{
	struct receiver *r = arg;
	struct mlk_ipc_buffer *b = mlk_ipc_buffer();
	struct mlk_ipc io = { 0 };
	struct mlk_msg reply = { .label = 2, .nwords = MLK_MSG_MAX_WORDS };

	receive(r, &io);
	if (r->st != MLK_OK)
		return;
	r->words_ok = MLK_MSGINFO_WORDS(io.info) == MLK_MSG_MAX_WORDS;
	for (unsigned i = 0; i < MLK_MSG_REG_WORDS; i++)
		r->words_ok &= io.w[i] == 3 * i + 1;
	for (unsigned i = MLK_MSG_REG_WORDS; i < MLK_MSG_MAX_WORDS; i++)
		r->words_ok &= b->words[i] == 3 * i + 1;
	for (unsigned i = 0; i < MLK_MSG_MAX_WORDS; i++)
		reply.w[i] = ~(uint64_t)i;
	r->reply_st = mlk_msg_reply(&reply);
}

TEST(xfer, words_through_buffer)
{
	struct receiver r = { 0 };
	struct mlk_msg m = { .label = 1, .nwords = MLK_MSG_MAX_WORDS };
	struct worker w;

	if (!CHECK_OK(mlk_endpoint_create(&r.ep)))
		return;
	for (unsigned i = 0; i < MLK_MSG_MAX_WORDS; i++)
		m.w[i] = 3 * i + 1;
	if (CHECK_OK(worker_start(&w, serve_words, &r, mlktest_priority()))) {
		CHECK_OK(mlk_msg_call(r.ep, &m, 0));
		CHECK(worker_join(&w, 1000 * MS));
		CHECK(r.words_ok);
		CHECK_OK(r.reply_st);
		CHECK_EQ(m.label, 2);
		CHECK_EQ(m.nwords, MLK_MSG_MAX_WORDS);
		unsigned bad = 0;
		for (unsigned i = 0; i < MLK_MSG_MAX_WORDS; i++)
			bad += m.w[i] != ~(uint64_t)i;
		CHECK_EQ(bad, 0);
	}
	mlk_handle_close(r.ep);
}

/* Signal each handle received with bit i, send them all back (moved). */
static void serve_handles(void *arg)
{
	struct receiver *r = arg;
	struct mlk_ipc_buffer *b = mlk_ipc_buffer();
	struct mlk_ipc io = { 0 };

	receive(r, &io);
	if (r->st != MLK_OK)
		return;
	for (unsigned i = 0; i < r->nhandles; i++) {
		mlk_signal(r->got[i], 1ull << i);
		b->handles[i] = r->got[i];
	}
	io.info = MLK_MSGINFO(0, 0, r->nhandles);
	r->reply_st = mlk_ipc_reply(&io);
}

TEST(xfer, handle_moved)
{
	struct receiver r = { 0 };
	struct worker w;
	mlk_handle_t n;
	struct mlk_msg m = { .label = 1, .nhandles = 1 };
	uint64_t bits = 0;
	uint32_t t, rights;

	if (!CHECK_OK(mlk_endpoint_create(&r.ep)))
		return;
	if (!CHECK_OK(mlk_notification_create(&n))) {
		mlk_handle_close(r.ep);
		return;
	}
	m.h[0] = n;
	r.sender_handle = n;
	if (CHECK_OK(worker_start(&w, serve_handles, &r, mlktest_priority()))) {
		CHECK_OK(mlk_msg_call(r.ep, &m, 0));
		CHECK(worker_join(&w, 1000 * MS));
		CHECK_EQ(r.nhandles, 1);
		CHECK_EQ(r.type[0], MLK_OBJ_NOTIFICATION);
		CHECK_EQ(r.rights[0], NOTIFICATION_RIGHTS);
		/* Gone from under the sender while the receiver held it. */
		CHECK_ST(r.sender_handle_st, MLK_ERR_BAD_HANDLE);
		CHECK_ST(mlk_handle_info(n, &t, &rights), MLK_ERR_BAD_HANDLE);
		CHECK_EQ(m.nhandles, 1);
		if (CHECK_OK(mlk_poll(m.h[0], &bits))) {
			CHECK_EQ(bits, 1);
			mlk_handle_close(m.h[0]);
		}
	} else {
		mlk_handle_close(n);
	}
	mlk_handle_close(r.ep);
}

/* Signal the copy received, close it, reply without handles. */
static void serve_copy(void *arg)
{
	struct receiver *r = arg;
	struct mlk_ipc io = { 0 };

	receive(r, &io);
	if (r->st != MLK_OK)
		return;
	if (r->nhandles) {
		mlk_signal(r->got[0], 0x4);
		mlk_handle_close(r->got[0]);
	}
	io.info = MLK_MSGINFO(0, 0, 0);
	r->reply_st = mlk_ipc_reply(&io);
}

TEST(xfer, handle_copied)
{
	struct receiver r = { 0 };
	struct worker w;
	mlk_handle_t n;
	struct mlk_msg m = { .label = 1, .nhandles = 1, .copy_mask = 1 };
	uint64_t bits = 0;

	if (!CHECK_OK(mlk_endpoint_create(&r.ep)))
		return;
	if (!CHECK_OK(mlk_notification_create(&n))) {
		mlk_handle_close(r.ep);
		return;
	}
	m.h[0] = n;
	r.sender_handle = n;
	if (CHECK_OK(worker_start(&w, serve_copy, &r, mlktest_priority()))) {
		CHECK_OK(mlk_msg_call(r.ep, &m, 0));
		CHECK(worker_join(&w, 1000 * MS));
		CHECK_EQ(r.nhandles, 1);
		CHECK_NE(r.got[0], n);
		CHECK_EQ(r.type[0], MLK_OBJ_NOTIFICATION);
		CHECK_EQ(r.rights[0], NOTIFICATION_RIGHTS);
		CHECK_OK(r.sender_handle_st); /* the sender kept its own */
		CHECK_OK(mlk_poll(n, &bits));
		CHECK_EQ(bits, 4);
	}
	mlk_handle_close(n);
	mlk_handle_close(r.ep);
}

TEST(xfer, four_handles)
{
	struct receiver r = { 0 };
	struct worker w;
	struct mlk_msg m = { .label = 1, .nhandles = 4 };
	uint64_t bits;
	unsigned made = 0;

	if (!CHECK_OK(mlk_endpoint_create(&r.ep)))
		return;
	while (made < 4 && CHECK_OK(mlk_notification_create(&m.h[made])))
		made++;
	if (made == 4 &&
	    CHECK_OK(worker_start(&w, serve_handles, &r, mlktest_priority()))) {
		CHECK_OK(mlk_msg_call(r.ep, &m, 0));
		CHECK(worker_join(&w, 1000 * MS));
		CHECK_EQ(r.nhandles, 4);
		CHECK_EQ(m.nhandles, 4);
		for (unsigned i = 0; i < m.nhandles; i++) {
			bits = 0;
			CHECK_OK(mlk_poll(m.h[i], &bits));
			CHECK_EQ(bits, 1ull << i);
		}
	}
	for (unsigned i = 0; i < made; i++)
		mlk_handle_close(m.h[i]);
	mlk_handle_close(r.ep);
}

/* nbsend to nobody: UNAVAILABLE if the handles would go, else why not. */
static mlk_status_t try_send(mlk_handle_t ep, unsigned nh,
			     const mlk_handle_t *hs, unsigned copy_mask)
{
	struct mlk_msg m = { .label = 1,
			     .nhandles = nh,
			     .copy_mask = copy_mask };

	for (unsigned i = 0; i < nh; i++)
		m.h[i] = hs[i];
	return mlk_msg_nbsend(ep, &m);
}

TEST(xfer, transfer_checks)
{
	mlk_handle_t ep, n, no_dup, no_xfer, stale;
	uint32_t t, r;

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	if (!CHECK_OK(mlk_notification_create(&n))) {
		mlk_handle_close(ep);
		return;
	}
	CHECK_OK(mlk_handle_duplicate(n, MLK_RIGHT_SIGNAL | MLK_RIGHT_TRANSFER,
				      &no_dup));
	CHECK_OK(mlk_handle_duplicate(n, MLK_RIGHT_SIGNAL | MLK_RIGHT_DUPLICATE,
				      &no_xfer));
	CHECK_OK(mlk_handle_duplicate(n, 0, &stale));
	mlk_handle_close(stale);
	/* Moving needs TRANSFER, copying DUPLICATE as well. */
	CHECK_ST(try_send(ep, 1, &no_dup, 0), MLK_ERR_UNAVAILABLE);
	CHECK_ST(try_send(ep, 1, &no_dup, 1), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(try_send(ep, 1, &no_xfer, 0), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(try_send(ep, 1, &no_xfer, 1), MLK_ERR_ACCESS_DENIED);
	/* A handle moves once per message; copies may repeat. */
	mlk_handle_t twice[2] = { n, n };
	CHECK_ST(try_send(ep, 2, twice, 0), MLK_ERR_BAD_ARG(1));
	CHECK_ST(try_send(ep, 2, twice, 1), MLK_ERR_BAD_ARG(1));
	CHECK_ST(try_send(ep, 2, twice, 2), MLK_ERR_BAD_ARG(1));
	CHECK_ST(try_send(ep, 2, twice, 3), MLK_ERR_UNAVAILABLE);
	/* Handles that are not ours. */
	mlk_handle_t bad[2] = { n, 0 };
	CHECK_ST(try_send(ep, 2, bad, 0), MLK_ERR_BAD_HANDLE);
	bad[1] = stale;
	CHECK_ST(try_send(ep, 2, bad, 0), MLK_ERR_BAD_HANDLE);
	/* Nothing went anywhere. */
	CHECK_OK(mlk_handle_info(n, &t, &r));
	CHECK_OK(mlk_handle_info(no_dup, &t, &r));
	CHECK_OK(mlk_handle_info(no_xfer, &t, &r));
	mlk_handle_close(no_xfer);
	mlk_handle_close(no_dup);
	mlk_handle_close(n);
	mlk_handle_close(ep);
}

/* A send whose handles cannot go leaves the receiver waiting. */
TEST(xfer, failed_send_keeps_receiver_waiting)
{
	struct receiver r = { 0 };
	struct worker w;
	mlk_handle_t bad = MLK_HANDLE_MAKE(60000, 1);
	struct mlk_msg m = { .label = 5, .nhandles = 1, .h = { bad } };

	if (!CHECK_OK(mlk_endpoint_create(&r.ep)))
		return;
	if (CHECK_OK(worker_start(&w, serve_copy, &r, mlktest_priority()))) {
		CHECK(worker_settle(&w, MLK_THREAD_RECV));
		CHECK_ST(mlk_msg_call(r.ep, &m, 0), MLK_ERR_BAD_HANDLE);
		m.nhandles = 0;
		CHECK_OK(mlk_msg_call(r.ep, &m, now_ns() + 1000 * MS));
		CHECK(worker_join(&w, 1000 * MS));
		CHECK_EQ(MLK_MSGINFO_LABEL(r.info), 5);
	}
	mlk_handle_close(r.ep);
}

/* ---- to and from another process ----------------------------------------- */

static mlk_status_t server_child(struct child *c, mlk_handle_t *ep)
{
	struct child_opts o = { .nhandles = 1, .kinds = { CHILD_H_SERVE } };
	mlk_status_t st = mlk_endpoint_create(ep);

	if (st != MLK_OK)
		return st;
	o.handles[0] = *ep;
	st = child_spawn(c, "server", &o);
	if (st != MLK_OK)
		mlk_handle_close(*ep);
	return st;
}

TEST(xfer, words_to_another_process)
{
	struct child c;
	mlk_handle_t ep, minted;
	struct mlk_msg m = { .label = SRV_ECHO, .nwords = 63 };

	if (!CHECK_OK(server_child(&c, &ep)))
		return;
	for (unsigned i = 0; i < 63; i++)
		m.w[i] = 0x100 + i;
	if (CHECK_OK(mlk_endpoint_mint(ep, MLK_RIGHT_SEND, 77, &minted))) {
		CHECK_OK(mlk_msg_call(minted, &m, now_ns() + 1000 * MS));
		CHECK_EQ(m.label, MLK_OK);
		CHECK_EQ(m.nwords, 64);
		CHECK_EQ(m.w[0], 0x100);
		CHECK_EQ(m.w[5], 0x105);
		CHECK_EQ(m.w[62], 0x100 + 62);
		CHECK_EQ(m.w[63], 77); /* the badge the server saw */
		mlk_handle_close(minted);
	}
	child_cleanup(&c);
	mlk_handle_close(ep);
}

TEST(xfer, memory_moved_to_another_process)
{
	struct child c;
	mlk_handle_t ep, mem;
	struct mlk_process_info before, after;
	uint64_t words[2] = { 0x1111, 0x2222 };
	struct mlk_msg m = {
		.label = SRV_READ_MEM, .nwords = 1, .w = { 512 }, .nhandles = 1
	};
	uint32_t t, r;

	if (!CHECK_OK(server_child(&c, &ep)))
		return;
	if (CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &mem))) {
		CHECK_OK(mlk_mem_write(mem, 0, &words[0], 8));
		CHECK_OK(mlk_mem_write(mem, 512, &words[1], 8));
		m.h[0] = mem;
		CHECK(info_self(&before));
		CHECK_OK(mlk_msg_call(ep, &m, now_ns() + 1000 * MS));
		CHECK(info_self(&after));
		CHECK_EQ(m.label, MLK_OK);
		CHECK_EQ(m.w[0], 0x1111);
		CHECK_EQ(m.w[1], 0x2222);
		CHECK_ST(mlk_handle_info(mem, &t, &r), MLK_ERR_BAD_HANDLE);
		CHECK_EQ(after.handles, before.handles - 1);
	}
	child_cleanup(&c);
	mlk_handle_close(ep);
}

TEST(xfer, memory_shared_with_another_process)
{
	struct child c;
	mlk_handle_t ep, mem;
	volatile uint64_t *here;
	struct mlk_msg m = { .label = SRV_WRITE_MEM,
			     .nwords = 2,
			     .w = { 256, 0x5a5a5a5a },
			     .nhandles = 1,
			     .copy_mask = 1 };

	if (!CHECK_OK(server_child(&c, &ep)))
		return;
	here = map_new(MLK_PAGE_SIZE, 0, &mem);
	if (CHECK(here != NULL)) {
		m.h[0] = mem;
		CHECK_OK(mlk_msg_call(ep, &m, now_ns() + 1000 * MS));
		CHECK_EQ(m.label, MLK_OK);
		/* Its write, in our mapping of the same pages. */
		CHECK_EQ(here[256 / 8], 0x5a5a5a5a);
		unmap((void *)here, MLK_PAGE_SIZE);
		mlk_handle_close(mem);
	}
	child_cleanup(&c);
	mlk_handle_close(ep);
}

TEST(xfer, memory_from_another_process)
{
	struct child c;
	mlk_handle_t ep;
	struct mlk_msg m = { .label = SRV_MAKE_MEM,
			     .nwords = 2,
			     .w = { 8192, 0x0101010101010101ull } };
	uint32_t t = 0, r = 0;
	uint64_t size = 0, addr;

	if (!CHECK_OK(server_child(&c, &ep)))
		return;
	CHECK_OK(mlk_msg_call(ep, &m, now_ns() + 1000 * MS));
	CHECK_EQ(m.label, MLK_OK);
	if (CHECK_EQ(m.nhandles, 1)) {
		CHECK_OK(mlk_handle_info(m.h[0], &t, &r));
		CHECK_EQ(t, MLK_OBJ_MEMORY);
		CHECK_OK(mlk_mem_size(m.h[0], &size));
		CHECK_EQ(size, 8192);
		if (CHECK_OK(mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, m.h[0], 0,
					    0, 8192, MLK_MAP_READ, &addr))) {
			const uint8_t *p = (const uint8_t *)addr;
			unsigned bad = 0;
			for (unsigned i = 0; i < 8192; i++)
				bad += p[i] != 1;
			CHECK_EQ(bad, 0);
			unmap((void *)addr, 8192);
		}
		mlk_handle_close(m.h[0]);
	}
	child_cleanup(&c);
	mlk_handle_close(ep);
}
