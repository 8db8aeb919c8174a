/*
 * User address spaces and per-thread CPU state on AArch64 (see
 * arch/uspace.h).
 */
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <arch/switch.h>
#include <arch/sysreg.h>
#include <arch/uspace.h>

#include "hal.h"
#include "heap.h"
#include "kstring.h"
#include "pmm.h"
#include "process.h"
#include "sched.h"
#include "thread.h"
#include "vm.h"

#define ASID_MAX (1u << 16)

static uint64_t asid_bitmap[ASID_MAX / 64];
static unsigned asid_limit;

/* ---- ASIDs -------------------------------------------------------------- */

static unsigned asid_alloc(void)
{
	if (!asid_limit)
		asid_limit = (boot_state.tcr & TCR_AS) ? ASID_MAX : 256;
	for (unsigned w = 0; w < asid_limit / 64; w++) {
		uint64_t bits = asid_bitmap[w] | (w == 0); /* ASID 0: none */
		if (bits == ~0ULL)
			continue;
		unsigned a = w * 64 + (unsigned)__builtin_ctzll(~bits);
		asid_bitmap[w] |= 1ULL << (a % 64);
		return a;
	}
	return 0;
}

static void asid_free(unsigned asid)
{
	/* Nothing of the old owner may stay in the TLB for the next. */
	__asm__ volatile(
		"dsb ishst\n\ttlbi aside1is, %0\n\tdsb ish\n\tisb" ::"r"(
			(uint64_t)asid << 48)
		: "memory");
	asid_bitmap[asid / 64] &= ~(1ULL << (asid % 64));
}

/* ---- page tables ------------------------------------------------------- */

struct user_ctx {
	struct pt_ctx pt;
	struct arch_aspace *as;
};

static uint64_t user_table_alloc(struct pt_ctx *ctx)
{
	return vm_table_alloc(container_of(ctx, struct user_ctx, pt)->as);
}

static void user_table_free(struct pt_ctx *ctx, uint64_t pa)
{
	vm_table_free(container_of(ctx, struct user_ctx, pt)->as, pa);
}

static struct user_ctx user_ctx(struct arch_aspace *as)
{
	return (struct user_ctx){
		.pt = { .alloc = user_table_alloc,
			.table_offset = KERNEL_DIRECT_MAP_BASE },
		.as = as,
	};
}

static uint64_t user_prot(unsigned prot)
{
	uint64_t pte = PTE_AF | PTE_SH_INNER | PTE_NG | PTE_AP_EL0 | PTE_PXN;

	pte |= PTE_ATTR((prot & VM_DEVICE) ? MAIR_IDX_DEVICE_nGnRE
					   : MAIR_IDX_NORMAL);
	if (!(prot & VM_WRITE))
		pte |= PTE_AP_RO;
	if (!(prot & VM_EXEC))
		pte |= PTE_UXN;
	return pte;
}

mlk_status_t arch_aspace_init(struct arch_aspace *as)
{
	as->asid = (uint16_t)asid_alloc();
	if (!as->asid)
		return MLK_ERR_NO_RESOURCES;
	as->root = vm_table_alloc(as);
	if (as->root == PMM_NONE) {
		asid_free(as->asid);
		as->root = 0;
		return MLK_ERR_NO_MEMORY;
	}
	as->ttbr = as->root | ((uint64_t)as->asid << TTBR_ASID_SHIFT);
	return MLK_OK;
}

void arch_aspace_destroy(struct arch_aspace *as)
{
	struct user_ctx ctx = user_ctx(as);

	if (arch_this_cpu()->uspace_active == as) {
		/* Stop walks through tables about to be freed. */
		write_sysreg(tcr_el1, read_sysreg(tcr_el1) | TCR_EPD0);
		isb();
		arch_this_cpu()->uspace_active = NULL;
	}
	pt_free_tables(&ctx.pt, as->root, 0, user_table_free);
	asid_free(as->asid);
	as->root = 0;
}

mlk_status_t arch_aspace_map_page(struct arch_aspace *as, uint64_t va,
				  uint64_t pa, unsigned prot)
{
	struct user_ctx ctx = user_ctx(as);

	if (pt_map(&ctx.pt, as->root, va, pa, PAGE_SIZE, user_prot(prot)))
		return MLK_ERR_NO_MEMORY;
	return MLK_OK;
}

void arch_aspace_unmap_page(struct arch_aspace *as, uint64_t va)
{
	struct user_ctx ctx = user_ctx(as);
	uint64_t *slot = pt_leaf_slot(&ctx.pt, as->root, va);

	if (!slot || !(*slot & PTE_VALID))
		return;
	*slot = 0;
	__asm__ volatile(
		"dsb ishst\n\ttlbi vale1is, %0\n\tdsb ish\n\tisb" ::"r"(
			((uint64_t)as->asid << 48) | (va >> PAGE_SHIFT))
		: "memory");
}

void arch_aspace_activate(struct arch_aspace *as)
{
	if (!as || as == arch_this_cpu()->uspace_active)
		return;
	if (!arch_this_cpu()->uspace_active)
		write_sysreg(tcr_el1, read_sysreg(tcr_el1) & ~TCR_EPD0);
	write_sysreg(ttbr0_el1, as->ttbr);
	isb();
	arch_this_cpu()->uspace_active = as;
}

/* ---- threads ------------------------------------------------------------- */

void arch_thread_init_user(struct thread *t, uint64_t entry, uint64_t sp,
			   uint64_t arg, uint64_t ipc_buffer)
{
	memset(&t->frame, 0, sizeof(t->frame));
	t->frame.tf_elr = entry;
	t->frame.tf_sp = sp;
	t->frame.tf_x[0] = arg;
	t->frame.tf_spsr = SPSR_MODE_EL0t; /* interrupts unmasked */
	t->arch.tpidrro_el0 = ipc_buffer;
}

void arch_thread_destroy(struct thread *t)
{
	fpsimd_release(t);
}
