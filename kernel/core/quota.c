/*
 * Quotas (see process.h): what each process may charge for the kernel
 * memory of its objects.  Its own file, so that unit tests of the object
 * layer link the real rule without the rest of the process code.
 */
#include "panic.h"
#include "process.h"

/*
 * A dead process gave its parent back all of its quota it was not using
 * (process_kill).  Objects it paid for may live on elsewhere, say the
 * memory of a child it left running: what they still cost is borrowed
 * from the parent when charged and goes back there when freed, so the
 * parent's quota backs every byte and a surviving child keeps working.
 */
mlk_status_t quota_charge(struct process *p, uint64_t bytes)
{
	if (!p)
		return MLK_OK;
	if (p->state == PROC_DEAD) {
		mlk_status_t st = quota_charge(p->parent, bytes);
		if (st != MLK_OK)
			return st;
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
	if (p->state == PROC_DEAD) {
		p->quota -= bytes;
		quota_release(p->parent, bytes);
	}
}
