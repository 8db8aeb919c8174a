# fstest: the file services (vfs, initfs, ramfs) through the client API,
# under QEMU (see tests/fs/fstest.c).  The image holds init, the three
# services and fstest, whose exit powers the machine off; initfs gets a
# few files: a nested path, an empty file, one larger than the client's
# buffer (fstest's own ELF) and one with a path it must leave out.
# fsholder is a client fstest has init run (and kill) with files open.

noinst_PROGRAMS += tests/fs/fstest
# The t_*.c files in the order their tests run (tests/lib/README.md).
tests_fs_fstest_SOURCES = tests/fs/fstest.c tests/fs/fstest.h \
	tests/fs/helpers.c tests/fs/t_names.c tests/fs/t_bad_names.c \
	tests/fs/t_data.c tests/fs/t_initfs.c tests/fs/t_handles.c \
	tests/fs/t_buffer_quota.c tests/fs/t_limit.c tests/fs/t_mounts.c tests/fs/t_recovery.c \
	tests/fs/t_volumes.c
tests_fs_fstest_CPPFLAGS = $(AM_CPPFLAGS) $(MLKCHECK_CPP_FLAGS)
tests_fs_fstest_LDADD = $(MLKCHECK_LIBS) $(LDADD)

noinst_PROGRAMS += tests/fs/fsholder
tests_fs_fsholder_SOURCES = tests/fs/fsholder.c

FSTEST_FILES = $(srcdir)/tests/fs/motd.txt $(srcdir)/tests/fs/empty
FSTEST_IMAGE_DEPS = kernel/mlk-kernel.img servers/init/init \
	servers/vfs/vfs servers/initfs/initfs servers/ramfs/ramfs \
	tests/fs/fstest tests/fs/fsholder sdk/tools/mlk-mkimage \
	$(FSTEST_FILES) $(STANDARD_MANIFEST)

noinst_DATA += tests/fs/fstest.img
CLEANFILES += tests/fs/fstest.img
EXTRA_DIST += $(FSTEST_FILES) tests/fs/README.md

# The file services as the standard system starts them, with the kernel
# log (there is no console); ramfs gets a small limit (1M) so that
# filling it is quick, and a quota that holds it.
tests/fs/fstest.img: $(FSTEST_IMAGE_DEPS)
	$(AM_V_GEN)sdk/tools/mlk-mkimage -o $@ -k kernel/mlk-kernel.img \
		-i servers/init/init -n \
		-f etc/motd=$(srcdir)/tests/fs/motd.txt \
		-f empty=$(srcdir)/tests/fs/empty \
		-f a/b/c/deep.txt=$(srcdir)/tests/fs/motd.txt \
		-f dir/../escape=$(srcdir)/tests/fs/motd.txt \
		servers/vfs/vfs:$(call standard_service,vfs,grant=log) \
		servers/initfs/initfs:$(call standard_service,initfs,grant=log) \
		servers/ramfs/ramfs:$(call standard_service,ramfs,quota=8M grant=log args=--max-bytes=1M) \
		tests/fs/fsholder:prio=30,grant=log \
		tests/fs/fstest:prio=30,grant=log,grant=bundle,grant=control,poweroff

FSTEST_QT = tests/qemu/fs-services.qt
QEMU_TESTS += $(FSTEST_QT)
$(FSTEST_QT:.qt=.log): tests/fs/fstest.img
