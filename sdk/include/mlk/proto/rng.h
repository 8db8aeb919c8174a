/*
 * The entropy protocol: random bytes from the entropy service, registered
 * as "rng" (rngd, the virtio-rng driver).  Replies carry a status in the
 * label.
 */
#ifndef MLK_PROTO_RNG_H
#define MLK_PROTO_RNG_H

#include <stdint.h>

#define MLK_RNG_NAME "rng"
/* The most bytes one request returns (in reply words 1..32). */
#define MLK_RNG_MAX 256

enum mlk_rng_label {
	/* w0 how many bytes (1..MLK_RNG_MAX).  Reply: status, w0 the same
	 * count, w1.. the bytes, 8 a word, little endian;
	 * MLK_ERR_BAD_ARG(0) for 0 or more than MLK_RNG_MAX, MLK_ERR_IO
	 * when the device fails, MLK_ERR_TIMED_OUT when it does not answer
	 * in time. */
	MLK_RNG_READ = 0x524e0001,
};

#endif
