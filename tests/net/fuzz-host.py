#!/usr/bin/env python3
"""The host's side of tests/net/fuzz.test: raw Ethernet frames to the
guest through QEMU's dgram backend (one UDP datagram a frame, on
127.0.0.1), standing in for the host 10.0.2.2 on the guest's network.

    fuzz-host.py run HOST_PORT GUEST_PORT SEED FRAMES EXPECT_FILE
        FRAMES malformed or odd frames made from SEED, in batches, each
        batch followed by a ping that must be answered; then three pings
        with their data compared and a TCP echo conversation with
        tcp-echo on port 7 spoken over raw frames (handshake, data, the
        echo, FIN both ways).  Writes to EXPECT_FILE the frames sent and,
        per drop reason, the fewest drops the guest must have counted.
    fuzz-host.py compare EXPECT_FILE SERIAL
        The guest's `ifconfig` output (in the serial log) against it.

Every wait is bounded; prints one "fuzz-host: ..." line per step and
exits non-zero on the first failure.
"""
import random
import re
import socket
import struct
import sys
import time

GUEST_MAC = bytes.fromhex("525400123456")
HOST_MAC = bytes.fromhex("52550a000202")
GUEST_IP = bytes([10, 0, 2, 15])
HOST_IP = bytes([10, 0, 2, 2])
DNS_IP = bytes([10, 0, 2, 3])
BROADCAST_MAC = b"\xff" * 6
ECHO_PORT = 7
BACKLOG = 8  # tcp-echo's listen backlog: a flood gets no more than this in
BATCH = 48  # frames between two pings: well inside the socket's buffer
WAIT = 10.0  # seconds for any one answer
REASONS = ("ethernet", "arp", "ip", "fragment", "icmp", "udp", "tcp",
           "no-port", "syn")
PING_ID = 0x4d4c

ETH_IP, ETH_ARP = 0x0800, 0x0806
TCP_FIN, TCP_SYN, TCP_RST, TCP_PSH, TCP_ACK = 1, 2, 4, 8, 16
# Spoofed peers beyond the gateway, in RFC 5737's documentation ranges:
# the floods' and the stray segments' apart, so that no stray segment
# lands in a flood's half-open connection.
FLOOD_NET = (198, 51, 100)
STRAY_NET = (203, 0, 113)


class Failure(Exception):
    pass


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def eth(payload, etype=ETH_IP, dst=GUEST_MAC, src=HOST_MAC):
    return dst + src + struct.pack("!H", etype) + payload


def ipv4(proto, payload, src=HOST_IP, dst=GUEST_IP, frag=0, options=b"",
         total=None, ihl=None, version=4, bad_csum=False, ident=0):
    hlen = 20 + len(options)
    if ihl is None:
        ihl = hlen // 4
    if total is None:
        total = hlen + len(payload)
    h = struct.pack("!BBHHHBBH4s4s", version << 4 | ihl, 0, total, ident,
                    frag, 64, proto, 0, src, dst) + options
    c = csum(h) ^ (0x1234 if bad_csum else 0)
    return h[:10] + struct.pack("!H", c) + h[12:] + payload


def pseudo(src, dst, proto, length):
    return src + dst + struct.pack("!BBH", 0, proto, length)


def udp(sport, dport, data, src=HOST_IP, dst=GUEST_IP, ulen=None,
        bad_csum=False, no_csum=False):
    length = 8 + len(data) if ulen is None else ulen
    u = struct.pack("!HHHH", sport, dport, length, 0) + data
    c = 0 if no_csum else csum(pseudo(src, dst, 17, len(u)) + u) or 0xffff
    if bad_csum:
        c = c ^ 0x0f0f or 0x0f0e  # 0 would say "no checksum"
    return u[:6] + struct.pack("!H", c) + u[8:]


def tcp(sport, dport, seq, ack, flags, data=b"", window=8192, options=b"",
        src=HOST_IP, dst=GUEST_IP, doff=None, bad_csum=False):
    hlen = 20 + len(options)
    if doff is None:
        doff = hlen // 4
    t = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff,
                    ack & 0xffffffff, doff << 4, flags, window, 0,
                    0) + options + data
    c = csum(pseudo(src, dst, 6, len(t)) + t) ^ (0x00ff if bad_csum else 0)
    return t[:16] + struct.pack("!H", c) + t[18:]


def icmp(itype, ident, seq, data, bad_csum=False):
    m = struct.pack("!BBHHH", itype, 0, 0, ident, seq) + data
    c = csum(m) ^ (0x0101 if bad_csum else 0)
    return m[:2] + struct.pack("!H", c) + m[4:]


def arp(op, sha, spa, tha, tpa, htype=1, ptype=ETH_IP, hlen=6, plen=4):
    return struct.pack("!HHBBH", htype, ptype, hlen, plen, op) + sha + spa + \
        tha + tpa


def frame_ip(proto, payload, **kw):
    return eth(ipv4(proto, payload, **kw))


class Parsed:
    """A frame from the guest, its IPv4 and transport headers read."""

    def __init__(self, f):
        self.raw = f
        self.etype = struct.unpack("!H", f[12:14])[0] if len(f) >= 14 else 0
        self.ip = self.proto = None
        self.bad = None
        if self.etype == ETH_ARP and len(f) >= 42:
            self.arp_op = struct.unpack("!H", f[20:22])[0]
            self.arp_tpa = f[38:42]
            self.arp_spa = f[28:32]
            self.arp_sha = f[22:28]
        if self.etype != ETH_IP:
            return
        p = f[14:]
        ihl = (p[0] & 0xf) * 4
        total = struct.unpack("!H", p[2:4])[0]
        if csum(p[:ihl]) != 0:
            self.bad = "IPv4 header checksum"
            return
        self.src, self.dst, self.proto = p[12:16], p[16:20], p[9]
        self.body = p[ihl:total]
        if self.proto in (6, 17) and csum(
                pseudo(self.src, self.dst, self.proto, len(self.body)) +
                self.body) != 0:
            self.bad = "TCP or UDP checksum"
        if self.proto == 1 and csum(self.body) != 0:
            self.bad = "ICMP checksum"
        if self.proto == 6:
            (self.sport, self.dport, self.seq, self.ack, off, self.flags,
             self.window) = struct.unpack("!HHIIBBH", self.body[:16])
            self.data = self.body[(off >> 4) * 4:]
        if self.proto == 1:
            self.itype = self.body[0]
            self.ident, self.iseq = struct.unpack("!HH", self.body[4:8])
            self.data = self.body[8:]


class Wire:
    """The dgram backend's other end, and the host's manners on it: ARP
    answered for 10.0.2.2 and for the spoofed peers' gateway, and
    SYN-ACKs of connections nobody here opened reset, as the hosts a
    flood names would."""

    def __init__(self, port, guest_port):
        self.s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.s.bind(("127.0.0.1", port))
        self.peer = ("127.0.0.1", guest_port)
        self.sent = 0
        self.bad_from_guest = []
        self.own_ports = set()  # TCP connections the host opened itself

    def send(self, frame):
        self.s.sendto(frame, self.peer)
        self.sent += 1

    def manners(self, p):
        if p.etype == ETH_ARP and getattr(p, "arp_op", 0) == 1 and \
                p.arp_tpa == HOST_IP:
            self.send(eth(arp(2, HOST_MAC, HOST_IP, p.arp_sha, p.arp_spa),
                          ETH_ARP, dst=p.arp_sha))
        elif p.proto == 6 and p.flags & TCP_SYN and p.flags & TCP_ACK and \
                (p.dst != HOST_IP or p.dport not in self.own_ports):
            self.send(frame_ip(6, tcp(p.dport, p.sport, p.ack, 0, TCP_RST,
                                      src=p.dst), src=p.dst))

    def wait(self, want, what):
        """The first frame from the guest `want` accepts, within WAIT."""
        end = time.monotonic() + WAIT
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise Failure(f"no {what} within {WAIT:.0f} s")
            self.s.settimeout(left)
            try:
                f, _ = self.s.recvfrom(65536)
            except socket.timeout:
                continue
            p = Parsed(f)
            if p.bad:
                self.bad_from_guest.append(p.bad)
                continue
            self.manners(p)
            if want(p):
                return p


def ping(wire, seq, data):
    """An echo request from 10.0.2.2 and its reply, data compared."""
    wire.send(frame_ip(1, icmp(8, PING_ID, seq, data)))
    r = wire.wait(lambda p: p.proto == 1 and p.itype == 0 and
                  p.ident == PING_ID and p.iseq == seq,
                  f"echo reply {seq}")
    if r.data != data or r.dst != HOST_IP:
        raise Failure(f"echo reply {seq}: wrong data or address")


class Fuzzer:
    """Frames from a seeded generator, each with the reason the guest
    must drop it for (None: not a drop, or no telling which)."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.expect = dict.fromkeys(REASONS, 0)
        self.floods = 0
        self.kinds = [
            (self.eth_short, 2), (self.eth_type, 2), (self.eth_foreign, 2),
            (self.arp_bad, 4), (self.arp_other, 1), (self.ip_bad, 6),
            (self.ip_options, 1), (self.fragment, 3), (self.icmp_bad, 3),
            (self.icmp_echo, 1), (self.udp_bad, 4), (self.udp_no_port, 3),
            (self.tcp_bad, 6), (self.tcp_stray, 4), (self.mutated, 6),
        ]
        self.weights = [w for _, w in self.kinds]

    def rbytes(self, n):
        return bytes(self.r.getrandbits(8) for _ in range(n))

    def port(self):
        return self.r.randrange(1024, 65536)

    def next(self):
        kind = self.r.choices(self.kinds, self.weights)[0][0]
        frame, reason = kind()
        if reason:
            self.expect[reason] += 1
        return frame

    # Ethernet: too short (a type the device's padding cannot turn into
    # an IPv4 or ARP one), 802.3 lengths, unknown types, another MAC.
    def eth_short(self):
        n = self.r.randrange(1, 14)
        dst = bytes([self.r.randrange(0, 256) & 0xfe | 2]) + self.rbytes(5)
        f = (GUEST_MAC if self.r.random() < 0.5 else dst) + HOST_MAC + \
            bytes([self.r.randrange(0, 5)])
        return f[:n], "ethernet"

    def eth_type(self):
        t = self.r.choice([0x86dd, 0x8100, 0x88cc, 0x8035,
                           self.r.randrange(0, 1501)])
        return eth(self.rbytes(self.r.randrange(46, 200)), t), "ethernet"

    def eth_foreign(self):
        dst = bytes([self.r.randrange(0, 256)]) + self.rbytes(5)
        if dst in (GUEST_MAC, BROADCAST_MAC):
            dst = b"\x02" + dst[1:]
        return eth(ipv4(1, icmp(8, 1, 1, b"x" * 32)), dst=dst), "ethernet"

    # ARP: cut short, wrong hardware or protocol, wrong lengths, an
    # unknown operation, a sender that cannot be.
    def arp_bad(self):
        good = dict(op=1, sha=HOST_MAC[:5] + b"\x77", spa=bytes([10, 0, 2, 77]),
                    tha=b"\0" * 6, tpa=GUEST_IP)
        bad = self.r.randrange(10)
        if bad == 0:
            return eth(arp(**good)[:self.r.randrange(1, 7)], ETH_ARP), "arp"
        changes = [dict(htype=6), dict(ptype=0x86dd), dict(hlen=8),
                   dict(plen=16), dict(op=self.r.choice([0, 3, 8, 0xffff])),
                   dict(sha=BROADCAST_MAC), dict(sha=GUEST_MAC),
                   dict(spa=b"\0" * 4), dict(spa=b"\xff" * 4),
                   dict(spa=GUEST_IP)][bad - 1]
        good.update(changes)
        return eth(arp(**good), ETH_ARP), "arp"

    def arp_other(self):
        # A well-formed request for another host: ignored, not a drop.
        return eth(arp(1, b"\x02" + self.rbytes(5),
                       bytes([10, 0, 2, self.r.randrange(20, 250)]),
                       b"\0" * 6, bytes([10, 0, 2, self.r.randrange(20, 250)])),
                   ETH_ARP, dst=BROADCAST_MAC), None

    # IPv4 headers: version, header length, total length, checksum,
    # addresses, protocol.  Payloads keep frames at 60 bytes or more, so
    # that no padding changes what the guest reads.
    def ip_bad(self):
        data = udp(self.port(), self.port(), self.rbytes(40))
        bad = self.r.randrange(11)
        kw = [dict(version=6), dict(ihl=self.r.randrange(0, 5)),
              dict(total=self.r.randrange(0, 20)),
              dict(total=20 + len(data) + self.r.randrange(1, 400)),
              dict(bad_csum=True), dict(dst=bytes([10, 0, 2, 99])),
              dict(src=b"\xff" * 4), dict(src=bytes([224, 0, 0, 1])),
              dict(src=GUEST_IP), dict(src=bytes([10, 0, 2, 255])),
              dict(ihl=15)][bad]
        if bad == 10:  # a 60-byte header longer than the packet
            return eth(ipv4(17, data[:30], **kw)), "ip"
        return frame_ip(17, data, **kw), "ip"

    def ip_options(self):
        # Options the stack skips, one whose length runs past the
        # header among them: the echo inside is still answered.
        opts = bytes([0x44, 40, 5, 0])  # a timestamp longer than its room
        return frame_ip(1, icmp(8, 2, self.r.randrange(65536),
                                self.rbytes(20)), options=opts), None

    def fragment(self):
        frag = self.r.choice([0x2000, 0x2000 | self.r.randrange(1, 0x2000),
                              self.r.randrange(1, 0x2000)])
        return frame_ip(17, udp(self.port(), 9, self.rbytes(64)),
                        frag=frag, ident=self.r.randrange(65536)), "fragment"

    def icmp_bad(self):
        if self.r.random() < 0.3:  # shorter than an ICMP header
            return frame_ip(1, self.rbytes(4) + self.rbytes(40),
                            total=24), "icmp"
        return frame_ip(1, icmp(8, 3, 1, self.rbytes(self.r.randrange(20, 100)),
                                bad_csum=True)), "icmp"

    def icmp_echo(self):
        return frame_ip(1, icmp(8, 4, self.r.randrange(65536),
                                self.rbytes(self.r.randrange(0, 1400)))), None

    def udp_bad(self):
        bad = self.r.randrange(4)
        if bad == 0:  # shorter than a UDP header
            return frame_ip(17, self.rbytes(46), total=26), "udp"
        data = self.rbytes(self.r.randrange(30, 200))
        kw = [None, dict(ulen=self.r.randrange(0, 8)),
              dict(ulen=8 + len(data) + self.r.randrange(1, 100)),
              dict(bad_csum=True)][bad]
        return frame_ip(17, udp(self.port(), self.port(), data, **kw)), "udp"

    def udp_no_port(self):
        kind = self.r.randrange(3)
        if kind == 0:  # a DHCP answer nobody asked for (static address)
            body = bytes([2, 1, 6, 0]) + self.rbytes(300)
            return eth(ipv4(17, udp(67, 68, body, dst=b"\xff" * 4),
                            dst=b"\xff" * 4), dst=BROADCAST_MAC), "no-port"
        if kind == 1:  # a DNS answer to no query
            body = self.rbytes(2) + b"\x81\x80" + self.rbytes(40)
            return frame_ip(17, udp(53, self.port(), body, src=DNS_IP),
                            src=DNS_IP), "no-port"
        return frame_ip(17, udp(self.port(), self.port(), self.rbytes(50),
                                no_csum=self.r.random() < 0.5)), "no-port"

    # TCP headers: checksum, length, data offset, options that run past
    # it, port 0, a broadcast destination.
    def tcp_bad(self):
        sp, seq = self.port(), self.r.getrandbits(32)
        bad = self.r.randrange(8)
        if bad == 0:
            return frame_ip(6, self.rbytes(50), total=20 + 12), "tcp"
        if bad == 7:
            dst = b"\xff" * 4
            return eth(ipv4(6, tcp(sp, ECHO_PORT, seq, 0, TCP_SYN, dst=dst,
                                   data=self.rbytes(30)), dst=dst),
                       dst=BROADCAST_MAC), "tcp"
        kw = [None, dict(bad_csum=True), dict(doff=self.r.randrange(0, 5)),
              dict(doff=15),
              dict(options=bytes([2, 12, 5, 0])),  # MSS running past
              dict(options=bytes([1, 1, 1, 2])),  # a kind without length
              None][bad]
        if bad == 6:
            return frame_ip(6, tcp(0, ECHO_PORT, seq, 0, TCP_SYN,
                                   data=self.rbytes(30))), "tcp"
        return frame_ip(6, tcp(sp, ECHO_PORT, seq, 0, TCP_SYN,
                               data=self.rbytes(30), **kw)), "tcp"

    def tcp_stray(self):
        # Well-formed segments of no connection: to a closed port, or to
        # the listener without a SYN.
        dport = self.r.choice([ECHO_PORT, self.port()])
        flags = self.r.choice([TCP_ACK, TCP_ACK | TCP_PSH, TCP_RST,
                               TCP_FIN | TCP_ACK, TCP_RST | TCP_ACK, 0]
                              + ([] if dport == ECHO_PORT else [TCP_SYN]))
        src = bytes(STRAY_NET) + bytes([self.r.randrange(1, 255)])
        return frame_ip(6, tcp(self.port(), dport, self.r.getrandbits(32),
                               self.r.getrandbits(32), flags, src=src,
                               data=self.rbytes(self.r.randrange(0, 100))),
                        src=src), "no-port"

    def mutated(self):
        # A good frame with a few bytes changed past the Ethernet header
        # (so that it stays the guest's), or cut: no telling which check
        # it fails, if any.
        f = bytearray(self.r.choice([
            frame_ip(1, icmp(8, 5, 1, self.rbytes(40))),
            frame_ip(17, udp(self.port(), 53, self.rbytes(40))),
            frame_ip(6, tcp(self.port(), ECHO_PORT, self.r.getrandbits(32),
                            0, TCP_SYN, options=bytes([2, 4, 5, 0xb4]))),
        ]))
        for _ in range(self.r.randrange(1, 5)):
            f[self.r.randrange(14, len(f))] = self.r.getrandbits(8)
        if self.r.random() < 0.2:
            f = f[:self.r.randrange(14, len(f))]
        return bytes(f), None

    def flood(self, n):
        """n SYNs to the listener from spoofed peers beyond the gateway:
        all but the backlog's worth must be dropped."""
        self.floods += n
        self.expect["syn"] += max(0, n - BACKLOG)
        out = []
        for _ in range(n):
            src = bytes(FLOOD_NET) + bytes([self.r.randrange(1, 255)])
            out.append(frame_ip(6, tcp(self.port(), ECHO_PORT,
                                       self.r.getrandbits(32), 0, TCP_SYN,
                                       src=src), src=src))
        return out


def handshake(wire, sport, window, what):
    """SYN, SYN-ACK, ACK from 10.0.2.2:sport to port 7; the sequence
    numbers (ours, theirs) after it."""
    wire.own_ports.add(sport)
    iss = 1000 + sport
    wire.send(frame_ip(6, tcp(sport, ECHO_PORT, iss, 0, TCP_SYN,
                              window=window,
                              options=bytes([2, 4, 5, 0xb4]))))
    sa = wire.wait(lambda p: p.proto == 6 and p.dport == sport and
                   p.flags & (TCP_SYN | TCP_ACK) == TCP_SYN | TCP_ACK,
                   f"SYN-ACK ({what})")
    if sa.ack != iss + 1:
        raise Failure(f"SYN-ACK ({what}) acknowledges {sa.ack}, not {iss + 1}")
    wire.send(frame_ip(6, tcp(sport, ECHO_PORT, iss + 1, sa.seq + 1, TCP_ACK,
                              window=window)))
    return iss + 1, sa.seq + 1


def hostile_peers(wire):
    """A peer that never acknowledges what it is sent, and one whose
    window stays shut: both leave the stack retransmitting and probing
    for the rest of the run."""
    snd, rcv = handshake(wire, 40001, 8192, "peer that never ACKs")
    wire.send(frame_ip(6, tcp(40001, ECHO_PORT, snd, rcv, TCP_ACK | TCP_PSH,
                              data=b"never acknowledged " * 10)))
    snd, rcv = handshake(wire, 40002, 0, "zero window")
    wire.send(frame_ip(6, tcp(40002, ECHO_PORT, snd, rcv, TCP_ACK | TCP_PSH,
                              window=0, data=b"a window of zero " * 6)))
    print("fuzz-host: a peer that never ACKs, one with a zero window")


def tcp_echo(wire):
    """A whole conversation with tcp-echo over raw frames."""
    sport = 45007
    msg = b"fuzz-host: still echoing after the storm\n"
    snd, rcv = handshake(wire, sport, 8192, "echo check")
    wire.send(frame_ip(6, tcp(sport, ECHO_PORT, snd, rcv, TCP_ACK | TCP_PSH,
                              data=msg)))
    snd += len(msg)
    back = b""
    while len(back) < len(msg):
        p = wire.wait(lambda p: p.proto == 6 and p.dport == sport and
                      p.data and p.seq == rcv, "the echoed bytes")
        back += p.data
        rcv += len(p.data)
        wire.send(frame_ip(6, tcp(sport, ECHO_PORT, snd, rcv, TCP_ACK)))
    if back != msg:
        raise Failure(f"echo check: got {back!r}")
    wire.send(frame_ip(6, tcp(sport, ECHO_PORT, snd, rcv, TCP_FIN | TCP_ACK)))
    fin = wire.wait(lambda p: p.proto == 6 and p.dport == sport and
                    p.flags & TCP_FIN, "tcp-echo's FIN")
    if fin.ack != snd + 1 or fin.seq != rcv:
        raise Failure(f"tcp-echo's FIN: seq {fin.seq} ack {fin.ack}")
    wire.send(frame_ip(6, tcp(sport, ECHO_PORT, snd + 1, rcv + 1, TCP_ACK)))
    print("fuzz-host: TCP echo over raw frames: handshake, "
          f"{len(msg)} bytes back, FIN both ways")


def run(host_port, guest_port, seed, frames, expect_file):
    wire = Wire(host_port, guest_port)
    fz = Fuzzer(seed)
    ping(wire, 1, b"first")
    hostile_peers(wire)
    seq, done = 2, 0
    while done < frames:
        n = min(BATCH, frames - done)
        if fz.r.random() < 0.1:
            batch = fz.flood(n)
        else:
            batch = [fz.next() for _ in range(n)]
        for f in batch:
            wire.send(f)
        done += n
        seq = seq + 1 & 0xffff
        ping(wire, seq, b"sync %d" % done)
    print(f"fuzz-host: {frames} frames from seed {seed} "
          f"({fz.floods} of them SYNs of floods), "
          "each batch followed by an answered ping")
    for i in range(3):
        ping(wire, 60000 + i, random.Random(i).randbytes(56))
    print("fuzz-host: 3 pings answered, data compared")
    tcp_echo(wire)
    if wire.bad_from_guest:
        raise Failure(f"the guest sent {len(wire.bad_from_guest)} frames "
                      f"with a bad {wire.bad_from_guest[0]}")
    with open(expect_file, "w") as f:
        f.write(f"frames {wire.sent}\n")
        for r in REASONS:
            f.write(f"{r} {fz.expect[r]}\n")
    print(f"fuzz-host: {wire.sent} frames sent in all; the fewest drops "
          "by reason: " + " ".join(f"{r} {fz.expect[r]}" for r in REASONS))
    return 0


def compare(expect_file, serial):
    want = dict(line.split() for line in open(expect_file))
    text = open(serial, errors="replace").read().replace("\r", "")
    rx = re.findall(r"rx (\d+) frames \d+ bytes, dropped (\d+)", text)
    drops = re.findall(r"rx dropped: (.*)", text)
    if not rx or not drops:
        raise Failure("no ifconfig counters in the guest's output")
    frames, dropped = int(rx[-1][0]), int(rx[-1][1])
    got = dict(zip(drops[-1].split()[::2], map(int, drops[-1].split()[1::2])))
    print(f"fuzz-host: the guest received {frames} frames, dropped "
          f"{dropped}: {drops[-1]}")
    if frames != int(want["frames"]):
        raise Failure(f"the guest counted {frames} frames, "
                      f"the host sent {want['frames']}")
    if sum(got.values()) != dropped:
        raise Failure("the reasons do not add up to the dropped count")
    short = [r for r in REASONS if got.get(r, -1) < int(want[r])]
    if short:
        raise Failure("fewer drops than malformed frames sent: " +
                      ", ".join(f"{r} {got.get(r)} < {want[r]}"
                                for r in short))
    return 0


def main():
    try:
        if len(sys.argv) == 7 and sys.argv[1] == "run":
            return run(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]),
                       int(sys.argv[5]), sys.argv[6])
        if len(sys.argv) == 4 and sys.argv[1] == "compare":
            return compare(sys.argv[2], sys.argv[3])
    except Failure as e:
        print(f"fuzz-host: FAIL: {e}")
        return 1
    print("usage: fuzz-host.py run HOST_PORT GUEST_PORT SEED FRAMES EXPECT "
          "| compare EXPECT SERIAL")
    return 2


if __name__ == "__main__":
    sys.exit(main())
