/*
 * The function a faulting pc is in, from the service's own symbol table
 * in the bundle (mlk-mkimage packs ELF files as they are, .symtab and
 * .strtab included), so init's fault report can name it.
 */
#ifndef MLK_SERVERS_INIT_SYMBOLS_H
#define MLK_SERVERS_INIT_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum symbol_result {
	SYMBOL_FOUND,	   /* name and offset are set */
	SYMBOL_NO_TABLE,   /* the ELF has no symbol table (stripped) */
	SYMBOL_NO_FUNCTION /* no function symbol covers the address */
};

struct symbol {
	const char *name; /* NUL-terminated, inside the ELF's string table */
	uint64_t offset;  /* of the address from the function's start */
};

/* Which function of the ELF image (`size` bytes at `elf`, 8-byte
 * aligned) holds `addr`; every offset and index it reads is checked
 * against `size` first, so any bytes are safe to pass. */
enum symbol_result symbol_find(const void *elf, size_t size, uint64_t addr,
			       struct symbol *out);

/*
 * The line of init's fault report that names the function: where the
 * service `who`, running the bundle's program `program` (the ELF at
 * `elf`), faulted at `pc`, and how to get the source line.  Into buf,
 * cut to `len` bytes; no newline.
 */
void symbol_describe(char *buf, size_t len, const char *who,
		     const char *program, const void *elf, size_t size,
		     uint64_t pc);

#endif
