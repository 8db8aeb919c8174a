# libmlk: the runtime every service links (crt0, system call stubs, IPC,
# a small C library, the ELF loader).  A static library for the target,
# made by Automake's own archive rule (ar and ranlib).

# Flags for everything that runs in user space.  libmlk itself keeps off
# the FP/SIMD registers (-mgeneral-regs-only), so a service that never
# uses floating point never pays for saving FP state; services may use it.
MLK_USER_CPP_FLAGS = -isystem $(srcdir)/sdk/include/libc -I$(srcdir)/sdk/include \
	-Isdk/generated
MLK_USER_CC_FLAGS = $(MLK_USER_CFLAGS) $(MLK_PREFIX_MAP) -fno-omit-frame-pointer -std=gnu11 -O2 -g \
	-Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes \
	-Werror=implicit-function-declaration -Werror=return-type \
	-Werror=incompatible-pointer-types -Werror=int-conversion

mlklibdir = $(mlkdir)/lib
mlklib_LIBRARIES = libmlk/libmlk.a
libmlk_libmlk_a_SOURCES =
libmlk_libmlk_a_CPPFLAGS = $(AM_CPPFLAGS) $(SHARED_CPP_FLAGS) \
	-I$(srcdir)/libmlk
libmlk_libmlk_a_CFLAGS = $(MLK_USER_CC_FLAGS) -mgeneral-regs-only \
	-fvisibility=hidden
EXTRA_DIST += libmlk/README.md sdk/README.md

libmlk_libmlk_a_SOURCES += \
	libmlk/start.c \
	libmlk/spawn.c \
	libmlk/msg.c \
	libmlk/names.c \
	libmlk/service.c \
	libmlk/status.c \
	libmlk/init_client.c \
	libmlk/fs_client.c \
	libmlk/console_client.c \
	libmlk/virtio.c \
	libmlk/block_client.c \
	libmlk/net_client.c \
	libmlk/partition.c \
	libmlk/random.c \
	libmlk/virtq.c \
	libmlk/virtio_impl.h \
	libmlk/stack_protector.c \
	$(SHARED_IMAGE_SRC) $(SHARED_ARGS_SRC) $(SHARED_IPV4_SRC)

# crt0.o is linked into every program ahead of libmlk.
mlklib_DATA = libmlk/crt0.o
CLEANFILES += libmlk/crt0.o
EXTRA_DIST += libmlk/crt0.S sdk/ld/mlk-service.ld
libmlk/crt0.o: libmlk/crt0.S
	$(AM_V_CCAS)$(MKDIR_P) libmlk && $(CCAS) $(MLK_TARGET_FLAGS) $(MLK_PREFIX_MAP) -c -o $@ \
		$(srcdir)/libmlk/crt0.S

mlkldscriptdir = $(mlkdir)/lib
mlkldscript_DATA = sdk/ld/mlk-service.ld

# How the tree's programs for MLK (services, test programs) are built:
# exactly what pkg-config gives a third party (see pkgconfig/mlk.pc.in),
# with the tree's paths.  These are Automake's defaults, so a program is
# its _PROGRAMS line and its _SOURCES; only the kernel and libmlk, which
# set flags of their own, differ.
AM_CPPFLAGS = $(MLK_USER_CPP_FLAGS)
AM_CFLAGS = $(MLK_USER_CC_FLAGS)
AM_CCASFLAGS = -ffreestanding $(MLK_PREFIX_MAP)
MLK_PROGRAM_LDSCRIPT = $(srcdir)/sdk/ld/mlk-service.ld
AM_LDFLAGS = $(MLK_USER_LDFLAGS) -Wl,-T,$(MLK_PROGRAM_LDSCRIPT)
LDADD = libmlk/crt0.o libmlk/libmlk.a -lgcc
# Automake makes each program depend on what LDADD names; the linker
# script is an option to it, so it is named here.
$(filter-out kernel/mlk.elf,$(PROGRAMS)): $(MLK_PROGRAM_LDSCRIPT)
