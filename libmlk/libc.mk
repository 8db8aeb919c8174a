# libmlk's C library subset: <string.h>, <stdio.h>, <stdlib.h>,
# <ctype.h>, <errno.h>, <assert.h>.  The headers (sdk/include/libc) are
# installed for the target only, under $(mlkdir)/include, never into the
# build machine's include directory.

# shared_kstring.c and shared_format.c compile the shared
# sdk/lib/kstring.c and sdk/lib/format.c into libmlk unchanged (see the
# comments in them for why they are included rather than listed here).
LIBC_C_FILES = \
	libmlk/libc/abs.c \
	libmlk/libc/assert.c \
	libmlk/libc/bsearch.c \
	libmlk/libc/ctype.c \
	libmlk/libc/errno.c \
	libmlk/libc/malloc.c \
	libmlk/libc/printf.c \
	libmlk/libc/qsort.c \
	libmlk/libc/shared_format.c \
	libmlk/libc/shared_kstring.c \
	libmlk/libc/stdio.c \
	libmlk/libc/strerror.c \
	libmlk/libc/string_copy.c \
	libmlk/libc/string_dup.c \
	libmlk/libc/string_search.c \
	libmlk/libc/strtol.c
LIBC_IMPL_FILES = \
	libmlk/libc/format_impl.h \
	libmlk/libc/libc_impl.h \
	libmlk/libc/runtime_hooks.h \
	libmlk/libc/stream.h
LIBC_SHARED_FILES = sdk/lib/format.c sdk/lib/kstring.c \
	sdk/lib/include/format.h sdk/lib/include/kstring.h

libmlk_libmlk_a_SOURCES += $(LIBC_C_FILES)

mlklibcincludedir = $(mlkdir)/include
mlklibcinclude_HEADERS = \
	sdk/include/libc/assert.h \
	sdk/include/libc/ctype.h \
	sdk/include/libc/errno.h \
	sdk/include/libc/stdio.h \
	sdk/include/libc/stdlib.h \
	sdk/include/libc/string.h

EXTRA_DIST += $(LIBC_IMPL_FILES) $(LIBC_SHARED_FILES) libmlk/libc/README.md

# Its unit tests compile these sources for the build machine with every
# public name renamed (tests/unit/local.mk, unit_libc).
