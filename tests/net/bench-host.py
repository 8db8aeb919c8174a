#!/usr/bin/env python3
"""The host's side of make bench's network figures (tests/net/bench.sh,
tests/net/netbench.c), through the port forwarded to the guest's port 7:

    bench-host.py PORT MIB
        a UDP echo on 127.0.0.1 (the guest's 10.0.2.2), its port told to
        netbench on a first connection ("udp PORT"), until netbench says
        "udp done"; then MIB MiB of random data (a fixed seed) through
        netbench's echo on a second connection, compared by SHA-256.
Every socket has a timeout; exits non-zero on the first failure.
"""
import hashlib
import importlib.util
import os
import random
import socket
import sys
import threading

spec = importlib.util.spec_from_file_location(
    "net_host", os.path.join(os.path.dirname(__file__), "net-host.py"))
net_host = importlib.util.module_from_spec(spec)
spec.loader.exec_module(net_host)

UDP_FOR = 600  # seconds the UDP phase may take under -icount


def udp_echo(sock, stop):
    while not stop.is_set():
        try:
            data, peer = sock.recvfrom(2048)
        except socket.timeout:
            continue
        sock.sendto(data, peer)


def main():
    port, mib = int(sys.argv[1]), int(sys.argv[2])
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("127.0.0.1", 0))
    u.settimeout(0.5)
    stop = threading.Event()
    t = threading.Thread(target=udp_echo, args=(u, stop), daemon=True)
    t.start()
    c = net_host.connect(port)
    c.settimeout(UDP_FOR)
    c.sendall(b"udp %d\n" % u.getsockname()[1])
    answer = b""
    while not answer.endswith(b"\n"):
        chunk = c.recv(64)
        if not chunk:
            break
        answer += chunk
    c.close()
    stop.set()
    if answer != b"udp done\n":
        print(f"bench-host: FAIL: the UDP phase ended with {answer!r}")
        return 1
    data = random.Random(1313).randbytes(mib << 20)
    got, digest = net_host.echo_bytes(port, data)
    if got != len(data) or digest != hashlib.sha256(data).hexdigest():
        print(f"bench-host: FAIL: {got} bytes echoed, not the {mib} MiB sent")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
