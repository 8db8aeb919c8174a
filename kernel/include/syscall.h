/*
 * System call entry (see core/syscall.c).
 */
#ifndef MLK_SYSCALL_KERNEL_H
#define MLK_SYSCALL_KERNEL_H

#include "object.h"

#include <mlk/syscall.h>
#include <mlk/sysnum.h>

struct thread;
struct trap_frame;

/* An address in the calling thread's address space. */
typedef uint64_t uaddr_t;

/*
 * The implementations, declared in generated/syscalls.h (made from
 * sdk/include/mlk/syscalls.def, see sdk/gen/): for each PLAIN call
 *     mlk_status_t sys_<name>(struct thread *self, <args>, <out> *...);
 * for each IPC call, mlk_status_t sys_<name>(struct thread *self).
 */
#include "generated/syscalls.h"

/*
 * The dispatch table (generated/syscall_table.c): per number, the glue
 * that checks and unpacks x0..x6, calls sys_<name> and puts its outputs
 * in x1 and x2.  It returns the status, or SYS_BLOCKED if the call
 * blocked (whoever wakes the thread then writes its result).
 */
typedef mlk_status_t (*syscall_glue_fn)(struct thread *self,
					struct trap_frame *tf);
extern const syscall_glue_fn syscall_table[MLK_SYSCALL_LIMIT];
/*
 * The LEAF calls' glue, NULL for the others: svc #3 runs these from
 * vectors.S with only x0..x7, x18, x19 and x30 in the frame (the return
 * state is not saved) and no scheduling after, which syscalls.def's LEAF
 * contract makes safe.
 */
extern const syscall_glue_fn syscall_leaf_table[MLK_SYSCALL_LIMIT];

/* Run the system call in the thread's saved registers (from svc #0). */
void syscall_dispatch(struct thread *self);
/*
 * A system call from user space (the arch's entry code): run it, then
 * resume `resume`, maybe another thread's registers.  The entry code
 * leaves the caller's callee-saved registers in the registers, where the
 * C code keeps them too; when another thread resumes, it stores them in
 * `keep` (the caller's frame, or a scratch one if the caller died: its
 * frame may be freed already).  keep is NULL when the caller resumes.
 * Two pointers, so that they come back in two registers.
 */
struct syscall_exit {
	struct trap_frame *resume;
	struct trap_frame *keep;
};
struct syscall_exit syscall_entry(struct thread *self);
/*
 * call and reply_recv first try their fast path, in assembly
 * (arch/aarch64/fastpath.S), which falls back on syscall_entry.
 */

#endif
