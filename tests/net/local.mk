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

# examples/httpd as a test program too, and its image: the standard
# system plus httpd on port 80, www/big.bin, 200 KiB of lines that
# differ (a file of several windows and TCP segments), and etc/net.conf,
# the static settings net reads instead of asking DHCP.
noinst_PROGRAMS += tests/net/httpd
tests_net_httpd_SOURCES = examples/httpd/httpd.c examples/httpd/request.c \
	examples/httpd/reply.c examples/httpd/http.h examples/httpd/httpd.h
tests/net/big.bin:
	$(AM_V_GEN)$(MKDIR_P) tests/net && $(AWK) 'BEGIN { \
		for (i = 0; i < 4096; i++) { printf "%05d", i; \
		for (j = 0; j < 44; j++) printf "%c", 33 + (i * 31 + j * 7) % 94; \
		printf "\n" } }' > $@.tmp && mv $@.tmp $@
tests/net/httpd.manifest:
	$(AM_V_GEN)$(MKDIR_P) tests/net && \
	printf 'include standard\nfile www/big.bin big.bin\nfile %s %s\n' \
		etc/net.conf $(abs_srcdir)/tests/net/net.conf > $@
tests/net/httpd.img: servers/staged/.stamp tests/net/httpd \
		tests/net/httpd.manifest tests/net/big.bin \
		$(srcdir)/tests/net/net.conf $(STANDARD_MANIFEST)
	$(AM_V_GEN)MLK_MANIFEST=$(STANDARD_MANIFEST) $(STANDARD_MKIMAGE) \
		-o $@ -m tests/net/httpd.manifest tests/net/httpd:restart,args=80
check_DATA += tests/net/httpd.img
CLEANFILES += tests/net/httpd.img tests/net/httpd.manifest tests/net/big.bin

# httpd.test: curl and http-client.py against httpd.img.
NET_TESTS += tests/net/httpd.test
EXTRA_DIST += tests/net/http-client.py \
	tests/net/net-serve.py tests/net/net.conf
tests/net/httpd.log: tests/net/httpd.img tests/net/big.bin

# shell.exp: the guest's shell (ifconfig, netstat, resolve, fetch) on
# httpd.img with its settings in the boot arguments; an expect script
# run by tests/scenario/run-exp, which needs the scenario images built.
NET_TESTS += tests/net/shell.exp
tests/net/shell.log: tests/net/httpd.img tests/scenario/standard.img
# nettest: the service's answers to a hostile client's raw requests
# (tests/net/nettest.c), under QEMU's user network with no host ports.
noinst_PROGRAMS += tests/net/nettest
tests_net_nettest_SOURCES = tests/net/nettest.c
tests_net_nettest_CPPFLAGS = $(AM_CPPFLAGS) $(MLKCHECK_CPP_FLAGS)
tests_net_nettest_LDADD = $(MLKCHECK_LIBS) $(LDADD)
check_DATA += tests/net/nettest.img
CLEANFILES += tests/net/nettest.img
tests/net/nettest.img: servers/staged/.stamp tests/net/nettest
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@ -m $(STANDARD_MANIFEST) \
		tests/net/nettest:prio=30,grant=log,poweroff
QEMU_TESTS += tests/qemu/net-protocol.qt
tests/qemu/net-protocol.log: tests/net/nettest.img

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
