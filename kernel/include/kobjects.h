/*
 * Looking up a handle of the calling process as an object of a given
 * type, for the system call implementations.
 */
#ifndef MLK_KERNEL_KOBJECTS_H
#define MLK_KERNEL_KOBJECTS_H

#include "handle_table.h"
#include "ipc.h"
#include "process.h"
#include "thread.h"
#include "vm.h"

/* The kernel's singletons: the root authority and the debug console. */
extern struct kobj system_object;
extern struct kobj log_object;

/*
 * The object handle h of self's process names, if it has type `type` and
 * at least `rights`; *entry (optional) gets the handle's slot.
 */
static inline mlk_status_t lookup(struct thread *self, mlk_handle_t h,
				  unsigned type, uint32_t rights, void **obj,
				  struct handle_entry **entry)
{
	struct handle_entry *e;
	mlk_status_t st =
		handle_lookup(&self->proc->handles, h, type, rights, &e);

	if (st != MLK_OK)
		return st;
	*obj = e->obj;
	if (entry)
		*entry = e;
	return MLK_OK;
}

/* For types whose struct kobj comes first; threads need container_of. */
#define LOOKUP(self, h, type, rights, ptr)                                     \
	lookup(self, h, type, rights, (void **)(ptr), NULL)

/* Install a handle for obj in self's process and drop the creation
 * reference (the handle now holds the object). */
static inline mlk_status_t give_new(struct thread *self, struct kobj *obj,
				    uint32_t rights, mlk_handle_t *out)
{
	mlk_status_t st =
		handle_install(&self->proc->handles, obj, rights, 0, out);

	kobj_put(obj);
	return st;
}

#endif
