/*
 * What system_info reports (needs the system handle).
 */
#ifndef MLK_SYSINFO_H
#define MLK_SYSINFO_H

#include <stdint.h>

#include <mlk/syscall.h>

enum mlk_info_what {
	MLK_INFO_MEMORY = 1,	/* one struct mlk_memory_info */
	MLK_INFO_PROCESSES = 2, /* an array of struct mlk_process_info */
	MLK_INFO_THREADS = 3,	/* an array of struct mlk_thread_info */
	MLK_INFO_KERNEL = 4,	/* one struct mlk_kernel_info */
};

struct mlk_memory_info {
	uint64_t total_bytes;  /* RAM the kernel manages */
	uint64_t free_bytes;   /* not allocated to anything */
	uint64_t kernel_bytes; /* kernel heap (objects, tables) */
	uint64_t page_size;
};

enum mlk_thread_state {
	MLK_THREAD_CREATED = 0,
	MLK_THREAD_READY = 1,
	MLK_THREAD_RUNNING = 2,
	MLK_THREAD_SEND = 3,  /* blocked sending or calling */
	MLK_THREAD_REPLY = 4, /* waiting for a reply */
	MLK_THREAD_RECV = 5,  /* waiting for a message */
	MLK_THREAD_WAIT = 6,  /* waiting on a notification */
	MLK_THREAD_SLEEP = 7,
	MLK_THREAD_SUSPENDED = 8,
	MLK_THREAD_FAULTED = 9,
	MLK_THREAD_DEAD = 10,
};

struct mlk_process_info {
	uint64_t pid;
	uint64_t quota; /* bytes it may use, with the processes below it */
	uint64_t used;	/* bytes they use (objects, pages) */
	uint32_t threads;
	uint32_t handles;
	char name[MLK_NAME_MAX + 1];
};

struct mlk_thread_info {
	uint64_t tid;
	uint64_t pid;
	uint32_t state; /* enum mlk_thread_state */
	uint32_t priority;
	uint64_t cpu_ns; /* time it ran */
	char name[MLK_NAME_MAX + 1];
};

struct mlk_kernel_info {
	uint32_t version; /* MLK_VERSION_NUMBER */
	uint32_t cpus;
	uint64_t uptime_ns;
	uint64_t timer_hz;
	uint64_t context_switches;
	uint64_t irqs;
	/* Instructions retired since the kernel's entry (the PMU's count:
	 * it wraps at 2^32 on most CPUs); 0 where there is no such count,
	 * as in QEMU without -icount. */
	uint64_t instructions;
};

/*
 * system_poweroff's status: how the machine's run ended, for whoever
 * started it.  Booted with mlk.exit=semihosting under QEMU with
 * -semihosting-config enable=on (as mlk-run-test(1) does), QEMU exits
 * with it; otherwise it is lost.  A status above the most is refused.
 * init powers off with a `poweroff` service's exit code, or with the
 * statuses below when it did not exit by itself (mlk-sdk(7), "Testing").
 */
#define MLK_POWEROFF_STATUS_MAX 255
#define MLK_POWEROFF_KILLED 137	  /* 128 + 9: killed (SIGKILL's number) */
#define MLK_POWEROFF_FAULTED 139  /* 128 + 11: faulted (SIGSEGV's number) */
#define MLK_POWEROFF_BAD_CODE 255 /* exit code outside 0..255 */
#define MLK_POWEROFF_PANIC 134	  /* 128 + 6: the kernel panicked */

#endif
