#!/bin/sh
# Generate configure and the Makefile templates from configure.ac and
# Makefile.am.  Run once after a fresh clone.
set -e
cd "$(dirname "$0")"
for tool in autoreconf aclocal automake; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "bootstrap.sh: $tool is missing: apt-get install autoconf automake autoconf-archive" >&2
		exit 1
	fi
done
if [ ! -f "$(aclocal --print-ac-dir)/ax_prog_cc_for_build.m4" ]; then
	echo "bootstrap.sh: autoconf-archive is missing: apt-get install autoconf-archive" >&2
	exit 1
fi
exec autoreconf -fi
