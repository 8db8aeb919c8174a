/*
 * Requests init answers besides names (mlk/proto/names.h).  LIST,
 * DEVICES and REALTIME go through any handle to init (the names handle
 * every service finds in its start info); RUN, KILL and CRASH only
 * through the control handle (MLK_START_INIT_CONTROL) init gives a
 * service whose manifest entry has grant=control, else
 * MLK_ERR_ACCESS_DENIED.  Replies carry a status in the label.
 */
#ifndef MLK_PROTO_INIT_H
#define MLK_PROTO_INIT_H

#include <stdint.h>

#define MLK_INIT_NAME_WORDS 6 /* a service name, NUL-padded (48 bytes) */
/* Services and programs init keeps: the manifest's (at most
 * MLK_MANIFEST_MAX_SERVICES), one instance per virtio device of a
 * grant=virtio entry, and programs run that the manifest does not name;
 * MLK_INIT_RUN answers MLK_ERR_NO_RESOURCES past it. */
#define MLK_INIT_MAX_SERVICES 64

enum mlk_init_label {
	/* w0..5 the name of a program in the boot bundle, w6.. its
	 * arguments (NUL-terminated, space-separated, at most
	 * MLK_MANIFEST_ARGS_SIZE - 1 = 127 bytes, quotes closed, else
	 * MLK_ERR_BAD_ARG(1); empty: those of its manifest entry).  Starts it,
	 * supervised by init, as its manifest entry says (priority, quota,
	 * grants, restarts; a service init gave up on is restarted again); a
	 * program the manifest does not name gets priority 32, the default
	 * quota, the log grant and no restarts (MLK_INIT_LIST tells which).
	 * MLK_ERR_EXISTS if it runs.  Reply: status, w0 the process id. */
	MLK_INIT_RUN = 0x494e0001,
	/* w0..5 a service or program name.  Ends it; init restarts it at
	 * once if its manifest entry says restart: a requested end is not
	 * a crash.  Reply: status. */
	MLK_INIT_KILL = 0x494e0002,
	/* w0 index.  Reply: status (MLK_ERR_NOT_FOUND past the last),
	 * w0..5 name, w6 process id (0: not running), w7 state
	 * (enum mlk_init_state), w8 restarts, w9 priority, w10 the exit
	 * code of its last run (0 until one ended; MLK_EXIT_FAULTED after
	 * a fault, MLK_EXIT_KILLED when killed), w11 its crashes in a row
	 * (0 after a healthy run or a requested kill), w12 its give-up
	 * count (0: never), w13 enum mlk_init_flags. */
	MLK_INIT_LIST = 0x494e0003,
	/* w0..5 a service or program name.  Fault injection for tests of
	 * supervision: init unmaps the program's code and starts a thread
	 * of it at its entry point, which faults at once; the kernel's
	 * fault report then goes the way of any crash.  Reply: status. */
	MLK_INIT_CRASH = 0x494e0004,
	/* The date: reply status (MLK_ERR_NOT_SUPPORTED when the board has
	 * no real-time clock init could read), w0 the nanoseconds since
	 * 1970-01-01 UTC at which the monotonic clock (mlk_clock_get)
	 * read 0.  Through any handle to init. */
	MLK_INIT_REALTIME = 0x494e0005,
	/* w0 index into the virtio devices init found (transports with a
	 * device behind them, in device tree order).  Reply: status
	 * (MLK_ERR_NOT_FOUND past the last), w0 the registers' physical
	 * address, w1 their size, w2 the interrupt, w3 the transport
	 * version (1 legacy, 2 modern), w4 the device type
	 * (MLK_VIRTIO_ID_*, mlk/virtio_ids.h), w5 the vendor, w6 the process
	 * id of its driver (0: not running), w7..12 the driver instance's
	 * name ("blk0"; empty: no service drives it). */
	MLK_INIT_DEVICES = 0x494e0006,
};

#define MLK_INIT_DEVICE_WORDS 13 /* words of an MLK_INIT_DEVICES reply */

enum mlk_init_state {
	MLK_INIT_RUNNING = 1,
	MLK_INIT_RESTARTING = 2, /* waiting out its back-off */
	MLK_INIT_STOPPED = 3,	 /* ended and not to be restarted */
	MLK_INIT_GAVE_UP = 4,	 /* crashed as often in a row as its
				    manifest entry allows (give-up=N) */
};

enum mlk_init_flags {
	MLK_INIT_IN_MANIFEST = 1 << 0, /* runs as its manifest entry says;
					  else with run's defaults */
	MLK_INIT_RESTARTS = 1 << 1,    /* restarted when it ends */
	MLK_INIT_PROGRAM = 1 << 2,     /* a manifest program: started only
					  by MLK_INIT_RUN */
};

#endif
