/*
 * Handles and rights.
 *
 * A handle is a per-process name for a kernel object: an index into the
 * process's handle table plus a generation, so that a handle that was
 * closed (and whose slot was reused) is rejected as stale.  0 is never a
 * handle.
 *
 * Each handle carries rights.  Duplicating a handle can only keep or drop
 * rights, never add them.  Endpoint handles also carry a badge, a 64-bit
 * value the receiver sees with each message sent through that handle;
 * the server can also learn when such a handle is closed (close notices,
 * mlk/ipc.h).
 */
#ifndef MLK_HANDLE_H
#define MLK_HANDLE_H

#include <stdint.h>

typedef uint32_t mlk_handle_t;

#define MLK_HANDLE_NONE 0u
#define MLK_HANDLE_INDEX_BITS 16
#define MLK_HANDLE_INDEX_MASK ((1u << MLK_HANDLE_INDEX_BITS) - 1)
#define MLK_HANDLE_GEN_BITS 15
#define MLK_HANDLE_GEN_MASK ((1u << MLK_HANDLE_GEN_BITS) - 1)
#define MLK_HANDLE_MAKE(index, gen)                                            \
	((mlk_handle_t)((((gen)&MLK_HANDLE_GEN_MASK)                           \
			 << MLK_HANDLE_INDEX_BITS) |                           \
			((index)&MLK_HANDLE_INDEX_MASK)))
#define MLK_HANDLE_INDEX(h) ((h)&MLK_HANDLE_INDEX_MASK)
#define MLK_HANDLE_GEN(h) (((h) >> MLK_HANDLE_INDEX_BITS) & MLK_HANDLE_GEN_MASK)
/* The most handles a process can hold at once: every index but 0. */
#define MLK_HANDLES_MAX (MLK_HANDLE_INDEX_MASK)

/*
 * Every process starts with these handles (generation 1): itself, its
 * address space and its first thread.
 */
#define MLK_HANDLE_SELF_PROCESS MLK_HANDLE_MAKE(1, 1)
#define MLK_HANDLE_SELF_ASPACE MLK_HANDLE_MAKE(2, 1)
#define MLK_HANDLE_SELF_THREAD MLK_HANDLE_MAKE(3, 1)

/* Rights */
#define MLK_RIGHT_READ (1u << 0)   /* read memory; map readable */
#define MLK_RIGHT_WRITE (1u << 1)  /* write memory; map writable */
#define MLK_RIGHT_EXEC (1u << 2)   /* map executable */
#define MLK_RIGHT_MAP (1u << 3)	   /* map memory; map into an address space */
#define MLK_RIGHT_SEND (1u << 4)   /* send and call on an endpoint */
#define MLK_RIGHT_RECV (1u << 5)   /* receive on an endpoint */
#define MLK_RIGHT_SIGNAL (1u << 6) /* signal a notification */
#define MLK_RIGHT_WAIT (1u << 7)   /* wait on / poll a notification */
#define MLK_RIGHT_DUPLICATE (1u << 8) /* duplicate; copy in a message */
#define MLK_RIGHT_TRANSFER (1u << 9)  /* move or copy in a message */
#define MLK_RIGHT_MANAGE (1u << 10)   /* control: start, kill, bind, create */
#define MLK_RIGHT_PHYS (1u << 11)     /* learn a memory object's address */
#define MLK_RIGHTS_ALL 0xfffu

#define MLK_RIGHTS_BASIC (MLK_RIGHT_DUPLICATE | MLK_RIGHT_TRANSFER)

/* Object types, as mlk_handle_info reports them. */
enum mlk_object_type {
	MLK_OBJ_NONE = 0,
	MLK_OBJ_PROCESS = 1,
	MLK_OBJ_THREAD = 2,
	MLK_OBJ_ASPACE = 3,
	MLK_OBJ_ENDPOINT = 4,
	MLK_OBJ_NOTIFICATION = 5,
	MLK_OBJ_MEMORY = 6,
	MLK_OBJ_IRQ = 7,
	MLK_OBJ_DEVICE = 8,  /* a range of device registers */
	MLK_OBJ_REPLY = 9,   /* a saved one-shot reply right */
	MLK_OBJ_SYSTEM = 10, /* the root of authority init receives */
	MLK_OBJ_LOG = 11,    /* the kernel's debug console */
	MLK_OBJ_TYPE_COUNT
};

#endif
