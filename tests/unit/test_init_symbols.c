/*
 * Unit tests of init's symbol lookup (servers/init/symbols.c): the
 * function a faulting pc is in, from an ELF's .symtab, and the line of
 * the fault report that says so.  The ELF images are built here with the
 * build machine's <elf.h>, so a broken one can be made to order: every
 * offset, size and index a bundle's ELF could get wrong is refused.
 */
#include <elf.h>
#include <string.h>

#include "symbols.h"

#include "unit.h"

/* An ELF64 with sections: null, .symtab, .strtab. */
enum { SEC_NULL, SEC_SYMTAB, SEC_STRTAB, NSECTIONS };

static const char strings[] = "\0main\0table\0helper\0unterminated";
#define NAME_MAIN 1
#define NAME_TABLE 6
#define NAME_HELPER 12
#define NAME_UNTERMINATED 19

struct image {
	Elf64_Ehdr eh;
	Elf64_Shdr sh[NSECTIONS];
	Elf64_Sym sym[6];
	char str[sizeof(strings) - 1]; /* the last name without its NUL */
};

static struct image img;

static void make_image(void)
{
	static const Elf64_Sym syms[] = {
		{ 0 },
		{ .st_name = NAME_MAIN,
		  .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
		  .st_value = 0x400100,
		  .st_size = 0x40 },
		{ .st_name = NAME_TABLE,
		  .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT),
		  .st_value = 0x400200,
		  .st_size = 0x10 },
		{ .st_name = NAME_HELPER,
		  .st_info = ELF64_ST_INFO(STB_LOCAL, STT_FUNC),
		  .st_value = 0x400180,
		  .st_size = 0x20 },
		{ .st_name = sizeof(strings) + 8, /* past the string table */
		  .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
		  .st_value = 0x400300,
		  .st_size = 0x10 },
		{ .st_name = NAME_UNTERMINATED,
		  .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
		  .st_value = 0x400400,
		  .st_size = 0x10 },
	};

	memset(&img, 0, sizeof(img));
	memcpy(img.eh.e_ident, ELFMAG, SELFMAG);
	img.eh.e_shoff = offsetof(struct image, sh);
	img.eh.e_shentsize = sizeof(Elf64_Shdr);
	img.eh.e_shnum = NSECTIONS;
	img.sh[SEC_SYMTAB] = (Elf64_Shdr){
		.sh_type = SHT_SYMTAB,
		.sh_offset = offsetof(struct image, sym),
		.sh_size = sizeof(img.sym),
		.sh_link = SEC_STRTAB,
		.sh_entsize = sizeof(Elf64_Sym),
	};
	img.sh[SEC_STRTAB] = (Elf64_Shdr){
		.sh_type = SHT_STRTAB,
		.sh_offset = offsetof(struct image, str),
		.sh_size = sizeof(img.str),
	};
	memcpy(img.sym, syms, sizeof(syms));
	memcpy(img.str, strings, sizeof(img.str));
}

static enum symbol_result find(uint64_t addr, struct symbol *sym)
{
	return symbol_find(&img, sizeof(img), addr, sym);
}

START_TEST(names_the_function_and_offset)
{
	struct symbol sym;

	make_image();
	ck_assert_int_eq(find(0x40011c, &sym), SYMBOL_FOUND);
	ck_assert_str_eq(sym.name, "main");
	ck_assert_uint_eq(sym.offset, 0x1c);
	ck_assert_int_eq(find(0x400190, &sym), SYMBOL_FOUND);
	ck_assert_str_eq(sym.name, "helper");
	ck_assert_uint_eq(sym.offset, 0x10);
}
END_TEST

/* A function covers [value, value + size): its first and last byte, and
 * not the byte after. */
START_TEST(function_bounds)
{
	struct symbol sym;

	make_image();
	ck_assert_int_eq(find(0x400100, &sym), SYMBOL_FOUND);
	ck_assert_uint_eq(sym.offset, 0);
	ck_assert_int_eq(find(0x40013f, &sym), SYMBOL_FOUND);
	ck_assert_uint_eq(sym.offset, 0x3f);
	ck_assert_int_eq(find(0x400140, &sym), SYMBOL_NO_FUNCTION);
	ck_assert_int_eq(find(0x4000ff, &sym), SYMBOL_NO_FUNCTION);
}
END_TEST

/* Data symbols and names that do not end inside the string table do not
 * name a function. */
START_TEST(only_functions_with_good_names)
{
	struct symbol sym;

	make_image();
	ck_assert_int_eq(find(0x400204, &sym), SYMBOL_NO_FUNCTION);
	ck_assert_int_eq(find(0x400304, &sym), SYMBOL_NO_FUNCTION);
	ck_assert_int_eq(find(0x400404, &sym), SYMBOL_NO_FUNCTION);
}
END_TEST

START_TEST(stripped_has_no_table)
{
	struct symbol sym;

	make_image();
	img.eh.e_shnum = 0;
	ck_assert_int_eq(find(0x40011c, &sym), SYMBOL_NO_TABLE);
	make_image();
	img.sh[SEC_SYMTAB].sh_type = SHT_PROGBITS;
	ck_assert_int_eq(find(0x40011c, &sym), SYMBOL_NO_TABLE);
}
END_TEST

/* Every offset, size and index is checked against the file. */
START_TEST(refuses_what_does_not_fit)
{
	struct symbol sym;

	make_image();
	ck_assert_int_eq(
		symbol_find(&img, sizeof(Elf64_Ehdr) - 1, 0x40011c, &sym),
		SYMBOL_NO_TABLE);
	ck_assert_int_eq(
		symbol_find(&img, offsetof(struct image, sym), 0x40011c, &sym),
		SYMBOL_NO_TABLE);
	img.eh.e_shentsize = sizeof(Elf64_Shdr) - 8;
	ck_assert_int_eq(find(0x40011c, &sym), SYMBOL_NO_TABLE);
	make_image();
	img.eh.e_shoff = sizeof(img) - 8;
	ck_assert_int_eq(find(0x40011c, &sym), SYMBOL_NO_TABLE);
	make_image();
	img.eh.e_shoff = UINT64_MAX - 8;
	ck_assert_int_eq(find(0x40011c, &sym), SYMBOL_NO_TABLE);
	make_image();
	img.sh[SEC_SYMTAB].sh_link = NSECTIONS;
	ck_assert_int_eq(find(0x40011c, &sym), SYMBOL_NO_TABLE);
	make_image();
	img.sh[SEC_SYMTAB].sh_size = UINT64_MAX;
	ck_assert_int_eq(find(0x40011c, &sym), SYMBOL_NO_TABLE);
	make_image();
	img.sh[SEC_SYMTAB].sh_offset += 4;
	ck_assert_int_eq(find(0x40011c, &sym), SYMBOL_NO_TABLE);
	make_image();
	img.sh[SEC_STRTAB].sh_offset = sizeof(img) + 1;
	ck_assert_int_eq(find(0x40011c, &sym), SYMBOL_NO_TABLE);
}
END_TEST

START_TEST(describes_each_case)
{
	char line[256];

	make_image();
	symbol_describe(line, sizeof(line), "blk0", "virtio-blk", &img,
			sizeof(img), 0x40011c);
	ck_assert_str_eq(line, "init: blk0: pc=0x40011c is main+0x1c; its "
			       "source line: aarch64-linux-gnu-addr2line -e "
			       "virtio-blk 0x40011c");
	symbol_describe(line, sizeof(line), "crash", "crash", &img, sizeof(img),
			0x10);
	ck_assert_str_eq(line, "init: crash: pc=0x10 is in no function of "
			       "crash");
	img.eh.e_shnum = 0;
	symbol_describe(line, sizeof(line), "crash", "crash", &img, sizeof(img),
			0x400100);
	ck_assert_str_eq(line, "init: crash: crash has no symbol table in the "
			       "bundle to name the function at pc=0x400100");
	symbol_describe(line, 12, "crash", "crash", &img, sizeof(img),
			0x400100);
	ck_assert_str_eq(line, "init: crash");
}
END_TEST

static Suite *symbols_suite(void)
{
	Suite *s = suite_create("init_symbols");
	TCase *tc = tcase_create("symbols");

	tcase_add_test(tc, names_the_function_and_offset);
	tcase_add_test(tc, function_bounds);
	tcase_add_test(tc, only_functions_with_good_names);
	tcase_add_test(tc, stripped_has_no_table);
	tcase_add_test(tc, refuses_what_does_not_fit);
	tcase_add_test(tc, describes_each_case);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run("init_symbols", symbols_suite());
}
