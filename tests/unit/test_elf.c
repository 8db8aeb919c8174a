/*
 * Unit tests of the ELF64 executable checker (sdk/lib/elf.c).
 *
 * build_elf() writes a minimal valid AArch64 executable in memory: a text
 * segment (R-X, the headers and code) and a data segment (RW-, with bss).
 * Each test changes one field and expects one exact error.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/elf.h>
#include <mlk/layout.h>

#define TEXT_VADDR 0x400000ull
#define DATA_VADDR 0x401000ull
#define DATA_OFFSET 0x1000ull
#define DATA_FILESZ 0x100ull
#define ENTRY (TEXT_VADDR + 0x200)

static uint8_t elf[0x4000] __attribute__((aligned(16)));
static uint64_t elf_size;
static struct mlk_elf_info info;

static struct mlk_elf64_ehdr *eh(void)
{
	return (struct mlk_elf64_ehdr *)elf;
}

static struct mlk_elf64_phdr *ph(int i)
{
	return (struct mlk_elf64_phdr *)(elf + eh()->e_phoff) + i;
}

static struct mlk_elf64_phdr *add_phdr(uint32_t type, uint32_t flags,
				       uint64_t offset, uint64_t vaddr,
				       uint64_t filesz, uint64_t memsz)
{
	struct mlk_elf64_phdr *p = ph(eh()->e_phnum++);

	*p = (struct mlk_elf64_phdr){ .p_type = type,
				      .p_flags = flags,
				      .p_offset = offset,
				      .p_vaddr = vaddr,
				      .p_paddr = vaddr,
				      .p_filesz = filesz,
				      .p_memsz = memsz,
				      .p_align = 0x1000 };
	return p;
}

static void build_elf(void)
{
	memset(elf, 0, sizeof(elf));
	memcpy(eh()->e_ident,
	       "\x7f"
	       "ELF",
	       4);
	eh()->e_ident[MLK_EI_CLASS] = MLK_ELFCLASS64;
	eh()->e_ident[MLK_EI_DATA] = MLK_ELFDATA2LSB;
	eh()->e_ident[MLK_EI_VERSION] = MLK_EV_CURRENT;
	eh()->e_type = MLK_ET_EXEC;
	eh()->e_machine = MLK_EM_AARCH64;
	eh()->e_version = MLK_EV_CURRENT;
	eh()->e_entry = ENTRY;
	eh()->e_phoff = sizeof(struct mlk_elf64_ehdr);
	eh()->e_ehsize = sizeof(struct mlk_elf64_ehdr);
	eh()->e_phentsize = sizeof(struct mlk_elf64_phdr);
	add_phdr(MLK_PT_LOAD, MLK_PF_R | MLK_PF_X, 0, TEXT_VADDR, 0x1000,
		 0x1000);
	add_phdr(MLK_PT_LOAD, MLK_PF_R | MLK_PF_W, DATA_OFFSET, DATA_VADDR,
		 DATA_FILESZ, 0x3000);
	/* "code" at the entry point */
	memcpy(elf + 0x200, "\x00\x00\x00\x14", 4);
	elf_size = DATA_OFFSET + DATA_FILESZ;
}

/* The reason mlk_elf_check gives, after checking that its status agrees
 * (MLK_OK with no reason, MLK_ERR_BAD_FORMAT with one). */
static int elf_error(const void *data, uint64_t size)
{
	mlk_status_t st = mlk_elf_check(data, size, &info);

	ck_assert_int_eq(st, info.error == MLK_ELF_OK ? MLK_OK
						      : MLK_ERR_BAD_FORMAT);
	return (int)info.error;
}

static int check(void)
{
	return elf_error(elf, elf_size);
}

/* ---- good files ---------------------------------------------------------- */

START_TEST(minimal_executable_passes)
{
	build_elf();
	ck_assert_int_eq(check(), MLK_ELF_OK);
	ck_assert_uint_eq(info.entry, ENTRY);
	ck_assert_uint_eq(info.machine, MLK_EM_AARCH64);
	ck_assert_uint_eq(info.type, MLK_ET_EXEC);
	ck_assert_uint_eq(info.nsegments, 2);
	ck_assert_uint_eq(info.segments[0].vaddr, TEXT_VADDR);
	ck_assert_uint_eq(info.segments[0].memsz, 0x1000);
	ck_assert_uint_eq(info.segments[0].offset, 0);
	ck_assert_uint_eq(info.segments[0].filesz, 0x1000);
	ck_assert_uint_eq(info.segments[0].flags, MLK_PF_R | MLK_PF_X);
	ck_assert_uint_eq(info.segments[1].vaddr, DATA_VADDR);
	ck_assert_uint_eq(info.segments[1].memsz, 0x3000);
	ck_assert_uint_eq(info.segments[1].offset, DATA_OFFSET);
	ck_assert_uint_eq(info.segments[1].filesz, DATA_FILESZ);
	ck_assert_uint_eq(info.segments[1].flags, MLK_PF_R | MLK_PF_W);
}
END_TEST

START_TEST(unaligned_buffer_passes)
{
	static uint8_t copy[sizeof(elf) + 1];

	build_elf();
	memcpy(copy + 1, elf, elf_size);
	ck_assert_int_eq(elf_error(copy + 1, elf_size), MLK_ELF_OK);
}
END_TEST

START_TEST(other_segments_ignored)
{
	build_elf();
	add_phdr(4 /* PT_NOTE */, MLK_PF_R, 0x100, 0, 0x20, 0x20);
	add_phdr(0x6474e551 /* PT_GNU_STACK */, MLK_PF_R | MLK_PF_W, 0, 0, 0,
		 0);
	add_phdr(MLK_PT_LOAD, MLK_PF_R, 0, 0x500000, 0, 0);
	ck_assert_int_eq(check(), MLK_ELF_OK);
	ck_assert_uint_eq(info.nsegments, 2);
}
END_TEST

START_TEST(unknown_flag_bits_dropped)
{
	build_elf();
	ph(1)->p_flags |= 0xf0000000u;
	ck_assert_int_eq(check(), MLK_ELF_OK);
	ck_assert_uint_eq(info.segments[1].flags, MLK_PF_R | MLK_PF_W);
}
END_TEST

START_TEST(segment_ending_at_stack_area_passes)
{
	build_elf();
	ph(1)->p_vaddr = MLK_STACK_AREA_BASE - 0x3000;
	ck_assert_int_eq(check(), MLK_ELF_OK);
}
END_TEST

/* The largest memory object, exactly: a segment of it loads. */
START_TEST(segment_of_largest_object_passes)
{
	build_elf();
	ph(1)->p_vaddr = 0x1000000000ull;
	ph(1)->p_memsz = MLK_MEM_MAX_SIZE;
	ck_assert_int_eq(check(), MLK_ELF_OK);
	/* Its last byte may end a page early and still span it all. */
	ph(1)->p_memsz = MLK_MEM_MAX_SIZE - 0xfff;
	ck_assert_int_eq(check(), MLK_ELF_OK);
}
END_TEST

/* An empty PT_LOAD maps nothing: where it says it goes does not matter
 * to the loaders, as long as it is user space. */
START_TEST(empty_segment_in_stack_area_passes)
{
	build_elf();
	add_phdr(MLK_PT_LOAD, MLK_PF_R, 0, MLK_STACK_TOP, 0, 0);
	ck_assert_int_eq(check(), MLK_ELF_OK);
	ck_assert_uint_eq(info.nsegments, 2);
}
END_TEST

START_TEST(segment_at_user_base_passes)
{
	build_elf();
	ph(0)->p_vaddr = MLK_USER_BASE;
	eh()->e_entry = MLK_USER_BASE + 0x200;
	ck_assert_int_eq(check(), MLK_ELF_OK);
}
END_TEST

START_TEST(eight_segments_pass)
{
	build_elf();
	for (int i = 2; i < MLK_ELF_MAX_SEGMENTS; i++)
		add_phdr(MLK_PT_LOAD, MLK_PF_R, 0, 0x600000 + i * 0x10000, 0x10,
			 0x10);
	ck_assert_int_eq(check(), MLK_ELF_OK);
	ck_assert_uint_eq(info.nsegments, MLK_ELF_MAX_SEGMENTS);
}
END_TEST

/* ---- the header ---------------------------------------------------------- */

START_TEST(truncated_header)
{
	build_elf();
	for (uint64_t n = 0; n < sizeof(struct mlk_elf64_ehdr); n++)
		ck_assert_int_eq(elf_error(elf, n), MLK_ELF_ERR_TRUNCATED);
}
END_TEST

START_TEST(truncated_anywhere)
{
	build_elf();
	for (uint64_t n = 0; n < elf_size; n++)
		ck_assert_int_ne(elf_error(elf, n), MLK_ELF_OK);
}
END_TEST

START_TEST(bad_magic)
{
	build_elf();
	elf[3] = 'G';
	ck_assert_int_eq(check(), MLK_ELF_ERR_MAGIC);
	ck_assert_int_eq(elf_error("#!/bin/sh\n", 10), MLK_ELF_ERR_MAGIC);
	ck_assert_int_eq(elf_error("hi", 2), MLK_ELF_ERR_MAGIC);
}
END_TEST

START_TEST(not_64_bit)
{
	build_elf();
	eh()->e_ident[MLK_EI_CLASS] = 1;
	ck_assert_int_eq(check(), MLK_ELF_ERR_CLASS);
}
END_TEST

START_TEST(big_endian)
{
	build_elf();
	eh()->e_ident[MLK_EI_DATA] = 2;
	ck_assert_int_eq(check(), MLK_ELF_ERR_ENDIAN);
}
END_TEST

START_TEST(bad_version)
{
	build_elf();
	eh()->e_ident[MLK_EI_VERSION] = 0;
	ck_assert_int_eq(check(), MLK_ELF_ERR_VERSION);
	build_elf();
	eh()->e_version = 2;
	ck_assert_int_eq(check(), MLK_ELF_ERR_VERSION);
}
END_TEST

START_TEST(wrong_machine)
{
	build_elf();
	eh()->e_machine = 62; /* EM_X86_64 */
	ck_assert_int_eq(check(), MLK_ELF_ERR_MACHINE);
	ck_assert_uint_eq(info.machine, 62);
}
END_TEST

START_TEST(not_exec)
{
	build_elf();
	eh()->e_type = MLK_ET_DYN;
	ck_assert_int_eq(check(), MLK_ELF_ERR_TYPE);
	ck_assert_uint_eq(info.type, MLK_ET_DYN);
	eh()->e_type = MLK_ET_REL;
	ck_assert_int_eq(check(), MLK_ELF_ERR_TYPE);
	eh()->e_type = 4; /* ET_CORE */
	ck_assert_int_eq(check(), MLK_ELF_ERR_TYPE);
}
END_TEST

START_TEST(bad_phentsize)
{
	build_elf();
	eh()->e_phentsize = 32;
	ck_assert_int_eq(check(), MLK_ELF_ERR_PHDRS);
}
END_TEST

START_TEST(phdrs_beyond_file)
{
	build_elf();
	eh()->e_phoff = elf_size - 56;
	ck_assert_int_eq(check(), MLK_ELF_ERR_PHDRS);
	eh()->e_phoff = elf_size + 1;
	ck_assert_int_eq(check(), MLK_ELF_ERR_PHDRS);
	eh()->e_phoff = UINT64_MAX - 8;
	ck_assert_int_eq(check(), MLK_ELF_ERR_PHDRS);
}
END_TEST

START_TEST(phnum_extended)
{
	build_elf();
	eh()->e_phnum = MLK_PN_XNUM;
	ck_assert_int_eq(check(), MLK_ELF_ERR_PHDRS);
}
END_TEST

START_TEST(no_program_headers)
{
	build_elf();
	eh()->e_phnum = 0;
	eh()->e_phentsize = 0;
	ck_assert_int_eq(check(), MLK_ELF_ERR_NO_LOAD);
}
END_TEST

/* ---- segments ------------------------------------------------------------ */

START_TEST(no_load_segment)
{
	build_elf();
	ph(0)->p_type = 4; /* PT_NOTE */
	ph(1)->p_type = 4;
	ck_assert_int_eq(check(), MLK_ELF_ERR_NO_LOAD);
	build_elf();
	ph(0)->p_memsz = ph(0)->p_filesz = 0;
	ph(1)->p_memsz = ph(1)->p_filesz = 0;
	ck_assert_int_eq(check(), MLK_ELF_ERR_NO_LOAD);
}
END_TEST

START_TEST(dynamically_linked)
{
	build_elf();
	add_phdr(MLK_PT_INTERP, MLK_PF_R, 0x100, TEXT_VADDR + 0x100, 0x10,
		 0x10);
	ck_assert_int_eq(check(), MLK_ELF_ERR_INTERP);
	build_elf();
	add_phdr(MLK_PT_DYNAMIC, MLK_PF_R | MLK_PF_W, 0x1000, DATA_VADDR, 0x10,
		 0x10);
	ck_assert_int_eq(check(), MLK_ELF_ERR_INTERP);
}
END_TEST

START_TEST(too_many_segments)
{
	build_elf();
	for (int i = 2; i <= MLK_ELF_MAX_SEGMENTS; i++)
		add_phdr(MLK_PT_LOAD, MLK_PF_R, 0, 0x600000 + i * 0x10000, 0x10,
			 0x10);
	ck_assert_int_eq(check(), MLK_ELF_ERR_TOO_MANY);
}
END_TEST

START_TEST(segment_beyond_file)
{
	build_elf();
	ph(1)->p_filesz += 1;
	ck_assert_int_eq(check(), MLK_ELF_ERR_FILE_RANGE);
	build_elf();
	ph(1)->p_offset = elf_size + 0x1000;
	ph(1)->p_filesz = 0;
	ph(1)->p_vaddr = DATA_VADDR + 0x1000;
	ck_assert_int_eq(check(), MLK_ELF_ERR_FILE_RANGE);
}
END_TEST

START_TEST(segment_file_range_wraps)
{
	build_elf();
	ph(1)->p_offset = UINT64_MAX - 0xfff; /* page offset 0, like vaddr */
	ph(1)->p_filesz = 0x1000;
	ck_assert_int_eq(check(), MLK_ELF_ERR_FILE_RANGE);
}
END_TEST

START_TEST(filesz_over_memsz)
{
	build_elf();
	ph(1)->p_memsz = DATA_FILESZ - 1;
	ck_assert_int_eq(check(), MLK_ELF_ERR_FILESZ);
}
END_TEST

START_TEST(segment_below_user_space)
{
	build_elf();
	ph(1)->p_vaddr = MLK_USER_BASE - 0x1000;
	ck_assert_int_eq(check(), MLK_ELF_ERR_USER_RANGE);
	build_elf();
	ph(1)->p_vaddr = 0;
	ck_assert_int_eq(check(), MLK_ELF_ERR_USER_RANGE);
}
END_TEST

/* Both loaders map the first thread's stack at the top of the layout. */
START_TEST(segment_into_stack_area)
{
	build_elf();
	/* 0x3000 bytes: its last page is the area's first (the guard). */
	ph(1)->p_vaddr = MLK_STACK_AREA_BASE - 0x2000;
	ck_assert_int_eq(check(), MLK_ELF_ERR_STACK_AREA);
	build_elf();
	/* Its last byte just inside: the page is the area's. */
	ph(1)->p_vaddr = MLK_STACK_AREA_BASE - 0x3000;
	ph(1)->p_memsz = 0x3001;
	ck_assert_int_eq(check(), MLK_ELF_ERR_STACK_AREA);
	build_elf();
	ph(1)->p_vaddr = MLK_STACK_TOP - 0x3000; /* where the stack is */
	ck_assert_int_eq(check(), MLK_ELF_ERR_STACK_AREA);
	build_elf();
	ph(1)->p_vaddr = MLK_STACK_TOP; /* the guard page, the IPC buffers */
	ck_assert_int_eq(check(), MLK_ELF_ERR_STACK_AREA);
	build_elf();
	ph(1)->p_vaddr = MLK_IPC_BUFFER_BASE;
	ck_assert_int_eq(check(), MLK_ELF_ERR_STACK_AREA);
	build_elf();
	ph(1)->p_vaddr = MLK_USER_END - 0x3000;
	ck_assert_int_eq(check(), MLK_ELF_ERR_STACK_AREA);
}
END_TEST

START_TEST(segment_beyond_user_space)
{
	build_elf();
	ph(1)->p_vaddr = MLK_USER_END - 0x2000; /* its bss past the end */
	ck_assert_int_eq(check(), MLK_ELF_ERR_USER_RANGE);
	build_elf();
	ph(1)->p_vaddr = MLK_USER_END;
	ck_assert_int_eq(check(), MLK_ELF_ERR_USER_RANGE);
	build_elf();
	ph(1)->p_vaddr = 0xffff000000000000ull; /* kernel space */
	ck_assert_int_eq(check(), MLK_ELF_ERR_USER_RANGE);
}
END_TEST

/* memobj_create refuses more than MLK_MEM_MAX_SIZE: so must the checker,
 * counting the whole pages the loaders map. */
START_TEST(segment_over_largest_object)
{
	build_elf();
	ph(1)->p_vaddr = 0x1000000000ull;
	ph(1)->p_memsz = MLK_MEM_MAX_SIZE + 1;
	ck_assert_int_eq(check(), MLK_ELF_ERR_TOO_BIG);
	build_elf();
	ph(1)->p_vaddr = 0x1000000000ull;
	ph(1)->p_memsz = 1ull << 40;
	ck_assert_int_eq(check(), MLK_ELF_ERR_TOO_BIG);
	/* 64 GiB from the middle of a page covers one page more. */
	build_elf();
	ph(1)->p_offset = DATA_OFFSET + 0x10;
	ph(1)->p_vaddr = 0x1000000010ull;
	ph(1)->p_filesz = 0x10;
	ph(1)->p_memsz = MLK_MEM_MAX_SIZE;
	ck_assert_int_eq(check(), MLK_ELF_ERR_TOO_BIG);
	/* Too big beats "in the stack area": it says more. */
	build_elf();
	ph(1)->p_vaddr = MLK_STACK_AREA_BASE - MLK_MEM_MAX_SIZE;
	ph(1)->p_memsz = MLK_MEM_MAX_SIZE + 0x1000;
	ck_assert_int_eq(check(), MLK_ELF_ERR_TOO_BIG);
}
END_TEST

START_TEST(segment_memsz_wraps)
{
	build_elf();
	ph(1)->p_memsz = UINT64_MAX;
	ck_assert_int_eq(check(), MLK_ELF_ERR_USER_RANGE);
}
END_TEST

START_TEST(segments_overlap)
{
	build_elf();
	ph(1)->p_vaddr = TEXT_VADDR;
	ph(1)->p_flags = MLK_PF_R;
	ck_assert_int_eq(check(), MLK_ELF_ERR_OVERLAP);
}
END_TEST

START_TEST(segments_share_a_page)
{
	/* No byte in common, but the text's page would need two sets of
	 * rights. */
	build_elf();
	ph(0)->p_memsz = ph(0)->p_filesz = 0x800;
	ph(1)->p_offset = 0x800;
	ph(1)->p_vaddr = TEXT_VADDR + 0x800;
	ck_assert_int_eq(check(), MLK_ELF_ERR_OVERLAP);
	/* The data's bss over the text. */
	build_elf();
	ph(1)->p_vaddr = TEXT_VADDR - 0x2000;
	ck_assert_int_eq(check(), MLK_ELF_ERR_OVERLAP);
}
END_TEST

START_TEST(writable_and_executable)
{
	build_elf();
	ph(1)->p_flags = MLK_PF_R | MLK_PF_W | MLK_PF_X;
	ck_assert_int_eq(check(), MLK_ELF_ERR_WX);
	build_elf();
	ph(0)->p_flags = MLK_PF_W | MLK_PF_X;
	ck_assert_int_eq(check(), MLK_ELF_ERR_WX);
}
END_TEST

START_TEST(entry_not_executable)
{
	build_elf();
	eh()->e_entry = DATA_VADDR + 0x10; /* in data */
	ck_assert_int_eq(check(), MLK_ELF_ERR_ENTRY);
	eh()->e_entry = TEXT_VADDR + 0x1000; /* just past the text */
	ck_assert_int_eq(check(), MLK_ELF_ERR_ENTRY);
	eh()->e_entry = TEXT_VADDR - 4;
	ck_assert_int_eq(check(), MLK_ELF_ERR_ENTRY);
	eh()->e_entry = 0;
	ck_assert_int_eq(check(), MLK_ELF_ERR_ENTRY);
	eh()->e_entry = TEXT_VADDR + 0xffc; /* the last word of the text */
	ck_assert_int_eq(check(), MLK_ELF_OK);
}
END_TEST

/* thread_create takes only a word-aligned pc. */
START_TEST(entry_misaligned)
{
	build_elf();
	for (int i = 1; i < 4; i++) {
		eh()->e_entry = ENTRY + i;
		ck_assert_int_eq(check(), MLK_ELF_ERR_ENTRY_ALIGN);
	}
	/* Outside every segment says more than misaligned. */
	eh()->e_entry = DATA_VADDR + 2;
	ck_assert_int_eq(check(), MLK_ELF_ERR_ENTRY);
}
END_TEST

START_TEST(misaligned_segment)
{
	build_elf();
	ph(1)->p_vaddr = DATA_VADDR + 0x800;
	ck_assert_int_eq(check(), MLK_ELF_ERR_ALIGN);
	build_elf();
	ph(1)->p_offset = DATA_OFFSET - 0x10;
	ck_assert_int_eq(check(), MLK_ELF_ERR_ALIGN);
}
END_TEST

START_TEST(strerror_distinct)
{
	for (int a = MLK_ELF_OK; a <= MLK_ELF_ERR_ENTRY_ALIGN; a++) {
		const char *s = mlk_elf_strerror(a);

		ck_assert_ptr_nonnull(s);
		ck_assert(s[0] >= 'a' && s[0] <= 'z');
		ck_assert_ptr_null(strchr(s, '\n'));
		for (int b = MLK_ELF_OK; b < a; b++)
			ck_assert_str_ne(s, mlk_elf_strerror(b));
	}
	ck_assert_str_eq(mlk_elf_strerror(-1), "unknown ELF error");
	ck_assert_str_eq(mlk_elf_strerror(MLK_ELF_ERR_ENTRY_ALIGN + 1),
			 "unknown ELF error");
	ck_assert_str_eq(mlk_elf_strerror(MLK_ELF_ERR_STACK_AREA),
			 "segment in the stack and IPC buffer area (at or "
			 "above 0x7effc0000000)");
	ck_assert_str_eq(mlk_elf_strerror(MLK_ELF_ERR_TOO_BIG),
			 "segment larger than the largest memory object (64 "
			 "GiB)");
	ck_assert_str_eq(mlk_elf_strerror(MLK_ELF_ERR_ENTRY_ALIGN),
			 "entry point not aligned to 4 bytes");
	ck_assert_ptr_nonnull(
		strstr(mlk_elf_strerror(MLK_ELF_ERR_MACHINE), "AArch64"));
	ck_assert_ptr_nonnull(
		strstr(mlk_elf_strerror(MLK_ELF_ERR_TYPE), "PIE"));
}
END_TEST

static Suite *elf_suite(void)
{
	Suite *s = suite_create("elf");
	TCase *good = tcase_create("good");
	TCase *header = tcase_create("header");
	TCase *segs = tcase_create("segments");

	tcase_add_test(good, minimal_executable_passes);
	tcase_add_test(good, unaligned_buffer_passes);
	tcase_add_test(good, other_segments_ignored);
	tcase_add_test(good, unknown_flag_bits_dropped);
	tcase_add_test(good, segment_ending_at_stack_area_passes);
	tcase_add_test(good, segment_of_largest_object_passes);
	tcase_add_test(good, empty_segment_in_stack_area_passes);
	tcase_add_test(good, segment_at_user_base_passes);
	tcase_add_test(good, eight_segments_pass);
	tcase_add_test(good, strerror_distinct);
	tcase_add_test(header, truncated_header);
	tcase_add_test(header, truncated_anywhere);
	tcase_add_test(header, bad_magic);
	tcase_add_test(header, not_64_bit);
	tcase_add_test(header, big_endian);
	tcase_add_test(header, bad_version);
	tcase_add_test(header, wrong_machine);
	tcase_add_test(header, not_exec);
	tcase_add_test(header, bad_phentsize);
	tcase_add_test(header, phdrs_beyond_file);
	tcase_add_test(header, phnum_extended);
	tcase_add_test(header, no_program_headers);
	tcase_add_test(segs, no_load_segment);
	tcase_add_test(segs, dynamically_linked);
	tcase_add_test(segs, too_many_segments);
	tcase_add_test(segs, segment_beyond_file);
	tcase_add_test(segs, segment_file_range_wraps);
	tcase_add_test(segs, filesz_over_memsz);
	tcase_add_test(segs, segment_below_user_space);
	tcase_add_test(segs, segment_into_stack_area);
	tcase_add_test(segs, segment_beyond_user_space);
	tcase_add_test(segs, segment_over_largest_object);
	tcase_add_test(segs, segment_memsz_wraps);
	tcase_add_test(segs, segments_overlap);
	tcase_add_test(segs, segments_share_a_page);
	tcase_add_test(segs, writable_and_executable);
	tcase_add_test(segs, entry_not_executable);
	tcase_add_test(segs, entry_misaligned);
	tcase_add_test(segs, misaligned_segment);
	suite_add_tcase(s, good);
	suite_add_tcase(s, header);
	suite_add_tcase(s, segs);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(elf_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
