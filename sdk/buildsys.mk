# The CMake toolchain file and the Meson cross file (sdk/cmake/,
# sdk/meson/), installed beside mlk.pc's target files; pkg-config names
# them (cmake_toolchain, meson_cross).  Made from their templates here
# rather than by configure, so that they hold the paths make installs to,
# with the prefix said the way each tool can move it.
mlkcmakedir = $(mlkdir)/cmake
mlkcmake_DATA = sdk/cmake/mlk-toolchain.cmake
mlkmesondir = $(mlkdir)/meson
mlkmeson_DATA = sdk/meson/mlk-cross.ini
CLEANFILES += $(mlkcmake_DATA) $(mlkmeson_DATA)
EXTRA_DIST += sdk/cmake/mlk-toolchain.cmake.in sdk/meson/mlk-cross.ini.in

# A path under the prefix, as CMake says it (relative to the toolchain
# file's place) and as a Meson expression on the constant mlk_prefix.
buildsys_cmake_path = $(patsubst $(prefix)/%,$${MLK_PREFIX}/%,$(1))
buildsys_meson_path = $(if $(filter $(prefix)/%,$(1)),mlk_prefix / '$(patsubst $(prefix)/%,%,$(1))','$(1)')
buildsys_meson_list = $(subst ' ','$(comma) ',$(patsubst %,'%',$(1)))
comma = ,

sdk/cmake/mlk-toolchain.cmake: sdk/cmake/mlk-toolchain.cmake.in Makefile
	$(AM_V_GEN)$(MKDIR_P) sdk/cmake && sed \
		-e 's|%CC%|$(firstword $(CC))|g' \
		-e 's|%mlkdir%|$(call buildsys_cmake_path,$(mlkdir))|g' \
		-e 's|%includedir%|$(call buildsys_cmake_path,$(includedir))|g' \
		-e 's|%bindir%|$(call buildsys_cmake_path,$(bindir))|g' \
		-e 's|%MLK_USER_CFLAGS%|$(MLK_USER_CFLAGS)|g' \
		-e 's|%MLK_USER_LDFLAGS%|$(MLK_USER_LDFLAGS)|g' \
		$(srcdir)/sdk/cmake/mlk-toolchain.cmake.in >$@.tmp && mv $@.tmp $@

sdk/meson/mlk-cross.ini: sdk/meson/mlk-cross.ini.in Makefile
	$(AM_V_GEN)$(MKDIR_P) sdk/meson && sed \
		-e 's|%prefix%|$(prefix)|g' \
		-e "s|%mlkdir%|$(call buildsys_meson_path,$(mlkdir))|g" \
		-e "s|%includedir%|$(call buildsys_meson_path,$(includedir))|g" \
		-e "s|%bindir%|$(call buildsys_meson_path,$(bindir))|g" \
		-e 's|%CC%|$(firstword $(CC))|g' \
		-e 's|%AR%|$(firstword $(AR))|g' \
		-e 's|%STRIP%|$(host_alias)-strip|g' \
		-e "s|%MLK_USER_CFLAGS%|$(call buildsys_meson_list,$(MLK_USER_CFLAGS))|g" \
		-e "s|%MLK_USER_LDFLAGS%|$(call buildsys_meson_list,$(MLK_USER_LDFLAGS))|g" \
		$(srcdir)/sdk/meson/mlk-cross.ini.in >$@.tmp && mv $@.tmp $@
