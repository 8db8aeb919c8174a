/*
 * Handles: what handle_info and object_id say, bad and stale handles,
 * wrong types, missing rights, duplicate (rights only shrink), mint
 * (badges), close.
 */
#include <mlk/runtime.h>

#include <string.h>

#include "mlktest.h"

#define ENDPOINT_RIGHTS (MLK_RIGHT_SEND | MLK_RIGHT_RECV | MLK_RIGHTS_BASIC)
#define NOTIFICATION_RIGHTS                                                    \
	(MLK_RIGHT_SIGNAL | MLK_RIGHT_WAIT | MLK_RIGHTS_BASIC)
#define MEMORY_RIGHTS                                                          \
	(MLK_RIGHT_READ | MLK_RIGHT_WRITE | MLK_RIGHT_EXEC | MLK_RIGHT_MAP |   \
	 MLK_RIGHTS_BASIC)

/* handle_info of h is (type, rights). */
static bool check_info(mlk_handle_t h, uint32_t type, uint32_t rights, int line)
{
	uint32_t t = 0, r = 0;
	mlk_status_t st = mlk_handle_info(h, &t, &r);

	return mlkcheck_check(
		st == MLK_OK && t == type && r == rights, __FILE__, line,
		"handle_info(%#x) -> " MLKCHECK_ST_FMT ", type %u rights %#x; "
		"expected type %u rights %#x",
		h, MLKCHECK_ST(st), t, r, type, rights);
}
#define CHECK_INFO(h, type, rights) check_info(h, type, rights, __LINE__)

TEST(handles, self_handles)
{
	CHECK_INFO(MLK_HANDLE_SELF_PROCESS, MLK_OBJ_PROCESS,
		   MLK_RIGHTS_ALL & ~MLK_RIGHT_TRANSFER);
	CHECK_INFO(MLK_HANDLE_SELF_ASPACE, MLK_OBJ_ASPACE,
		   MLK_RIGHT_MAP | MLK_RIGHT_MANAGE | MLK_RIGHTS_BASIC);
	CHECK_INFO(MLK_HANDLE_SELF_THREAD, MLK_OBJ_THREAD,
		   MLK_RIGHTS_ALL & ~MLK_RIGHT_TRANSFER);
}

/* What init granted, through mlk_spawn: our rights minus DUPLICATE and
 * TRANSFER. */
TEST(handles, granted_handles)
{
	CHECK_INFO(mlktest_system(), MLK_OBJ_SYSTEM,
		   MLK_RIGHT_MANAGE | MLK_RIGHT_READ);
	CHECK_INFO(mlktest_log(), MLK_OBJ_LOG, MLK_RIGHT_WRITE);
	CHECK_INFO(mlktest_bundle(), MLK_OBJ_MEMORY,
		   MLK_RIGHT_READ | MLK_RIGHT_MAP);
}

TEST(handles, new_objects)
{
	mlk_handle_t ep, n, mem, contig;

	if (CHECK_OK(mlk_endpoint_create(&ep))) {
		CHECK_INFO(ep, MLK_OBJ_ENDPOINT, ENDPOINT_RIGHTS);
		mlk_handle_close(ep);
	}
	if (CHECK_OK(mlk_notification_create(&n))) {
		CHECK_INFO(n, MLK_OBJ_NOTIFICATION, NOTIFICATION_RIGHTS);
		mlk_handle_close(n);
	}
	if (CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &mem))) {
		CHECK_INFO(mem, MLK_OBJ_MEMORY, MEMORY_RIGHTS);
		mlk_handle_close(mem);
	}
	if (CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, MLK_MEM_CONTIGUOUS,
				    &contig))) {
		CHECK_INFO(contig, MLK_OBJ_MEMORY,
			   MEMORY_RIGHTS | MLK_RIGHT_PHYS);
		mlk_handle_close(contig);
	}
}

TEST(handles, bad_handles)
{
	const mlk_handle_t out_of_range = MLK_HANDLE_MAKE(60000, 1);
	uint32_t t, r;
	mlk_handle_t h;

	CHECK_ST(mlk_handle_info(MLK_HANDLE_NONE, &t, &r), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_handle_close(MLK_HANDLE_NONE), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_handle_info(out_of_range, &t, &r), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_handle_close(out_of_range), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_handle_info(MLK_HANDLE_MAKE(0xffff, 0x7fff), &t, &r),
		 MLK_ERR_BAD_HANDLE);
	/* Bit 31 is in no handle. */
	CHECK_ST(mlk_handle_info(MLK_HANDLE_SELF_PROCESS | 0x80000000u, &t, &r),
		 MLK_ERR_BAD_HANDLE);
	if (!CHECK_OK(mlk_notification_create(&h)))
		return;
	/* The right slot, the wrong generation. */
	mlk_handle_t other_gen =
		MLK_HANDLE_MAKE(MLK_HANDLE_INDEX(h), MLK_HANDLE_GEN(h) + 1);
	CHECK_ST(mlk_handle_info(other_gen, &t, &r), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_handle_close(other_gen), MLK_ERR_BAD_HANDLE);
	CHECK_OK(mlk_handle_info(h, &t, &r));
	CHECK_OK(mlk_handle_close(h));
	/* A slot never handed out since: free, whatever the generation. */
	CHECK_ST(mlk_handle_info(other_gen, &t, &r), MLK_ERR_BAD_HANDLE);
}

TEST(handles, stale_after_close)
{
	mlk_handle_t a, b;
	uint32_t t, r;

	if (!CHECK_OK(mlk_notification_create(&a)))
		return;
	CHECK_OK(mlk_handle_close(a));
	CHECK_ST(mlk_handle_info(a, &t, &r), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_handle_close(a), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_signal(a, 1), MLK_ERR_BAD_HANDLE);
	/* The slot comes back with a new generation: the old value stays
	 * dead while the new one works. */
	if (!CHECK_OK(mlk_endpoint_create(&b)))
		return;
	CHECK_NE(a, b);
	CHECK_ST(mlk_handle_info(a, &t, &r), MLK_ERR_BAD_HANDLE);
	CHECK_INFO(b, MLK_OBJ_ENDPOINT, ENDPOINT_RIGHTS);
	CHECK_OK(mlk_handle_close(b));
}

TEST(handles, wrong_type)
{
	mlk_handle_t ep, n, mem;
	uint64_t v;

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	if (!CHECK_OK(mlk_notification_create(&n))) {
		mlk_handle_close(ep);
		return;
	}
	if (CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &mem))) {
		CHECK_ST(mlk_signal(ep, 1), MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_poll(mem, &v), MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_wait(MLK_HANDLE_SELF_THREAD, 1, &v),
			 MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_mem_size(n, &v), MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_mem_read(ep, 0, &v, 8), MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_mem_write(n, 0, &v, 8), MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_mem_phys(ep, &v), MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_endpoint_mint(n, MLK_RIGHT_SIGNAL, 1,
					   &(mlk_handle_t){ 0 }),
			 MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_thread_start(MLK_HANDLE_SELF_PROCESS),
			 MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_thread_resume(mem), MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_process_kill(MLK_HANDLE_SELF_THREAD, 0),
			 MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_aspace_unmap(MLK_HANDLE_SELF_PROCESS, 0x10000,
					  MLK_PAGE_SIZE),
			 MLK_ERR_WRONG_TYPE);
		CHECK_ST(mlk_system_info(ep, MLK_INFO_KERNEL, NULL, 0, &v),
			 MLK_ERR_WRONG_TYPE);
		mlk_handle_close(mem);
	}
	mlk_handle_close(n);
	mlk_handle_close(ep);
}

TEST(handles, duplicate_shrinks_rights)
{
	mlk_handle_t n, sig, none;
	uint64_t bits = 0;

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	if (CHECK_OK(mlk_handle_duplicate(
		    n, MLK_RIGHT_SIGNAL | MLK_RIGHT_DUPLICATE, &sig))) {
		CHECK_NE(sig, n);
		CHECK_INFO(sig, MLK_OBJ_NOTIFICATION,
			   MLK_RIGHT_SIGNAL | MLK_RIGHT_DUPLICATE);
		/* The same object through either handle. */
		CHECK_OK(mlk_signal(sig, 0x40));
		CHECK_OK(mlk_poll(n, &bits));
		CHECK_EQ(bits, 0x40);
		/* What a handle lacks, its duplicates cannot get back. */
		CHECK_ST(mlk_handle_duplicate(
				 sig, MLK_RIGHT_SIGNAL | MLK_RIGHT_WAIT, &none),
			 MLK_ERR_ACCESS_DENIED);
		CHECK_ST(mlk_handle_duplicate(sig, NOTIFICATION_RIGHTS, &none),
			 MLK_ERR_ACCESS_DENIED);
		CHECK_ST(mlk_poll(sig, &bits), MLK_ERR_ACCESS_DENIED);
		mlk_handle_close(sig);
	}
	/* No rights at all is a subset too. */
	if (CHECK_OK(mlk_handle_duplicate(n, 0, &none))) {
		CHECK_INFO(none, MLK_OBJ_NOTIFICATION, 0);
		CHECK_ST(mlk_signal(none, 1), MLK_ERR_ACCESS_DENIED);
		CHECK_ST(mlk_handle_duplicate(none, 0, &sig),
			 MLK_ERR_ACCESS_DENIED);
		CHECK_OK(mlk_handle_close(none));
	}
	mlk_handle_close(n);
}

TEST(handles, duplicate_errors)
{
	mlk_handle_t n, d;

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	CHECK_ST(mlk_handle_duplicate(n, MLK_RIGHTS_ALL + 1, &d),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_handle_duplicate(n, 0x80000000u, &d), MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_handle_duplicate(n, MLK_RIGHT_READ, &d),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_handle_duplicate(0, 0, &d), MLK_ERR_BAD_HANDLE);
	/* Granted handles came without DUPLICATE. */
	CHECK_ST(mlk_handle_duplicate(mlktest_log(), MLK_RIGHT_WRITE, &d),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_OK(mlk_handle_close(n));
}

/* Each right, taken away, makes the call that needs it fail. */
TEST(handles, missing_rights)
{
	mlk_handle_t n, w, s, mem, ro, nomap, as, proc, thr;
	uint64_t v = 0, addr;

	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	CHECK_OK(mlk_handle_duplicate(n, MLK_RIGHT_WAIT, &w));
	CHECK_OK(mlk_handle_duplicate(n, MLK_RIGHT_SIGNAL, &s));
	CHECK_ST(mlk_signal(w, 1), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_wait(s, 1, &v), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_poll(s, &v), MLK_ERR_ACCESS_DENIED);
	mlk_handle_close(w);
	mlk_handle_close(s);
	mlk_handle_close(n);

	if (!CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &mem)))
		return;
	CHECK_OK(
		mlk_handle_duplicate(mem, MLK_RIGHT_READ | MLK_RIGHT_MAP, &ro));
	CHECK_OK(mlk_handle_duplicate(mem, MLK_RIGHT_READ | MLK_RIGHT_WRITE,
				      &nomap));
	CHECK_ST(mlk_mem_write(ro, 0, &v, 8), MLK_ERR_ACCESS_DENIED);
	CHECK_OK(mlk_mem_read(ro, 0, &v, 8));
	CHECK_ST(mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, ro, 0, 0, MLK_PAGE_SIZE,
				MLK_MAP_READ | MLK_MAP_WRITE, &addr),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, ro, 0, 0, MLK_PAGE_SIZE,
				MLK_MAP_READ | MLK_MAP_EXEC, &addr),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, nomap, 0, 0,
				MLK_PAGE_SIZE, MLK_MAP_READ, &addr),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_OK(mlk_handle_duplicate(MLK_HANDLE_SELF_ASPACE, MLK_RIGHT_MANAGE,
				      &as));
	CHECK_ST(mlk_aspace_map(as, mem, 0, 0, MLK_PAGE_SIZE, MLK_MAP_READ,
				&addr),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_aspace_unmap(as, 0x10000, MLK_PAGE_SIZE),
		 MLK_ERR_ACCESS_DENIED);
	mlk_handle_close(as);
	mlk_handle_close(nomap);
	mlk_handle_close(ro);
	mlk_handle_close(mem);

	CHECK_OK(mlk_handle_duplicate(MLK_HANDLE_SELF_PROCESS,
				      MLK_RIGHT_DUPLICATE, &proc));
	CHECK_ST(mlk_thread_create(proc, 0x400000, 0, 0, 1, "x", 1, &thr),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_process_kill(proc, 0), MLK_ERR_ACCESS_DENIED);
	mlk_handle_close(proc);
	CHECK_OK(mlk_handle_duplicate(MLK_HANDLE_SELF_THREAD,
				      MLK_RIGHT_DUPLICATE, &thr));
	CHECK_ST(mlk_thread_suspend(thr), MLK_ERR_ACCESS_DENIED);
	CHECK_ST(mlk_thread_set_priority(thr, 1), MLK_ERR_ACCESS_DENIED);
	mlk_handle_close(thr);
}

TEST(handles, mint)
{
	mlk_handle_t ep, minted, again, dup;

	if (!CHECK_OK(mlk_endpoint_create(&ep)))
		return;
	if (CHECK_OK(mlk_endpoint_mint(ep, MLK_RIGHT_SEND | MLK_RIGHTS_BASIC,
				       0x1234, &minted))) {
		CHECK_INFO(minted, MLK_OBJ_ENDPOINT,
			   MLK_RIGHT_SEND | MLK_RIGHTS_BASIC);
		/* A badge is set once: not on a badged handle again. */
		CHECK_ST(mlk_endpoint_mint(minted, MLK_RIGHT_SEND, 5, &again),
			 MLK_ERR_BAD_STATE);
		/* Duplicates keep it (checked by the receiver in ipc/). */
		CHECK_OK(mlk_handle_duplicate(minted, MLK_RIGHT_SEND, &dup));
		CHECK_ST(mlk_endpoint_mint(dup, MLK_RIGHT_SEND, 5, &again),
			 MLK_ERR_ACCESS_DENIED);
		mlk_handle_close(dup);
		mlk_handle_close(minted);
	}
	CHECK_ST(mlk_endpoint_mint(ep, MLK_RIGHT_SEND, 0, &again),
		 MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_endpoint_mint(ep, 1u << 12, 1, &again),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_endpoint_mint(ep, MLK_RIGHT_MANAGE, 1, &again),
		 MLK_ERR_ACCESS_DENIED);
	CHECK_OK(mlk_handle_duplicate(ep, MLK_RIGHT_SEND, &dup));
	CHECK_ST(mlk_endpoint_mint(dup, MLK_RIGHT_SEND, 1, &again),
		 MLK_ERR_ACCESS_DENIED);
	mlk_handle_close(dup);
	CHECK_ST(mlk_endpoint_mint(MLK_HANDLE_SELF_PROCESS, 0, 1, &again),
		 MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_endpoint_mint(0, 0, 1, &again), MLK_ERR_BAD_HANDLE);
	mlk_handle_close(ep);
}

TEST(handles, table_grows)
{
	enum { N = 200 };
	mlk_handle_t h[N];
	struct mlk_process_info before, during;
	unsigned made = 0;

	CHECK(info_self(&before));
	while (made < N && CHECK_OK(mlk_notification_create(&h[made])))
		made++;
	CHECK(info_self(&during));
	CHECK_EQ(during.handles, before.handles + N);
	/* All distinct and all alive. */
	for (unsigned i = 0; i < made; i++) {
		CHECK_OK(mlk_signal(h[i], 1ull << (i % 64)));
		if (i)
			CHECK_NE(h[i], h[i - 1]);
	}
	for (unsigned i = 0; i < made; i++)
		CHECK_OK(mlk_handle_close(h[i]));
}

TEST(handles, close_self_handle_copy)
{
	mlk_handle_t dup;
	uint32_t t, r;

	/* A duplicate of a self handle closes without harm to the original. */
	if (!CHECK_OK(mlk_handle_duplicate(MLK_HANDLE_SELF_ASPACE,
					   MLK_RIGHT_MAP, &dup)))
		return;
	CHECK_OK(mlk_handle_close(dup));
	CHECK_OK(mlk_handle_info(MLK_HANDLE_SELF_ASPACE, &t, &r));
}

TEST(handles, object_id)
{
	struct mlk_process_info me;
	struct mlk_thread_info ti;
	uint64_t pid = 0, tid = 0, a = 0, b = 0, c = 0;
	mlk_handle_t n, dup, other;
	uint64_t r1, r2;

	CHECK_OK(mlk_object_id(MLK_HANDLE_SELF_PROCESS, &pid));
	CHECK_OK(mlk_object_id(MLK_HANDLE_SELF_THREAD, &tid));
	/* The ids system_info uses. */
	if (CHECK(info_process_named(mlk_program_name(), &me)))
		CHECK_EQ(pid, me.pid);
	if (CHECK(info_thread(tid, &ti))) {
		CHECK_EQ(ti.pid, pid);
		CHECK(!strcmp(ti.name, mlk_program_name()));
	}
	if (!CHECK_OK(mlk_notification_create(&n)))
		return;
	CHECK_OK(mlk_handle_duplicate(n, 0, &dup));
	CHECK_OK(mlk_notification_create(&other));
	CHECK_OK(mlk_object_id(n, &a));
	CHECK_OK(mlk_object_id(dup, &b)); /* no rights needed */
	CHECK_OK(mlk_object_id(other, &c));
	CHECK_EQ(a, b);
	CHECK_NE(a, c);
	CHECK(a != 0 && c != 0);
	CHECK_ST(mlk_object_id(0, &a), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_svc(MLK_SYS_object_id, (1ull << 32) | n, 0, 0, 0, 0, 0, 0,
			 &r1, &r2),
		 MLK_ERR_BAD_ARG(0));
	mlk_handle_close(other);
	mlk_handle_close(dup);
	CHECK_OK(mlk_handle_close(n));
	CHECK_ST(mlk_object_id(n, &a), MLK_ERR_BAD_HANDLE);
}
