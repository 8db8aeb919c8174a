# make bench: instruction counts of the kernel's hot paths, measured under
# QEMU -icount shift=0,sleep=off (one nanosecond of virtual time per guest
# instruction; the PMU cycle counter counts them).

noinst_PROGRAMS += tests/bench/bench
tests_bench_bench_SOURCES = tests/bench/bench.c

noinst_DATA += tests/bench/bench.img
CLEANFILES += tests/bench/bench.img tests/bench/bench.log

tests/bench/bench.img: kernel/mlk-kernel.img servers/init/init \
		tests/bench/bench sdk/tools/mlk-mkimage
	$(AM_V_GEN)sdk/tools/mlk-mkimage -o $@ -k kernel/mlk-kernel.img \
		-i servers/init/init -n \
		tests/bench/bench:prio=40,grant=log,grant=bundle,poweroff

BENCH_CPU ?= cortex-a72
bench: tests/bench/bench.img
	@echo "make bench: QEMU -M virt -cpu $(BENCH_CPU) -icount shift=0,sleep=off"
	@timeout 600 $(QEMU) -M virt -cpu $(BENCH_CPU) -m 1G \
		-icount shift=0,sleep=off -display none -monitor none \
		-serial stdio -no-reboot -kernel tests/bench/bench.img \
		-append "" </dev/null | tr -d '\r' >tests/bench/bench.log; \
	grep '^bench: ' tests/bench/bench.log; \
	grep -q '^bench: done$$' tests/bench/bench.log || \
		{ echo "make bench: the benchmark did not finish (see tests/bench/bench.log)"; exit 1; }
.PHONY: bench
EXTRA_DIST += tests/bench/bench.c

# The figures against tests/bench/baseline.txt: more than 2 % above fails.
TESTS += tests/bench/bench-check.test
EXTRA_DIST += tests/bench/bench-check.test tests/bench/baseline.txt
