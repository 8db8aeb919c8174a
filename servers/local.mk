# The standard services, built for the target against libmlk.

mlkservicesdir = $(mlkdir)/services
mlkservices_PROGRAMS = servers/init/init
# The standard system mlk-mkimage packs by default.
STANDARD_MANIFEST = $(srcdir)/servers/standard.manifest
mlkservices_DATA = servers/standard.manifest
EXTRA_DIST += servers/standard.manifest

# The manifest is the one place a standard service's options are
# written.  Test images that start a service without the manifest take
# them from there: $(call standard_service,NAME,EXTRA) is NAME's options
# as mlk-mkimage's comma list, with EXTRA (options separated by blanks, as
# in a manifest) added.  A later prio, quota or args replaces an earlier
# one, and args, which must come last, is moved there.  The manifest's
# args may hold no blank.
mlk_comma := ,
mlk_empty :=
mlk_space := $(mlk_empty) $(mlk_empty)
standard_options = $(shell sed -n 's/[[:space:]]*\x23.*//; s/^service $(1) //p' \
	$(STANDARD_MANIFEST))
standard_args = $(or $(filter args=%,$(2)),$(filter args=%,$(1)))
standard_service = $(subst $(mlk_space),$(mlk_comma),$(strip \
	$(filter-out args=%,$(call standard_options,$(1)) $(2)) \
	$(call standard_args,$(call standard_options,$(1)),$(2))))

servers_init_init_SOURCES = servers/init/init.c servers/init/supervise.c \
	servers/init/clock.c servers/init/device.c \
	servers/init/names.c servers/init/control.c servers/init/init.h \
	servers/init/policy.c servers/init/policy.h servers/init/virtio.c \
	servers/init/symbols.c servers/init/symbols.h \
	servers/init/bootargs.c servers/init/bootargs.h \
	sdk/lib/devtree.c sdk/lib/fault_name.c
servers_init_init_CPPFLAGS = $(AM_CPPFLAGS) $(SHARED_CPP_FLAGS)
EXTRA_DIST += servers/init/README.md

# The console: the PL011 driver (servers/console/README.md; its tests are
# in tests/console/ and tests/unit/test_console.c).
mlkservices_PROGRAMS += servers/console/console
servers_console_console_SOURCES = servers/console/console.c \
	servers/console/requests.c servers/console/input.c \
	servers/console/output.c servers/console/editor.c \
	servers/console/uart.c \
	servers/console/console.h servers/console/ring.h \
	servers/console/uart.h
EXTRA_DIST += servers/console/README.md

# The file services: vfs, initfs, ramfs (servers/vfs/README.md; their
# tests are in tests/fs/local.mk).  libmlkfs (servers/fslib/README.md) is
# the file service framework initfs and ramfs are built on; the vfs takes
# its path rules and message helpers from it too.
noinst_LIBRARIES = servers/fslib/libmlkfs.a
servers_fslib_libmlkfs_a_SOURCES = servers/fslib/fs_path.c \
	servers/fslib/fs_path.h servers/fslib/fs_wire.c \
	servers/fslib/fs_wire.h servers/fslib/fs_tree.c \
	servers/fslib/fs_tree.h servers/fslib/fs_service.c \
	servers/fslib/fs_service.h servers/fslib/fs_internal.h \
	servers/fslib/fs_names.c servers/fslib/fs_files.c \
	servers/fslib/fs_node.c
# What a file service adds to a program's: the header folder, and the
# library before libmlk, which it calls.
MLK_FS_CPP_FLAGS = -iquote $(srcdir)/servers/fslib
MLK_FS_LIBS = servers/fslib/libmlkfs.a
EXTRA_DIST += servers/fslib/README.md

mlkservices_PROGRAMS += servers/vfs/vfs servers/initfs/initfs \
	servers/ramfs/ramfs
servers_vfs_vfs_SOURCES = servers/vfs/vfs.c servers/vfs/vfs.h \
	servers/vfs/vfs_schemes.c servers/vfs/vfs_forward.c
servers_vfs_vfs_CPPFLAGS = $(AM_CPPFLAGS) $(MLK_FS_CPP_FLAGS)
servers_vfs_vfs_LDADD = $(MLK_FS_LIBS) $(LDADD)
servers_initfs_initfs_SOURCES = servers/initfs/initfs.c \
	servers/initfs/load.c servers/initfs/initfs.h
servers_initfs_initfs_CPPFLAGS = $(AM_CPPFLAGS) $(MLK_FS_CPP_FLAGS)
servers_initfs_initfs_LDADD = $(MLK_FS_LIBS) $(LDADD)
servers_ramfs_ramfs_SOURCES = servers/ramfs/ramfs.c servers/ramfs/data.c \
	servers/ramfs/space.c servers/ramfs/ramfs.h
servers_ramfs_ramfs_CPPFLAGS = $(AM_CPPFLAGS) $(MLK_FS_CPP_FLAGS)
servers_ramfs_ramfs_LDADD = $(MLK_FS_LIBS) $(LDADD)
EXTRA_DIST += servers/vfs/README.md servers/initfs/README.md \
	servers/ramfs/README.md

# The shell (servers/shell/README.md).
mlkservices_PROGRAMS += servers/shell/shell
servers_shell_shell_SOURCES = servers/shell/shell.c servers/shell/term.c \
	servers/shell/line.c servers/shell/history.c servers/shell/parse.c \
	servers/shell/path.c servers/shell/fileio.c servers/shell/format.c \
	servers/shell/sysinfo.c servers/shell/commands.c \
	servers/shell/cmd_text.c servers/shell/cmd_files.c \
	servers/shell/cmd_copy.c servers/shell/cmd_procs.c \
	servers/shell/cmd_system.c servers/shell/cmd_bench.c \
	servers/shell/cmd_volumes.c \
	servers/shell/cmd_devices.c servers/shell/cmd_net.c \
	servers/shell/shell.h
EXTRA_DIST += servers/shell/README.md

# The virtio-blk driver (servers/virtio-blk/README.md).
mlkservices_PROGRAMS += servers/virtio-blk/virtio-blk
servers_virtio_blk_virtio_blk_SOURCES = servers/virtio-blk/main.c \
	servers/virtio-blk/clients.c servers/virtio-blk/io.c \
	servers/virtio-blk/blk.h
EXTRA_DIST += servers/virtio-blk/README.md

# The virtio-net driver (servers/virtio-net/README.md).
mlkservices_PROGRAMS += servers/virtio-net/virtio-net
servers_virtio_net_virtio_net_SOURCES = servers/virtio-net/main.c \
	servers/virtio-net/clients.c servers/virtio-net/io.c \
	servers/virtio-net/vnet.h
EXTRA_DIST += servers/virtio-net/README.md

# rngd, the entropy service: the virtio-rng driver (servers/rngd/rngd.c).
mlkservices_PROGRAMS += servers/rngd/rngd
servers_rngd_rngd_SOURCES = servers/rngd/rngd.c
EXTRA_DIST += servers/rngd/README.md

# The files the standard manifest puts in initfs, next to it.
mlkservicesetcdir = $(mlkservicesdir)/etc
mlkservicesetc_DATA = servers/etc/motd servers/etc/help.txt
EXTRA_DIST += $(mlkservicesetc_DATA)

# The standard system from the build tree: mlk-mkimage finds a manifest's
# services as DIR/NAME, so a staging directory holds them, and init, as
# they were built less their debug sections (objcopy --strip-debug; the
# symbols stay).  The kernel checksums the whole bundle at every boot and
# the debug sections were five sixths of it; addr2line and gdb read the
# build tree's programs, whose code is the same.  mlk.img (Makefile.am)
# and the scenario images use it.
STANDARD_SERVICES = console vfs initfs ramfs virtio-blk virtio-net net rngd \
	fat shell
STANDARD_DEPS = kernel/mlk-kernel.img servers/init/init \
	$(join $(STANDARD_SERVICES:%=servers/%/),$(STANDARD_SERVICES)) \
	servers/fat/fat1 servers/fat/fat2 $(STANDARD_MANIFEST) \
	$(mlkservicesetc_DATA:%=$(srcdir)/%) sdk/tools/mlk-mkimage
STANDARD_MKIMAGE = sdk/tools/mlk-mkimage -k kernel/mlk-kernel.img \
	-i servers/staged/init -s servers/staged

servers/staged/.stamp: $(STANDARD_DEPS)
	$(AM_V_GEN)$(MKDIR_P) servers/staged && \
	for s in init $(STANDARD_SERVICES); do \
		rm -f servers/staged/$$s && \
		$(OBJCOPY) --strip-debug servers/$$s/$$s servers/staged/$$s \
			|| exit 1; \
	done && for s in fat1 fat2; do \
		rm -f servers/staged/$$s && \
		$(OBJCOPY) --strip-debug servers/fat/$$s servers/staged/$$s \
			|| exit 1; \
	done && touch $@
CLEANFILES += servers/staged/.stamp servers/staged/init \
	servers/staged/fat1 servers/staged/fat2 \
	$(STANDARD_SERVICES:%=servers/staged/%)
