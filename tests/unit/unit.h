/*
 * Shared by the Check unit tests: running a suite, expecting a panic,
 * fake RAM, and the controls of the HAL fakes in mock_hal.c.
 */
#ifndef MLK_TESTS_UNIT_UNIT_H
#define MLK_TESTS_UNIT_UNIT_H

#include <check.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- Controls of the fakes in mock_hal.c --------------------------------- */

/* The log of calls into the fake controller and timer: "enable 30;ack 30;". */
void mock_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *mock_events(void);
void mock_events_clear(void);

/* The CPU's interrupt mask (arch_irq_save/restore). */
bool mock_irqs_masked(void);
void mock_set_irqs_masked(bool masked);

/* Mark `intid` pending; arch_intc_ack delivers it once it is enabled. */
void mock_intc_raise(unsigned intid);
unsigned mock_intc_pending(void);
bool mock_intc_is_enabled(unsigned intid);

/* The timer: the EL1 physical timer's PPI, 62.5 MHz unless set. */
#define MOCK_TIMER_INTID 30u
#define MOCK_TIMER_FREQ 62500000u
/* Move the counter; reaching an armed deadline raises MOCK_TIMER_INTID. */
void mock_timer_set_now(uint64_t now);
void mock_timer_set_freq(uint64_t hz);
uint64_t mock_timer_deadline(void);
bool mock_timer_armed(void);

/* Everything written with console_putc, NUL-terminated. */
const char *mock_console_text(void);
void mock_console_clear(void);
/* Characters written while nobody held console_lock. */
size_t mock_console_unlocked_writes(void);
bool mock_console_locked(void);

/* ---- Running ------------------------------------------------------------- */

/*
 * Run every test of `s`, each in its own process: the code under test
 * keeps its state in statics (PMM zones, heap lists, interrupt handlers),
 * and only a fresh process gives each test a fresh kernel, so CK_FORK=no
 * in the environment is overridden.  Ends with one PASS/FAIL line;
 * returns the exit status for main.
 */
static inline int unit_run(const char *name, Suite *s)
{
	SRunner *sr = srunner_create(s);

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_ENV);
	int run = srunner_ntests_run(sr);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);

	bool pass = run > 0 && failed == 0;
	printf("unit: %s: %s (%d tests, %d failed)\n", name,
	       pass ? "PASS" : "FAIL", run, failed);
	return pass ? EXIT_SUCCESS : EXIT_FAILURE;
}

/*
 * Run fn(arg) in a child process and require that it panics: the mock
 * panic() aborts, so the child must die of SIGABRT, and what it printed
 * on stderr must contain `message`.
 */
static inline void unit_expect_panic(void (*fn)(void *), void *arg,
				     const char *message)
{
	char out[4096];
	size_t len = 0;
	int fds[2], status;

	ck_assert_int_eq(pipe(fds), 0);
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		close(fds[1]);
		fn(arg);
		_exit(0); /* no panic */
	}
	close(fds[1]);
	for (ssize_t n;
	     (n = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0;)
		len += (size_t)n;
	out[len] = 0;
	close(fds[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
		      "expected a panic (SIGABRT), got status %#x; stderr: %s",
		      status, out);
	ck_assert_msg(strstr(out, message) != NULL,
		      "panic message \"%s\" lacks \"%s\"", out, message);
}

/* ---- Fake RAM ------------------------------------------------------------ */

/*
 * Host memory that the code under test takes for physical RAM (the mock
 * direct map is the identity).  Released with free((void *)(uintptr_t)pa).
 * posix_memalign, not aligned_alloc: C11 wants the size to be a multiple
 * of the alignment, and AddressSanitizer holds it to that.
 */
static inline uint64_t unit_alloc_ram(size_t size, size_t align)
{
	void *p = NULL;

	ck_assert_int_eq(posix_memalign(&p, align, size), 0);
	return (uint64_t)(uintptr_t)p;
}

#endif
