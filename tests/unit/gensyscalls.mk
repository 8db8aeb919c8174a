# Unit tests of the system call generator (sdk/gen/), built like the other
# unit tests (unit_rule, tests/local.mk); tests/sdk/syscalls.test checks
# its outputs.

unit_gensyscalls_SRC = tests/unit/test_gensyscalls.c sdk/gen/table.c \
	sdk/gen/check.c sdk/gen/describe.c sdk/gen/text.c
EXTRA_DIST += tests/unit/test_gensyscalls.c

if UNIT_TESTS
TESTS += tests/unit/test_gensyscalls
CLEANFILES += tests/unit/test_gensyscalls
endif

$(eval $(call unit_rule,gensyscalls,-I$(srcdir)/sdk/gen))
tests/unit/test_gensyscalls: $(GENSYSCALLS_HDR)
