/*
 * The echo protocol, shared by echo-server and echo-client: the message
 * layouts, with a size check, as every MLK protocol header has them.
 * Replies carry a status in the label (MLK_OK or an error).
 */
#ifndef ECHO_H
#define ECHO_H

#include <stdint.h>

#include <mlk/ipc.h>

#define ECHO_NAME "echo"

enum echo_label {
	/* w0 byte count (<= ECHO_MAX), the bytes from w1 on.
	 * Reply: the same bytes, upper-cased, in the same layout. */
	ECHO_UPPER = 0x45430001,
	/* Reply: w0 how many requests the server has answered. */
	ECHO_COUNT = 0x45430002,
};

#define ECHO_MAX ((MLK_MSG_MAX_WORDS - 1) * 8)

_Static_assert(ECHO_MAX == 504, "63 words of text after the count");

#endif
