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
	tests/fs/t_buffer_quota.c tests/fs/t_limit.c tests/fs/t_mounts.c tests/fs/t_recovery.c
tests_fs_fstest_CPPFLAGS = $(MLK_PROGRAM_CPP_FLAGS) $(MLKCHECK_CPP_FLAGS)
tests_fs_fstest_CFLAGS = $(MLK_PROGRAM_CC_FLAGS)
tests_fs_fstest_LDFLAGS = $(MLK_PROGRAM_LD_FLAGS)
tests_fs_fstest_LDADD = $(MLKCHECK_LIBS) $(MLK_PROGRAM_LIBS)
tests_fs_fstest_DEPENDENCIES = $(MLKCHECK_LIBS) $(MLK_PROGRAM_DEPS)

noinst_PROGRAMS += tests/fs/fsholder
tests_fs_fsholder_SOURCES = tests/fs/fsholder.c
tests_fs_fsholder_CPPFLAGS = $(MLK_PROGRAM_CPP_FLAGS)
tests_fs_fsholder_CFLAGS = $(MLK_PROGRAM_CC_FLAGS)
tests_fs_fsholder_LDFLAGS = $(MLK_PROGRAM_LD_FLAGS)
tests_fs_fsholder_LDADD = $(MLK_PROGRAM_LIBS)
tests_fs_fsholder_DEPENDENCIES = $(MLK_PROGRAM_DEPS)

FSTEST_FILES = $(srcdir)/tests/fs/motd.txt $(srcdir)/tests/fs/empty
FSTEST_IMAGE_DEPS = kernel/mlk-kernel.img servers/init/init \
	servers/vfs/vfs servers/initfs/initfs servers/ramfs/ramfs \
	tests/fs/fstest tests/fs/fsholder sdk/tools/mlk-mkimage \
	$(FSTEST_FILES)

noinst_DATA += tests/fs/fstest.img
CLEANFILES += tests/fs/fstest.img
EXTRA_DIST += $(FSTEST_FILES) tests/fs/README.md

# ramfs gets a small limit (1M) so that filling it is quick, and a quota
# that holds it.
tests/fs/fstest.img: $(FSTEST_IMAGE_DEPS)
	$(AM_V_GEN)sdk/tools/mlk-mkimage -o $@ -k kernel/mlk-kernel.img \
		-i servers/init/init -n \
		-f etc/motd=$(srcdir)/tests/fs/motd.txt \
		-f empty=$(srcdir)/tests/fs/empty \
		-f a/b/c/deep.txt=$(srcdir)/tests/fs/motd.txt \
		-f bin/fstest=tests/fs/fstest \
		-f dir/../escape=$(srcdir)/tests/fs/motd.txt \
		servers/vfs/vfs:prio=45,restart,grant=log \
		servers/initfs/initfs:prio=40,restart,grant=log,grant=bundle \
		servers/ramfs/ramfs:prio=40,restart,quota=8M,grant=log,args=--max-bytes=1M \
		tests/fs/fsholder:prio=30,grant=log \
		tests/fs/fstest:prio=30,grant=log,grant=bundle,grant=control,poweroff

FSTEST_QT = tests/qemu/fs-services.qt
QEMU_TESTS += $(FSTEST_QT)
$(FSTEST_QT:.qt=.log): tests/fs/fstest.img

# The path rules and the directory tree the vfs and the services share,
# as Check unit tests on the build machine (tests/unit's flags).
FS_UNIT_SRC = tests/fs/test_fs_path.c servers/fslib/fs_path.c \
	servers/fslib/fs_tree.c
FS_UNIT_HDR = servers/fslib/fs_path.h servers/fslib/fs_tree.h tests/unit/unit.h
if UNIT_TESTS
TESTS += tests/fs/test_fs_path
CLEANFILES += tests/fs/test_fs_path
endif
EXTRA_DIST += tests/fs/test_fs_path.c
tests/fs/test_fs_path: $(FS_UNIT_SRC) $(FS_UNIT_HDR)
	$(AM_V_CC)$(MKDIR_P) tests/fs && \
	$(UNIT_COMPILE) -I$(srcdir)/servers/fslib -o $@ \
		$(filter %.c,$^) $(UNIT_LIBS)
