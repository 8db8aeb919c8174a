/*
 * Files, through the vfs (protocol in mlk/proto/fs.h): open a URI, read,
 * write, seek, stat, list a directory.  Data moves through one shared
 * buffer per process, attached to each open file, so these functions are
 * for one thread at a time.  The vfs's handle is looked up on first use
 * and again, once, when the vfs turns out to have restarted.
 */
#ifndef MLK_FS_H
#define MLK_FS_H

#include <stddef.h>
#include <stdint.h>

#include <mlk/proto/fs.h>
#include <mlk/syscall.h>

struct mlk_file {
	mlk_handle_t h; /* the open file's endpoint handle */
	uint32_t flags; /* MLK_O_* it was opened with */
};

struct mlk_stat {
	uint32_t type;	   /* MLK_FILE_REGULAR or MLK_FILE_DIRECTORY */
	uint32_t flags;	   /* MLK_STAT_* */
	uint64_t size;	   /* bytes (entries for a directory) */
	uint64_t modified; /* ns since 1970-01-01 UTC; 0: not known */
	uint64_t created;  /* likewise */
};

/* A volume: what mlk_fs_statfs tells. */
struct mlk_statfs {
	uint64_t total;		     /* bytes it holds */
	uint64_t free;		     /* bytes free */
	uint64_t block_size;	     /* its unit of allocation */
	uint32_t flags;		     /* MLK_STAT_READ_ONLY */
	char type[MLK_FS_TYPE_SIZE]; /* "ramfs", "initfs", "fat32" ... */
};

struct mlk_dirent {
	uint32_t type;
	uint64_t size;
	char name[MLK_FS_NAME_SIZE];
};

/* Open "scheme://path" with MLK_O_* flags. */
mlk_status_t mlk_fs_open(const char *uri, unsigned flags, struct mlk_file *f);
/* Read up to len bytes at the position; *got = 0 at the end (after an
 * error, *got is what came before it). */
mlk_status_t mlk_fs_read(struct mlk_file *f, void *buf, size_t len,
			 size_t *got);
/* Write len bytes (all of them, or an error such as MLK_ERR_NO_SPACE with
 * *done telling how many went). */
mlk_status_t mlk_fs_write(struct mlk_file *f, const void *buf, size_t len,
			  size_t *done);
/* Move the position: whence is MLK_SEEK_SET, _CUR or _END; *position
 * (if not NULL) gets the new one. */
mlk_status_t mlk_fs_seek(struct mlk_file *f, int64_t offset, int whence,
			 uint64_t *position);
/* What the open file is: type, size, whether it is read-only. */
mlk_status_t mlk_fs_fstat(struct mlk_file *f, struct mlk_stat *st);
/* Entry `index` of an open directory; MLK_ERR_NOT_FOUND past the last. */
mlk_status_t mlk_fs_readdir(struct mlk_file *f, uint64_t index,
			    struct mlk_dirent *d);
/* Cut or extend (with zeros) the file to size bytes. */
mlk_status_t mlk_fs_truncate(struct mlk_file *f, uint64_t size);
/* Close the file and its handle (f->h becomes 0), even when the service
 * is gone (MLK_ERR_PEER_CLOSED). */
mlk_status_t mlk_fs_close(struct mlk_file *f);

/* What is at uri: type, size, whether it is read-only. */
mlk_status_t mlk_fs_stat(const char *uri, struct mlk_stat *st);
/* Make a directory (its parent must exist). */
mlk_status_t mlk_fs_mkdir(const char *uri);
/* Remove a file or an empty directory. */
mlk_status_t mlk_fs_unlink(const char *uri);
/* Rename within one scheme (else MLK_ERR_NOT_SUPPORTED); a file at `to`
 * is replaced. */
mlk_status_t mlk_fs_rename(const char *from, const char *to);
/* Size, free space and type of the volume uri is on ("tmp:///"). */
mlk_status_t mlk_fs_statfs(const char *uri, struct mlk_statfs *st);
/* Write back what the volume uri is on holds in memory (a no-op for a
 * volume that lives in memory). */
mlk_status_t mlk_fs_sync(const char *uri);
/* The schemes the vfs serves; *count may exceed max. */
mlk_status_t mlk_fs_schemes(char names[][MLK_SCHEME_SIZE], unsigned max,
			    unsigned *count);

/* For a file system service: register `scheme` with the vfs, giving it ep
 * (moved; closed here when it could not go).  MLK_ERR_EXISTS while
 * another live service serves the scheme. */
mlk_status_t mlk_fs_mount(const char *scheme, mlk_handle_t ep);

#endif
