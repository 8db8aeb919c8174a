"""The `mlk` command and its subcommands (help mlk)."""
import shlex

import gdb

from . import breaks, follow, kernel, symbols
from .symbols import SYMBOLS


class Mlk(gdb.Command):
    """MyLittleKernel: the kernel's processes and threads, and each
service's own symbols and breakpoints.

mlk load [--kernel ELF] [--symbols PATH]... IMAGE
mlk programs      the image's programs and where their symbols come from
mlk ps            the kernel's processes; * marks the one the CPU is in
mlk threads       the kernel's threads; * marks the current one
mlk break SERVICE LOCATION   stop at LOCATION in SERVICE only
mlk symbols       whose symbols gdb has now"""

    def __init__(self):
        super().__init__("mlk", gdb.COMMAND_USER, prefix=True)


class Load(gdb.Command):
    """Load the kernel's symbols and read a boot image's programs.

mlk load [--kernel ELF] [--symbols PATH]... IMAGE

--kernel ELF    the kernel with its symbols (the SDK's mlk.elf); without
                it, the symbols gdb already has
--symbols PATH  a service's ELF with debug info, named as in the image,
                or a folder of them; used instead of the image's copy
                when its code is the one packed (repeatable)
IMAGE           the boot image mlk-mkimage made"""

    def __init__(self):
        super().__init__("mlk load", gdb.COMMAND_USER, gdb.COMPLETE_FILENAME)

    def invoke(self, arg, from_tty):
        words = shlex.split(arg)
        kernel_elf, paths, image = None, [], None
        while words:
            w = words.pop(0)
            if w in ("--kernel", "--symbols") and not words:
                raise gdb.GdbError("mlk load: %s needs a path" % w)
            if w == "--kernel":
                kernel_elf = words.pop(0)
            elif w == "--symbols":
                paths.append(words.pop(0))
            elif w.startswith("-"):
                raise gdb.GdbError("mlk load: unknown option %s" % w)
            elif image is None:
                image = w
            else:
                raise gdb.GdbError("mlk load: one image only (%s)" % w)
        if image is None:
            raise gdb.GdbError("mlk load: which image? (mlk load IMAGE)")
        if kernel_elf is not None:
            gdb.execute("symbol-file " + shlex.quote(kernel_elf),
                        to_string=True)
        img = symbols.load_image(image, paths)
        print("mlk: %s: %d programs (mlk programs lists them)"
              % (image, len(img.programs)))


class Programs(gdb.Command):
    """The image's programs and the file each one's symbols come from."""

    def __init__(self):
        super().__init__("mlk programs", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        if SYMBOLS.image is None:
            raise gdb.GdbError("mlk: no image loaded (mlk load IMAGE)")
        for program in SYMBOLS.image.programs:
            print("%-16s %s" % (program, SYMBOLS.path_of(program)))
        for prefix, program in sorted(SYMBOLS.image.virtio.items()):
            print("%-16s instances of %s" % (prefix + "N", program))


class Ps(gdb.Command):
    """The kernel's processes: id, state, threads, memory used and quota
(KiB), page table root and ASID, name.  * marks the process whose page
tables TTBR0_EL1 holds."""

    def __init__(self):
        super().__init__("mlk ps", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        kernel.need_target()
        cur, _ = kernel.current_process()
        print("  %5s  %-5s  %7s  %9s  %9s  %-12s %5s  %s" % (
            "PID", "STATE", "THREADS", "USED KiB", "QUOTA KiB", "ROOT",
            "ASID", "PROCESS"))
        for address, p in kernel.processes():
            arch = kernel.at(int(p["aspace"]), "struct aspace")["arch"] \
                if int(p["aspace"]) else None
            print("%s %5d  %-5s  %7d  %9d  %9d  %-12s %5s  %s" % (
                "*" if address == cur else " ", kernel.pid(p),
                kernel.enum_word(p["state"], "PROC_"),
                int(p["nthreads"]), int(p["used"]) // 1024,
                int(p["quota"]) // 1024,
                "%#x" % int(arch["root"]) if arch is not None else "-",
                int(arch["asid"]) if arch is not None else "-",
                kernel.name(p)))


class Threads(gdb.Command):
    """The kernel's threads: id, process id and name, thread name, state,
priority, and the user pc it will resume at (the live pc for the current
one).  * marks the current thread."""

    def __init__(self):
        super().__init__("mlk threads", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        kernel.need_target()
        cur = kernel.current_thread()
        print("  %5s  %5s  %-12s  %-12s  %-9s  %4s  %s" % (
            "TID", "PID", "PROCESS", "THREAD", "STATE", "PRIO", "PC"))
        for address, t in kernel.threads():
            proc = kernel.at(int(t["proc"]), "struct process") \
                if int(t["proc"]) else None
            pc = int(t["frame"]["tf_elr"])
            if address == cur:
                pc = int(gdb.parse_and_eval("$pc"))
            print("%s %5d  %5s  %-12s  %-12s  %-9s  %4d  %#x" % (
                "*" if address == cur else " ", int(t["obj"]["id"]),
                kernel.pid(proc) if proc is not None else "-",
                kernel.name(proc) if proc is not None else "-",
                kernel.name(t),
                kernel.enum_word(
                    t["state"].cast(gdb.lookup_type("enum mlk_thread_state")),
                    "MLK_THREAD_"),
                int(t["prio"]), pc))


class Break(gdb.Command):
    """Stop at LOCATION in one service only.

mlk break SERVICE LOCATION

SERVICE   the process name init gives it (its manifest name; blk0, rng0
          for instances of grant=virtio services)
LOCATION  a function, FILE:LINE or *ADDRESS in the service's program

Every service runs at the same addresses: the breakpoint is on the
address in SERVICE's program and lets every other process pass (their
count is reported at the stop).  `delete` removes it like any other."""

    def __init__(self):
        super().__init__("mlk break", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        words = arg.split(None, 1)
        if len(words) != 2:
            raise gdb.GdbError("mlk break: usage: mlk break SERVICE "
                               "LOCATION")
        try:
            breaks.add(words[0], words[1].strip())
        finally:
            follow.follow_cpu()


class SymbolsCmd(gdb.Command):
    """Whose symbols gdb has now, besides the kernel's."""

    def __init__(self):
        super().__init__("mlk symbols", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        p, _ = follow.follow_cpu()
        if SYMBOLS.loaded is None:
            print("mlk: the kernel's symbols only (the CPU is in no "
                  "process of the image)")
            return
        print("mlk: %s's symbols, from %s, for %s (pid %d)" % (
            SYMBOLS.loaded[0], SYMBOLS.loaded[1], kernel.name(p),
            kernel.pid(p)))


def install():
    for cmd in (Mlk, Load, Programs, Ps, Threads, Break, SymbolsCmd):
        cmd()
    follow.install()
