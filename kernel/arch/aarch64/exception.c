/*
 * Exceptions taken from EL1, and the panic dump.
 * ESR_EL1 encoding: Arm ARM D19.2.37; fault status codes: ISS encoding for
 * an exception from a Data Abort.
 */
#include "exception.h"

#include <arch/frame.h>
#include <arch/memlayout.h>
#include <arch/sysreg.h>

#include <arch/cpu.h>

#include "extable.h"
#include "hal.h"
#include "irq.h"
#include "kprintf.h"
#include "panic.h"
#include "sched.h"
#include "syscall.h"
#include "thread.h"
#include "vm.h"

#include <mlk/syscall.h>

static const char *const ec_names[64] = {
	[EC_UNKNOWN] = "undefined instruction",
	[EC_WFX] = "trapped WFI/WFE",
	[EC_FP_ASIMD] = "FP/SIMD access trapped",
	[EC_ILLEGAL_STATE] = "illegal execution state",
	[EC_SVC64] = "SVC",
	[EC_HVC64] = "HVC",
	[EC_SMC64] = "SMC",
	[EC_SYSREG] = "trapped system register access",
	[EC_SVE] = "SVE access trapped",
	[EC_IABT_LOWER] = "instruction abort, lower EL",
	[EC_IABT_CUR] = "instruction abort, same EL",
	[EC_PC_ALIGN] = "PC alignment fault",
	[EC_DABT_LOWER] = "data abort, lower EL",
	[EC_DABT_CUR] = "data abort, same EL",
	[EC_SP_ALIGN] = "SP alignment fault",
	[EC_FP_EXC64] = "floating-point exception",
	[EC_SERROR] = "SError",
	[EC_BREAKPT_LOWER] = "breakpoint, lower EL",
	[EC_BREAKPT_CUR] = "breakpoint, same EL",
	[EC_SOFTSTP_LOWER] = "software step, lower EL",
	[EC_SOFTSTP_CUR] = "software step, same EL",
	[EC_WATCHPT_LOWER] = "watchpoint, lower EL",
	[EC_WATCHPT_CUR] = "watchpoint, same EL",
	[EC_BRK64] = "BRK instruction",
};

const char *exception_class_name(unsigned ec)
{
	const char *name = ec < 64 ? ec_names[ec] : NULL;
	return name ? name : "unknown exception class";
}

/* Data/instruction fault status code (DFSC/IFSC) in words. */
static const char *fault_status(uint64_t fsc, unsigned *level)
{
	*level = fsc & 3;
	switch (fsc & 0x3c) {
	case 0x00:
		return "address size fault";
	case 0x04:
		return "translation fault";
	case 0x08:
		return "access flag fault";
	case 0x0c:
		return "permission fault";
	}
	*level = 4; /* no level */
	switch (fsc) {
	case 0x10:
		return "synchronous external abort";
	case 0x21:
		return "alignment fault";
	case 0x30:
		return "TLB conflict abort";
	default:
		return "other fault";
	}
}

static bool is_abort(unsigned ec)
{
	return ec == EC_DABT_CUR || ec == EC_DABT_LOWER || ec == EC_IABT_CUR ||
	       ec == EC_IABT_LOWER;
}

static void print_backtrace(uint64_t fp)
{
	kprintf("  trace:");
	/* AAPCS64 frame records: [fp] = caller's fp, [fp + 8] = return. */
	for (int depth = 0; fp && depth < 16; depth++) {
		uint64_t pa;
		if ((fp & 15) || !arch_probe_kernel_va((void *)fp, &pa) ||
		    !arch_probe_kernel_va((void *)(fp + 8), &pa))
			break;
		uint64_t lr = ((uint64_t *)fp)[1];
		if (!lr)
			break;
		kprintf(" %#lx", lr);
		fp = ((uint64_t *)fp)[0];
	}
	kprintf("\n");
}

void arch_print_backtrace(void)
{
	print_backtrace((uint64_t)__builtin_frame_address(0));
}

__noreturn void exception_panic(const char *why, struct trap_frame *tf,
				uint64_t esr, uint64_t far)
{
	unsigned ec = ESR_EC(esr);
	unsigned el = (tf->tf_spsr >> 2) & 3;

	arch_irq_save();
	kprintf("mlk: panic: %s at EL%u: %s (EC %#x)\n", why, el,
		exception_class_name(ec), ec);
	kprintf("  ESR  0x%016lx", esr);
	if (is_abort(ec)) {
		unsigned level;
		const char *fs = fault_status(esr & ESR_ISS_DFSC_MASK, &level);
		kprintf("  %s", fs);
		if (level < 4)
			kprintf(", level %u", level);
		if (ec == EC_DABT_CUR || ec == EC_DABT_LOWER)
			kprintf(", %s", esr & ESR_ISS_WNR ? "write" : "read");
	}
	kprintf("\n  ELR  0x%016lx  FAR  0x%016lx\n", tf->tf_elr, far);
	kprintf("  SPSR 0x%016lx  (EL%u%s, DAIF %c%c%c%c)\n", tf->tf_spsr, el,
		(tf->tf_spsr & 1) ? "h" : "t", tf->tf_spsr & SPSR_D ? 'D' : '-',
		tf->tf_spsr & SPSR_A ? 'A' : '-',
		tf->tf_spsr & SPSR_I ? 'I' : '-',
		tf->tf_spsr & SPSR_F ? 'F' : '-');
	for (int i = 0; i < 31; i++)
		kprintf("  x%-2d 0x%016lx%s", i, tf->tf_x[i],
			(i % 3 == 2 || i == 30) ? "\n" : "");
	kprintf("  sp  0x%016lx\n", tf->tf_sp);
	if (el == 1)
		print_backtrace(tf->tf_x[29]);
	panic_stop();
}

/* ---- brk hooks (kernel breakpoints; used by the selftests) ------------- */

#define MAX_BRK_HOOKS 4
static struct {
	unsigned imm;
	brk_hook_fn fn;
} brk_hooks[MAX_BRK_HOOKS];

void exception_set_brk_hook(unsigned imm, brk_hook_fn fn)
{
	for (int i = 0; i < MAX_BRK_HOOKS; i++)
		if (brk_hooks[i].fn == NULL || brk_hooks[i].imm == imm) {
			brk_hooks[i].imm = imm;
			brk_hooks[i].fn = fn;
			return;
		}
	panic("exception: no room for a brk hook");
}

static bool run_brk_hook(struct trap_frame *tf, unsigned imm)
{
	for (int i = 0; i < MAX_BRK_HOOKS; i++)
		if (brk_hooks[i].fn && brk_hooks[i].imm == imm &&
		    brk_hooks[i].fn(tf, imm)) {
			tf->tf_elr += 4;
			return true;
		}
	return false;
}

/* ---- faults of user memory --------------------------------------------- */

/* Translation, access flag and permission faults can be page faults. */
static bool maybe_page_fault(uint64_t esr)
{
	uint64_t fsc = esr & ESR_ISS_DFSC_MASK & 0x3c;

	return fsc == 0x04 || fsc == 0x08 || fsc == 0x0c;
}

/* A copy_{from,to}_user touching a page not yet there: fill it in. */
static bool user_access_fault(uint64_t esr, uint64_t far)
{
	struct thread *t = sched_current();

	if (!t || far >= MLK_USER_END || !maybe_page_fault(esr) || !t->aspace)
		return false;
	return aspace_fault(t->aspace, far,
			    (esr & ESR_ISS_WNR) ? VM_WRITE : VM_READ);
}

static void user_abort(struct thread *t, uint64_t esr, uint64_t far,
		       unsigned access, unsigned kind)
{
	if (maybe_page_fault(esr) && aspace_fault(t->aspace, far, access))
		return;
	thread_fault(t, kind, far, t->frame.tf_elr);
}

/* ---- entry points from vectors.S --------------------------------------- */

void aarch64_el1_sync(struct trap_frame *tf);
void aarch64_irq(struct trap_frame *tf);
struct trap_frame *aarch64_el0_exception(struct thread *t);
void aarch64_el0_irq(struct thread *t);
struct trap_frame *aarch64_return_frame(void);
void aarch64_bad_exception(struct trap_frame *tf, int kind);
void aarch64_stack_overflow(struct trap_frame *tf);

void aarch64_el1_sync(struct trap_frame *tf)
{
	uint64_t esr = read_sysreg(esr_el1);
	uint64_t far = read_sysreg(far_el1);
	unsigned ec = ESR_EC(esr);

	if (ec == EC_DABT_CUR) {
		uintptr_t fixup = extable_lookup(tf->tf_elr);
		if (fixup && user_access_fault(esr, far))
			return; /* a page filled in: retry the access */
		if (fixup) {
			tf->tf_elr = fixup;
			return;
		}
	}
	if (ec == EC_BRK64 && run_brk_hook(tf, esr & 0xffff))
		return;
	exception_panic("unexpected exception", tf, esr, far);
}

void aarch64_irq(struct trap_frame *tf)
{
	(void)tf;
	irq_handle_pending();
}

void aarch64_bad_exception(struct trap_frame *tf, int kind)
{
	static const char *const kinds[] = {
		"?",
		"FIQ",
		"SError",
		"exception on SP_EL0",
		"exception from AArch32",
		"exception from EL0 with no user space",
	};
	exception_panic(kinds[kind], tf, read_sysreg(esr_el1),
			read_sysreg(far_el1));
}

void aarch64_stack_overflow(struct trap_frame *tf)
{
	/* FAR holds the guard page address the stack ran into. */
	exception_panic("kernel stack overflow", tf, read_sysreg(esr_el1),
			read_sysreg(far_el1));
}

/* Exceptions from user space other than system calls. */
static void el0_exception(struct thread *t, uint64_t esr)
{
	uint64_t far = read_sysreg(far_el1);
	uint64_t pc = t->frame.tf_elr;

	switch (ESR_EC(esr)) {
	case EC_DABT_LOWER:
		if (esr & ESR_ISS_WNR)
			user_abort(t, esr, far, VM_WRITE, MLK_FAULT_WRITE);
		else
			user_abort(t, esr, far, VM_READ, MLK_FAULT_READ);
		break;
	case EC_IABT_LOWER:
		user_abort(t, esr, far, VM_EXEC, MLK_FAULT_EXEC);
		break;
	case EC_FP_ASIMD:
		if (!fpsimd_trap(t))
			thread_fault(t, MLK_FAULT_OTHER, 0, pc);
		break;
	case EC_WFX:
		/* Waiting for an interrupt is not a user's business: a yield.
		 */
		t->frame.tf_elr += 4;
		sched_yield();
		break;
	case EC_PC_ALIGN:
		thread_fault(t, MLK_FAULT_ALIGN, far, pc);
		break;
	case EC_SP_ALIGN:
		thread_fault(t, MLK_FAULT_ALIGN, t->frame.tf_sp, pc);
		break;
	case EC_BRK64:
	case EC_BREAKPT_LOWER:
	case EC_SOFTSTP_LOWER:
	case EC_WATCHPT_LOWER:
		thread_fault(t, MLK_FAULT_BREAKPOINT, far, pc);
		break;
	case EC_UNKNOWN:
	case EC_SYSREG:
	case EC_ILLEGAL_STATE:
	case EC_SVE:
	case EC_HVC64:
	case EC_SMC64:
		thread_fault(t, MLK_FAULT_UNDEFINED, 0, pc);
		break;
	default:
		thread_fault(t, MLK_FAULT_OTHER, far, pc);
		break;
	}
}

/* From vectors.S: returns the frame to resume, maybe another thread's. */
struct trap_frame *aarch64_el0_exception(struct thread *t)
{
	el0_exception(t, read_sysreg(esr_el1));
	return aarch64_return_frame();
}

void aarch64_el0_irq(struct thread *t)
{
	(void)t;
	irq_handle_pending();
}

struct trap_frame *aarch64_return_frame(void)
{
	struct thread *t = sched_next_to_run();

	/* Only user frames are ever popped on the way out. */
	if ((t->frame.tf_spsr & SPSR_MODE_MASK) != SPSR_MODE_EL0t)
		panic("returning to thread '%s' with SPSR %#lx, pc %#lx",
		      t->name, t->frame.tf_spsr, t->frame.tf_elr);
	return &t->frame;
}
