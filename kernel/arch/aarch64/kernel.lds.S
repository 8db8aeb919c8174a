/*
 * Kernel link map.  Linked at KERNEL_IMAGE_BASE, loaded anywhere 2 MiB
 * aligned; the layout below is what boot_mmu.c maps with W^X.
 * Preprocessed by the build (kernel/local.mk) for the constants.
 */
#include <arch/memlayout.h>

OUTPUT_ARCH(aarch64)
ENTRY(_start)

PHDRS
{
	text PT_LOAD FLAGS(5);   /* R X */
	rodata PT_LOAD FLAGS(4); /* R */
	data PT_LOAD FLAGS(6);   /* R W */
}

SECTIONS
{
	. = KERNEL_IMAGE_BASE;
	_kernel_start = .;

	.text : {
		KEEP(*(.text.head))	/* the arm64 Image header comes first */
		*(.text.boot)
		*(.text .text.*)
	} :text
	. = ALIGN(PAGE_SIZE);
	_etext = .;

	.rodata : {
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__selftests_start = .;
		KEEP(*(.selftests))
		__selftests_end = .;
		. = ALIGN(4);
		__ex_table_start = .;
		KEEP(*(__ex_table))
		__ex_table_end = .;
	} :rodata
	. = ALIGN(PAGE_SIZE);
	_erodata = .;

	.data : {
		*(.data .data.*)
		*(.got .got.*)
	} :data

	/* Everything from here on takes no room in the file. */
	.bss (NOLOAD) : {
		. = ALIGN(16);
		__bss_start = .;
		*(.bss .bss.* COMMON)
		. = ALIGN(16);
		__bss_end = .;
	} :data

	/* The boot CPU's stack, in a slot like every kernel stack: the lower
	 * half is a guard that stays unmapped (see memlayout.h). */
	. = ALIGN(KERNEL_STACK_SLOT);
	.stack (NOLOAD) : {
		__stack_guard_start = .;
		. += KERNEL_STACK_SIZE;
		__stack_guard_end = .;
		. += KERNEL_STACK_SIZE;
		__boot_stack_top = .;
		__emergency_stack_bottom = .;
		. += 8192;
		__emergency_stack_top = .;
	} :data

	/* Page-table pages for boot_mmu.c, before the PMM exists. */
	. = ALIGN(PAGE_SIZE);
	.boot_pool (NOLOAD) : {
		__boot_pool_start = .;
		. += BOOT_POOL_PAGES * PAGE_SIZE;
		__boot_pool_end = .;
	} :data

	. = ALIGN(PAGE_SIZE);
	_kernel_end = .;
	_kernel_size = _kernel_end - _kernel_start;

	/DISCARD/ : {
		*(.comment) *(.note .note.*) *(.eh_frame .eh_frame_hdr)
		*(.interp) *(.dynamic) *(.dynsym) *(.dynstr) *(.hash)
		*(.gnu.hash)
	}
}

ASSERT(_start == KERNEL_IMAGE_BASE, "the Image header must come first")
