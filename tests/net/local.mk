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
