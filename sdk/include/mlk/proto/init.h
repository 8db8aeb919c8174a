/*
 * Requests init answers besides names (mlk/proto/names.h), on the same
 * endpoint every service finds in its start info.  Replies carry a status
 * in the label.
 */
#ifndef MLK_PROTO_INIT_H
#define MLK_PROTO_INIT_H

#include <stdint.h>

#define MLK_INIT_NAME_WORDS 6 /* a service name, NUL-padded (48 bytes) */

enum mlk_init_label {
	/* w0..5 the name of a program in the boot bundle, w6.. its
	 * arguments (NUL-terminated, space-separated, at most 127 bytes).
	 * Starts it, supervised by init (no restarts).  Reply: status, w0
	 * the process id. */
	MLK_INIT_RUN = 0x494e0001,
	/* w0..5 a service or program name.  Ends it (init restarts it if
	 * its manifest entry says so).  Reply: status. */
	MLK_INIT_KILL = 0x494e0002,
	/* w0 index.  Reply: status (MLK_ERR_NOT_FOUND past the last),
	 * w0..5 name, w6 process id (0: not running), w7 state
	 * (enum mlk_init_state), w8 restarts, w9 priority, w10 the exit
	 * code of its last run (0 until one ended; MLK_EXIT_FAULTED after
	 * a fault, MLK_EXIT_KILLED when killed). */
	MLK_INIT_LIST = 0x494e0003,
};

enum mlk_init_state {
	MLK_INIT_RUNNING = 1,
	MLK_INIT_RESTARTING = 2, /* waiting out its back-off */
	MLK_INIT_STOPPED = 3,	 /* exited and not to be restarted */
	MLK_INIT_GAVE_UP = 4,	 /* crashed too often */
};

#endif
