# mlk-gdb against QEMU (tests/gdb/README.md): twin, one program packed
# under two names, and the test that debugs it.

noinst_PROGRAMS += tests/gdb/twin
tests_gdb_twin_SOURCES = tests/gdb/twin.c

# twin-a and twin-b are twin under two names (mlk-mkimage names a service
# after its file), packed as built: with their debug sections.
tests/gdb/twin-a tests/gdb/twin-b: tests/gdb/twin
	$(AM_V_GEN)cp tests/gdb/twin $@

check_DATA += tests/gdb/gdbtest.img
CLEANFILES += tests/gdb/gdbtest.img tests/gdb/twin-a tests/gdb/twin-b
tests/gdb/gdbtest.img: servers/staged/.stamp tests/gdb/twin-a tests/gdb/twin-b
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@ -n \
		tests/gdb/twin-a:grant=log tests/gdb/twin-b:grant=log

TESTS += tests/gdb/gdb.test tests/gdb/errors.test
AM_TESTS_ENVIRONMENT += GDB='$(GDB)'; export GDB;
EXTRA_DIST += tests/gdb/gdb.test tests/gdb/errors.test tests/gdb/session.gdb tests/gdb/README.md
tests/gdb/gdb.log: tests/gdb/gdbtest.img sdk/tools/mlk-gdb kernel/mlk.elf
tests/gdb/errors.log: tests/gdb/gdbtest.img sdk/tools/mlk-gdb kernel/mlk.elf
