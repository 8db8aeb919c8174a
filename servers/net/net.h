/*
 * The network stack's state and the interfaces between its protocol
 * files (see README.md).  Everything here is plain C over byte buffers:
 * the stack is driven by net_input (a received frame), net_tick (the
 * clock) and the socket calls of sock.h, and sends frames through the
 * function it was given, so the unit tests run it on the build machine
 * with synthetic frames and a clock of their own.
 *
 * Addresses and ports are kept in host byte order.
 */
#ifndef MLK_SERVERS_NET_NET_H
#define MLK_SERVERS_NET_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/proto/net.h>
#include <mlk/status.h>

#define NS_PER_MS 1000000ull
#define NS_PER_S 1000000000ull

/* Ethernet (IEEE 802.3, Ethernet II framing). */
#define ETH_ALEN 6
#define ETH_HLEN 14
#define ETH_MTU 1500
#define ETH_FRAME_MAX (ETH_HLEN + ETH_MTU)
#define ETH_TYPE_IPV4 0x0800
#define ETH_TYPE_ARP 0x0806

/* IPv4 (RFC 791); headers we send carry no options. */
#define IP_HLEN 20
#define IP_PROTO_ICMP 1
#define IP_PROTO_TCP 6
#define IP_PROTO_UDP 17
#define IP_TTL 64
#define IP_BROADCAST 0xffffffffu
/* Where a transport header starts in a frame we build. */
#define L4_OFF (ETH_HLEN + IP_HLEN)
#define L4_MAX (ETH_MTU - IP_HLEN)

#define UDP_HLEN 8
#define DHCP_CLIENT_PORT 68
#define DHCP_SERVER_PORT 67
#define DNS_PORT 53
#define TCP_HLEN 20

/* ARP (RFC 826) cache. */
#define ARP_ENTRIES 16
#define ARP_TTL_NS (60 * NS_PER_S)  /* a resolved entry, then asked again */
#define ARP_RETRY_NS (1 * NS_PER_S) /* between requests */
#define ARP_TRIES 3		    /* requests before giving up */

/* Socket table. */
#define NET_SOCKETS 128
#define TCP_BUF_SIZE (32u << 10) /* each way, per connection */
#define UDP_QUEUE 8		 /* datagrams waiting per socket */
#define NET_PINGS 8		 /* echo requests waiting for a reply */

struct net_counters {
	uint64_t rx_frames, tx_frames, rx_bytes, tx_bytes;
	uint64_t tx_dropped; /* no room to send, or no ARP answer */
	/* Dropped input, by reason. */
	uint64_t eth_bad, arp_bad, ip_bad, ip_frag, icmp_bad, udp_bad, tcp_bad,
		no_port, syn_dropped;
	uint64_t tcp_retransmits, tcp_fast_retransmits, tcp_resets_sent;
};

struct arp_entry {
	uint32_t ip;
	uint8_t mac[ETH_ALEN];
	bool resolved;
	uint64_t expires;  /* resolved: when to forget; pending: next ask */
	unsigned tries;	   /* requests sent while pending */
	uint16_t held_len; /* a frame waiting for the answer (0: none) */
	uint8_t *held;	   /* ETH_FRAME_MAX bytes, allocated on need */
};

struct net_ping {
	bool busy, answered;
	uint32_t dst;
	uint16_t id, seq;
	uint64_t sent, rtt; /* ns */
	uint32_t bytes;	    /* of the reply's ICMP message */
	uint8_t ttl;
};

struct udp_datagram {
	uint32_t addr;
	uint16_t port, len;
	uint8_t data[L4_MAX - UDP_HLEN];
};

enum tcp_state {
	TCP_CLOSED = MLK_NET_STATE_CLOSED,
	TCP_LISTEN = MLK_NET_STATE_LISTEN,
	TCP_SYN_SENT = MLK_NET_STATE_SYN_SENT,
	TCP_SYN_RECEIVED = MLK_NET_STATE_SYN_RECEIVED,
	TCP_ESTABLISHED = MLK_NET_STATE_ESTABLISHED,
	TCP_FIN_WAIT_1 = MLK_NET_STATE_FIN_WAIT_1,
	TCP_FIN_WAIT_2 = MLK_NET_STATE_FIN_WAIT_2,
	TCP_CLOSE_WAIT = MLK_NET_STATE_CLOSE_WAIT,
	TCP_CLOSING = MLK_NET_STATE_CLOSING,
	TCP_LAST_ACK = MLK_NET_STATE_LAST_ACK,
	TCP_TIME_WAIT = MLK_NET_STATE_TIME_WAIT,
};

/* An out-of-order range held in the receive buffer, as offsets from
 * rcv_nxt's place there. */
struct tcp_range {
	uint32_t start, end;
};
#define TCP_OOO_RANGES 8

struct tcp_cb {
	uint32_t iss, irs;
	uint32_t snd_una, snd_nxt, snd_max, snd_wnd, snd_wl1, snd_wl2;
	uint32_t rcv_nxt, rcv_adv; /* rcv_adv: the window's right edge sent */
	uint16_t mss;		   /* the most we send in a segment */
	uint32_t cwnd, ssthresh;   /* RFC 5681 */
	unsigned dupacks;
	bool in_recovery;
	uint32_t recover;
	/* RFC 6298 */
	uint64_t srtt, rttvar, rto;
	bool has_rtt, timing;
	uint32_t timed_seq;
	uint64_t timed_at;
	uint64_t rexmit_at; /* 0: not armed */
	unsigned retries;
	uint64_t persist_at;
	uint64_t persist_backoff;
	uint64_t timewait_at;
	bool fin_queued, fin_sent, fin_received;
	/* Send buffer: slen bytes from snd_una's (data) place, at shead. */
	uint8_t *sbuf;
	uint32_t shead, slen;
	/* Receive buffer: rlen bytes for the reader at rhead, then room
	 * for out-of-order data. */
	uint8_t *rbuf;
	uint32_t rhead, rlen;
	struct tcp_range ooo[TCP_OOO_RANGES];
	unsigned nooo;
};

struct net_sock {
	bool used;
	uint8_t type;	  /* MLK_NET_TCP, MLK_NET_UDP */
	uint16_t gen;	  /* bumped at each reuse: stale ids fail */
	uint64_t owner;	  /* the session (0: none, being closed) */
	bool user_closed; /* no owner any more; the stack finishes it */
	bool shut_rd;
	uint32_t laddr, raddr;
	uint16_t lport, rport;
	mlk_status_t error; /* reported once to the owner, then cleared */
	/* TCP */
	uint8_t state; /* enum tcp_state */
	int parent;    /* a listener's child not accepted yet: its index */
	unsigned backlog;
	uint64_t born; /* for accepting in arrival order */
	struct tcp_cb tcb;
	/* UDP */
	struct udp_datagram *dgrams; /* UDP_QUEUE of them */
	unsigned dfirst, dcount;
};

enum net_config_state {
	NET_UNCONFIGURED,
	NET_DHCP,   /* asking */
	NET_STATIC, /* from the boot arguments or a file */
	NET_LEASED, /* from a DHCP server */
};

struct dhcp_client {
	uint8_t state; /* enum dhcp_state (dhcp.c) */
	uint32_t xid;
	uint32_t offered, server;
	uint64_t next_at; /* the next send, or the lease's renewal */
	unsigned tries;
	uint32_t lease_s;
};

/* A name being resolved (resolver.c). */
#define NET_QUERIES 8
struct dns_query {
	bool busy, done;
	uint16_t id;
	uint8_t tries;
	uint64_t next_at;
	mlk_status_t status; /* once done */
	uint32_t addr;
	char name[MLK_NET_NAME_MAX + 1];
};

struct net {
	uint8_t mac[ETH_ALEN];
	uint32_t addr, mask, gateway, dns;
	uint8_t config;	 /* enum net_config_state */
	uint64_t now;	 /* ns, set by the caller before each call */
	uint64_t secret; /* for initial sequence numbers (RFC 6528) */
	uint64_t serial;
	uint16_t ip_id, next_port;
	struct net_counters cnt;
	/* Where frames go; false if one could not be sent. */
	bool (*send_frame)(void *ctx, const uint8_t *frame, size_t len);
	void *ctx;
	struct arp_entry arp[ARP_ENTRIES];
	struct net_ping pings[NET_PINGS];
	struct net_sock socks[NET_SOCKETS];
	struct dhcp_client dhcp;
	struct dns_query queries[NET_QUERIES];
	uint16_t dns_port, dns_id;
	uint16_t dns_server_port; /* DNS_PORT unless configured */
};

/* A static configuration (config.c): the service's arguments or the
 * lines of /etc/net.conf. */
struct net_config {
	uint32_t addr, mask, gateway, dns;
	uint16_t dns_port;
};

/* Read one setting into *c: MLK_OK, MLK_ERR_BAD_FORMAT for one that is
 * not, MLK_ERR_NOT_FOUND for a line that sets nothing. */
mlk_status_t config_parse(const char *line, struct net_config *c);

/* stack.c */
void net_init(struct net *n, const uint8_t mac[ETH_ALEN], uint64_t secret);
void net_set_address(struct net *n, uint32_t addr, uint32_t mask,
		     uint32_t gateway, uint32_t dns, uint8_t how);
void net_input(struct net *n, const uint8_t *frame, size_t len);
void net_tick(struct net *n);
uint64_t net_next_timer(const struct net *n);
bool net_is_local(const struct net *n, uint32_t ip);

/* checksum.c */
uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len);
uint16_t csum_fold(uint32_t sum);
uint16_t csum(const uint8_t *p, size_t len);
uint16_t csum_pseudo(uint32_t src, uint32_t dst, uint8_t proto,
		     const uint8_t *p, size_t len);

/* eth.c */
struct eth_hdr {
	uint8_t dst[ETH_ALEN], src[ETH_ALEN];
	uint16_t type;
};
bool eth_parse(const uint8_t *frame, size_t len, struct eth_hdr *h);
void eth_input(struct net *n, const uint8_t *frame, size_t len);
bool eth_send(struct net *n, const uint8_t dst[ETH_ALEN], uint16_t type,
	      uint8_t *frame, size_t len);
extern const uint8_t eth_broadcast[ETH_ALEN];

/* arp.c */
void arp_input(struct net *n, const uint8_t *p, size_t len);
bool arp_resolve_send(struct net *n, uint32_t next_hop, uint8_t *frame,
		      size_t len);
void arp_tick(struct net *n);
uint64_t arp_next_timer(const struct net *n);
const struct arp_entry *arp_lookup(const struct net *n, uint32_t ip);

/* ipv4.c */
struct ip_hdr {
	uint8_t ihl, tos, ttl, proto;
	uint16_t total, id, frag;
	uint32_t src, dst;
};
bool ip_parse(const uint8_t *p, size_t len, struct ip_hdr *h);
void ip_input(struct net *n, const uint8_t *p, size_t len);
/* Send the len bytes at frame + L4_OFF to dst; the headers are written
 * in front of them. */
bool ip_send(struct net *n, uint32_t src, uint32_t dst, uint8_t proto,
	     uint8_t *frame, size_t len);

/* icmp.c */
void icmp_input(struct net *n, const struct ip_hdr *ip, const uint8_t *p,
		size_t len);
mlk_status_t icmp_ping(struct net *n, uint32_t dst, uint16_t seq, unsigned size,
		       int *slot);

/* udp.c */
void udp_input(struct net *n, const struct ip_hdr *ip, const uint8_t *p,
	       size_t len);
bool udp_send(struct net *n, uint32_t src, uint16_t sport, uint32_t dst,
	      uint16_t dport, const uint8_t *data, size_t len);

/* tcp_in.c, tcp_out.c, tcp_timer.c */
void tcp_input(struct net *n, const struct ip_hdr *ip, const uint8_t *p,
	       size_t len);
void tcp_output(struct net *n, struct net_sock *s);
void tcp_send_ctl(struct net *n, struct net_sock *s, uint32_t seq,
		  uint8_t flags);
void tcp_send_reset(struct net *n, uint32_t src, uint32_t dst, uint16_t sport,
		    uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags);
void tcp_timers(struct net *n, struct net_sock *s);
uint64_t tcp_next_timer(const struct net_sock *s);
void tcp_rto_sample(struct tcp_cb *t, uint64_t rtt);
void tcp_arm_rexmit(struct net *n, struct net_sock *s);
uint32_t tcp_iss(struct net *n, const struct net_sock *s);
uint32_t tcp_rcv_window(const struct tcp_cb *t);
void tcp_set_state(struct net *n, struct net_sock *s, uint8_t state);
void tcp_drop(struct net *n, struct net_sock *s, mlk_status_t why);

/* dhcp.c (RFC 2131) */
void dhcp_start(struct net *n);
bool dhcp_input(struct net *n, const uint8_t *p, size_t len);
void dhcp_tick(struct net *n);

/* dns.c (RFC 1035) and resolver.c */
size_t dns_query_encode(uint8_t *out, size_t size, uint16_t id,
			const char *name);
mlk_status_t dns_answer_parse(const uint8_t *p, size_t len, uint16_t id,
			      uint32_t *addr);
bool dns_name_ok(const char *name);
mlk_status_t resolver_start(struct net *n, const char *name, int *slot);
bool resolver_input(struct net *n, uint32_t src, uint16_t sport, uint16_t dport,
		    const uint8_t *p, size_t len);
void resolver_tick(struct net *n);
uint64_t resolver_next_timer(const struct net *n);

/* sock.c: the sockets the socket calls and the protocols share */
struct net_sock *sock_alloc(struct net *n, uint8_t type);
void sock_free(struct net *n, struct net_sock *s);
struct net_sock *sock_find_tcp(struct net *n, uint32_t laddr, uint16_t lport,
			       uint32_t raddr, uint16_t rport);
struct net_sock *sock_find_udp(struct net *n, uint32_t laddr, uint16_t lport);
int sock_index(const struct net *n, const struct net_sock *s);
uint16_t sock_ephemeral_port(struct net *n, uint8_t type);

#endif
