# The SDK: ABI headers shared by the kernel, libmlk, services and third
# parties, and mlk-mkimage, the boot image packer.  The system call
# headers <mlk/sys.h> and <mlk/sysnum.h> are generated (sdk/gen/local.mk).

mlkincludedir = $(includedir)/mlk
mlkinclude_HEADERS = \
	sdk/include/mlk/version.h \
	sdk/include/mlk/bootinfo.h \
	sdk/include/mlk/block.h \
	sdk/include/mlk/bundle.h \
	sdk/include/mlk/console.h \
	sdk/include/mlk/elf.h \
	sdk/include/mlk/fs.h \
	sdk/include/mlk/handle.h \
	sdk/include/mlk/init.h \
	sdk/include/mlk/ipc.h \
	sdk/include/mlk/layout.h \
	sdk/include/mlk/limits.h \
	sdk/include/mlk/msg.h \
	sdk/include/mlk/names.h \
	sdk/include/mlk/net.h \
	sdk/include/mlk/random.h \
	sdk/include/mlk/runtime.h \
	sdk/include/mlk/service.h \
	sdk/include/mlk/spawn.h \
	sdk/include/mlk/startinfo.h \
	sdk/include/mlk/status.h \
	sdk/include/mlk/svc.h \
	sdk/include/mlk/syscall.h \
	sdk/include/mlk/sysinfo.h \
	sdk/include/mlk/virtio.h \
	sdk/include/mlk/virtio_ids.h

# Message layouts of the standard services' protocols.
mlkprotodir = $(includedir)/mlk/proto
mlkproto_HEADERS = \
	sdk/include/mlk/proto/block.h \
	sdk/include/mlk/proto/console.h \
	sdk/include/mlk/proto/fs.h \
	sdk/include/mlk/proto/init.h \
	sdk/include/mlk/proto/names.h \
	sdk/include/mlk/proto/net.h \
	sdk/include/mlk/proto/netdev.h \
	sdk/include/mlk/proto/rng.h

# ---------------------------------------------------------------------------
# mlk-mkimage runs on the build machine: built by sdk/build.mk's rule with
# $(CC_FOR_BUILD) and installed by bin_SCRIPTS, which copies any file to
# bindir as an executable, without the target's strip.  bundle.c and
# elf.c are the kernel's own checkers, so the tool accepts exactly what
# the kernel and init will.
#
# Everything but main is a library (sdk/tools/mkimage.h): its functions
# return errors instead of exiting, so unit tests and fuzz harnesses link
# it.  It is kept as a list of sources rather than an archive because
# each user compiles it with its own flags (the harnesses with clang and
# sanitizers); MKIMAGE_LIB_CPP_FLAGS is what they need to find headers.
# ---------------------------------------------------------------------------
MKIMAGE_LIB_SRC = \
	sdk/tools/service.c \
	sdk/tools/manifest.c \
	sdk/tools/plan.c \
	sdk/tools/pack.c \
	sdk/tools/list.c \
	sdk/tools/util.c \
	sdk/tools/mkimage.h \
	$(SHARED_IMAGE_SRC) $(SHARED_ARGS_SRC)

# -iquote, not -I, for the shared headers: bundle.c includes "kstring.h"
# from there, but nothing of ours may stand in for the C library's headers.
MKIMAGE_LIB_CPP_FLAGS = -I$(srcdir)/sdk/include \
	-iquote $(SHARED_INCLUDE) -iquote $(srcdir)/sdk/tools

# Where an installed SDK keeps the kernel and the standard services; the
# environment (MLK_KERNEL, MLK_INIT, MLK_MANIFEST, MLK_SERVICES_DIR) and
# the options override them.  A new prefix gives new defaults: the
# object of main depends on the Makefile.
mkimage_SRC = sdk/tools/mlk-mkimage.c $(MKIMAGE_LIB_SRC)
mkimage_FLAGS = $(MKIMAGE_LIB_CPP_FLAGS) \
	-DMLK_DEFAULT_KERNEL='"$(mlkdir)/boot/mlk-kernel.img"' \
	-DMLK_DEFAULT_INIT='"$(mlkdir)/services/init"' \
	-DMLK_DEFAULT_MANIFEST='"$(mlkdir)/services/standard.manifest"' \
	-DMLK_DEFAULT_SERVICES_DIR='"$(mlkdir)/services"'
$(call build_program,sdk/tools/mlk-mkimage,mkimage,TOOL)
$(BUILD_OBJDIR)/mkimage/sdk/tools/mlk-mkimage.o: Makefile
bin_SCRIPTS = sdk/tools/mlk-mkimage

dist_man1_MANS = sdk/tools/mlk-mkimage.1

# ---------------------------------------------------------------------------
# mlk-gdb: gdb with the kernel's symbols, each service's own symbols and
# the mlk commands (sdk/gdb/README.md).  The wrapper is made from
# mlk-gdb.in with the installed paths, as mlk-mkimage's defaults are.
# ---------------------------------------------------------------------------
mlkgdbdir = $(pkgdatadir)/gdb
dist_mlkgdb_DATA = sdk/gdb/mlk.py
mlkgdbpkgdir = $(mlkgdbdir)/mlkgdb
dist_mlkgdbpkg_DATA = sdk/gdb/mlkgdb/__init__.py sdk/gdb/mlkgdb/image.py \
	sdk/gdb/mlkgdb/memory.py sdk/gdb/mlkgdb/kernel.py \
	sdk/gdb/mlkgdb/symbols.py sdk/gdb/mlkgdb/breaks.py \
	sdk/gdb/mlkgdb/follow.py sdk/gdb/mlkgdb/commands.py
bin_SCRIPTS += sdk/tools/mlk-gdb
sdk/tools/mlk-gdb: $(srcdir)/sdk/tools/mlk-gdb.in Makefile
	$(AM_V_GEN)$(MKDIR_P) sdk/tools && sed \
		-e 's|@MLK_GDB_SCRIPTS@|$(mlkgdbdir)|g' \
		-e 's|@MLK_KERNEL_ELF@|$(mlkbootdir)/mlk.elf|g' \
		-e 's|@VERSION@|$(VERSION)|g' \
		$(srcdir)/sdk/tools/mlk-gdb.in >$@.tmp && \
	chmod +x $@.tmp && mv $@.tmp $@
CLEANFILES += sdk/tools/mlk-gdb
EXTRA_DIST += sdk/tools/mlk-gdb.in sdk/gdb/README.md
dist_man1_MANS += sdk/tools/mlk-gdb.1

# mlk-run-test boots an image headless and returns its test's status.
dist_bin_SCRIPTS = sdk/tools/mlk-run-test
dist_man1_MANS += sdk/tools/mlk-run-test.1

# The SDK's guide (tests/sdk/man-manifest.test keeps its manifest true).
dist_man7_MANS = sdk/doc/mlk-sdk.7
