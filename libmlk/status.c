/*
 * Status codes in words (see mlk/status.h).
 */
#include <mlk/status.h>

#include "libc/libc_impl.h"

MLK_PUBLIC const char *mlk_status_str(mlk_status_t st)
{
	if (mlk_status_bad_arg_index(st) >= 0)
		return "bad argument";
	switch (st) {
	case MLK_OK:
		return "ok";
	case MLK_DEFERRED:
		return "deferred";
	case MLK_ERR_UNKNOWN_SYSCALL:
		return "unknown system call";
	case MLK_ERR_BAD_HANDLE:
		return "bad handle";
	case MLK_ERR_WRONG_TYPE:
		return "wrong type of object";
	case MLK_ERR_ACCESS_DENIED:
		return "access denied";
	case MLK_ERR_BAD_ADDRESS:
		return "bad address";
	case MLK_ERR_TOO_BIG:
		return "too big";
	case MLK_ERR_BAD_STATE:
		return "bad state";
	case MLK_ERR_NOT_FOUND:
		return "not found";
	case MLK_ERR_EXISTS:
		return "already exists";
	case MLK_ERR_NO_REPLY:
		return "nobody to reply to";
	case MLK_ERR_NOT_SUPPORTED:
		return "not supported";
	case MLK_ERR_NOT_DIR:
		return "not a directory";
	case MLK_ERR_IS_DIR:
		return "is a directory";
	case MLK_ERR_READ_ONLY:
		return "read-only";
	case MLK_ERR_BAD_NAME:
		return "bad name";
	case MLK_ERR_NOT_EMPTY:
		return "directory not empty";
	case MLK_ERR_BAD_FORMAT:
		return "bad format";
	case MLK_ERR_FAILED:
		return "failed";
	case MLK_ERR_UNAVAILABLE:
		return "unavailable";
	case MLK_ERR_NO_MEMORY:
		return "out of memory";
	case MLK_ERR_PEER_CLOSED:
		return "peer closed";
	case MLK_ERR_TIMED_OUT:
		return "timed out";
	case MLK_ERR_CANCELLED:
		return "cancelled";
	case MLK_ERR_NO_RESOURCES:
		return "no resources";
	case MLK_ERR_NO_SPACE:
		return "no space";
	case MLK_ERR_IO:
		return "input/output error";
	default:
		return "unknown status";
	}
}
