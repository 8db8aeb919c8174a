/*
 * inittest: init's supervision through its control protocol (mlk/init.h)
 * in an image of the standard system plus `probe` (see README.md).  The
 * tests are TESTs of the test library (tests/lib/mlkcheck.h); these are
 * the helpers they share.
 */
#ifndef MLK_TESTS_INIT_INITTEST_H
#define MLK_TESTS_INIT_INITTEST_H

#include <stdbool.h>
#include <stdint.h>

#include <mlk/init.h>

#include "mlkcheck.h"

#define NS_PER_MS 1000000ull

/* helpers.c */
/* init's entry for `name`; MLK_ERR_NOT_FOUND if it has none. */
mlk_status_t service_find(const char *name, struct mlk_init_service *out);
/* Poll init's list until `name` runs with a process other than
 * `old_pid`, or shows `state` if that is not MLK_INIT_RUNNING; a
 * bounded number of polls (the back-off is capped at 3.2 s), never a
 * fixed sleep.  Its entry then, and false if it never got there. */
bool service_wait(const char *name, uint64_t old_pid, uint32_t state,
		  struct mlk_init_service *out);
/* The kernel's view of a process: its quota, and its first thread's
 * priority; false if it is not there. */
bool process_facts(uint64_t pid, uint64_t *quota, uint32_t *priority);

#endif
