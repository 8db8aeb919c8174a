/*
 * Quotas (see process.h): what each process may charge for its objects
 * and pages.  Its own file, so that unit tests of the object layer link
 * the real rule without the rest of the process code.
 *
 * A quota is a limit, not a reservation (HACKING.md, "Memory quotas"):
 * a process's `used` is what it and every process below it hold, a
 * charge counts in the process and in each ancestor, and it is refused
 * when it would take any of them past its quota.  Making a process
 * charges its parent nothing for the child's quota, so quotas may add
 * up to more than the RAM there is; RAM that runs out first is the
 * allocator's NO_MEMORY.  What a dead process paid for stays charged to
 * it, and so to its ancestors, until it is freed.
 */
#include "panic.h"
#include "process.h"

/* Would `bytes` more take p past its quota? */
static bool over(const struct process *p, uint64_t bytes)
{
	return p->used > p->quota || bytes > p->quota - p->used;
}

mlk_status_t quota_charge(struct process *p, uint64_t bytes)
{
	for (struct process *q = p; q; q = q->parent)
		if (over(q, bytes))
			return MLK_ERR_NO_MEMORY;
	for (struct process *q = p; q; q = q->parent)
		q->used += bytes;
	return MLK_OK;
}

void quota_release(struct process *p, uint64_t bytes)
{
	for (struct process *q = p; q; q = q->parent) {
		BUG_ON(bytes > q->used);
		q->used -= bytes;
	}
}
