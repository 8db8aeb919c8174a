# The console's tests (the service itself is built in servers/local.mk).
#
#   console-test.img   init, the console, console-test (a client that
#                      prints, reads and kills the console; see
#                      console-test.c) and console-reader (its second
#                      reader), powering off when console-test is done;
#   console-nogrant.img  the console without its device, which must fail;
#   console-test.exp   types at console-test.img over the serial line;
#   tests/qemu/console-*.qt  the output that needs no typing;
#   test_console       the input and output queues against a simulated
#                      PL011, on the build machine.

noinst_PROGRAMS += servers/console/console-test servers/console/console-reader
servers_console_console_test_SOURCES = servers/console/console-test.c
servers_console_console_test_CPPFLAGS = $(MLK_PROGRAM_CPP_FLAGS) $(MLKCHECK_CPP_FLAGS)
servers_console_console_test_CFLAGS = $(MLK_PROGRAM_CC_FLAGS)
servers_console_console_test_LDFLAGS = $(MLK_PROGRAM_LD_FLAGS)
servers_console_console_test_LDADD = $(MLKCHECK_LIBS) $(MLK_PROGRAM_LIBS)
servers_console_console_test_DEPENDENCIES = $(MLKCHECK_LIBS) $(MLK_PROGRAM_DEPS)
servers_console_console_reader_SOURCES = servers/console/console-reader.c
servers_console_console_reader_CPPFLAGS = $(MLK_PROGRAM_CPP_FLAGS)
servers_console_console_reader_CFLAGS = $(MLK_PROGRAM_CC_FLAGS)
servers_console_console_reader_LDFLAGS = $(MLK_PROGRAM_LD_FLAGS)
servers_console_console_reader_LDADD = $(MLK_PROGRAM_LIBS)
servers_console_console_reader_DEPENDENCIES = $(MLK_PROGRAM_DEPS)

CONSOLE_IMAGE_DEPS = kernel/mlk-kernel.img servers/init/init \
	servers/console/console $(builddir)/sdk/tools/mlk-mkimage
CONSOLE_MKIMAGE = $(builddir)/sdk/tools/mlk-mkimage -k kernel/mlk-kernel.img \
	-i servers/init/init -n
# As servers/standard.manifest starts it.
CONSOLE_SERVICE = prio=50,restart,grant=log,grant=device=arm,pl011

noinst_DATA += servers/console/console-test.img \
	servers/console/console-nogrant.img
CLEANFILES += servers/console/console-test.img \
	servers/console/console-nogrant.img

# console-test has init run console-reader as a second reader (at boot,
# without arguments, it just exits).
servers/console/console-test.img: $(CONSOLE_IMAGE_DEPS) \
		servers/console/console-test servers/console/console-reader
	$(AM_V_GEN)$(CONSOLE_MKIMAGE) -o $@ \
		servers/console/console:$(CONSOLE_SERVICE) \
		servers/console/console-test:prio=30,grant=log,grant=control,poweroff \
		servers/console/console-reader:prio=30

servers/console/console-nogrant.img: $(CONSOLE_IMAGE_DEPS)
	$(AM_V_GEN)$(CONSOLE_MKIMAGE) -o $@ \
		servers/console/console:grant=log,poweroff

# (Included before tests/local.mk: straight into TESTS, not QEMU_TESTS.)
CONSOLE_QT = tests/qemu/console-output.qt tests/qemu/console-nogrant.qt
TESTS += $(CONSOLE_QT)
EXTRA_DIST += $(CONSOLE_QT)
tests/qemu/console-output.log: servers/console/console-test.img
tests/qemu/console-nogrant.log: servers/console/console-nogrant.img

# The expect script runs by itself (#!/usr/bin/env expect), or under
# tests/scenario/run-exp where .exp tests are registered; its log is
# named after it either way.
TESTS += servers/console/console-test.exp
servers/console/console-test.log servers/console/console-test.exp.log: \
	servers/console/console-test.img
EXTRA_DIST += servers/console/console-test.exp

# ---------------------------------------------------------------------------
# test_console: input.c, output.c and requests.c with a simulated UART
# (test/uart_sim.c) and fake system calls (test/mlk/sys.h comes before
# the SDK's), built for the build machine against Check.
# ---------------------------------------------------------------------------
CONSOLE_UNIT_SRC = servers/console/test/test_console.c \
	servers/console/test/uart_sim.c servers/console/input.c \
	servers/console/output.c servers/console/requests.c
CONSOLE_UNIT_HDR = servers/console/test/mlk/sys.h \
	servers/console/test/fakes.h servers/console/console.h \
	servers/console/ring.h servers/console/uart.h \
	sdk/include/mlk/proto/console.h
EXTRA_DIST += $(CONSOLE_UNIT_SRC) $(CONSOLE_UNIT_HDR)

if UNIT_TESTS
TESTS += servers/console/test_console
CLEANFILES += servers/console/test_console
endif

servers/console/test_console: $(CONSOLE_UNIT_SRC) $(CONSOLE_UNIT_HDR)
	$(AM_V_CC)$(MKDIR_P) servers/console && \
	$(CC_FOR_BUILD) -I$(srcdir)/servers/console/test \
		-I$(srcdir)/servers/console -I$(srcdir)/tests/unit \
		-I$(srcdir)/sdk/include \
		$(CPPFLAGS_FOR_BUILD) $(UNIT_CC_FLAGS) $(CFLAGS_FOR_BUILD) \
		$(LDFLAGS_FOR_BUILD) -o $@ $(filter %.c,$^) $(UNIT_LIBS)
