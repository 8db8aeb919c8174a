/*
 * TCP's clocks: the retransmission timer and its RTO (RFC 6298), the
 * persist timer that probes a zero window (RFC 9293 3.8.6.1, RFC 1122
 * 4.2.2.17: never given up while the peer answers), TIME_WAIT's 2 MSL
 * (RFC 9293 3.6.1), and initial sequence numbers (RFC 6528).
 */
#include "bytes.h"
#include "tcp.h"

/* RFC 6298 2.2 and 2.3, in nanoseconds. */
void tcp_rto_sample(struct tcp_cb *t, uint64_t r)
{
	if (!t->has_rtt) {
		t->srtt = r;
		t->rttvar = r / 2;
		t->has_rtt = true;
	} else {
		uint64_t d = t->srtt > r ? t->srtt - r : r - t->srtt;
		t->rttvar = (3 * t->rttvar + d) / 4;
		t->srtt = (7 * t->srtt + r) / 8;
	}
	uint64_t k = 4 * t->rttvar;
	t->rto = t->srtt + (k > TCP_CLOCK_G ? k : TCP_CLOCK_G);
	if (t->rto < TCP_RTO_MIN)
		t->rto = TCP_RTO_MIN;
	if (t->rto > TCP_RTO_MAX)
		t->rto = TCP_RTO_MAX;
}

void tcp_arm_rexmit(struct net *n, struct net_sock *s)
{
	s->tcb.rexmit_at = n->now + s->tcb.rto;
	s->tcb.persist_at = 0;
}

/* 5.4 to 5.6: back off, send the first unacknowledged segment again
 * (everything after it follows as the window allows: go-back-N, with
 * the congestion window back to one segment, RFC 5681 3.1). */
static void retransmit(struct net *n, struct net_sock *s)
{
	struct tcp_cb *t = &s->tcb;
	uint32_t flight = t->snd_max - t->snd_una;

	if (++t->retries > (s->state == TCP_SYN_RECEIVED ? TCP_SYNACK_RETRIES
							 : TCP_MAX_RETRIES)) {
		tcp_drop(n, s, MLK_ERR_TIMED_OUT);
		return;
	}
	n->cnt.tcp_retransmits++;
	t->rto = t->rto * 2 > TCP_RTO_MAX ? TCP_RTO_MAX : t->rto * 2;
	t->timing = false;
	t->rexmit_at = n->now + t->rto;
	if (s->state == TCP_SYN_SENT) {
		tcp_send_ctl(n, s, t->iss, TCP_SYN);
		return;
	}
	if (s->state == TCP_SYN_RECEIVED) {
		tcp_send_ctl(n, s, t->iss, TCP_SYN | TCP_ACK);
		return;
	}
	t->ssthresh = flight / 2 > 2u * t->mss ? flight / 2 : 2u * t->mss;
	t->cwnd = t->mss;
	t->in_recovery = false;
	t->dupacks = 0;
	t->snd_nxt = t->snd_una;
	t->fin_sent = false;
	t->rexmit_at = 0;
	tcp_output(n, s);
	if (!t->rexmit_at)
		t->rexmit_at = n->now + t->rto;
}

/* A segment the peer must answer with its window: one it has seen
 * already, as RFC 1122 4.2.3.6's keep-alives are. */
static void probe(struct net *n, struct net_sock *s)
{
	struct tcp_cb *t = &s->tcb;

	tcp_send_ctl(n, s, t->snd_una - 1, TCP_ACK);
	t->persist_backoff = t->persist_backoff * 2 > TCP_PERSIST_MAX
				     ? TCP_PERSIST_MAX
				     : t->persist_backoff * 2;
	t->persist_at = n->now + t->persist_backoff;
}

void tcp_timers(struct net *n, struct net_sock *s)
{
	struct tcp_cb *t = &s->tcb;

	if (t->timewait_at && n->now >= t->timewait_at) {
		tcp_drop(n, s, MLK_OK);
		return;
	}
	if (s->state == TCP_TIME_WAIT)
		return;
	if (t->rexmit_at && n->now >= t->rexmit_at)
		retransmit(n, s);
	else if (t->persist_at && n->now >= t->persist_at)
		probe(n, s);
}

uint64_t tcp_next_timer(const struct net_sock *s)
{
	const struct tcp_cb *t = &s->tcb;

	uint64_t next = t->timewait_at;

	if (t->rexmit_at && (!next || t->rexmit_at < next))
		next = t->rexmit_at;
	if (t->persist_at && (!next || t->persist_at < next))
		next = t->persist_at;
	return next;
}

/* A 64-bit mix (MurmurHash3's finaliser). */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return x;
}

/* RFC 6528: a clock ticking every 4 us plus a keyed hash of the
 * connection's addresses and ports. */
uint32_t tcp_iss(struct net *n, const struct net_sock *s)
{
	uint64_t h = mix(n->secret ^ ((uint64_t)s->laddr << 32 | s->raddr));

	h = mix(h ^ ((uint64_t)s->lport << 16 | s->rport));
	return (uint32_t)(n->now / 4000) + (uint32_t)h;
}
