/*
 * The constants system call arguments use.  The numbers are in
 * <mlk/sysnum.h> and the stubs in <mlk/sys.h>, both generated from the
 * system call table (see mlk-syscalls(2)).
 */
#ifndef MLK_SYSCALL_H
#define MLK_SYSCALL_H

#include <stdint.h>

#include <mlk/handle.h>
#include <mlk/ipc.h>
#include <mlk/layout.h>
#include <mlk/status.h>

/* Numbers are below this; the dispatcher's table has this many slots. */
#define MLK_SYSCALL_LIMIT 128

/*
 * Deadlines are absolute: nanoseconds of the monotonic clock
 * (mlk_clock_get), everywhere in the SDK.  MLK_FOREVER is the one that
 * never comes; mlk_deadline_in (mlk/runtime.h) makes one from a duration.
 */
#define MLK_FOREVER 0ull

/* Thread priorities: higher runs first. */
#define MLK_PRIO_MIN 0
#define MLK_PRIO_MAX 63
#define MLK_PRIO_DEFAULT 32

/* mem_create flags */
#define MLK_MEM_COMMIT (1u << 0) /* allocate every page now */
#define MLK_MEM_CONTIGUOUS                                                     \
	(1u << 1) /* physically contiguous (implies COMMIT) */
#define MLK_MEM_FLAGS (MLK_MEM_COMMIT | MLK_MEM_CONTIGUOUS)
/* The largest memory object: MLK_MEM_MAX_SIZE (mlk/layout.h). */

/* aspace_map flags: the access the mapping gives (a subset of the handle's
 * READ/WRITE/EXEC rights; never WRITE and EXEC together). */
#define MLK_MAP_READ (1u << 0)
#define MLK_MAP_WRITE (1u << 1)
#define MLK_MAP_EXEC (1u << 2)
#define MLK_MAP_FLAGS (MLK_MAP_READ | MLK_MAP_WRITE | MLK_MAP_EXEC)

/* Longest name of a process or thread, without the NUL. */
#define MLK_NAME_MAX 31

/* The most bytes one debug_write takes. */
#define MLK_DEBUG_WRITE_MAX 4096

/* The largest interrupt number irq_create and irq_raise take (the GIC's
 * INTIDs 0..1019 and its special 1020..1023). */
#define MLK_IRQ_MAX 1023
/* The largest irq_raise takes: it raises software interrupts (SGIs). */
#define MLK_IRQ_SOFT_MAX 15

#endif
