# The standard services, built for the target against libmlk.

mlkservicesdir = $(mlkdir)/services
mlkservices_PROGRAMS = servers/init/init

servers_init_init_SOURCES = servers/init/init.c servers/init/supervise.c \
	servers/init/names.c servers/init/control.c servers/init/init.h \
	kernel/core/devtree.c
servers_init_init_CPPFLAGS = $(MLK_PROGRAM_CPP_FLAGS) \
	-iquote $(srcdir)/kernel/include
servers_init_init_CFLAGS = $(MLK_PROGRAM_CC_FLAGS)
servers_init_init_LDFLAGS = $(MLK_PROGRAM_LD_FLAGS)
servers_init_init_LDADD = $(MLK_PROGRAM_LIBS)
servers_init_init_DEPENDENCIES = $(MLK_PROGRAM_DEPS)
EXTRA_DIST += servers/init/README.md
