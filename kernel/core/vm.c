/*
 * Memory objects, address spaces and page faults (see vm.h).
 */
#include "vm.h"

#include "hal.h"

#include "heap.h"
#include "kstring.h"
#include "panic.h"
#include "pmm.h"
#include "process.h"
#include "uaccess.h"

#include <mlk/syscall.h>

_Static_assert(offsetof(struct memobj, obj) == 0, "kobj_alloc: obj first");
_Static_assert(offsetof(struct aspace, obj) == 0, "kobj_alloc: obj first");

/* Where the kernel puts mappings asked for at address 0: up to the stack
 * area, which is left to the loaders (mlk/layout.h). */
#define AUTO_MAP_BASE 0x0000100000000000ull

_Static_assert(MLK_USER_BASE < AUTO_MAP_BASE &&
		       AUTO_MAP_BASE < MLK_STACK_AREA_BASE,
	       "automatic mappings between the segments and the stack");
_Static_assert(PAGE_SIZE == MLK_PAGE_SIZE, "the layout's page size");
_Static_assert(MLK_USER_END <= USER_VA_END, "the layout in the lower half");
_Static_assert(MLK_MEM_MAX_SIZE % PAGE_SIZE == 0,
	       "the largest memory object is whole pages");

/* ---- memory objects ------------------------------------------------------ */

static mlk_status_t alloc_zeroed_page(struct process *payer, uint64_t *pa)
{
	mlk_status_t st = quota_charge(payer, PAGE_SIZE);

	if (st != MLK_OK)
		return st;
	*pa = pmm_alloc();
	if (*pa == PMM_NONE) {
		quota_release(payer, PAGE_SIZE);
		return MLK_ERR_NO_MEMORY;
	}
	memset(phys_to_virt(*pa), 0, PAGE_SIZE);
	return MLK_OK;
}

static mlk_status_t alloc_contiguous(struct memobj *m)
{
	mlk_status_t st = quota_charge(m->obj.payer, m->size);

	if (st != MLK_OK)
		return st;
	m->phys = pmm_alloc_run(m->npages, 1);
	if (m->phys == PMM_NONE) {
		quota_release(m->obj.payer, m->size);
		return MLK_ERR_NO_MEMORY;
	}
	memset(phys_to_virt(m->phys), 0, m->size);
	for (uint64_t i = 0; i < m->npages; i++)
		m->pages[i] = m->phys + i * PAGE_SIZE;
	return MLK_OK;
}

mlk_status_t memobj_create(struct process *payer, uint64_t size, uint32_t flags,
			   struct memobj **out)
{
	mlk_status_t st;
	struct memobj *m;

	if (size == 0 || size > MLK_MEM_MAX_SIZE)
		return size ? MLK_ERR_TOO_BIG : MLK_ERR_BAD_ARG(0);
	m = kobj_alloc(payer, sizeof(*m), MLK_OBJ_MEMORY, &st);
	if (!m)
		return st;
	m->size = ALIGN_UP(size, PAGE_SIZE);
	m->npages = m->size / PAGE_SIZE;
	st = kobj_charge(&m->obj, m->npages * sizeof(uint64_t));
	if (st == MLK_OK && !(m->pages = kzalloc(m->npages * sizeof(uint64_t))))
		st = MLK_ERR_NO_MEMORY;
	if (st == MLK_OK && (flags & MLK_MEM_CONTIGUOUS)) {
		st = alloc_contiguous(m);
		/* Only a run that exists is freed as one (memobj_destroy). */
		if (st == MLK_OK)
			m->flags |= MEMOBJ_CONTIGUOUS;
	} else if (st == MLK_OK && (flags & MLK_MEM_COMMIT)) {
		for (uint64_t i = 0; i < m->npages && st == MLK_OK; i++)
			st = alloc_zeroed_page(payer, &m->pages[i]);
	}
	if (st != MLK_OK) {
		kobj_put(&m->obj);
		return st;
	}
	*out = m;
	return MLK_OK;
}

mlk_status_t memobj_create_fixed(struct process *payer, uint64_t phys,
				 uint64_t size, bool device,
				 struct memobj **out)
{
	mlk_status_t st;
	struct memobj *m;

	if (size == 0 || (phys & PAGE_MASK))
		return MLK_ERR_BAD_ARG(1);
	m = kobj_alloc(payer, sizeof(*m),
		       device ? MLK_OBJ_DEVICE : MLK_OBJ_MEMORY, &st);
	if (!m)
		return st;
	m->size = ALIGN_UP(size, PAGE_SIZE);
	m->npages = m->size / PAGE_SIZE;
	m->phys = phys;
	m->flags = MEMOBJ_FIXED | (device ? MEMOBJ_DEVICE : 0);
	*out = m;
	return MLK_OK;
}

mlk_status_t memobj_page(struct memobj *m, uint64_t offset, uint64_t *pa)
{
	uint64_t i = offset / PAGE_SIZE;

	if (offset >= m->size)
		return MLK_ERR_BAD_ARG(1);
	if (m->flags & MEMOBJ_FIXED) {
		*pa = m->phys + i * PAGE_SIZE;
		return MLK_OK;
	}
	if (!m->pages[i]) {
		mlk_status_t st = alloc_zeroed_page(m->obj.payer, &m->pages[i]);
		if (st != MLK_OK)
			return st;
	}
	*pa = m->pages[i];
	return MLK_OK;
}

/* Copy between user memory and the object, one page at a time. */
static mlk_status_t memobj_copy_user(struct memobj *m, uint64_t offset,
				     uint64_t uaddr, uint64_t len, bool to_obj)
{
	if (m->flags & MEMOBJ_DEVICE)
		return MLK_ERR_WRONG_TYPE;
	if (offset > m->size || len > m->size - offset)
		return MLK_ERR_BAD_ARG(1);
	while (len) {
		uint64_t pa, in_page = offset & PAGE_MASK;
		uint64_t n = MIN(len, PAGE_SIZE - in_page);
		mlk_status_t st = memobj_page(m, offset, &pa);
		if (st != MLK_OK)
			return st;
		void *k = (char *)phys_to_virt(pa) + in_page;
		st = to_obj ? copy_from_user(k, uaddr, n)
			    : copy_to_user(uaddr, k, n);
		if (st != MLK_OK)
			return st;
		offset += n;
		uaddr += n;
		len -= n;
	}
	return MLK_OK;
}

mlk_status_t memobj_read_user(struct memobj *m, uint64_t offset, uint64_t uaddr,
			      uint64_t len)
{
	return memobj_copy_user(m, offset, uaddr, len, false);
}

mlk_status_t memobj_write_user(struct memobj *m, uint64_t offset,
			       uint64_t uaddr, uint64_t len)
{
	return memobj_copy_user(m, offset, uaddr, len, true);
}

mlk_status_t memobj_write_kernel(struct memobj *m, uint64_t offset,
				 const void *src, uint64_t len)
{
	const char *s = src;

	if (offset > m->size || len > m->size - offset)
		return MLK_ERR_BAD_ARG(1);
	while (len) {
		uint64_t pa, in_page = offset & PAGE_MASK;
		uint64_t n = MIN(len, PAGE_SIZE - in_page);
		mlk_status_t st = memobj_page(m, offset, &pa);
		if (st != MLK_OK)
			return st;
		memcpy((char *)phys_to_virt(pa) + in_page, s, n);
		offset += n;
		s += n;
		len -= n;
	}
	return MLK_OK;
}

static void memobj_destroy(struct kobj *o)
{
	struct memobj *m = container_of(o, struct memobj, obj);

	if (!(m->flags & MEMOBJ_FIXED) && m->pages) {
		if (m->flags & MEMOBJ_CONTIGUOUS) {
			BUG_ON(pmm_free_run(m->phys, m->npages) != PMM_OK);
			quota_release(o->payer, m->size);
		} else {
			for (uint64_t i = 0; i < m->npages; i++)
				if (m->pages[i]) {
					BUG_ON(pmm_free(m->pages[i]) != PMM_OK);
					quota_release(o->payer, PAGE_SIZE);
				}
		}
	}
	kfree(m->pages);
}

const struct kobj_ops memobj_ops = { .destroy = memobj_destroy };

/* ---- address spaces ------------------------------------------------------ */

uint64_t vm_table_alloc(struct arch_aspace *arch)
{
	struct aspace *as = container_of(arch, struct aspace, arch);
	uint64_t pa;

	if (alloc_zeroed_page(as->owner, &pa) != MLK_OK)
		return PMM_NONE;
	return pa;
}

void vm_table_free(struct arch_aspace *arch, uint64_t pa)
{
	struct aspace *as = container_of(arch, struct aspace, arch);

	BUG_ON(pmm_free(pa) != PMM_OK);
	quota_release(as->owner, PAGE_SIZE);
}

mlk_status_t aspace_create(struct process *owner, struct aspace **out)
{
	mlk_status_t st;
	struct aspace *as = kobj_alloc(owner, sizeof(*as), MLK_OBJ_ASPACE, &st);

	if (!as)
		return st;
	list_init(&as->mappings);
	as->owner = owner;
	st = arch_aspace_init(&as->arch);
	if (st != MLK_OK) {
		as->arch.root = 0;
		kobj_put(&as->obj);
		return st;
	}
	*out = as;
	return MLK_OK;
}

static struct mapping *find_mapping(struct aspace *as, uint64_t va)
{
	list_for_each(pos, &as->mappings)
	{
		struct mapping *m = list_entry(pos, struct mapping, link);
		if (va >= m->va && va - m->va < m->size)
			return m;
		if (m->va > va)
			break;
	}
	return NULL;
}

/* The mapping before which [va, va + size) would go, or NULL if it
 * overlaps one; *after gets the list position to insert before. */
static bool range_free(struct aspace *as, uint64_t va, uint64_t size,
		       struct list **before)
{
	list_for_each(pos, &as->mappings)
	{
		struct mapping *m = list_entry(pos, struct mapping, link);
		if (m->va >= va + size) {
			*before = pos;
			return true;
		}
		if (m->va + m->size > va)
			return false;
	}
	*before = &as->mappings;
	return true;
}

/* First gap of `size` bytes at or above lo, below hi; 0 if none. */
static uint64_t find_gap(struct aspace *as, uint64_t lo, uint64_t hi,
			 uint64_t size)
{
	uint64_t va = lo;

	list_for_each(pos, &as->mappings)
	{
		struct mapping *m = list_entry(pos, struct mapping, link);
		if (m->va + m->size <= va)
			continue;
		if (m->va >= va + size)
			break;
		va = m->va + m->size;
	}
	return va + size <= hi ? va : 0;
}

static mlk_status_t insert_mapping(struct aspace *as, struct mapping *map)
{
	struct list *before;

	if (!range_free(as, map->va, map->size, &before))
		return MLK_ERR_EXISTS;
	list_insert_before(before, &map->link);
	return MLK_OK;
}

mlk_status_t aspace_map(struct aspace *as, struct memobj *m, uint64_t offset,
			uint64_t va, uint64_t size, unsigned prot,
			uint64_t *out_va)
{
	mlk_status_t st;

	if ((offset | size) & PAGE_MASK || size == 0)
		return MLK_ERR_BAD_ARG(size == 0 || (size & PAGE_MASK) ? 4 : 2);
	if (offset > m->size || size > m->size - offset)
		return MLK_ERR_BAD_ARG(4);
	if ((prot & VM_WRITE) && (prot & VM_EXEC))
		return MLK_ERR_BAD_ARG(5); /* W^X */
	if (va == 0) {
		va = find_gap(as, AUTO_MAP_BASE, MLK_STACK_AREA_BASE, size);
		if (!va)
			return MLK_ERR_NO_RESOURCES;
	} else if ((va & PAGE_MASK) || va < MLK_USER_BASE ||
		   va >= MLK_IPC_BUFFER_BASE ||
		   size > MLK_IPC_BUFFER_BASE - va) {
		return MLK_ERR_BAD_ARG(3);
	}
	st = quota_charge(as->owner, sizeof(struct mapping));
	if (st != MLK_OK)
		return st;
	struct mapping *map = kzalloc(sizeof(*map));
	if (!map) {
		quota_release(as->owner, sizeof(struct mapping));
		return MLK_ERR_NO_MEMORY;
	}
	*map = (struct mapping){
		.va = va, .size = size, .offset = offset, .mem = m, .prot = prot
	};
	if (m->flags & MEMOBJ_DEVICE)
		map->prot |= VM_DEVICE;
	st = insert_mapping(as, map);
	if (st != MLK_OK) {
		kfree(map);
		quota_release(as->owner, sizeof(struct mapping));
		return st;
	}
	kobj_get(&m->obj);
	m->mappings++;
	*out_va = va;
	return MLK_OK;
}

static void free_mapping(struct aspace *as, struct mapping *map)
{
	list_remove(&map->link);
	if (map->mem) {
		map->mem->mappings--;
		kobj_put(&map->mem->obj);
	}
	kfree(map);
	quota_release(as->owner, sizeof(struct mapping));
}

static void unmap_pages(struct aspace *as, uint64_t va, uint64_t size)
{
	for (uint64_t a = va; a < va + size; a += PAGE_SIZE)
		arch_aspace_unmap_page(&as->arch, a);
}

mlk_status_t aspace_unmap(struct aspace *as, uint64_t va, uint64_t size)
{
	uint64_t end = va + size;
	struct mapping *split = NULL;

	if ((va | size) & PAGE_MASK || size == 0 || end < va)
		return MLK_ERR_BAD_ARG(size == 0 || (size & PAGE_MASK) ? 2 : 1);
	if (va < MLK_USER_BASE || end > MLK_IPC_BUFFER_BASE)
		return MLK_ERR_BAD_ARG(1);
	/* Cutting a hole in one mapping makes two: allocate before
	 * changing anything, so failure leaves all as it was. */
	struct mapping *m = find_mapping(as, va);
	if (m && m->va < va && m->va + m->size > end) {
		if (quota_charge(as->owner, sizeof(*split)) != MLK_OK)
			return MLK_ERR_NO_MEMORY; /* nothing charged to give
						     back */
		split = kzalloc(sizeof(*split));
		if (!split) {
			quota_release(as->owner, sizeof(*split));
			return MLK_ERR_NO_MEMORY;
		}
	}
	list_for_each_safe(pos, &as->mappings)
	{
		m = list_entry(pos, struct mapping, link);
		uint64_t mend = m->va + m->size;
		if (mend <= va || m->va >= end)
			continue;
		uint64_t lo = MAX(m->va, va), hi = MIN(mend, end);
		unmap_pages(as, lo, hi - lo);
		if (lo == m->va && hi == mend) {
			free_mapping(as, m);
		} else if (lo == m->va) {
			m->offset += hi - m->va;
			m->size = mend - hi;
			m->va = hi;
		} else if (hi == mend) {
			m->size = lo - m->va;
		} else {
			*split = *m;
			split->va = hi;
			split->size = mend - hi;
			split->offset = m->offset + (hi - m->va);
			m->size = lo - m->va;
			list_insert_before(m->link.next, &split->link);
			kobj_get(&m->mem->obj);
			m->mem->mappings++;
			split = NULL;
		}
	}
	return MLK_OK;
}

mlk_status_t aspace_map_kernel_page(struct aspace *as, uint64_t lo, uint64_t hi,
				    uint64_t pa, uint64_t *out_va)
{
	uint64_t va = find_gap(as, lo, hi, PAGE_SIZE);
	mlk_status_t st;

	if (!va)
		return MLK_ERR_NO_RESOURCES;
	st = quota_charge(as->owner, sizeof(struct mapping));
	if (st != MLK_OK)
		return st;
	struct mapping *map = kzalloc(sizeof(*map));
	if (!map) {
		quota_release(as->owner, sizeof(struct mapping));
		return MLK_ERR_NO_MEMORY;
	}
	*map = (struct mapping){ .va = va,
				 .size = PAGE_SIZE,
				 .kernel_pa = pa,
				 .prot = VM_READ | VM_WRITE };
	insert_mapping(as, map);
	st = arch_aspace_map_page(&as->arch, va, pa, map->prot);
	if (st != MLK_OK) {
		free_mapping(as, map);
		return st;
	}
	*out_va = va;
	return MLK_OK;
}

void aspace_unmap_kernel_page(struct aspace *as, uint64_t va)
{
	struct mapping *m = find_mapping(as, va);

	if (m && !m->mem) {
		unmap_pages(as, m->va, m->size);
		free_mapping(as, m);
	}
}

void aspace_clear(struct aspace *as)
{
	while (!list_empty(&as->mappings)) {
		struct mapping *m =
			list_entry(as->mappings.next, struct mapping, link);
		unmap_pages(as, m->va, m->size);
		free_mapping(as, m);
	}
}

bool aspace_fault(struct aspace *as, uint64_t va, unsigned access)
{
	struct mapping *m = find_mapping(as, va);
	uint64_t pa;

	if (!m || (access & ~m->prot & (VM_READ | VM_WRITE | VM_EXEC)))
		return false;
	if (!m->mem)
		pa = m->kernel_pa;
	else if (memobj_page(m->mem,
			     ALIGN_DOWN(va, PAGE_SIZE) - m->va + m->offset,
			     &pa) != MLK_OK)
		return false;
	return arch_aspace_map_page(&as->arch, ALIGN_DOWN(va, PAGE_SIZE), pa,
				    m->prot) == MLK_OK;
}

static void aspace_destroy(struct kobj *o)
{
	struct aspace *as = container_of(o, struct aspace, obj);

	aspace_clear(as);
	if (as->arch.root)
		arch_aspace_destroy(&as->arch);
}

const struct kobj_ops aspace_ops = { .destroy = aspace_destroy };
