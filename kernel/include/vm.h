/*
 * User virtual memory: memory objects, address spaces, mappings, and
 * page faults.
 *
 * A memory object is pages a process can map; its pages appear on first
 * touch (zeroed) unless it was committed or is contiguous.  Fixed objects
 * name physical memory the kernel does not own (device registers, the
 * boot bundle, the device tree): their pages are never freed.  Mappings
 * hold a reference to their object, so an object outlives its handles
 * while it is mapped somewhere.
 */
#ifndef MLK_KERNEL_VM_H
#define MLK_KERNEL_VM_H

#include "list.h"
#include "object.h"

#include "hal.h"

/* Access a mapping gives (and what a fault asks for). */
#define VM_READ (1u << 0)
#define VM_WRITE (1u << 1)
#define VM_EXEC (1u << 2)
#define VM_DEVICE (1u << 3) /* device memory attributes */

#define MEMOBJ_CONTIGUOUS (1u << 0)
#define MEMOBJ_FIXED (1u << 1)	/* physical range not owned by the PMM */
#define MEMOBJ_DEVICE (1u << 2) /* device registers */

struct memobj {
	struct kobj obj;
	uint64_t size; /* bytes, a multiple of the page size */
	uint64_t npages;
	uint64_t *pages; /* physical page per index, 0 = not yet touched */
	uint64_t phys;	 /* first page of contiguous or fixed objects */
	uint32_t flags;
	uint32_t mappings;
};

struct mapping {
	struct list link; /* aspace.mappings, ordered by address */
	uint64_t va, size, offset;
	struct memobj *mem; /* NULL for a kernel page (IPC buffer) */
	uint64_t kernel_pa;
	unsigned prot;
};

struct aspace {
	struct kobj obj;
	struct arch_aspace arch;
	struct list mappings;
	struct process *owner; /* pays for the page tables */
};

mlk_status_t memobj_create(struct process *payer, uint64_t size, uint32_t flags,
			   struct memobj **out);
mlk_status_t memobj_create_fixed(struct process *payer, uint64_t phys,
				 uint64_t size, bool device,
				 struct memobj **out);
/* The physical page at byte `offset`, allocated (zeroed) if need be;
 * MLK_ERR_NO_MEMORY if the payer's quota or RAM ran out. */
mlk_status_t memobj_page(struct memobj *m, uint64_t offset, uint64_t *pa);
/* Copy between a memory object and the current thread's user memory. */
mlk_status_t memobj_read_user(struct memobj *m, uint64_t offset, uint64_t uaddr,
			      uint64_t len);
mlk_status_t memobj_write_user(struct memobj *m, uint64_t offset,
			       uint64_t uaddr, uint64_t len);
/* Copy from kernel memory into the object (boot: loading init). */
mlk_status_t memobj_write_kernel(struct memobj *m, uint64_t offset,
				 const void *src, uint64_t len);

mlk_status_t aspace_create(struct process *owner, struct aspace **out);
/* Map [offset, offset + size) of m at va (0: the kernel chooses). */
mlk_status_t aspace_map(struct aspace *as, struct memobj *m, uint64_t offset,
			uint64_t va, uint64_t size, unsigned prot,
			uint64_t *out_va);
mlk_status_t aspace_unmap(struct aspace *as, uint64_t va, uint64_t size);
/* Map one kernel-owned page (an IPC buffer) somewhere in [lo, hi). */
mlk_status_t aspace_map_kernel_page(struct aspace *as, uint64_t lo, uint64_t hi,
				    uint64_t pa, uint64_t *out_va);
void aspace_unmap_kernel_page(struct aspace *as, uint64_t va);
/* Remove every mapping (the process died). */
void aspace_clear(struct aspace *as);
/* Resolve a fault at va needing `access`; false if it is a real fault. */
bool aspace_fault(struct aspace *as, uint64_t va, unsigned access);

/* Table pages for the architecture's page tables, charged to as->owner. */
uint64_t vm_table_alloc(struct arch_aspace *arch);
void vm_table_free(struct arch_aspace *arch, uint64_t pa);

#endif
