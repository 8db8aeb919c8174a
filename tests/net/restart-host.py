#!/usr/bin/env python3
"""The host's side of tests/net/restart.test, on net-host.py's echo
client (imported from beside this file); every wait bounded.

    restart-host.py echo PORT     64 KiB through tcp-echo and back,
                                  compared; connections refused or cut
                                  while the guest's network comes back
                                  are tried again for up to 60 s.
    restart-host.py hold PORT READY
                                  a connection that echoes once, then
                                  READY created, then the connection's
                                  end awaited (a FIN or a reset) for up
                                  to 30 s: the peer's server is killed
                                  meanwhile.
"""
import hashlib
import importlib.util
import os
import random
import socket
import sys
import time

spec = importlib.util.spec_from_file_location(
    "net_host", os.path.join(os.path.dirname(__file__), "net-host.py"))
net_host = importlib.util.module_from_spec(spec)
spec.loader.exec_module(net_host)

RETRY_FOR = 60
HOLD_FOR = 30


def echo(port):
    data = random.Random(port).randbytes(64 << 10)
    want = hashlib.sha256(data).hexdigest()
    end = time.monotonic() + RETRY_FOR
    tries = 0
    while True:
        tries += 1
        try:
            got, digest = net_host.echo_bytes(port, data)
            if got == len(data) and digest == want:
                print(f"restart-host: 64 KiB echoed (try {tries})")
                return 0
            why = f"{got} bytes back, sha256 {digest}"
        except OSError as e:
            why = str(e)
        if time.monotonic() > end:
            print(f"restart-host: FAIL: no echo within {RETRY_FOR} s "
                  f"({tries} tries, the last: {why})")
            return 1
        time.sleep(1)


def hold(port, ready):
    s = net_host.connect(port)
    s.sendall(b"hold\n")
    back = b""
    while len(back) < 5:
        chunk = s.recv(16)
        if not chunk:
            print("restart-host: FAIL: closed before the echo")
            return 1
        back += chunk
    open(ready, "w").close()
    s.settimeout(HOLD_FOR)
    try:
        chunk = s.recv(16)
        how = "closed" if not chunk else None
    except ConnectionResetError:
        how = "reset"
    except socket.timeout:
        print(f"restart-host: FAIL: still open after {HOLD_FOR} s")
        return 1
    if how is None:
        print(f"restart-host: FAIL: unexpected bytes {chunk!r}")
        return 1
    print(f"restart-host: the held connection was {how}")
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "echo":
        return echo(int(sys.argv[2]))
    if len(sys.argv) == 4 and sys.argv[1] == "hold":
        return hold(int(sys.argv[2]), sys.argv[3])
    print("usage: restart-host.py echo PORT | hold PORT READY")
    return 2


if __name__ == "__main__":
    sys.exit(main())
