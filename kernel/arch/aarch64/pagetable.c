/*
 * Translation table walks (see arch/mmu.h).  This file runs both before the
 * MMU is on (from boot_mmu_setup, tables reached at their physical address)
 * and after (tables reached through the direct map), so it holds no
 * absolute addresses: only the ctx says how to reach a table.
 */
#include <arch/memlayout.h>
#include <arch/mmu.h>

static uint64_t *table_at(struct pt_ctx *ctx, uint64_t pa)
{
	return (uint64_t *)(pa + ctx->table_offset);
}

static bool is_table(uint64_t e, int level)
{
	return level < 3 && (e & 3) == PTE_TYPE_TABLE;
}

static uint64_t leaf(uint64_t pa, uint64_t prot, int level)
{
	return pa | prot | (level == 3 ? PTE_TYPE_PAGE : PTE_TYPE_BLOCK);
}

static int map_level(struct pt_ctx *ctx, uint64_t table_pa, int level,
		     uint64_t va, uint64_t end, uint64_t pa, uint64_t prot)
{
	uint64_t *table = table_at(ctx, table_pa);
	uint64_t block = 1UL << PT_LEVEL_SHIFT(level);

	while (va < end) {
		unsigned idx = (va >> PT_LEVEL_SHIFT(level)) & (PT_ENTRIES - 1);
		uint64_t next = ALIGN_DOWN(va, block) + block;
		if (next > end || next == 0)
			next = end;
		uint64_t e = table[idx];
		bool whole = IS_ALIGNED(va, block) && IS_ALIGNED(pa, block) &&
			     next - va == block;

		if (level == 3 || (whole && level >= 1 && ctx->use_blocks &&
				   !is_table(e, level))) {
			uint64_t want = leaf(pa, prot, level);
			if (!(e & PTE_VALID))
				table[idx] = want;
			else if (e != want && !ctx->keep_existing)
				return -1;
		} else if ((e & PTE_VALID) && !is_table(e, level)) {
			/* A block already maps this stretch. */
			if (!ctx->keep_existing)
				return -1;
		} else {
			if (!(e & PTE_VALID)) {
				uint64_t t = ctx->alloc(ctx);
				if (t == (uint64_t)-1)
					return -1;
				e = t | PTE_TYPE_TABLE;
				table[idx] = e;
			}
			if (map_level(ctx, e & PTE_ADDR_MASK, level + 1, va,
				      next, pa, prot))
				return -1;
		}
		pa += next - va;
		va = next;
	}
	return 0;
}

int pt_map(struct pt_ctx *ctx, uint64_t root, uint64_t va, uint64_t pa,
	   uint64_t size, uint64_t prot)
{
	int err;

	if (!IS_ALIGNED(va | pa | size, PAGE_SIZE) || va + size < va)
		return -1;
	err = map_level(ctx, root, 0, va, va + size, pa, prot);
	__asm__ volatile("dsb ishst" ::: "memory");
	return err;
}

uint64_t pt_lookup(struct pt_ctx *ctx, uint64_t root, uint64_t va, int *level)
{
	uint64_t pa = root;

	for (int l = 0; l <= 3; l++) {
		uint64_t e = table_at(
			ctx, pa)[(va >> PT_LEVEL_SHIFT(l)) & (PT_ENTRIES - 1)];
		if (!(e & PTE_VALID))
			return 0;
		if (!is_table(e, l)) {
			if (level)
				*level = l;
			return e;
		}
		pa = e & PTE_ADDR_MASK;
	}
	return 0;
}

uint64_t *pt_leaf_slot(struct pt_ctx *ctx, uint64_t root, uint64_t va)
{
	uint64_t pa = root;

	for (int l = 0; l < 3; l++) {
		uint64_t e = table_at(
			ctx, pa)[(va >> PT_LEVEL_SHIFT(l)) & (PT_ENTRIES - 1)];
		if (!is_table(e, l))
			return NULL;
		pa = e & PTE_ADDR_MASK;
	}
	return &table_at(ctx, pa)[(va >> PT_LEVEL_SHIFT(3)) & (PT_ENTRIES - 1)];
}

void pt_free_tables(struct pt_ctx *ctx, uint64_t table, int level,
		    void (*free_page)(struct pt_ctx *ctx, uint64_t pa))
{
	if (level < 3) {
		uint64_t *t = table_at(ctx, table);
		for (int i = 0; i < PT_ENTRIES; i++)
			if (is_table(t[i], level))
				pt_free_tables(ctx, t[i] & PTE_ADDR_MASK,
					       level + 1, free_page);
	}
	free_page(ctx, table);
}
