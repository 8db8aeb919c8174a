# make bench's boot figure: the standard image, mlk.img, from power-on
# to the shell's first prompt, in guest instructions (boot-to-shell.sh);
# the smallest RAM it gets there with (smallest-memory.sh); the kernel's
# text size.
bench: bench-boot bench-memory bench-size
bench-boot: mlk.img
	@$(SHELL) $(srcdir)/tests/bench/boot-to-shell.sh $(QEMU) mlk.img \
		tests/bench/boot.log $(BENCH_CPU)
bench-memory: mlk.img
	@$(SHELL) $(srcdir)/tests/bench/smallest-memory.sh $(QEMU) mlk.img \
		tests/bench/memory.log $(BENCH_CPU)
bench-size: kernel/mlk.elf
	@$(SIZE) -A kernel/mlk.elf | \
		awk '$$1 == ".text" { print "bench: kernel_text", $$2, "bytes" }'
.PHONY: bench-boot bench-memory bench-size
CLEANFILES += tests/bench/boot.log tests/bench/memory.log.*
EXTRA_DIST += tests/bench/boot.mk tests/bench/boot-to-shell.sh \
	tests/bench/smallest-memory.sh
