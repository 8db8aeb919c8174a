/*
 * The block protocol: a disk (or any array of sectors) served by a driver
 * under a name (blk0, blk1 ...).  Replies carry a status in the label.
 *
 * Data never travels in messages: a client opens the disk once with a
 * memory object of its own, its window, and each read or write names a
 * byte offset in it.  The window must be contiguous (MLK_MEM_CONTIGUOUS),
 * because the device moves the data into it directly (DMA), and the
 * handle given needs MLK_RIGHT_PHYS; the driver keeps it while the client
 * is open, never maps it, and so never sees the client's other memory.
 */
#ifndef MLK_PROTO_BLOCK_H
#define MLK_PROTO_BLOCK_H

#include <stdint.h>

enum mlk_block_label {
	/* h0 the window (see above), moved.  Reply: status, h0 a send
	 * handle of this client's own for the requests below, which the
	 * driver forgets when it is closed.  MLK_ERR_BAD_ARG(0) without a
	 * handle, MLK_ERR_WRONG_TYPE for a handle that is not a memory
	 * object, MLK_ERR_ACCESS_DENIED without MLK_RIGHT_PHYS (which
	 * the kernel gives only contiguous memory objects),
	 * MLK_ERR_NO_RESOURCES when the driver has as many clients as it
	 * takes. */
	MLK_BLOCK_OPEN = 0x424b0001,
	/* Reply: w0 the sector size in bytes, w1 the number of sectors,
	 * w2 enum mlk_block_flags, w3 the most sectors one request moves. */
	MLK_BLOCK_INFO = 0x424b0002,
	/* w0 the first sector, w1 the number of sectors, w2 the byte offset
	 * in the window.  Reply: status: MLK_ERR_BAD_ARG(0) for sectors past
	 * the end of the disk, MLK_ERR_BAD_ARG(1) for a count of 0 or above
	 * the most a request moves, MLK_ERR_BAD_ARG(2) for bytes past the
	 * window's end, MLK_ERR_IO when the device reports an error,
	 * MLK_ERR_BAD_STATE through the handle the name gives (open
	 * first). */
	MLK_BLOCK_READ = 0x424b0003,
	/* As MLK_BLOCK_READ, from the window to the disk; also
	 * MLK_ERR_READ_ONLY for a read-only disk. */
	MLK_BLOCK_WRITE = 0x424b0004,
	/* Make every completed write durable (the device's write cache
	 * flushed).  Reply: status (MLK_ERR_IO when the device fails). */
	MLK_BLOCK_FLUSH = 0x424b0005,
};

enum mlk_block_flags {
	MLK_BLOCK_READ_ONLY = 1 << 0, /* writes get MLK_ERR_READ_ONLY */
	MLK_BLOCK_CAN_FLUSH = 1 << 1, /* the device has a write cache to
					 flush; without it MLK_BLOCK_FLUSH
					 succeeds at once */
};

#endif
