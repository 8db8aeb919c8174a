#!/bin/sh
# make bench's boot figure: boots IMAGE (the standard image) with MEM
# (default 1G, a QEMU -m size) under -icount shift=0,sleep=off and prints
#   bench: boot_to_shell N insns
# where N is what the shell read from the kernel's instruction counter
# (the PMU's INST_RETIRED, started at the kernel's entry) just before its
# first prompt.  The count is the guest's own, so it is the same on every
# run and every host; QEMU is stopped once the line is there, or after
# TIMEOUT seconds.
#
# usage: boot-to-shell.sh QEMU IMAGE LOG [CPU]
qemu=$1 image=$2 log=$3 cpu=${4:-cortex-a72}
TIMEOUT=${TIMEOUT:-120}
MEM=${MEM:-1G}
pattern='^shell: first prompt after [0-9]* instructions'

: >"$log"
timeout "$TIMEOUT" "$qemu" -M virt -cpu "$cpu" -m "$MEM" \
	-icount shift=0,sleep=off -display none -monitor none \
	-serial file:"$log" -no-reboot -kernel "$image" -append "" \
	</dev/null >/dev/null 2>&1 &
pid=$!
# Wait for the line (or for QEMU to end), polling ten times a second.
while kill -0 "$pid" 2>/dev/null && ! grep -q "$pattern" "$log"; do
	sleep 0.1
done
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
n=$(tr -d '\r' <"$log" | sed -n "s/$pattern.*/&/p" | sed 's/[^0-9]//g' | head -n 1)
if [ -z "$n" ]; then
	echo "make bench: the standard image did not reach the shell (see $log)"
	exit 1
fi
echo "bench: boot_to_shell $n insns"
