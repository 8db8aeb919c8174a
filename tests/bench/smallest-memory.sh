#!/bin/sh
# make bench's memory figure: the smallest RAM, in whole MiB, with which
# IMAGE (the standard image) reaches the shell's first prompt, found by
# bisection between 1 MiB and 32 MiB (the issue 11 goal: 32 MiB must do)
# with boot-to-shell.sh, each boot bounded by its TIMEOUT.  Prints
#   bench: smallest_memory N MiB
# and fails when 32 MiB does not reach the shell.
#
# usage: smallest-memory.sh QEMU IMAGE LOG [CPU]
qemu=$1 image=$2 log=$3 cpu=${4:-cortex-a72}
boot=$(dirname "$0")/boot-to-shell.sh

reaches() {
	MEM=${1}M TIMEOUT=${TIMEOUT:-20} \
		sh "$boot" "$qemu" "$image" "$log.$1" "$cpu" >/dev/null
}

if ! reaches 32; then
	echo "make bench: the standard image did not reach the shell in 32 MiB (see $log.32)"
	exit 1
fi
lo=0 hi=32 # lo does not reach the shell (0 MiB), hi does
while [ $((hi - lo)) -gt 1 ]; do
	mid=$(((lo + hi) / 2))
	if reaches "$mid"; then hi=$mid; else lo=$mid; fi
done
echo "bench: smallest_memory $hi MiB"
