/*
 * fstest: the file services through the client API (mlk/fs.h) and, where
 * the client would not send it, the raw protocol (mlk/proto/fs.h).  The
 * tests are TESTs of the test library (tests/lib/mlkcheck.h); these are
 * the helpers they share.
 */
#ifndef MLK_TESTS_FS_FSTEST_H
#define MLK_TESTS_FS_FSTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/fs.h>
#include <mlk/msg.h>

#include "mlkcheck.h"

/* helpers.c */
/* Byte i of the test pattern with seed s (no period of a power of two,
 * so a block written at the wrong offset shows). */
uint8_t pattern(uint64_t i, unsigned seed);
void fill_pattern(void *buf, size_t len, uint64_t from, unsigned seed);
/* Index of the first byte of buf that differs from the pattern, or -1. */
long check_pattern(const void *buf, size_t len, uint64_t from, unsigned seed);
/* Create (or empty) uri and write len bytes of pattern `seed` to it. */
mlk_status_t write_file(const char *uri, size_t len, unsigned seed);
/* Read the whole file at uri into buf (at most max); its size in *len. */
mlk_status_t read_file(const char *uri, void *buf, size_t max, size_t *len);
/* Call a handle with a raw message; the reply's status. */
mlk_status_t raw_call(mlk_handle_t h, struct mlk_msg *m);
/* A raw request on a URI to the vfs (w0, w1 the length, URI from w2). */
mlk_status_t raw_vfs(uint32_t label, uint64_t w0, const char *uri, size_t len,
		     struct mlk_msg *reply);
/* Wait until stat of uri succeeds (a service came back); its status. */
mlk_status_t wait_for(const char *uri, uint64_t timeout_ns);
/* Scratch buffers big enough for the large files. */
#define BIG (256 * 1024)
extern uint8_t big_a[BIG], big_b[BIG];

#endif
