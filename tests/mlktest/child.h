/*
 * What mlktest and mlktest-child agree on.
 *
 * mlktest-child is started by mlktest (mlk_spawn, from the boot bundle)
 * with its role as arguments; mlktest is its supervisor (unless a test
 * wants it unsupervised).  The child always gets a send handle to that
 * endpoint (kind CHILD_H_CTRL), on which it reports what mlktest should
 * expect.
 */
#ifndef MLKTEST_CHILD_H
#define MLKTEST_CHILD_H

#include <stdint.h>

#define CHILD_PROGRAM "mlktest-child"

/* Kinds of the start handles mlktest gives (beyond mlk/startinfo.h's). */
enum child_handle_kind {
	CHILD_H_CTRL = 0x100,	 /* send: reports to mlktest */
	CHILD_H_SERVE = 0x101,	 /* receive: the endpoint a server serves */
	CHILD_H_NOTIFY = 0x102,	 /* a notification */
	CHILD_H_MEM = 0x103,	 /* a memory object */
	CHILD_H_PROCESS = 0x104, /* another process (MANAGE) */
};

/* Labels of the messages a child sends on CHILD_H_CTRL. */
enum child_report {
	/* Before a fault: w0 the pc expected, w1 the address expected. */
	CHILD_HELLO = 1,
	/* The exhaustion role (a call): w0 memory objects made, w1 the status
	 * that stopped it, w2 endpoints made, w3 the status that stopped it,
	 * w4 endpoint_create's status after freeing some memory. */
	CHILD_EXHAUSTED = 2,
	/* The "call" role calls with this label and waits for the answer. */
	CHILD_CALLING = 3,
	/* The hostile roles' findings: w0.. the statuses and ids of each
	 * step (see the role in child.c and its test in t_hostile.c). */
	CHILD_REPORT = 4,
};

/* The "grandparent" role's process, running `b .` at this address. */
#define CHILD_SPIN_ENTRY 0x400000ull

/* Requests of the "server" role; the reply's label is a status. */
enum child_request {
	SRV_ECHO = 10,	    /* reply with the same words, then the badge
			       seen, and the handles sent (moved back) */
	SRV_EXIT = 11,	    /* exit with code w0 without replying */
	SRV_MAKE_MEM = 12,  /* reply with a memory object (moved) of w0
			       bytes, every byte w1 */
	SRV_READ_MEM = 13,  /* map the memory object sent; reply with its
			       first word and the word at offset w0 */
	SRV_WRITE_MEM = 14, /* map the memory object sent, write w1 at
			       offset w0, reply */
	SRV_SIGNAL = 15,    /* signal handle w1 (0: CHILD_H_NOTIFY) with
			       w0, reply */
	SRV_HOLD = 16,	    /* keep the caller waiting: never reply (w0:
			       keep the reply right in a handle) */
	SRV_FAULT = 17,	    /* fault (undefined instruction) without
			       replying */
};

/* The roles that fault read or map here. */
#define CHILD_FAULT_ADDR 0x0000000200000000ull
/* What mlktest maps at CHILD_FAULT_ADDR to let "fault-read" go on: the
 * child exits with the word it then reads. */
#define CHILD_FIXED_WORD 0x2aull

#endif
