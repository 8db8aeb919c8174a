# The shell's scenario tests (tests/scenario/): expect scripts that boot a
# standard system under QEMU and drive the shell over the serial port.
# The shell itself is built in servers/local.mk like every service.

# A test program for run, built like a service.
noinst_PROGRAMS += tests/scenario/hello
tests_scenario_hello_SOURCES = tests/scenario/hello.c
tests_scenario_hello_CPPFLAGS = $(MLK_PROGRAM_CPP_FLAGS)
tests_scenario_hello_CFLAGS = $(MLK_PROGRAM_CC_FLAGS)
tests_scenario_hello_LDFLAGS = $(MLK_PROGRAM_LD_FLAGS)
tests_scenario_hello_LDADD = $(MLK_PROGRAM_LIBS)
tests_scenario_hello_DEPENDENCIES = $(MLK_PROGRAM_DEPS)

# The standard system as servers/standard.manifest describes it, with the
# shell's motd and help text, plus hello; and the same without the two
# files (bare.img), for the shell's fallbacks.  mlk-mkimage finds a
# manifest's services as DIR/NAME: a staging directory links them from
# the build tree.  hello runs once at boot (every program of a bundle is
# a manifest entry) and then whenever a test asks.
SCENARIO_SERVICES = console vfs initfs ramfs shell
SCENARIO_IMAGE_DEPS = kernel/mlk-kernel.img servers/init/init \
	servers/console/console servers/vfs/vfs servers/initfs/initfs \
	servers/ramfs/ramfs servers/shell/shell tests/scenario/hello \
	$(srcdir)/servers/standard.manifest $(srcdir)/servers/shell/motd \
	$(srcdir)/servers/shell/help.txt $(builddir)/sdk/tools/mlk-mkimage
SCENARIO_MKIMAGE = $(builddir)/sdk/tools/mlk-mkimage \
	-k kernel/mlk-kernel.img -i servers/init/init \
	-m $(srcdir)/servers/standard.manifest -s tests/scenario/services

check_DATA = tests/scenario/standard.img tests/scenario/bare.img
CLEANFILES += $(check_DATA) \
	$(SCENARIO_SERVICES:%=tests/scenario/services/%)

tests/scenario/services/.stamp: $(SCENARIO_IMAGE_DEPS)
	$(AM_V_GEN)$(MKDIR_P) tests/scenario/services && \
	for s in $(SCENARIO_SERVICES); do \
		ln -sf "$(abs_builddir)/servers/$$s/$$s" \
			tests/scenario/services/$$s || exit 1; \
	done && touch $@
CLEANFILES += tests/scenario/services/.stamp

tests/scenario/standard.img: tests/scenario/services/.stamp
	$(AM_V_GEN)$(SCENARIO_MKIMAGE) -o $@ \
		-f etc/motd=$(srcdir)/servers/shell/motd \
		-f etc/help.txt=$(srcdir)/servers/shell/help.txt \
		tests/scenario/hello:grant=log

tests/scenario/bare.img: tests/scenario/services/.stamp
	$(AM_V_GEN)$(SCENARIO_MKIMAGE) -o $@ tests/scenario/hello:grant=log

# One expect script per area; each boots an image once and ends with
# poweroff.
SCENARIO_TESTS = \
	tests/scenario/editing.exp \
	tests/scenario/files.exp \
	tests/scenario/errors.exp \
	tests/scenario/programs.exp \
	tests/scenario/system.exp \
	tests/scenario/restart.exp \
	tests/scenario/bare.exp

TEST_EXTENSIONS += .exp
EXP_LOG_COMPILER = $(SHELL) $(srcdir)/tests/scenario/run-exp
TESTS += $(SCENARIO_TESTS)
EXTRA_DIST += $(SCENARIO_TESTS) tests/scenario/run-exp tests/scenario/lib.tcl \
	tests/scenario/README.md
