/*
 * The kv protocol, shared by kv-server and kv-test: a store of short
 * strings by short keys.  Both travel in fixed fields of the message's
 * words, NUL-padded; replies carry a status in the label.
 */
#ifndef KV_H
#define KV_H

#include <stdint.h>

#include <mlk/ipc.h>

#define KV_NAME "kv"
#define KV_KEY_MAX 31	/* bytes of a key, without the NUL */
#define KV_VALUE_MAX 63 /* bytes of a value, without the NUL */

enum kv_label {
	/* w0..w3 the key, w4..w11 the value.  Reply: MLK_OK, or
	 * MLK_ERR_NO_RESOURCES when the store is full. */
	KV_PUT = 0x4b560001,
	/* w0..w3 the key.  Reply: w0..w7 the value, or MLK_ERR_NOT_FOUND. */
	KV_GET = 0x4b560002,
};

struct kv_put {
	char key[KV_KEY_MAX + 1];
	char value[KV_VALUE_MAX + 1];
};

_Static_assert(sizeof(struct kv_put) == 12 * 8, "a PUT is 12 words");
_Static_assert(sizeof(struct kv_put) <= MLK_MSG_MAX_WORDS * 8,
	       "a PUT fits one message");

#endif
