# mlkcheck: the test library of the user-space suites under QEMU
# (tests/lib/README.md), a static library built for the target like
# libmlkfs.  A suite adds $(MLKCHECK_CPP_FLAGS) to its CPPFLAGS and
# $(MLKCHECK_LIBS) before $(MLK_PROGRAM_LIBS) in its LDADD (the library
# calls libmlk).

noinst_LIBRARIES += tests/lib/libmlkcheck.a
tests_lib_libmlkcheck_a_SOURCES = tests/lib/mlkcheck.h tests/lib/state.h \
	tests/lib/check.c tests/lib/run.c
tests_lib_libmlkcheck_a_CPPFLAGS = $(MLK_PROGRAM_CPP_FLAGS)
tests_lib_libmlkcheck_a_CFLAGS = $(MLK_PROGRAM_CC_FLAGS)
MLKCHECK_CPP_FLAGS = -iquote $(srcdir)/tests/lib
MLKCHECK_LIBS = tests/lib/libmlkcheck.a
EXTRA_DIST += tests/lib/README.md
