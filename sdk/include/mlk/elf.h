/*
 * The ELF64 executables MLK runs: what the kernel (for init), libmlk's
 * loader (for every other service) and mlk-mkimage accept.
 *
 * A service is a statically linked AArch64 executable (ET_EXEC, little
 * endian) whose PT_LOAD segments lie in user space below the stack area
 * (<mlk/layout.h>), each fit in one memory object, never share a page,
 * and are never both writable and executable; its entry point is a word
 * in an executable segment.  The
 * structures follow the System V ABI (gABI, "ELF Header" and "Program
 * Header"), under MLK names so this header needs no <elf.h>: it is used by
 * the freestanding kernel and installed with the SDK.
 *
 * One implementation: sdk/lib/elf.c.
 */
#ifndef MLK_ELF_H
#define MLK_ELF_H

#include <stdint.h>

#include <mlk/layout.h>
#include <mlk/status.h>

/* ---- the file format (gABI) --------------------------------------------- */

#define MLK_EI_NIDENT 16
#define MLK_EI_CLASS 4
#define MLK_EI_DATA 5
#define MLK_EI_VERSION 6
#define MLK_ELFCLASS64 2
#define MLK_ELFDATA2LSB 1
#define MLK_EV_CURRENT 1

#define MLK_ET_REL 1
#define MLK_ET_EXEC 2
#define MLK_ET_DYN 3

#define MLK_EM_AARCH64 183

#define MLK_PT_LOAD 1
#define MLK_PT_DYNAMIC 2
#define MLK_PT_INTERP 3
#define MLK_PN_XNUM 0xffff

/* Segment flags (p_flags), also used in struct mlk_elf_segment. */
#define MLK_PF_X (1u << 0)
#define MLK_PF_W (1u << 1)
#define MLK_PF_R (1u << 2)

struct mlk_elf64_ehdr {
	uint8_t e_ident[MLK_EI_NIDENT]; /* "\x7f" "ELF", class, data, ... */
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};

struct mlk_elf64_phdr {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
};

_Static_assert(sizeof(struct mlk_elf64_ehdr) == 64, "ELF64 header");
_Static_assert(sizeof(struct mlk_elf64_phdr) == 56, "ELF64 program header");

/* ---- checking an executable --------------------------------------------- */

#define MLK_ELF_MAX_SEGMENTS 8

/* A PT_LOAD segment: file bytes [offset, offset + filesz) go to vaddr,
 * the rest up to memsz is zero. */
struct mlk_elf_segment {
	uint64_t vaddr;
	uint64_t memsz;
	uint64_t offset;
	uint64_t filesz;
	uint32_t flags; /* MLK_PF_R | MLK_PF_W | MLK_PF_X */
	uint32_t reserved;
};

struct mlk_elf_info {
	uint64_t entry;
	uint16_t machine;   /* e_machine, also set when it is the error */
	uint16_t type;	    /* e_type, likewise */
	uint32_t nsegments; /* PT_LOAD segments with memsz > 0, file order */
	uint32_t error;	    /* enum mlk_elf_error: why the check failed */
	struct mlk_elf_segment segments[MLK_ELF_MAX_SEGMENTS];
};

enum mlk_elf_error {
	MLK_ELF_OK = 0,
	MLK_ELF_ERR_TRUNCATED = 1, /* shorter than its ELF header */
	MLK_ELF_ERR_MAGIC = 2,	   /* no "\x7f" "ELF" */
	MLK_ELF_ERR_CLASS = 3,	   /* not ELFCLASS64 */
	MLK_ELF_ERR_ENDIAN = 4,	   /* not little endian */
	MLK_ELF_ERR_VERSION = 5,   /* not EV_CURRENT */
	MLK_ELF_ERR_MACHINE = 6,   /* not EM_AARCH64 */
	MLK_ELF_ERR_TYPE = 7,	   /* not ET_EXEC (PIE, shared, relocatable) */
	MLK_ELF_ERR_PHDRS = 8,	   /* program header table malformed */
	MLK_ELF_ERR_INTERP = 9,	   /* PT_INTERP or PT_DYNAMIC: not static */
	MLK_ELF_ERR_NO_LOAD = 10,  /* no PT_LOAD segment */
	MLK_ELF_ERR_TOO_MANY = 11, /* over MLK_ELF_MAX_SEGMENTS */
	MLK_ELF_ERR_FILE_RANGE = 12, /* segment's bytes beyond the file */
	MLK_ELF_ERR_FILESZ = 13,     /* p_filesz > p_memsz */
	MLK_ELF_ERR_USER_RANGE = 14, /* outside [USER_BASE, USER_END) */
	MLK_ELF_ERR_OVERLAP = 15,    /* two segments share a page */
	MLK_ELF_ERR_WX = 16,	     /* a segment writable and executable */
	MLK_ELF_ERR_ENTRY = 17,	     /* entry not in an executable segment */
	MLK_ELF_ERR_ALIGN = 18,	     /* p_vaddr, p_offset differ mod the page */
	MLK_ELF_ERR_STACK_AREA = 19, /* ends above MLK_STACK_AREA_BASE */
	MLK_ELF_ERR_TOO_BIG = 20,    /* spans over MLK_MEM_MAX_SIZE */
	MLK_ELF_ERR_ENTRY_ALIGN = 21, /* entry not a multiple of 4 */
};

/*
 * Check the executable at `data` (`size` bytes; any alignment) and fill
 * *info (which may not be NULL).  MLK_OK, or MLK_ERR_BAD_FORMAT with the
 * reason in info->error.
 */
mlk_status_t mlk_elf_check(const void *data, uint64_t size,
			   struct mlk_elf_info *info);
/* An enum mlk_elf_error in words, for messages. */
const char *mlk_elf_strerror(enum mlk_elf_error err);

#endif
