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
	fat
FUZZ_SPECS = tests/fuzz/devtree.fuzz tests/fuzz/dt_machine.fuzz \
	tests/fuzz/bootargs.fuzz \
	tests/fuzz/elf.fuzz tests/fuzz/bundle.fuzz tests/fuzz/shell.fuzz \
	tests/fuzz/fs_path.fuzz tests/fuzz/ramfs.fuzz tests/fuzz/manifest.fuzz \
	tests/fuzz/list.fuzz tests/fuzz/fat.fuzz
FUZZ_PROGS = $(FUZZ_NAMES:%=tests/fuzz/fuzz_%)

FUZZ_SECONDS ?= 600
FUZZ_JOBS ?= 1
FUZZ_OPTIONS ?=
# -fno-sanitize-recover: undefined behaviour stops the run like a crash.
FUZZ_CFLAGS ?= -g -O1
FUZZ_FLAGS = -std=gnu11 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Wall -Wextra -Wno-unused-parameter \
	-Werror=implicit-function-declaration $(FUZZ_CFLAGS)
# The shared modules (sdk/lib) and the services' code see the SDK; only
# the harnesses of kernel code get the kernel's headers, with the unit
# tests' mock arch headers (tests/layering.test).
FUZZ_SHARED_CPP = $(SHARED_CPP_FLAGS) -I$(srcdir)/sdk/include -DMLK_UNIT_TEST
FUZZ_KERNEL_CPP = -I$(srcdir)/tests/unit/mock -I$(srcdir)/kernel/include \
	$(FUZZ_SHARED_CPP)
FUZZ_MKIMAGE_CPP = $(MKIMAGE_LIB_CPP_FLAGS)
FUZZ_SHELL_CPP = $(FUZZ_SHARED_CPP) -I$(srcdir)/servers/shell \
	-include $(srcdir)/tests/fuzz/fuzz_host.h
# ramfs and the file service code with system calls faked by the
# harness (mock/mlk/sys.h before the SDK's) and ramfs's main renamed.
FUZZ_RAMFS_CPP = -I$(srcdir)/tests/fuzz/mock -I$(srcdir)/sdk/include \
	-I$(srcdir)/servers/fslib -I$(srcdir)/servers/ramfs \
	-include $(srcdir)/tests/fuzz/fuzz_host.h -Dmain=ramfs_main
FUZZ_COMPILE = $(FUZZ_CC) $(FUZZ_FLAGS)

fuzz_devtree_SRC = tests/fuzz/fuzz_devtree.c sdk/lib/devtree.c
fuzz_dt_machine_SRC = tests/fuzz/fuzz_dt_machine.c kernel/core/dt_machine.c \
	kernel/core/dt_gic.c kernel/core/dt_devices.c sdk/lib/devtree.c
fuzz_bootargs_SRC = tests/fuzz/fuzz_bootargs.c kernel/core/bootargs.c
fuzz_elf_SRC = tests/fuzz/fuzz_elf.c sdk/lib/elf.c
fuzz_bundle_SRC = tests/fuzz/fuzz_bundle.c sdk/lib/bundle.c \
	sdk/lib/elf.c
fuzz_shell_SRC = tests/fuzz/fuzz_shell.c servers/shell/line.c \
	servers/shell/parse.c servers/shell/history.c servers/shell/path.c
fuzz_fs_path_SRC = tests/fuzz/fuzz_fs_path.c servers/fslib/fs_path.c
fuzz_ramfs_SRC = tests/fuzz/fuzz_ramfs.c servers/ramfs/ramfs.c \
	servers/ramfs/data.c servers/ramfs/space.c \
	servers/fslib/fs_names.c servers/fslib/fs_files.c \
	servers/fslib/fs_node.c servers/fslib/fs_tree.c \
	servers/fslib/fs_path.c servers/fslib/fs_wire.c
fuzz_manifest_SRC = tests/fuzz/fuzz_manifest.c $(MKIMAGE_LIB_SRC)
fuzz_list_SRC = tests/fuzz/fuzz_list.c $(MKIMAGE_LIB_SRC)
fuzz_fat_SRC = tests/fuzz/fuzz_fat.c servers/fat/fat_cache.c \
	servers/fat/fat_table.c servers/fat/fat_name.c servers/fat/fat_time.c \
	servers/fat/fat_dir.c servers/fat/fat_file.c servers/fat/fat_ops.c \
	servers/fat/fat_mount.c

FUZZ_HDR = tests/fuzz/fuzz_host.h tests/fuzz/mock/mlk/sys.h

EXTRA_DIST += tests/fuzz/README.md tests/fuzz/run-fuzz tests/fuzz/corpus \
	tests/fuzz/fat-seeds.sh \
	$(FUZZ_SPECS) $(FUZZ_HDR) $(foreach n,$(FUZZ_NAMES),$(fuzz_$(n)_SRC))

TEST_EXTENSIONS += .fuzz
FUZZ_LOG_COMPILER = $(SHELL) $(srcdir)/tests/fuzz/run-fuzz
AM_TESTS_ENVIRONMENT += MLK_FUZZ_CC='$(FUZZ_CC)'; export MLK_FUZZ_CC;
TESTS += $(FUZZ_SPECS)
CLEANFILES += $(FUZZ_PROGS) tests/fuzz/*.o

clean-local: clean-fuzz-work
clean-fuzz-work:
	-rm -rf tests/fuzz/work
.PHONY: clean-fuzz-work fuzz

if FUZZ
# One rule per harness: its sources and objects, and its test's log
# needs it built.
define fuzz_rule
tests/fuzz/fuzz_$(1): $$(fuzz_$(1)_SRC) $(2) $$(FUZZ_HDR) $$(KERNEL_HEADER_FILES)
	$$(AM_V_CC)$$(MKDIR_P) tests/fuzz && \
	$$(FUZZ_COMPILE) $(3) -o $$@ $$(filter %.c %.o,$$^)
tests/fuzz/$(1).log: tests/fuzz/fuzz_$(1)
endef
$(eval $(call fuzz_rule,devtree,$$(SHARED_HEADER_FILES),$$(FUZZ_SHARED_CPP)))
$(eval $(call fuzz_rule,dt_machine,,$$(FUZZ_KERNEL_CPP)))
$(eval $(call fuzz_rule,bootargs,,$$(FUZZ_KERNEL_CPP)))
$(eval $(call fuzz_rule,elf,$$(SHARED_HEADER_FILES),$$(FUZZ_SHARED_CPP)))
$(eval $(call fuzz_rule,bundle,$$(SHARED_HEADER_FILES),$$(FUZZ_SHARED_CPP)))
$(eval $(call fuzz_rule,shell,tests/fuzz/string_copy.o,$$(FUZZ_SHELL_CPP)))
$(eval $(call fuzz_rule,fs_path,,$$(FUZZ_SHARED_CPP) -I$$(srcdir)/servers/fslib))
$(eval $(call fuzz_rule,ramfs,tests/fuzz/string_copy.o,$$(FUZZ_RAMFS_CPP)))
$(eval $(call fuzz_rule,manifest,$$(MKIMAGE_HDR),$$(FUZZ_MKIMAGE_CPP)))
$(eval $(call fuzz_rule,list,$$(MKIMAGE_HDR),$$(FUZZ_MKIMAGE_CPP)))
$(eval $(call fuzz_rule,fat,$$(SHARED_HEADER_FILES) servers/fat/fat.h \
	servers/fat/fat_internal.h servers/fat/fat_dev.h,\
	$$(FUZZ_SHARED_CPP) -I$$(srcdir)/servers/fat))

# The shell calls strlcpy, which glibc lacks before 2.38: libmlk's, with
# the functions the host's C library has renamed away.
tests/fuzz/string_copy.o: libmlk/libc/string_copy.c tests/fuzz/fuzz_host.h
	$(AM_V_CC)$(MKDIR_P) tests/fuzz && \
	$(FUZZ_COMPILE) -I$(srcdir)/libmlk \
		-include $(srcdir)/tests/fuzz/fuzz_host.h \
		-Dstrcpy=fuzz_strcpy -Dstrncpy=fuzz_strncpy \
		-Dstrcat=fuzz_strcat -Dstrncat=fuzz_strncat \
		-c -o $@ $(srcdir)/libmlk/libc/string_copy.c

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
