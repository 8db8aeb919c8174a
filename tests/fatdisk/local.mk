# The FAT service on virtio disks under QEMU (tests/fatdisk/README.md):
# fattest in the standard system, on disk images the host makes and
# checks with dosfstools and mtools (tests/fatdisk/fatdisk.sh).

noinst_PROGRAMS += tests/fatdisk/fattest
tests_fatdisk_fattest_SOURCES = tests/fatdisk/fattest.c tests/fatdisk/fatpat.h

# fatpat runs on the build machine (the .qt files' qt_setup and qt_check).
check_SCRIPTS += tests/fatdisk/fatpat
fatpat_SRC = tests/fatdisk/fatpat.c
$(call build_program,tests/fatdisk/fatpat,fatpat,TOOL)
EXTRA_DIST += tests/fatdisk/fatpat.h tests/fatdisk/fatdisk.sh \
	tests/fatdisk/README.md

FATTEST_DEPS = servers/staged/.stamp tests/fatdisk/fattest
FATTEST_ENTRY = tests/fatdisk/fattest:prio=30,grant=log,grant=control,poweroff
noinst_DATA += tests/fatdisk/fattest-disks.img tests/fatdisk/fattest-kill.img
CLEANFILES += tests/fatdisk/fattest-disks.img tests/fatdisk/fattest-kill.img
# Three volumes read back, then writes on the first (fat-disks-*.qt).
tests/fatdisk/fattest-disks.img: $(FATTEST_DEPS)
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@ -m $(STANDARD_MANIFEST) \
		'$(FATTEST_ENTRY),args=sum:disk0 sum:disk1 sum:disk2 write:disk0 sync:disk1 sync:disk2'
# A refused disk, then kills in the middle of writes (fat-kill.qt).
tests/fatdisk/fattest-kill.img: $(FATTEST_DEPS)
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@ -m $(STANDARD_MANIFEST) \
		'$(FATTEST_ENTRY),args=bad:disk0 kill:disk1:fat1:blk1 sync:disk1'

FAT_QT = tests/qemu/fat-disks-legacy.qt tests/qemu/fat-disks-modern.qt \
	tests/qemu/fat-kill.qt
QEMU_TESTS += $(FAT_QT)
$(FAT_QT:.qt=.log): tests/fatdisk/fattest-disks.img \
	tests/fatdisk/fattest-kill.img tests/fatdisk/fatpat

# make bench adds the FAT figures: fatbench on a 64 MiB FAT32 scratch disk
# (tests/fatdisk/fatbench.c), under -icount shift=0 as bench-blk, but with
# sleep=on: with sleep=off QEMU moves the clock to the next timer while
# the guest waits for the disk, and that timer is the vfs's 5 s deadline
# on a request it forwarded to the FAT service, which then times out.
# The figures are threads' CPU time, which idle time does not touch.  A
# figure may follow the shell's prompt on its line: grep -o.
noinst_PROGRAMS += tests/fatdisk/fatbench
tests_fatdisk_fatbench_SOURCES = tests/fatdisk/fatbench.c tests/bench/per_mib.c \
	tests/bench/per_mib.h
tests_fatdisk_fatbench_CPPFLAGS = $(AM_CPPFLAGS) -iquote $(srcdir)/tests/bench
noinst_DATA += tests/fatdisk/fatbench.img
CLEANFILES += tests/fatdisk/fatbench.img tests/fatdisk/fatbench.log \
	tests/fatdisk/fatbench.disk
tests/fatdisk/fatbench.img: servers/staged/.stamp tests/fatdisk/fatbench
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@ -m $(STANDARD_MANIFEST) \
		tests/fatdisk/fatbench:prio=30,grant=log,grant=system,poweroff

bench: bench-fat
bench-fat: tests/fatdisk/fatbench.img
	@PATH=$$PATH:/sbin:/usr/sbin; \
	if ! command -v mkfs.fat >/dev/null; then \
		echo "make bench: no mkfs.fat (dosfstools): no FAT figures"; \
		exit 0; \
	fi; \
	rm -f tests/fatdisk/fatbench.disk && \
	mkfs.fat -C -F 32 -n BENCH tests/fatdisk/fatbench.disk 65536 \
		>/dev/null && \
	timeout 600 $(QEMU) -M virt -cpu $(BENCH_CPU) -m 1G \
		-icount shift=0,sleep=on -display none -monitor none \
		-serial stdio -no-reboot -kernel tests/fatdisk/fatbench.img \
		-drive if=none,id=d0,format=raw,file=tests/fatdisk/fatbench.disk \
		-device virtio-blk-device,drive=d0 \
		-append "" </dev/null | tr -d '\r' >tests/fatdisk/fatbench.log; \
	rm -f tests/fatdisk/fatbench.disk; \
	grep -o 'bench: .*' tests/fatdisk/fatbench.log; \
	grep -q 'bench: fat done$$' tests/fatdisk/fatbench.log || \
		{ echo "make bench: fatbench did not finish (see tests/fatdisk/fatbench.log)"; exit 1; }
.PHONY: bench-fat
