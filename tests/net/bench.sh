#!/bin/sh
# make bench's network figures (tests/net/README.md): netbench.img under
# QEMU -icount shift=0,sleep=off with the user network and port 7
# forwarded; bench-host.py drives it.  Prints the "bench:" and
# "netbench:" lines of the guest's output, saved in LOG.
# Usage: bench.sh QEMU IMAGE LOG CPU SRCDIR
set -u
qemu=$1 image=$2 log=$3 cpu=$4 src=$5
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# The serial output straight into a file (a pipe would hold it back).
rm -f "$log.raw"
timeout 900 "$qemu" -M virt -cpu "$cpu" -m 1G -icount shift=0,sleep=off \
	-display none -monitor none -serial "file:$log.raw" -no-reboot \
	-kernel "$image" -netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$port-:7" \
	-device virtio-net-device,netdev=n0 -append "" </dev/null &
qemu_pid=$!
i=0
until grep -q '^netbench: listening' "$log.raw" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 600 ] || ! kill -0 $qemu_pid 2>/dev/null; then
		echo "make bench: netbench did not start (see $log)"
		kill $qemu_pid 2>/dev/null
		exit 1
	fi
	sleep 0.2
done
timeout 900 python3 "$src/tests/net/bench-host.py" "$port" 8
status=$?
wait $qemu_pid
tr -d '\r' <"$log.raw" >"$log" && rm -f "$log.raw"
grep -E '^(bench|netbench): ' "$log"
if [ $status -ne 0 ] || ! grep -q '^bench: net done$' "$log"; then
	echo "make bench: netbench did not finish (see $log)"
	exit 1
fi
