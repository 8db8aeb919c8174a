#!/usr/bin/env python3
"""The host's side of tests/net/httpd.test: HTTP requests to httpd
through a forwarded port on 127.0.0.1, every socket with a timeout.

    http-client.py cases PORT MOTD BIG   a table of requests, good and
                                         bad, each reply's status, headers
                                         and body checked
    http-client.py parallel PORT BIG N   N GETs of /www/big.bin at once
    http-client.py hold PORT             half a request, then wait (60 s
                                         at most) for httpd to close it
Prints one "http-client: ..." line per step; exits 1 on the first
failure.
"""
import socket
import sys
import threading

TIMEOUT = 30
HOST = "Host: mlk\r\n"


def exchange(port, request):
    """Send request, read the reply to its end: (status line, headers as a
    dict of lower-case names, body)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    s.sendall(request)
    reply = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        reply += chunk
    s.close()
    head, _, body = reply.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return lines[0], headers, body


def check(port, what, request, status, body=None, allow=False, head=False):
    line, headers, got = exchange(port, request)
    length = headers.get("content-length")
    errors = []
    if line != status:
        errors.append(f"status line {line!r}, not {status!r}")
    if head:
        if got:
            errors.append(f"a HEAD reply with {len(got)} bytes of body")
    elif length != str(len(got)):
        errors.append(f"Content-Length {length} for {len(got)} bytes")
    if body is not None and not head and got != body:
        errors.append(f"body {got[:60]!r}..., not {body[:60]!r}...")
    if body is not None and head and length != str(len(body)):
        errors.append(f"Content-Length {length}, not {len(body)}")
    if headers.get("connection") != "close":
        errors.append("no Connection: close")
    if allow and headers.get("allow") != "GET, HEAD":
        errors.append(f"Allow {headers.get('allow')!r}")
    if errors:
        print(f"http-client: FAIL: {what}: " + "; ".join(errors))
        return False
    print(f"http-client: {what}: {line}")
    return True


def error_body(status):
    return (status.split(" ", 1)[1] + "\n").encode()


def cases(port, motd_path, big_path):
    motd = open(motd_path, "rb").read()
    big = open(big_path, "rb").read()
    ok = "HTTP/1.1 200 OK"
    e400 = "HTTP/1.1 400 Bad Request"
    table = [
        ("GET of the motd", f"GET /etc/motd HTTP/1.1\r\n{HOST}\r\n", ok,
         motd),
        ("HTTP/1.0 without Host", "GET /etc/motd HTTP/1.0\r\n\r\n", ok, motd),
        ("absolute-form and a query",
         f"GET http://mlk/etc/motd?x=1 HTTP/1.1\r\n{HOST}\r\n", ok, motd),
        ("%-escapes and runs of /",
         f"GET //etc/%6dotd HTTP/1.1\r\n{HOST}\r\n", ok, motd),
        ("bare LFs and an empty line first", "\r\nGET /etc/motd HTTP/1.0\n\n",
         ok, motd),
        ("HEAD of big.bin", f"HEAD /www/big.bin HTTP/1.1\r\n{HOST}\r\n", ok,
         big, "head"),
        ("listing of /", f"GET / HTTP/1.1\r\n{HOST}\r\n", ok,
         b"bin/\netc/\nwww/\n"),
        ("listing of /www", f"GET /www HTTP/1.1\r\n{HOST}\r\n", ok,
         b"big.bin\n"),
        ("a missing file", f"GET /etc/nosuch HTTP/1.1\r\n{HOST}\r\n",
         "HTTP/1.1 404 Not Found", None),
        ("/disk without a disk", f"GET /disk/x HTTP/1.1\r\n{HOST}\r\n",
         "HTTP/1.1 404 Not Found", None),
        ("..", f"GET /etc/../etc/motd HTTP/1.1\r\n{HOST}\r\n", e400, None),
        ("%2e%2e", f"GET /etc/%2e%2E/etc/motd HTTP/1.1\r\n{HOST}\r\n",
         e400, None),
        (".", f"GET /./etc/motd HTTP/1.1\r\n{HOST}\r\n", e400, None),
        ("a bad escape", f"GET /etc/mo%4 HTTP/1.1\r\n{HOST}\r\n", e400, None),
        ("an escaped NUL", f"GET /etc/mo%00 HTTP/1.1\r\n{HOST}\r\n", e400,
         None),
        ("HTTP/1.1 without Host", "GET /etc/motd HTTP/1.1\r\n\r\n", e400,
         None),
        ("two Hosts", f"GET / HTTP/1.1\r\n{HOST}{HOST}\r\n", e400, None),
        ("a blank before a colon",
         f"GET / HTTP/1.1\r\n{HOST}Bad Header: y\r\n\r\n", e400, None),
        ("a folded header", f"GET / HTTP/1.1\r\n{HOST} folded\r\n\r\n", e400,
         None),
        ("a bare CR", f"GET / HTTP/1.1\r\n{HOST}X: a\rb\r\n\r\n", e400, None),
        ("no version", "GET /etc/motd\r\n\r\n", e400, None),
        ("not a request", "hello there\r\n\r\n", e400, None),
        ("a target not a path", f"GET etc/motd HTTP/1.1\r\n{HOST}\r\n", e400,
         None),
        ("POST", f"POST /etc/motd HTTP/1.1\r\n{HOST}\r\n",
         "HTTP/1.1 405 Method Not Allowed", None, "allow"),
        ("a path of 241 bytes",
         f"GET /{'a' * 240} HTTP/1.1\r\n{HOST}\r\n", "HTTP/1.1 414 URI Too Long",
         None),
        ("a request line of 4096 bytes", "GET /" + "a" * 4091,
         "HTTP/1.1 414 URI Too Long", None),
        ("headers past 4096 bytes",
         f"GET / HTTP/1.1\r\n{HOST}X: {'a' * 4096}\r\n\r\n",
         "HTTP/1.1 431 Request Header Fields Too Large", None),
        ("HTTP/2.0", "GET / HTTP/2.0\r\n\r\n",
         "HTTP/1.1 505 HTTP Version Not Supported", None),
    ]
    for what, request, status, body, *flags in table:
        if body is None and not status.endswith(" OK"):
            body = error_body(status)
        if not check(port, what, request.encode("latin-1"), status, body,
                     allow="allow" in flags, head="head" in flags):
            return 1
    # The 240-byte path is the longest: a 404, not a 414.
    if not check(port, "a path of 240 bytes",
                 f"GET /{'a' * 239} HTTP/1.1\r\n{HOST}\r\n".encode(),
                 "HTTP/1.1 404 Not Found", error_body("HTTP/1.1 404 Not Found")):
        return 1
    return 0


def parallel(port, big_path, n):
    big = open(big_path, "rb").read()
    request = f"GET /www/big.bin HTTP/1.1\r\n{HOST}\r\n".encode()
    start = threading.Barrier(n, timeout=TIMEOUT)
    errors = []

    def one(i):
        try:
            start.wait()
            line, headers, body = exchange(port, request)
            if (line != "HTTP/1.1 200 OK" or body != big or
                    headers.get("content-length") != str(len(big))):
                errors.append(f"fetch {i}: {line}, {len(body)} bytes")
        except (OSError, threading.BrokenBarrierError) as e:
            errors.append(f"fetch {i}: {e!r}")

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT * 4)
    if errors or any(t.is_alive() for t in threads):
        print(f"http-client: FAIL: {n} at once: {errors or 'hung'}")
        return 1
    print(f"http-client: {n} fetches of big.bin at once, each as the file")
    return 0


def hold(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    s.sendall(b"GET /etc/motd HTTP/1.1\r\n")
    print("http-client: held", flush=True)
    try:
        data = s.recv(4096)
    except socket.timeout:
        print("http-client: FAIL: the held connection still open after 60 s")
        return 1
    if data:
        print(f"http-client: FAIL: a reply to half a request: {data[:60]!r}")
        return 1
    print("http-client: httpd closed the idle connection")
    return 0


def main():
    what, port = sys.argv[1], int(sys.argv[2])
    if what == "cases":
        return cases(port, sys.argv[3], sys.argv[4])
    if what == "parallel":
        return parallel(port, sys.argv[3], int(sys.argv[4]))
    if what == "hold":
        return hold(port)
    print("usage: http-client.py cases|parallel|hold PORT ...")
    return 2


if __name__ == "__main__":
    sys.exit(main())
