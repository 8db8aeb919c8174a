# hostile: a service that attacks init's supervision from inside the
# standard system (tests/hostile/hostile.c); hostile-init.qt checks init
# hears its one real exit and nothing else.

noinst_PROGRAMS += tests/hostile/hostile
tests_hostile_hostile_SOURCES = tests/hostile/hostile.c

noinst_DATA += tests/hostile/hostile.img
CLEANFILES += tests/hostile/hostile.img tests/hostile/greedy

# greedy (a copy of hostile under another name) has a quota too small
# for its own kernel tables (a quota is a limit, so a large one would
# start): init must keep trying, with its back-off, rather than give up
# on a service whose start failed.
tests/hostile/hostile.img: kernel/mlk-kernel.img servers/init/init \
		tests/hostile/hostile sdk/tools/mlk-mkimage
	$(AM_V_at)cp tests/hostile/hostile tests/hostile/greedy
	$(AM_V_GEN)sdk/tools/mlk-mkimage -o $@ -k kernel/mlk-kernel.img \
		-i servers/init/init -n \
		tests/hostile/greedy:prio=30,quota=4K,restart,grant=log \
		tests/hostile/hostile:prio=30,grant=log,poweroff

HOSTILE_QT = tests/qemu/hostile-init.qt
QEMU_TESTS += $(HOSTILE_QT)
$(HOSTILE_QT:.qt=.log): tests/hostile/hostile.img
