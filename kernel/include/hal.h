/*
 * The hardware abstraction layer: everything generic kernel code (core/)
 * may ask of the architecture (arch/<arch>/, functions named arch_*) and of
 * the board (plat/<board>/, functions named plat_*), one name for each
 * operation.  Generic code includes this header and never a register or an
 * address of a board.
 *
 * Most of it is the functions declared below.  What must be inline or is a
 * type comes from four architecture headers, which this header includes
 * and which core/ may not include any other way (tests/layering.test):
 *
 *   <arch/memlayout.h>  the kernel's virtual memory map and page size;
 *                       phys_to_virt, virt_to_phys
 *   <arch/frame.h>      struct trap_frame, the user registers a thread
 *                       keeps (first in struct thread), and its accessors
 *                       frame_arg, frame_set_ret, frame_syscall_number
 *   <arch/uspace.h>     struct arch_aspace and struct arch_thread, the
 *                       per-address-space and per-thread state
 *   <arch/timer.h>      arch_timer_now (inline: read on every scheduling
 *                       decision)
 *
 * and one more, <arch/switch.h>, which needs struct thread and so only
 * core/sched.c includes, after thread.h: arch_thread_switch (inline, see
 * below).
 *
 * The unit tests provide mocks of all of it (tests/unit/mock_hal.c,
 * tests/unit/mock_kernel.c and tests/unit/mock/arch/), which is what lets
 * core/ compile and run on the build machine.
 */
#ifndef MLK_KERNEL_HAL_H
#define MLK_KERNEL_HAL_H

#include "compiler.h"
#include "dt_machine.h"

#include <arch/frame.h>
#include <arch/memlayout.h>
#include <arch/timer.h>
#include <arch/uspace.h>

/* ---- CPU ---------------------------------------------------------------- */

/* Mask interrupts on this CPU and return the previous mask state. */
unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);
/* Unmask interrupts on this CPU (boot, idle). */
void arch_irq_enable(void);
/* Wait for an interrupt with interrupts unmasked, then mask them again. */
void arch_cpu_idle(void);
/* Stop this CPU for good, interrupts masked. */
__noreturn void arch_halt(void);
/* The exception level the loader entered the kernel at (1 or 2). */
unsigned arch_boot_el(void);
/* Print the return addresses of the calling frames ("  trace: ..."). */
void arch_print_backtrace(void);
/* A short human name of this CPU ("Cortex-A72 r0p3"). */
const char *arch_cpu_name(void);

/*
 * The device tree blob the loader passed, mapped, or NULL if x0 held none
 * (or no blob header).  *size: the bytes mapped, the header's totalsize
 * but at most DT_MAX_SIZE; the reader reads no further.
 */
const void *arch_boot_dtb(uint32_t *size);

/* ---- Memory -------------------------------------------------------------- */

/*
 * Map RAM [base, base + size) into the kernel's direct map.  Called once per
 * RAM range found in the device tree, before the physical memory manager
 * starts.  Returns 0, or -1 if the boot page-table pool is exhausted.
 */
int arch_map_direct(uint64_t base, uint64_t size);
/* Map device registers; returns a kernel virtual address or NULL. */
void *arch_map_device(uint64_t pa, uint64_t size);
/* The PMM runs: the architecture may take page-table pages from it now. */
void arch_mm_ready(void);
/* Remove the identity map the MMU was switched on with. */
void arch_drop_identity_map(void);
/*
 * The boot bundle mlk-mkimage appended to the image, if the image header
 * says there is one: its physical address and the bytes available.
 */
bool arch_boot_bundle(uint64_t *pa, uint64_t *size);
/* Per-CPU state user space needs: exception stack, FP traps, PMU. */
void arch_user_init(void);
/* Instructions retired since the kernel's entry, by the PMU (32 bits on
 * most CPUs, so it wraps); 0 without a PMU or when the CPU model does
 * not count them (QEMU counts them only under -icount). */
uint64_t arch_instructions_retired(void);
/* Physical range of the loaded kernel image, including bss. */
void arch_kernel_range(uint64_t *base, uint64_t *end);
/*
 * Translate a kernel virtual address with the hardware (AT S1E1R);
 * returns false if it is not mapped for reading.
 */
bool arch_probe_kernel_va(const void *va, uint64_t *pa);
/*
 * Read one byte at a kernel virtual address that may not be mapped; returns
 * 0 and the byte, or -1 if the access faulted (exception fixup).
 */
int arch_read_byte_checked(const volatile uint8_t *va, uint8_t *out);

/* ---- Interrupts ---------------------------------------------------------- */

/* Start the interrupt controller the device tree describes. */
int arch_intc_init(const struct dt_gic *gic);
const char *arch_intc_name(void);
void arch_intc_enable(unsigned intid);
void arch_intc_disable(unsigned intid);
/* Acknowledge the highest-priority pending interrupt, or IRQ_NONE. */
#define IRQ_NONE 0xffffffffu
unsigned arch_intc_ack(void);
/* End the handling of an acknowledged interrupt. */
void arch_intc_eoi(unsigned intid);
/* Send software-generated interrupt `intid` (0..15) to this CPU. */
void arch_intc_send_self_sgi(unsigned intid);

/* ---- Timer --------------------------------------------------------------- */

/* Start the generic timer on the interrupt the device tree gives. */
int arch_timer_init(const struct dt_timer *timer);
/*
 * uint64_t arch_timer_now(void), inline in <arch/timer.h>: the monotonic
 * counter, in ticks of arch_timer_freq() Hz.
 */
uint64_t arch_timer_freq(void);
/* Raise the timer interrupt when the counter reaches `deadline`. */
void arch_timer_set_deadline(uint64_t deadline);
void arch_timer_stop(void);
unsigned arch_timer_intid(void);

/* ---- Address spaces ---------------------------------------------------- */

/* A new, empty user address space (its top table and an ASID). */
mlk_status_t arch_aspace_init(struct arch_aspace *as);
/* Free the page tables (not the pages they mapped) and the ASID. */
void arch_aspace_destroy(struct arch_aspace *as);
/* Map one page with VM_* access; tables come from vm_table_alloc. */
mlk_status_t arch_aspace_map_page(struct arch_aspace *as, uint64_t va,
				  uint64_t pa, unsigned prot);
void arch_aspace_unmap_page(struct arch_aspace *as, uint64_t va);

/* ---- User space ---------------------------------------------------------- */

struct thread;

/* Registers of a new user thread: pc, stack, x0, its IPC buffer address. */
void arch_thread_init_user(struct thread *t, uint64_t entry, uint64_t sp,
			   uint64_t arg, uint64_t ipc_buffer);
/*
 * void arch_thread_switch(struct thread *prev, struct thread *next),
 * inline in <arch/switch.h>: switch the CPU's per-thread state (address
 * space, thread pointers, FP/SIMD trap) from prev's to next's.
 */
void arch_thread_destroy(struct thread *t);
/* Leave the boot path for the first user thread the scheduler picks. */
__noreturn void arch_enter_user(void);

/* ---- Board --------------------------------------------------------------- */

/*
 * Power off through the firmware (PSCI), or through Arm semihosting's
 * exit call with the status once plat_poweroff_by_semihosting() asked
 * for it; halt if that fails.
 */
__noreturn void plat_poweroff(uint32_t status);
/*
 * Power off by the semihosting exit call from now on (boot argument
 * mlk.exit=semihosting), so QEMU exits with plat_poweroff's status.
 */
void plat_poweroff_by_semihosting(void);
/* Use the firmware calls the device tree names. */
int plat_power_init(enum dt_psci_conduit conduit);
/* Register the UART the device tree names as the kernel console. */
int plat_console_init(const struct dt_uart *uart);
/*
 * Register the board's console without a device tree, when the loader's
 * tree cannot be read: the boot must still say why it stops.
 */
int plat_console_fallback(void);

#endif
