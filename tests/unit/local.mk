# The Check unit tests (tests/README.md), built for the build machine by
# the one rule of sdk/build.mk and run by make check.  A test is
# tests/unit/test_<name>.c; add its path to UNIT_TESTS, its sources to
# unit_<name>_SRC and, if it needs more than unit.h and the SDK's
# headers, its flags to unit_<name>_FLAGS and libraries to
# unit_<name>_LIBS.

# UNIT_SANITIZE: sanitizer flags for a run by hand
# (make check UNIT_SANITIZE=-fsanitize=address,undefined).
UNIT_CC = $(CC_FOR_BUILD)
UNIT_FLAGS = $(BUILD_COMMON_FLAGS) -O1 -Wno-unused-parameter \
	-I$(srcdir)/tests/unit -I$(srcdir)/sdk/include $(UNIT_SANITIZE) \
	$(CHECK_CFLAGS_FOR_BUILD) $(CPPFLAGS_FOR_BUILD) $(CFLAGS_FOR_BUILD)
UNIT_LIBS = $(LDFLAGS_FOR_BUILD) $(CHECK_LIBS_FOR_BUILD)

# Kernel code is compiled natively against mocks of the HAL
# (mock_hal.c, mock/arch/) and, for the objects, processes and IPC,
# of the rest of the kernel (mock_kernel.c).
UNIT_KERNEL_FLAGS = -I$(srcdir)/tests/unit/mock -I$(srcdir)/kernel/include \
	$(SHARED_CPP_FLAGS)
UNIT_MOCK_FILES = tests/unit/unit.h tests/unit/fdt_build.h \
	tests/unit/mock_kernel.h tests/unit/mock/arch/memlayout.h \
	tests/unit/mock/arch/timer.h tests/unit/mock/arch/frame.h \
	tests/unit/mock/arch/switch.h tests/unit/mock/arch/uspace.h
EXTRA_DIST += $(UNIT_MOCK_FILES)

UNIT_TESTS = \
	tests/unit/test_devtree \
	tests/unit/test_dt_machine \
	tests/unit/test_pmm \
	tests/unit/test_heap \
	tests/unit/test_kprintf \
	tests/unit/test_bootargs \
	tests/unit/test_kstring \
	tests/unit/test_irq \
	tests/unit/test_handle_table \
	tests/unit/test_runqueue \
	tests/unit/test_ipc \
	tests/unit/test_close_notify \
	tests/unit/test_process \
	tests/unit/test_init_policy \
	tests/unit/test_init_bootargs \
	tests/unit/test_init_symbols \
	tests/unit/test_gensyscalls \
	tests/unit/test_bundle \
	tests/unit/test_elf \
	tests/unit/test_mkimage \
	tests/unit/test_mkimage_lib \
	tests/unit/test_libc_string \
	tests/unit/test_libc_stdio \
	tests/unit/test_libc_malloc \
	tests/unit/test_libc_stdlib \
	tests/unit/test_fs_path \
	tests/unit/test_console \
	tests/unit/test_mlkcheck \
	tests/unit/test_partition \
	tests/unit/test_fat_name \
	tests/unit/test_fat_read \
	tests/unit/test_fat_write \
	tests/unit/test_fat_bad \
	tests/unit/test_net_proto \
	tests/unit/test_net_tcp

if UNIT_TESTS
TESTS += $(UNIT_TESTS)
endif

# ---- the kernel core --------------------------------------------------
# libfdt writes the device trees the readers' tests read.
unit_devtree_SRC = tests/unit/test_devtree.c tests/unit/mock_hal.c \
	sdk/lib/devtree.c
unit_devtree_FLAGS = $(UNIT_KERNEL_FLAGS)
unit_devtree_LIBS = $(LIBFDT_FOR_BUILD)
unit_dt_machine_SRC = tests/unit/test_dt_machine.c tests/unit/mock_hal.c \
	kernel/core/dt_machine.c kernel/core/dt_gic.c kernel/core/dt_devices.c \
	sdk/lib/devtree.c
unit_dt_machine_FLAGS = $(UNIT_KERNEL_FLAGS)
unit_dt_machine_LIBS = $(LIBFDT_FOR_BUILD)
unit_pmm_SRC = tests/unit/test_pmm.c tests/unit/mock_hal.c kernel/core/pmm.c
unit_pmm_FLAGS = $(UNIT_KERNEL_FLAGS)
unit_heap_SRC = tests/unit/test_heap.c tests/unit/mock_hal.c \
	kernel/core/heap.c kernel/core/pmm.c
unit_heap_FLAGS = $(UNIT_KERNEL_FLAGS)
unit_kprintf_SRC = tests/unit/test_kprintf.c tests/unit/mock_hal.c \
	kernel/core/kprintf.c sdk/lib/format.c
unit_kprintf_FLAGS = $(UNIT_KERNEL_FLAGS)
unit_bootargs_SRC = tests/unit/test_bootargs.c tests/unit/mock_hal.c \
	kernel/core/bootargs.c
unit_bootargs_FLAGS = $(UNIT_KERNEL_FLAGS)
unit_irq_SRC = tests/unit/test_irq.c tests/unit/mock_hal.c \
	kernel/core/irq.c kernel/core/timer.c
unit_irq_FLAGS = $(UNIT_KERNEL_FLAGS)

# kstring.c defines memcpy & co.; under test they are compiled apart
# (unit_kstring_renamed) with other names, so the test program keeps the
# C library's and compares the two.
unit_kstring_SRC = tests/unit/test_kstring.c tests/unit/mock_hal.c
unit_kstring_FLAGS = $(UNIT_KERNEL_FLAGS)
unit_kstring_LIBS = $(call build_obj,unit_kstring_renamed)
unit_kstring_renamed_SRC = sdk/lib/kstring.c
unit_kstring_renamed_FLAGS = $(UNIT_KERNEL_FLAGS) -fno-builtin \
	$(foreach f,memcpy memmove memset memcmp memchr strlen strnlen \
		strcmp strncmp strchr,-D$(f)=k_$(f))
$(call build_objects,unit_kstring_renamed,UNIT)

# The objects, handle tables, run queues, IPC, close notices and process
# lifetime.  test_handle_table runs handle_table.c, object.c and quota.c
# alone (the test provides the object types' hooks); the others run the
# real core around the fakes of mock_kernel.c (virtual memory, the
# architecture's thread hooks).  The kernel's sched_yield would stand in
# for the C library's, which the sanitizers' runtime calls (LeakSanitizer
# spins with it at exit): under test it gets another name.
UNIT_CORE_WORLD_SRC = tests/unit/mock_hal.c tests/unit/mock_kernel.c \
	kernel/core/object.c kernel/core/handle_table.c kernel/core/process.c \
	kernel/core/quota.c kernel/core/thread.c kernel/core/sched.c \
	kernel/core/runqueue.c kernel/core/ipc.c kernel/core/notification.c \
	kernel/core/close_notice.c kernel/core/timer.c kernel/core/irq.c \
	kernel/core/heap.c kernel/core/pmm.c kernel/core/kprintf.c \
	sdk/lib/format.c sdk/lib/fault_name.c
UNIT_CORE_FLAGS = $(UNIT_KERNEL_FLAGS) -Dsched_yield=kernel_sched_yield
unit_handle_table_SRC = tests/unit/test_handle_table.c tests/unit/mock_hal.c \
	kernel/core/handle_table.c kernel/core/object.c kernel/core/quota.c \
	kernel/core/heap.c kernel/core/pmm.c
unit_handle_table_FLAGS = $(UNIT_KERNEL_FLAGS)
unit_runqueue_SRC = tests/unit/test_runqueue.c $(UNIT_CORE_WORLD_SRC)
unit_runqueue_FLAGS = $(UNIT_CORE_FLAGS)
unit_ipc_SRC = tests/unit/test_ipc.c $(UNIT_CORE_WORLD_SRC)
unit_ipc_FLAGS = $(UNIT_CORE_FLAGS)
unit_close_notify_SRC = tests/unit/test_close_notify.c $(UNIT_CORE_WORLD_SRC)
unit_close_notify_FLAGS = $(UNIT_CORE_FLAGS)
unit_process_SRC = tests/unit/test_process.c $(UNIT_CORE_WORLD_SRC)
unit_process_FLAGS = $(UNIT_CORE_FLAGS)

# ---- user space and the tools -----------------------------------------
# init's restart policy is plain arithmetic: built from servers/init.
unit_init_policy_SRC = tests/unit/test_init_policy.c servers/init/policy.c \
	servers/init/policy.h
unit_init_policy_FLAGS = -I$(srcdir)/servers/init
# init's boot arguments for services, plain string work.
unit_init_bootargs_SRC = tests/unit/test_init_bootargs.c \
	servers/init/bootargs.c servers/init/bootargs.h
unit_init_bootargs_FLAGS = -I$(srcdir)/servers/init
# init's symbol lookup for fault reports, on ELF images made in the test.
unit_init_symbols_SRC = tests/unit/test_init_symbols.c \
	servers/init/symbols.c servers/init/symbols.h
unit_init_symbols_FLAGS = -I$(srcdir)/servers/init -I$(srcdir)/sdk/include

# The system call generator (sdk/gen/); tests/sdk/syscalls.test checks
# its outputs.
unit_gensyscalls_SRC = tests/unit/test_gensyscalls.c sdk/gen/table.c \
	sdk/gen/check.c sdk/gen/describe.c sdk/gen/text.c
unit_gensyscalls_FLAGS = -I$(srcdir)/sdk/gen

# The boot bundle format and the ELF checker need nothing but string
# functions; test_mkimage runs the tool it was built next to (the
# default manifest's path tells it whether an installed standard set
# could interfere), test_mkimage_lib links the library its main calls
# (sdk/local.mk).
unit_bundle_SRC = tests/unit/test_bundle.c sdk/lib/bundle.c
unit_bundle_FLAGS = $(MKIMAGE_LIB_CPP_FLAGS)
unit_elf_SRC = tests/unit/test_elf.c sdk/lib/elf.c
unit_elf_FLAGS = $(MKIMAGE_LIB_CPP_FLAGS)
unit_mkimage_SRC = tests/unit/test_mkimage.c sdk/lib/bundle.c sdk/lib/elf.c
unit_mkimage_FLAGS = $(MKIMAGE_LIB_CPP_FLAGS) \
	-DMKIMAGE_PATH='"$(abs_top_builddir)/sdk/tools/mlk-mkimage"' \
	-DMKIMAGE_DEFAULT_MANIFEST='"$(mlkdir)/services/standard.manifest"'
tests/unit/test_mkimage: sdk/tools/mlk-mkimage
$(BUILD_OBJDIR)/unit_mkimage/tests/unit/test_mkimage.o: Makefile
unit_mkimage_lib_SRC = tests/unit/test_mkimage_lib.c $(MKIMAGE_LIB_SRC)
unit_mkimage_lib_FLAGS = $(MKIMAGE_LIB_CPP_FLAGS)

# libmlk's C library (libmlk/libc.mk), compiled apart (unit_libc) the way
# the target sees it, freestanding against sdk/include/libc, except that
# every public name is renamed mlk_test_<name> by the -D list below.  The
# test programs thus keep the build machine's C library, which Check and
# the tests' own checks use, and call the code under test by its
# mlk_test_ name, declared in the test with the library's prototype (not
# the host's, whose attributes, such as alloc_size and nonnull, would
# fight the tests of misuse).  abort is renamed too, so a test can see
# what led to it.  Names starting with __mlk_ cannot clash and keep their
# names; the runtime hooks are faked in test_libc_fakes.c.  A new public
# function must be added to LIBC_PUBLIC_NAMES, or its test would call the
# host's.
LIBC_PUBLIC_NAMES = \
	memcpy memmove memset memcmp memchr memrchr strlen strnlen strcmp \
	strncmp strchr strrchr strstr strspn strcspn strpbrk strtok_r strcpy \
	strncpy strcat strncat strlcpy strlcat strdup strndup strerror \
	printf vprintf fprintf vfprintf snprintf vsnprintf sprintf vsprintf \
	fputc putc putchar fputs puts fflush \
	malloc free calloc realloc aligned_alloc \
	strtol strtoul strtoll strtoull atoi atol atoll abs labs llabs \
	qsort bsearch \
	isdigit isxdigit isalpha isalnum isspace isupper islower isprint \
	isgraph iscntrl ispunct toupper tolower
LIBC_TEST_RENAME = $(foreach name,$(LIBC_PUBLIC_NAMES) abort,\
	-D$(name)=mlk_test_$(name))
unit_libc_SRC = $(LIBC_C_FILES)
unit_libc_FLAGS = -ffreestanding -Wmissing-prototypes \
	-isystem $(srcdir)/sdk/include/libc $(SHARED_CPP_FLAGS) \
	-I$(srcdir)/libmlk $(LIBC_TEST_RENAME)
$(call build_objects,unit_libc,UNIT)
UNIT_LIBC_SRC = tests/unit/test_libc_fakes.c
UNIT_LIBC_FLAGS = -I$(srcdir)/libmlk
unit_libc_string_SRC = tests/unit/test_libc_string.c $(UNIT_LIBC_SRC)
unit_libc_string_FLAGS = $(UNIT_LIBC_FLAGS)
unit_libc_string_LIBS = $(call build_obj,unit_libc)
unit_libc_stdio_SRC = tests/unit/test_libc_stdio.c $(UNIT_LIBC_SRC)
unit_libc_stdio_FLAGS = $(UNIT_LIBC_FLAGS)
unit_libc_stdio_LIBS = $(call build_obj,unit_libc)
unit_libc_malloc_SRC = tests/unit/test_libc_malloc.c $(UNIT_LIBC_SRC)
unit_libc_malloc_FLAGS = $(UNIT_LIBC_FLAGS)
unit_libc_malloc_LIBS = $(call build_obj,unit_libc)
unit_libc_stdlib_SRC = tests/unit/test_libc_stdlib.c $(UNIT_LIBC_SRC)
unit_libc_stdlib_FLAGS = $(UNIT_LIBC_FLAGS)
unit_libc_stdlib_LIBS = $(call build_obj,unit_libc)

# The path rules and the directory tree the vfs and the file services
# share (servers/fslib).
unit_fs_path_SRC = tests/unit/test_fs_path.c servers/fslib/fs_path.c \
	servers/fslib/fs_tree.c
unit_fs_path_FLAGS = -I$(srcdir)/servers/fslib

# The console's input and output queues against a simulated PL011
# (console/uart_sim.c) and fake system calls (console/mlk/sys.h, which
# comes before the SDK's).
unit_console_SRC = tests/unit/test_console.c tests/unit/console/uart_sim.c \
	servers/console/input.c servers/console/output.c \
	servers/console/requests.c servers/console/editor.c \
	tests/unit/console/fakes.h \
	tests/unit/console/mlk/sys.h
unit_console_FLAGS = -I$(srcdir)/tests/unit/console -I$(srcdir)/servers/console

# ---- the user-space suites' test library (tests/lib) ------------------
# Its lines, counts, selection, order and hooks, and that a failed check
# fails the run, on the build machine.
unit_mlkcheck_SRC = tests/unit/test_mlkcheck.c tests/lib/check.c \
	tests/lib/run.c libmlk/status.c
unit_mlkcheck_FLAGS = -iquote $(srcdir)/tests/lib -I$(srcdir)/libmlk

# ---- the partition table reader (libmlk/partition.c) -------------------
# On tables sfdisk writes when it is there and on hand-made ones.
unit_partition_SRC = tests/unit/test_partition.c libmlk/partition.c \
	sdk/lib/bundle.c
unit_partition_FLAGS = -I$(srcdir)/libmlk -iquote $(SHARED_INCLUDE)

# ---- the FAT core (servers/fat) ----------------------------------------
# test_fat_read, _write and _bad make disk images with mkfs.fat and
# mtools and check them with fsck.fat and mtype; without those tools they
# skip (exit 77), unless MLK_REQUIRE_FAT=1 makes that a failure.
FAT_CORE_SRC = servers/fat/fat_cache.c servers/fat/fat_table.c \
	servers/fat/fat_name.c servers/fat/fat_time.c servers/fat/fat_dir.c \
	servers/fat/fat_file.c servers/fat/fat_ops.c servers/fat/fat_mount.c
unit_fat_name_SRC = tests/unit/test_fat_name.c $(FAT_CORE_SRC)
unit_fat_read_SRC = tests/unit/test_fat_read.c tests/unit/fat_host.c \
	$(FAT_CORE_SRC)
unit_fat_write_SRC = tests/unit/test_fat_write.c tests/unit/fat_host.c \
	$(FAT_CORE_SRC)
unit_fat_bad_SRC = tests/unit/test_fat_bad.c tests/unit/fat_host.c \
	$(FAT_CORE_SRC)
unit_fat_name_FLAGS = -I$(srcdir)/servers/fat
unit_fat_read_FLAGS = $(unit_fat_name_FLAGS)
unit_fat_write_FLAGS = $(unit_fat_name_FLAGS)
unit_fat_bad_FLAGS = $(unit_fat_name_FLAGS)
EXTRA_DIST += tests/unit/fat_host.h

# The network stack (servers/net/): its protocol files are plain C over
# byte buffers, run here as two stacks on a simulated wire (net_pair.c).
UNIT_NET_SRC = tests/unit/net_pair.c $(NET_STACK_SRC)
UNIT_NET_FLAGS = -I$(srcdir)/servers/net -iquote $(SHARED_INCLUDE)
unit_net_proto_SRC = tests/unit/test_net_proto.c $(UNIT_NET_SRC)
unit_net_proto_FLAGS = $(UNIT_NET_FLAGS)
unit_net_tcp_SRC = tests/unit/test_net_tcp.c $(UNIT_NET_SRC)
unit_net_tcp_FLAGS = $(UNIT_NET_FLAGS)
EXTRA_DIST += tests/unit/net_pair.h

# The one rule, for every test: tests/unit/test_NAME is built from unit_NAME.
unit_name = unit_$(patsubst test_%,%,$(notdir $(1)))
$(foreach t,$(UNIT_TESTS),$(call build_program,$(t),$(call unit_name,$(t)),UNIT))
