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

# ---------------------------------------------------------------------------
# Unit tests (build machine).
#
# The library's sources are compiled natively the way the target sees
# them (freestanding, against sdk/include/libc), except that every public
# name is renamed mlk_test_<name> by the -D list below.  The test program
# thus keeps the build machine's C library, which Check and the tests'
# own checks use, and calls the code under test by its mlk_test_ name,
# declared in the test with the library's prototype (not the host's, whose
# attributes, such as alloc_size and nonnull, would fight the tests of
# misuse).  abort is renamed too, so a test can see what led to it.
# Names starting with __mlk_ cannot clash and keep their names; the
# runtime hooks are faked in tests/unit/test_libc_fakes.c.  A new public
# function must be added to LIBC_PUBLIC_NAMES, or its test would call the
# host's.
# ---------------------------------------------------------------------------
LIBC_PUBLIC_NAMES = \
	memcpy memmove memset memcmp memchr memrchr strlen strnlen strcmp \
	strncmp strchr strrchr strstr strspn strcspn strpbrk strtok_r strcpy \
	strncpy strcat strncat strlcpy strlcat strdup strndup strerror \
	printf vprintf fprintf vfprintf snprintf vsnprintf sprintf vsprintf \
	fputc putc putchar fputs puts fflush \
	malloc free calloc realloc aligned_alloc \
	strtol strtoul strtoll strtoull atoi atol atoll abs labs llabs \
	qsort bsearch \
	isdigit isxdigit isalpha isalnum isspace isupper islower isprint \
	isgraph iscntrl ispunct toupper tolower
LIBC_TEST_RENAME = $(foreach name,$(LIBC_PUBLIC_NAMES) abort,\
	-D$(name)=mlk_test_$(name))
LIBC_TEST_CPP_FLAGS = -isystem $(srcdir)/sdk/include/libc \
	-I$(srcdir)/sdk/include $(SHARED_CPP_FLAGS) \
	-I$(srcdir)/libmlk $(LIBC_TEST_RENAME)
LIBC_TEST_CC_FLAGS = -ffreestanding -std=gnu11 -g -O1 -Wall -Wextra \
	-Wno-unused-parameter -Wmissing-prototypes \
	-Werror=implicit-function-declaration -Werror=return-type \
	$(UNIT_SANITIZE)

# All of the library in one relocatable object, linked into each test.
tests/unit/libc_under_test.o: $(LIBC_C_FILES) $(LIBC_IMPL_FILES) \
		$(LIBC_KERNEL_FILES) $(mlklibcinclude_HEADERS)
	$(AM_V_CC)$(MKDIR_P) tests/unit && \
	$(CC_FOR_BUILD) $(LIBC_TEST_CPP_FLAGS) $(CPPFLAGS_FOR_BUILD) \
		$(LIBC_TEST_CC_FLAGS) $(CFLAGS_FOR_BUILD) -nostdlib -r \
		-o $@ $(filter $(addprefix %,$(LIBC_C_FILES)),$^)

LIBC_UNIT_TESTS = \
	tests/unit/test_libc_string \
	tests/unit/test_libc_stdio \
	tests/unit/test_libc_malloc \
	tests/unit/test_libc_stdlib

define libc_unit_rule
tests/unit/test_libc_$(1): tests/unit/test_libc_$(1).c \
		tests/unit/test_libc_fakes.c tests/unit/libc_under_test.o \
		$$(LIBC_IMPL_FILES) $$(mlklibcinclude_HEADERS)
	$$(AM_V_CC)$$(MKDIR_P) tests/unit && \
	$$(UNIT_COMPILE) -I$$(srcdir)/libmlk -o $$@ \
		$$(filter %.c %.o,$$^) $$(UNIT_LIBS)
endef
$(eval $(call libc_unit_rule,string))
$(eval $(call libc_unit_rule,stdio))
$(eval $(call libc_unit_rule,malloc))
$(eval $(call libc_unit_rule,stdlib))

EXTRA_DIST += tests/unit/test_libc_fakes.c \
	$(foreach test,$(LIBC_UNIT_TESTS),$(test).c)

if UNIT_TESTS
TESTS += $(LIBC_UNIT_TESTS)
CLEANFILES += $(LIBC_UNIT_TESTS) tests/unit/libc_under_test.o
endif
