# The FAT core's unit tests (servers/fat/README.md), built for the build
# machine like the others (unit_rule in tests/local.mk), with the core's
# folder on the include path.  test_fat_read, _write and _bad make disk
# images with mkfs.fat and mtools and check them with fsck.fat and
# mtype; without those tools they skip (exit 77), unless MLK_REQUIRE_FAT=1
# makes that a failure.
FAT_CORE_SRC = servers/fat/fat.h servers/fat/fat_dev.h \
	servers/fat/fat_internal.h servers/fat/fat_cache.c \
	servers/fat/fat_table.c servers/fat/fat_name.c servers/fat/fat_time.c \
	servers/fat/fat_dir.c servers/fat/fat_file.c servers/fat/fat_ops.c \
	servers/fat/fat_mount.c
FAT_HOST_SRC = tests/unit/fat_host.c tests/unit/fat_host.h

unit_fat_name_SRC = tests/unit/test_fat_name.c $(FAT_CORE_SRC)
unit_fat_read_SRC = tests/unit/test_fat_read.c $(FAT_HOST_SRC) $(FAT_CORE_SRC)
unit_fat_write_SRC = tests/unit/test_fat_write.c $(FAT_HOST_SRC) \
	$(FAT_CORE_SRC)
unit_fat_bad_SRC = tests/unit/test_fat_bad.c $(FAT_HOST_SRC) $(FAT_CORE_SRC)

FAT_UNIT_TESTS = tests/unit/test_fat_name tests/unit/test_fat_read \
	tests/unit/test_fat_write tests/unit/test_fat_bad

EXTRA_DIST += tests/unit/fat.mk tests/unit/test_fat_name.c \
	tests/unit/test_fat_read.c tests/unit/test_fat_write.c \
	tests/unit/test_fat_bad.c $(FAT_HOST_SRC) $(FAT_CORE_SRC)

if UNIT_TESTS
TESTS += $(FAT_UNIT_TESTS)
CLEANFILES += $(FAT_UNIT_TESTS)
endif

define fat_unit_rule
tests/unit/test_$(1): $$(unit_$(1)_SRC) tests/unit/unit.h $$(SHARED_HEADER_FILES)
	$$(AM_V_CC)$$(MKDIR_P) tests/unit && \
	$$(UNIT_COMPILE) -I$$(srcdir)/servers/fat -o $$@ \
		$$(filter %.c,$$^) $$(UNIT_LIBS)
endef
$(eval $(call fat_unit_rule,fat_name))
$(eval $(call fat_unit_rule,fat_read))
$(eval $(call fat_unit_rule,fat_write))
$(eval $(call fat_unit_rule,fat_bad))
