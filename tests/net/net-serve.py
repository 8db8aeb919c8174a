#!/usr/bin/env python3
"""Servers on 127.0.0.1 for the guest to reach through QEMU's user
network, where 10.0.2.2 is the host's loopback.  Each binds a port the
kernel picks and prints it first, alone on a line, then serves until it
is killed, LIFETIME seconds have passed (so none outlives its test) or,
with --stdin first, its standard input ends (a test's expect script
that ends, however it ends, takes its servers with it).

    net-serve.py dns        DNS over UDP (RFC 1035) with a fixed answer:
                            host.mlk.test is 10.0.2.2, www.mlk.test
                            198.51.100.7, any other name NXDOMAIN
    net-serve.py http DIR   HTTP (Python's http.server) of DIR
Each query or request is logged on stderr.
"""
import functools
import http.server
import os
import socket
import struct
import sys
import threading

LIFETIME = 600
NAMES = {
    "host.mlk.test": "10.0.2.2",
    "www.mlk.test": "198.51.100.7",
}


def question(msg):
    """The first question's name and where the question ends."""
    labels, at = [], 12
    while at < len(msg) and msg[at]:
        n = msg[at]
        labels.append(msg[at + 1:at + 1 + n].decode("ascii", "replace"))
        at += 1 + n
    return ".".join(labels).lower(), at + 1 + 4


def answer(msg):
    ident, flags, qd = struct.unpack(">HHH", msg[:6])
    if flags & 0x8000 or qd != 1:
        return None
    name, end = question(msg)
    addr = NAMES.get(name)
    rcode = 0 if addr else 3
    out = struct.pack(">HHHHHH", ident, 0x8180 | (flags & 0x0100) | rcode,
                      1, 1 if addr else 0, 0, 0)
    out += msg[12:end]
    if addr:
        out += struct.pack(">HHHIH", 0xC00C, 1, 1, 60, 4)
        out += socket.inet_aton(addr)
    print(f"net-serve: dns: {name} -> {addr or 'NXDOMAIN'}",
          file=sys.stderr, flush=True)
    return out


def serve_dns():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1], flush=True)
    while True:
        msg, peer = s.recvfrom(512)
        reply = answer(msg) if len(msg) >= 12 else None
        if reply:
            s.sendto(reply, peer)


def serve_http(directory):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def until_stdin_ends():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    threading.Timer(LIFETIME, lambda: os._exit(0)).start()
    if sys.argv[1:2] == ["--stdin"]:
        del sys.argv[1]
        threading.Thread(target=until_stdin_ends, daemon=True).start()
    if sys.argv[1:2] == ["dns"]:
        serve_dns()
    elif sys.argv[1:2] == ["http"] and len(sys.argv) == 3:
        serve_http(sys.argv[2])
    print("usage: net-serve.py [--stdin] dns | http DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
