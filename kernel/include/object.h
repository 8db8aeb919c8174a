/*
 * Kernel objects: everything a handle can name.
 *
 * An object counts its references (handles and the kernel's own) and is
 * destroyed when the last one goes.  The memory of every object is charged
 * to the process that asked for it, against that process's quota, and
 * given back when the object is destroyed.
 */
#ifndef MLK_KERNEL_OBJECT_H
#define MLK_KERNEL_OBJECT_H

#include "compiler.h"

#include <mlk/handle.h>
#include <mlk/status.h>

struct process;

/* Status codes inside the kernel: mlk/status.h plus this one, which a
 * system call returns when the caller blocked and its result comes later. */
#define SYS_BLOCKED ((mlk_status_t)-1)

struct kobj {
	uint8_t type; /* enum mlk_object_type */
	uint8_t flags;
	uint32_t handles; /* how many handles name it, in all processes */
	uint32_t refs;	  /* handles + kernel references */
	uint32_t offset;  /* of this struct within the allocation */
	uint64_t id;	  /* unique for the life of the system */
	struct process *payer;
	uint64_t charge; /* bytes charged to payer */
};

/*
 * Allocate a zeroed object of `size` bytes charged to `payer` (NULL: the
 * kernel pays); one reference.  NULL and *err = MLK_ERR_NO_MEMORY when the
 * quota or the heap is exhausted.
 */
void *kobj_alloc(struct process *payer, size_t size, unsigned type,
		 mlk_status_t *err);
/* The same for a structure whose struct kobj is at `offset` (threads keep
 * their trap frame first); returns the start of the structure. */
void *kobj_alloc_at(struct process *payer, size_t size, size_t offset,
		    unsigned type, mlk_status_t *err);
void kobj_get(struct kobj *o);
void kobj_put(struct kobj *o);

/* Charge extra bytes of kernel memory to an object's payer. */
mlk_status_t kobj_charge(struct kobj *o, uint64_t bytes);
void kobj_uncharge(struct kobj *o, uint64_t bytes);

/* Per-type hooks, called by kobj_put and the handle table. */
struct kobj_ops {
	void (*destroy)(struct kobj *o);
	/* A handle with `rights` to the object was created, or closed
	 * (closing carries the handle's badge too; a handle moved to another
	 * table is neither). */
	void (*handle_opened)(struct kobj *o, uint32_t rights);
	void (*handle_closed)(struct kobj *o, uint32_t rights, uint64_t badge);
};
extern const struct kobj_ops *const kobj_ops[MLK_OBJ_TYPE_COUNT];

/* Copy a name, truncating to fit `size` with its NUL. */
void kobj_set_name(char *dst, const char *src, size_t size);

#endif
