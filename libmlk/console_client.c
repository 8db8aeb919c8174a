/*
 * The console client (see mlk/console.h), and the way stdout reaches the
 * console service (start.c's __mlk_stdout_write).
 *
 * The console's endpoint is looked up once, without waiting, and kept.
 * When the console dies (its endpoint answers PEER_CLOSED) or is
 * replaced, a request looks it up again once and is retried; if that
 * fails too, the caller gets the status and stdout falls back to the
 * kernel log for a while.
 */
#include <mlk/console.h>
#include <mlk/msg.h>
#include <mlk/names.h>
#include <mlk/runtime.h>

#include <stdbool.h>
#include <string.h>

#include "libc/libc_impl.h"

/* After the console could not be reached, stdout uses the kernel log for
 * this long before it tries the console again. */
#define STDOUT_RETRY_NS (100ull * 1000000)
/* A console with too many writers waiting is asked again after a pause,
 * for at most this long. */
#define BUSY_PAUSE_NS (1ull * 1000000)
#define BUSY_PATIENCE_NS (1000ull * 1000000)

/* The console's endpoint, once found (threads may race to set it). */
static mlk_handle_t console_ep;
/* When stdout may try the console again (0: now). */
static uint64_t stdout_retry_at;

static mlk_status_t console_endpoint(mlk_handle_t *ep)
{
	mlk_handle_t h = __atomic_load_n(&console_ep, __ATOMIC_ACQUIRE);
	mlk_handle_t none = MLK_HANDLE_NONE;
	mlk_status_t st;

	if (h) {
		*ep = h;
		return MLK_OK;
	}
	st = mlk_names_lookup(MLK_CONSOLE_NAME, mlk_deadline_in(0), &h);
	if (st != MLK_OK)
		return st;
	if (!__atomic_compare_exchange_n(&console_ep, &none, h, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		mlk_handle_close(h); /* another thread found it first */
		h = none;
	}
	*ep = h;
	return MLK_OK;
}

/* Drop a cached endpoint that stopped working (once, whoever sees it). */
static void console_forget(mlk_handle_t h)
{
	if (__atomic_compare_exchange_n(&console_ep, &h, MLK_HANDLE_NONE, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		mlk_handle_close(h);
}

/* The cached endpoint is of a console that is gone. */
static bool console_gone(mlk_status_t st)
{
	return st == MLK_ERR_PEER_CLOSED || st == MLK_ERR_CANCELLED ||
	       st == MLK_ERR_BAD_HANDLE;
}

/* Call the console; the reply replaces *m, its label is the status. */
static mlk_status_t console_call(struct mlk_msg *m)
{
	mlk_handle_t ep;
	mlk_status_t st;

	for (int tries = 0; tries < 2; tries++) {
		st = console_endpoint(&ep);
		if (st != MLK_OK)
			return st;
		/* A failed call leaves *m as it was: ready for a retry. */
		st = mlk_msg_call(ep, m, 0);
		if (st == MLK_OK) {
			stdout_retry_at = 0;
			return (mlk_status_t)m->label;
		}
		if (!console_gone(st))
			return st;
		console_forget(ep);
	}
	return st;
}

/* One WRITE of n <= MLK_CONSOLE_INLINE_MAX bytes, with flags in w0. */
static mlk_status_t write_piece(const uint8_t *p, size_t n, uint64_t flags)
{
	uint64_t give_up = mlk_clock_now() + BUSY_PATIENCE_NS;
	struct mlk_msg m;
	mlk_status_t st;

	for (;;) {
		m.label = MLK_CONSOLE_WRITE;
		m.nwords = 1 + (unsigned)(n + 7) / 8;
		m.nhandles = 0;
		m.copy_mask = 0;
		m.w[0] = n | flags;
		m.w[m.nwords - 1] = 0; /* no stray bytes after the last */
		memcpy(&m.w[1], p, n);
		st = console_call(&m);
		if (st != MLK_ERR_NO_RESOURCES || mlk_clock_now() >= give_up)
			break;
		mlk_sleep(mlk_deadline_in(BUSY_PAUSE_NS));
	}
	if (st == MLK_OK && (m.nwords < 1 || m.w[0] != n))
		st = MLK_ERR_FAILED;
	return st;
}

static mlk_status_t write_flagged(const void *buf, size_t len, uint64_t flags)
{
	const uint8_t *p = buf;

	while (len) {
		size_t n = len < MLK_CONSOLE_INLINE_MAX
				   ? len
				   : MLK_CONSOLE_INLINE_MAX;
		mlk_status_t st = write_piece(p, n, flags);
		if (st != MLK_OK)
			return st;
		p += n;
		len -= n;
	}
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_console_write(const void *buf, size_t len)
{
	return write_flagged(buf, len, 0);
}

MLK_PUBLIC mlk_status_t mlk_console_write_editor(const void *buf, size_t len)
{
	return write_flagged(buf, len, MLK_CONSOLE_EDITOR);
}

/* One READ with flags; *redraw (if not NULL) says the reply asked for a
 * redraw instead of bringing bytes. */
static mlk_status_t read_flagged(void *buf, size_t max, size_t *got,
				 uint64_t flags, bool *redraw)
{
	struct mlk_msg m = {
		.label = MLK_CONSOLE_READ,
		.nwords = 2,
		.w = { max < MLK_CONSOLE_INLINE_MAX ? max
						    : MLK_CONSOLE_INLINE_MAX,
		       flags },
	};
	mlk_status_t st;

	if (got)
		*got = 0;
	if (redraw)
		*redraw = false;
	if (max == 0)
		return MLK_OK;
	st = console_call(&m);
	if (st != MLK_OK)
		return st;
	if (redraw && m.nwords >= 1 && m.w[0] == MLK_CONSOLE_REDRAW) {
		*redraw = true;
		return MLK_OK;
	}
	uint64_t n = m.w[0];
	if (m.nwords < 1 || n > max || n > MLK_CONSOLE_INLINE_MAX ||
	    m.nwords < 1 + (n + 7) / 8)
		return MLK_ERR_FAILED;
	memcpy(buf, &m.w[1], n);
	if (got)
		*got = n;
	return MLK_OK;
}

MLK_PUBLIC mlk_status_t mlk_console_read(void *buf, size_t max, size_t *got,
					 bool nonblock)
{
	return read_flagged(buf, max, got, nonblock ? MLK_CONSOLE_NONBLOCK : 0,
			    NULL);
}

MLK_PUBLIC mlk_status_t mlk_console_read_editor(void *buf, size_t max,
						size_t *got, bool *redraw)
{
	return read_flagged(buf, max, got, MLK_CONSOLE_EDITOR, redraw);
}

MLK_PUBLIC mlk_status_t mlk_console_info(struct mlk_console_info *info)
{
	struct mlk_msg m = { .label = MLK_CONSOLE_INFO };
	mlk_status_t st = console_call(&m);

	if (st == MLK_OK && m.nwords < 4)
		st = MLK_ERR_FAILED;
	if (st != MLK_OK)
		return st;
	info->received = m.w[0];
	info->sent = m.w[1];
	info->lost = m.w[2];
	info->readers = m.w[3];
	return MLK_OK;
}

/* ---- stdout -------------------------------------------------------------- */

/* Copy from buf into out (MLK_CONSOLE_INLINE_MAX bytes) with each "\n" as
 * "\r\n", as the kernel log sends it; *used: the bytes of buf taken. */
static size_t crlf(const char *buf, size_t len, char *out, size_t *used)
{
	size_t i = 0, o = 0;

	while (i < len && o < MLK_CONSOLE_INLINE_MAX) {
		if (buf[i] == '\n') {
			if (o + 2 > MLK_CONSOLE_INLINE_MAX)
				break;
			out[o++] = '\r';
		}
		out[o++] = buf[i++];
	}
	*used = i;
	return o;
}

MLK_HIDDEN size_t __mlk_console_stdout(const char *buf, size_t len);

/*
 * stdout's bytes to the console service: how many of buf it took, from
 * the start (the caller sends the rest to the kernel log).  Programs
 * without a name service (init) never try; after a failure, stdout
 * keeps off the console for STDOUT_RETRY_NS.
 */
MLK_HIDDEN size_t __mlk_console_stdout(const char *buf, size_t len)
{
	char out[MLK_CONSOLE_INLINE_MAX];
	size_t done = 0, used;

	if (!mlk_start_handle(MLK_START_NAMES, NULL))
		return 0;
	if (stdout_retry_at && mlk_clock_now() < stdout_retry_at)
		return 0;
	while (done < len) {
		size_t n = crlf(buf + done, len - done, out, &used);
		if (mlk_console_write(out, n) != MLK_OK) {
			stdout_retry_at = mlk_clock_now() + STDOUT_RETRY_NS;
			break;
		}
		done += used;
	}
	return done;
}
