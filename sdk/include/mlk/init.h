/*
 * Asking init to run, end or list programs (protocol in mlk/proto/init.h).
 */
#ifndef MLK_INIT_H
#define MLK_INIT_H

#include <stdint.h>

#include <mlk/bundle.h>
#include <mlk/proto/init.h>
#include <mlk/syscall.h>

struct mlk_init_service {
	char name[MLK_BUNDLE_NAME_MAX];
	uint64_t pid;	/* 0 when not running */
	uint32_t state; /* enum mlk_init_state */
	uint32_t restarts;
	uint32_t priority;
	int64_t exit_code; /* of its last run: 0 until one ended,
			      MLK_EXIT_FAULTED, MLK_EXIT_KILLED or its own */
};

/* Start a program of the boot bundle with arguments (may be NULL). */
mlk_status_t mlk_init_run(const char *name, const char *args, uint64_t *pid);
mlk_status_t mlk_init_kill(const char *name);
/* Entry `index` of init's list; MLK_ERR_NOT_FOUND past the last. */
mlk_status_t mlk_init_list(uint32_t index, struct mlk_init_service *out);

#endif
