/*
 * MLK status codes: what every system call returns in x0.
 *
 *   0      MLK_OK
 *   1      MLK_DEFERRED: not an error, no answer yet (mlk/service.h)
 *   1xx    the caller's error: retrying the same call unchanged fails again
 *   2xx    the kernel's side: the call may succeed later or elsewhere
 *
 * "Bad argument" carries the index of the argument: MLK_ERR_BAD_ARG(i).
 */
#ifndef MLK_STATUS_H
#define MLK_STATUS_H

#include <stdbool.h>
#include <stdint.h>

typedef int64_t mlk_status_t;

#define MLK_OK 0
/* A service handler's "the reply comes later" (mlk/service.h); never
 * returned by the kernel. */
#define MLK_DEFERRED 1

/* 1xx: caller errors */
#define MLK_ERR_UNKNOWN_SYSCALL 100 /* no system call with that number */
#define MLK_ERR_BAD_HANDLE 101	  /* not a handle of this process (or stale) */
#define MLK_ERR_WRONG_TYPE 102	  /* the handle names another kind of object */
#define MLK_ERR_ACCESS_DENIED 103 /* the handle lacks a right it needs */
#define MLK_ERR_BAD_ADDRESS 104	  /* a pointer the caller cannot use */
#define MLK_ERR_TOO_BIG 105	  /* a size or count beyond the limit */
#define MLK_ERR_BAD_STATE 106	  /* the object is not in a state for this */
#define MLK_ERR_NOT_FOUND 107	  /* nothing there (e.g. no mapping) */
#define MLK_ERR_EXISTS 108	  /* something is already there */
#define MLK_ERR_NO_REPLY 109	  /* nobody to reply to */
#define MLK_ERR_BAD_ARG_BASE 110  /* 110..117: argument 0..7 is invalid */
#define MLK_ERR_BAD_ARG(i) (MLK_ERR_BAD_ARG_BASE + (i))
#define MLK_ERR_NOT_SUPPORTED 118 /* a request a service does not know */
#define MLK_ERR_NOT_DIR 119	  /* a path component is not a directory */
#define MLK_ERR_IS_DIR 120	  /* a directory where a file is needed */
#define MLK_ERR_READ_ONLY 121	  /* the file or file system is read-only */
#define MLK_ERR_BAD_NAME 122	  /* a malformed name or path */
#define MLK_ERR_NOT_EMPTY 123	  /* a directory that still holds entries */
#define MLK_ERR_BAD_FORMAT 124	  /* malformed data: an image, file or table */

/* 2xx: kernel-side conditions */
#define MLK_ERR_FAILED 200	 /* an internal error */
#define MLK_ERR_UNAVAILABLE 201	 /* not now: no receiver, nothing pending */
#define MLK_ERR_NO_MEMORY 202	 /* the caller's memory quota or RAM ran out */
#define MLK_ERR_PEER_CLOSED 203	 /* the other side is gone */
#define MLK_ERR_TIMED_OUT 204	 /* the deadline passed first */
#define MLK_ERR_CANCELLED 205	 /* the object was destroyed while waiting */
#define MLK_ERR_NO_RESOURCES 206 /* a table is full (handles, files) */
#define MLK_ERR_NO_SPACE 207	 /* the file system is full */
#define MLK_ERR_IO 208		 /* a device reported an error */

/* 1xx: the caller's mistake; retrying unchanged fails again. */
static inline bool mlk_status_is_caller_error(mlk_status_t s)
{
	return s >= 100 && s < 200;
}

/* 2xx: the system could not (no memory, peer gone, deadline ...). */
static inline bool mlk_status_is_kernel_error(mlk_status_t s)
{
	return s >= 200 && s < 300;
}

/* The argument index of an MLK_ERR_BAD_ARG status, or -1. */
static inline int mlk_status_bad_arg_index(mlk_status_t s)
{
	return s >= MLK_ERR_BAD_ARG_BASE && s < MLK_ERR_BAD_ARG_BASE + 8
		       ? (int)(s - MLK_ERR_BAD_ARG_BASE)
		       : -1;
}

/* A status in words: "ok", "bad handle", "no such file" ... (libmlk). */
const char *mlk_status_str(mlk_status_t st);

#endif
