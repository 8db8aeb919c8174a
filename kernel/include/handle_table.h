/*
 * Per-process handle tables.
 *
 * Slot 0 is never used, so handle 0 (MLK_HANDLE_NONE) is never valid.  A
 * handle is index | generation << 16; closing a slot bumps its generation,
 * so the old value no longer matches (a stale handle).  The table grows by
 * doubling, charged to the owning process.
 */
#ifndef MLK_KERNEL_HANDLE_TABLE_H
#define MLK_KERNEL_HANDLE_TABLE_H

#include "object.h"

struct handle_entry {
	struct kobj *obj; /* NULL: free */
	uint64_t badge;	  /* endpoints: what the receiver sees */
	uint32_t rights;
	uint16_t gen;
	uint16_t reserved; /* a slot kept for install_at (self handles) */
	uint32_t next_free;
};

struct handle_table {
	struct handle_entry *slots;
	uint32_t capacity;
	uint32_t count;	    /* live handles */
	uint32_t free_head; /* 0: none */
	struct process *owner;
	/* Handles in this table that name its owner: they do not keep the
	 * owner reachable (process_unreachable). */
	uint32_t self_handles;
};

/* Slots of a table, slot 0 (MLK_HANDLE_NONE) included. */
#define HANDLE_TABLE_MAX (1u << MLK_HANDLE_INDEX_BITS)
_Static_assert(HANDLE_TABLE_MAX == MLK_HANDLES_MAX + 1, "mlk/handle.h");

mlk_status_t handle_table_init(struct handle_table *t, struct process *owner,
			       uint32_t reserved_slots);
/* Close every handle and free the table. */
void handle_table_destroy(struct handle_table *t);

/*
 * Add a handle for obj; takes a reference to it.  MLK_ERR_NO_RESOURCES
 * when the table is at its limit, MLK_ERR_NO_MEMORY when it cannot grow.
 */
mlk_status_t handle_install(struct handle_table *t, struct kobj *obj,
			    uint32_t rights, uint64_t badge, mlk_handle_t *out);
/* Fill reserved slot `index` (1..reserved_slots). */
mlk_status_t handle_install_at(struct handle_table *t, uint32_t index,
			       struct kobj *obj, uint32_t rights,
			       uint64_t badge, mlk_handle_t *out);
/*
 * Find handle h: MLK_ERR_BAD_HANDLE if it is not live (or stale),
 * MLK_ERR_WRONG_TYPE if type is not MLK_OBJ_NONE and differs,
 * MLK_ERR_ACCESS_DENIED if it lacks any of `rights`.
 */
static inline mlk_status_t handle_lookup(struct handle_table *t, mlk_handle_t h,
					 unsigned type, uint32_t rights,
					 struct handle_entry **out)
{
	uint32_t index = MLK_HANDLE_INDEX(h);
	struct handle_entry *e;

	/* Inline: every system call that names an object starts here. */
	if (unlikely(index == 0 || index >= t->capacity ||
		     (h >> (MLK_HANDLE_INDEX_BITS + MLK_HANDLE_GEN_BITS))))
		return MLK_ERR_BAD_HANDLE;
	e = &t->slots[index];
	if (unlikely(!e->obj || e->gen != MLK_HANDLE_GEN(h)))
		return MLK_ERR_BAD_HANDLE;
	if (unlikely(type != MLK_OBJ_NONE && e->obj->type != type))
		return MLK_ERR_WRONG_TYPE;
	if (unlikely((e->rights & rights) != rights))
		return MLK_ERR_ACCESS_DENIED;
	*out = e;
	return MLK_OK;
}
mlk_status_t handle_close(struct handle_table *t, mlk_handle_t h);
/*
 * Moving a handle to another table: reserve room in the destination
 * first (handle_reserve), then take the entry out of the source
 * (handle_take: the reference goes with it, no close hooks run) and put it
 * in (handle_install_taken, which cannot fail after a reservation).
 */
mlk_status_t handle_reserve(struct handle_table *t, uint32_t n);
mlk_status_t handle_take(struct handle_table *t, mlk_handle_t h,
			 struct handle_entry *out);
mlk_handle_t handle_install_taken(struct handle_table *t,
				  const struct handle_entry *moved);

#endif
