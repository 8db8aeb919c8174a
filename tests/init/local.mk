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
tests_init_inittest_CPPFLAGS = $(AM_CPPFLAGS) $(MLKCHECK_CPP_FLAGS)
tests_init_inittest_LDADD = $(MLKCHECK_LIBS) $(LDADD)

tests_init_probe_SOURCES = tests/init/probe.c tests/init/probe.h

noinst_DATA += tests/init/inittest.img
CLEANFILES += tests/init/inittest.img tests/init/loose
EXTRA_DIST += tests/init/README.md

# loose is probe under another name, taken out of the manifest again by
# unlist (a build-machine tool: mlk-mkimage makes every service a manifest
# entry), for run of a program the manifest does not name.
tests/init/loose: tests/init/probe
	$(AM_V_GEN)cp tests/init/probe $@

unlist_SRC = tests/init/unlist.c sdk/lib/bundle.c
unlist_FLAGS = -I$(srcdir)/sdk/include -iquote $(SHARED_INCLUDE)
$(call build_program,tests/init/unlist,unlist,TOOL)

tests/init/inittest.img: servers/staged/.stamp tests/init/inittest \
		tests/init/probe tests/init/loose tests/init/unlist \
		$(STANDARD_MANIFEST)
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@.full \
		-m $(STANDARD_MANIFEST) \
		'tests/init/probe:prio=33,quota=3M,restart,give-up=2,grant=log,grant=bundle,args=one two' \
		tests/init/loose:prio=20,quota=1M,restart,grant=system \
		tests/init/inittest:prio=30,grant=log,grant=system,grant=control,poweroff && \
	tests/init/unlist $@.full loose $@ && rm -f $@.full

INITTEST_QT = tests/qemu/init-supervision.qt
QEMU_TESTS += $(INITTEST_QT)
$(INITTEST_QT:.qt=.log): tests/init/inittest.img
