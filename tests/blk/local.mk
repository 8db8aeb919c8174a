# The virtio-blk driver and the block client under QEMU (blktest, see
# tests/blk/blktest.c), on disk images diskpat makes and checks on the
# build machine; and the partition table reader as a Check unit test.

noinst_PROGRAMS += tests/blk/blktest
tests_blk_blktest_SOURCES = tests/blk/blktest.c tests/blk/pattern.h

# diskpat runs on the build machine (run-qt's qt_setup and qt_check).
check_SCRIPTS += tests/blk/diskpat
EXTRA_DIST += tests/blk/pattern.h tests/blk/README.md
diskpat_SRC = tests/blk/diskpat.c
$(call build_program,tests/blk/diskpat,diskpat,TOOL)

# blktest's arguments name the disks it expects; each .qt gives its own
# (run blktest by hand with others through `run`).
BLKTEST_IMAGE_DEPS = kernel/mlk-kernel.img servers/init/init \
	servers/virtio-blk/virtio-blk servers/rngd/rngd tests/blk/blktest \
	sdk/tools/mlk-mkimage $(STANDARD_MANIFEST)
BLKTEST_MKIMAGE = sdk/tools/mlk-mkimage -k kernel/mlk-kernel.img \
	-i servers/init/init -n \
	servers/virtio-blk/virtio-blk:$(call standard_service,virtio-blk,) \
	servers/rngd/rngd:$(call standard_service,rngd,)
noinst_DATA += tests/blk/blktest.img tests/blk/blktest-one.img \
	tests/blk/blktest-ioerr.img
CLEANFILES += tests/blk/blktest.img tests/blk/blktest-one.img \
	tests/blk/blktest-ioerr.img
# Two disks, blk0 writable, blk1 read-only, and a virtio-rng device.
tests/blk/blktest.img: $(BLKTEST_IMAGE_DEPS)
	$(AM_V_GEN)$(BLKTEST_MKIMAGE) -o $@ \
		'tests/blk/blktest:prio=32,grant=log,grant=control,poweroff,args=blk0:rw:4096:1 blk1:ro:2048:2 rng'
# One writable disk and no virtio-rng device.
tests/blk/blktest-one.img: $(BLKTEST_IMAGE_DEPS)
	$(AM_V_GEN)$(BLKTEST_MKIMAGE) -o $@ \
		'tests/blk/blktest:prio=32,grant=log,grant=control,poweroff,args=blk0:rw:4096:1 norng'

# One disk whose reads of sector 100 fail.
tests/blk/blktest-ioerr.img: $(BLKTEST_IMAGE_DEPS)
	$(AM_V_GEN)$(BLKTEST_MKIMAGE) -o $@ \
		'tests/blk/blktest:prio=32,grant=log,poweroff,args=blk0:io:4096:100'

BLK_QT = tests/qemu/blk-legacy.qt tests/qemu/blk-modern.qt \
	tests/qemu/blk-one-disk.qt tests/qemu/blk-io-error.qt
QEMU_TESTS += $(BLK_QT)
$(BLK_QT:.qt=.log): tests/blk/blktest.img tests/blk/blktest-one.img \
	tests/blk/blktest-ioerr.img tests/blk/diskpat

# make bench adds the block figures: blkbench on a 32 MiB scratch disk
# (tests/blk/blkbench.c), under the same QEMU flags as tests/bench.
noinst_PROGRAMS += tests/blk/blkbench
tests_blk_blkbench_SOURCES = tests/blk/blkbench.c tests/bench/per_mib.c \
	tests/bench/per_mib.h
tests_blk_blkbench_CPPFLAGS = $(AM_CPPFLAGS) -iquote $(srcdir)/tests/bench
noinst_DATA += tests/blk/blkbench.img
CLEANFILES += tests/blk/blkbench.img tests/blk/blkbench.log \
	tests/blk/blkbench.disk
tests/blk/blkbench.img: $(BLKTEST_IMAGE_DEPS) tests/blk/blkbench
	$(AM_V_GEN)$(BLKTEST_MKIMAGE) -o $@ \
		tests/blk/blkbench:prio=32,quota=64M,grant=log,grant=system,poweroff

bench: bench-blk
bench-blk: tests/blk/blkbench.img
	@rm -f tests/blk/blkbench.disk && \
	truncate -s 32M tests/blk/blkbench.disk && \
	timeout 600 $(QEMU) -M virt -cpu $(BENCH_CPU) -m 1G \
		-icount shift=0,sleep=off -display none -monitor none \
		-serial stdio -no-reboot -kernel tests/blk/blkbench.img \
		-drive if=none,id=d0,format=raw,file=tests/blk/blkbench.disk \
		-device virtio-blk-device,drive=d0 \
		-append "" </dev/null | tr -d '\r' >tests/blk/blkbench.log; \
	rm -f tests/blk/blkbench.disk; \
	grep '^bench: ' tests/blk/blkbench.log; \
	grep -q '^bench: blk done$$' tests/blk/blkbench.log || \
		{ echo "make bench: blkbench did not finish (see tests/blk/blkbench.log)"; exit 1; }
.PHONY: bench-blk
