#!/bin/sh
# One command for a fresh Debian 12 machine: install what is missing,
# build out of tree in ./build, then boot or test.
#
#   ./dev.sh run     build and boot the default image in QEMU (quit: Ctrl-A X),
#                    with the FAT32 disk mlk-disk.img as disk0://; make's
#                    variables may follow: ./dev.sh run DISK=my.img
#   ./dev.sh check   build and run the whole test suite: make format-check,
#                    make check, make distcheck, then the Debian package
#                    built from the release tarball and checked with
#                    lintian; with CI=true
#                    (or MLK_INSTALL_DEB=1) the package is also installed
#                    and the examples are built and booted against it
#   ./dev.sh build   build only
#
# Packages are installed with apt-get (through sudo when not root).  Set
# MLK_NO_APT=1 to skip that step, MLK_BUILD to build elsewhere than ./build.
set -eu

cd "$(dirname "$0")"
top=$(pwd)
build=${MLK_BUILD:-$top/build}
what=${1:-run}
[ $# -gt 0 ] && shift

# What the build, the tests and the packaging need, as Debian packages.
packages="build-essential autoconf automake autoconf-archive
pkg-config gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-system-arm
check libfdt-dev expect gdb-multiarch xz-utils debhelper dpkg-dev lintian
clang-format clang libclang-rt-14-dev dosfstools mtools cmake meson ninja-build
curl python3"

install_missing() {
	[ -n "${MLK_NO_APT:-}" ] && return 0
	missing=
	for p in $packages; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "dev.sh: installing:$missing"
	sudo=
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
}

configure_tree() {
	[ -x "$top/configure" ] || "$top/bootstrap.sh"
	mkdir -p "$build"
	cd "$build"
	[ -f Makefile ] || "$top/configure" --host=aarch64-linux-gnu
}

jobs=$(nproc 2>/dev/null || echo 2)

case $what in
run)
	install_missing
	configure_tree
	make -j"$jobs"
	make run "$@"
	;;
check)
	install_missing
	configure_tree
	make -j"$jobs"
	make format-check
	# A run without QEMU or libFuzzer must fail, not skip its boots and
	# its fuzz corpora.
	MLK_REQUIRE_QEMU=1 MLK_REQUIRE_FUZZ=1 MLK_REQUIRE_FAT=1 make -j"$jobs" check
	MLK_REQUIRE_QEMU=1 MLK_REQUIRE_FUZZ=1 MLK_REQUIRE_FAT=1 make -j"$jobs" distcheck
	install_deb=
	if [ "${CI:-}" = true ] || [ -n "${MLK_INSTALL_DEB:-}" ]; then
		install_deb=--install
	fi
	mkdir -p "$build/deb"
	version=$(sed -n 's/^PACKAGE_VERSION = //p' "$build/Makefile")
	MLK_DEB_OUT=$build/deb sh "$top/tests/sdk/deb.sh" \
		"$build/mlk-$version.tar.xz" $install_deb
	;;
build)
	install_missing
	configure_tree
	make -j"$jobs"
	;;
*)
	echo "usage: ./dev.sh run|check|build" >&2
	exit 2
	;;
esac
