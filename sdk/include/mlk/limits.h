/*
 * Every limit a program or an image can meet, in one list.  Each is
 * defined once, in the header named beside it (this one includes them
 * all and asserts the values written here, so the list cannot drift), and
 * going past one is an error: a message from mlk-mkimage at pack time,
 * with the manifest line or argument at fault, or a status at run time.
 * Nothing is ever cut short.  mlk-mkimage(1) lists the pack-time ones
 * with their messages.
 *
 * The image (mlk/bundle.h), checked by mlk-mkimage:
 *
 *   MLK_BUNDLE_NAME_SIZE       48  an entry's name (file path) with its
 *                                  NUL: at most 47 bytes
 *   MLK_NAME_MAX               31  a service's or program's name: it names
 *                                  the process (mlk/syscall.h)
 *   MLK_BUNDLE_MAX_ENTRIES    256  entries: init, services, programs,
 *                                  files and the manifest
 *   MLK_BUNDLE_MAX_SIZE     1 GiB  the bundle's bytes
 *   MLK_MANIFEST_MAX_SERVICES  32  services and programs of a manifest
 *   MLK_MANIFEST_MAX_GRANTS     8  grant= options of one entry
 *   MLK_GRANT_ARG_SIZE         56  a grant's argument (device=COMPATIBLE)
 *                                  with its NUL: at most 55 bytes
 *   MLK_STARTINFO_MAX_HANDLES  16  handles a program is given: one for
 *                                  names, one a grant, two a device= or
 *                                  virtio= grant (mlk/startinfo.h)
 *   MLK_MANIFEST_ARGS_SIZE    128  a program's arguments as written, with
 *                                  the NUL: at most 127 bytes, quotes
 *                                  closed; the shell's run and
 *                                  mlk_init_run (MLK_ERR_BAD_ARG(1)) too
 *   MLK_MANIFEST_ARGC_MAX      64  so at most 64 arguments written; main
 *                                  gets every one (argc up to 65 with the
 *                                  program's name), then the boot
 *                                  arguments init adds for the service
 *                                  (NAME.KEY=VALUE), within
 *                                  MLK_STARTINFO_ARGS_SIZE
 *
 * Starting a program (mlk/startinfo.h, mlk/spawn.h):
 *
 *   MLK_STARTINFO_ARGS_SIZE   256  the arguments packed, each with its
 *                                  NUL; mlk_spawn: MLK_ERR_TOO_BIG
 *   MLK_STACK_MAX                  the first thread's stack (mlk/layout.h);
 *                                  mlk_spawn: MLK_ERR_TOO_BIG
 *   MLK_ELF_MAX_SEGMENTS        8  loadable segments of a program
 *                                  (mlk/elf.h); mlk-mkimage refuses more
 *
 * Messages and handles (mlk/ipc.h, mlk/handle.h), the kernel's:
 *
 *   MLK_MSG_MAX_WORDS          64  words of a message, MLK_MSG_REG_WORDS
 *                                  (5) of them in registers; more:
 *                                  MLK_ERR_TOO_BIG
 *   MLK_MSG_MAX_HANDLES         4  handles a message carries; more:
 *                                  MLK_ERR_TOO_BIG
 *   MLK_HANDLES_MAX                handles a process holds at once; more:
 *                                  MLK_ERR_NO_RESOURCES
 *   MLK_MEM_MAX_SIZE       64 GiB  a memory object (mlk/layout.h)
 *   MLK_DEBUG_WRITE_MAX      4096  bytes of one debug_write
 *   MLK_PRIO_MAX               63  the highest priority (mlk/syscall.h)
 *
 * The standard services' protocols (mlk/proto/):
 *
 *   MLK_NAMES_MAX              64  names registered with init at once
 *   MLK_NAMES_MAX_WAITING      32  lookups waiting at once; both
 *                                  MLK_ERR_NO_RESOURCES past it
 *   MLK_INIT_MAX_SERVICES      64  services, virtio instances and run
 *                                  programs init keeps; MLK_INIT_RUN past
 *                                  it: MLK_ERR_NO_RESOURCES
 *   MLK_PATH_MAX              256  a URI, without the NUL (mlk/proto/fs.h)
 *   MLK_FS_NAME_SIZE           64  one path component with its NUL
 *   MLK_CONSOLE_INLINE_MAX    504  bytes of one console request
 *   MLK_NET_SOCKETS_MAX        32  sockets one network session holds,
 *                                  accepted connections included;
 *                                  MLK_ERR_NO_RESOURCES past it
 *                                  (mlk/proto/net.h)
 *   MLK_NET_POLL_MAX           30  sockets in one mlk_net_poll
 *   MLK_NET_UDP_MAX          1472  a UDP datagram's data; more:
 *                                  MLK_ERR_TOO_BIG
 *   MLK_NET_BACKLOG_MAX        64  connections waiting for accept
 *   MLK_NET_NAME_MAX          253  a host name to resolve
 */
#ifndef MLK_LIMITS_H
#define MLK_LIMITS_H

#include <mlk/bundle.h>
#include <mlk/elf.h>
#include <mlk/handle.h>
#include <mlk/ipc.h>
#include <mlk/layout.h>
#include <mlk/proto/console.h>
#include <mlk/proto/fs.h>
#include <mlk/proto/init.h>
#include <mlk/proto/names.h>
#include <mlk/proto/net.h>
#include <mlk/startinfo.h>
#include <mlk/syscall.h>

/* The list above, held to the definitions. */
_Static_assert(MLK_BUNDLE_NAME_SIZE == 48, "mlk/limits.h");
_Static_assert(MLK_NAME_MAX == 31, "mlk/limits.h");
_Static_assert(MLK_BUNDLE_MAX_ENTRIES == 256, "mlk/limits.h");
_Static_assert(MLK_BUNDLE_MAX_SIZE == 1ull << 30, "mlk/limits.h");
_Static_assert(MLK_MANIFEST_MAX_SERVICES == 32, "mlk/limits.h");
_Static_assert(MLK_MANIFEST_MAX_GRANTS == 8, "mlk/limits.h");
_Static_assert(MLK_GRANT_ARG_SIZE == 56, "mlk/limits.h");
_Static_assert(MLK_STARTINFO_MAX_HANDLES == 16, "mlk/limits.h");
_Static_assert(MLK_MANIFEST_ARGS_SIZE == 128, "mlk/limits.h");
_Static_assert(MLK_MANIFEST_ARGC_MAX == 64, "mlk/limits.h");
_Static_assert(MLK_STARTINFO_ARGS_SIZE == 256, "mlk/limits.h");
_Static_assert(MLK_ELF_MAX_SEGMENTS == 8, "mlk/limits.h");
_Static_assert(MLK_MSG_MAX_WORDS == 64 && MLK_MSG_REG_WORDS == 5,
	       "mlk/limits.h");
_Static_assert(MLK_MSG_MAX_HANDLES == 4, "mlk/limits.h");
_Static_assert(MLK_MEM_MAX_SIZE == 1ull << 36, "mlk/limits.h");
_Static_assert(MLK_DEBUG_WRITE_MAX == 4096, "mlk/limits.h");
_Static_assert(MLK_PRIO_MAX == 63, "mlk/limits.h");
_Static_assert(MLK_NAMES_MAX == 64 && MLK_NAMES_MAX_WAITING == 32,
	       "mlk/limits.h");
_Static_assert(MLK_INIT_MAX_SERVICES == 64, "mlk/limits.h");
_Static_assert(MLK_PATH_MAX == 256 && MLK_FS_NAME_SIZE == 64, "mlk/limits.h");
_Static_assert(MLK_CONSOLE_INLINE_MAX == 504, "mlk/limits.h");
_Static_assert(MLK_NET_SOCKETS_MAX == 32 && MLK_NET_POLL_MAX == 30 &&
		       MLK_NET_UDP_MAX == 1472 && MLK_NET_BACKLOG_MAX == 64 &&
		       MLK_NET_NAME_MAX == 253,
	       "mlk/limits.h");

/* Packed, the longest arguments always fit the start info. */
_Static_assert(MLK_MANIFEST_ARGS_SIZE <= MLK_STARTINFO_ARGS_SIZE,
	       "arguments as written pack into the start info");

#endif
