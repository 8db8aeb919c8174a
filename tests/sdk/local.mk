# Tests of the SDK as its users see it: the version in one place, the
# generated system call API against its table, and the examples built out
# of tree against an installed SDK.
TEST_EXTENSIONS += .test
TEST_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT += MLK_PREFIX='$(prefix)'; export MLK_PREFIX; \
	MAKE='$(MAKE)'; export MAKE; \
	MLK_DOCDIR='$(docdir)'; export MLK_DOCDIR;
TESTS += tests/sdk/version.test tests/sdk/examples.test tests/sdk/syscalls.test \
	tests/sdk/doc-lines.test tests/sdk/run-test.test \
	tests/sdk/build-systems.test tests/sdk/reproducible.test \
	tests/sdk/man-manifest.test
# The images run-test.test boots.
tests/sdk/run-test.log: mlk.img tests/qemu/selftest.img \
	tests/hostile/hostile.img
EXTRA_DIST += tests/sdk/version.test tests/sdk/examples.test tests/sdk/deb.sh \
	tests/sdk/syscalls.test tests/sdk/doc-lines.test tests/sdk/run-test.test \
	tests/sdk/build-systems.test tests/sdk/reproducible.test \
	tests/sdk/man-manifest.test LICENSE
