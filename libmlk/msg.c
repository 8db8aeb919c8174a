/*
 * Message helpers (see mlk/msg.h).
 */
#include <mlk/msg.h>

#include <string.h>

#include "libc/libc_impl.h"

/* Registers and buffer from *msg. */
static void pack(const struct mlk_msg *msg, struct mlk_ipc *io)
{
	struct mlk_ipc_buffer *b = mlk_ipc_buffer();
	unsigned nw = msg->nwords;

	io->info = MLK_MSGINFO(msg->label, nw, msg->nhandles) |
		   ((uint64_t)(msg->copy_mask & 0xf) << 12);
	for (unsigned i = 0; i < MLK_MSG_REG_WORDS; i++)
		io->w[i] = i < nw ? msg->w[i] : 0;
	if (nw > MLK_MSG_REG_WORDS && nw <= MLK_MSG_MAX_WORDS)
		memcpy(&b->words[MLK_MSG_REG_WORDS], &msg->w[MLK_MSG_REG_WORDS],
		       (nw - MLK_MSG_REG_WORDS) * sizeof(uint64_t));
	for (unsigned i = 0; i < msg->nhandles && i < MLK_MSG_MAX_HANDLES; i++)
		b->handles[i] = msg->h[i];
}

/* *msg from what arrived. */
static void unpack(const struct mlk_ipc *io, struct mlk_msg *msg)
{
	struct mlk_ipc_buffer *b = mlk_ipc_buffer();
	unsigned nw = MLK_MSGINFO_WORDS(io->info);

	msg->label = MLK_MSGINFO_LABEL(io->info);
	msg->nwords = nw;
	msg->nhandles = MLK_MSGINFO_HANDLES(io->info);
	msg->copy_mask = 0;
	msg->badge = io->badge;
	for (unsigned i = 0; i < MLK_MSG_REG_WORDS; i++)
		msg->w[i] = io->w[i];
	if (nw > MLK_MSG_REG_WORDS)
		memcpy(&msg->w[MLK_MSG_REG_WORDS], &b->words[MLK_MSG_REG_WORDS],
		       (nw - MLK_MSG_REG_WORDS) * sizeof(uint64_t));
	for (unsigned i = 0; i < msg->nhandles; i++)
		msg->h[i] = b->handles[i];
}

MLK_PUBLIC mlk_status_t mlk_msg_call(mlk_handle_t ep, struct mlk_msg *msg,
				     uint64_t deadline)
{
	struct mlk_ipc io;
	mlk_status_t st;

	pack(msg, &io);
	st = mlk_ipc_call(ep, deadline, &io);
	if (st == MLK_OK)
		unpack(&io, msg);
	return st;
}

MLK_PUBLIC mlk_status_t mlk_msg_send(mlk_handle_t ep, const struct mlk_msg *msg)
{
	struct mlk_ipc io;

	pack(msg, &io);
	return mlk_ipc_send(ep, &io);
}

MLK_PUBLIC mlk_status_t mlk_msg_nbsend(mlk_handle_t ep,
				       const struct mlk_msg *msg)
{
	struct mlk_ipc io;

	pack(msg, &io);
	return mlk_ipc_nbsend(ep, &io);
}

MLK_PUBLIC mlk_status_t mlk_msg_recv(mlk_handle_t ep, struct mlk_msg *msg,
				     uint64_t deadline)
{
	struct mlk_ipc io = { 0 };
	mlk_status_t st = mlk_ipc_recv(ep, deadline, &io);

	if (st == MLK_OK)
		unpack(&io, msg);
	return st;
}

MLK_PUBLIC mlk_status_t mlk_msg_reply(const struct mlk_msg *msg)
{
	struct mlk_ipc io;

	pack(msg, &io);
	return mlk_ipc_reply(&io);
}

MLK_PUBLIC mlk_status_t mlk_msg_reply_recv(mlk_handle_t ep, struct mlk_msg *msg,
					   uint64_t deadline)
{
	struct mlk_ipc io;
	mlk_status_t st;

	pack(msg, &io);
	st = mlk_ipc_reply_recv(ep, deadline, &io);
	if (st == MLK_OK)
		unpack(&io, msg);
	return st;
}

MLK_PUBLIC mlk_status_t mlk_msg_reply_recv2(mlk_handle_t ep,
					    const struct mlk_msg *reply,
					    struct mlk_msg *in,
					    uint64_t deadline)
{
	struct mlk_ipc io;
	mlk_status_t st;

	pack(reply, &io);
	st = mlk_ipc_reply_recv(ep, deadline, &io);
	if (st == MLK_OK)
		unpack(&io, in);
	return st;
}

MLK_PUBLIC mlk_status_t mlk_msg_reply_to(mlk_handle_t reply,
					 const struct mlk_msg *msg)
{
	struct mlk_ipc io;

	pack(msg, &io);
	return mlk_ipc_reply_to(reply, &io);
}

MLK_PUBLIC unsigned mlk_msg_put_string(struct mlk_msg *msg, unsigned first,
				       const char *s, unsigned max_words)
{
	size_t len = strnlen(s, max_words * 8 - 1);
	unsigned words = (unsigned)(len / 8 + 1);

	memset(&msg->w[first], 0, words * 8);
	memcpy(&msg->w[first], s, len);
	if (msg->nwords < first + words)
		msg->nwords = first + words;
	return words;
}

MLK_PUBLIC bool mlk_msg_get_string(const struct mlk_msg *msg, unsigned first,
				   unsigned max_words, char *out, unsigned size)
{
	const char *p = (const char *)&msg->w[first];
	unsigned avail = msg->nwords > first ? msg->nwords - first : 0;
	size_t max = (avail < max_words ? avail : max_words) * 8;
	size_t len = strnlen(p, max);

	if (len == max || len >= size)
		return false;
	memcpy(out, p, len + 1);
	return true;
}
