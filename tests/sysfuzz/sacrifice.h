/*
 * Call numbers sacrifice.S uses; assembly cannot read the enum of
 * mlk/syscall.h, so sysfuzz.c asserts these against it.
 */
#ifndef SYSFUZZ_SACRIFICE_H
#define SYSFUZZ_SACRIFICE_H

#define SACRIFICE_SYS_YIELD 2
#define SACRIFICE_SYS_THREAD_EXIT 47

#endif
