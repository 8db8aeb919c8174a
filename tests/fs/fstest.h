/*
 * fstest: the file services through the client API (mlk/fs.h) and, where
 * the client would not send it, the raw protocol (mlk/proto/fs.h).
 */
#ifndef MLK_FSTEST_H
#define MLK_FSTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mlk/fs.h>
#include <mlk/msg.h>

/* Check a status: on a mismatch, one line with where and what. */
#define EXPECT_ST(expr, want)                                                  \
	fstest_status(__FILE__, __LINE__, #expr, (expr), (want))
/* Check a condition. */
#define EXPECT(cond) fstest_true(__FILE__, __LINE__, #cond, (cond))

bool fstest_status(const char *file, int line, const char *what,
		   mlk_status_t got, mlk_status_t want);
bool fstest_true(const char *file, int line, const char *what, bool ok);

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

/* The groups of tests. */
void test_names(void);
void test_bad_names(void);
void test_data(void);
void test_initfs(void);
void test_handles(void);
void test_buffer_quota(void);
void test_limit(void);
void test_mounts(void);
void test_recovery(void);
void test_volumes(void);

#endif
