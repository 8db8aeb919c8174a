/*
 * Unit tests of handle tables (kernel/core/handle_table.c) and object
 * reference counts (kernel/core/object.c), on the real heap and PMM over
 * fake RAM.
 *
 * The objects are probes: endpoints here log their handle hooks and their
 * destruction to the event log of mock_hal.c ("open ep 0x30;"), memory
 * objects log only their destruction, and the other types have no hooks.
 * The owner of a table is a bare process object with a quota, charged by
 * the kernel's own rule (quota.c; process.c, which needs the whole kernel,
 * is not linked).
 */
#include "handle_table.h"

#include <arch/memlayout.h>

#include "heap.h"
#include "pmm.h"
#include "process.h"
#include "unit.h"

#define MIB (1024 * 1024)
#define RAM_BYTES (16 * MIB)
#define RESERVED 3
#define INITIAL_SLOTS 32 /* handle_table.c's */
#define SLOT_BYTES sizeof(struct handle_entry)
#define EP_RIGHTS (MLK_RIGHT_SEND | MLK_RIGHT_RECV | MLK_RIGHTS_BASIC)

/* ---- The world around the table ------------------------------------------ */

struct probe {
	struct kobj obj;
	char name[8];
};

static const char *probe_name(struct kobj *o)
{
	return container_of(o, struct probe, obj)->name;
}

static void probe_destroy(struct kobj *o)
{
	mock_event("destroy %s", probe_name(o));
}

static void probe_opened(struct kobj *o, uint32_t rights)
{
	mock_event("open %s %#x handles=%u", probe_name(o), rights, o->handles);
}

static void probe_closed(struct kobj *o, uint32_t rights, uint64_t badge)
{
	if (badge)
		mock_event("close %s %#x badge=%#llx handles=%u", probe_name(o),
			   rights, (unsigned long long)badge, o->handles);
	else
		mock_event("close %s %#x handles=%u", probe_name(o), rights,
			   o->handles);
}

const struct kobj_ops endpoint_ops = {
	.destroy = probe_destroy,
	.handle_opened = probe_opened,
	.handle_closed = probe_closed,
};
const struct kobj_ops memobj_ops = { .destroy = probe_destroy };
const struct kobj_ops notification_ops = { .destroy = NULL };
const struct kobj_ops reply_ops = { .destroy = NULL };
const struct kobj_ops aspace_ops = { .destroy = NULL };
const struct kobj_ops process_ops = { .destroy = NULL };
const struct kobj_ops thread_ops = { .destroy = NULL };
const struct kobj_ops irq_ops = { .destroy = NULL };

static struct process *owner;
static struct handle_table table;

static struct process *new_owner(uint64_t quota)
{
	mlk_status_t st;
	struct process *p = kobj_alloc(NULL, sizeof(*p), MLK_OBJ_PROCESS, &st);

	ck_assert_ptr_nonnull(p);
	p->quota = quota;
	return p;
}

/* A probe of `type` paid by `payer`, holding its creation reference. */
static struct kobj *new_probe(struct process *payer, unsigned type,
			      const char *name)
{
	mlk_status_t st = MLK_ERR_FAILED;
	struct probe *p = kobj_alloc(payer, sizeof(*p), type, &st);

	ck_assert_int_eq(st, MLK_OK);
	ck_assert_ptr_nonnull(p);
	snprintf(p->name, sizeof(p->name), "%s", name);
	return &p->obj;
}

static mlk_handle_t install(struct handle_table *t, struct kobj *o,
			    uint32_t rights, uint64_t badge)
{
	mlk_handle_t h = MLK_HANDLE_NONE;

	ck_assert_int_eq(handle_install(t, o, rights, badge, &h), MLK_OK);
	ck_assert_uint_ne(h, MLK_HANDLE_NONE);
	return h;
}

static mlk_status_t lookup(mlk_handle_t h, unsigned type, uint32_t rights)
{
	struct handle_entry *e;

	return handle_lookup(&table, h, type, rights, &e);
}

/* Install handles to `o` until the free list is empty. */
static void fill_free_slots(struct handle_table *t, struct kobj *o)
{
	while (t->free_head)
		install(t, o, MLK_RIGHT_READ, 0);
}

static void setup(void)
{
	uint64_t ram = unit_alloc_ram(RAM_BYTES, MIB);
	struct mem_range r = { ram, RAM_BYTES };

	ck_assert_int_eq(pmm_init(&r, 1, NULL, 0), PMM_OK);
	owner = new_owner(4 * MIB);
	ck_assert_int_eq(handle_table_init(&table, owner, RESERVED), MLK_OK);
}

/* ---- init ---------------------------------------------------------------- */

START_TEST(init_reserves_slots_and_charges_the_owner)
{
	ck_assert_uint_eq(table.capacity, INITIAL_SLOTS);
	ck_assert_uint_eq(table.count, 0);
	ck_assert_ptr_eq(table.owner, owner);
	ck_assert_uint_eq(owner->used, INITIAL_SLOTS * SLOT_BYTES);
	for (uint32_t i = 0; i <= RESERVED; i++) {
		ck_assert_ptr_null(table.slots[i].obj);
		ck_assert_uint_eq(table.slots[i].reserved, 1);
	}
	/* The first ordinary handle: the first slot after the reserved
	 * ones, generation 1. */
	struct kobj *o = new_probe(owner, MLK_OBJ_MEMORY, "m");
	mlk_handle_t h = install(&table, o, MLK_RIGHT_READ, 0);
	ck_assert_uint_eq(h, MLK_HANDLE_MAKE(RESERVED + 1, 1));
	ck_assert_uint_eq(h, (RESERVED + 1) | 1u << 16);
	ck_assert_uint_eq(table.count, 1);
}
END_TEST

START_TEST(init_refused_when_the_quota_is_short)
{
	struct process *poor = new_owner(INITIAL_SLOTS * SLOT_BYTES - 1);
	struct handle_table t;

	ck_assert_int_eq(handle_table_init(&t, poor, RESERVED),
			 MLK_ERR_NO_MEMORY);
	ck_assert_uint_eq(poor->used, 0);
	poor->quota = INITIAL_SLOTS * SLOT_BYTES;
	ck_assert_int_eq(handle_table_init(&t, poor, RESERVED), MLK_OK);
	ck_assert_uint_eq(poor->used, poor->quota);
	handle_table_destroy(&t);
	ck_assert_uint_eq(poor->used, 0);
}
END_TEST

/* ---- install, lookup, close ---------------------------------------------- */

START_TEST(install_lookup_close)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_ENDPOINT, "ep");
	struct handle_entry *e = NULL;
	mlk_handle_t h = install(&table, o, EP_RIGHTS, 0xbadc0de);

	ck_assert_int_eq(
		handle_lookup(&table, h, MLK_OBJ_ENDPOINT, MLK_RIGHT_SEND, &e),
		MLK_OK);
	ck_assert_ptr_eq(e->obj, o);
	ck_assert_uint_eq(e->rights, EP_RIGHTS);
	ck_assert_uint_eq(e->badge, 0xbadc0de);
	ck_assert_uint_eq(o->refs, 2); /* creation + handle */
	ck_assert_uint_eq(o->handles, 1);

	ck_assert_int_eq(handle_close(&table, h), MLK_OK);
	ck_assert_int_eq(lookup(h, MLK_OBJ_NONE, 0), MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(handle_close(&table, h), MLK_ERR_BAD_HANDLE);
	ck_assert_uint_eq(table.count, 0);
	ck_assert_uint_eq(o->refs, 1);
	ck_assert_uint_eq(o->handles, 0);
	ck_assert_str_eq(mock_events(),
			 "open ep 0x330 handles=1;"
			 "close ep 0x330 badge=0xbadc0de handles=0;");
}
END_TEST

START_TEST(slot_zero_is_never_a_handle)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_MEMORY, "m");

	ck_assert_int_eq(lookup(MLK_HANDLE_NONE, MLK_OBJ_NONE, 0),
			 MLK_ERR_BAD_HANDLE);
	for (uint32_t gen = 0; gen < 4; gen++)
		ck_assert_int_eq(
			lookup(MLK_HANDLE_MAKE(0, gen), MLK_OBJ_NONE, 0),
			MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(handle_close(&table, MLK_HANDLE_NONE),
			 MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(
		handle_install_at(&table, 0, o, 0, 0, &(mlk_handle_t){ 0 }),
		MLK_ERR_BAD_STATE);
	/* Not even after filling, growing and emptying the table. */
	mlk_handle_t hs[100];
	for (int i = 0; i < 100; i++) {
		hs[i] = install(&table, o, 0, 0);
		ck_assert_uint_ne(MLK_HANDLE_INDEX(hs[i]), 0);
	}
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(handle_close(&table, hs[i]), MLK_OK);
	for (int i = 0; i < 200; i++)
		ck_assert_uint_ne(MLK_HANDLE_INDEX(install(&table, o, 0, 0)),
				  0);
	ck_assert_ptr_null(table.slots[0].obj);
}
END_TEST

START_TEST(closed_handles_go_stale)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_MEMORY, "m");
	mlk_handle_t h1 = install(&table, o, MLK_RIGHT_READ, 0);

	ck_assert_int_eq(handle_close(&table, h1), MLK_OK);
	ck_assert_int_eq(lookup(h1, MLK_OBJ_NONE, 0), MLK_ERR_BAD_HANDLE);
	/* The slot is reused at once (last freed, first out) with the next
	 * generation: the old value still does not name it. */
	mlk_handle_t h2 = install(&table, o, MLK_RIGHT_WRITE, 0);
	ck_assert_uint_eq(MLK_HANDLE_INDEX(h2), MLK_HANDLE_INDEX(h1));
	ck_assert_uint_eq(MLK_HANDLE_GEN(h2), MLK_HANDLE_GEN(h1) + 1);
	ck_assert_uint_eq(h2, MLK_HANDLE_INDEX(h1) | 2u << 16);
	ck_assert_int_eq(lookup(h1, MLK_OBJ_NONE, 0), MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(handle_close(&table, h1), MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(lookup(h2, MLK_OBJ_NONE, MLK_RIGHT_WRITE), MLK_OK);
	/* A generation the slot never had. */
	ck_assert_int_eq(lookup(MLK_HANDLE_MAKE(MLK_HANDLE_INDEX(h1), 3),
				MLK_OBJ_NONE, 0),
			 MLK_ERR_BAD_HANDLE);
}
END_TEST

START_TEST(generation_wraps_but_never_to_zero)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_MEMORY, "m");
	mlk_handle_t h = install(&table, o, 0, 0);
	uint32_t index = MLK_HANDLE_INDEX(h);

	for (uint32_t gen = 1; gen < MLK_HANDLE_GEN_MASK; gen++) {
		ck_assert_uint_eq(MLK_HANDLE_GEN(h), gen);
		ck_assert_int_eq(handle_close(&table, h), MLK_OK);
		h = install(&table, o, 0, 0);
		ck_assert_uint_eq(MLK_HANDLE_INDEX(h), index);
	}
	ck_assert_uint_eq(MLK_HANDLE_GEN(h), MLK_HANDLE_GEN_MASK);
	ck_assert_int_eq(handle_close(&table, h), MLK_OK);
	h = install(&table, o, 0, 0);
	ck_assert_uint_eq(h, MLK_HANDLE_MAKE(index, 1));
}
END_TEST

START_TEST(bad_values_are_bad_handles)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_MEMORY, "m");
	mlk_handle_t h = install(&table, o, MLK_RIGHTS_ALL, 0);

	ck_assert_int_eq(lookup(h, MLK_OBJ_NONE, 0), MLK_OK);
	/* Bit 31 is neither index nor generation. */
	ck_assert_int_eq(lookup(h | 1u << 31, MLK_OBJ_NONE, 0),
			 MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(handle_close(&table, h | 1u << 31),
			 MLK_ERR_BAD_HANDLE);
	/* Past the table, a free slot, an empty reserved slot. */
	ck_assert_int_eq(
		lookup(MLK_HANDLE_MAKE(INITIAL_SLOTS, 1), MLK_OBJ_NONE, 0),
		MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(lookup(MLK_HANDLE_MAKE(0xffff, 1), MLK_OBJ_NONE, 0),
			 MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(lookup(MLK_HANDLE_MAKE(MLK_HANDLE_INDEX(h) + 1, 1),
				MLK_OBJ_NONE, 0),
			 MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(lookup(MLK_HANDLE_MAKE(1, 1), MLK_OBJ_NONE, 0),
			 MLK_ERR_BAD_HANDLE);
	ck_assert_uint_eq(table.count, 1);
}
END_TEST

/* The checks come in order: live, then type, then rights. */
START_TEST(lookup_checks_type_then_rights)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_MEMORY, "m");
	mlk_handle_t h = install(&table, o, MLK_RIGHT_READ | MLK_RIGHT_MAP, 0);

	ck_assert_int_eq(lookup(h, MLK_OBJ_MEMORY, 0), MLK_OK);
	ck_assert_int_eq(lookup(h, MLK_OBJ_NONE, 0), MLK_OK); /* any type */
	ck_assert_int_eq(lookup(h, MLK_OBJ_MEMORY, MLK_RIGHT_READ), MLK_OK);
	ck_assert_int_eq(
		lookup(h, MLK_OBJ_MEMORY, MLK_RIGHT_READ | MLK_RIGHT_MAP),
		MLK_OK);
	ck_assert_int_eq(lookup(h, MLK_OBJ_ENDPOINT, 0), MLK_ERR_WRONG_TYPE);
	ck_assert_int_eq(lookup(h, MLK_OBJ_MEMORY, MLK_RIGHT_WRITE),
			 MLK_ERR_ACCESS_DENIED);
	/* One right of two missing is enough. */
	ck_assert_int_eq(
		lookup(h, MLK_OBJ_MEMORY, MLK_RIGHT_READ | MLK_RIGHT_WRITE),
		MLK_ERR_ACCESS_DENIED);
	ck_assert_int_eq(lookup(h, MLK_OBJ_NONE, MLK_RIGHT_WRITE),
			 MLK_ERR_ACCESS_DENIED);
	/* Wrong type and missing rights: the type is reported. */
	ck_assert_int_eq(lookup(h, MLK_OBJ_ENDPOINT, MLK_RIGHT_SEND),
			 MLK_ERR_WRONG_TYPE);
	/* Stale, wrong type and missing rights: the handle is reported. */
	ck_assert_int_eq(handle_close(&table, h), MLK_OK);
	ck_assert_int_eq(lookup(h, MLK_OBJ_ENDPOINT, MLK_RIGHT_SEND),
			 MLK_ERR_BAD_HANDLE);
}
END_TEST

/* ---- growth -------------------------------------------------------------- */

START_TEST(grows_by_doubling_up_to_the_limit)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_MEMORY, "m");
	uint32_t expect = INITIAL_SLOTS;
	mlk_handle_t first = install(&table, o, MLK_RIGHT_READ, 1);
	mlk_handle_t h = first;

	owner->quota = 8 * MIB;
	for (;;) {
		fill_free_slots(&table, o);
		ck_assert_uint_eq(table.capacity, expect);
		ck_assert_uint_eq(table.count, expect - 1 - RESERVED);
		ck_assert_uint_eq(owner->used - sizeof(struct probe),
				  expect * SLOT_BYTES);
		if (expect == HANDLE_TABLE_MAX)
			break;
		h = install(&table, o, MLK_RIGHT_WRITE, 2);
		expect *= 2;
		ck_assert_uint_eq(table.capacity, expect);
		/* The old slots keep their handles; the new one is the first
		 * slot of the new half. */
		ck_assert_uint_eq(MLK_HANDLE_INDEX(h), expect / 2);
		ck_assert_int_eq(lookup(first, MLK_OBJ_MEMORY, MLK_RIGHT_READ),
				 MLK_OK);
	}
	ck_assert_uint_eq(HANDLE_TABLE_MAX, 65536);
	ck_assert_int_eq(lookup(h, MLK_OBJ_MEMORY, MLK_RIGHT_WRITE), MLK_OK);
	ck_assert_int_eq(lookup(MLK_HANDLE_MAKE(0xffff, 1), MLK_OBJ_MEMORY, 0),
			 MLK_OK);

	uint64_t used = owner->used;
	uint32_t refs = o->refs;
	mlk_handle_t none = MLK_HANDLE_NONE;
	ck_assert_int_eq(handle_install(&table, o, 0, 0, &none),
			 MLK_ERR_NO_RESOURCES);
	ck_assert_int_eq(handle_reserve(&table, 1), MLK_ERR_NO_RESOURCES);
	ck_assert_uint_eq(none, MLK_HANDLE_NONE);
	ck_assert_uint_eq(table.capacity, HANDLE_TABLE_MAX);
	ck_assert_uint_eq(owner->used, used);
	ck_assert_uint_eq(o->refs, refs);
	ck_assert_uint_eq(o->handles, HANDLE_TABLE_MAX - 1 - RESERVED);

	/* A closed slot is usable again. */
	ck_assert_int_eq(handle_close(&table, first), MLK_OK);
	ck_assert_uint_eq(install(&table, o, 0, 0),
			  MLK_HANDLE_MAKE(MLK_HANDLE_INDEX(first), 2));
}
END_TEST

START_TEST(growth_refused_when_the_quota_is_short)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_MEMORY, "m");
	mlk_handle_t first = install(&table, o, MLK_RIGHT_READ, 7);

	fill_free_slots(&table, o);
	/* One byte short of the second half. */
	owner->quota = owner->used + INITIAL_SLOTS * SLOT_BYTES - 1;
	uint64_t used = owner->used;
	uint32_t count = table.count, refs = o->refs;
	struct handle_entry *slots = table.slots;
	mlk_handle_t h = MLK_HANDLE_NONE;

	ck_assert_int_eq(handle_install(&table, o, 0, 0, &h),
			 MLK_ERR_NO_MEMORY);
	ck_assert_int_eq(handle_reserve(&table, 1), MLK_ERR_NO_MEMORY);
	ck_assert_uint_eq(h, MLK_HANDLE_NONE);
	ck_assert_ptr_eq(table.slots, slots);
	ck_assert_uint_eq(table.capacity, INITIAL_SLOTS);
	ck_assert_uint_eq(table.count, count);
	ck_assert_uint_eq(table.free_head, 0);
	ck_assert_uint_eq(owner->used, used);
	ck_assert_uint_eq(o->refs, refs);
	ck_assert_int_eq(lookup(first, MLK_OBJ_MEMORY, MLK_RIGHT_READ), MLK_OK);

	owner->quota++;
	h = install(&table, o, 0, 0);
	ck_assert_uint_eq(MLK_HANDLE_INDEX(h), INITIAL_SLOTS);
	ck_assert_uint_eq(table.capacity, 2 * INITIAL_SLOTS);
	ck_assert_uint_eq(owner->used, owner->quota);
	struct handle_entry *e;
	ck_assert_int_eq(handle_lookup(&table, first, MLK_OBJ_MEMORY,
				       MLK_RIGHT_READ, &e),
			 MLK_OK);
	ck_assert_uint_eq(e->badge, 7);
}
END_TEST

/* ---- reserved slots ------------------------------------------------------ */

START_TEST(install_at_fills_reserved_empty_slots_only)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_ENDPOINT, "ep");
	mlk_handle_t h = MLK_HANDLE_NONE;

	for (uint32_t i = 1; i <= RESERVED; i++) {
		ck_assert_int_eq(
			handle_install_at(&table, i, o, MLK_RIGHT_SEND, i, &h),
			MLK_OK);
		ck_assert_uint_eq(h, MLK_HANDLE_MAKE(i, 1));
	}
	ck_assert_uint_eq(table.count, RESERVED);
	ck_assert_uint_eq(o->handles, RESERVED);
	/* Taken, slot 0, an ordinary slot, beyond the table. */
	mlk_handle_t none = MLK_HANDLE_NONE;
	ck_assert_int_eq(handle_install_at(&table, 1, o, 0, 0, &none),
			 MLK_ERR_BAD_STATE);
	ck_assert_int_eq(handle_install_at(&table, 0, o, 0, 0, &none),
			 MLK_ERR_BAD_STATE);
	ck_assert_int_eq(
		handle_install_at(&table, RESERVED + 1, o, 0, 0, &none),
		MLK_ERR_BAD_STATE);
	ck_assert_int_eq(
		handle_install_at(&table, INITIAL_SLOTS, o, 0, 0, &none),
		MLK_ERR_BAD_STATE);
	ck_assert_uint_eq(none, MLK_HANDLE_NONE);
	ck_assert_uint_eq(table.count, RESERVED);
	ck_assert_uint_eq(o->handles, RESERVED);

	/* Install never hands out a reserved slot, even when full. */
	struct kobj *m = new_probe(owner, MLK_OBJ_MEMORY, "m");
	for (int i = 0; i < 100; i++)
		ck_assert_uint_gt(MLK_HANDLE_INDEX(install(&table, m, 0, 0)),
				  RESERVED);

	/* A closed reserved slot becomes an ordinary one. */
	ck_assert_int_eq(handle_close(&table, MLK_HANDLE_MAKE(1, 1)), MLK_OK);
	ck_assert_int_eq(handle_install_at(&table, 1, o, 0, 0, &none),
			 MLK_ERR_BAD_STATE);
	ck_assert_uint_eq(install(&table, m, 0, 0), MLK_HANDLE_MAKE(1, 2));
}
END_TEST

/* ---- moving handles ------------------------------------------------------ */

START_TEST(take_and_install_taken_move_a_handle)
{
	struct process *other = new_owner(MIB);
	struct handle_table dst;
	struct kobj *o = new_probe(owner, MLK_OBJ_ENDPOINT, "ep");
	mlk_handle_t h = install(&table, o, EP_RIGHTS, 0x5eed);
	struct handle_entry moved, *e;

	ck_assert_int_eq(handle_table_init(&dst, other, 0), MLK_OK);
	mock_events_clear();
	ck_assert_int_eq(handle_reserve(&dst, 1), MLK_OK);
	ck_assert_int_eq(handle_take(&table, h, &moved), MLK_OK);
	ck_assert_int_eq(lookup(h, MLK_OBJ_NONE, 0), MLK_ERR_BAD_HANDLE);
	ck_assert_uint_eq(table.count, 0);
	/* The reference and the handle count travel with the entry. */
	ck_assert_ptr_eq(moved.obj, o);
	ck_assert_uint_eq(o->refs, 2);
	ck_assert_uint_eq(o->handles, 1);

	mlk_handle_t g = handle_install_taken(&dst, &moved);
	ck_assert_uint_eq(g, MLK_HANDLE_MAKE(1, 1)); /* nothing reserved */
	ck_assert_int_eq(
		handle_lookup(&dst, g, MLK_OBJ_ENDPOINT, EP_RIGHTS, &e),
		MLK_OK);
	ck_assert_ptr_eq(e->obj, o);
	ck_assert_uint_eq(e->badge, 0x5eed);
	ck_assert_uint_eq(dst.count, 1);
	ck_assert_uint_eq(o->refs, 2);
	ck_assert_uint_eq(o->handles, 1);
	/* A move is neither a close nor an open. */
	ck_assert_str_eq(mock_events(), "");

	ck_assert_int_eq(handle_close(&dst, g), MLK_OK);
	ck_assert_str_eq(mock_events(),
			 "close ep 0x330 badge=0x5eed handles=0;");
	kobj_put(o);
	ck_assert_str_eq(mock_events(),
			 "close ep 0x330 badge=0x5eed handles=0;destroy ep;");
	handle_table_destroy(&dst);
	ck_assert_uint_eq(other->used, 0);
}
END_TEST

START_TEST(take_refuses_bad_handles)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_MEMORY, "m");
	mlk_handle_t h = install(&table, o, 0, 0);
	struct handle_entry moved = { 0 };

	ck_assert_int_eq(handle_take(&table, h | 1u << 31, &moved),
			 MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(handle_take(&table, MLK_HANDLE_NONE, &moved),
			 MLK_ERR_BAD_HANDLE);
	ck_assert_int_eq(handle_take(&table, h, &moved), MLK_OK);
	ck_assert_int_eq(handle_take(&table, h, &moved), MLK_ERR_BAD_HANDLE);
	/* Back where it came from. */
	ck_assert_int_eq(handle_reserve(&table, 1), MLK_OK);
	mlk_handle_t g = handle_install_taken(&table, &moved);
	ck_assert_uint_eq(g, MLK_HANDLE_MAKE(MLK_HANDLE_INDEX(h), 2));
	ck_assert_uint_eq(table.count, 1);
}
END_TEST

START_TEST(reserve_grows_only_when_needed)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_MEMORY, "m");
	uint32_t nfree = INITIAL_SLOTS - 1 - RESERVED;
	uint64_t used = owner->used;

	ck_assert_int_eq(handle_reserve(&table, nfree), MLK_OK);
	ck_assert_uint_eq(table.capacity, INITIAL_SLOTS);
	ck_assert_int_eq(handle_reserve(&table, nfree + 1), MLK_OK);
	ck_assert_uint_eq(table.capacity, 2 * INITIAL_SLOTS);
	ck_assert_uint_eq(owner->used, used + INITIAL_SLOTS * SLOT_BYTES);
	/* More than one doubling at once. */
	ck_assert_int_eq(handle_reserve(&table, 4 * INITIAL_SLOTS), MLK_OK);
	ck_assert_uint_eq(table.capacity, 8 * INITIAL_SLOTS);
	ck_assert_uint_eq(owner->used - sizeof(struct probe),
			  8 * INITIAL_SLOTS * SLOT_BYTES);
	/* The reserved room is there for the taking. */
	for (int i = 0; i < 4 * INITIAL_SLOTS; i++)
		install(&table, o, 0, 0);
	ck_assert_uint_eq(table.capacity, 8 * INITIAL_SLOTS);
	ck_assert_int_eq(handle_reserve(&table, 0), MLK_OK);
}
END_TEST

/* ---- hooks and reference counts ------------------------------------------ */

START_TEST(hooks_see_the_rights_of_each_handle)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_ENDPOINT, "ep");
	mlk_handle_t hs = install(&table, o, MLK_RIGHT_SEND, 0);
	mlk_handle_t hr = install(&table, o, MLK_RIGHT_RECV, 0);
	mlk_handle_t self = MLK_HANDLE_NONE;

	ck_assert_int_eq(
		handle_install_at(&table, 2, o, MLK_RIGHTS_ALL, 0, &self),
		MLK_OK);
	ck_assert_int_eq(handle_close(&table, hr), MLK_OK);
	ck_assert_int_eq(handle_close(&table, self), MLK_OK);
	ck_assert_int_eq(handle_close(&table, hs), MLK_OK);
	ck_assert_str_eq(mock_events(), "open ep 0x10 handles=1;"
					"open ep 0x20 handles=2;"
					"open ep 0xfff handles=3;"
					"close ep 0x20 handles=2;"
					"close ep 0xfff handles=1;"
					"close ep 0x10 handles=0;");
	/* A type without hooks at all (no ops) works the same. */
	struct kobj *sys = new_probe(owner, MLK_OBJ_SYSTEM, "sys");
	mlk_handle_t h = install(&table, sys, 0, 0);
	ck_assert_uint_eq(sys->handles, 1);
	ck_assert_int_eq(handle_close(&table, h), MLK_OK);
	ck_assert_uint_eq(sys->handles, 0);
	ck_assert_uint_eq(sys->refs, 1);
}
END_TEST

START_TEST(object_goes_with_its_last_reference)
{
	struct process *other = new_owner(MIB);
	struct handle_table t2;
	uint64_t used = owner->used;
	struct kobj *o = new_probe(owner, MLK_OBJ_ENDPOINT, "ep");

	ck_assert_int_eq(handle_table_init(&t2, other, 0), MLK_OK);
	ck_assert_uint_eq(owner->used, used + sizeof(struct probe));
	ck_assert_uint_eq(o->charge, sizeof(struct probe));
	ck_assert_uint_eq(owner->obj.refs, 2); /* the payer is held */

	mlk_handle_t h1 = install(&table, o, MLK_RIGHT_SEND, 0);
	mlk_handle_t h2 = install(&t2, o, MLK_RIGHT_RECV, 0);
	kobj_put(o); /* the creation reference: the handles hold it */
	kobj_get(o); /* a kernel reference (a waiter, a mapping) */
	ck_assert_uint_eq(o->refs, 3);
	ck_assert_int_eq(handle_close(&table, h1), MLK_OK);
	ck_assert_int_eq(handle_close(&t2, h2), MLK_OK);
	ck_assert_uint_eq(o->refs, 1);
	ck_assert_int_eq(heap_check(o), HEAP_PTR_OK);
	ck_assert_ptr_null(strstr(mock_events(), "destroy"));

	kobj_put(o);
	ck_assert_str_eq(mock_events(), "open ep 0x10 handles=1;"
					"open ep 0x20 handles=2;"
					"close ep 0x10 handles=1;"
					"close ep 0x20 handles=0;"
					"destroy ep;");
	ck_assert_int_eq(heap_check(o), HEAP_PTR_FREE);
	ck_assert_uint_eq(owner->used, used);
	ck_assert_uint_eq(owner->obj.refs, 1);
	handle_table_destroy(&t2);
}
END_TEST

START_TEST(closing_the_last_handle_destroys)
{
	struct kobj *o = new_probe(owner, MLK_OBJ_ENDPOINT, "ep");
	mlk_handle_t h = install(&table, o, MLK_RIGHT_SEND, 0);

	kobj_put(o);
	ck_assert_uint_eq(o->refs, 1);
	ck_assert_int_eq(handle_close(&table, h), MLK_OK);
	/* The hook runs while the object lives; then it goes. */
	ck_assert_str_eq(mock_events(), "open ep 0x10 handles=1;"
					"close ep 0x10 handles=0;"
					"destroy ep;");
	ck_assert_int_eq(heap_check(o), HEAP_PTR_FREE);
}
END_TEST

START_TEST(alloc_charges_the_payer)
{
	struct process *p = new_owner(sizeof(struct probe) + 8);
	struct heap_stats before, after;
	mlk_status_t st = MLK_OK;

	heap_stats(&before);
	struct kobj *o = new_probe(p, MLK_OBJ_MEMORY, "m");
	ck_assert_uint_eq(p->used, sizeof(struct probe));
	ck_assert_uint_eq(o->refs, 1);
	ck_assert_uint_eq(o->handles, 0);
	ck_assert_uint_eq(o->type, MLK_OBJ_MEMORY);
	ck_assert_ptr_eq(o->payer, p);
	ck_assert_uint_eq(p->obj.refs, 2);
	/* Objects are told apart by id for the life of the system. */
	struct kobj *k = new_probe(NULL, MLK_OBJ_MEMORY, "k");
	ck_assert_uint_gt(k->id, o->id);
	ck_assert_ptr_null(k->payer);
	kobj_put(k);

	/* The quota is short: no object, nothing charged or allocated. */
	ck_assert_ptr_null(
		kobj_alloc(p, sizeof(struct probe), MLK_OBJ_MEMORY, &st));
	ck_assert_int_eq(st, MLK_ERR_NO_MEMORY);
	ck_assert_uint_eq(p->used, sizeof(struct probe));
	ck_assert_uint_eq(p->obj.refs, 2);

	/* Extra charges go with the object. */
	ck_assert_int_eq(kobj_charge(o, 8), MLK_OK);
	ck_assert_int_eq(kobj_charge(o, 1), MLK_ERR_NO_MEMORY);
	ck_assert_uint_eq(o->charge, sizeof(struct probe) + 8);
	kobj_uncharge(o, 4);
	ck_assert_uint_eq(p->used, sizeof(struct probe) + 4);
	kobj_put(o);
	ck_assert_uint_eq(p->used, 0);
	ck_assert_uint_eq(p->obj.refs, 1);
	heap_stats(&after);
	ck_assert_uint_eq(after.bytes_in_use, before.bytes_in_use);
}
END_TEST

/* ---- destroying the table ------------------------------------------------ */

START_TEST(destroy_closes_every_handle)
{
	struct kobj *ep = new_probe(owner, MLK_OBJ_ENDPOINT, "ep");
	struct kobj *m = new_probe(owner, MLK_OBJ_MEMORY, "m");
	struct kobj *kept = new_probe(owner, MLK_OBJ_MEMORY, "kept");
	mlk_handle_t h = MLK_HANDLE_NONE;

	ck_assert_int_eq(
		handle_install_at(&table, 1, ep, MLK_RIGHT_RECV, 0, &h),
		MLK_OK);
	install(&table, ep, MLK_RIGHT_SEND, 0x77);
	for (int i = 0; i < 40; i++) /* beyond the first size */
		install(&table, m, 0, 0);
	install(&table, kept, 0, 0);
	kobj_put(ep);
	kobj_put(m);
	ck_assert_uint_eq(table.capacity, 2 * INITIAL_SLOTS);
	mock_events_clear();

	handle_table_destroy(&table);
	ck_assert_str_eq(mock_events(), "close ep 0x20 handles=1;"
					"close ep 0x10 badge=0x77 handles=0;"
					"destroy ep;"
					"destroy m;");
	ck_assert_uint_eq(kept->refs, 1);
	ck_assert_uint_eq(kept->handles, 0);
	ck_assert_uint_eq(owner->used, sizeof(struct probe));
	ck_assert_ptr_null(table.slots);
	ck_assert_uint_eq(table.capacity, 0);
	ck_assert_int_eq(lookup(h, MLK_OBJ_NONE, 0), MLK_ERR_BAD_HANDLE);
	/* Twice is harmless. */
	handle_table_destroy(&table);
	kobj_put(kept);
	ck_assert_uint_eq(owner->used, 0);
}
END_TEST

static Suite *handle_table_suite(void)
{
	Suite *s = suite_create("handle_table");
	TCase *basic = tcase_create("basic");
	TCase *grow = tcase_create("growth");
	TCase *move = tcase_create("move");
	TCase *refs = tcase_create("refs");

	tcase_add_checked_fixture(basic, setup, NULL);
	tcase_add_test(basic, init_reserves_slots_and_charges_the_owner);
	tcase_add_test(basic, init_refused_when_the_quota_is_short);
	tcase_add_test(basic, install_lookup_close);
	tcase_add_test(basic, slot_zero_is_never_a_handle);
	tcase_add_test(basic, closed_handles_go_stale);
	tcase_add_test(basic, generation_wraps_but_never_to_zero);
	tcase_add_test(basic, bad_values_are_bad_handles);
	tcase_add_test(basic, lookup_checks_type_then_rights);
	tcase_add_test(basic, install_at_fills_reserved_empty_slots_only);
	suite_add_tcase(s, basic);

	tcase_add_checked_fixture(grow, setup, NULL);
	tcase_add_test(grow, grows_by_doubling_up_to_the_limit);
	tcase_add_test(grow, growth_refused_when_the_quota_is_short);
	tcase_add_test(grow, reserve_grows_only_when_needed);
	suite_add_tcase(s, grow);

	tcase_add_checked_fixture(move, setup, NULL);
	tcase_add_test(move, take_and_install_taken_move_a_handle);
	tcase_add_test(move, take_refuses_bad_handles);
	suite_add_tcase(s, move);

	tcase_add_checked_fixture(refs, setup, NULL);
	tcase_add_test(refs, hooks_see_the_rights_of_each_handle);
	tcase_add_test(refs, object_goes_with_its_last_reference);
	tcase_add_test(refs, closing_the_last_handle_destroys);
	tcase_add_test(refs, alloc_charges_the_payer);
	tcase_add_test(refs, destroy_closes_every_handle);
	suite_add_tcase(s, refs);
	return s;
}

int main(void)
{
	return unit_run("handle_table", handle_table_suite());
}
