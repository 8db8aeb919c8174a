"""Breakpoints that stop in one service only.

QEMU's gdbstub breaks on a virtual address in whatever address space the
CPU is in, and every service runs at the same addresses.  So the
location is looked up in the service's own program, and the breakpoint,
on that address, lets the CPU go on unless TTBR0_EL1 holds the page
tables of a process of that name (kernel.current_process).  The name,
not one process, is what counts: a service restarted by init is the same
service in a new process.
"""
import gdb

from . import kernel
from .symbols import SYMBOLS

# User space is the lower half; the kernel's addresses are above it.
USER_END = 1 << 48


class ServiceBreakpoint(gdb.Breakpoint):
    def __init__(self, service, location, address):
        super().__init__("*0x%x" % address)
        self.service = service
        self.where = location
        self.passed = 0  # hits in other processes, let go
        self.silent = True  # the stop handler prints, with the symbols

    def stop(self):
        _, p = kernel.current_process()
        if p is not None and kernel.name(p) == self.service:
            return True
        self.passed += 1
        return False


def resolve(service, location):
    """The address of `location` (FUNCTION, FILE:LINE, *ADDRESS) in the
    program `service` runs, with that program's symbols; a function's is
    its first instruction.  The kernel's functions of the same name
    (memcpy ...) are in the upper half and do not count."""
    program = SYMBOLS.program_of(service)
    if program is None:
        raise gdb.GdbError(
            "mlk: %s holds no program for a service called %s (mlk "
            "programs lists them)" % (SYMBOLS.image.path, service))
    SYMBOLS.switch(program)
    try:
        _, sals = gdb.decode_line(location)
    except gdb.error as e:
        raise gdb.GdbError("mlk: %s in %s: %s" % (location, program, e))
    pcs = sorted({s.pc for s in sals or () if 0 < s.pc < USER_END})
    if len(pcs) != 1:
        raise gdb.GdbError("mlk: %s in %s: %s" % (
            location, program,
            "no such place" if not pcs else "more than one place"))
    return pcs[0]


def add(service, location):
    if SYMBOLS.image is None:
        raise gdb.GdbError("mlk: no image loaded (mlk load IMAGE)")
    address = resolve(service, location)
    bp = ServiceBreakpoint(service, location, address)
    print("mlk: breakpoint %d at 0x%x: %s in %s only"
          % (bp.number, address, location, service))
    return bp
