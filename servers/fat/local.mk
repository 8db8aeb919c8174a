# The FAT file system service (servers/fat/README.md): the core (fat_*.c
# but fat_service.c, fat_tree.c, fat_image.c), which the unit tests and
# fuzz_fat build for the build machine too, and the service around it on
# libmlkfs.
mlkservices_PROGRAMS += servers/fat/fat
servers_fat_fat_SOURCES = servers/fat/fat.h servers/fat/fat_dev.h \
	servers/fat/fat_internal.h servers/fat/fat_cache.c \
	servers/fat/fat_table.c servers/fat/fat_name.c servers/fat/fat_time.c \
	servers/fat/fat_dir.c servers/fat/fat_file.c servers/fat/fat_ops.c \
	servers/fat/fat_mount.c servers/fat/fat_service.h \
	servers/fat/fat_service.c servers/fat/fat_tree.c \
	servers/fat/fat_image.c
servers_fat_fat_CPPFLAGS = $(MLK_PROGRAM_CPP_FLAGS) $(MLK_FS_CPP_FLAGS)
servers_fat_fat_CFLAGS = $(MLK_PROGRAM_CC_FLAGS)
servers_fat_fat_LDFLAGS = $(MLK_PROGRAM_LD_FLAGS)
servers_fat_fat_LDADD = $(MLK_FS_LIBS) $(MLK_PROGRAM_LIBS)
servers_fat_fat_DEPENDENCIES = $(MLK_FS_LIBS) $(MLK_PROGRAM_DEPS)
EXTRA_DIST += servers/fat/README.md servers/fat/local.mk

# Its scenario (tests/scenario/fat.exp): the standard system plus fat,
# whose disk is a FAT16 image made here with mkfs.fat and mtools and
# packed as the bundle file disk/disk0.img.  Without those tools both
# files are empty and the scenario skips.
FAT_SCENARIO_HELLO = $(srcdir)/tests/scenario/fat-hello.txt
tests/scenario/fat-disk.img: $(FAT_SCENARIO_HELLO)
	$(AM_V_GEN)$(MKDIR_P) tests/scenario && rm -f $@ $@.tmp && \
	PATH=$$PATH:/sbin:/usr/sbin && export MTOOLS_SKIP_CHECK=1 && \
	if command -v mkfs.fat >/dev/null && command -v mcopy >/dev/null; then \
		mkfs.fat -C -F 16 -s 1 -n MLKDISK $@.tmp 4096 >/dev/null && \
		mmd -i $@.tmp '::/Long Name Folder' && \
		mcopy -i $@.tmp $(FAT_SCENARIO_HELLO) ::/hello.txt && \
		mcopy -i $@.tmp $(FAT_SCENARIO_HELLO) \
			'::/Long Name Folder/inner file.txt' && \
		mv $@.tmp $@; \
	else : > $@; fi

# A second instance, fatbad (fat under another name), gets the disk cut
# to a quarter: a truncated image it must refuse with one line, and keep
# running.
tests/scenario/fat.img: servers/staged/.stamp tests/scenario/hello \
		servers/fat/fat tests/scenario/fat-disk.img
	$(AM_V_GEN)if [ -s tests/scenario/fat-disk.img ]; then \
		head -c 1048576 tests/scenario/fat-disk.img > \
			tests/scenario/fat-bad.img && \
		cp servers/fat/fat tests/scenario/fatbad && \
		$(STANDARD_MKIMAGE) -o $@ \
			-m $(srcdir)/servers/standard.manifest \
			-f disk/disk0.img=tests/scenario/fat-disk.img \
			-f disk/bad.img=tests/scenario/fat-bad.img \
			tests/scenario/hello:grant=log \
			servers/fat/fat:prio=40,restart,grant=bundle,grant=log,args=--image=disk/disk0.img \
			'tests/scenario/fatbad:prio=40,restart,grant=bundle,grant=log,args=--image=disk/bad.img --scheme=disk1'; \
	else : > $@; fi
check_DATA += tests/scenario/fat.img
CLEANFILES += tests/scenario/fat.img tests/scenario/fat-disk.img \
	tests/scenario/fat-bad.img tests/scenario/fatbad
SCENARIO_TESTS += tests/scenario/fat.exp
EXTRA_DIST += tests/scenario/fat.exp $(FAT_SCENARIO_HELLO)
