# Programs for the build machine: mlk-mkimage, gensyscalls, the Check
# unit tests, the fuzz harnesses and the small tools of the tests.
# Automake compiles programs with $(CC) only, which is the AArch64 cross
# compiler here, so these get one rule of their own, made by
#
#   $(call build_program,PROGRAM,NAME,KIND)
#
# from these variables (NAME is a short name, never Automake's canonical
# one, whose _CFLAGS-like variables it would check):
#   NAME_SRC    sources, from the top of the tree (headers listed there
#               are only distributed);
#   NAME_FLAGS  its own compiler flags, after its kind's;
#   NAME_LIBS   objects and libraries linked after its own objects
#               ($(call build_obj,OTHER) names another NAME's objects).
# KIND says which compiler and flags: TOOL (the tools: $(CC_FOR_BUILD),
# strict), UNIT (Check tests, tests/unit/local.mk) or FUZZ (libFuzzer,
# tests/fuzz/local.mk); each kind has KIND_CC, KIND_FLAGS and KIND_LIBS.
# $(call build_objects,NAME,KIND) compiles NAME_SRC alone, for objects
# another program links through its NAME_LIBS.
#
# Each source becomes $(BUILD_OBJDIR)/NAME/<source>.o, compiled with
# -MMD -MP: the .d file beside it names every header it included, and is
# read back below, so editing any header rebuilds exactly its users.

BUILD_OBJDIR = build-machine
BUILD_DEPFLAGS = -MMD -MP

# What every build-machine program is compiled with, and the stricter
# set of the installed tools.
BUILD_COMMON_FLAGS = -std=gnu11 -g -Wall -Wextra \
	-Werror=implicit-function-declaration -Werror=return-type
TOOL_CC = $(CC_FOR_BUILD)
TOOL_FLAGS = $(BUILD_COMMON_FLAGS) -O2 -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wpointer-arith \
	-Werror=incompatible-pointer-types -Werror=int-conversion \
	-Werror=format -Werror=format-security -Werror=vla \
	-Werror=strict-prototypes -Werror=missing-prototypes -Werror=shadow \
	$(CPPFLAGS_FOR_BUILD) $(CFLAGS_FOR_BUILD)
TOOL_LIBS = $(LDFLAGS_FOR_BUILD)

# The objects of NAME.
build_obj = $(patsubst %.c,$(BUILD_OBJDIR)/$(1)/%.o,$(filter %.c,$($(1)_SRC)))

define build_objects_rule
$(call build_obj,$(1)): $$(BUILD_OBJDIR)/$(1)/%.o: $$(srcdir)/%.c
	$$(AM_V_CC)$$(MKDIR_P) $$(@D) && \
	$$($(2)_CC) $$($(2)_FLAGS) $$($(1)_FLAGS) $$(BUILD_DEPFLAGS) \
		-c -o $$@ $$<
-include $(patsubst %.o,%.d,$(call build_obj,$(1)))
endef

define build_link_rule
$(1): $(call build_obj,$(2)) $(filter %.o,$($(2)_LIBS))
	$$(AM_V_CCLD)$$(MKDIR_P) $$(@D) && \
	$$($(3)_CC) $$($(3)_FLAGS) $$($(2)_FLAGS) -o $$@ \
		$(call build_obj,$(2)) $$($(2)_LIBS) $$($(3)_LIBS)
endef

# (Assignments stay out of the rule templates, where Automake would read
# them as its own.)
build_objects = $(eval $(call build_objects_rule,$(1),$(2)))$(eval \
	EXTRA_DIST += $$($(1)_SRC))
build_program = $(call build_objects,$(2),$(3))$(eval \
	$(call build_link_rule,$(1),$(2),$(3)))$(eval CLEANFILES += $(1))

clean-local: clean-build-machine
clean-build-machine:
	-rm -rf $(BUILD_OBJDIR)
.PHONY: clean-build-machine
