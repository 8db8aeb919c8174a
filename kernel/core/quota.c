/*
 * Quotas (see process.h): what each process may charge for the kernel
 * memory of its objects.  Its own file, so that unit tests of the object
 * layer link the real rule without the rest of the process code.
 */
#include "panic.h"
#include "process.h"

/*
 * A dead process gave its parent back all of its quota (process_kill),
 * though objects it paid for may live on elsewhere and stay charged to
 * it until they go.  What is charged to it afterwards, say fresh pages of
 * memory a child it left running uses, is borrowed from the parent and
 * paid back there when freed: the child keeps working, and the parent's
 * quota backs every byte charged since the death.
 */
mlk_status_t quota_charge(struct process *p, uint64_t bytes)
{
	if (!p)
		return MLK_OK;
	if (p->state == PROC_DEAD) {
		mlk_status_t st = quota_charge(p->parent, bytes);
		if (st != MLK_OK)
			return st;
		p->borrowed += bytes;
		p->quota += bytes;
		p->used += bytes;
		return MLK_OK;
	}
	if (bytes > p->quota - p->used)
		return MLK_ERR_NO_MEMORY;
	p->used += bytes;
	return MLK_OK;
}

void quota_release(struct process *p, uint64_t bytes)
{
	if (!p)
		return;
	BUG_ON(bytes > p->used);
	p->used -= bytes;
	if (p->state == PROC_DEAD && p->borrowed) {
		uint64_t back = bytes < p->borrowed ? bytes : p->borrowed;
		p->borrowed -= back;
		p->quota -= back;
		quota_release(p->parent, back);
	}
}
