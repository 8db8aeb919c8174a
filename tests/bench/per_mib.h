/*
 * What the I/O benchmarks (tests/blk/blkbench.c, tests/fatdisk/fatbench.c)
 * share: the CPU time of every thread, summed, and the figure per MiB.
 */
#ifndef MLK_TESTS_BENCH_PER_MIB_H
#define MLK_TESTS_BENCH_PER_MIB_H

#include <stdint.h>

/* The CPU time of every thread there is, summed (ns; under -icount
 * shift=0, instructions).  Threads that end during a run would take
 * theirs with them: none does.  Needs the system grant. */
uint64_t bench_all_threads_ns(void);

/* "bench: NAME N insns/MiB" for insns spent on mib MiB, rounded. */
void bench_report_per_mib(const char *name, uint64_t insns, unsigned mib);

#endif
