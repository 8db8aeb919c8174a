/*
 * httpd's connections and the replies it makes (see README.md).
 */
#ifndef HTTPD_HTTPD_H
#define HTTPD_HTTPD_H

#include <mlk/fs.h>
#include <mlk/net.h>

#include "http.h"

#define MAX_CONNS 16	  /* served at once; more wait to be accepted */
#define LISTING_MAX 16384 /* a directory's listing, in bytes */
#define HEADER_MAX 256	  /* a reply's status line and headers */
#define OUT_SIZE (HEADER_MAX + LISTING_MAX) /* what waits to be sent */
#define IDLE_NS (20 * 1000000000ull)	    /* a connection without progress */

struct conn {
	bool used, replying;
	uint32_t sock;
	struct mlk_net_peer peer;
	uint64_t deadline;    /* closed if nothing moves by then */
	struct mlk_file file; /* open while file_left > 0 */
	uint64_t file_left;   /* of the body, still to be read */
	size_t in_len, out_len, out_off;
	/* The buffers last: a new connection clears what is above. */
	char in[HTTP_REQUEST_MAX];
	char out[OUT_SIZE];
};

/* Start the reply to the head in c->in (or to `status`, an error found
 * before the head ended): fills c->out and, for a file, opens it. */
void reply_start(struct conn *c, int status);

/* More of a file's body into c->out once it was sent: false when the
 * file cannot be read (the connection is then closed short). */
bool reply_refill(struct conn *c);

/* The file of the reply, closed if open. */
void reply_end(struct conn *c);

#endif
