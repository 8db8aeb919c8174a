/*
 * The libmlk runtime: what a program learns at start, its output, its
 * memory.
 */
#ifndef MLK_RUNTIME_H
#define MLK_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include <mlk/bootinfo.h>
#include <mlk/startinfo.h>
#include <mlk/syscall.h>

/* The start info init gave this service (NULL in init itself). */
const struct mlk_startinfo *mlk_startinfo(void);
/* The boot info the kernel gave init (NULL in every other program). */
const struct mlk_bootinfo *mlk_bootinfo(void);
/* The program's name ("init", "console", "hello"). */
const char *mlk_program_name(void);

/* A granted handle of `kind` (enum mlk_start_handle_kind), and for
 * devices the one whose compatible is `name` (NULL: the first). */
mlk_handle_t mlk_start_handle(unsigned kind, const char *name);

/* The kernel debug console, if this program may write to it. */
mlk_handle_t mlk_log_handle(void);
/* Send stdout somewhere else (e.g. the console service); NULL: back to the
 * kernel debug console. */
void mlk_set_output(size_t (*write)(const char *buf, size_t len));

/* Map `size` bytes of fresh zeroed memory (readable and writable) into this
 * process; NULL when the quota runs out. */
void *mlk_map_anonymous(size_t size);

/* Nanoseconds since boot: mlk_clock_get's reading, as a value (the
 * clock cannot fail). */
uint64_t mlk_clock_now(void);
/* The date: nanoseconds since 1970-01-01 UTC, from the real-time clock
 * init read at boot and the monotonic clock since (asked of init once).
 * MLK_ERR_NOT_SUPPORTED on a board without one; in init itself too. */
mlk_status_t mlk_clock_realtime(uint64_t *ns);
/* The deadline `ns` nanoseconds from now (saturating: never MLK_FOREVER
 * by wrapping); mlk_sleep(mlk_deadline_in(ns)) sleeps ns. */
uint64_t mlk_deadline_in(uint64_t ns);

/* End the whole process (exit() also flushes stdout). */
__attribute__((noreturn)) void mlk_exit(int code);

/* Entry point of every program, called by crt0 with x0. */
void __mlk_start(uintptr_t arg) __attribute__((noreturn));

#endif
