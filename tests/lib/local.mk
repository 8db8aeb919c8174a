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

# The library itself, as a Check unit test on the build machine
# (tests/unit/test_mlkcheck.c): its lines, counts, selection, order and
# hooks, and that a failed check fails the run.
MLKCHECK_UNIT_SRC = tests/unit/test_mlkcheck.c tests/lib/check.c \
	tests/lib/run.c libmlk/status.c
if UNIT_TESTS
TESTS += tests/unit/test_mlkcheck
CLEANFILES += tests/unit/test_mlkcheck
endif
EXTRA_DIST += tests/unit/test_mlkcheck.c
tests/unit/test_mlkcheck: $(MLKCHECK_UNIT_SRC) tests/lib/mlkcheck.h \
		tests/lib/state.h tests/unit/unit.h
	$(AM_V_CC)$(MKDIR_P) tests/unit && \
	$(UNIT_COMPILE) -iquote $(srcdir)/tests/lib -o $@ \
		$(filter %.c,$^) $(UNIT_LIBS)
