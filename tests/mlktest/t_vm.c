/*
 * Address spaces: aspace_map and aspace_unmap, their argument checks,
 * W^X, overlaps, partial unmaps, demand-zero pages, one object mapped
 * twice, mappings in another process.
 */
#include <string.h>

#include "child.h"
#include "mlktest.h"

#define AS MLK_HANDLE_SELF_ASPACE
#define RW (MLK_MAP_READ | MLK_MAP_WRITE)
/* A region of our address space nothing else uses. */
#define FIXED_VA 0x0000300000000000ull

TEST(vm, map_and_use)
{
	mlk_handle_t m;
	uint64_t addr = 0, v = 0;

	if (!CHECK_OK(mlk_mem_create(3 * MLK_PAGE_SIZE, 0, &m)))
		return;
	if (CHECK_OK(mlk_aspace_map(AS, m, 0, 0, 3 * MLK_PAGE_SIZE, RW,
				    &addr))) {
		volatile uint64_t *p = (volatile uint64_t *)addr;
		CHECK(addr >= MLK_USER_BASE && addr < MLK_IPC_BUFFER_BASE);
		CHECK_EQ(addr & (MLK_PAGE_SIZE - 1), 0);
		p[1000] = 0x1234; /* byte 8000: the second page */
		CHECK_OK(mlk_mem_read(m, 8000, &v, 8));
		CHECK_EQ(v, 0x1234);
		v = 0x5678;
		CHECK_OK(mlk_mem_write(m, 2 * MLK_PAGE_SIZE, &v, 8));
		CHECK_EQ(p[1024], 0x5678);
		CHECK_OK(mlk_aspace_unmap(AS, addr, 3 * MLK_PAGE_SIZE));
	}
	mlk_handle_close(m);
}

TEST(vm, map_at_fixed_address)
{
	mlk_handle_t m;
	uint64_t addr = 0;

	if (!CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &m)))
		return;
	if (CHECK_OK(mlk_aspace_map(AS, m, 0, FIXED_VA, MLK_PAGE_SIZE, RW,
				    &addr))) {
		CHECK_EQ(addr, FIXED_VA);
		*(volatile uint32_t *)addr = 7;
		CHECK_OK(mlk_aspace_unmap(AS, FIXED_VA, MLK_PAGE_SIZE));
	}
	mlk_handle_close(m);
}

TEST(vm, map_argument_checks)
{
	mlk_handle_t m;
	uint64_t a;

	if (!CHECK_OK(mlk_mem_create(2 * MLK_PAGE_SIZE, 0, &m)))
		return;
	CHECK_ST(mlk_aspace_map(AS, m, 100, 0, MLK_PAGE_SIZE, RW, &a),
		 MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_aspace_map(AS, m, 0, 0, 100, RW, &a), MLK_ERR_BAD_ARG(4));
	CHECK_ST(mlk_aspace_map(AS, m, 0, 0, 0, RW, &a), MLK_ERR_BAD_ARG(4));
	CHECK_ST(mlk_aspace_map(AS, m, 0, FIXED_VA + 8, MLK_PAGE_SIZE, RW, &a),
		 MLK_ERR_BAD_ARG(3));
	/* Outside user space, or over the kernel's IPC buffers. */
	CHECK_ST(mlk_aspace_map(AS, m, 0, 0x1000, MLK_PAGE_SIZE, RW, &a),
		 MLK_ERR_BAD_ARG(3));
	CHECK_ST(mlk_aspace_map(AS, m, 0, MLK_IPC_BUFFER_BASE, MLK_PAGE_SIZE,
				RW, &a),
		 MLK_ERR_BAD_ARG(3));
	CHECK_ST(mlk_aspace_map(AS, m, 0, MLK_IPC_BUFFER_BASE - MLK_PAGE_SIZE,
				2 * MLK_PAGE_SIZE, RW, &a),
		 MLK_ERR_BAD_ARG(3));
	CHECK_ST(mlk_aspace_map(AS, m, 0, 0xffff000000000000ull, MLK_PAGE_SIZE,
				RW, &a),
		 MLK_ERR_BAD_ARG(3));
	/* Beyond the object. */
	CHECK_ST(mlk_aspace_map(AS, m, MLK_PAGE_SIZE, 0, 2 * MLK_PAGE_SIZE, RW,
				&a),
		 MLK_ERR_BAD_ARG(4));
	CHECK_ST(mlk_aspace_map(AS, m, 0, 0, 3 * MLK_PAGE_SIZE, RW, &a),
		 MLK_ERR_BAD_ARG(4));
	CHECK_ST(mlk_aspace_map(AS, m, 3 * MLK_PAGE_SIZE, 0, MLK_PAGE_SIZE, RW,
				&a),
		 MLK_ERR_BAD_ARG(4));
	/* Flags: READ always, nothing unknown, never WRITE with EXEC. */
	CHECK_ST(mlk_aspace_map(AS, m, 0, 0, MLK_PAGE_SIZE, 0, &a),
		 MLK_ERR_BAD_ARG(5));
	CHECK_ST(mlk_aspace_map(AS, m, 0, 0, MLK_PAGE_SIZE, MLK_MAP_WRITE, &a),
		 MLK_ERR_BAD_ARG(5));
	CHECK_ST(mlk_aspace_map(AS, m, 0, 0, MLK_PAGE_SIZE, MLK_MAP_READ | 8,
				&a),
		 MLK_ERR_BAD_ARG(5));
	CHECK_ST(mlk_aspace_map(AS, m, 0, 0, MLK_PAGE_SIZE, RW | MLK_MAP_EXEC,
				&a),
		 MLK_ERR_BAD_ARG(5));
	/* Handles. */
	CHECK_ST(mlk_aspace_map(0, m, 0, 0, MLK_PAGE_SIZE, RW, &a),
		 MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_aspace_map(AS, 0, 0, 0, MLK_PAGE_SIZE, RW, &a),
		 MLK_ERR_BAD_HANDLE);
	CHECK_ST(mlk_aspace_map(m, m, 0, 0, MLK_PAGE_SIZE, RW, &a),
		 MLK_ERR_WRONG_TYPE);
	CHECK_ST(mlk_aspace_map(AS, AS, 0, 0, MLK_PAGE_SIZE, RW, &a),
		 MLK_ERR_WRONG_TYPE);
	mlk_handle_close(m);
}

TEST(vm, read_exec_mapping)
{
	mlk_handle_t m;
	uint64_t a;

	if (!CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &m)))
		return;
	if (CHECK_OK(mlk_aspace_map(AS, m, 0, 0, MLK_PAGE_SIZE,
				    MLK_MAP_READ | MLK_MAP_EXEC, &a)))
		CHECK_OK(mlk_aspace_unmap(AS, a, MLK_PAGE_SIZE));
	mlk_handle_close(m);
}

TEST(vm, overlap_refused)
{
	mlk_handle_t m;
	uint64_t a, b;

	if (!CHECK_OK(mlk_mem_create(2 * MLK_PAGE_SIZE, 0, &m)))
		return;
	if (CHECK_OK(mlk_aspace_map(AS, m, 0, FIXED_VA, 2 * MLK_PAGE_SIZE, RW,
				    &a))) {
		CHECK_ST(mlk_aspace_map(AS, m, 0, FIXED_VA, MLK_PAGE_SIZE, RW,
					&b),
			 MLK_ERR_EXISTS);
		CHECK_ST(mlk_aspace_map(AS, m, 0, FIXED_VA + MLK_PAGE_SIZE,
					2 * MLK_PAGE_SIZE, RW, &b),
			 MLK_ERR_EXISTS);
		CHECK_ST(mlk_aspace_map(AS, m, 0, FIXED_VA - MLK_PAGE_SIZE,
					2 * MLK_PAGE_SIZE, RW, &b),
			 MLK_ERR_EXISTS);
		/* Right next to it is free. */
		if (CHECK_OK(mlk_aspace_map(AS, m, 0,
					    FIXED_VA + 2 * MLK_PAGE_SIZE,
					    MLK_PAGE_SIZE, RW, &b)))
			CHECK_OK(mlk_aspace_unmap(AS, b, MLK_PAGE_SIZE));
		if (CHECK_OK(mlk_aspace_map(AS, m, 0, FIXED_VA - MLK_PAGE_SIZE,
					    MLK_PAGE_SIZE, RW, &b)))
			CHECK_OK(mlk_aspace_unmap(AS, b, MLK_PAGE_SIZE));
		CHECK_OK(mlk_aspace_unmap(AS, a, 2 * MLK_PAGE_SIZE));
	}
	mlk_handle_close(m);
}

TEST(vm, unmap_argument_checks)
{
	CHECK_ST(mlk_aspace_unmap(AS, FIXED_VA + 1, MLK_PAGE_SIZE),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_aspace_unmap(AS, FIXED_VA, 100), MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_aspace_unmap(AS, FIXED_VA, 0), MLK_ERR_BAD_ARG(2));
	CHECK_ST(mlk_aspace_unmap(AS, 0x1000, MLK_PAGE_SIZE),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_aspace_unmap(AS, MLK_IPC_BUFFER_BASE, MLK_PAGE_SIZE),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_aspace_unmap(AS, MLK_IPC_BUFFER_BASE - MLK_PAGE_SIZE,
				  2 * MLK_PAGE_SIZE),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_aspace_unmap(AS, 0xfffffffffffff000ull, 0x2000),
		 MLK_ERR_BAD_ARG(1));
	CHECK_ST(mlk_aspace_unmap(0, FIXED_VA, MLK_PAGE_SIZE),
		 MLK_ERR_BAD_HANDLE);
	/* Nothing mapped there: nothing to do. */
	CHECK_OK(mlk_aspace_unmap(AS, FIXED_VA, 16 * MLK_PAGE_SIZE));
}

/* Page i of a 4-page object holds i + 1 in its first word. */
static bool map_numbered(mlk_handle_t *m, uint64_t va)
{
	uint64_t a;

	if (!CHECK_OK(mlk_mem_create(4 * MLK_PAGE_SIZE, 0, m)))
		return false;
	for (uint64_t i = 0; i < 4; i++) {
		uint64_t v = i + 1;
		mlk_mem_write(*m, i * MLK_PAGE_SIZE, &v, 8);
	}
	if (CHECK_OK(mlk_aspace_map(AS, *m, 0, va, 4 * MLK_PAGE_SIZE, RW, &a)))
		return true;
	mlk_handle_close(*m);
	return false;
}

/* Whether page i of the mapping at va is there (copy_to_user into it). */
static bool page_mapped(mlk_handle_t m, uint64_t va, unsigned i)
{
	return mlk_mem_read(m, 0, (void *)(va + i * MLK_PAGE_SIZE), 8) ==
	       MLK_OK;
}

TEST(vm, partial_unmap_splits)
{
	mlk_handle_t m;
	uint64_t a;
	volatile uint64_t *p = (volatile uint64_t *)FIXED_VA;

	if (!map_numbered(&m, FIXED_VA))
		return;
	/* A hole in the middle: two mappings either side. */
	CHECK_OK(mlk_aspace_unmap(AS, FIXED_VA + MLK_PAGE_SIZE, MLK_PAGE_SIZE));
	CHECK_EQ(p[0], 1);
	CHECK(!page_mapped(m, FIXED_VA, 1));
	CHECK_EQ(p[2 * 512], 3);
	CHECK_EQ(p[3 * 512], 4);
	/* The hole is free, the rest is not. */
	if (CHECK_OK(mlk_aspace_map(AS, m, 0, FIXED_VA + MLK_PAGE_SIZE,
				    MLK_PAGE_SIZE, MLK_MAP_READ, &a))) {
		CHECK_EQ(p[512], 1); /* page 0 of the object */
	}
	CHECK_ST(mlk_aspace_map(AS, m, 0, FIXED_VA + 2 * MLK_PAGE_SIZE,
				MLK_PAGE_SIZE, MLK_MAP_READ, &a),
		 MLK_ERR_EXISTS);
	/* The head and the tail of what is left. */
	CHECK_OK(mlk_aspace_unmap(AS, FIXED_VA, MLK_PAGE_SIZE));
	CHECK_OK(mlk_aspace_unmap(AS, FIXED_VA + 3 * MLK_PAGE_SIZE,
				  MLK_PAGE_SIZE));
	CHECK(!page_mapped(m, FIXED_VA, 0));
	CHECK(!page_mapped(m, FIXED_VA, 3));
	CHECK_EQ(p[2 * 512], 3);
	/* One call across all of it. */
	CHECK_OK(mlk_aspace_unmap(AS, FIXED_VA, 4 * MLK_PAGE_SIZE));
	CHECK(!page_mapped(m, FIXED_VA, 1));
	CHECK(!page_mapped(m, FIXED_VA, 2));
	if (CHECK_OK(mlk_aspace_map(AS, m, 0, FIXED_VA, 4 * MLK_PAGE_SIZE, RW,
				    &a)))
		CHECK_OK(mlk_aspace_unmap(AS, FIXED_VA, 4 * MLK_PAGE_SIZE));
	mlk_handle_close(m);
}

TEST(vm, unmap_across_mappings)
{
	mlk_handle_t m1, m2;

	if (!map_numbered(&m1, FIXED_VA))
		return;
	if (map_numbered(&m2, FIXED_VA + 4 * MLK_PAGE_SIZE)) {
		/* The tail of one and the head of the other. */
		CHECK_OK(mlk_aspace_unmap(AS, FIXED_VA + 3 * MLK_PAGE_SIZE,
					  2 * MLK_PAGE_SIZE));
		CHECK(page_mapped(m1, FIXED_VA, 2));
		CHECK(!page_mapped(m1, FIXED_VA, 3));
		CHECK(!page_mapped(m1, FIXED_VA, 4));
		CHECK_EQ(((volatile uint64_t *)FIXED_VA)[5 * 512], 2);
		CHECK_OK(mlk_aspace_unmap(AS, FIXED_VA, 8 * MLK_PAGE_SIZE));
		mlk_handle_close(m2);
	}
	mlk_aspace_unmap(AS, FIXED_VA, 4 * MLK_PAGE_SIZE);
	mlk_handle_close(m1);
}

TEST(vm, demand_zero)
{
	struct mlk_process_info before, after;
	volatile uint64_t *p;
	uint64_t nonzero = 0;

	CHECK(info_self(&before));
	p = map_new(16 * MLK_PAGE_SIZE, 0, NULL);
	if (!CHECK(p != NULL))
		return;
	for (unsigned i = 0; i < 16 * 512; i++)
		nonzero += p[i] != 0;
	CHECK_EQ(nonzero, 0);
	CHECK(info_self(&after));
	/* Read, every page came in (zeroed) and was charged. */
	CHECK(after.used - before.used >= 16 * MLK_PAGE_SIZE);
	unmap((void *)p, 16 * MLK_PAGE_SIZE);
}

TEST(vm, same_object_twice)
{
	mlk_handle_t m;
	volatile uint64_t *a, *b;
	uint64_t va;

	if (!CHECK_OK(mlk_mem_create(2 * MLK_PAGE_SIZE, 0, &m)))
		return;
	a = map_new(MLK_PAGE_SIZE, 0, NULL); /* something in between */
	if (CHECK_OK(mlk_aspace_map(AS, m, 0, 0, 2 * MLK_PAGE_SIZE, RW, &va))) {
		b = (volatile uint64_t *)va;
		uint64_t va2;
		if (CHECK_OK(mlk_aspace_map(AS, m, MLK_PAGE_SIZE, 0,
					    MLK_PAGE_SIZE, MLK_MAP_READ,
					    &va2))) {
			CHECK_NE(va, va2);
			b[512 + 3] = 0xfeed;
			CHECK_EQ(((volatile uint64_t *)va2)[3], 0xfeed);
			unmap((void *)va2, MLK_PAGE_SIZE);
		}
		unmap((void *)va, 2 * MLK_PAGE_SIZE);
	}
	if (a)
		unmap((void *)a, MLK_PAGE_SIZE);
	mlk_handle_close(m);
}

/* A mapping holds its object: the memory stays when the handle goes,
 * and returns to the quota when the mapping goes too. */
TEST(vm, mapping_keeps_object)
{
	struct mlk_process_info before, mid, after;
	mlk_handle_t m;
	uint64_t va;

	CHECK(info_self(&before));
	if (!CHECK_OK(mlk_mem_create(8 * MLK_PAGE_SIZE, MLK_MEM_COMMIT, &m)))
		return;
	if (!CHECK_OK(mlk_aspace_map(AS, m, 0, FIXED_VA, 8 * MLK_PAGE_SIZE, RW,
				     &va))) {
		mlk_handle_close(m);
		return;
	}
	((volatile uint64_t *)va)[0] = 99;
	CHECK_OK(mlk_handle_close(m));
	CHECK_EQ(((volatile uint64_t *)va)[0], 99);
	CHECK(info_self(&mid));
	CHECK(mid.used >= before.used + 8 * MLK_PAGE_SIZE);
	CHECK_OK(mlk_aspace_unmap(AS, va, 8 * MLK_PAGE_SIZE));
	CHECK(info_self(&after));
	CHECK(after.used <= mid.used - 8 * MLK_PAGE_SIZE);
}

TEST(vm, map_into_another_process)
{
	struct child c;
	mlk_handle_t m;
	uint64_t a;

	if (!CHECK_OK(mlk_mem_create(MLK_PAGE_SIZE, 0, &m)))
		return;
	if (CHECK_OK(child_spawn(&c, "suspend", NULL))) {
		CHECK_OK(mlk_aspace_map(c.h.aspace, m, 0, FIXED_VA,
					MLK_PAGE_SIZE, RW, &a));
		CHECK_ST(mlk_aspace_map(c.h.aspace, m, 0, FIXED_VA,
					MLK_PAGE_SIZE, RW, &a),
			 MLK_ERR_EXISTS);
		CHECK_OK(mlk_aspace_unmap(c.h.aspace, FIXED_VA, MLK_PAGE_SIZE));
		/* Its address space outlives it in our handle, unusable. */
		CHECK_OK(mlk_process_kill(c.h.process, 1));
		CHECK_ST(mlk_aspace_map(c.h.aspace, m, 0, FIXED_VA,
					MLK_PAGE_SIZE, RW, &a),
			 MLK_ERR_BAD_STATE);
		CHECK_OK(mlk_aspace_unmap(c.h.aspace, FIXED_VA, MLK_PAGE_SIZE));
		child_cleanup(&c);
	}
	mlk_handle_close(m);
}

/* The first stack has its area in the layout (mlk/layout.h): a bigger
 * one is refused before anything is made. */
TEST(vm, spawn_stack_over_its_area)
{
	struct mlk_spawn sp = { .name = CHILD_PROGRAM };
	struct mlk_spawned got;
	uint64_t size = 0;

	sp.elf = bundle_entry(CHILD_PROGRAM, &size);
	sp.elf_size = size;
	if (!CHECK(sp.elf != NULL))
		return;
	sp.priority = mlktest_priority();
	sp.quota = 1 << 20;
	sp.stack_size = MLK_STACK_MAX + 1;
	CHECK_ST(mlk_spawn(&sp, &got), MLK_ERR_TOO_BIG);
}

/* Arguments and handles that do not fit the start info are refused
 * before anything is made, never cut (issue 12). */
TEST(vm, spawn_refuses_what_does_not_fit)
{
	static char args[MLK_STARTINFO_ARGS_SIZE * 2];
	struct mlk_spawn sp = { .name = CHILD_PROGRAM };
	struct mlk_spawned got;
	uint64_t size = 0;

	sp.elf = bundle_entry(CHILD_PROGRAM, &size);
	sp.elf_size = size;
	if (!CHECK(sp.elf != NULL))
		return;
	sp.priority = mlktest_priority();
	sp.quota = 1 << 20;
	/* 256 one-byte words take 512 bytes packed. */
	for (size_t i = 0; i + 1 < sizeof(args); i += 2) {
		args[i] = 'a';
		args[i + 1] = ' ';
	}
	args[sizeof(args) - 1] = '\0';
	sp.args = args;
	CHECK_ST(mlk_spawn(&sp, &got), MLK_ERR_TOO_BIG);
	sp.args = "a \"b c";
	CHECK_ST(mlk_spawn(&sp, &got), MLK_ERR_BAD_ARG(0));
	sp.args = NULL;
	sp.nhandles = MLK_STARTINFO_MAX_HANDLES + 1;
	CHECK_ST(mlk_spawn(&sp, &got), MLK_ERR_TOO_BIG);
}
