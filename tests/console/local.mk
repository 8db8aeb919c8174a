# The console service's tests under QEMU (its unit test is
# tests/unit/test_console.c).
#
#   console-test.img   init, the console, console-test (a client that
#                      prints, reads and kills the console; see
#                      console-test.c) and console-reader (its second
#                      reader), powering off when console-test is done;
#   console-nogrant.img  the console without its device, which must fail;
#   console-test.exp   types at console-test.img over the serial line;
#   tests/qemu/console-*.qt  the output that needs no typing.

noinst_PROGRAMS += tests/console/console-test tests/console/console-reader
tests_console_console_test_SOURCES = tests/console/console-test.c
tests_console_console_test_CPPFLAGS = $(AM_CPPFLAGS) $(MLKCHECK_CPP_FLAGS)
tests_console_console_test_LDADD = $(MLKCHECK_LIBS) $(LDADD)
tests_console_console_reader_SOURCES = tests/console/console-reader.c

CONSOLE_IMAGE_DEPS = kernel/mlk-kernel.img servers/init/init \
	servers/console/console sdk/tools/mlk-mkimage $(STANDARD_MANIFEST)
CONSOLE_MKIMAGE = sdk/tools/mlk-mkimage -k kernel/mlk-kernel.img \
	-i servers/init/init -n

noinst_DATA += tests/console/console-test.img \
	tests/console/console-nogrant.img
CLEANFILES += tests/console/console-test.img \
	tests/console/console-nogrant.img

# The console as the standard system starts it; console-test has init
# run console-reader as a second reader (at boot, without arguments, it
# just exits).
tests/console/console-test.img: $(CONSOLE_IMAGE_DEPS) \
		tests/console/console-test tests/console/console-reader
	$(AM_V_GEN)$(CONSOLE_MKIMAGE) -o $@ \
		servers/console/console:$(call standard_service,console) \
		tests/console/console-test:prio=30,grant=log,grant=control,poweroff \
		tests/console/console-reader:prio=30

tests/console/console-nogrant.img: $(CONSOLE_IMAGE_DEPS)
	$(AM_V_GEN)$(CONSOLE_MKIMAGE) -o $@ \
		servers/console/console:grant=log,poweroff

CONSOLE_QT = tests/qemu/console-output.qt tests/qemu/console-nogrant.qt
QEMU_TESTS += $(CONSOLE_QT)
tests/qemu/console-output.log: tests/console/console-test.img
tests/qemu/console-nogrant.log: tests/console/console-nogrant.img

# The expect script runs by itself (#!/usr/bin/env expect), or under
# tests/scenario/run-exp where .exp tests are registered; its log is
# named after it either way.
TESTS += tests/console/console-test.exp
tests/console/console-test.log tests/console/console-test.exp.log: \
	tests/console/console-test.img
EXTRA_DIST += tests/console/console-test.exp
