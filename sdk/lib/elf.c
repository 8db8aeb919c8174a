/*
 * The ELF64 executable checker (see <mlk/elf.h>).
 *
 * Built into the kernel (which loads init), libmlk (whose loader starts
 * the other services) and mlk-mkimage (which refuses to pack what they
 * would refuse to run), so it stays freestanding like bundle.c.  The file
 * is input from outside: headers are copied out with memcpy, so `data`
 * needs no alignment, and no sum of two file values can wrap.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/elf.h>
#include <mlk/layout.h>

#include "kstring.h"

#define PAGE_MASK (MLK_PAGE_SIZE - 1)

/* The messages name the limits: they must change with the layout. */
_Static_assert(MLK_STACK_AREA_BASE == 0x7effc0000000ull,
	       "mlk_elf_strerror(MLK_ELF_ERR_STACK_AREA)");
_Static_assert(MLK_MEM_MAX_SIZE == 64ull << 30,
	       "mlk_elf_strerror(MLK_ELF_ERR_TOO_BIG)");

const char *mlk_elf_strerror(enum mlk_elf_error err)
{
	switch (err) {
	case MLK_ELF_OK:
		return "ok";
	case MLK_ELF_ERR_TRUNCATED:
		return "file too short for an ELF header";
	case MLK_ELF_ERR_MAGIC:
		return "not an ELF file";
	case MLK_ELF_ERR_CLASS:
		return "not a 64-bit ELF file";
	case MLK_ELF_ERR_ENDIAN:
		return "not a little-endian ELF file";
	case MLK_ELF_ERR_VERSION:
		return "unsupported ELF version";
	case MLK_ELF_ERR_MACHINE:
		return "not an AArch64 executable";
	case MLK_ELF_ERR_TYPE:
		return "not an ET_EXEC executable (PIE and shared objects are "
		       "not supported)";
	case MLK_ELF_ERR_PHDRS:
		return "malformed program header table";
	case MLK_ELF_ERR_INTERP:
		return "dynamically linked (link it statically)";
	case MLK_ELF_ERR_NO_LOAD:
		return "no loadable segment";
	case MLK_ELF_ERR_TOO_MANY:
		return "too many loadable segments (at most 8)";
	case MLK_ELF_ERR_FILE_RANGE:
		return "segment extends beyond the end of the file";
	case MLK_ELF_ERR_FILESZ:
		return "segment file size larger than its memory size";
	case MLK_ELF_ERR_USER_RANGE:
		return "segment outside user space";
	case MLK_ELF_ERR_OVERLAP:
		return "segments overlap or share a page";
	case MLK_ELF_ERR_WX:
		return "segment both writable and executable";
	case MLK_ELF_ERR_ENTRY:
		return "entry point not in an executable segment";
	case MLK_ELF_ERR_ALIGN:
		return "segment address and file offset differ modulo the page "
		       "size";
	case MLK_ELF_ERR_STACK_AREA:
		return "segment in the stack and IPC buffer area (at or above "
		       "0x7effc0000000)";
	case MLK_ELF_ERR_TOO_BIG:
		return "segment larger than the largest memory object (64 GiB)";
	case MLK_ELF_ERR_ENTRY_ALIGN:
		return "entry point not aligned to 4 bytes";
	default:
		return "unknown ELF error";
	}
}

/* Magic, class, byte order and version: can this be read at all? */
static enum mlk_elf_error check_ident(const uint8_t *ident, uint64_t size)
{
	static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };

	/* A short file that does not even start like ELF is "not ELF". */
	if (memcmp(ident, magic, size < 4 ? (size_t)size : 4))
		return MLK_ELF_ERR_MAGIC;
	if (size < sizeof(struct mlk_elf64_ehdr))
		return MLK_ELF_ERR_TRUNCATED;
	if (ident[MLK_EI_CLASS] != MLK_ELFCLASS64)
		return MLK_ELF_ERR_CLASS;
	if (ident[MLK_EI_DATA] != MLK_ELFDATA2LSB)
		return MLK_ELF_ERR_ENDIAN;
	if (ident[MLK_EI_VERSION] != MLK_EV_CURRENT)
		return MLK_ELF_ERR_VERSION;
	return MLK_ELF_OK;
}

static enum mlk_elf_error check_header(const struct mlk_elf64_ehdr *eh,
				       uint64_t size)
{
	if (eh->e_version != MLK_EV_CURRENT)
		return MLK_ELF_ERR_VERSION;
	if (eh->e_machine != MLK_EM_AARCH64)
		return MLK_ELF_ERR_MACHINE;
	/* Services are loaded where they were linked: no relocation. */
	if (eh->e_type != MLK_ET_EXEC)
		return MLK_ELF_ERR_TYPE;
	if (eh->e_phnum == 0)
		return MLK_ELF_ERR_NO_LOAD;
	if (eh->e_phentsize != sizeof(struct mlk_elf64_phdr) ||
	    eh->e_phnum == MLK_PN_XNUM)
		return MLK_ELF_ERR_PHDRS;
	if (eh->e_phoff > size ||
	    (uint64_t)eh->e_phnum * eh->e_phentsize > size - eh->e_phoff)
		return MLK_ELF_ERR_PHDRS;
	return MLK_ELF_OK;
}

/* The checks one PT_LOAD segment passes on its own. */
static enum mlk_elf_error check_segment(const struct mlk_elf64_phdr *ph,
					uint64_t size)
{
	if (ph->p_filesz > ph->p_memsz)
		return MLK_ELF_ERR_FILESZ;
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return MLK_ELF_ERR_FILE_RANGE;
	/* The loader maps the file page by page: a byte's page offset must
	 * be the same in the file and in memory. */
	if ((ph->p_vaddr & PAGE_MASK) != (ph->p_offset & PAGE_MASK))
		return MLK_ELF_ERR_ALIGN;
	if (ph->p_vaddr < MLK_USER_BASE || ph->p_vaddr > MLK_USER_END ||
	    ph->p_memsz > MLK_USER_END - ph->p_vaddr)
		return MLK_ELF_ERR_USER_RANGE;
	if ((ph->p_flags & MLK_PF_W) && (ph->p_flags & MLK_PF_X))
		return MLK_ELF_ERR_WX;
	return MLK_ELF_OK;
}

/*
 * Can the loaders place it?  Each maps a segment as one memory object
 * spanning its pages, then maps the stack at the top of the layout
 * (<mlk/layout.h>).  Only a segment that maps something is asked: it
 * lies in user space, so rounding its end up to a page cannot wrap.
 */
static enum mlk_elf_error check_placement(const struct mlk_elf64_phdr *ph)
{
	uint64_t start = ph->p_vaddr & ~PAGE_MASK;
	uint64_t end = (ph->p_vaddr + ph->p_memsz + PAGE_MASK) & ~PAGE_MASK;

	if (end - start > MLK_MEM_MAX_SIZE)
		return MLK_ELF_ERR_TOO_BIG;
	if (end > MLK_STACK_AREA_BASE)
		return MLK_ELF_ERR_STACK_AREA;
	return MLK_ELF_OK;
}

/*
 * Pages are mapped with one set of rights, so two segments may not even
 * share a page.  Both lie below MLK_STACK_AREA_BASE (page aligned), so
 * rounding their ends up cannot wrap.
 */
static bool segments_share_page(const struct mlk_elf_segment *a,
				const struct mlk_elf_segment *b)
{
	uint64_t a_start = a->vaddr & ~PAGE_MASK;
	uint64_t a_end = (a->vaddr + a->memsz + PAGE_MASK) & ~PAGE_MASK;
	uint64_t b_start = b->vaddr & ~PAGE_MASK;
	uint64_t b_end = (b->vaddr + b->memsz + PAGE_MASK) & ~PAGE_MASK;

	return a_start < b_end && b_start < a_end;
}

static enum mlk_elf_error add_segment(struct mlk_elf_info *info,
				      const struct mlk_elf64_phdr *ph)
{
	struct mlk_elf_segment seg = {
		.vaddr = ph->p_vaddr,
		.memsz = ph->p_memsz,
		.offset = ph->p_offset,
		.filesz = ph->p_filesz,
		.flags = ph->p_flags & (MLK_PF_R | MLK_PF_W | MLK_PF_X),
	};

	for (uint32_t i = 0; i < info->nsegments; i++) {
		if (segments_share_page(&info->segments[i], &seg))
			return MLK_ELF_ERR_OVERLAP;
	}
	if (info->nsegments == MLK_ELF_MAX_SEGMENTS)
		return MLK_ELF_ERR_TOO_MANY;
	info->segments[info->nsegments++] = seg;
	return MLK_ELF_OK;
}

static enum mlk_elf_error read_segments(const uint8_t *file, uint64_t size,
					const struct mlk_elf64_ehdr *eh,
					struct mlk_elf_info *info)
{
	struct mlk_elf64_phdr ph;
	enum mlk_elf_error err;

	for (uint16_t i = 0; i < eh->e_phnum; i++) {
		memcpy(&ph, file + eh->e_phoff + (uint64_t)i * sizeof(ph),
		       sizeof(ph));
		/* An interpreter would have to relocate and link us. */
		if (ph.p_type == MLK_PT_INTERP || ph.p_type == MLK_PT_DYNAMIC)
			return MLK_ELF_ERR_INTERP;
		if (ph.p_type != MLK_PT_LOAD)
			continue;
		err = check_segment(&ph, size);
		if (err)
			return err;
		/* An empty segment maps nothing; the loader never sees it. */
		if (ph.p_memsz == 0)
			continue;
		err = check_placement(&ph);
		if (err)
			return err;
		err = add_segment(info, &ph);
		if (err)
			return err;
	}
	return info->nsegments ? MLK_ELF_OK : MLK_ELF_ERR_NO_LOAD;
}

static bool entry_executable(const struct mlk_elf_info *info)
{
	for (uint32_t i = 0; i < info->nsegments; i++) {
		const struct mlk_elf_segment *seg = &info->segments[i];

		if ((seg->flags & MLK_PF_X) && info->entry >= seg->vaddr &&
		    info->entry - seg->vaddr < seg->memsz)
			return true;
	}
	return false;
}

static enum mlk_elf_error check_elf(const void *data, uint64_t size,
				    struct mlk_elf_info *info)
{
	struct mlk_elf64_ehdr eh;
	enum mlk_elf_error err;

	err = check_ident(data, size);
	if (err)
		return err;
	memcpy(&eh, data, sizeof(eh));
	info->machine = eh.e_machine;
	info->type = eh.e_type;
	info->entry = eh.e_entry;
	err = check_header(&eh, size);
	if (err)
		return err;
	err = read_segments(data, size, &eh, info);
	if (err)
		return err;
	if (!entry_executable(info))
		return MLK_ELF_ERR_ENTRY;
	/* A64 instructions are words: thread_create refuses any other pc. */
	return (info->entry & 3) ? MLK_ELF_ERR_ENTRY_ALIGN : MLK_ELF_OK;
}

mlk_status_t mlk_elf_check(const void *data, uint64_t size,
			   struct mlk_elf_info *info)
{
	memset(info, 0, sizeof(*info));
	info->error = check_elf(data, size, info);
	return info->error == MLK_ELF_OK ? MLK_OK : MLK_ERR_BAD_FORMAT;
}
