/*
 * Handle tables (see handle_table.h).
 */
#include "handle_table.h"

#include "heap.h"
#include "kstring.h"
#include "process.h"

#define INITIAL_SLOTS 32

static uint16_t next_gen(uint16_t gen)
{
	gen = (uint16_t)((gen + 1) & MLK_HANDLE_GEN_MASK);
	return gen ? gen : 1;
}

static void push_free(struct handle_table *t, uint32_t index)
{
	t->slots[index].next_free = t->free_head;
	t->free_head = index;
}

/* Free slots [from, to) go on the free list, lowest index first out. */
static void add_free_slots(struct handle_table *t, uint32_t from, uint32_t to)
{
	for (uint32_t i = to; i-- > from;) {
		t->slots[i] = (struct handle_entry){ .gen = 1 };
		push_free(t, i);
	}
}

mlk_status_t handle_table_init(struct handle_table *t, struct process *owner,
			       uint32_t reserved_slots)
{
	uint64_t bytes = INITIAL_SLOTS * sizeof(struct handle_entry);
	mlk_status_t st = quota_charge(owner, bytes);

	if (st != MLK_OK)
		return st;
	memset(t, 0, sizeof(*t));
	t->slots = kmalloc(bytes);
	if (!t->slots) {
		quota_release(owner, bytes);
		return MLK_ERR_NO_MEMORY;
	}
	t->owner = owner;
	t->capacity = INITIAL_SLOTS;
	add_free_slots(t, reserved_slots + 1, INITIAL_SLOTS);
	t->slots[0] = (struct handle_entry){ .reserved = 1 };
	for (uint32_t i = 1; i <= reserved_slots; i++)
		t->slots[i] = (struct handle_entry){ .gen = 1, .reserved = 1 };
	return MLK_OK;
}

static mlk_status_t grow(struct handle_table *t)
{
	uint32_t cap = t->capacity * 2;
	uint64_t old_bytes = t->capacity * sizeof(struct handle_entry);
	uint64_t bytes = cap * sizeof(struct handle_entry);

	if (t->capacity >= HANDLE_TABLE_MAX)
		return MLK_ERR_NO_RESOURCES;
	if (cap > HANDLE_TABLE_MAX)
		cap = HANDLE_TABLE_MAX;
	mlk_status_t st = quota_charge(t->owner, bytes - old_bytes);
	if (st != MLK_OK)
		return st;
	struct handle_entry *slots = kmalloc(bytes);
	if (!slots) {
		quota_release(t->owner, bytes - old_bytes);
		return MLK_ERR_NO_MEMORY;
	}
	memcpy(slots, t->slots, old_bytes);
	kfree(t->slots);
	t->slots = slots;
	add_free_slots(t, t->capacity, cap);
	t->capacity = cap;
	return MLK_OK;
}

static void count_self(struct handle_table *t, const struct kobj *obj,
		       int delta)
{
	if (t->owner && obj == &t->owner->obj)
		t->self_handles += (uint32_t)delta;
}

static mlk_handle_t fill(struct handle_table *t, uint32_t index,
			 struct kobj *obj, uint32_t rights, uint64_t badge)
{
	struct handle_entry *e = &t->slots[index];

	e->obj = obj;
	e->rights = rights;
	e->badge = badge;
	t->count++;
	count_self(t, obj, 1);
	kobj_get(obj);
	obj->handles++;
	if (kobj_ops[obj->type] && kobj_ops[obj->type]->handle_opened)
		kobj_ops[obj->type]->handle_opened(obj, rights);
	return MLK_HANDLE_MAKE(index, e->gen);
}

mlk_status_t handle_install(struct handle_table *t, struct kobj *obj,
			    uint32_t rights, uint64_t badge, mlk_handle_t *out)
{
	if (!t->free_head) {
		mlk_status_t st = grow(t);
		if (st != MLK_OK)
			return st;
	}
	uint32_t index = t->free_head;
	t->free_head = t->slots[index].next_free;
	*out = fill(t, index, obj, rights, badge);
	return MLK_OK;
}

mlk_status_t handle_install_at(struct handle_table *t, uint32_t index,
			       struct kobj *obj, uint32_t rights,
			       uint64_t badge, mlk_handle_t *out)
{
	if (index == 0 || index >= t->capacity || !t->slots[index].reserved ||
	    t->slots[index].obj)
		return MLK_ERR_BAD_STATE;
	*out = fill(t, index, obj, rights, badge);
	return MLK_OK;
}

/* Empty slot `index`: bump its generation, put it back on the free list. */
static void release_slot(struct handle_table *t, uint32_t index)
{
	struct handle_entry *e = &t->slots[index];

	count_self(t, e->obj, -1);
	e->obj = NULL;
	e->rights = 0;
	e->badge = 0;
	e->gen = next_gen(e->gen);
	t->count--;
	if (e->reserved)
		e->reserved = 0; /* a closed self handle is an ordinary slot */
	push_free(t, index);
}

static void drop_handle_ref(struct kobj *obj, uint32_t rights, uint64_t badge)
{
	obj->handles--;
	if (kobj_ops[obj->type] && kobj_ops[obj->type]->handle_closed)
		kobj_ops[obj->type]->handle_closed(obj, rights, badge);
	kobj_put(obj);
}

mlk_status_t handle_close(struct handle_table *t, mlk_handle_t h)
{
	struct handle_entry *e;
	mlk_status_t st = handle_lookup(t, h, MLK_OBJ_NONE, 0, &e);

	if (st != MLK_OK)
		return st;
	struct kobj *obj = e->obj;
	uint32_t rights = e->rights;
	uint64_t badge = e->badge;
	release_slot(t, MLK_HANDLE_INDEX(h));
	drop_handle_ref(obj, rights, badge);
	return MLK_OK;
}

mlk_status_t handle_take(struct handle_table *t, mlk_handle_t h,
			 struct handle_entry *out)
{
	struct handle_entry *e;
	mlk_status_t st = handle_lookup(t, h, MLK_OBJ_NONE, 0, &e);

	if (st != MLK_OK)
		return st;
	*out = *e;
	/* The reference and the handle count travel with *out: a move is
	 * neither a close nor an open for the object's hooks. */
	release_slot(t, MLK_HANDLE_INDEX(h));
	return MLK_OK;
}

mlk_status_t handle_reserve(struct handle_table *t, uint32_t n)
{
	uint32_t free = 0;

	for (uint32_t i = t->free_head; i && free < n;
	     i = t->slots[i].next_free)
		free++;
	while (free < n) {
		uint32_t before = t->capacity;
		mlk_status_t st = grow(t);
		if (st != MLK_OK)
			return st;
		free += t->capacity - before;
	}
	return MLK_OK;
}

mlk_handle_t handle_install_taken(struct handle_table *t,
				  const struct handle_entry *moved)
{
	uint32_t index = t->free_head;
	struct handle_entry *e = &t->slots[index];

	t->free_head = e->next_free;
	e->obj = moved->obj;
	e->rights = moved->rights;
	e->badge = moved->badge;
	t->count++;
	count_self(t, e->obj, 1);
	return MLK_HANDLE_MAKE(index, e->gen);
}

void handle_table_destroy(struct handle_table *t)
{
	if (!t->slots)
		return;
	for (uint32_t i = 1; i < t->capacity; i++) {
		struct handle_entry *e = &t->slots[i];
		if (e->obj) {
			struct kobj *obj = e->obj;
			uint32_t rights = e->rights;
			uint64_t badge = e->badge;
			release_slot(t, i);
			drop_handle_ref(obj, rights, badge);
		}
	}
	quota_release(t->owner, t->capacity * sizeof(struct handle_entry));
	kfree(t->slots);
	t->slots = NULL;
	t->capacity = 0;
}
