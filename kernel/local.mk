# The kernel: kernel/mlk.elf (with symbols, for gdb) and
# kernel/mlk-kernel.img (the arm64 Image a loader boots).

KERNEL_CPP_FLAGS = \
	-I$(srcdir)/kernel/include \
	$(SHARED_CPP_FLAGS) \
	-I$(srcdir)/kernel/arch/$(KARCH)/include \
	-I$(srcdir)/kernel/plat/common \
	-I$(srcdir)/sdk/include \
	-Isdk/generated \
	-Ikernel

# Freestanding, no FP/SIMD (-mgeneral-regs-only: the kernel never touches
# the FP registers, so it need not save them on entry), no unaligned
# accesses (code before the MMU runs with Device memory semantics).
KERNEL_CC_FLAGS = $(MLK_TARGET_FLAGS) $(MLK_PREFIX_MAP) -std=gnu11 -O2 -g -mstrict-align \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-fno-unwind-tables -fno-common -fno-delete-null-pointer-checks \
	-Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wpointer-arith \
	-Werror=implicit-function-declaration -Werror=return-type \
	-Werror=incompatible-pointer-types -Werror=int-conversion \
	-Werror=format -Werror=format-security -Werror=vla \
	-Werror=strict-prototypes -Werror=missing-prototypes \
	-Werror=array-bounds -Werror=stringop-overflow -Werror=shadow

KERNEL_LD_FLAGS = -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,-T,kernel/kernel.lds -Wl,-z,max-page-size=4096 \
	-Wl,--no-dynamic-linker

# Everything but the selftests: the kernel make run boots and the SDK
# installs is built from these and core/no_selftests.c; the selftest
# kernel below from these and kernel/test/.  The link follows this order:
# the vector table (vectors.S) must start on a 2 KiB boundary, so the
# small objects between head.S and it fill what the boot code leaves of
# the first 2 KiB instead of padding (about 480 bytes; the boot code may
# grow by 200 before the padding comes back, and make kernel-size shows
# it).
KERNEL_SOURCES = \
	kernel/arch/aarch64/head.S \
	kernel/arch/aarch64/probe.S \
	kernel/arch/aarch64/fpsimd_regs.S \
	kernel/arch/aarch64/uaccess.S \
	kernel/arch/aarch64/extable.c \
	kernel/arch/aarch64/timer.c \
	kernel/arch/aarch64/vectors.S \
	kernel/arch/aarch64/fastpath.S \
	kernel/arch/aarch64/boot_mmu.c \
	kernel/arch/aarch64/pagetable.c \
	kernel/arch/aarch64/mmu.c \
	kernel/arch/aarch64/cpu.c \
	kernel/arch/aarch64/exception.c \
	kernel/arch/aarch64/gic.c \
	kernel/arch/aarch64/gicv2.c \
	kernel/arch/aarch64/gicv3.c \
	kernel/arch/aarch64/uspace.c \
	kernel/arch/aarch64/fpsimd.c \
	kernel/plat/common/pl011.c \
	kernel/plat/common/psci.c \
	kernel/plat/common/semihosting.c \
	kernel/plat/virt/platform.c \
	kernel/core/main.c \
	kernel/core/bootargs.c \
	kernel/core/console.c \
	kernel/core/dt_gic.c \
	kernel/core/dt_devices.c \
	kernel/core/dt_machine.c \
	kernel/core/heap.c \
	kernel/core/irq.c \
	kernel/core/kprintf.c \
	kernel/core/mm.c \
	kernel/core/panic.c \
	kernel/core/pmm.c \
	kernel/core/timer.c \
	kernel/core/object.c \
	kernel/core/handle_table.c \
	kernel/core/process.c \
	kernel/core/quota.c \
	kernel/core/thread.c \
	kernel/core/runqueue.c \
	kernel/core/sched.c \
	kernel/core/ipc.c \
	kernel/core/notification.c \
	kernel/core/close_notice.c \
	kernel/core/vm.c \
	kernel/core/uaccess.c \
	kernel/core/syscall.c \
	kernel/core/sys_basic.c \
	kernel/core/sys_ipc.c \
	kernel/core/sys_notify.c \
	kernel/core/sys_mem.c \
	kernel/core/sys_proc.c \
	kernel/core/sys_system.c \
	kernel/core/irq_object.c \
	kernel/core/root_task.c \
	sdk/lib/devtree.c \
	sdk/lib/fault_name.c \
	sdk/lib/format.c \
	sdk/lib/kstring.c \
	sdk/lib/bundle.c \
	sdk/lib/elf.c

KERNEL_TEST_SOURCES = \
	kernel/test/selftest.c \
	kernel/test/crashtest.c \
	kernel/test/st_pmm.c \
	kernel/test/st_heap.c \
	kernel/test/st_mmu.c \
	kernel/test/st_fdt.c \
	kernel/test/st_irq.c \
	kernel/test/st_crc.c \
	kernel/test/st_exception.c

noinst_PROGRAMS += kernel/mlk.elf
kernel_mlk_elf_SOURCES = $(KERNEL_SOURCES) kernel/core/no_selftests.c

KERNEL_HEADER_FILES = \
	kernel/include/bootargs.h kernel/include/compiler.h \
	kernel/include/console.h kernel/include/const.h \
	kernel/include/crashtest.h \
	kernel/include/dt_machine.h \
	kernel/include/exception.h kernel/include/extable.h \
	kernel/include/hal.h kernel/include/heap.h kernel/include/irq.h \
	kernel/include/kprintf.h kernel/include/mm.h \
	kernel/include/panic.h kernel/include/pmm.h kernel/include/selftest.h \
	kernel/include/timer.h kernel/include/list.h kernel/include/object.h \
	kernel/include/handle_table.h kernel/include/process.h \
	kernel/include/thread.h kernel/include/sched.h kernel/include/ipc.h \
	kernel/include/notification.h \
	kernel/include/vm.h kernel/include/uaccess.h kernel/include/syscall.h \
	kernel/include/kobjects.h kernel/include/root_task.h \
	kernel/arch/aarch64/include/arch/cpu.h \
	kernel/arch/aarch64/include/arch/uspace.h \
	kernel/arch/aarch64/include/arch/switch.h \
	kernel/arch/aarch64/include/arch/timer.h \
	kernel/arch/aarch64/include/arch/asm.h \
	kernel/arch/aarch64/include/arch/frame.h \
	kernel/arch/aarch64/include/arch/fpsimd_asm.h \
	kernel/arch/aarch64/include/arch/gic.h \
	kernel/arch/aarch64/include/arch/memlayout.h \
	kernel/arch/aarch64/include/arch/mmu.h \
	kernel/arch/aarch64/include/arch/sysreg.h \
	kernel/plat/common/pl011.h \
	kernel/plat/common/semihosting.h
noinst_HEADERS += $(KERNEL_HEADER_FILES)

# The glue and dispatch table, generated from syscalls.def (sdk/gen/);
# every kernel object may include the generated headers, so they come
# first even when make is asked for kernel/mlk.elf alone.
nodist_kernel_mlk_elf_SOURCES = kernel/generated/syscall_table.c
$(kernel_mlk_elf_OBJECTS): kernel/generated/syscalls.h \
	sdk/generated/mlk/sysnum.h kernel/generated/asm-offsets.h

# Built for size (issue 11: the kernel's text within 64 KiB), except the
# objects on the paths make bench measures (system calls, IPC, signals,
# scheduling, exceptions from user space), built for speed.  Appended to
# CFLAGS, so the last -O wins; `make KERNEL_OPT=` keeps the user's.
KERNEL_OPT = -Os
KERNEL_FAST_OBJECTS = \
	kernel/arch/aarch64/mlk_elf-timer.$(OBJEXT) \
	kernel/core/mlk_elf-ipc.$(OBJEXT) \
	kernel/core/mlk_elf-notification.$(OBJEXT) \
	kernel/core/mlk_elf-runqueue.$(OBJEXT) \
	kernel/core/mlk_elf-sched.$(OBJEXT) \
	kernel/core/mlk_elf-sys_basic.$(OBJEXT) \
	kernel/core/mlk_elf-sys_notify.$(OBJEXT) \
	kernel/core/mlk_elf-syscall.$(OBJEXT) \
	kernel/core/mlk_elf-timer.$(OBJEXT) \
	kernel/generated/mlk_elf-syscall_table.$(OBJEXT)
$(KERNEL_FAST_OBJECTS): KERNEL_OPT = -O2
$(kernel_mlk_elf_OBJECTS): CFLAGS += $(KERNEL_OPT)

kernel_mlk_elf_CPPFLAGS = $(KERNEL_CPP_FLAGS)
kernel_mlk_elf_CFLAGS = $(KERNEL_CC_FLAGS)
kernel_mlk_elf_CCASFLAGS = $(MLK_TARGET_FLAGS) $(MLK_PREFIX_MAP) -g
kernel_mlk_elf_LDFLAGS = $(KERNEL_LD_FLAGS)
kernel_mlk_elf_LDADD = -lgcc
kernel_mlk_elf_DEPENDENCIES = kernel/kernel.lds

# The selftest kernel: the same kernel with the in-kernel selftests
# (mlk.selftest=) and deliberate crashes (mlk.crashtest=), which the
# QEMU tests boot (tests/qemu/selftest.img); apart so that their code
# (about 15 KB) is not in the kernel every system boots.
noinst_PROGRAMS += kernel/mlk-selftest.elf
kernel_mlk_selftest_elf_SOURCES = $(KERNEL_SOURCES) $(KERNEL_TEST_SOURCES)
nodist_kernel_mlk_selftest_elf_SOURCES = kernel/generated/syscall_table.c
$(kernel_mlk_selftest_elf_OBJECTS): kernel/generated/syscalls.h \
	sdk/generated/mlk/sysnum.h kernel/generated/asm-offsets.h
$(kernel_mlk_selftest_elf_OBJECTS): CFLAGS += $(KERNEL_OPT)
kernel_mlk_selftest_elf_CPPFLAGS = $(KERNEL_CPP_FLAGS)
kernel_mlk_selftest_elf_CFLAGS = $(KERNEL_CC_FLAGS)
kernel_mlk_selftest_elf_CCASFLAGS = $(MLK_TARGET_FLAGS) $(MLK_PREFIX_MAP) -g
kernel_mlk_selftest_elf_LDFLAGS = $(KERNEL_LD_FLAGS)
kernel_mlk_selftest_elf_LDADD = -lgcc
kernel_mlk_selftest_elf_DEPENDENCIES = kernel/kernel.lds

noinst_DATA += kernel/mlk-selftest-kernel.img
kernel/mlk-selftest-kernel.img: kernel/mlk-selftest.elf
	$(AM_V_GEN)$(OBJCOPY) -O binary kernel/mlk-selftest.elf $@

EXTRA_DIST += kernel/arch/aarch64/kernel.lds.S kernel/arch/aarch64/asm-offsets.c \
	kernel/README.md

# The linker script and the assembly's offsets are made by the target
# compiler outside Automake's rules; -MMD -MP -MF records the headers
# each read, as Automake's own rules do for objects.
KERNEL_GEN_DEPFLAGS = -MMD -MP -MF $@.d -MT $@
-include kernel/kernel.lds.d kernel/generated/asm-offsets.h.d

kernel/kernel.lds: $(srcdir)/kernel/arch/$(KARCH)/kernel.lds.S
	$(AM_V_GEN)$(MKDIR_P) kernel && \
	$(CC) -E -P -x assembler-with-cpp -D__ASSEMBLER__ $(KERNEL_CPP_FLAGS) \
		$(KERNEL_GEN_DEPFLAGS) -o $@ \
		$(srcdir)/kernel/arch/$(KARCH)/kernel.lds.S

# Structure offsets for the assembly, generated from the C definitions
# (the generated system call headers must exist before it is compiled).
kernel/generated/asm-offsets.h: $(srcdir)/kernel/arch/$(KARCH)/asm-offsets.c \
		kernel/generated/syscalls.h sdk/generated/mlk/sysnum.h
	$(AM_V_GEN)$(MKDIR_P) kernel/generated && \
	{ echo "/* Generated from asm-offsets.c by the build; do not edit. */"; \
	  echo "#ifndef MLK_KERNEL_GENERATED_ASM_OFFSETS_H"; \
	  echo "#define MLK_KERNEL_GENERATED_ASM_OFFSETS_H"; \
	  $(CC) $(KERNEL_CPP_FLAGS) $(KERNEL_CC_FLAGS) \
		$(KERNEL_GEN_DEPFLAGS) -S -o - \
		$(srcdir)/kernel/arch/$(KARCH)/asm-offsets.c | \
	  sed -n 's/.*"->\([A-Z0-9_]*\) [#$$]*\([-0-9]*\).*/#define \1 \2/p'; \
	  echo "#endif"; } > $@.tmp && mv $@.tmp $@

kernel/mlk-kernel.img: kernel/mlk.elf
	$(AM_V_GEN)$(OBJCOPY) -O binary kernel/mlk.elf $@

# Installed for mlk-mkimage (the Image) and gdb (the ELF with symbols).
mlkbootdir = $(mlkdir)/boot
mlkboot_DATA = kernel/mlk-kernel.img kernel/mlk.elf
CLEANFILES += kernel/kernel.lds kernel/generated/asm-offsets.h \
	kernel/kernel.lds.d kernel/generated/asm-offsets.h.d \
	kernel/mlk-kernel.img kernel/mlk-selftest-kernel.img

# Section sizes, then the text of each object linked into the kernel,
# largest first (bytes), and the twenty largest functions (nm
# --size-sort, bytes in hex): where to look when the kernel grows.
kernel-size: kernel/mlk.elf
	@$(SIZE) -A kernel/mlk.elf | awk '$$1 ~ /^\.(text|rodata|data|bss|stack|boot_pool)$$/'
	@echo "text by object:"
	@for o in $(kernel_mlk_elf_OBJECTS); do \
		$(SIZE) -A $$o | awk -v o=$$o \
			'$$1 ~ /^\.text/ { t += $$2 } END { print t, o }'; \
	done | sort -rn | awk '{ print; t += $$1 } END { print t, "total" }'
	@echo "largest functions:"
	@$(NM) --size-sort -S kernel/mlk.elf | \
		awk '$$3 ~ /^[tT]$$/ { print $$2, $$4 }' | tail -20 | sort -r
.PHONY: kernel-size
