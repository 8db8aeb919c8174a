/*
 * Random bytes from the entropy service (protocol in mlk/proto/rng.h):
 * rngd, the virtio-rng driver, registered as "rng".
 */
#ifndef MLK_RANDOM_H
#define MLK_RANDOM_H

#include <stddef.h>

#include <mlk/proto/rng.h>
#include <mlk/syscall.h>

/* How long mlk_random waits for the entropy service to appear. */
#define MLK_RANDOM_WAIT_NS 1000000000ull

/* Fill buf with len random bytes from the entropy service.
 * MLK_ERR_TIMED_OUT when there is none (no virtio-rng device) within
 * MLK_RANDOM_WAIT_NS, MLK_ERR_IO when the device fails. */
mlk_status_t mlk_random(void *buf, size_t len);

#endif
