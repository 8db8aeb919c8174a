# mlkcheck: the test library of the user-space suites under QEMU
# (tests/lib/README.md), a static library built for the target like
# libmlkfs.  A suite sets its CPPFLAGS to $(AM_CPPFLAGS)
# $(MLKCHECK_CPP_FLAGS) and its LDADD to $(MLKCHECK_LIBS) $(LDADD) (the
# library calls libmlk).

noinst_LIBRARIES += tests/lib/libmlkcheck.a
tests_lib_libmlkcheck_a_SOURCES = tests/lib/mlkcheck.h tests/lib/state.h \
	tests/lib/check.c tests/lib/run.c
MLKCHECK_CPP_FLAGS = -iquote $(srcdir)/tests/lib
MLKCHECK_LIBS = tests/lib/libmlkcheck.a
EXTRA_DIST += tests/lib/README.md
