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
