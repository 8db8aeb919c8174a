# Tests of the boot bundle format, the ELF checker and mlk-mkimage, built
# for the build machine like the other unit tests (tests/local.mk).
# bundle.c and elf.c call nothing but string functions, so these tests
# need no HAL mock: they link the code under test and Check, no more.

MKIMAGE_UNIT_TESTS = \
	tests/unit/test_bundle \
	tests/unit/test_elf \
	tests/unit/test_mkimage \
	tests/unit/test_mkimage_lib

unit_bundle_SRC = tests/unit/test_bundle.c sdk/lib/bundle.c
unit_elf_SRC = tests/unit/test_elf.c sdk/lib/elf.c
unit_mkimage_SRC = tests/unit/test_mkimage.c sdk/lib/bundle.c \
	sdk/lib/elf.c
MKIMAGE_TEST_HDR = sdk/include/mlk/bundle.h sdk/include/mlk/elf.h \
	sdk/include/mlk/layout.h sdk/include/mlk/syscall.h \
	sdk/lib/include/kstring.h

EXTRA_DIST += tests/unit/test_bundle.c tests/unit/test_elf.c \
	tests/unit/test_mkimage.c tests/unit/test_mkimage_lib.c

if UNIT_TESTS
TESTS += $(MKIMAGE_UNIT_TESTS)
CLEANFILES += $(MKIMAGE_UNIT_TESTS)
endif

tests/unit/test_bundle: $(unit_bundle_SRC) $(MKIMAGE_TEST_HDR)
	$(AM_V_CC)$(MKDIR_P) tests/unit && \
	$(UNIT_COMPILE) -o $@ $(filter %.c,$^) $(UNIT_LIBS)

tests/unit/test_elf: $(unit_elf_SRC) $(MKIMAGE_TEST_HDR)
	$(AM_V_CC)$(MKDIR_P) tests/unit && \
	$(UNIT_COMPILE) -o $@ $(filter %.c,$^) $(UNIT_LIBS)

# test_mkimage runs the tool it was built next to; the default manifest's
# path tells it whether an installed standard set could interfere.
tests/unit/test_mkimage: $(unit_mkimage_SRC) $(MKIMAGE_TEST_HDR) \
		sdk/tools/mlk-mkimage
	$(AM_V_CC)$(MKDIR_P) tests/unit && \
	$(UNIT_COMPILE) \
		-DMKIMAGE_PATH='"$(abs_top_builddir)/sdk/tools/mlk-mkimage"' \
		-DMKIMAGE_DEFAULT_MANIFEST='"$(mlkdir)/services/standard.manifest"' \
		-o $@ $(filter %.c,$^) $(UNIT_LIBS)

# The library mlk-mkimage's main calls (sdk/local.mk), linked in, with
# the tool's include rules: sdk/lib/include only for quoted includes.
tests/unit/test_mkimage_lib: tests/unit/test_mkimage_lib.c \
		$(MKIMAGE_LIB_SRC) $(MKIMAGE_HDR)
	$(AM_V_CC)$(MKDIR_P) tests/unit && \
	$(CC_FOR_BUILD) $(MKIMAGE_LIB_CPP_FLAGS) $(CPPFLAGS_FOR_BUILD) \
		$(UNIT_CC_FLAGS) $(CFLAGS_FOR_BUILD) $(LDFLAGS_FOR_BUILD) \
		-o $@ $(filter %.c,$^) $(UNIT_LIBS)
