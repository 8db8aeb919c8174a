/*
 * TCP's state changes that need more than the new state (RFC 9293
 * 3.3.2): TIME_WAIT's clock, and the end of a connection, which frees
 * what nobody will read.
 */
#include "tcp.h"

void tcp_set_state(struct net *n, struct net_sock *s, uint8_t state)
{
	struct tcp_cb *t = &s->tcb;

	s->state = state;
	if (state == TCP_TIME_WAIT) {
		t->timewait_at = n->now + 2 * TCP_MSL;
		t->rexmit_at = t->persist_at = 0;
		if (s->user_closed)
			tcp_free_buffers(s);
	} else if (state == TCP_FIN_WAIT_2 && s->user_closed) {
		/* Nobody can close it any more: bound the wait for the
		 * peer's FIN as TIME_WAIT is bounded. */
		t->timewait_at = n->now + 2 * TCP_MSL;
	}
}

/* The connection is over: `why` is MLK_OK for an orderly end, else the
 * status the owner gets (reset, timed out). */
void tcp_drop(struct net *n, struct net_sock *s, mlk_status_t why)
{
	struct tcp_cb *t = &s->tcb;

	t->rexmit_at = t->persist_at = t->timewait_at = 0;
	s->state = TCP_CLOSED;
	if (s->user_closed || s->parent >= 0) {
		sock_free(n, s);
		return;
	}
	if (why != MLK_OK) {
		s->error = why;
		tcp_free_buffers(s);
	}
}
