/*
 * TCP's constants, shared by tcp_in.c, tcp_out.c and tcp_timer.c.
 */
#ifndef MLK_SERVERS_NET_TCP_H
#define MLK_SERVERS_NET_TCP_H

#include "net.h"

#define TCP_FIN 0x01u
#define TCP_SYN 0x02u
#define TCP_RST 0x04u
#define TCP_PSH 0x08u
#define TCP_ACK 0x10u
#define TCP_URG 0x20u

#define TCP_OPT_END 0
#define TCP_OPT_NOP 1
#define TCP_OPT_MSS 2

/* The MSS we announce (an Ethernet MTU less the headers), and the one we
 * assume when the peer announces none (RFC 9293, 3.7.1). */
#define TCP_MSS_OURS (ETH_MTU - IP_HLEN - TCP_HLEN)
#define TCP_MSS_DEFAULT 536u
/* RFC 6298: the first RTO, its floor (2.4) and ceiling (2.5), the clock
 * granularity G. */
#define TCP_RTO_INITIAL (1 * NS_PER_S)
#define TCP_RTO_MIN (1 * NS_PER_S)
#define TCP_RTO_MAX (60 * NS_PER_S)
#define TCP_CLOCK_G (1 * NS_PER_MS)
/* Retransmissions of one segment before the connection is given up
 * (RFC 1122 4.2.3.5's R2, as a count: about two minutes with backoff),
 * and of a SYN-ACK before a half-open child is forgotten (which bounds
 * what a SYN flood holds). */
#define TCP_MAX_RETRIES 7
#define TCP_SYNACK_RETRIES 3
/* Maximum segment lifetime (RFC 9293, 3.4.2); TIME_WAIT lasts 2 MSL. */
#define TCP_MSL (30 * NS_PER_S)
#define TCP_PERSIST_MAX (60 * NS_PER_S)
#define TCP_DUPACK_THRESHOLD 3 /* RFC 5681, 3.2 */

struct tcp_seg {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t wnd;
	uint16_t mss; /* 0: no MSS option */
	const uint8_t *data;
	uint32_t len;
};

/* tcp_in.c */
bool tcp_parse(const struct ip_hdr *ip, const uint8_t *p, size_t len,
	       struct tcp_seg *seg);

/* sock.c: a new connection's buffers; false without memory */
bool tcp_child_buffers(struct net_sock *s);

/* tcp_out.c */
void tcp_send_segment(struct net *n, struct net_sock *s, uint32_t seq,
		      uint32_t len, uint8_t flags);
void tcp_resend_first(struct net *n, struct net_sock *s);
void tcp_free_buffers(struct net_sock *s);

#endif
