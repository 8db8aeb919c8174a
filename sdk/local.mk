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
	sdk/include/mlk/msg.h \
	sdk/include/mlk/names.h \
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
	sdk/include/mlk/proto/rng.h

# ---------------------------------------------------------------------------
# mlk-mkimage runs on the build machine.  bin_PROGRAMS would compile it
# with $(CC), the AArch64 cross compiler, so an explicit rule builds it
# with $(CC_FOR_BUILD), and bin_SCRIPTS installs it: that primary copies
# any file to bindir as an executable, without the target's strip.
# bundle.c and elf.c are the kernel's own checkers, so the tool accepts
# exactly what the kernel and init will.
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
	$(SHARED_IMAGE_SRC)
MKIMAGE_SRC = sdk/tools/mlk-mkimage.c $(MKIMAGE_LIB_SRC)
MKIMAGE_HDR = \
	sdk/tools/mkimage.h \
	sdk/include/mlk/bundle.h \
	sdk/include/mlk/console.h \
	sdk/include/mlk/elf.h \
	sdk/include/mlk/fs.h \
	sdk/include/mlk/layout.h \
	sdk/include/mlk/syscall.h \
	sdk/include/mlk/version.h \
	sdk/lib/include/kstring.h

# Where an installed SDK keeps the kernel and the standard services; the
# environment (MLK_KERNEL, MLK_INIT, MLK_MANIFEST, MLK_SERVICES_DIR) and
# the options override them.
MKIMAGE_DEFAULTS = \
	-DMLK_DEFAULT_KERNEL='"$(mlkdir)/boot/mlk-kernel.img"' \
	-DMLK_DEFAULT_INIT='"$(mlkdir)/services/init"' \
	-DMLK_DEFAULT_MANIFEST='"$(mlkdir)/services/standard.manifest"' \
	-DMLK_DEFAULT_SERVICES_DIR='"$(mlkdir)/services"'

# -iquote, not -I, for the shared headers: bundle.c includes "kstring.h"
# from there, but nothing of ours may stand in for the C library's headers.
MKIMAGE_LIB_CPP_FLAGS = -I$(srcdir)/sdk/include \
	-iquote $(SHARED_INCLUDE) -iquote $(srcdir)/sdk/tools
MKIMAGE_CPP_FLAGS = $(MKIMAGE_LIB_CPP_FLAGS) $(MKIMAGE_DEFAULTS)
MKIMAGE_CC_FLAGS = -std=gnu11 -O2 -g -Wall -Wextra -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
	-Werror=implicit-function-declaration -Werror=return-type \
	-Werror=incompatible-pointer-types -Werror=int-conversion \
	-Werror=format -Werror=format-security -Werror=vla \
	-Werror=strict-prototypes -Werror=missing-prototypes -Werror=shadow

bin_SCRIPTS = sdk/tools/mlk-mkimage
CLEANFILES += sdk/tools/mlk-mkimage

# Makefile is a prerequisite so that a new prefix (new defaults) rebuilds.
sdk/tools/mlk-mkimage: $(MKIMAGE_SRC) $(MKIMAGE_HDR) Makefile
	$(AM_V_CC)$(MKDIR_P) sdk/tools && \
	$(CC_FOR_BUILD) $(MKIMAGE_CPP_FLAGS) $(CPPFLAGS_FOR_BUILD) \
		$(MKIMAGE_CC_FLAGS) $(CFLAGS_FOR_BUILD) $(LDFLAGS_FOR_BUILD) \
		-o $@ $(filter %.c,$^)

dist_man1_MANS = sdk/tools/mlk-mkimage.1
EXTRA_DIST += $(MKIMAGE_SRC) sdk/tools/mkimage.h
