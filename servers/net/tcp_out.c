/*
 * TCP's sending side (RFC 9293 3.8, RFC 5681, RFC 6298): segments from
 * the send buffer as far as the peer's window and the congestion window
 * allow, a FIN after the last byte, control segments, resets.  No
 * Nagle: a service's writes go out as they come (it sends in large
 * pieces through its window).
 */
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "tcp.h"

uint32_t tcp_rcv_window(const struct tcp_cb *t)
{
	uint32_t w;

	if (!t->rbuf)
		return 0;
	w = TCP_BUF_SIZE - t->rlen;
	return w > 0xffff ? 0xffff : w;
}

/* Copy len bytes at offset off of the send buffer (a ring) to out. */
static void copy_out(const struct tcp_cb *t, uint32_t off, uint8_t *out,
		     uint32_t len)
{
	uint32_t at = (t->shead + off) % TCP_BUF_SIZE;
	uint32_t first = TCP_BUF_SIZE - at < len ? TCP_BUF_SIZE - at : len;

	memcpy(out, t->sbuf + at, first);
	memcpy(out + first, t->sbuf, len - first);
}

static void write_header(struct net *n, struct net_sock *s, uint8_t *q,
			 uint32_t seq, uint8_t flags, unsigned hlen)
{
	struct tcp_cb *t = &s->tcb;
	uint32_t wnd = tcp_rcv_window(t);

	put16(q, s->lport);
	put16(q + 2, s->rport);
	put32(q + 4, seq);
	put32(q + 8, flags & TCP_ACK ? t->rcv_nxt : 0);
	q[12] = (uint8_t)(hlen / 4 << 4);
	q[13] = flags;
	put16(q + 14, (uint16_t)wnd);
	put32(q + 16, 0); /* checksum, urgent pointer */
	if (flags & TCP_ACK)
		t->rcv_adv = t->rcv_nxt + wnd;
	if (flags & TCP_SYN) {
		q[20] = TCP_OPT_MSS;
		q[21] = 4;
		put16(q + 22, TCP_MSS_OURS);
	}
}

void tcp_send_segment(struct net *n, struct net_sock *s, uint32_t seq,
		      uint32_t len, uint8_t flags)
{
	uint8_t f[ETH_FRAME_MAX];
	uint8_t *q = f + L4_OFF;
	unsigned hlen = TCP_HLEN + (flags & TCP_SYN ? 4 : 0);

	write_header(n, s, q, seq, flags, hlen);
	if (len)
		copy_out(&s->tcb, seq - s->tcb.snd_una, q + hlen, len);
	put16(q + 16,
	      csum_pseudo(s->laddr, s->raddr, IP_PROTO_TCP, q, hlen + len));
	ip_send(n, s->laddr, s->raddr, IP_PROTO_TCP, f, hlen + len);
}

void tcp_send_ctl(struct net *n, struct net_sock *s, uint32_t seq,
		  uint8_t flags)
{
	tcp_send_segment(n, s, seq, 0, flags);
}

void tcp_send_reset(struct net *n, uint32_t src, uint32_t dst, uint16_t sport,
		    uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags)
{
	uint8_t f[ETH_FRAME_MAX];
	uint8_t *q = f + L4_OFF;

	put16(q, sport);
	put16(q + 2, dport);
	put32(q + 4, seq);
	put32(q + 8, ack);
	q[12] = TCP_HLEN / 4 << 4;
	q[13] = flags;
	put16(q + 14, 0);
	put32(q + 16, 0);
	put16(q + 16, csum_pseudo(src, dst, IP_PROTO_TCP, q, TCP_HLEN));
	n->cnt.tcp_resets_sent++;
	ip_send(n, src, dst, IP_PROTO_TCP, f, TCP_HLEN);
}

static bool may_send(uint8_t state)
{
	return state == TCP_ESTABLISHED || state == TCP_CLOSE_WAIT ||
	       state == TCP_FIN_WAIT_1 || state == TCP_CLOSING ||
	       state == TCP_LAST_ACK;
}

static uint32_t min3(uint32_t a, uint32_t b, uint32_t c)
{
	uint32_t m = a < b ? a : b;

	return m < c ? m : c;
}

static void start_timing(struct net *n, struct tcp_cb *t)
{
	if (t->timing)
		return;
	t->timing = true;
	t->timed_seq = t->snd_nxt;
	t->timed_at = n->now;
}

void tcp_output(struct net *n, struct net_sock *s)
{
	struct tcp_cb *t = &s->tcb;

	if (!may_send(s->state) || !t->sbuf)
		return;
	while (!t->fin_sent) {
		uint32_t sent = t->snd_nxt - t->snd_una;
		uint32_t unsent = t->slen - sent;
		uint32_t wnd = t->snd_wnd < t->cwnd ? t->snd_wnd : t->cwnd;
		uint32_t len =
			min3(unsent, wnd > sent ? wnd - sent : 0, t->mss);
		bool fin = t->fin_queued && len == unsent;
		if (len == 0 && !fin)
			break;
		if (len)
			start_timing(n, t);
		tcp_send_segment(n, s, t->snd_nxt, len,
				 TCP_ACK | (len ? TCP_PSH : 0) |
					 (fin ? TCP_FIN : 0));
		t->snd_nxt += len + fin;
		t->fin_sent = fin;
		if (SEQ_GT(t->snd_nxt, t->snd_max))
			t->snd_max = t->snd_nxt;
		if (!t->rexmit_at)
			tcp_arm_rexmit(n, s);
	}
	/* A zero window with data waiting: probe it (RFC 9293 3.8.6.1). */
	if (t->snd_wnd == 0 && t->slen > t->snd_nxt - t->snd_una &&
	    t->snd_nxt == t->snd_una && !t->persist_at) {
		t->persist_backoff = t->rto;
		t->persist_at = n->now + t->persist_backoff;
	}
}

/* Send again the first segment not acknowledged (fast retransmit). */
void tcp_resend_first(struct net *n, struct net_sock *s)
{
	struct tcp_cb *t = &s->tcb;
	uint32_t out = t->snd_max - t->snd_una;
	uint32_t data = out < t->slen ? out : t->slen;
	uint32_t len = data < t->mss ? data : t->mss;
	bool fin = t->fin_sent && len == data && len < t->mss;

	if (len == 0 && !fin)
		return;
	t->timing = false; /* Karn: no sample from a retransmission */
	tcp_send_segment(n, s, t->snd_una, len, TCP_ACK | (fin ? TCP_FIN : 0));
}

void tcp_free_buffers(struct net_sock *s)
{
	free(s->tcb.sbuf);
	free(s->tcb.rbuf);
	s->tcb.sbuf = s->tcb.rbuf = NULL;
	s->tcb.slen = s->tcb.rlen = 0;
	s->tcb.nooo = 0;
}
