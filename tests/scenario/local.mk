# The shell's scenario tests (tests/scenario/): expect scripts that boot a
# standard system under QEMU and drive the shell over the serial port.
# The shell itself is built in servers/local.mk like every service.

# A test program for run, built like a service.
noinst_PROGRAMS += tests/scenario/hello
tests_scenario_hello_SOURCES = tests/scenario/hello.c

# The standard system (servers/standard.manifest, with etc/motd and
# etc/help.txt) plus hello; and the same without the two files (bare.img),
# for the shell's fallbacks.  hello runs once at boot (every program of a
# bundle is a manifest entry) and then whenever a test asks.
check_DATA = tests/scenario/standard.img tests/scenario/bare.img
CLEANFILES += $(check_DATA) tests/scenario/bare.manifest tests/scenario/stray

# standard.img also holds stray, hello under another name that the
# manifest does not name (tests/init/unlist takes its entry out), for run
# of such a program.
tests/scenario/stray: tests/scenario/hello
	$(AM_V_GEN)cp tests/scenario/hello $@

tests/scenario/standard.img: servers/staged/.stamp tests/scenario/hello \
		tests/scenario/stray tests/init/unlist
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@.full \
		-m $(STANDARD_MANIFEST) \
		tests/scenario/hello:grant=log tests/scenario/stray && \
	tests/init/unlist $@.full stray $@ && rm -f $@.full

tests/scenario/bare.manifest: $(STANDARD_MANIFEST)
	$(AM_V_GEN)$(MKDIR_P) tests/scenario && \
	grep -v '^file ' $(STANDARD_MANIFEST) > $@

tests/scenario/bare.img: servers/staged/.stamp tests/scenario/hello \
		tests/scenario/bare.manifest
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@ -m tests/scenario/bare.manifest \
		tests/scenario/hello:grant=log

# One expect script per area; each boots an image once and ends with
# poweroff.
SCENARIO_TESTS = \
	tests/scenario/editing.exp \
	tests/scenario/files.exp \
	tests/scenario/errors.exp \
	tests/scenario/programs.exp \
	tests/scenario/system.exp \
	tests/scenario/restart.exp \
	tests/scenario/volumes.exp \
	tests/scenario/devices.exp \
	tests/scenario/small-memory.exp \
	tests/scenario/bare.exp

TEST_EXTENSIONS += .exp
EXP_LOG_COMPILER = $(SHELL) $(srcdir)/tests/scenario/run-exp
TESTS += $(SCENARIO_TESTS)
EXTRA_DIST += $(SCENARIO_TESTS) tests/scenario/run-exp tests/scenario/lib.tcl \
	tests/scenario/README.md

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
			-m $(STANDARD_MANIFEST) \
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
