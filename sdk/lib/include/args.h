/*
 * A program's arguments as a manifest entry, mlk-mkimage's args= and
 * init's run write them ("a b  \"c d\""), packed the way the start info
 * holds them ("a\0b\0c d\0"): words are separated by blanks; a
 * double-quoted part of a word keeps its blanks, and in it \" and \\
 * stand for " and \.  One rule for mlk-mkimage, which refuses at pack
 * time what would not pack, and libmlk's mlk_spawn, which packs.
 */
#ifndef MLK_SDK_LIB_ARGS_H
#define MLK_SDK_LIB_ARGS_H

#include <stddef.h>
#include <stdint.h>

enum args_error {
	ARGS_OK = 0,
	ARGS_ERR_QUOTE = 1,    /* a quoted part without its closing " */
	ARGS_ERR_TOO_LONG = 2, /* the packed words do not fit `size` */
};

/*
 * Pack `args` (NULL: none) into out[0..size), each word NUL-terminated;
 * out may be NULL to check and count only.  The words in *argc, the bytes
 * they take in *used; on an error nothing is promised of out.
 */
enum args_error args_pack(const char *args, char *out, size_t size,
			  uint32_t *argc, size_t *used);

#endif
