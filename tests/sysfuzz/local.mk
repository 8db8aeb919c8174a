# sysfuzz: the bounded random system-call fuzzer (tests/sysfuzz/README.md).
#
# Two target programs built like every service: sysfuzz, which makes the
# calls, and sysfuzz-driver, which init starts, which runs sysfuzz from
# the boot bundle, kills it and checks the system.  The image holds the
# file services too, so the driver can check they still work.

noinst_PROGRAMS += tests/sysfuzz/sysfuzz tests/sysfuzz/sysfuzz-driver

tests_sysfuzz_sysfuzz_SOURCES = tests/sysfuzz/sysfuzz.c \
	tests/sysfuzz/call.c tests/sysfuzz/calls.c tests/sysfuzz/args.c \
	tests/sysfuzz/pool.c tests/sysfuzz/guard.c tests/sysfuzz/storm.c \
	tests/sysfuzz/sacrifice.S tests/sysfuzz/sysfuzz.h \
	tests/sysfuzz/fuzz.h tests/sysfuzz/calls.h tests/sysfuzz/args.h \
	tests/sysfuzz/sacrifice.h

tests_sysfuzz_sysfuzz_driver_SOURCES = tests/sysfuzz/driver.c \
	tests/sysfuzz/driver_check.c tests/sysfuzz/calls.c \
	tests/sysfuzz/driver.h tests/sysfuzz/calls.h tests/sysfuzz/sysfuzz.h
tests_sysfuzz_sysfuzz_driver_CPPFLAGS = $(AM_CPPFLAGS) $(MLKCHECK_CPP_FLAGS)
tests_sysfuzz_sysfuzz_driver_LDADD = $(MLKCHECK_LIBS) $(LDADD)

# The image: init, the file services, the driver (the system's purpose:
# init powers off when it exits) and sysfuzz as a bundle file.  The
# driver's quota holds sysfuzz's, which is larger than the free RAM of
# the 256 MiB machine, so the memory storms run the kernel itself out.
SYSFUZZ_CALLS = 1000000
SYSFUZZ_SEEDS = 1,2
SYSFUZZ_THREADS = 3
SYSFUZZ_QUOTA = 152M
SYSFUZZ_DRIVER_QUOTA = 160M
SYSFUZZ_IMAGE_DEPS = kernel/mlk-kernel.img servers/init/init \
	servers/vfs/vfs servers/initfs/initfs servers/ramfs/ramfs \
	tests/sysfuzz/sysfuzz tests/sysfuzz/sysfuzz-driver \
	sdk/tools/mlk-mkimage $(srcdir)/tests/fs/motd.txt $(STANDARD_MANIFEST)
sysfuzz_mkimage = sdk/tools/mlk-mkimage -o $(1) -k kernel/mlk-kernel.img \
	-i servers/init/init -n \
	-f etc/motd=$(srcdir)/tests/fs/motd.txt \
	-f sysfuzz=tests/sysfuzz/sysfuzz \
	servers/vfs/vfs:$(call standard_service,vfs,grant=log) \
	servers/initfs/initfs:$(call standard_service,initfs,grant=log) \
	servers/ramfs/ramfs:$(call standard_service,ramfs,quota=8M grant=log) \
	"tests/sysfuzz/sysfuzz-driver:prio=30,quota=$(SYSFUZZ_DRIVER_QUOTA),grant=log,grant=system,grant=bundle,poweroff,args=calls=$(2) seeds=$(3) threads=$(SYSFUZZ_THREADS) quota=$(SYSFUZZ_QUOTA)"

noinst_DATA += tests/sysfuzz/sysfuzz.img
CLEANFILES += tests/sysfuzz/sysfuzz.img tests/sysfuzz/sysfuzz-long.img
EXTRA_DIST += tests/sysfuzz/README.md

tests/sysfuzz/sysfuzz.img: $(SYSFUZZ_IMAGE_DEPS)
	$(AM_V_GEN)$(call sysfuzz_mkimage,$@,$(SYSFUZZ_CALLS),$(SYSFUZZ_SEEDS))

SYSFUZZ_QT = tests/qemu/sysfuzz.qt
QEMU_TESTS += $(SYSFUZZ_QT)
$(SYSFUZZ_QT:.qt=.log): tests/sysfuzz/sysfuzz.img

# make sysfuzz-long: the long run, SYSFUZZ_LONG_CALLS calls for each of
# SYSFUZZ_LONG_SEEDS (20 M calls by default), checked like the short one;
# the output goes to tests/sysfuzz/sysfuzz-long.log.
SYSFUZZ_LONG_CALLS = 4000000
SYSFUZZ_LONG_SEEDS = 11,12,13,14,15
SYSFUZZ_LONG_TIMEOUT = 7200
sysfuzz-long: $(SYSFUZZ_IMAGE_DEPS)
	$(AM_V_GEN)$(call sysfuzz_mkimage,tests/sysfuzz/sysfuzz-long.img,$(SYSFUZZ_LONG_CALLS),$(SYSFUZZ_LONG_SEEDS))
	$(AM_V_at)sed -e 's|^IMAGE=.*|IMAGE=tests/sysfuzz/sysfuzz-long.img|' \
		-e 's|^TIMEOUT=.*|TIMEOUT=$(SYSFUZZ_LONG_TIMEOUT)|' \
		-e '/seed [12]:/d' $(srcdir)/tests/qemu/sysfuzz.qt \
		>tests/sysfuzz/sysfuzz-long.qt
	$(AM_V_at)$(AM_TESTS_ENVIRONMENT) $(SHELL) $(srcdir)/tests/qemu/run-qt \
		tests/sysfuzz/sysfuzz-long.qt >tests/sysfuzz/sysfuzz-long.log 2>&1; \
		st=$$?; grep '^sysfuzz-driver: \|^run-qt: ' tests/sysfuzz/sysfuzz-long.log; \
		exit $$st
.PHONY: sysfuzz-long
CLEANFILES += tests/sysfuzz/sysfuzz-long.qt tests/sysfuzz/sysfuzz-long.log
