/*
 * Messages as a structure: label, up to 64 words, up to 4 handles.  The
 * helpers put words beyond the registers and the handles in the thread's
 * IPC buffer and take them out again; see mlk/ipc.h for the limits.
 *
 * Protocol convention of every MLK service: a reply's label is a status
 * (MLK_OK or an MLK_ERR_* code), its words the results.
 */
#ifndef MLK_MSG_H
#define MLK_MSG_H

#include <stdbool.h>
#include <stdint.h>

#include <mlk/ipc.h>
#include <mlk/sys.h>

struct mlk_msg {
	uint32_t label;
	uint32_t nwords;
	uint32_t nhandles;
	uint32_t copy_mask; /* bit i: copy handle i (else it is moved) */
	uint64_t badge;	    /* received: the sender's badge */
	uint64_t w[MLK_MSG_MAX_WORDS];
	mlk_handle_t h[MLK_MSG_MAX_HANDLES];
};

/* Send *msg and wait for the reply, which replaces it. */
mlk_status_t mlk_msg_call(mlk_handle_t ep, struct mlk_msg *msg,
			  uint64_t deadline);
/* Send *msg and wait only until a receiver takes it (no reply). */
mlk_status_t mlk_msg_send(mlk_handle_t ep, const struct mlk_msg *msg);
/* Send *msg if a receiver is waiting now, else MLK_ERR_UNAVAILABLE. */
mlk_status_t mlk_msg_nbsend(mlk_handle_t ep, const struct mlk_msg *msg);
/* Wait for a message on ep into *msg. */
mlk_status_t mlk_msg_recv(mlk_handle_t ep, struct mlk_msg *msg,
			  uint64_t deadline);
/* Reply with *msg to the caller this thread received last. */
mlk_status_t mlk_msg_reply(const struct mlk_msg *msg);
/* Reply with *msg, then wait for the next message into it. */
mlk_status_t mlk_msg_reply_recv(mlk_handle_t ep, struct mlk_msg *msg,
				uint64_t deadline);
/* The same with separate structures for the reply and what comes in. */
mlk_status_t mlk_msg_reply_recv2(mlk_handle_t ep, const struct mlk_msg *reply,
				 struct mlk_msg *in, uint64_t deadline);
/* Reply through a handle from mlk_reply_save (consumed). */
mlk_status_t mlk_msg_reply_to(mlk_handle_t reply, const struct mlk_msg *msg);

/* Pack a NUL-terminated string into words (at most 8 bytes a word). */
unsigned mlk_msg_put_string(struct mlk_msg *msg, unsigned first_word,
			    const char *s, unsigned max_words);
/* Read such a string back; false if it does not end in time. */
bool mlk_msg_get_string(const struct mlk_msg *msg, unsigned first_word,
			unsigned max_words, char *out, unsigned size);

#endif
