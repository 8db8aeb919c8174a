# The network tests (tests/net/README.md): the stack under QEMU's user
# network, driven from the host through forwarded ports on 127.0.0.1.

# examples/tcp-echo built as a test program too, so that the test needs
# no SDK install (tests/sdk/examples.test builds it the third party's way).
noinst_PROGRAMS += tests/net/tcp-echo
tests_net_tcp_echo_SOURCES = examples/tcp-echo/tcp-echo.c

# The standard system plus tcp-echo on port 7.
check_DATA += tests/net/net.img
CLEANFILES += tests/net/net.img
tests/net/net.img: servers/staged/.stamp tests/net/tcp-echo
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@ -m $(STANDARD_MANIFEST) \
		tests/net/tcp-echo:restart,grant=log,args=7

NET_TESTS = tests/net/echo.test
TESTS += $(NET_TESTS)
EXTRA_DIST += $(NET_TESTS) tests/net/README.md tests/net/net-host.py \
	tests/net/net-lib.sh
tests/net/echo.log: tests/net/net.img

# Kills and crashes of the driver, the stack and a client (restart.test).
TESTS += tests/net/restart.test
EXTRA_DIST += tests/net/restart.test tests/net/restart-host.py
tests/net/restart.log: tests/net/net.img

# fuzz.test's image: net.img's system with a static address, since
# nobody answers DHCP on QEMU's dgram backend (the manifest's file lines
# left out: their paths are relative to the source tree's manifest).
FUZZ_NET_ARGS = args="--addr=10.0.2.15/24 --gateway=10.0.2.2"
tests/net/fuzz.manifest: $(STANDARD_MANIFEST) Makefile
	$(AM_V_GEN)$(MKDIR_P) tests/net && sed -e '/^file /d' \
		-e 's|^service net .*|& $(FUZZ_NET_ARGS)|' $(STANDARD_MANIFEST) >$@
check_DATA += tests/net/fuzz.img
CLEANFILES += tests/net/fuzz.img tests/net/fuzz.manifest
tests/net/fuzz.img: servers/staged/.stamp tests/net/tcp-echo \
		tests/net/fuzz.manifest
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@ -m tests/net/fuzz.manifest \
		tests/net/tcp-echo:restart,grant=log,args=7
TESTS += tests/net/fuzz.test
EXTRA_DIST += tests/net/fuzz.test tests/net/fuzz-host.py
tests/net/fuzz.log: tests/net/fuzz.img

# make fuzz-net: the same with more frames (FUZZ_FRAMES, default 100000)
# and any seed (FUZZ_SEED).
fuzz-net: tests/net/fuzz.img
	FUZZ_FRAMES=$${FUZZ_FRAMES:-100000} QEMU=$(QEMU) \
		MLK_BUILDDIR=$(abs_builddir) MLK_SRCDIR=$(abs_srcdir) \
		$(SHELL) $(srcdir)/tests/net/fuzz.test
.PHONY: fuzz-net

# make bench adds the network figures: netbench (TCP echoed per MiB, UDP
# round trips) driven by the host through tests/net/bench.sh, under the
# same QEMU flags as tests/bench.  Not in bench-check's baseline: the
# figures move with the host's timing (how packets batch up).
noinst_PROGRAMS += tests/net/netbench
tests_net_netbench_SOURCES = tests/net/netbench.c tests/bench/per_mib.c \
	tests/bench/per_mib.h
tests_net_netbench_CPPFLAGS = $(AM_CPPFLAGS) -iquote $(srcdir)/tests/bench
noinst_DATA += tests/net/netbench.img
CLEANFILES += tests/net/netbench.img tests/net/netbench.log \
	tests/net/netbench.log.raw
tests/net/netbench.img: kernel/mlk-kernel.img servers/init/init \
		servers/virtio-net/virtio-net servers/net/net \
		tests/net/netbench sdk/tools/mlk-mkimage $(STANDARD_MANIFEST)
	$(AM_V_GEN)sdk/tools/mlk-mkimage -k kernel/mlk-kernel.img \
		-i servers/init/init -n -o $@ \
		servers/virtio-net/virtio-net:$(call standard_service,virtio-net,) \
		servers/net/net:$(call standard_service,net,) \
		tests/net/netbench:prio=32,grant=log,grant=system,poweroff
bench: bench-net
bench-net: tests/net/netbench.img
	@$(SHELL) $(srcdir)/tests/net/bench.sh $(QEMU) \
		tests/net/netbench.img tests/net/netbench.log $(BENCH_CPU) \
		$(srcdir)
.PHONY: bench-net
EXTRA_DIST += tests/net/bench.sh tests/net/bench-host.py
