/*
 * mlk-mkimage's parsers end the program through fail() (sdk/tools/
 * util.c).  Until they return errors instead, the mlk-mkimage harnesses
 * link this fail(), which jumps back into the harness: util.c is
 * compiled with its own fail() renamed away, and the harness runs each
 * input between mkimage_try() and mkimage_close_files().  What a jump
 * leaves allocated is not freed, so these harnesses do not look for
 * leaks; fopen is renamed to fuzz_fopen in manifest.c and read_file to
 * fuzz_read_file in list.c, so that the file and the image a jump leaves
 * behind are closed and freed.
 */
#ifndef MLK_FUZZ_MKIMAGE_FAIL_H
#define MLK_FUZZ_MKIMAGE_FAIL_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

extern jmp_buf mkimage_fail_jump;

/* setjmp's value: 0 on the way in, 1 after a fail(). */
#define mkimage_try() setjmp(mkimage_fail_jump)

/* The message of the last fail(), for a harness that checks it. */
const char *mkimage_last_failure(void);

/* After each run: close the file and free the image a fail() left. */
void mkimage_close_files(void);

FILE *fuzz_fopen(const char *path, const char *mode);
void *fuzz_read_file(const char *path, uint64_t *size);

#endif
