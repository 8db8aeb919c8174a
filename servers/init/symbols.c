/*
 * Looking an address up in an ELF's symbol table (System V gABI,
 * "Sections" and "Symbol Table"): the section headers lead to the
 * SHT_SYMTAB section, whose sh_link names its string table.  Only sized
 * STT_FUNC symbols count: the compiler gives every C function one, and
 * crt0's _start has one too.  The ELF comes from the bundle, which
 * mlk-mkimage checked for its program headers only, so every section
 * offset, size and index is checked here before it is used.
 */
#include <stdio.h>
#include <string.h>

#include <mlk/elf.h>

#include "symbols.h"

#define SHT_SYMTAB 2
#define STT_FUNC 2
#define ELF_ST_TYPE(info) ((info)&0xf)

struct elf64_shdr {
	uint32_t sh_name;
	uint32_t sh_type;
	uint64_t sh_flags;
	uint64_t sh_addr;
	uint64_t sh_offset;
	uint64_t sh_size;
	uint32_t sh_link;
	uint32_t sh_info;
	uint64_t sh_addralign;
	uint64_t sh_entsize;
};

struct elf64_sym {
	uint32_t st_name;
	uint8_t st_info;
	uint8_t st_other;
	uint16_t st_shndx;
	uint64_t st_value;
	uint64_t st_size;
};

_Static_assert(sizeof(struct elf64_shdr) == 64, "ELF64 section header");
_Static_assert(sizeof(struct elf64_sym) == 24, "ELF64 symbol");

/* Does [offset, offset + len) lie within `size` bytes? */
static bool fits(uint64_t offset, uint64_t len, size_t size)
{
	return offset <= size && len <= size - offset;
}

/* The section headers, or NULL if the table does not fit the file. */
static const struct elf64_shdr *section_table(const void *elf, size_t size,
					      uint16_t *count)
{
	const struct mlk_elf64_ehdr *eh = elf;

	if (size < sizeof(*eh) || eh->e_shentsize != sizeof(struct elf64_shdr))
		return NULL;
	if (eh->e_shoff % 8 ||
	    !fits(eh->e_shoff,
		  (uint64_t)eh->e_shnum * sizeof(struct elf64_shdr), size))
		return NULL;
	*count = eh->e_shnum;
	return (const struct elf64_shdr *)((const char *)elf + eh->e_shoff);
}

/* The symbol table section and its string table; false if either is
 * missing or does not fit the file. */
static bool symbol_tables(const void *elf, size_t size,
			  const struct elf64_shdr **symtab,
			  const struct elf64_shdr **strtab)
{
	uint16_t count = 0;
	const struct elf64_shdr *sh = section_table(elf, size, &count);

	for (uint16_t i = 0; sh && i < count; i++) {
		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= count)
			continue;
		*symtab = &sh[i];
		*strtab = &sh[sh[i].sh_link];
		return (*symtab)->sh_offset % 8 == 0 &&
		       fits((*symtab)->sh_offset, (*symtab)->sh_size, size) &&
		       fits((*strtab)->sh_offset, (*strtab)->sh_size, size);
	}
	return false;
}

/* A symbol's name, or NULL unless it ends inside the string table. */
static const char *symbol_name(const void *elf, const struct elf64_shdr *strtab,
			       uint32_t index)
{
	const char *names = (const char *)elf + strtab->sh_offset;

	if (index >= strtab->sh_size ||
	    !memchr(names + index, '\0', strtab->sh_size - index))
		return NULL;
	return names + index;
}

enum symbol_result symbol_find(const void *elf, size_t size, uint64_t addr,
			       struct symbol *out)
{
	const struct elf64_shdr *symtab, *strtab;
	const struct elf64_sym *sym;
	uint64_t count;

	if (!symbol_tables(elf, size, &symtab, &strtab))
		return SYMBOL_NO_TABLE;
	sym = (const struct elf64_sym *)((const char *)elf + symtab->sh_offset);
	count = symtab->sh_size / sizeof(*sym);
	for (uint64_t i = 0; i < count; i++) {
		const char *name;

		if (ELF_ST_TYPE(sym[i].st_info) != STT_FUNC ||
		    addr < sym[i].st_value ||
		    addr - sym[i].st_value >= sym[i].st_size)
			continue;
		name = symbol_name(elf, strtab, sym[i].st_name);
		if (!name || !*name)
			continue;
		out->name = name;
		out->offset = addr - sym[i].st_value;
		return SYMBOL_FOUND;
	}
	return SYMBOL_NO_FUNCTION;
}

void symbol_describe(char *buf, size_t len, const char *who,
		     const char *program, const void *elf, size_t size,
		     uint64_t pc)
{
	struct symbol sym;

	switch (symbol_find(elf, size, pc, &sym)) {
	case SYMBOL_FOUND:
		snprintf(buf, len,
			 "init: %s: pc=0x%lx is %s+0x%lx; its source line: "
			 "aarch64-linux-gnu-addr2line -e %s 0x%lx",
			 who, (unsigned long)pc, sym.name,
			 (unsigned long)sym.offset, program, (unsigned long)pc);
		break;
	case SYMBOL_NO_TABLE:
		snprintf(buf, len,
			 "init: %s: %s has no symbol table in the bundle to "
			 "name the function at pc=0x%lx",
			 who, program, (unsigned long)pc);
		break;
	default:
		snprintf(buf, len, "init: %s: pc=0x%lx is in no function of %s",
			 who, (unsigned long)pc, program);
	}
}
