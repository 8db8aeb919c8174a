/*
 * Kernel objects (see object.h).
 */
#include "object.h"

#include "heap.h"
#include "kstring.h"
#include "process.h"

extern const struct kobj_ops endpoint_ops, notification_ops, reply_ops,
	memobj_ops, aspace_ops, process_ops, thread_ops, irq_ops;

const struct kobj_ops *const kobj_ops[MLK_OBJ_TYPE_COUNT] = {
	[MLK_OBJ_PROCESS] = &process_ops,
	[MLK_OBJ_THREAD] = &thread_ops,
	[MLK_OBJ_ASPACE] = &aspace_ops,
	[MLK_OBJ_ENDPOINT] = &endpoint_ops,
	[MLK_OBJ_NOTIFICATION] = &notification_ops,
	[MLK_OBJ_MEMORY] = &memobj_ops,
	[MLK_OBJ_DEVICE] = &memobj_ops,
	[MLK_OBJ_IRQ] = &irq_ops,
	[MLK_OBJ_REPLY] = &reply_ops,
};

static uint64_t next_id = 1;

void kobj_set_name(char *dst, const char *src, size_t size)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = 0;
}

void *kobj_alloc_at(struct process *payer, size_t size, size_t offset,
		    unsigned type, mlk_status_t *err)
{
	char *base;
	struct kobj *o;

	*err = quota_charge(payer, size);
	if (*err != MLK_OK)
		return NULL;
	base = kzalloc(size);
	if (!base) {
		quota_release(payer, size);
		*err = MLK_ERR_NO_MEMORY;
		return NULL;
	}
	o = (struct kobj *)(base + offset);
	o->type = (uint8_t)type;
	o->refs = 1;
	o->offset = (uint32_t)offset;
	o->id = next_id++;
	o->payer = payer;
	o->charge = size;
	if (payer)
		kobj_get(&payer->obj); /* the payer outlives what it paid for */
	return base;
}

void *kobj_alloc(struct process *payer, size_t size, unsigned type,
		 mlk_status_t *err)
{
	return kobj_alloc_at(payer, size, 0, type, err);
}

void kobj_get(struct kobj *o)
{
	o->refs++;
}

void kobj_put(struct kobj *o)
{
	if (--o->refs)
		return;
	const struct kobj_ops *ops = kobj_ops[o->type];
	if (ops && ops->destroy)
		ops->destroy(o);
	struct process *payer = o->payer;
	quota_release(payer, o->charge);
	kfree((char *)o - o->offset);
	if (payer)
		kobj_put(&payer->obj);
}

mlk_status_t kobj_charge(struct kobj *o, uint64_t bytes)
{
	mlk_status_t st = quota_charge(o->payer, bytes);

	if (st == MLK_OK)
		o->charge += bytes;
	return st;
}

void kobj_uncharge(struct kobj *o, uint64_t bytes)
{
	quota_release(o->payer, bytes);
	o->charge -= bytes;
}
