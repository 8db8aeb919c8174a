/*
 * In-kernel selftests: run on the real machine (or QEMU) after memory and
 * interrupts are up, with bootarg mlk.selftest=1 (every suite) or
 * mlk.selftest=<suite>[,<suite>...].  Each test prints one line; the run
 * ends with exactly "selftest: result: PASS" or "selftest: result: FAIL"
 * and powers the machine off.
 *
 * A test:
 *
 *     SELFTEST(pmm, alloc_free)
 *     {
 *             uint64_t pa = pmm_alloc();
 *             ST_CHECK(t, pa != PMM_NONE);
 *             ST_EQ(t, pmm_free(pa), PMM_OK);
 *     }
 *
 * ST_CHECK/ST_EQ record a failure and go on; ST_REQUIRE returns from the
 * test on failure.  Suites are the first argument of SELFTEST.  Tests must
 * not depend on each other's order, and must leave the machine as they
 * found it (free what they allocate, stop timers they start).
 */
#ifndef MLK_KERNEL_SELFTEST_H
#define MLK_KERNEL_SELFTEST_H

#include "compiler.h"

struct st_ctx {
	int failures;
};

struct selftest {
	const char *suite;
	const char *name;
	void (*fn)(struct st_ctx *t);
};

#define SELFTEST(suite, name)                                                  \
	static void st_##suite##_##name(struct st_ctx *t);                     \
	static const struct selftest st_desc_##suite##_##name __used           \
		__section(".selftests")                                        \
			__aligned(8) = { #suite, #name, st_##suite##_##name }; \
	static void st_##suite##_##name(struct st_ctx *t)

bool st_report(struct st_ctx *t, bool ok, const char *file, int line,
	       const char *fmt, ...) __printf(5, 6);

#define ST_CHECK(t, cond) st_report(t, (cond), __FILE__, __LINE__, "%s", #cond)

#define ST_EQ(t, a, b)                                                         \
	({                                                                     \
		uint64_t __a = (uint64_t)(a), __b = (uint64_t)(b);             \
		st_report(t, __a == __b, __FILE__, __LINE__,                   \
			  "%s == %s (%#lx != %#lx)", #a, #b, __a, __b);        \
	})

#define ST_REQUIRE(t, cond)                                                    \
	do {                                                                   \
		if (!ST_CHECK(t, cond))                                        \
			return;                                                \
	} while (0)

/* Run the suites the bootarg names; returns true if all passed. */
bool selftest_run(const char *which);

#endif
