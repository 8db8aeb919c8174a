/*
 * Physical memory manager (see pmm.h).
 *
 * Each RAM range is a zone with a bitmap, one bit per page, 1 = allocated.
 * Allocation scans 64 pages per word from a hint that follows the last
 * allocation, so the common case touches one word.
 */
#include "pmm.h"

#include "hal.h"

#include "kstring.h"

struct zone {
	uint64_t base; /* physical address of the first page */
	uint64_t npages;
	uint64_t nfree;
	uint64_t hint; /* word index to start searching from */
	uint64_t *bitmap;
};

static struct zone zones[PMM_MAX_ZONES];
static int nzones;

#define WORDS(npages) (((npages) + 63) / 64)

static bool test_bit(const struct zone *z, uint64_t i)
{
	return z->bitmap[i / 64] >> (i % 64) & 1;
}

static void set_bit(struct zone *z, uint64_t i)
{
	z->bitmap[i / 64] |= 1ULL << (i % 64);
}

static void clear_bit(struct zone *z, uint64_t i)
{
	z->bitmap[i / 64] &= ~(1ULL << (i % 64));
}

static struct zone *zone_of(uint64_t pa, uint64_t *index)
{
	for (int i = 0; i < nzones; i++) {
		struct zone *z = &zones[i];
		if (pa >= z->base && (pa - z->base) / PAGE_SIZE < z->npages) {
			*index = (pa - z->base) / PAGE_SIZE;
			return z;
		}
	}
	return NULL;
}

/* Set bits of w, by halves (SWAR): the compiler's builtin would use a
 * SIMD instruction, and the kernel keeps off the FP/SIMD registers. */
static uint64_t count_bits(uint64_t w)
{
	w = w - (w >> 1 & 0x5555555555555555ULL);
	w = (w & 0x3333333333333333ULL) + (w >> 2 & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return w * 0x0101010101010101ULL >> 56;
}

/* The bits of one bitmap word from bit `from` up to, not including,
 * bit `to` (0 <= from < to <= 64). */
static uint64_t word_mask(uint64_t from, uint64_t to)
{
	uint64_t high = to == 64 ? ~0ULL : (1ULL << to) - 1;

	return high & ~((1ULL << from) - 1);
}

/*
 * Take [base, end) of zone z (a reservation, the bitmaps), a word of 64
 * pages at a time: a page at a time took 5 instructions a page, a fifth
 * of the boot to the shell when all of RAM was marked so.  nfree drops
 * by the bits that were free, so reservations may overlap.
 */
static void take(struct zone *z, uint64_t base, uint64_t end)
{
	uint64_t zend = z->base + z->npages * PAGE_SIZE;

	if (end <= z->base || base >= zend)
		return;
	base = base < z->base ? z->base : base;
	end = end > zend ? zend : end;
	uint64_t i = (base - z->base) / PAGE_SIZE;
	uint64_t last = (end - z->base) / PAGE_SIZE;
	while (i < last) {
		uint64_t w = i / 64;
		uint64_t to = last - w * 64 < 64 ? last - w * 64 : 64;
		uint64_t fresh = word_mask(i % 64, to) & ~z->bitmap[w];
		z->bitmap[w] |= fresh;
		z->nfree -= count_bits(fresh);
		i = (w + 1) * 64;
	}
}

static bool overlaps(uint64_t a, uint64_t asize, const struct mem_range *r)
{
	return a < r->base + r->size && r->base < a + asize;
}

/*
 * Find `size` bytes of page-aligned RAM outside every reservation for the
 * bitmaps.  Candidates are the start of each RAM zone and the page after
 * each reservation.
 */
static uint64_t place_bitmaps(uint64_t size, const struct mem_range *res,
			      int nres)
{
	for (int zi = 0; zi < nzones; zi++) {
		const struct zone *z = &zones[zi];
		uint64_t zend = z->base + z->npages * PAGE_SIZE;
		for (int ci = -1; ci < nres; ci++) {
			uint64_t cand =
				ci < 0 ? z->base
				       : ALIGN_UP(res[ci].base + res[ci].size,
						  PAGE_SIZE);
			if (cand < z->base || cand + size > zend)
				continue;
			bool clash = false;
			for (int r = 0; r < nres && !clash; r++)
				clash = overlaps(cand, size, &res[r]);
			if (!clash)
				return cand;
		}
	}
	return PMM_NONE;
}

int pmm_init(const struct mem_range *ram, int nram,
	     const struct mem_range *reserved, int nreserved)
{
	uint64_t words = 0;

	nzones = 0;
	for (int i = 0; i < nram && nzones < PMM_MAX_ZONES; i++) {
		uint64_t base = ALIGN_UP(ram[i].base, PAGE_SIZE);
		uint64_t end = ALIGN_DOWN(ram[i].base + ram[i].size, PAGE_SIZE);
		if (end <= base)
			continue;
		zones[nzones++] = (struct zone){
			.base = base,
			.npages = (end - base) / PAGE_SIZE,
		};
		words += WORDS((end - base) / PAGE_SIZE);
	}

	uint64_t bytes = ALIGN_UP(words * 8, PAGE_SIZE);
	uint64_t at = place_bitmaps(bytes, reserved, nreserved);
	if (at == PMM_NONE) {
		nzones = 0;
		return PMM_ERR_NOMEM;
	}

	/* Every page of RAM starts free (the bits past the last page of a
	 * zone, allocated, so they are never handed out); then reservations
	 * and the bitmaps themselves are taken. */
	uint64_t *next = phys_to_virt(at);
	for (int i = 0; i < nzones; i++) {
		struct zone *z = &zones[i];
		uint64_t last = WORDS(z->npages) - 1;
		z->bitmap = next;
		next += WORDS(z->npages);
		memset(z->bitmap, 0, WORDS(z->npages) * 8);
		if (z->npages % 64)
			z->bitmap[last] = ~0ULL << (z->npages % 64);
		z->nfree = z->npages;
		for (int r = 0; r < nreserved; r++)
			take(z, ALIGN_DOWN(reserved[r].base, PAGE_SIZE),
			     ALIGN_UP(reserved[r].base + reserved[r].size,
				      PAGE_SIZE));
		take(z, at, at + bytes);
	}
	return PMM_OK;
}

static uint64_t zone_alloc(struct zone *z)
{
	uint64_t nwords = WORDS(z->npages);

	for (uint64_t n = 0; n < nwords; n++) {
		uint64_t w = (z->hint + n) % nwords;
		uint64_t bits = z->bitmap[w];
		if (bits == ~0ULL)
			continue;
		uint64_t i = w * 64 + (uint64_t)__builtin_ctzll(~bits);
		if (i >= z->npages)
			continue; /* the padding bits of the last word */
		set_bit(z, i);
		z->nfree--;
		z->hint = w;
		return z->base + i * PAGE_SIZE;
	}
	return PMM_NONE;
}

uint64_t pmm_alloc(void)
{
	for (int i = 0; i < nzones; i++)
		if (zones[i].nfree) {
			uint64_t pa = zone_alloc(&zones[i]);
			if (pa != PMM_NONE)
				return pa;
		}
	return PMM_NONE;
}

static uint64_t zone_alloc_run(struct zone *z, size_t n, size_t align)
{
	uint64_t align_bytes = (uint64_t)align * PAGE_SIZE;
	uint64_t first = (ALIGN_UP(z->base, align_bytes) - z->base) / PAGE_SIZE;

	for (uint64_t i = first; i + n <= z->npages; i += align) {
		uint64_t j = 0;
		while (j < n && !test_bit(z, i + j))
			j++;
		if (j == n) {
			for (j = 0; j < n; j++)
				set_bit(z, i + j);
			z->nfree -= n;
			return z->base + i * PAGE_SIZE;
		}
		/* Skip past the allocated page, keeping the alignment. */
		i = first + ALIGN_DOWN(i + j - first, (uint64_t)align);
	}
	return PMM_NONE;
}

uint64_t pmm_alloc_run(size_t n, size_t align)
{
	if (n == 0 || align == 0 || (align & (align - 1)))
		return PMM_NONE;
	if (n == 1 && align == 1)
		return pmm_alloc();
	for (int i = 0; i < nzones; i++)
		if (zones[i].nfree >= n) {
			uint64_t pa = zone_alloc_run(&zones[i], n, align);
			if (pa != PMM_NONE)
				return pa;
		}
	return PMM_NONE;
}

int pmm_free_run(uint64_t pa, size_t n)
{
	uint64_t i;
	struct zone *z;

	if (pa & PAGE_MASK)
		return PMM_ERR_ALIGN;
	z = zone_of(pa, &i);
	if (!z || n == 0 || n > z->npages - i) /* i + n could wrap */
		return PMM_ERR_RANGE;
	for (size_t j = 0; j < n; j++)
		if (!test_bit(z, i + j))
			return PMM_ERR_DOUBLE_FREE;
	for (size_t j = 0; j < n; j++)
		clear_bit(z, i + j);
	z->nfree += n;
	if (i / 64 < z->hint)
		z->hint = i / 64;
	return PMM_OK;
}

int pmm_free(uint64_t pa)
{
	return pmm_free_run(pa, 1);
}

bool pmm_is_allocated(uint64_t pa)
{
	uint64_t i;
	struct zone *z = zone_of(pa, &i);

	return z && test_bit(z, i);
}

uint64_t pmm_total_pages(void)
{
	uint64_t n = 0;

	for (int i = 0; i < nzones; i++)
		n += zones[i].npages;
	return n;
}

uint64_t pmm_free_pages(void)
{
	uint64_t n = 0;

	for (int i = 0; i < nzones; i++)
		n += zones[i].nfree;
	return n;
}

int pmm_zone_count(void)
{
	return nzones;
}

void pmm_zone(int i, uint64_t *base, uint64_t *npages, uint64_t *nfree)
{
	*base = zones[i].base;
	*npages = zones[i].npages;
	*nfree = zones[i].nfree;
}
