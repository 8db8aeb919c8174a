# The FAT file system service (servers/fat/README.md): the core (fat_*.c
# but fat_service.c, fat_tree.c, fat_blk.c), which the unit tests and
# fuzz_fat build for the build machine too, and the service around it on
# libmlkfs.
mlkservices_PROGRAMS += servers/fat/fat
servers_fat_fat_SOURCES = servers/fat/fat.h servers/fat/fat_dev.h \
	servers/fat/fat_internal.h servers/fat/fat_cache.c \
	servers/fat/fat_table.c servers/fat/fat_name.c servers/fat/fat_time.c \
	servers/fat/fat_dir.c servers/fat/fat_file.c servers/fat/fat_ops.c \
	servers/fat/fat_mount.c servers/fat/fat_service.h \
	servers/fat/fat_service.c servers/fat/fat_tree.c \
	servers/fat/fat_blk.c
servers_fat_fat_CPPFLAGS = $(AM_CPPFLAGS) $(MLK_FS_CPP_FLAGS)
servers_fat_fat_LDADD = $(MLK_FS_LIBS) $(LDADD)
EXTRA_DIST += servers/fat/README.md

# The services of the second and third volumes: the same program under
# other names, as init knows a service by its program's name (README.md,
# "Processes").
mlkservices_SCRIPTS = servers/fat/fat1 servers/fat/fat2
servers/fat/fat1 servers/fat/fat2: servers/fat/fat
	$(AM_V_GEN)cp servers/fat/fat $@
CLEANFILES += servers/fat/fat1 servers/fat/fat2
