/*
 * libFuzzer harness: the ELF checker (sdk/lib/elf.c) that the kernel,
 * libmlk's loader and mlk-mkimage share, on any file.
 *
 * The file starts one byte into its buffer, which ends where the file
 * does: the checker must neither need alignment nor read past the end.
 * What it accepts is then held to what the loaders rely on (<mlk/layout.h>):
 * every segment's file bytes inside the file, every segment in user space
 * below the stack area and no larger than one memory object, no two
 * sharing a page, none writable and executable, the entry point aligned
 * and in an executable one.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mlk/elf.h>
#include <mlk/layout.h>

static void broken(const char *what, uint32_t i)
{
	fprintf(stderr, "fuzz_elf: accepted a file whose segment %u %s\n", i,
		what);
	abort();
}

static void check_accepted(const struct mlk_elf_info *info, uint64_t size)
{
	bool entry_ok = false;

	if (info->nsegments == 0 || info->nsegments > MLK_ELF_MAX_SEGMENTS)
		broken("count is wrong", info->nsegments);
	for (uint32_t i = 0; i < info->nsegments; i++) {
		const struct mlk_elf_segment *s = &info->segments[i];

		if (s->offset > size || s->filesz > size - s->offset)
			broken("lies beyond the file", i);
		if (s->filesz > s->memsz || s->memsz == 0)
			broken("has bad sizes", i);
		if (s->vaddr < MLK_USER_BASE ||
		    s->vaddr > MLK_STACK_AREA_BASE ||
		    s->memsz > MLK_STACK_AREA_BASE - s->vaddr)
			broken("is outside user space below the stacks", i);
		if (MLK_PAGE_DOWN(s->vaddr + s->memsz - 1) -
			    MLK_PAGE_DOWN(s->vaddr) >=
		    MLK_MEM_MAX_SIZE)
			broken("is larger than a memory object", i);
		if ((s->flags & MLK_PF_W) && (s->flags & MLK_PF_X))
			broken("is writable and executable", i);
		if ((s->flags & MLK_PF_X) && info->entry >= s->vaddr &&
		    info->entry - s->vaddr < s->memsz)
			entry_ok = true;
		for (uint32_t j = 0; j < i; j++) {
			const struct mlk_elf_segment *t = &info->segments[j];
			uint64_t s_end = MLK_PAGE_DOWN(s->vaddr + s->memsz - 1);
			uint64_t t_end = MLK_PAGE_DOWN(t->vaddr + t->memsz - 1);

			if (MLK_PAGE_DOWN(s->vaddr) <= t_end &&
			    MLK_PAGE_DOWN(t->vaddr) <= s_end)
				broken("shares a page with another", i);
		}
	}
	if (!entry_ok || info->entry % 4)
		broken("set holds no aligned executable entry point", 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *buf = malloc(size + 1);
	struct mlk_elf_info info;
	mlk_status_t st;

	memcpy(buf + 1, data, size);
	st = mlk_elf_check(buf + 1, size, &info);
	if ((st == MLK_OK) != (info.error == MLK_ELF_OK))
		abort();
	if (st == MLK_OK)
		check_accepted(&info, size);
	if (!mlk_elf_strerror(info.error)[0])
		abort();
	free(buf);
	return 0;
}
