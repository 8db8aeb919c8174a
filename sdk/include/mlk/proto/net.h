/*
 * The network protocol: sockets served by the network stack (servers/net)
 * under the name "net".  Replies carry a status in the label.  The client
 * of libmlk is mlk/net.h.
 *
 * Addresses are IPv4 in host byte order (10.0.2.15 is 0x0a00020f), ports
 * plain numbers.  Deadlines are absolute (mlk_deadline_in), MLK_FOREVER
 * for none.
 *
 * Data never travels in messages: a client opens a session with a memory
 * object of its own, its window (MLK_NET_WINDOW_SIZE bytes, mapped by
 * both), and each send or receive names a byte range of it.  A session
 * serves one request at a time.  Its sockets are its own: ids from
 * another session get MLK_ERR_BAD_HANDLE.  When the session's handle
 * closes (the client ended), the stack closes its sockets as
 * MLK_NET_CLOSE would.
 *
 * Statuses every socket request may give: MLK_ERR_BAD_STATE through the
 * name's handle (open a session first), MLK_ERR_BAD_HANDLE for an id that
 * is not a socket of the session, MLK_ERR_PEER_CLOSED once the peer reset
 * the connection, MLK_ERR_TIMED_OUT when the deadline or TCP's
 * retransmission limit passed first, MLK_ERR_NOT_SUPPORTED for a request
 * of the other socket type.
 */
#ifndef MLK_PROTO_NET_H
#define MLK_PROTO_NET_H

#include <stdint.h>

#define MLK_NET_WINDOW_SIZE (64u << 10)
#define MLK_NET_ANY 0u	       /* bind: every local address */
#define MLK_NET_NAME_MAX 253   /* a host name's length (RFC 1035) */
#define MLK_NET_POLL_MAX 30    /* sockets in one MLK_NET_POLL */
#define MLK_NET_UDP_MAX 1472   /* a UDP datagram's data: no fragments */
#define MLK_NET_BACKLOG_MAX 64 /* connections waiting for accept */
#define MLK_NET_PING_MAX 1472  /* an echo request's data */
#define MLK_NET_SOCKETS_MAX                                                    \
	32 /* sockets one session holds at once,                               \
	      accepted connections included */

enum mlk_net_type {
	MLK_NET_TCP = 1,
	MLK_NET_UDP = 2,
};

/* TCP states (RFC 9293, 3.3.2), as MLK_NET_NAME and MLK_NET_LIST say. */
enum mlk_net_state {
	MLK_NET_STATE_CLOSED = 0,
	MLK_NET_STATE_LISTEN,
	MLK_NET_STATE_SYN_SENT,
	MLK_NET_STATE_SYN_RECEIVED,
	MLK_NET_STATE_ESTABLISHED,
	MLK_NET_STATE_FIN_WAIT_1,
	MLK_NET_STATE_FIN_WAIT_2,
	MLK_NET_STATE_CLOSE_WAIT,
	MLK_NET_STATE_CLOSING,
	MLK_NET_STATE_LAST_ACK,
	MLK_NET_STATE_TIME_WAIT,
};

/* MLK_NET_POLL's events. */
enum mlk_net_event {
	MLK_NET_READABLE = 1 << 0, /* data, an end of stream, a connection
				      to accept, a datagram */
	MLK_NET_WRITABLE = 1 << 1, /* room to send */
	MLK_NET_FAILED = 1 << 2,   /* reset or timed out: the next request
				      says why */
};

/* MLK_NET_SHUTDOWN's directions. */
enum mlk_net_shutdown {
	MLK_NET_SHUT_RD = 1,
	MLK_NET_SHUT_WR = 2,
	MLK_NET_SHUT_RDWR = 3,
};

/* How the address was set (MLK_NET_INFO's w5). */
enum mlk_net_config {
	MLK_NET_CONFIG_NONE = 0, /* no address yet */
	MLK_NET_CONFIG_DHCP,	 /* asking a DHCP server */
	MLK_NET_CONFIG_STATIC,	 /* from net.addr= or /etc/net.conf */
	MLK_NET_CONFIG_LEASED,	 /* leased from a DHCP server */
};

enum mlk_net_label {
	/* h0 the window, a memory object of MLK_NET_WINDOW_SIZE bytes or
	 * more with MLK_RIGHT_MAP, READ and WRITE, moved.  Reply: h0 the
	 * session's handle for the requests below.  MLK_ERR_BAD_ARG(0)
	 * without a handle or with a memory object too small,
	 * MLK_ERR_NO_RESOURCES when the stack has as many sessions as it
	 * takes. */
	MLK_NET_SESSION = 0x4e540001,
	/* w0 enum mlk_net_type.  Reply: w0 the socket's id.
	 * MLK_ERR_BAD_ARG(0) for another type, MLK_ERR_NO_RESOURCES when
	 * every socket is in use or the session holds MLK_NET_SOCKETS_MAX
	 * (so that one client cannot take them all). */
	MLK_NET_SOCKET,
	/* w0 id, w1 local address (MLK_NET_ANY or the stack's), w2 port
	 * (0: one the stack picks).  MLK_ERR_EXISTS when the port is
	 * taken, MLK_ERR_BAD_ARG(1) for an address not the stack's,
	 * MLK_ERR_BAD_STATE when already bound. */
	MLK_NET_BIND,
	/* TCP: w0 id, w1 the backlog (1 to MLK_NET_BACKLOG_MAX): SYNs past
	 * it are dropped.  MLK_ERR_BAD_STATE unless bound and closed. */
	MLK_NET_LISTEN,
	/* TCP: w0 id of a listener, w1 deadline.  Reply: w0 the new
	 * connection's id, w1 its address, w2 its port.
	 * MLK_ERR_NO_RESOURCES when the session holds MLK_NET_SOCKETS_MAX
	 * (the connection waits in the backlog). */
	MLK_NET_ACCEPT,
	/* TCP: w0 id, w1 address, w2 port, w3 deadline.  Reply when the
	 * handshake is done.  MLK_ERR_PEER_CLOSED when refused,
	 * MLK_ERR_NOT_FOUND when no address is configured or the host does
	 * not answer ARP, MLK_ERR_BAD_STATE when not closed. */
	MLK_NET_CONNECT,
	/* TCP: w0 id, w1 offset in the window, w2 bytes, w3 deadline.
	 * Reply as soon as some are taken: w0 how many.
	 * MLK_ERR_BAD_ARG(1) for a range outside the window,
	 * MLK_ERR_BAD_STATE when not connected or shut down for writing. */
	MLK_NET_SEND,
	/* TCP: w0 id, w1 offset, w2 the most bytes, w3 deadline.  Reply as
	 * soon as some arrived: w0 how many, 0 at the end of the stream. */
	MLK_NET_RECV,
	/* UDP: w0 id, w1 offset, w2 bytes (at most MLK_NET_UDP_MAX), w3
	 * address (IP_BROADCAST allowed), w4 port.  An unbound socket is
	 * bound to a port the stack picks.  MLK_ERR_TOO_BIG above the
	 * limit, MLK_ERR_NOT_FOUND when no address is configured or the
	 * host does not answer ARP. */
	MLK_NET_SENDTO,
	/* UDP: w0 id, w1 offset, w2 the most bytes, w3 deadline.  Reply:
	 * w0 the datagram's bytes (the rest of a longer one is dropped),
	 * w1 its address, w2 its port.  MLK_ERR_BAD_STATE unless bound. */
	MLK_NET_RECVFROM,
	/* w0 id, w1 enum mlk_net_shutdown.  TCP only for MLK_NET_SHUT_WR:
	 * a FIN once the data sent so far is. */
	MLK_NET_SHUTDOWN,
	/* w0 id.  The id is gone at once; a TCP connection sends what it
	 * has and ends with a FIN (a reset when data came that was never
	 * read). */
	MLK_NET_CLOSE,
	/* w0 deadline, w1 n (1 to MLK_NET_POLL_MAX), then n words: id |
	 * events << 32.  Reply when one is ready: w0 m, then m words: id |
	 * ready events << 32 (MLK_NET_FAILED whether asked or not).
	 * MLK_ERR_TIMED_OUT when none was. */
	MLK_NET_POLL,
	/* w0 id.  Reply: w0 local address, w1 local port, w2 remote
	 * address, w3 remote port, w4 enum mlk_net_state (TCP), w5 the
	 * type. */
	MLK_NET_NAME,
	/* Open to every client: w0 deadline, w1.. a host name (a dotted
	 * address is taken as it is).  Reply: w0 its address (an A record
	 * through the DNS server).  MLK_ERR_BAD_NAME for a name that is not
	 * one, MLK_ERR_NOT_FOUND when the server has no address for it,
	 * MLK_ERR_UNAVAILABLE without a DNS server. */
	MLK_NET_RESOLVE,
	/* Open to every client: w0 address, w1 sequence number, w2 bytes of
	 * data (up to MLK_NET_PING_MAX), w3 deadline.  Reply when the echo
	 * reply (RFC 792) came: w0 the round trip in ns, w1 the bytes of
	 * the reply's ICMP message, w2 its TTL.  MLK_ERR_TIMED_OUT
	 * without one, MLK_ERR_NO_RESOURCES with too many pings waiting. */
	MLK_NET_PING,
	/* Open to every client.  Reply: w0 the MAC address (first byte
	 * lowest), w1 address, w2 netmask, w3 gateway, w4 DNS server, w5
	 * enum mlk_net_config, w6 frames received, w7 frames sent, w8 bytes
	 * received, w9 bytes sent, w10 input dropped (every reason), w11
	 * frames not sent, w12 TCP retransmissions; w13..w21 w10 by
	 * reason, in the order of struct mlk_net_drops. */
	MLK_NET_INFO,
	/* Open to every client: w0 a socket index to start at.  Reply, for
	 * the first socket in use from there: w0 its index, w1 the type,
	 * w2 the state (TCP), w3 local address, w4 local port, w5 remote
	 * address, w6 remote port, w7 bytes waiting to be read, w8 bytes
	 * not yet acknowledged.  MLK_ERR_NOT_FOUND past the last. */
	MLK_NET_LIST,
};

#define MLK_NET_INFO_WORDS 22
#define MLK_NET_LIST_WORDS 9

#endif
