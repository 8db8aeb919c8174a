/*
 * Memory objects: mem_create and its flags, mem_size, mem_read and
 * mem_write (bounds, bad buffers), mem_phys.
 */
#include <mlk/bundle.h>

#include <string.h>

#include "mlktest.h"

#define KERNEL_ADDR 0xffff000000000000ull
#define UNMAPPED_ADDR 0x0000000300000000ull

static uint64_t used_now(void)
{
	struct mlk_process_info pi = { 0 };

	info_self(&pi);
	return pi.used;
}

TEST(mem, create_and_size)
{
	mlk_handle_t m;
	uint64_t size = 0;

	if (CHECK_OK(mlk_mem_create(10000, 0, &m))) {
		CHECK_OK(mlk_mem_size(m, &size));
		CHECK_EQ(size, 12288); /* whole pages */
		mlk_handle_close(m);
	}
	if (CHECK_OK(mlk_mem_create(1, MLK_MEM_COMMIT, &m))) {
		CHECK_OK(mlk_mem_size(m, &size));
		CHECK_EQ(size, MLK_PAGE_SIZE);
		mlk_handle_close(m);
	}
	CHECK_ST(mlk_mem_size(0, &size), MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_mem_size(MLK_HANDLE_SELF_ASPACE, &size),
		 MLK_ERR_WRONG_TYPE);
}

TEST(mem, create_errors)
{
	mlk_handle_t m;

	CHECK_ST(mlk_mem_create(0, 0, &m), MLK_ERR_BAD_ARG(0));
	CHECK_ST(mlk_mem_create(MLK_MEM_MAX_SIZE + 1, 0, &m), MLK_ERR_TOO_BIG);
	CHECK_ST(mlk_mem_create(UINT64_MAX, 0, &m), MLK_ERR_TOO_BIG);
	CHECK_ST(mlk_mem_create(MLK_PAGE_SIZE, 1u << 2, &m),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_mem_create(MLK_PAGE_SIZE, 0x80000000u, &m),
		 MLK_ERR_BAD_ARG(1));
	/* Within the limit, beyond the quota. */
	CHECK_ST(mlk_mem_create(MLK_MEM_MAX_SIZE, MLK_MEM_COMMIT, &m),
		 MLK_ERR_NO_MEMORY);
}

/* Committed memory is charged at once; the rest on first touch. */
TEST(mem, commit_and_demand)
{
	mlk_handle_t lazy, eager;
	uint64_t before = used_now(), mid, v = 1;

	if (!CHECK_OK(mlk_mem_create(64 * MLK_PAGE_SIZE, 0, &lazy)))
		return;
	mid = used_now();
	CHECK(mid - before < MLK_PAGE_SIZE); /* the object, not its pages */
	CHECK_OK(mlk_mem_write(lazy, 5 * MLK_PAGE_SIZE, &v, sizeof(v)));
	CHECK_EQ(used_now() - mid, MLK_PAGE_SIZE);
	if (CHECK_OK(mlk_mem_create(64 * MLK_PAGE_SIZE, MLK_MEM_COMMIT,
				    &eager))) {
		CHECK(used_now() - mid >= 65 * MLK_PAGE_SIZE);
		mlk_handle_close(eager);
	}
	mlk_handle_close(lazy);
	CHECK_EQ(used_now(), before);
}

TEST(mem, contiguous_and_phys)
{
	mlk_handle_t c, nophys, m;
	uint64_t phys = 0, v;

	if (CHECK_OK(mlk_mem_create(16 * MLK_PAGE_SIZE, MLK_MEM_CONTIGUOUS,
				    &c))) {
		CHECK_OK(mlk_mem_phys(c, &phys));
		CHECK(phys != 0);
		CHECK_EQ(phys & (MLK_PAGE_SIZE - 1), 0);
		/* Contiguous memory is committed, and zero. */
		CHECK_OK(mlk_mem_read(c, 15 * MLK_PAGE_SIZE, &v, sizeof(v)));
		CHECK_EQ(v, 0);
		CHECK_OK(mlk_handle_duplicate(c, MLK_RIGHT_READ, &nophys));
		CHECK_ST(mlk_mem_phys(nophys, &v), MLK_ERR_ACCESS_DENIED);
		mlk_handle_close(nophys);
		mlk_handle_close(c);
	}
	/* Scattered pages have no one physical address: no PHYS right. */
	if (CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, MLK_MEM_COMMIT, &m))) {
		CHECK_ST(mlk_mem_phys(m, &v), MLK_ERR_ACCESS_DENIED);
		mlk_handle_close(m);
	}
	CHECK_ST(mlk_mem_phys(0, &v), MLK_ERR_BAD_HANDLE);
}

/* More contiguous memory than the quota allows: refused, and the kernel
 * lives on. */
TEST(mem, contiguous_beyond_quota)
{
	struct mlk_process_info me;
	mlk_handle_t m;
	uint64_t before = used_now();

	if (!CHECK(info_self(&me)))
		return;
	CHECK_ST(
		mlk_mem_create(me.quota + (1ull << 20), MLK_MEM_CONTIGUOUS, &m),
		MLK_ERR_NO_MEMORY);
	CHECK_EQ(used_now(), before);
	/* Nor is there 4 GiB of RAM in one run. */
	CHECK_ST(mlk_mem_create(4ull << 30, MLK_MEM_CONTIGUOUS, &m),
		 MLK_ERR_NO_MEMORY);
	CHECK_EQ(used_now(), before);
	if (CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, MLK_MEM_CONTIGUOUS, &m)))
		mlk_handle_close(m);
}

TEST(mem, read_write)
{
	mlk_handle_t m;
	uint8_t in[40], out[40];

	if (!CHECK_OK(mlk_mem_create(3 * MLK_PAGE_SIZE, 0, &m)))
		return;
	for (unsigned i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i * 7 + 1);
	/* Across a page boundary. */
	CHECK_OK(mlk_mem_write(m, MLK_PAGE_SIZE - 20, in, sizeof(in)));
	memset(out, 0xee, sizeof(out));
	CHECK_OK(mlk_mem_read(m, MLK_PAGE_SIZE - 20, out, sizeof(out)));
	CHECK(memcmp(in, out, sizeof(in)) == 0);
	/* Untouched bytes read as zero. */
	memset(out, 0xee, sizeof(out));
	CHECK_OK(mlk_mem_read(m, 2 * MLK_PAGE_SIZE + 100, out, sizeof(out)));
	CHECK_EQ(out[0] | out[39], 0);
	/* The last byte. */
	CHECK_OK(mlk_mem_write(m, 3 * MLK_PAGE_SIZE - 1, in, 1));
	CHECK_OK(mlk_mem_read(m, 3 * MLK_PAGE_SIZE - 1, out, 1));
	CHECK_EQ(out[0], in[0]);
	mlk_handle_close(m);
}

TEST(mem, read_write_bounds)
{
	mlk_handle_t m;
	uint64_t v = 0;

	if (!CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &m)))
		return;
	CHECK_OK(mlk_mem_read(m, MLK_PAGE_SIZE, &v, 0));
	CHECK_OK(mlk_mem_write(m, 4088, &v, 8));
	CHECK_ST(mlk_mem_read(m, 4089, &v, 8), MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_mem_write(m, 4089, &v, 8), MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_mem_read(m, 4097, &v, 0), MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_mem_read(m, 0, &v, 4097), MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_mem_read(m, UINT64_MAX, &v, 1), MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_mem_write(m, 8, &v, UINT64_MAX - 4), MLK_ERR_BAD_ARG(1));
	mlk_handle_close(m);
}

TEST(mem, read_write_bad_buffers)
{
	mlk_handle_t m, rom;
	uint64_t ro;

	if (!CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &m)))
		return;
	/* Nothing to copy, nothing to check. */
	CHECK_OK(mlk_mem_read(m, 0, NULL, 0));
	CHECK_OK(mlk_mem_write(m, 0, (void *)KERNEL_ADDR, 0));
	CHECK_ST(mlk_mem_read(m, 0, NULL, 8), MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_mem_read(m, 0, (void *)KERNEL_ADDR, 8),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_mem_write(m, 0, (void *)KERNEL_ADDR, 8),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_mem_read(m, 0, (void *)UNMAPPED_ADDR, 8),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_mem_write(m, 0, (void *)UNMAPPED_ADDR, 8),
		 MLK_ERR_BAD_ADDRESS);
	CHECK_ST(mlk_mem_read(m, 0, (void *)(MLK_USER_END - 4), 8),
		 MLK_ERR_BAD_ADDRESS);
	/* Read-only memory is a fine source, not a destination. */
	if (CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &rom)) &&
	    CHECK_OK(mlk_aspace_map(MLK_HANDLE_SELF_ASPACE, rom, 0, 0,
				    MLK_PAGE_SIZE, MLK_MAP_READ, &ro))) {
		CHECK_OK(mlk_mem_write(m, 0, (void *)ro, 64));
		CHECK_ST(mlk_mem_read(m, 0, (void *)ro, 64),
			 MLK_ERR_BAD_ADDRESS);
		unmap((void *)ro, MLK_PAGE_SIZE);
	}
	mlk_handle_close(rom);
	mlk_handle_close(m);
}

TEST(mem, read_write_rights)
{
	mlk_handle_t m, r, w;
	uint64_t v = 0;

	if (!CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &m)))
		return;
	CHECK_OK(mlk_handle_duplicate(m, MLK_RIGHT_READ, &r));
	CHECK_OK(mlk_handle_duplicate(m, MLK_RIGHT_WRITE, &w));
	CHECK_OK(mlk_mem_read(r, 0, &v, 8));
	CHECK_ST(mlk_mem_write(r, 0, &v, 8), MLK_ERR_ACCESS_DENIED);
	CHECK_OK(mlk_mem_write(w, 0, &v, 8));
	CHECK_ST(mlk_mem_read(w, 0, &v, 8), MLK_ERR_ACCESS_DENIED);
	mlk_handle_close(w);
	mlk_handle_close(r);
	mlk_handle_close(m);
}

/* The bundle init granted: fixed memory, readable, not writable. */
TEST(mem, bundle)
{
	uint64_t magic = 0, size = 0;

	CHECK_OK(mlk_mem_size(mlktest_bundle(), &size));
	CHECK(size >= MLK_PAGE_SIZE);
	CHECK_OK(mlk_mem_read(mlktest_bundle(), 0, &magic, sizeof(magic)));
	CHECK_EQ(magic, MLK_BUNDLE_MAGIC);
	CHECK_ST(mlk_mem_write(mlktest_bundle(), 0, &magic, sizeof(magic)),
		 MLK_ERR_ACCESS_DENIED);
	/* Not ours to learn where it is. */
	CHECK_ST(mlk_mem_phys(mlktest_bundle(), &size), MLK_ERR_ACCESS_DENIED);
}
