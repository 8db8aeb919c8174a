/*
 * Name service client (protocol in mlk/proto/names.h).
 */
#ifndef MLK_NAMES_H
#define MLK_NAMES_H

#include <mlk/proto/names.h>
#include <mlk/syscall.h>

/* Register endpoint `ep` (a handle with SEND, DUPLICATE and TRANSFER) as
 * `name`; ep is given to init and no longer valid here. */
mlk_status_t mlk_names_register(const char *name, mlk_handle_t ep);
/* Register a send-only copy of endpoint `ep` (SEND, DUPLICATE and
 * TRANSFER) as `name`, what a server does at start: ep stays here,
 * receiving. */
mlk_status_t mlk_names_publish(const char *name, mlk_handle_t ep);
/* Find `name`, waiting until `deadline` for it to appear (MLK_FOREVER:
 * as long as it takes); *ep gets a send handle.  A name still missing
 * when the deadline passes is MLK_ERR_TIMED_OUT; with a deadline already
 * past there is no wait, and a missing name is MLK_ERR_NOT_FOUND. */
mlk_status_t mlk_names_lookup(const char *name, uint64_t deadline,
			      mlk_handle_t *ep);
/* Remove `name`, which this program registered. */
mlk_status_t mlk_names_unregister(const char *name);

#endif
