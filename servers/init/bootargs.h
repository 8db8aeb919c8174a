/*
 * Boot arguments for services: a word NAME.KEY=VALUE of the kernel's
 * command line (QEMU's -append, /chosen/bootargs) reaches the service
 * NAME as the argument --KEY=VALUE, after its manifest's (or a run's)
 * arguments, at every start.  `net.addr=10.0.2.15/24` gives the network
 * service --addr=10.0.2.15/24, as Linux gives module.param=value to a
 * module.  Plain C, unit-tested (tests/unit/test_init_bootargs.c).
 */
#ifndef MLK_SERVERS_INIT_BOOTARGS_H
#define MLK_SERVERS_INIT_BOOTARGS_H

#include <stdbool.h>
#include <stddef.h>

/* `args` (may be empty) and then " --KEY[=VALUE]" for each word
 * NAME.KEY[=VALUE] of `cmdline`, in its order, into out[0..size).
 * Words are separated by blanks; a double-quoted part keeps its blanks
 * and its quotes, which the argument rule (sdk/lib/include/args.h) then reads.
 * False when the whole does not fit: out then holds `args` alone, or
 * nothing if even that does not fit. */
bool bootargs_for_service(const char *name, const char *args,
			  const char *cmdline, char *out, size_t size);

#endif
