/*
 * TCP's receiving side, in the order of RFC 9293 3.10.7 ("SEGMENT
 * ARRIVES"): checks of the header (a data offset of 20 bytes or more
 * inside the segment, options that end inside it, the checksum over the
 * pseudo-header), the connection it belongs to, then per state the
 * sequence number's acceptability, RST (with RFC 5961's challenge ACK
 * for one not exactly at RCV.NXT), SYN, ACK, data and FIN.  Data out of
 * order is kept in the receive buffer where it belongs and acknowledged
 * at once with RCV.NXT, so that the peer's fast retransmit starts
 * (RFC 5681 4.2).
 */
#include <string.h>

#include "bytes.h"
#include "tcp.h"

/* Options (RFC 9293 3.2): only MSS is used; every option must end
 * inside the header. */
static bool parse_options(const uint8_t *o, size_t len, struct tcp_seg *seg)
{
	size_t i = 0;

	while (i < len) {
		if (o[i] == TCP_OPT_END)
			return true;
		if (o[i] == TCP_OPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= len || o[i + 1] < 2 || o[i + 1] > len - i)
			return false;
		if (o[i] == TCP_OPT_MSS) {
			if (o[i + 1] != 4)
				return false;
			seg->mss = get16(o + i + 2);
		}
		i += o[i + 1];
	}
	return true;
}

bool tcp_parse(const struct ip_hdr *ip, const uint8_t *p, size_t len,
	       struct tcp_seg *seg)
{
	if (len < TCP_HLEN)
		return false;
	size_t hlen = (size_t)(p[12] >> 4) * 4;
	if (hlen < TCP_HLEN || hlen > len ||
	    csum_pseudo(ip->src, ip->dst, IP_PROTO_TCP, p, len) != 0)
		return false;
	memset(seg, 0, sizeof(*seg));
	seg->sport = get16(p);
	seg->dport = get16(p + 2);
	seg->seq = get32(p + 4);
	seg->ack = get32(p + 8);
	seg->flags = p[13] & 0x3f;
	seg->wnd = get16(p + 14);
	seg->data = p + hlen;
	seg->len = (uint32_t)(len - hlen);
	if (seg->sport == 0 || seg->dport == 0)
		return false;
	return parse_options(p + TCP_HLEN, hlen - TCP_HLEN, seg);
}

/* RFC 9293 3.10.7.1: no connection; answer with a reset unless it is
 * one. */
static void reset_stray(struct net *n, const struct ip_hdr *ip,
			const struct tcp_seg *seg)
{
	uint32_t seglen =
		seg->len + !!(seg->flags & TCP_SYN) + !!(seg->flags & TCP_FIN);

	if (seg->flags & TCP_RST || ip->dst != n->addr)
		return;
	if (seg->flags & TCP_ACK)
		tcp_send_reset(n, ip->dst, ip->src, seg->dport, seg->sport,
			       seg->ack, 0, TCP_RST);
	else
		tcp_send_reset(n, ip->dst, ip->src, seg->dport, seg->sport, 0,
			       seg->seq + seglen, TCP_RST | TCP_ACK);
}

static unsigned children(const struct net *n, int listener)
{
	unsigned k = 0;

	for (unsigned i = 0; i < NET_SOCKETS; i++)
		if (n->socks[i].used && n->socks[i].parent == listener)
			k++;
	return k;
}

static void take_mss(struct tcp_cb *t, const struct tcp_seg *seg)
{
	uint16_t mss = seg->mss ? seg->mss : TCP_MSS_DEFAULT;

	if (mss > TCP_MSS_OURS)
		mss = TCP_MSS_OURS;
	if (mss < 64) /* too small to carry anything sensibly */
		mss = 64;
	t->mss = mss;
	/* RFC 5681 3.1's initial window. */
	t->cwnd = mss > 2190 ? 2u * mss : mss > 1095 ? 3u * mss : 4u * mss;
	t->ssthresh = 0xffff;
}

static void take_window(struct tcp_cb *t, const struct tcp_seg *seg)
{
	t->snd_wnd = seg->wnd;
	t->snd_wl1 = seg->seq;
	t->snd_wl2 = seg->ack;
}

/* LISTEN (3.10.7.2): a SYN makes a child in SYN-RECEIVED, if the
 * backlog has room.  Anything else belongs to no connection: counted as
 * no_port like a segment to a closed port, and an ACK answered with a
 * reset. */
static void listen_input(struct net *n, struct net_sock *l,
			 const struct ip_hdr *ip, const struct tcp_seg *seg)
{
	if (seg->flags & (TCP_RST | TCP_ACK) || !(seg->flags & TCP_SYN)) {
		n->cnt.no_port++;
		if (seg->flags & TCP_ACK)
			reset_stray(n, ip, seg); /* which passes over a RST */
		return;
	}
	int li = sock_index(n, l);
	struct net_sock *c = NULL;
	if (children(n, li) < l->backlog)
		c = sock_alloc(n, MLK_NET_TCP);
	if (c && !tcp_child_buffers(c)) {
		sock_free(n, c);
		c = NULL;
	}
	if (!c) {
		n->cnt.syn_dropped++;
		return;
	}
	c->owner = 0;
	c->parent = li;
	c->laddr = ip->dst;
	c->lport = l->lport;
	c->raddr = ip->src;
	c->rport = seg->sport;
	struct tcp_cb *t = &c->tcb;
	t->irs = seg->seq;
	t->rcv_nxt = seg->seq + 1;
	t->iss = tcp_iss(n, c);
	t->snd_una = t->iss;
	t->snd_nxt = t->snd_max = t->iss + 1;
	take_mss(t, seg);
	take_window(t, seg);
	tcp_set_state(n, c, TCP_SYN_RECEIVED);
	tcp_send_ctl(n, c, t->iss, TCP_SYN | TCP_ACK);
	tcp_arm_rexmit(n, c);
}

/* SYN-SENT (3.10.7.3). */
static void syn_sent_input(struct net *n, struct net_sock *s,
			   const struct tcp_seg *seg)
{
	struct tcp_cb *t = &s->tcb;
	bool ack_ok = (seg->flags & TCP_ACK) && SEQ_GT(seg->ack, t->iss) &&
		      SEQ_LE(seg->ack, t->snd_nxt);

	if ((seg->flags & TCP_ACK) && !ack_ok) {
		if (!(seg->flags & TCP_RST))
			tcp_send_reset(n, s->laddr, s->raddr, s->lport,
				       s->rport, seg->ack, 0, TCP_RST);
		return;
	}
	if (seg->flags & TCP_RST) {
		if (ack_ok)
			tcp_drop(n, s, MLK_ERR_PEER_CLOSED);
		return;
	}
	if (!(seg->flags & TCP_SYN))
		return;
	t->irs = seg->seq;
	t->rcv_nxt = seg->seq + 1;
	take_mss(t, seg);
	take_window(t, seg);
	if (!ack_ok) { /* simultaneous open */
		tcp_set_state(n, s, TCP_SYN_RECEIVED);
		tcp_send_ctl(n, s, t->iss, TCP_SYN | TCP_ACK);
		return;
	}
	t->snd_una = seg->ack;
	t->rexmit_at = 0;
	t->retries = 0;
	tcp_set_state(n, s, TCP_ESTABLISHED);
	tcp_send_ctl(n, s, t->snd_nxt, TCP_ACK);
	tcp_output(n, s);
}

/* 3.10.7.4, first: is the segment in the receive window? */
static bool acceptable(const struct tcp_cb *t, const struct tcp_seg *seg,
		       uint32_t seglen)
{
	uint32_t wnd = tcp_rcv_window(t);
	uint32_t end = t->rcv_nxt + wnd;

	if (seglen == 0)
		return wnd == 0 ? seg->seq == t->rcv_nxt
				: SEQ_GE(seg->seq, t->rcv_nxt) &&
					  SEQ_LT(seg->seq, end);
	if (wnd == 0)
		return false;
	return (SEQ_GE(seg->seq, t->rcv_nxt) && SEQ_LT(seg->seq, end)) ||
	       (SEQ_GE(seg->seq + seglen - 1, t->rcv_nxt) &&
		SEQ_LT(seg->seq + seglen - 1, end));
}

/* Cut what lies before RCV.NXT and beyond the window. */
static void trim(const struct tcp_cb *t, struct tcp_seg *seg)
{
	if (SEQ_LT(seg->seq, t->rcv_nxt)) {
		uint32_t cut = t->rcv_nxt - seg->seq;
		if (seg->flags & TCP_SYN) {
			seg->flags &= (uint8_t)~TCP_SYN;
			seg->seq++;
			cut--;
		}
		if (cut > seg->len) {
			cut = seg->len;
			seg->flags &= (uint8_t)~TCP_FIN;
		}
		seg->data += cut;
		seg->len -= cut;
		seg->seq += cut;
	}
	uint32_t room = t->rcv_nxt + tcp_rcv_window(t) - seg->seq;
	if (seg->len > room) {
		seg->len = room;
		seg->flags &= (uint8_t)~TCP_FIN;
	}
}

/* Received bytes at offset off from RCV.NXT's place in the buffer. */
static void copy_in(struct tcp_cb *t, uint32_t off, const uint8_t *data,
		    uint32_t len)
{
	uint32_t at = (t->rhead + t->rlen + off) % TCP_BUF_SIZE;
	uint32_t first = TCP_BUF_SIZE - at < len ? TCP_BUF_SIZE - at : len;

	memcpy(t->rbuf + at, data, first);
	memcpy(t->rbuf, data + first, len - first);
}

/* Record [start, end) as held out of order, merged with its neighbours.
 * With no room left the farthest range gives way to a nearer one (its
 * bytes come again); otherwise the new bytes are not recorded.  Bytes at
 * RCV.NXT must always find room, or the connection stalls on them. */
static void add_range(struct tcp_cb *t, uint32_t start, uint32_t end)
{
	unsigned i = 0, k;

	while (i < t->nooo && t->ooo[i].end < start)
		i++;
	k = i;
	while (k < t->nooo && t->ooo[k].start <= end) {
		if (t->ooo[k].start < start)
			start = t->ooo[k].start;
		if (t->ooo[k].end > end)
			end = t->ooo[k].end;
		k++;
	}
	if (k == i && t->nooo == TCP_OOO_RANGES) {
		if (i == t->nooo)
			return;
		t->nooo--;
	}
	memmove(&t->ooo[i + 1], &t->ooo[k], (t->nooo - k) * sizeof(t->ooo[0]));
	t->ooo[i] = (struct tcp_range){ start, end };
	t->nooo = t->nooo - (k - i) + 1;
}

/* Data at RCV.NXT: advance over it and whatever held range now joins. */
static void advance(struct tcp_cb *t, uint32_t len)
{
	add_range(t, 0, len);
	if (t->nooo == 0 || t->ooo[0].start != 0)
		return;
	uint32_t got = t->ooo[0].end;
	memmove(&t->ooo[0], &t->ooo[1], (t->nooo - 1) * sizeof(t->ooo[0]));
	t->nooo--;
	for (unsigned i = 0; i < t->nooo; i++) {
		t->ooo[i].start -= got;
		t->ooo[i].end -= got;
	}
	t->rcv_nxt += got;
	t->rlen += got;
}

static void take_data(struct net *n, struct net_sock *s,
		      const struct tcp_seg *seg)
{
	struct tcp_cb *t = &s->tcb;
	uint32_t off = seg->seq - t->rcv_nxt;

	if (seg->len == 0)
		return;
	if (s->shut_rd || s->user_closed) {
		/* Nobody will read it: RFC 9293 3.10.7.4 lets a closed
		 * reader reset. */
		tcp_send_ctl(n, s, t->snd_nxt, TCP_RST | TCP_ACK);
		tcp_drop(n, s, MLK_ERR_PEER_CLOSED);
		return;
	}
	copy_in(t, off, seg->data, seg->len);
	if (off == 0)
		advance(t, seg->len);
	else
		add_range(t, off, off + seg->len);
}

/* The FIN counts once every byte before it is in. */
static void take_fin(struct net *n, struct net_sock *s,
		     const struct tcp_seg *seg)
{
	struct tcp_cb *t = &s->tcb;

	if (!(seg->flags & TCP_FIN) || t->rcv_nxt != seg->seq + seg->len)
		return;
	t->rcv_nxt++;
	t->fin_received = true;
	switch (s->state) {
	case TCP_SYN_RECEIVED:
	case TCP_ESTABLISHED:
		tcp_set_state(n, s, TCP_CLOSE_WAIT);
		break;
	case TCP_FIN_WAIT_1:
		tcp_set_state(n, s, TCP_CLOSING);
		break;
	case TCP_FIN_WAIT_2:
		tcp_set_state(n, s, TCP_TIME_WAIT);
		break;
	case TCP_TIME_WAIT:
		t->timewait_at = n->now + 2 * TCP_MSL;
		break;
	default:
		break;
	}
}

/* Acknowledged bytes leave the send buffer; our FIN, once acked, moves
 * the closing states on. */
static void acked(struct net *n, struct net_sock *s, uint32_t ack)
{
	struct tcp_cb *t = &s->tcb;
	uint32_t count = ack - t->snd_una;
	/* Not fin_sent: a retransmission takes that back while the FIN
	 * (the one sequence number after the data) is still out. */
	bool fin_acked = t->fin_queued && ack == t->snd_max && count > t->slen;
	uint32_t data = count - fin_acked;

	if (data > t->slen)
		data = t->slen;
	t->shead = (t->shead + data) % TCP_BUF_SIZE;
	t->slen -= data;
	t->snd_una = ack;
	if (SEQ_LT(t->snd_nxt, ack))
		t->snd_nxt = ack;
	t->retries = 0;
	if (t->timing && SEQ_GT(ack, t->timed_seq)) {
		t->timing = false;
		tcp_rto_sample(t, n->now - t->timed_at);
	}
	t->rexmit_at = 0;
	if (t->snd_una != t->snd_max)
		tcp_arm_rexmit(n, s);
	if (!fin_acked)
		return;
	t->fin_sent = true;
	if (s->state == TCP_FIN_WAIT_1)
		tcp_set_state(n, s, TCP_FIN_WAIT_2);
	else if (s->state == TCP_CLOSING)
		tcp_set_state(n, s, TCP_TIME_WAIT);
	else if (s->state == TCP_LAST_ACK)
		tcp_drop(n, s, MLK_OK);
}

/* RFC 5681 3.1, with NewReno's partial acknowledgements (RFC 6582). */
static void grow_cwnd(struct net_sock *s, struct net *n, uint32_t count)
{
	struct tcp_cb *t = &s->tcb;

	if (t->in_recovery) {
		if (SEQ_GE(t->snd_una, t->recover)) {
			t->in_recovery = false;
			t->cwnd = t->ssthresh;
		} else {
			tcp_resend_first(n, s);
			t->cwnd = t->cwnd > count ? t->cwnd - count : t->mss;
			t->cwnd += t->mss;
		}
		return;
	}
	if (t->cwnd < t->ssthresh)
		t->cwnd += count < t->mss ? count : t->mss;
	else
		t->cwnd += t->mss * t->mss / t->cwnd ? t->mss * t->mss / t->cwnd
						     : 1;
	if (t->cwnd > 4 * TCP_BUF_SIZE)
		t->cwnd = 4 * TCP_BUF_SIZE;
}

/* RFC 5681 3.2: the third duplicate ACK sends the segment again. */
static void duplicate_ack(struct net *n, struct net_sock *s)
{
	struct tcp_cb *t = &s->tcb;
	uint32_t flight = t->snd_max - t->snd_una;

	if (++t->dupacks == TCP_DUPACK_THRESHOLD && !t->in_recovery) {
		t->ssthresh =
			flight / 2 > 2u * t->mss ? flight / 2 : 2u * t->mss;
		t->in_recovery = true;
		t->recover = t->snd_max;
		n->cnt.tcp_fast_retransmits++;
		tcp_resend_first(n, s);
		t->cwnd = t->ssthresh + 3u * t->mss;
	} else if (t->dupacks > TCP_DUPACK_THRESHOLD && t->in_recovery) {
		t->cwnd += t->mss;
		tcp_output(n, s);
	}
}

/* 3.10.7.4, fifth: the ACK field.  False if the segment is done with. */
static bool ack_input(struct net *n, struct net_sock *s,
		      const struct tcp_seg *seg)
{
	struct tcp_cb *t = &s->tcb;

	if (s->state == TCP_SYN_RECEIVED) {
		if (SEQ_LE(seg->ack, t->snd_una) ||
		    SEQ_GT(seg->ack, t->snd_max)) {
			tcp_send_reset(n, s->laddr, s->raddr, s->lport,
				       s->rport, seg->ack, 0, TCP_RST);
			return false;
		}
		t->snd_una = seg->ack;
		t->rexmit_at = 0;
		t->retries = 0;
		take_window(t, seg);
		tcp_set_state(n, s, TCP_ESTABLISHED);
		return true;
	}
	if (SEQ_GT(seg->ack, t->snd_max)) {
		tcp_send_ctl(n, s, t->snd_nxt, TCP_ACK);
		return false;
	}
	bool window_moved = seg->wnd != t->snd_wnd;
	if (SEQ_LT(t->snd_wl1, seg->seq) ||
	    (t->snd_wl1 == seg->seq && SEQ_LE(t->snd_wl2, seg->ack))) {
		if (seg->wnd && !t->snd_wnd)
			t->persist_at = 0;
		take_window(t, seg);
	}
	if (SEQ_GT(seg->ack, t->snd_una)) {
		uint32_t count = seg->ack - t->snd_una;
		t->dupacks = 0;
		acked(n, s, seg->ack);
		if (s->used && s->state != TCP_CLOSED)
			grow_cwnd(s, n, count);
	} else if (seg->ack == t->snd_una && seg->len == 0 &&
		   !(seg->flags & (TCP_SYN | TCP_FIN)) && !window_moved &&
		   t->snd_max != t->snd_una) {
		duplicate_ack(n, s);
	}
	return s->used && s->state != TCP_CLOSED;
}

/* RST in a synchronized state (RFC 5961 3.2). */
static void rst_input(struct net *n, struct net_sock *s,
		      const struct tcp_seg *seg)
{
	if (seg->seq != s->tcb.rcv_nxt) {
		tcp_send_ctl(n, s, s->tcb.snd_nxt, TCP_ACK);
		return;
	}
	if (s->state == TCP_SYN_RECEIVED && s->parent >= 0) {
		sock_free(n, s);
		return;
	}
	tcp_drop(n, s, MLK_ERR_PEER_CLOSED);
}

static void synchronized_input(struct net *n, struct net_sock *s,
			       struct tcp_seg *seg)
{
	struct tcp_cb *t = &s->tcb;
	uint32_t seglen =
		seg->len + !!(seg->flags & TCP_SYN) + !!(seg->flags & TCP_FIN);

	if (!acceptable(t, seg, seglen)) {
		if (!(seg->flags & TCP_RST))
			tcp_send_ctl(n, s, t->snd_nxt, TCP_ACK);
		return;
	}
	if (seg->flags & TCP_RST) {
		rst_input(n, s, seg);
		return;
	}
	trim(t, seg);
	if (seg->flags & TCP_SYN) { /* RFC 5961 4.2: challenge ACK */
		tcp_send_ctl(n, s, t->snd_nxt, TCP_ACK);
		return;
	}
	if (!(seg->flags & TCP_ACK) || !ack_input(n, s, seg))
		return;
	uint32_t before = t->rcv_nxt;
	bool any = seg->len || (seg->flags & TCP_FIN);
	if (s->state == TCP_ESTABLISHED || s->state == TCP_FIN_WAIT_1 ||
	    s->state == TCP_FIN_WAIT_2) {
		take_data(n, s, seg);
		if (!s->used || s->state == TCP_CLOSED)
			return;
	}
	take_fin(n, s, seg);
	if (any || t->rcv_nxt != before)
		tcp_send_ctl(n, s, t->snd_nxt, TCP_ACK);
	tcp_output(n, s);
}

void tcp_input(struct net *n, const struct ip_hdr *ip, const uint8_t *p,
	       size_t len)
{
	struct tcp_seg seg;

	if (ip->dst == IP_BROADCAST || !n->addr || ip->dst != n->addr ||
	    !tcp_parse(ip, p, len, &seg)) {
		n->cnt.tcp_bad++;
		return;
	}
	struct net_sock *s =
		sock_find_tcp(n, ip->dst, seg.dport, ip->src, seg.sport);
	if (!s) {
		n->cnt.no_port++;
		reset_stray(n, ip, &seg);
		return;
	}
	switch (s->state) {
	case TCP_LISTEN:
		listen_input(n, s, ip, &seg);
		break;
	case TCP_SYN_SENT:
		syn_sent_input(n, s, &seg);
		break;
	case TCP_CLOSED:
		reset_stray(n, ip, &seg);
		break;
	default:
		synchronized_input(n, s, &seg);
	}
}
