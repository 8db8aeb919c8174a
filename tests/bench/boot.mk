# make bench's boot figure: the standard image, mlk.img, from power-on
# to the shell's first prompt, in guest instructions (boot-to-shell.sh).
bench: bench-boot
bench-boot: mlk.img
	@$(SHELL) $(srcdir)/tests/bench/boot-to-shell.sh $(QEMU) mlk.img \
		tests/bench/boot.log $(BENCH_CPU)
.PHONY: bench-boot
CLEANFILES += tests/bench/boot.log
EXTRA_DIST += tests/bench/boot.mk tests/bench/boot-to-shell.sh
