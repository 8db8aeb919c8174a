/*
 * inittest: init's supervision through its control protocol (mlk/init.h)
 * in an image of the standard system plus `probe` (see README.md).
 */
#ifndef MLK_INITTEST_H
#define MLK_INITTEST_H

#include <stdbool.h>
#include <stdint.h>

#include <mlk/init.h>

#define NS_PER_MS 1000000ull

/* Check a status: on a mismatch, one line with where and what. */
#define EXPECT_ST(expr, want)                                                  \
	inittest_status(__FILE__, __LINE__, #expr, (expr), (want))
/* Check a condition. */
#define EXPECT(cond) inittest_true(__FILE__, __LINE__, #cond, (cond))

bool inittest_status(const char *file, int line, const char *what,
		     mlk_status_t got, mlk_status_t want);
bool inittest_true(const char *file, int line, const char *what, bool ok);

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

/* The groups. */
void test_stress(void);
void test_requested_kills(void);
void test_run_as_manifest(void);
void test_run_unlisted(void);
void test_services_work(void);

#endif
