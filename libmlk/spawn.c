/*
 * The ELF loader (see mlk/spawn.h).
 */
#include <mlk/elf.h>
#include <mlk/spawn.h>
#include <mlk/sys.h>

#include <stdbool.h>
#include <string.h>

#include "args.h"
#include "libc/libc_impl.h"

/* The stack goes where the kernel puts init's: the area of mlk/layout.h,
 * which the ELF checker keeps every segment out of. */
#define STACK_TOP MLK_STACK_TOP

_Static_assert(MLK_SPAWN_STACK_DEFAULT <= MLK_STACK_MAX,
	       "the default stack fits its area");

/* Map one segment: a fresh object with the file's bytes, the rest zero. */
static mlk_status_t load_segment(mlk_handle_t aspace, const uint8_t *elf,
				 const struct mlk_elf_segment *seg)
{
	uint64_t base = MLK_PAGE_DOWN(seg->vaddr);
	uint64_t span = MLK_PAGE_UP(seg->vaddr + seg->memsz) - base;
	uint32_t flags = MLK_MAP_READ;
	mlk_handle_t mem;
	uint64_t got;
	mlk_status_t st;

	if (seg->flags & MLK_PF_W)
		flags |= MLK_MAP_WRITE;
	if (seg->flags & MLK_PF_X)
		flags |= MLK_MAP_EXEC;
	/* Committed, as the kernel loads init: the program's data and bss
	 * are paid for at the start, never by a fault later. */
	st = mlk_mem_create(span, MLK_MEM_COMMIT, &mem);
	if (st != MLK_OK)
		return st;
	if (seg->filesz)
		st = mlk_mem_write(mem, seg->vaddr - base, elf + seg->offset,
				   seg->filesz);
	if (st == MLK_OK)
		st = mlk_aspace_map(aspace, mem, 0, base, span, flags, &got);
	mlk_handle_close(mem); /* the mapping keeps the memory */
	return st;
}

static mlk_status_t map_stack(mlk_handle_t aspace, size_t size)
{
	mlk_handle_t mem;
	uint64_t got;
	mlk_status_t st = mlk_mem_create(size, 0, &mem);

	if (st != MLK_OK)
		return st;
	st = mlk_aspace_map(aspace, mem, 0, STACK_TOP - size, size,
			    MLK_MAP_READ | MLK_MAP_WRITE, &got);
	mlk_handle_close(mem);
	return st;
}

/* The start info page: handles given, arguments; mapped read-only. */
static mlk_status_t give_startinfo(const struct mlk_spawn *s,
				   const struct mlk_spawned *child,
				   uint64_t *addr)
{
	static struct mlk_startinfo si;
	mlk_handle_t mem;
	size_t used;
	mlk_status_t st = MLK_OK;

	memset(&si, 0, sizeof(si));
	si.magic = MLK_STARTINFO_MAGIC;
	si.version = MLK_STARTINFO_VERSION;
	si.size = sizeof(si);
	strlcpy(si.name, s->name, sizeof(si.name));
	/* mlk_spawn checked that they pack. */
	args_pack(s->args, si.args, sizeof(si.args), &si.argc, &used);
	si.quota = s->quota;
	for (uint32_t i = 0; i < s->nhandles && st == MLK_OK; i++) {
		uint32_t type, rights;
		si.handles[i] = s->handles[i];
		st = mlk_handle_info(s->handles[i].handle, &type, &rights);
		/* What a program is given stays with it: it may use the
		 * handles, not pass them on. */
		if (st == MLK_OK)
			st = mlk_process_give(child->process,
					      s->handles[i].handle,
					      rights & ~MLK_RIGHTS_BASIC,
					      &si.handles[i].handle);
		si.nhandles = i + 1;
	}
	if (st != MLK_OK)
		return st;
	st = mlk_mem_create(MLK_PAGE_SIZE, MLK_MEM_COMMIT, &mem);
	if (st != MLK_OK)
		return st;
	st = mlk_mem_write(mem, 0, &si, sizeof(si));
	if (st == MLK_OK)
		st = mlk_aspace_map(child->aspace, mem, 0, 0, MLK_PAGE_SIZE,
				    MLK_MAP_READ, addr);
	mlk_handle_close(mem);
	return st;
}

static mlk_status_t build(const struct mlk_spawn *s,
			  const struct mlk_elf_info *info,
			  struct mlk_spawned *child)
{
	uint64_t startinfo = 0;
	mlk_status_t st = MLK_OK;

	for (uint32_t i = 0; i < info->nsegments && st == MLK_OK; i++)
		st = load_segment(child->aspace, s->elf, &info->segments[i]);
	if (st == MLK_OK)
		st = map_stack(child->aspace,
			       s->stack_size ? MLK_PAGE_UP(s->stack_size)
					     : MLK_SPAWN_STACK_DEFAULT);
	if (st == MLK_OK)
		st = give_startinfo(s, child, &startinfo);
	if (st == MLK_OK && s->supervisor)
		st = mlk_process_set_supervisor(child->process, s->supervisor,
						s->supervisor_badge);
	if (st == MLK_OK)
		st = mlk_thread_create(child->process, info->entry, STACK_TOP,
				       startinfo, s->priority, s->name,
				       strlen(s->name), &child->thread);
	if (st == MLK_OK)
		st = mlk_thread_start(child->thread);
	return st;
}

/* Arguments are refused, never cut: the program would run with others
 * than it was given. */
static mlk_status_t spawn_check_args(const char *args)
{
	uint32_t argc;
	size_t used;

	switch (args_pack(args, NULL, MLK_STARTINFO_ARGS_SIZE, &argc, &used)) {
	case ARGS_OK:
		return MLK_OK;
	case ARGS_ERR_TOO_LONG:
		return MLK_ERR_TOO_BIG;
	default:
		return MLK_ERR_BAD_ARG(0);
	}
}

MLK_PUBLIC mlk_status_t mlk_spawn(const struct mlk_spawn *s,
				  struct mlk_spawned *out)
{
	struct mlk_elf_info info;
	struct mlk_spawned child = { 0 };
	mlk_status_t st = mlk_elf_check(s->elf, s->elf_size, &info);

	out->elf_error = info.error;
	if (st != MLK_OK)
		return st;
	if (s->stack_size > MLK_STACK_MAX ||
	    s->nhandles > MLK_STARTINFO_MAX_HANDLES)
		return MLK_ERR_TOO_BIG;
	st = spawn_check_args(s->args);
	if (st != MLK_OK)
		return st;
	st = mlk_process_create(s->name, strlen(s->name), s->quota,
				&child.process, &child.aspace);
	if (st != MLK_OK)
		return st;
	st = build(s, &info, &child);
	if (st != MLK_OK) {
		mlk_process_kill(child.process, MLK_EXIT_KILLED);
		mlk_handle_close(child.process);
		mlk_handle_close(child.aspace);
		if (child.thread)
			mlk_handle_close(child.thread);
		return st;
	}
	*out = child;
	return MLK_OK;
}
