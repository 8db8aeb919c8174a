/*
 * probe: a test service that tells what init gave it (tests/init).  It
 * registers its own name (PROBE_NAME, or LOOSE_NAME for the copy the
 * manifest does not name) and answers PROBE_REPORT.
 */
#ifndef MLK_PROBE_H
#define MLK_PROBE_H

#define PROBE_NAME "probe"
#define LOOSE_NAME "loose"

/* Reply: w0 the kinds of its start handles (bit 1 << kind), w1.. its
 * arguments joined by blanks (NUL-terminated, at most PROBE_ARGS_WORDS
 * words). */
#define PROBE_REPORT 0x50520001u
#define PROBE_ARGS_WORDS 16

#endif
