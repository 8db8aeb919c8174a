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
gensyscalls_SRC = \
	sdk/gen/main.c \
	sdk/gen/table.c \
	sdk/gen/check.c \
	sdk/gen/describe.c \
	sdk/gen/text.c \
	sdk/gen/emit_user.c \
	sdk/gen/emit_kernel.c \
	sdk/gen/emit_man.c \
	sdk/gen/gensyscalls.h
GENSYSCALLS_OUT = sdk/generated/mlk/sysnum.h sdk/generated/mlk/sys.h \
	kernel/generated/syscalls.h kernel/generated/syscall_table.c \
	sdk/generated/mlk-syscalls.2

EXTRA_DIST += sdk/include/mlk/syscalls.def sdk/gen/README.md
CLEANFILES += $(GENSYSCALLS_OUT)
# Before anything that includes them is compiled (kernel/local.mk also
# names them as prerequisites of the kernel's objects).
BUILT_SOURCES += $(GENSYSCALLS_OUT)

nodist_mlkinclude_HEADERS = sdk/generated/mlk/sysnum.h sdk/generated/mlk/sys.h
nodist_man2_MANS = sdk/generated/mlk-syscalls.2

gensyscalls_FLAGS = -I$(srcdir)/sdk/include
$(call build_program,$(GENSYSCALLS),gensyscalls,TOOL)

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
