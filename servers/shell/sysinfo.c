/*
 * The kernel's tables (mlk/sysinfo.h, through the system handle the
 * manifest grants the shell) and init's list of services.
 */
#include <mlk/runtime.h>
#include <mlk/sys.h>
#include <mlk/sysinfo.h>

#include <stdlib.h>
#include <string.h>

#include "shell.h"

mlk_handle_t shell_system(void)
{
	return mlk_start_handle(MLK_START_SYSTEM, NULL);
}

/* Records come and go between two calls: ask again with room for the
 * count the last call reported, plus a few. */
mlk_status_t sysinfo_table(uint32_t what, size_t size, void **out,
			   size_t *count)
{
	uint64_t room = 32, have = 0;
	void *buf = NULL;

	for (int tries = 1;; tries++) {
		void *bigger = realloc(buf, room * size);
		if (!bigger) {
			free(buf);
			return MLK_ERR_NO_MEMORY;
		}
		buf = bigger;
		mlk_status_t st = mlk_system_info(shell_system(), what, buf,
						  room * size, &have);
		if (st != MLK_OK) {
			free(buf);
			return st;
		}
		/* Still growing after a few tries: show what fitted. */
		if (have <= room || tries == 4) {
			*out = buf;
			*count = have < room ? have : room;
			return MLK_OK;
		}
		room = have + 8;
	}
}

mlk_status_t init_find(const char *name, struct mlk_init_service *out)
{
	mlk_status_t st;

	for (uint32_t i = 0; (st = mlk_init_list(i, out)) == MLK_OK; i++)
		if (!strcmp(out->name, name))
			return MLK_OK;
	return st;
}
