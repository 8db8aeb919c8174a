# libFuzzer harnesses (tests/fuzz/README.md): each parser of untrusted
# input, built from the project's own sources for the build machine with
# $(FUZZ_CC), the clang configure found that links -fsanitize=fuzzer.
#
#   make check   runs each harness over its checked-in corpus (a .fuzz
#                test per harness, tests/fuzz/run-fuzz); they SKIP
#                without that clang, or fail if MLK_REQUIRE_FUZZ is set
#   make fuzz    fuzzes each for FUZZ_SECONDS, FUZZ_JOBS at a time

# Spelled out: Automake makes the test rules from the list as written.
FUZZ_NAMES = devtree dt_machine bootargs elf bundle shell fs_path ramfs manifest list \
	fat net http
FUZZ_SPECS = tests/fuzz/devtree.fuzz tests/fuzz/dt_machine.fuzz \
	tests/fuzz/bootargs.fuzz \
	tests/fuzz/elf.fuzz tests/fuzz/bundle.fuzz tests/fuzz/shell.fuzz \
	tests/fuzz/fs_path.fuzz tests/fuzz/ramfs.fuzz tests/fuzz/manifest.fuzz \
	tests/fuzz/list.fuzz tests/fuzz/fat.fuzz tests/fuzz/net.fuzz \
	tests/fuzz/http.fuzz
FUZZ_PROGS = $(FUZZ_NAMES:%=tests/fuzz/fuzz_%)

FUZZ_SECONDS ?= 600
FUZZ_JOBS ?= 1
FUZZ_OPTIONS ?=
# The harnesses are built by sdk/build.mk's rule, kind FUZZ; each has
# fuzz_NAME_SRC, fuzz_NAME_FLAGS and, if it links more, fuzz_NAME_LIBS.
# -fno-sanitize-recover: undefined behaviour stops the run like a crash.
FUZZ_CFLAGS ?= -g -O1
FUZZ_FLAGS = -std=gnu11 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Wall -Wextra -Wno-unused-parameter \
	-Werror=implicit-function-declaration $(FUZZ_CFLAGS)
FUZZ_LIBS =
# The shared modules (sdk/lib) and the services' code see the SDK; only
# the harnesses of kernel code get the kernel's headers, with the unit
# tests' mock arch headers (tests/layering.test).
FUZZ_SHARED_CPP = $(SHARED_CPP_FLAGS) -I$(srcdir)/sdk/include
FUZZ_KERNEL_CPP = -I$(srcdir)/tests/unit/mock -I$(srcdir)/kernel/include \
	$(FUZZ_SHARED_CPP)
FUZZ_SHELL_CPP = $(FUZZ_SHARED_CPP) -I$(srcdir)/servers/shell \
	-include $(srcdir)/tests/fuzz/fuzz_host.h

fuzz_devtree_SRC = tests/fuzz/fuzz_devtree.c sdk/lib/devtree.c
fuzz_devtree_FLAGS = $(FUZZ_SHARED_CPP)
fuzz_dt_machine_SRC = tests/fuzz/fuzz_dt_machine.c kernel/core/dt_machine.c \
	kernel/core/dt_gic.c kernel/core/dt_devices.c sdk/lib/devtree.c
fuzz_dt_machine_FLAGS = $(FUZZ_KERNEL_CPP)
fuzz_bootargs_SRC = tests/fuzz/fuzz_bootargs.c kernel/core/bootargs.c
fuzz_bootargs_FLAGS = $(FUZZ_KERNEL_CPP)
fuzz_elf_SRC = tests/fuzz/fuzz_elf.c sdk/lib/elf.c
fuzz_elf_FLAGS = $(FUZZ_SHARED_CPP)
fuzz_bundle_SRC = tests/fuzz/fuzz_bundle.c sdk/lib/bundle.c \
	sdk/lib/elf.c
fuzz_bundle_FLAGS = $(FUZZ_SHARED_CPP)
fuzz_shell_SRC = tests/fuzz/fuzz_shell.c servers/shell/line.c \
	servers/shell/parse.c servers/shell/history.c servers/shell/path.c
fuzz_shell_FLAGS = $(FUZZ_SHELL_CPP)
fuzz_shell_LIBS = $(call build_obj,fuzz_string_copy)
fuzz_net_SRC = tests/fuzz/fuzz_net.c $(NET_STACK_SRC)
fuzz_net_FLAGS = $(FUZZ_SHARED_CPP) -I$(srcdir)/servers/net
fuzz_http_SRC = tests/fuzz/fuzz_http.c examples/httpd/request.c
fuzz_http_FLAGS = -I$(srcdir)/examples/httpd
fuzz_fs_path_SRC = tests/fuzz/fuzz_fs_path.c servers/fslib/fs_path.c
fuzz_fs_path_FLAGS = $(FUZZ_SHARED_CPP) -I$(srcdir)/servers/fslib
# ramfs and the file service code with system calls faked by the
# harness (mock/mlk/sys.h before the SDK's) and ramfs's main renamed.
fuzz_ramfs_SRC = tests/fuzz/fuzz_ramfs.c servers/ramfs/ramfs.c \
	servers/ramfs/data.c servers/ramfs/space.c \
	servers/fslib/fs_names.c servers/fslib/fs_files.c \
	servers/fslib/fs_node.c servers/fslib/fs_tree.c \
	servers/fslib/fs_path.c servers/fslib/fs_wire.c
fuzz_ramfs_FLAGS = -I$(srcdir)/tests/fuzz/mock -I$(srcdir)/sdk/include \
	-I$(srcdir)/servers/fslib -I$(srcdir)/servers/ramfs \
	-include $(srcdir)/tests/fuzz/fuzz_host.h -Dmain=ramfs_main
fuzz_ramfs_LIBS = $(call build_obj,fuzz_string_copy)
fuzz_manifest_SRC = tests/fuzz/fuzz_manifest.c $(MKIMAGE_LIB_SRC)
fuzz_manifest_FLAGS = $(MKIMAGE_LIB_CPP_FLAGS)
fuzz_list_SRC = tests/fuzz/fuzz_list.c $(MKIMAGE_LIB_SRC)
fuzz_list_FLAGS = $(MKIMAGE_LIB_CPP_FLAGS)
# The shell calls strlcpy, which glibc lacks before 2.38: libmlk's, with
# the functions the host's C library has renamed away.
fuzz_string_copy_SRC = libmlk/libc/string_copy.c
fuzz_string_copy_FLAGS = -I$(srcdir)/libmlk \
	-include $(srcdir)/tests/fuzz/fuzz_host.h \
	-Dstrcpy=fuzz_strcpy -Dstrncpy=fuzz_strncpy \
	-Dstrcat=fuzz_strcat -Dstrncat=fuzz_strncat
fuzz_fat_SRC = tests/fuzz/fuzz_fat.c servers/fat/fat_cache.c \
	servers/fat/fat_table.c servers/fat/fat_name.c servers/fat/fat_time.c \
	servers/fat/fat_dir.c servers/fat/fat_file.c servers/fat/fat_ops.c \
	servers/fat/fat_mount.c
fuzz_fat_FLAGS = $(FUZZ_SHARED_CPP) -I$(srcdir)/servers/fat

FUZZ_HDR = tests/fuzz/fuzz_host.h tests/fuzz/mock/mlk/sys.h

EXTRA_DIST += tests/fuzz/README.md tests/fuzz/run-fuzz tests/fuzz/corpus \
	tests/fuzz/fat-seeds.sh \
	$(FUZZ_SPECS) $(FUZZ_HDR)

TEST_EXTENSIONS += .fuzz
FUZZ_LOG_COMPILER = $(SHELL) $(srcdir)/tests/fuzz/run-fuzz
AM_TESTS_ENVIRONMENT += MLK_FUZZ_CC='$(FUZZ_CC)'; export MLK_FUZZ_CC;
TESTS += $(FUZZ_SPECS)

clean-local: clean-fuzz-work
clean-fuzz-work:
	-rm -rf tests/fuzz/work
.PHONY: clean-fuzz-work fuzz

# Every harness by the one rule; with the clang, its test's log needs it.
$(call build_objects,fuzz_string_copy,FUZZ)
$(foreach n,$(FUZZ_NAMES),\
	$(call build_program,tests/fuzz/fuzz_$(n),fuzz_$(n),FUZZ))

if FUZZ
$(FUZZ_SPECS:.fuzz=.log): tests/fuzz/%.log: tests/fuzz/fuzz_%

# Each harness in turn (or FUZZ_JOBS at once), then one line each.
fuzz: $(FUZZ_PROGS)
	@echo "fuzz: $(FUZZ_SECONDS) s per harness, $(FUZZ_JOBS) at a time"
	@printf '%s\n' $(addprefix $(srcdir)/,$(FUZZ_SPECS)) | \
	MLK_BUILDDIR='$(abs_top_builddir)' MLK_SRCDIR='$(abs_top_srcdir)' \
	MLK_FUZZ_CC='$(FUZZ_CC)' FUZZ_SECONDS='$(FUZZ_SECONDS)' \
	FUZZ_OPTIONS='$(FUZZ_OPTIONS)' \
	xargs -n 1 -P '$(FUZZ_JOBS)' $(SHELL) $(srcdir)/tests/fuzz/run-fuzz \
		--long >/dev/null; st=$$?; \
	echo "fuzz: summary"; \
	for n in $(FUZZ_NAMES); do \
		cat tests/fuzz/work/$$n/summary 2>/dev/null || \
			echo "fuzz: $$n: did not run"; \
	done; exit $$st
else
fuzz:
	@echo "make fuzz needs clang with libFuzzer: apt-get install clang libclang-rt-14-dev, then run configure again"; exit 1
endif
