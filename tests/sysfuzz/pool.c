/*
 * The handle pool of a fuzz thread: every handle a call gave it back, so
 * that most arguments name live objects of the right kind and the calls
 * get past the first checks.  Full, it closes the oldest, which keeps the
 * handle table bounded; mappings the kernel placed are kept likewise.
 */
#include "fuzz.h"

static void release_one(uint32_t h, uint32_t type)
{
	/* A process with our handle gone would live on with its threads;
	 * but the handle may be a copy of our own. */
	if (type == MLK_OBJ_PROCESS && !guard_names_protected(h))
		mlk_process_kill(h, 0);
	mlk_handle_close(h);
}

void pool_add(struct pool *p, uint32_t h)
{
	uint32_t type = 0, rights;
	struct pool_entry *e;

	if (mlk_handle_info(h, &type, &rights) != MLK_OK)
		return; /* gone already: another thread closed it */
	if (p->n < POOL_SIZE) {
		e = &p->e[p->n++];
	} else {
		e = &p->e[p->next];
		p->next = (p->next + 1) % POOL_SIZE;
		release_one(e->h, e->type);
	}
	e->type = type;
	e->h = h;
	if (type == MLK_OBJ_ENDPOINT)
		fuzz.rendezvous[h % RENDEZVOUS] = h;
}

void pool_add_mapping(struct pool *p, uint64_t addr, uint64_t size)
{
	struct mapping *m;

	if (p->nmaps < MAPS_SIZE) {
		m = &p->maps[p->nmaps++];
	} else {
		m = &p->maps[p->nextmap];
		p->nextmap = (p->nextmap + 1) % MAPS_SIZE;
		mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, m->addr, m->size);
	}
	m->addr = addr;
	m->size = size;
}

uint32_t pool_pick(const struct pool *p, struct rng *r)
{
	unsigned n = p->n;

	return n ? p->e[rng_below(r, n)].h : 0;
}

uint32_t pool_pick_type(const struct pool *p, struct rng *r, uint32_t type)
{
	unsigned n = p->n, start;

	if (!n)
		return 0;
	start = (unsigned)rng_below(r, n);
	for (unsigned i = 0; i < n; i++) {
		const struct pool_entry *e = &p->e[(start + i) % n];
		if (e->type == type)
			return e->h;
	}
	return p->e[start].h;
}

void pool_release(const struct pool *p)
{
	for (unsigned i = 0; i < p->n; i++)
		release_one(p->e[i].h, p->e[i].type);
	for (unsigned i = 0; i < p->nmaps; i++)
		mlk_aspace_unmap(MLK_HANDLE_SELF_ASPACE, p->maps[i].addr,
				 p->maps[i].size);
}

void pool_forget(struct pool *p)
{
	p->n = p->next = 0;
	p->nmaps = p->nextmap = 0;
}

bool pool_maps_cover(const struct pool *p, uint64_t addr, uint64_t size)
{
	for (unsigned i = 0; i < p->nmaps; i++)
		if (addr >= p->maps[i].addr && size <= p->maps[i].size &&
		    addr - p->maps[i].addr <= p->maps[i].size - size)
			return true;
	return false;
}
