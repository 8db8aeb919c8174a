# The system call table, sdk/include/mlk/syscalls.def, is the one source of
# the system call API.  gensyscalls, a build-machine program that compiles
# the table in, writes from it, into the build tree:
#   sdk/generated/mlk/sysnum.h        the numbers          (installed)
#   sdk/generated/mlk/sys.h           the documented stubs (installed)
#   kernel/generated/syscalls.h       the sys_* declarations
#   kernel/generated/syscall_table.c  the glue and dispatch table
#   sdk/generated/mlk-syscalls.2      the reference page   (installed)
# A folder of their own, never sdk/include: a stale dependency naming the
# source tree's path must not send the output there.  The table itself and
# gensyscalls are not installed.

GENSYSCALLS = sdk/gen/gensyscalls
GENSYSCALLS_SRC = \
	sdk/gen/main.c \
	sdk/gen/table.c \
	sdk/gen/check.c \
	sdk/gen/describe.c \
	sdk/gen/text.c \
	sdk/gen/emit_user.c \
	sdk/gen/emit_kernel.c \
	sdk/gen/emit_man.c
GENSYSCALLS_HDR = sdk/gen/gensyscalls.h sdk/include/mlk/syscalls.def \
	sdk/include/mlk/handle.h sdk/include/mlk/ipc.h \
	sdk/include/mlk/status.h sdk/include/mlk/syscall.h \
	sdk/include/mlk/version.h
GENSYSCALLS_OUT = sdk/generated/mlk/sysnum.h sdk/generated/mlk/sys.h \
	kernel/generated/syscalls.h kernel/generated/syscall_table.c \
	sdk/generated/mlk-syscalls.2

EXTRA_DIST += $(GENSYSCALLS_SRC) $(GENSYSCALLS_HDR) sdk/gen/README.md
CLEANFILES += $(GENSYSCALLS) $(GENSYSCALLS_OUT)
# Before anything that includes them is compiled (kernel/local.mk also
# names them as prerequisites of the kernel's objects).
BUILT_SOURCES += $(GENSYSCALLS_OUT)

nodist_mlkinclude_HEADERS = sdk/generated/mlk/sysnum.h sdk/generated/mlk/sys.h
nodist_man2_MANS = sdk/generated/mlk-syscalls.2

GENSYSCALLS_CC_FLAGS = -std=gnu11 -O2 -g -Wall -Wextra -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Werror=implicit-function-declaration \
	-Werror=return-type -Werror=incompatible-pointer-types \
	-Werror=int-conversion -Werror=format -Werror=vla

$(GENSYSCALLS): $(addprefix $(srcdir)/,$(GENSYSCALLS_SRC) $(GENSYSCALLS_HDR))
	$(AM_V_CC)$(MKDIR_P) sdk/gen && \
	$(CC_FOR_BUILD) -I$(srcdir)/sdk/include $(CPPFLAGS_FOR_BUILD) \
		$(GENSYSCALLS_CC_FLAGS) $(CFLAGS_FOR_BUILD) \
		$(LDFLAGS_FOR_BUILD) -o $@ $(filter %.c,$^)

# One output each; written whole or not at all.
GENSYSCALLS_RUN = $(AM_V_GEN)$(MKDIR_P) $(@D) && \
	$(GENSYSCALLS) $(1) >$@.tmp && mv $@.tmp $@
sdk/generated/mlk/sysnum.h: $(GENSYSCALLS)
	$(call GENSYSCALLS_RUN,sysnum)
sdk/generated/mlk/sys.h: $(GENSYSCALLS)
	$(call GENSYSCALLS_RUN,sys)
kernel/generated/syscalls.h: $(GENSYSCALLS)
	$(call GENSYSCALLS_RUN,kernel-decls)
kernel/generated/syscall_table.c: $(GENSYSCALLS)
	$(call GENSYSCALLS_RUN,kernel-table)
sdk/generated/mlk-syscalls.2: $(GENSYSCALLS)
	$(call GENSYSCALLS_RUN,man)
