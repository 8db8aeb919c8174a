#!/bin/sh
# The SDK's Debian package, as a user gets it: build mlk-sdk from the
# release tarball (make dist) with dpkg-buildpackage, check it with
# lintian, and, when asked to (CI does), install it with apt and build,
# pack and boot the examples against it with tests/sdk/examples.test and
# tests/sdk/build-systems.test.
#
# Usage: deb.sh TARBALL [--install]
#   TARBALL    mlk-<version>.tar.xz, as make dist (or distcheck) leaves it
#   --install  also install the .deb on this machine (root or sudo) and
#              test the examples against it; this changes the machine
#
# The package files stay in $MLK_DEB_OUT (default: the tarball's
# directory).  Each step prints one line; a failing step prints its log.
set -eu

tarball=$1
install=${2:-}
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
out=${MLK_DEB_OUT:-$(cd "$(dirname "$tarball")" && pwd)}
work=$(mktemp -d "${TMPDIR:-/tmp}/mlk-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
	echo "deb: FAIL: $*"
	exit 1
}

step() {
	log=$work/step.log
	"$@" >"$log" 2>&1 || {
		tail -n 40 "$log"
		fail "$*"
	}
}

sudo=
[ "$(id -u)" -ne 0 ] && sudo=sudo

echo "deb: building mlk-sdk from $(basename "$tarball")"
tar -C "$work" -xf "$tarball"
src=$(echo "$work"/mlk-*)
[ -d "$src/debian" ] || fail "the tarball has no debian/ directory"
# The test suite already ran on this tree: the package build skips it.
cd "$src"
step env DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}" \
	dpkg-buildpackage -b -us -uc
cd "$work"
deb=$(ls "$work"/mlk-sdk_*.deb | grep -v dbgsym)
cp "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo "$out"/
deb=$out/$(basename "$deb")
echo "deb: built $(basename "$deb")"

# The package's contents: what an SDK user needs, where pkg-config says.
dpkg-deb -c "$deb" >"$work/contents"
for f in ./usr/bin/mlk-mkimage ./usr/share/man/man1/mlk-mkimage.1.gz \
	./usr/share/pkgconfig/mlk.pc ./usr/include/mlk/sys.h \
	./usr/include/mlk/sysnum.h ./usr/include/mlk/svc.h \
	./usr/share/man/man2/mlk-syscalls.2.gz \
	./usr/lib/mlk/lib/libmlk.a ./usr/lib/mlk/lib/crt0.o \
	./usr/lib/mlk/boot/mlk-kernel.img ./usr/lib/mlk/services/init \
	./usr/lib/mlk/services/shell ./usr/lib/mlk/services/standard.manifest \
	./usr/lib/mlk/services/etc/motd ./usr/lib/mlk/boot/mlk.elf \
	./usr/bin/mlk-gdb ./usr/share/man/man1/mlk-gdb.1.gz \
	./usr/share/mlk/gdb/mlk.py ./usr/share/mlk/gdb/mlkgdb/commands.py \
	./usr/bin/mlk-run-test \
	./usr/share/man/man1/mlk-run-test.1.gz ./usr/share/man/man7/mlk-sdk.7.gz \
	./usr/lib/mlk/cmake/mlk-toolchain.cmake ./usr/lib/mlk/meson/mlk-cross.ini \
	./usr/share/doc/mlk-sdk/examples/README.md \
	./usr/share/doc/mlk-sdk/examples/kv/CMakeLists.txt \
	./usr/share/doc/mlk-sdk/examples/kv/meson.build \
	./usr/lib/mlk/src/kernel/core/main.c ./usr/lib/mlk/src/libmlk/start.c \
	./usr/lib/mlk/src/sdk/generated/mlk/sys.h; do
	grep -q " $f\$" "$work/contents" || fail "the package lacks ${f#.}"
done
# The system call table and the generator stay in the source tree.
if grep -q 'syscalls\.def\|gensyscalls' "$work/contents"; then
	fail "the package holds the system call table or its generator"
fi
echo "deb: $(wc -l <"$work/contents") entries, the SDK's files all there"

# lintian: no errors and no warnings (the overrides in debian/ say why
# the AArch64 files under /usr/lib/mlk are as they are).
lintian --fail-on error,warning "$deb" >"$work/lintian.log" 2>&1 || {
	cat "$work/lintian.log"
	fail "lintian"
}
echo "deb: lintian: $(grep -c . "$work/lintian.log" || true) remarks, none an error or warning"

[ "$install" = --install ] || exit 0

echo "deb: installing $(basename "$deb") with apt"
step $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb"
# The cross pkg-config wrapper comes with pkgconf for arm64.
if ! command -v aarch64-linux-gnu-pkg-config >/dev/null; then
	step $sudo dpkg --add-architecture arm64
	step $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
	step $sudo env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q pkgconf:arm64
fi
command -v aarch64-linux-gnu-pkg-config >/dev/null ||
	fail "no aarch64-linux-gnu-pkg-config after installing pkgconf:arm64"
MLK_EXAMPLES_SDK=system MLK_SRCDIR=$srcdir sh "$srcdir/tests/sdk/examples.test" ||
	fail "the examples against the installed package"
# kv from /usr/share/doc/mlk-sdk/examples with make, CMake and Meson,
# its tests run by mlk-run-test.
MLK_EXAMPLES_SDK=system sh "$srcdir/tests/sdk/build-systems.test" ||
	fail "the installed examples with make, CMake and Meson"
echo "deb: PASS"
