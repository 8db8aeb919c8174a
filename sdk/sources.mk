# Reproducible and debuggable target code (HACKING.md, "Reproducible
# builds").  The objects for MLK (kernel, libmlk, services) name their
# sources where the SDK installs them, $(mlksrcdir), never where this tree
# or its build directory happen to be: two builds of one commit in
# different directories give identical files, and gdb finds the kernel's
# and libmlk's lines in an installed SDK without being told.  GCC tries
# the last map first, so the build directory (often inside the source
# tree) wins; a relative source directory (../configure) is mapped too.
mlksrcdir = $(mlkdir)/src
MLK_PREFIX_MAP = \
	$(if $(filter-out .,$(top_srcdir)),-ffile-prefix-map=$(top_srcdir)=$(mlksrcdir)) \
	-ffile-prefix-map=$(abs_top_srcdir)=$(mlksrcdir) \
	-ffile-prefix-map=$(abs_top_builddir)=$(mlksrcdir)

# What the kernel and libmlk are compiled from, installed under the names
# their debug information gives: from the source tree, and the generated
# files from the build directory.
MLK_DEBUG_SRCFILES = $(sort $(kernel_mlk_elf_SOURCES) \
	$(KERNEL_HEADER_FILES) $(libmlk_libmlk_a_SOURCES) libmlk/crt0.S \
	$(LIBC_IMPL_FILES) $(LIBC_SHARED_FILES) $(SHARED_HEADER_FILES) \
	$(mlkinclude_HEADERS) $(mlkproto_HEADERS) $(mlklibcinclude_HEADERS))
MLK_DEBUG_GENERATED = kernel/generated/syscall_table.c \
	kernel/generated/syscalls.h kernel/generated/asm-offsets.h \
	sdk/generated/mlk/sys.h sdk/generated/mlk/sysnum.h

install-data-local: install-debug-sources
uninstall-local: uninstall-debug-sources

install-debug-sources: $(MLK_DEBUG_GENERATED)
	@for f in $(MLK_DEBUG_SRCFILES); do \
		echo "$(srcdir)/$$f $$f"; \
	done >debug-sources.list
	@for f in $(MLK_DEBUG_GENERATED); do echo "$$f $$f"; done \
		>>debug-sources.list
	@while read -r from to; do \
		$(MKDIR_P) "$(DESTDIR)$(mlksrcdir)/$${to%/*}" && \
		$(INSTALL_DATA) "$$from" "$(DESTDIR)$(mlksrcdir)/$$to" || \
		exit 1; \
	done <debug-sources.list
	@rm -f debug-sources.list
	@echo "  installed the kernel's and libmlk's sources in $(mlksrcdir)"

uninstall-debug-sources:
	rm -rf "$(DESTDIR)$(mlksrcdir)"

.PHONY: install-debug-sources uninstall-debug-sources
