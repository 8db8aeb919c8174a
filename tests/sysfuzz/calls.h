/*
 * The system calls sysfuzz knows, read from mlk/syscalls.def (calls.c).
 */
#ifndef SYSFUZZ_CALLS_H
#define SYSFUZZ_CALLS_H

#include <mlk/sys.h>

#include <stdbool.h>
#include <stdint.h>

#define CALLS_MAX 64

/* What an argument is, from its name in the table. */
enum arg_kind {
	A_VALUE,    /* bits, badges, codes: anything */
	A_HANDLE,   /* a handle, ideally of want[i] */
	A_PTR,	    /* a buffer in our memory */
	A_NAME,	    /* a process or thread name */
	A_LEN,	    /* the length of the pointer before it */
	A_SIZE,	    /* bytes, mostly whole pages */
	A_OFFSET,   /* into a memory object */
	A_ADDR,	    /* a virtual or physical address */
	A_DEADLINE, /* absolute, monotonic ns */
	A_RIGHTS,
	A_FLAGS,
	A_PRIO,
	A_QUOTA,
	A_ENTRY, /* a thread's first pc */
	A_STACK, /* a thread's first sp */
	A_SMALL, /* an index: an interrupt, an info kind */
};

struct call_desc {
	const char *name;
	uint32_t nr;
	uint8_t nargs;
	bool ipc; /* register layout of mlk/ipc.h */
	uint8_t kind[7];
	uint8_t want[7]; /* enum mlk_object_type for A_HANDLE */
};

extern struct call_desc call_table[CALLS_MAX];
extern unsigned call_count;
/* The call with that number, NULL if none. */
extern const struct call_desc *call_by_nr[MLK_SYSCALL_LIMIT];

void calls_init(void);

#endif
