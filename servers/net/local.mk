# net, the network service (servers/net/README.md).  Its protocol files
# are plain C over byte buffers, also built for the build machine by the
# unit tests (tests/unit/test_net_*.c) and the fuzz harness
# (tests/fuzz/fuzz_net.c): NET_STACK_SRC names them.
NET_STACK_SRC = servers/net/checksum.c servers/net/eth.c servers/net/arp.c \
	servers/net/ipv4.c servers/net/icmp.c servers/net/udp.c \
	servers/net/tcp_in.c servers/net/tcp_out.c servers/net/tcp_timer.c \
	servers/net/tcp_state.c servers/net/sock.c servers/net/stack.c \
	servers/net/dhcp.c servers/net/dns.c servers/net/resolver.c \
	servers/net/config.c $(SHARED_IPV4_SRC)
NET_STACK_H = servers/net/net.h servers/net/tcp.h servers/net/sock.h \
	servers/net/bytes.h

mlkservices_PROGRAMS += servers/net/net
servers_net_net_SOURCES = $(NET_STACK_SRC) $(NET_STACK_H) \
	servers/net/main.c servers/net/link.c servers/net/requests.c \
	servers/net/waits.c servers/net/conf_file.c servers/net/service.h
servers_net_net_CPPFLAGS = $(AM_CPPFLAGS) $(SHARED_CPP_FLAGS)
EXTRA_DIST += servers/net/README.md
