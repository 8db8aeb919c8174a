"""Reading the kernel's memory whatever level the CPU stopped at.

Stopped in the kernel (EL1), gdb reads kernel addresses as it reads any.
Stopped in a service (EL0), QEMU's gdbstub translates through EL0's view,
which is refused the kernel's pages, so the kernel's upper-half address
is translated here, by walking the tables TTBR1_EL1 points at, and the
physical memory is read in the stub's physical mode (QEMU's
Qqemu.PhyMemMode packet).  Nothing of the CPU's state changes.
"""
import gdb

PAGE_SHIFT = 12
# The kernel's translation (TCR_EL1_BASE, kernel/arch/aarch64/include/
# arch/sysreg.h): 4 KiB granules and 48-bit addresses, so four levels
# of 512 entries, each resolving 9 bits from bit 39 down (Arm ARM,
# D8.2 "Translation table walk").
LEVEL_SHIFTS = (39, 30, 21, 12)
INDEX_MASK = 0x1FF
ADDR_MASK = 0x0000FFFFFFFFF000
DESC_VALID = 1
DESC_TABLE = 2  # at levels 0..2 a table; at level 3 a page
TCR_T1SZ_SHIFT, TCR_TG1_SHIFT = 16, 30
TCR_T1SZ_48BIT, TCR_TG1_4K = 16, 2
CPSR_EL_SHIFT = 2

_cache = {}  # (TTBR1, page address) -> physical page address


def _register(name):
    return int(gdb.parse_and_eval("$" + name))


def _at_el0():
    return (_register("cpsr") >> CPSR_EL_SHIFT) & 3 == 0


class _PhysicalMode:
    def __enter__(self):
        gdb.execute("maint packet Qqemu.PhyMemMode:1", to_string=True)

    def __exit__(self, *exc):
        gdb.execute("maint packet Qqemu.PhyMemMode:0", to_string=True)


def _read_u64(pa):
    return int.from_bytes(
        gdb.selected_inferior().read_memory(pa, 8).tobytes(), "little")


def _check_tcr():
    tcr = _register("TCR_EL1")
    if ((tcr >> TCR_T1SZ_SHIFT) & 0x3F != TCR_T1SZ_48BIT or
            (tcr >> TCR_TG1_SHIFT) & 3 != TCR_TG1_4K):
        raise gdb.GdbError("mlk: TCR_EL1 %#x: not the kernel's 4 KiB, "
                           "48-bit upper half" % tcr)


def _translate(va, ttbr1):
    """The physical address of va's page (in physical mode)."""
    key = (ttbr1, va & ~((1 << PAGE_SHIFT) - 1))
    if key in _cache:
        return _cache[key]
    table = ttbr1 & ADDR_MASK
    for level, shift in enumerate(LEVEL_SHIFTS):
        desc = _read_u64(table + ((va >> shift) & INDEX_MASK) * 8)
        if not desc & DESC_VALID:
            raise gdb.MemoryError("mlk: kernel address %#x is not mapped"
                                  % va)
        if level < 3 and desc & DESC_TABLE:
            table = desc & ADDR_MASK
            continue
        block = (1 << shift) - 1  # a block (levels 1, 2) or a page
        pa = (desc & ADDR_MASK & ~block) | (va & block & ~0xFFF)
        _cache[key] = pa
        return pa
    raise gdb.MemoryError("mlk: kernel address %#x: bad table" % va)


def read(va, size):
    """`size` bytes of kernel memory at `va`."""
    if not _at_el0():
        return gdb.selected_inferior().read_memory(va, size).tobytes()
    _check_tcr()
    ttbr1 = _register("TTBR1_EL1")
    out = bytearray()
    with _PhysicalMode():
        while size:
            offset = va & ((1 << PAGE_SHIFT) - 1)
            n = min(size, (1 << PAGE_SHIFT) - offset)
            pa = _translate(va, ttbr1) + offset
            out += gdb.selected_inferior().read_memory(pa, n).tobytes()
            va, size = va + n, size - n
    return bytes(out)


def forget():
    """Forget the translations (the CPU ran: tables may have changed)."""
    _cache.clear()


def value(va, gtype):
    """The kernel's object of type `gtype` at `va`, as a gdb.Value."""
    return gdb.Value(read(va, gtype.sizeof), gtype)
