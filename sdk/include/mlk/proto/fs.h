/*
 * Files: the vfs service, the file system services behind it, and open
 * files.
 *
 * Names are URIs, "scheme://path": "initfs:///etc/motd", "tmp:///a.txt".
 * A file system service (initfs, ramfs, ...) registers its scheme with the
 * vfs (MLK_VFS_MOUNT).  A client asks the vfs to open a URI; the vfs
 * passes the request (path without the scheme) to the owning service,
 * which answers with a handle to the open file: an endpoint handle whose
 * badge names the file.  From then on the client talks to the file
 * system service directly, so file data never passes through the vfs.
 *
 * A file handle has SEND and TRANSFER but not DUPLICATE: it can be moved
 * in a message, not copied, so exactly one handle carries a file's badge.
 * Closing it (or the death of the process holding it) closes the file as
 * MLK_FILE_CLOSE does: the service learns it from the kernel's close
 * notices (endpoint_close_notify, mlk/ipc.h).
 *
 * File data moves through a memory object, not message words: a client
 * attaches one to an open file (MLK_FILE_ATTACH) and reads and writes go
 * through it.  The service does not map it: it copies with the mem_read
 * and mem_write system calls, so the object needs READ and WRITE, not
 * MAP.  Its pages are the client's to pay for: a page that cannot be
 * had (an untouched page of a demand-zero object, the client's quota
 * spent) fails a read or write with MLK_ERR_NO_MEMORY, w0 the bytes the
 * request did (a read may have put more in the buffer than it counts);
 * the position moves by as many, and nothing in the file is lost.
 *
 * Paths travel inline: w0 (and w1) say the lengths, the bytes follow
 * (not NUL-terminated).  Every reply carries a status in its label; the
 * POSIX-like ones are MLK_ERR_NOT_FOUND, _EXISTS, _NOT_DIR, _IS_DIR,
 * _NO_SPACE, _READ_ONLY, _BAD_NAME, _NOT_EMPTY.
 *
 * A well-formed URI is a scheme of [a-z0-9]+ (shorter than
 * MLK_SCHEME_SIZE), "://", then an absolute path: "/" alone (the root), or
 * "/" followed by components separated by single slashes.  A component is
 * shorter than MLK_FS_NAME_SIZE, is neither "." nor "..", and holds no
 * control character (0x00..0x1f, 0x7f); so no empty component, and no
 * trailing slash.  Anything else is MLK_ERR_BAD_NAME, as is a URI longer
 * than MLK_PATH_MAX; a scheme nobody serves is MLK_ERR_NOT_FOUND.
 *
 * Open flags: READ or WRITE (or both) is required; TRUNCATE and APPEND
 * need WRITE, EXCL needs CREATE, and CREATE does not go with DIRECTORY
 * (directories are made with MLK_VFS_MKDIR): otherwise MLK_ERR_BAD_ARG(0).
 * A directory opens for reading only (MLK_ERR_IS_DIR).  On a read-only
 * file system, WRITE, CREATE, TRUNCATE and APPEND give MLK_ERR_READ_ONLY.
 */
#ifndef MLK_PROTO_FS_H
#define MLK_PROTO_FS_H

#include <stdint.h>

#include <mlk/ipc.h>

#define MLK_VFS_NAME "vfs"
#define MLK_PATH_MAX 256    /* bytes of a URI or path, without the NUL */
#define MLK_FS_NAME_SIZE 64 /* bytes of one path component, with the NUL */
#define MLK_SCHEME_SIZE 16  /* bytes of a scheme name, with the NUL */
#define MLK_FS_TYPE_SIZE 16 /* bytes of a file system's type name ("fat32") */

/* Open flags */
#define MLK_O_READ (1u << 0)
#define MLK_O_WRITE (1u << 1)
#define MLK_O_CREATE (1u << 2)	  /* create it if missing */
#define MLK_O_EXCL (1u << 3)	  /* with CREATE: fail if it exists */
#define MLK_O_TRUNCATE (1u << 4)  /* empty it */
#define MLK_O_APPEND (1u << 5)	  /* every write goes to the end */
#define MLK_O_DIRECTORY (1u << 6) /* it must be a directory (for readdir) */
#define MLK_O_FLAGS 0x7fu

/* File types (stat and readdir) */
#define MLK_FILE_REGULAR 1
#define MLK_FILE_DIRECTORY 2

/* Stat flags */
#define MLK_STAT_READ_ONLY (1u << 0)

/* Seek origins */
#define MLK_SEEK_SET 0
#define MLK_SEEK_CUR 1
#define MLK_SEEK_END 2

/* ---- the vfs (looked up as "vfs") ------------------------------------- */

enum mlk_vfs_label {
	/* w0..1 scheme name (NUL-padded, < MLK_SCHEME_SIZE), handle 0: the
	 * file system's endpoint (moved).  A scheme whose service died may
	 * be taken over.  Reply: status (MLK_ERR_EXISTS if it is served). */
	MLK_VFS_MOUNT = 0x56460001,
	/* w0 flags, w1 URI length, URI bytes from w2.  Reply: status,
	 * handle 0 the open file, w0 type, w1 size. */
	MLK_VFS_OPEN = 0x56460002,
	/* w1 URI length, URI from w2.  Reply: status, w0 type, w1 size,
	 * w2 stat flags, w3 when it was last modified and w4 when it was
	 * made, in nanoseconds since 1970-01-01 UTC (0: not known). */
	MLK_VFS_STAT = 0x56460003,
	/* w1 URI length, URI from w2.  Reply: status. */
	MLK_VFS_MKDIR = 0x56460004,
	/* w1 URI length, URI from w2 (a file, or an empty directory).
	 * Reply: status. */
	MLK_VFS_UNLINK = 0x56460005,
	/* w0 length of the first URI, w1 of the second, both from w2 on,
	 * one after the other (the second starts right after the first's
	 * last byte), together at most MLK_RENAME_MAX bytes.  Both on the
	 * same scheme (else MLK_ERR_NOT_SUPPORTED).  An existing file at the
	 * second is replaced; a directory cannot move into itself
	 * (MLK_ERR_BAD_NAME).  Reply: status. */
	MLK_VFS_RENAME = 0x56460006,
	/* Reply: status, w0 count, then the scheme names from w1 on, each
	 * in two words (NUL-padded). */
	MLK_VFS_SCHEMES = 0x56460007,
	/* w1 URI length, URI from w2 (any path of the volume, usually
	 * "scheme:///").  Reply: status, w0 bytes the volume holds, w1
	 * bytes free, w2 its block size, w3 stat flags (MLK_STAT_READ_ONLY),
	 * w4..5 its type name (NUL-padded, < MLK_FS_TYPE_SIZE). */
	MLK_VFS_STATFS = 0x56460008,
	/* w1 URI length, URI from w2.  Writes back everything the volume
	 * holds in memory, then replies: status. */
	MLK_VFS_SYNC = 0x56460009,
};

/* Two whole URIs of MLK_PATH_MAX bytes do not fit one message. */
#define MLK_RENAME_MAX ((MLK_MSG_MAX_WORDS - 2) * 8)
/* The schemes one MLK_VFS_SCHEMES reply can hold; the vfs serves no more. */
#define MLK_VFS_SCHEMES_MAX ((MLK_MSG_MAX_WORDS - 1) / 2)

/* ---- a file system service (reached through the vfs) -------------------- */

enum mlk_fs_label {
	/* As the vfs requests, with a path instead of a URI ("/etc/motd").
	 * A service takes them only through the handle it gave the vfs
	 * (MLK_ERR_ACCESS_DENIED through an open file's). */
	MLK_FS_OPEN = 0x46530002,
	MLK_FS_STAT = 0x46530003,
	MLK_FS_MKDIR = 0x46530004,
	MLK_FS_UNLINK = 0x46530005,
	MLK_FS_RENAME = 0x46530006,
	/* Sent (not called, mlk_msg_nbsend) to see whether the other side
	 * is alive: the vfs probes a file system service before letting
	 * another take its scheme, and a file system service probes the vfs
	 * to learn that it must mount again.  Both ignore it. */
	MLK_FS_PING = 0x46530007,
	MLK_FS_STATFS = 0x46530008,
	MLK_FS_SYNC = 0x46530009,
};

/* ---- an open file (the handle MLK_VFS_OPEN returns) -------------------- */

enum mlk_file_label {
	/* handle 0: a memory object (copied) of w0 bytes, the file's
	 * transfer buffer from now on (it replaces the one before).  It
	 * needs READ and WRITE (else MLK_ERR_ACCESS_DENIED); w0 is
	 * 1..MLK_FILE_BUFFER_MAX and at most the object's size.  Reply:
	 * status. */
	MLK_FILE_ATTACH = 0x46490001,
	/* w0 most bytes (<= the buffer, else MLK_ERR_TOO_BIG; no buffer:
	 * MLK_ERR_BAD_STATE).  Copies from the position into the buffer,
	 * at its start.  Reply: status, w0 bytes (0: the end). */
	MLK_FILE_READ = 0x46490002,
	/* w0 bytes at the start of the buffer, written at the position (at
	 * the end with MLK_O_APPEND).  When the file system fills up, what
	 * fits is written: MLK_ERR_NO_SPACE with w0 the bytes written.
	 * Reply: status, w0 bytes written. */
	MLK_FILE_WRITE = 0x46490003,
	/* w0 offset (signed), w1 origin.  Reply: status, w0 new position. */
	MLK_FILE_SEEK = 0x46490004,
	/* Reply: as MLK_VFS_STAT's. */
	MLK_FILE_STAT = 0x46490005,
	/* w0 index of the entry in the directory.  Reply: status
	 * (MLK_ERR_NOT_FOUND past the last), w0 type, w1 size, the name
	 * from w2 on (NUL-padded, < MLK_FS_NAME_SIZE). */
	MLK_FILE_READDIR = 0x46490006,
	/* w0 new size.  Reply: status. */
	MLK_FILE_TRUNCATE = 0x46490007,
	/* The file is done with; the handle goes stale.  Reply: status. */
	MLK_FILE_CLOSE = 0x46490008,
};
/* A request through a closed file's handle (one kept after
 * MLK_FILE_CLOSE) is refused with MLK_ERR_BAD_HANDLE; one through a file
 * opened without READ (for MLK_FILE_READ) or WRITE (for _WRITE,
 * _TRUNCATE) with MLK_ERR_ACCESS_DENIED.  Reads and writes of a directory
 * are MLK_ERR_IS_DIR, MLK_FILE_READDIR of a file MLK_ERR_NOT_DIR. */

#define MLK_FILE_BUFFER_DEFAULT (64 * 1024)
#define MLK_FILE_BUFFER_MAX (16 * 1024 * 1024)

_Static_assert(2 + (MLK_PATH_MAX + 7) / 8 <= MLK_MSG_MAX_WORDS,
	       "a URI fits one request");
_Static_assert(2 + MLK_FS_NAME_SIZE / 8 <= MLK_MSG_MAX_WORDS,
	       "a directory entry fits one reply");
_Static_assert(MLK_FS_TYPE_SIZE == 16, "a type name is two words");
_Static_assert(1 + 2 * MLK_VFS_SCHEMES_MAX <= MLK_MSG_MAX_WORDS &&
		       MLK_SCHEME_SIZE == 16,
	       "scheme names are two words each");

#endif
