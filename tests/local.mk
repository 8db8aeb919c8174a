# The tests every folder shares (tests/README.md is the map): the QEMU
# boots of tests/qemu/*.qt and their runner, and the checks of the tree.
# Each test folder adds its own tests in its local.mk.

# ---------------------------------------------------------------------------
# QEMU tests: each .qt file describes one boot (see tests/qemu/run-qt).
# ---------------------------------------------------------------------------
QT_LOG_COMPILER = $(SHELL) $(srcdir)/tests/qemu/run-qt
AM_TESTS_ENVIRONMENT = \
	QEMU='$(QEMU)'; export QEMU; \
	SIZE='$(SIZE)'; export SIZE; \
	MLK_BUILDDIR='$(abs_top_builddir)'; export MLK_BUILDDIR; \
	MLK_SRCDIR='$(abs_top_srcdir)'; export MLK_SRCDIR;

QEMU_TESTS = \
	tests/qemu/boot-default.qt \
	tests/qemu/boot-32M.qt \
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
	tests/qemu/exit-no-semihosting.qt \
	tests/qemu/dt-padded-tree.qt \
	tests/qemu/dt-too-big.qt \
	tests/qemu/dt-redist-regions.qt

TESTS += $(QEMU_TESTS)
EXTRA_DIST += $(QEMU_TESTS) tests/qemu/run-qt tests/README.md

# The selftest and crash boots (IMAGE= in their .qt files) run the
# selftest kernel (kernel/local.mk) with init; the kernel every other
# image has says it lacks them (selftest-not-in-kernel.qt).
QEMU_TESTS += tests/qemu/selftest-not-in-kernel.qt
noinst_DATA += tests/qemu/selftest.img
CLEANFILES += tests/qemu/selftest.img
tests/qemu/selftest.img: kernel/mlk-selftest-kernel.img servers/init/init \
		sdk/tools/mlk-mkimage
	$(AM_V_GEN)$(MKDIR_P) tests/qemu && sdk/tools/mlk-mkimage -o $@ \
		-k kernel/mlk-selftest-kernel.img -i servers/init/init

# Every path a comment or a document names exists (the script says how it
# reads them); paths outside the project are listed in the .allow file.
TESTS += tests/doc-paths.test
EXTRA_DIST += tests/doc-paths.test tests/doc-paths.allow

# make kernel/mlk.elf works in a fresh build directory.
TESTS += tests/fresh-kernel.test
EXTRA_DIST += tests/fresh-kernel.test

# make run's disk image and the flags make run gives QEMU for it.
TESTS += tests/run-disk.test
EXTRA_DIST += tests/run-disk.test
clean-local: clean-fresh-kernel
clean-fresh-kernel:
	-rm -rf tests/fresh-kernel.dir
.PHONY: clean-fresh-kernel

# The kernel's layers keep to the HAL contract (kernel/include/hal.h), and
# nothing outside kernel/ includes or compiles a file under it.
TESTS += tests/layering.test
EXTRA_DIST += tests/layering.test

# The device tree editor of the DTB= boots (run-qt), a build-machine
# program on libfdt: built where the unit tests are, skipped elsewhere.
if UNIT_TESTS
check_SCRIPTS += tests/qemu/dtb-patch
endif
dtb_patch_SRC = tests/qemu/dtb-patch.c
dtb_patch_LIBS = $(LIBFDT_FOR_BUILD)
$(call build_program,tests/qemu/dtb-patch,dtb_patch,TOOL)
