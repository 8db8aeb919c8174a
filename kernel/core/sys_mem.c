/*
 * System calls: memory objects and address spaces.
 */
#include "hal.h"

#include "kobjects.h"
#include "syscall.h"

#define MEMORY_RIGHTS                                                          \
	(MLK_RIGHT_READ | MLK_RIGHT_WRITE | MLK_RIGHT_EXEC | MLK_RIGHT_MAP |   \
	 MLK_RIGHTS_BASIC)

mlk_status_t sys_mem_create(struct thread *self, uint64_t size, uint32_t flags,
			    mlk_handle_t *mem)
{
	struct memobj *m;
	mlk_status_t st;

	if (flags & ~MLK_MEM_FLAGS)
		return MLK_ERR_BAD_ARG(1);
	st = memobj_create(self->proc, size, flags, &m);
	if (st != MLK_OK)
		return st;
	return give_new(
		self, &m->obj,
		MEMORY_RIGHTS |
			((flags & MLK_MEM_CONTIGUOUS) ? MLK_RIGHT_PHYS : 0),
		mem);
}

/* A memory object or device range handle with `rights`. */
static mlk_status_t lookup_mem(struct thread *self, mlk_handle_t h,
			       uint32_t rights, struct memobj **m)
{
	mlk_status_t st = LOOKUP(self, h, MLK_OBJ_MEMORY, rights, m);

	if (st == MLK_ERR_WRONG_TYPE)
		st = LOOKUP(self, h, MLK_OBJ_DEVICE, rights, m);
	return st;
}

mlk_status_t sys_mem_read(struct thread *self, mlk_handle_t mem,
			  uint64_t offset, uaddr_t buf, uint64_t len)
{
	struct memobj *m;
	mlk_status_t st = LOOKUP(self, mem, MLK_OBJ_MEMORY, MLK_RIGHT_READ, &m);

	if (st != MLK_OK)
		return st;
	return memobj_read_user(m, offset, buf, len);
}

mlk_status_t sys_mem_write(struct thread *self, mlk_handle_t mem,
			   uint64_t offset, uaddr_t buf, uint64_t len)
{
	struct memobj *m;
	mlk_status_t st =
		LOOKUP(self, mem, MLK_OBJ_MEMORY, MLK_RIGHT_WRITE, &m);

	if (st != MLK_OK)
		return st;
	return memobj_write_user(m, offset, buf, len);
}

mlk_status_t sys_mem_phys(struct thread *self, mlk_handle_t mem, uint64_t *phys)
{
	struct memobj *m;
	mlk_status_t st = lookup_mem(self, mem, MLK_RIGHT_PHYS, &m);

	if (st != MLK_OK)
		return st;
	if (!(m->flags & (MEMOBJ_CONTIGUOUS | MEMOBJ_FIXED)))
		return MLK_ERR_BAD_STATE; /* pages are scattered */
	*phys = m->phys;
	return MLK_OK;
}

mlk_status_t sys_mem_size(struct thread *self, mlk_handle_t mem, uint64_t *size)
{
	struct memobj *m;
	mlk_status_t st = lookup_mem(self, mem, 0, &m);

	if (st != MLK_OK)
		return st;
	*size = m->size;
	return MLK_OK;
}

mlk_status_t sys_aspace_map(struct thread *self, mlk_handle_t aspace,
			    mlk_handle_t mem, uint64_t offset, uint64_t vaddr,
			    uint64_t size, uint32_t flags, uint64_t *addr)
{
	struct aspace *as;
	struct memobj *m;
	uint32_t need = MLK_RIGHT_MAP;
	mlk_status_t st;

	if (flags & ~MLK_MAP_FLAGS || !(flags & MLK_MAP_READ))
		return MLK_ERR_BAD_ARG(5);
	st = LOOKUP(self, aspace, MLK_OBJ_ASPACE, MLK_RIGHT_MAP, &as);
	if (st != MLK_OK)
		return st;
	need |= (flags & MLK_MAP_READ) ? MLK_RIGHT_READ : 0;
	need |= (flags & MLK_MAP_WRITE) ? MLK_RIGHT_WRITE : 0;
	need |= (flags & MLK_MAP_EXEC) ? MLK_RIGHT_EXEC : 0;
	st = lookup_mem(self, mem, need, &m);
	if (st != MLK_OK)
		return st;
	if ((m->flags & MEMOBJ_DEVICE) && (flags & MLK_MAP_EXEC))
		return MLK_ERR_BAD_ARG(5); /* no code from device registers */
	if (as->obj.payer && as->owner->state == PROC_DEAD)
		return MLK_ERR_BAD_STATE;
	unsigned prot = ((flags & MLK_MAP_READ) ? VM_READ : 0) |
			((flags & MLK_MAP_WRITE) ? VM_WRITE : 0) |
			((flags & MLK_MAP_EXEC) ? VM_EXEC : 0);
	return aspace_map(as, m, offset, vaddr, size, prot, addr);
}

mlk_status_t sys_aspace_unmap(struct thread *self, mlk_handle_t aspace,
			      uint64_t vaddr, uint64_t size)
{
	struct aspace *as;
	mlk_status_t st =
		LOOKUP(self, aspace, MLK_OBJ_ASPACE, MLK_RIGHT_MAP, &as);

	if (st != MLK_OK)
		return st;
	return aspace_unmap(as, vaddr, size);
}
