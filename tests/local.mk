# Tests.  `make check` runs:
#   tests/unit/*   Check unit tests, built for the build machine with
#                  $(CC_FOR_BUILD): kernel core against HAL mocks, and the
#                  build-machine tools;
#   tests/qemu/*.qt  boots under QEMU: selftests, panics, scenarios.

# ---------------------------------------------------------------------------
# Unit tests (build machine).
# ---------------------------------------------------------------------------
UNIT_CPP_FLAGS = -I$(srcdir)/tests/unit/mock -I$(srcdir)/tests/unit \
	-I$(srcdir)/kernel/include $(SHARED_CPP_FLAGS) -I$(srcdir)/sdk/include \
	-DMLK_UNIT_TEST
UNIT_CC_FLAGS = -std=gnu11 -g -O1 -Wall -Wextra -Wno-unused-parameter \
	-Werror=implicit-function-declaration -Werror=return-type \
	$(UNIT_SANITIZE) $(CHECK_CFLAGS_FOR_BUILD)
UNIT_LIBS = $(CHECK_LIBS_FOR_BUILD)
UNIT_COMPILE = $(CC_FOR_BUILD) $(UNIT_CPP_FLAGS) $(CPPFLAGS_FOR_BUILD) \
	$(UNIT_CC_FLAGS) $(CFLAGS_FOR_BUILD) $(LDFLAGS_FOR_BUILD)

UNIT_COMMON = tests/unit/mock_hal.c tests/unit/unit.h tests/unit/fdt_build.h
UNIT_MOCK_FILES = tests/unit/mock/arch/memlayout.h tests/unit/mock/arch/timer.h

unit_devtree_SRC = tests/unit/test_devtree.c sdk/lib/devtree.c
unit_dt_machine_SRC = tests/unit/test_dt_machine.c kernel/core/dt_machine.c \
	kernel/core/dt_gic.c kernel/core/dt_devices.c sdk/lib/devtree.c
unit_pmm_SRC = tests/unit/test_pmm.c kernel/core/pmm.c
unit_heap_SRC = tests/unit/test_heap.c kernel/core/heap.c kernel/core/pmm.c
unit_kprintf_SRC = tests/unit/test_kprintf.c kernel/core/kprintf.c sdk/lib/format.c
unit_bootargs_SRC = tests/unit/test_bootargs.c kernel/core/bootargs.c
unit_kstring_SRC = tests/unit/test_kstring.c sdk/lib/kstring.c
unit_irq_SRC = tests/unit/test_irq.c kernel/core/irq.c kernel/core/timer.c
unit_init_policy_SRC = tests/unit/test_init_policy.c servers/init/policy.c \
	servers/init/policy.h

UNIT_TESTS = \
	tests/unit/test_devtree \
	tests/unit/test_dt_machine \
	tests/unit/test_pmm \
	tests/unit/test_heap \
	tests/unit/test_kprintf \
	tests/unit/test_bootargs \
	tests/unit/test_kstring \
	tests/unit/test_irq \
	tests/unit/test_init_policy

EXTRA_DIST += $(UNIT_COMMON) $(UNIT_MOCK_FILES) $(unit_init_policy_SRC) \
	$(unit_devtree_SRC) $(unit_dt_machine_SRC) $(unit_pmm_SRC) $(unit_heap_SRC) \
	$(unit_kprintf_SRC) $(unit_bootargs_SRC) $(unit_kstring_SRC) \
	$(unit_irq_SRC) sdk/lib/kstring.c

if UNIT_TESTS
TESTS += $(UNIT_TESTS)
CLEANFILES += $(UNIT_TESTS)
endif

# One rule per test: the test's sources plus the shared mock, linked
# against Check (and libfdt, which writes the device trees test_devtree
# reads).
define unit_rule
tests/unit/test_$(1): $$(unit_$(1)_SRC) $$(UNIT_COMMON) $$(UNIT_MOCK_FILES) $$(KERNEL_HEADER_FILES) $$(SHARED_HEADER_FILES)
	$$(AM_V_CC)$$(MKDIR_P) tests/unit && \
	$$(UNIT_COMPILE) -o $$@ $$(filter %.c,$$^) $(2) $$(UNIT_LIBS)
endef
$(eval $(call unit_rule,devtree,$(LIBFDT_FOR_BUILD)))
$(eval $(call unit_rule,dt_machine,$(LIBFDT_FOR_BUILD)))
$(eval $(call unit_rule,pmm,))
$(eval $(call unit_rule,heap,))
$(eval $(call unit_rule,kprintf,))
$(eval $(call unit_rule,bootargs,))
$(eval $(call unit_rule,irq,))
# init's restart policy is plain arithmetic: built from servers/init.
$(eval $(call unit_rule,init_policy,-I$(srcdir)/servers/init))

# kstring.c defines memcpy & co.; under test they get other names so the
# test program keeps the C library's.
KSTRING_RENAME = -Dmemcpy=k_memcpy -Dmemmove=k_memmove -Dmemset=k_memset \
	-Dmemcmp=k_memcmp -Dmemchr=k_memchr -Dstrlen=k_strlen \
	-Dstrnlen=k_strnlen -Dstrcmp=k_strcmp -Dstrncmp=k_strncmp \
	-Dstrchr=k_strchr
tests/unit/test_kstring: $(unit_kstring_SRC) $(UNIT_COMMON) $(KERNEL_HEADER_FILES) $(SHARED_HEADER_FILES)
	$(AM_V_CC)$(MKDIR_P) tests/unit && \
	$(CC_FOR_BUILD) $(UNIT_CPP_FLAGS) $(KSTRING_RENAME) -fno-builtin \
		$(UNIT_CC_FLAGS) $(CFLAGS_FOR_BUILD) -c -o tests/unit/kstring_renamed.o \
		$(srcdir)/sdk/lib/kstring.c && \
	$(UNIT_COMPILE) -o $@ $(srcdir)/tests/unit/test_kstring.c \
		$(srcdir)/tests/unit/mock_hal.c tests/unit/kstring_renamed.o $(UNIT_LIBS)
CLEANFILES += tests/unit/kstring_renamed.o

# ---------------------------------------------------------------------------
# QEMU tests: each .qt file describes one boot (see tests/qemu/run-qt).
# ---------------------------------------------------------------------------
QT_LOG_COMPILER = $(SHELL) $(srcdir)/tests/qemu/run-qt
AM_TESTS_ENVIRONMENT = \
	QEMU='$(QEMU)'; export QEMU; \
	MLK_BUILDDIR='$(abs_top_builddir)'; export MLK_BUILDDIR; \
	MLK_SRCDIR='$(abs_top_srcdir)'; export MLK_SRCDIR;

QEMU_TESTS = \
	tests/qemu/boot-default.qt \
	tests/qemu/selftest-a53-gic2-el1-128M.qt \
	tests/qemu/selftest-a53-gic2-el2-512M.qt \
	tests/qemu/selftest-a53-gic3-el1-4G.qt \
	tests/qemu/selftest-a53-gic3-el2-1G.qt \
	tests/qemu/selftest-a72-gic2-el1-256M.qt \
	tests/qemu/selftest-a72-gic2-el2-4G.qt \
	tests/qemu/selftest-a72-gic3-el1-1G.qt \
	tests/qemu/selftest-a72-gic3-el2-2G.qt \
	tests/qemu/selftest-max-gic2-el1-3G.qt \
	tests/qemu/selftest-max-gic2-el2-128M.qt \
	tests/qemu/selftest-max-gic3-el1-512M.qt \
	tests/qemu/selftest-max-gic3-el2-4G.qt \
	tests/qemu/selftest-one-suite.qt \
	tests/qemu/selftest-unknown-suite.qt \
	tests/qemu/crash-null.qt \
	tests/qemu/crash-undef.qt \
	tests/qemu/crash-stack.qt \
	tests/qemu/crash-exec-data.qt \
	tests/qemu/crash-write-text.qt \
	tests/qemu/dt-padded-tree.qt \
	tests/qemu/dt-too-big.qt \
	tests/qemu/dt-redist-regions.qt

TESTS += $(QEMU_TESTS)
EXTRA_DIST += $(QEMU_TESTS) tests/qemu/run-qt tests/README.md

# Every path a comment or a document names exists (the script says how it
# reads them); paths outside the project are listed in the .allow file.
TESTS += tests/doc-paths.test
EXTRA_DIST += tests/doc-paths.test tests/doc-paths.allow

# The kernel's layers keep to the HAL contract (kernel/include/hal.h), and
# nothing outside kernel/ includes or compiles a file under it.
TESTS += tests/layering.test
EXTRA_DIST += tests/layering.test

# The device tree editor of the DTB= boots (run-qt), a build-machine
# program on libfdt: built where the unit tests are, skipped elsewhere.
EXTRA_DIST += tests/qemu/dtb-patch.c
if UNIT_TESTS
check_SCRIPTS += tests/qemu/dtb-patch
CLEANFILES += tests/qemu/dtb-patch
endif
tests/qemu/dtb-patch: tests/qemu/dtb-patch.c
	$(AM_V_CC)$(MKDIR_P) tests/qemu && \
	$(CC_FOR_BUILD) -std=gnu11 -O1 -Wall -Wextra $(CFLAGS_FOR_BUILD) \
		$(LDFLAGS_FOR_BUILD) -o $@ $(srcdir)/tests/qemu/dtb-patch.c \
		$(LIBFDT_FOR_BUILD)
