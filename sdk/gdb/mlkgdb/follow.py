"""Following the CPU: when it stops, gdb gets the symbols of the process
it stopped in, and a stop at a service breakpoint is reported with that
process's name and the frame read with the right symbols."""
import gdb

from . import kernel, memory
from .breaks import ServiceBreakpoint
from .symbols import SYMBOLS


def follow_cpu():
    """Load the symbols of the current process's program; the process
    (or None) and whether the symbols changed."""
    if SYMBOLS.image is None or gdb.selected_thread() is None:
        return None, False
    _, p = kernel.current_process()
    program = SYMBOLS.program_of(kernel.name(p)) if p is not None else None
    return p, SYMBOLS.switch(program)


def _describe(p):
    if p is None:
        return "no process (the kernel alone)"
    return "%s (pid %d)" % (kernel.name(p), kernel.pid(p))


def on_stop(event):
    memory.forget()
    if SYMBOLS.image is None:
        return
    p, changed = follow_cpu()
    hits = [b for b in getattr(event, "breakpoints", [])
            if isinstance(b, ServiceBreakpoint)]
    for b in hits:
        print("mlk: breakpoint %d, %s in %s; %d hit%s in other processes "
              "passed so far" % (b.number, b.where, _describe(p), b.passed,
                          "" if b.passed == 1 else "s"))
    if hits or changed:
        if changed and not hits:
            print("mlk: stopped in %s" % _describe(p))
        gdb.execute("frame")


def install():
    gdb.events.stop.connect(on_stop)
