# Shared by the tests/net/*.test scripts (sourced): boot an image under
# QEMU with the user network and a host port forwarded, type at its shell
# through a FIFO, wait for lines of its serial output, each wait bounded.
# Environment (from make check): QEMU, MLK_BUILDDIR, MLK_SRCDIR.
set -u
: "${QEMU:=qemu-system-aarch64}"
: "${MLK_BUILDDIR:=.}"
: "${MLK_SRCDIR:=.}"
NET_WAIT=${NET_WAIT:-90}

if ! command -v "$QEMU" >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "net: $QEMU or python3 not found: skipped"
	[ -n "${MLK_REQUIRE_QEMU:-}" ] && exit 99
	exit 77
fi

NET_WORK=$(mktemp -d "${TMPDIR:-/tmp}/mlk-net.XXXXXX") || exit 99
NET_QEMU=
net_cleanup() {
	[ -n "$NET_QEMU" ] && kill "$NET_QEMU" 2>/dev/null
	exec 3>&- 2>/dev/null
	[ -f "$NET_WORK/serial" ] && sed 's/^/guest| /' "$NET_WORK/serial"
	rm -rf "$NET_WORK"
}
trap net_cleanup EXIT

# A free port on 127.0.0.1 for the forward (the kernel picks it).
NET_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

# net_free_port [udp]: another free port on 127.0.0.1, TCP or UDP.
net_free_port() {
	python3 -c 'import socket, sys
s = socket.socket(type=socket.SOCK_DGRAM if sys.argv[1:] == ["udp"] else socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' "$@"
}

net_fail() {
	echo "net: FAIL: $*"
	exit 1
}

net_pass() {
	echo "net: PASS"
	exit 0
}

# net_boot IMAGE HOSTFWD [more QEMU arguments]
net_boot() {
	image=$1 fwd=$2
	shift 2
	net_boot_netdev "$image" "user,id=n0,hostfwd=$fwd" "$@"
}

# net_boot_netdev IMAGE NETDEV [more QEMU arguments]: another backend
# than the user network (its id n0).
net_boot_netdev() {
	image=$MLK_BUILDDIR/$1 netdev=$2
	shift 2
	mkfifo "$NET_WORK/in"
	: >"$NET_WORK/serial"
	timeout 600 "$QEMU" -M virt -cpu cortex-a72 -m 512M -display none \
		-monitor none -no-reboot -serial stdio -kernel "$image" \
		-netdev "$netdev" -device virtio-net-device,netdev=n0 "$@" \
		<"$NET_WORK/in" >"$NET_WORK/serial" 2>"$NET_WORK/qemu.err" &
	NET_QEMU=$!
	exec 3>"$NET_WORK/in"
}

# net_wait_log REGEXP: a line of the guest's output matching it, within
# NET_WAIT seconds (after the last net_mark, if any).
NET_MARK=0
net_wait_log() {
	i=0
	while [ $i -lt $((NET_WAIT * 5)) ]; do
		if tail -n +$((NET_MARK + 1)) "$NET_WORK/serial" | tr -d '\r' |
			grep -qE -- "$1"; then
			return 0
		fi
		kill -0 "$NET_QEMU" 2>/dev/null || return 1
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}

# net_mark: net_wait_log looks only at what the guest prints from now.
net_mark() {
	NET_MARK=$(wc -l <"$NET_WORK/serial")
}

net_type() {
	printf '%s\r' "$1" >&3
}
