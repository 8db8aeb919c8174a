# mlktest: user-space tests of every system call (see tests/mlktest/README.md).
#
# Two target programs built like every service (libmlk/local.mk's
# defaults): mlktest, the runner init starts, and mlktest-child,
# the helper it spawns from the boot bundle.  The image packs both with
# init; the .qt files boot it under QEMU.

MLKTEST_TESTS = \
	tests/mlktest/t_basic.c \
	tests/mlktest/t_handles.c \
	tests/mlktest/t_ipc.c \
	tests/mlktest/t_fast.c \
	tests/mlktest/t_xfer.c \
	tests/mlktest/t_peer.c \
	tests/mlktest/t_deadline.c \
	tests/mlktest/t_notify.c \
	tests/mlktest/t_bind.c \
	tests/mlktest/t_mem.c \
	tests/mlktest/t_vm.c \
	tests/mlktest/t_proc.c \
	tests/mlktest/t_hostile.c \
	tests/mlktest/t_thread.c \
	tests/mlktest/t_fault.c \
	tests/mlktest/t_sched.c \
	tests/mlktest/t_irq.c \
	tests/mlktest/t_sys.c \
	tests/mlktest/t_quota.c \
	tests/mlktest/t_serve.c \
	tests/mlktest/t_closenotify.c

noinst_PROGRAMS += tests/mlktest/mlktest tests/mlktest/mlktest-child

tests_mlktest_mlktest_SOURCES = tests/mlktest/mlktest.c \
	tests/mlktest/helpers.c tests/mlktest/mlktest.h \
	tests/mlktest/child.h $(MLKTEST_TESTS)
tests_mlktest_mlktest_CPPFLAGS = $(AM_CPPFLAGS) $(MLKCHECK_CPP_FLAGS)
tests_mlktest_mlktest_LDADD = $(MLKCHECK_LIBS) $(LDADD)

tests_mlktest_mlktest_child_SOURCES = tests/mlktest/child.c \
	tests/mlktest/child_faults.S tests/mlktest/child.h

# The image: init, mlktest (the system's purpose: init powers off when it
# exits) and mlktest-child, a bundle file mlktest finds by name.  The
# quota leaves room to exhaust most of 1 GiB of RAM (quota/ tests).
MLKTEST_SERVICE = \
	prio=32,quota=960M,grant=log,grant=system,grant=bundle,poweroff
MLKTEST_IMAGE_DEPS = kernel/mlk-kernel.img servers/init/init \
	tests/mlktest/mlktest tests/mlktest/mlktest-child \
	$(builddir)/sdk/tools/mlk-mkimage
MLKTEST_MKIMAGE = $(builddir)/sdk/tools/mlk-mkimage \
	-k kernel/mlk-kernel.img -i servers/init/init -n \
	-f mlktest-child=tests/mlktest/mlktest-child

noinst_DATA += tests/mlktest/mlktest.img
CLEANFILES += tests/mlktest/mlktest.img tests/mlktest/mlktest-custom.img

tests/mlktest/mlktest.img: $(MLKTEST_IMAGE_DEPS)
	$(AM_V_GEN)$(MLKTEST_MKIMAGE) -o $@ \
		tests/mlktest/mlktest:$(MLKTEST_SERVICE)

# make mlktest-run MLKTEST_ARGS="ipc mem/read_write": boot an image that
# runs only those groups and tests (all of them without MLKTEST_ARGS).
MLKTEST_ARGS =
MLKTEST_QEMU_FLAGS = -M virt,gic-version=3,virtualization=on \
	-cpu cortex-a72 -m 1G -nographic -no-reboot
mlktest-run: $(MLKTEST_IMAGE_DEPS)
	$(AM_V_GEN)$(MLKTEST_MKIMAGE) -o tests/mlktest/mlktest-custom.img \
		"tests/mlktest/mlktest:$(MLKTEST_SERVICE)$(if $(MLKTEST_ARGS),$(mlk_comma)args=$(MLKTEST_ARGS))"
	$(QEMU) $(MLKTEST_QEMU_FLAGS) -kernel tests/mlktest/mlktest-custom.img \
		-append ""
.PHONY: mlktest-run

# The QEMU runs (tests/local.mk lists the shared ones; these are ours).
MLKTEST_QT = \
	tests/qemu/mlktest-a72-gic3-el2.qt \
	tests/qemu/mlktest-a53-gic2-el1.qt \
	tests/qemu/mlktest-max-gic3-el1.qt
QEMU_TESTS += $(MLKTEST_QT)
$(MLKTEST_QT:.qt=.log): tests/mlktest/mlktest.img

EXTRA_DIST += tests/mlktest/README.md
