# Tests of the SDK as its users see it: the version in one place, the
# generated system call API against its table, and the examples built out
# of tree against an installed SDK.
TEST_EXTENSIONS += .test
TEST_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT += MLK_PREFIX='$(prefix)'; export MLK_PREFIX; \
	MAKE='$(MAKE)'; export MAKE;
TESTS += tests/sdk/version.test tests/sdk/examples.test tests/sdk/syscalls.test \
	tests/sdk/doc-lines.test
EXTRA_DIST += tests/sdk/version.test tests/sdk/examples.test tests/sdk/deb.sh \
	tests/sdk/syscalls.test tests/sdk/doc-lines.test \
	$(EXAMPLE_FILES) LICENSE
EXAMPLE_FILES = examples/README.md \
	examples/hello/hello.c examples/hello/Makefile examples/hello/README.md \
	examples/echo-server/echo-server.c examples/echo-server/echo.h \
	examples/echo-server/Makefile examples/echo-server/README.md \
	examples/echo-client/echo-client.c examples/echo-client/Makefile \
	examples/echo-client/README.md \
	examples/crash/crash.c examples/crash/Makefile examples/crash/README.md \
	examples/tcp-echo/tcp-echo.c examples/tcp-echo/Makefile \
	examples/tcp-echo/README.md
