/*
 * Random arguments by kind (args.c).
 */
#ifndef SYSFUZZ_ARGS_H
#define SYSFUZZ_ARGS_H

#include "calls.h"
#include "fuzz.h"

/* A handle, ideally one of ours naming a `want` object (MLK_OBJ_NONE:
 * any). */
uint32_t args_handle(struct worker *w, uint32_t want);
uint64_t args_widen(struct rng *r, uint64_t v);
/* A pointer; *room is how many bytes from it are ours to write (0: none). */
uint64_t args_pointer(struct worker *w, uint64_t *room);
uint64_t args_length(struct worker *w, uint64_t room);
uint64_t args_deadline(struct worker *w);
/* Argument of a kind; *room carries a pointer's room to its length. */
uint64_t args_value(struct worker *w, enum arg_kind kind, uint32_t want,
		    uint64_t *room);
/* A message info word (mlk/ipc.h), sometimes malformed. */
uint64_t args_msginfo(struct rng *r);

#endif
