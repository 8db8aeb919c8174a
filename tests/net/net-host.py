#!/usr/bin/env python3
"""The host's side of the network tests: TCP through a forwarded port on
127.0.0.1, every step bounded by a socket timeout and a count.

    net-host.py echo PORT    10 MiB of random data (fixed seed) through
                             tcp-echo, compared by SHA-256; 50
                             connections in a row, then 8 at once.
    net-host.py fetch URL FILE  the body of URL must equal FILE.
Prints one "net-host: ..." line per step; exits non-zero on the first
failure.
"""
import hashlib
import random
import socket
import sys
import threading
import urllib.request

TIMEOUT = 30


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def echo_bytes(port, data):
    """Send data and read back as much; the digest of what came back."""
    s = connect(port)
    back = hashlib.sha256()
    got = 0
    result = {}

    def reader():
        nonlocal got
        try:
            while got < len(data):
                chunk = s.recv(65536)
                if not chunk:
                    break
                back.update(chunk)
                got += len(chunk)
        except OSError as e:
            result["error"] = e

    t = threading.Thread(target=reader)
    t.start()
    view = memoryview(data)
    for i in range(0, len(data), 65536):
        s.sendall(view[i:i + 65536])
    t.join(TIMEOUT * 4)
    s.close()
    if "error" in result:
        raise result["error"]
    return got, back.hexdigest()


def echo(port):
    rng = random.Random(1313)
    data = rng.randbytes(10 << 20)
    got, digest = echo_bytes(port, data)
    want = hashlib.sha256(data).hexdigest()
    if got != len(data) or digest != want:
        print(f"net-host: FAIL: 10 MiB echo: {got} bytes back, "
              f"sha256 {digest} (want {want})")
        return 1
    print(f"net-host: 10 MiB echoed, sha256 {digest}")
    for i in range(50):
        msg = f"connection {i}\n".encode()
        got, digest = echo_bytes(port, msg)
        if digest != hashlib.sha256(msg).hexdigest():
            print(f"net-host: FAIL: connection {i} of 50 in a row")
            return 1
    print("net-host: 50 connections in a row")
    errors = []

    def one(i):
        try:
            msg = rng_bytes(i)
            got, digest = echo_bytes(port, msg)
            if digest != hashlib.sha256(msg).hexdigest():
                errors.append(f"connection {i}: wrong bytes")
        except OSError as e:
            errors.append(f"connection {i}: {e}")

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT * 2)
    if errors or any(t.is_alive() for t in threads):
        print(f"net-host: FAIL: 8 at once: {errors or 'hung'}")
        return 1
    print("net-host: 8 connections at once")
    return 0


def rng_bytes(i):
    return random.Random(i).randbytes(100000)


def fetch(url, path):
    with urllib.request.urlopen(url, timeout=TIMEOUT) as r:
        body = r.read()
        length = r.headers.get("Content-Length")
    with open(path, "rb") as f:
        want = f.read()
    if body != want or length != str(len(want)):
        print(f"net-host: FAIL: {url}: {len(body)} bytes, "
              f"Content-Length {length} (want {len(want)})")
        return 1
    print(f"net-host: {url}: {len(body)} bytes as the file")
    return 0


def main():
    if sys.argv[1] == "echo":
        return echo(int(sys.argv[2]))
    if sys.argv[1] == "fetch":
        return fetch(sys.argv[2], sys.argv[3])
    print("usage: net-host.py echo PORT | fetch URL FILE")
    return 2


if __name__ == "__main__":
    sys.exit(main())
