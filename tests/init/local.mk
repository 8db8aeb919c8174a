# inittest: init's supervision and restart policy under QEMU (see
# tests/init/README.md).  The image is the standard system of
# servers/standard.manifest plus probe, a test service with an entry of
# its own (priority, quota, grants, arguments, give-up=2), and inittest,
# whose exit powers the machine off.

noinst_PROGRAMS += tests/init/inittest tests/init/probe
# The t_*.c files in the order their tests run (tests/lib/README.md).
tests_init_inittest_SOURCES = tests/init/inittest.c tests/init/inittest.h \
	tests/init/helpers.c tests/init/t_stress.c tests/init/t_policy.c \
	tests/init/t_services.c tests/init/probe.h
tests_init_inittest_CPPFLAGS = $(MLK_PROGRAM_CPP_FLAGS) $(MLKCHECK_CPP_FLAGS)
tests_init_inittest_CFLAGS = $(MLK_PROGRAM_CC_FLAGS)
tests_init_inittest_LDFLAGS = $(MLK_PROGRAM_LD_FLAGS)
tests_init_inittest_LDADD = $(MLKCHECK_LIBS) $(MLK_PROGRAM_LIBS)
tests_init_inittest_DEPENDENCIES = $(MLKCHECK_LIBS) $(MLK_PROGRAM_DEPS)

tests_init_probe_SOURCES = tests/init/probe.c tests/init/probe.h
tests_init_probe_CPPFLAGS = $(MLK_PROGRAM_CPP_FLAGS)
tests_init_probe_CFLAGS = $(MLK_PROGRAM_CC_FLAGS)
tests_init_probe_LDFLAGS = $(MLK_PROGRAM_LD_FLAGS)
tests_init_probe_LDADD = $(MLK_PROGRAM_LIBS)
tests_init_probe_DEPENDENCIES = $(MLK_PROGRAM_DEPS)

noinst_DATA += tests/init/inittest.img
CLEANFILES += tests/init/inittest.img tests/init/loose tests/init/unlist
EXTRA_DIST += tests/init/README.md tests/init/unlist.c

# loose is probe under another name, taken out of the manifest again by
# unlist (a build-machine tool: mlk-mkimage makes every service a manifest
# entry), for run of a program the manifest does not name.
tests/init/loose: tests/init/probe
	$(AM_V_GEN)cp tests/init/probe $@

tests/init/unlist: $(srcdir)/tests/init/unlist.c $(srcdir)/sdk/lib/bundle.c \
		$(srcdir)/sdk/include/mlk/bundle.h
	$(AM_V_CC)$(MKDIR_P) tests/init && \
	$(CC_FOR_BUILD) -std=gnu11 -Wall -Wextra -I$(srcdir)/sdk/include \
		-iquote $(SHARED_INCLUDE) $(CPPFLAGS_FOR_BUILD) \
		$(CFLAGS_FOR_BUILD) $(LDFLAGS_FOR_BUILD) -o $@ $(filter %.c,$^)

tests/init/inittest.img: servers/staged/.stamp tests/init/inittest \
		tests/init/probe tests/init/loose tests/init/unlist \
		$(srcdir)/servers/standard.manifest
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@.full \
		-m $(srcdir)/servers/standard.manifest \
		'tests/init/probe:prio=33,quota=3M,restart,give-up=2,grant=log,grant=bundle,args=one two' \
		tests/init/loose:prio=20,quota=1M,restart,grant=system \
		tests/init/inittest:prio=30,grant=log,grant=system,grant=control,poweroff && \
	tests/init/unlist $@.full loose $@ && rm -f $@.full

INITTEST_QT = tests/qemu/init-supervision.qt
QEMU_TESTS += $(INITTEST_QT)
$(INITTEST_QT:.qt=.log): tests/init/inittest.img
