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

# ondemand.img: a manifest that includes the standard one, and hello as
# programs the boot does not run: hello for run, args40 (hello again)
# with 40 arguments packed (issue 12).
tests/scenario/args40: tests/scenario/hello
	$(AM_V_GEN)cp tests/scenario/hello $@
ONDEMAND_ARGS40 = args 0 1 2 3 4 5 6 7 8 9 a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D
tests/scenario/ondemand.img: servers/staged/.stamp tests/scenario/hello \
		tests/scenario/args40 $(srcdir)/tests/scenario/ondemand.manifest \
		$(STANDARD_MANIFEST)
	$(AM_V_GEN)MLK_MANIFEST=$(STANDARD_MANIFEST) $(STANDARD_MKIMAGE) \
		-o $@ -m $(srcdir)/tests/scenario/ondemand.manifest \
		-p tests/scenario/hello:grant=log \
		-p 'tests/scenario/args40:grant=log,args=$(ONDEMAND_ARGS40)'
check_DATA += tests/scenario/ondemand.img
CLEANFILES += tests/scenario/ondemand.img tests/scenario/args40
EXTRA_DIST += tests/scenario/ondemand.manifest

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
	tests/scenario/bare.exp \
	tests/scenario/ondemand.exp

TEST_EXTENSIONS += .exp
EXP_LOG_COMPILER = $(SHELL) $(srcdir)/tests/scenario/run-exp
TESTS += $(SCENARIO_TESTS)
EXTRA_DIST += $(SCENARIO_TESTS) tests/scenario/run-exp tests/scenario/lib.tcl \
	tests/scenario/README.md

# Its scenario (tests/scenario/fat.exp): the standard system, whose fat
# services find their volumes on virtio disks; disk0 is a FAT16 image made
# here with mkfs.fat and mtools (the scenario boots a copy), disk1 the
# same cut to a quarter.  Without those tools the image is empty and the
# scenario skips.
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

tests/scenario/fat.img: servers/staged/.stamp tests/scenario/hello
	$(AM_V_GEN)$(STANDARD_MKIMAGE) -o $@ -m $(STANDARD_MANIFEST) \
		tests/scenario/hello:grant=log
check_DATA += tests/scenario/fat.img tests/scenario/fat-disk.img
CLEANFILES += tests/scenario/fat.img tests/scenario/fat-disk.img
SCENARIO_TESTS += tests/scenario/fat.exp
EXTRA_DIST += tests/scenario/fat.exp $(FAT_SCENARIO_HELLO)
