/*
 * The name service, served by init: services register endpoints under a
 * name; clients look names up.  A service reaches only what it was given
 * or looked up.
 *
 * Every service finds init's endpoint in its start info
 * (MLK_START_NAMES).  Names are up to MLK_NAME_MAX (mlk/syscall.h, the
 * same limit as a process's name) printable bytes, NUL-padded into words
 * 0..3.  Replies carry a status in the label.
 */
#ifndef MLK_PROTO_NAMES_H
#define MLK_PROTO_NAMES_H

#include <stdint.h>

#include <mlk/syscall.h>

#define MLK_NAME_WORDS ((MLK_NAME_MAX + 1) / 8)
/* Names registered at once (REGISTER past it: MLK_ERR_NO_RESOURCES), and
 * lookups waiting at once (LOOKUP past it: MLK_ERR_NO_RESOURCES). */
#define MLK_NAMES_MAX 64
#define MLK_NAMES_MAX_WAITING 32
_Static_assert((MLK_NAME_MAX + 1) % 8 == 0, "a name fills whole words");

enum mlk_names_label {
	/* w0..3 name, handle 0: the endpoint (given up to init: moved).
	 * Reply: status (MLK_ERR_EXISTS if the name is taken). */
	MLK_NAMES_REGISTER = 0x4e4d0001,
	/* w0..3 name, w4 deadline (ns of the monotonic clock, 0: none).
	 * Waits until the name is registered or the deadline passes.
	 * Reply: status; handle 0 a copy of the endpoint (send only). */
	MLK_NAMES_LOOKUP = 0x4e4d0002,
	/* w0..3 name; only the service that registered it may.
	 * Reply: status. */
	MLK_NAMES_UNREGISTER = 0x4e4d0003,
};

#define MLK_NAMES_LOOKUP_WORDS (MLK_NAME_WORDS + 1)

_Static_assert(MLK_NAME_WORDS + 1 <= 5, "a lookup fits the registers");

#endif
