"""The kernel's processes and threads, read from its variables.

The lists (all_processes, all_threads), the structures and the per-CPU
scheduler state (sched_cpu) are found through the kernel ELF's symbols
and DWARF types.  The kernel lives in the upper half (TTBR1), mapped in
every address space; memory.py reads it whether the CPU stopped in the
kernel or in a service.  The objects are copied out whole
(memory.value), so a pointer member is an address to read again.
"""
import gdb

from . import memory

# No list in a sane kernel is longer; a longer one is a corrupt list.
LIST_LIMIT = 100000
# TTBR0_EL1: BADDR in bits 47:1, ASID in 63:48 (Arm ARM, D19.2
# "TTBR0_EL1, Translation Table Base Register 0 (EL1)").
TTBR_BADDR_MASK = 0x0000FFFFFFFFFFFE
TTBR_ASID_SHIFT = 48


def _offset(type_name, member):
    for f in gdb.lookup_type(type_name).fields():
        if f.name == member:
            return f.bitpos // 8
    raise gdb.GdbError("mlk: %s has no member %s" % (type_name, member))


def need_target():
    if gdb.selected_thread() is None:
        raise gdb.GdbError("mlk: not attached (target remote HOST:PORT, "
                           "or mlk-gdb --qemu)")


def _address_of(symbol):
    try:
        return int(gdb.parse_and_eval("&" + symbol))
    except gdb.error:
        raise gdb.GdbError("mlk: no kernel symbol %s: load the kernel "
                           "ELF (mlk load --kernel)" % symbol)


def at(address, type_name):
    """The kernel's `type_name` at `address`."""
    return memory.value(address, gdb.lookup_type(type_name))


def walk(head, type_name, member):
    """The structures of `type_name` on the list whose head is the
    variable `head`, linked through their `member`: (address, value)."""
    head_addr = _address_of(head)
    list_t = gdb.lookup_type("struct list")
    offset = _offset(type_name, member)
    node = int(memory.value(head_addr, list_t)["next"])
    for _ in range(LIST_LIMIT):
        if node == head_addr:
            return
        yield node - offset, at(node - offset, type_name)
        node = int(memory.value(node, list_t)["next"])
    raise gdb.GdbError("mlk: %s is longer than %d: corrupt?"
                       % (head, LIST_LIMIT))


def processes():
    need_target()
    return walk("all_processes", "struct process", "all_link")


def threads():
    need_target()
    return walk("all_threads", "struct thread", "all_link")


def enum_word(value, prefix):
    """MLK_THREAD_RUNNING -> running."""
    text = str(value)
    return text[len(prefix):].lower() if text.startswith(prefix) else text


def current_thread():
    """The address of the thread the scheduler runs, or 0."""
    return int(at(_address_of("sched_cpu"), "struct sched_cpu")["current"])


def ttbr0():
    """TTBR0_EL1 as the stub reports it, or None if it does not."""
    try:
        return int(gdb.parse_and_eval("$TTBR0_EL1"))
    except gdb.error:
        return None


def owns_ttbr0(p, reg):
    """Are process p's page tables those TTBR0_EL1 (`reg`) points at?"""
    if not int(p["aspace"]):
        return False
    arch = at(int(p["aspace"]), "struct aspace")["arch"]
    return ((reg & TTBR_BADDR_MASK) == int(arch["root"]) and
            reg >> TTBR_ASID_SHIFT == int(arch["asid"]))


def current_process():
    """The process whose address space the CPU is in, (address, value):
    the one whose page tables TTBR0_EL1 holds; without that register,
    the current thread's.  (0, None) when no process's tables are there
    (at boot, or idle), or before gdb is attached."""
    if gdb.selected_thread() is None:
        return 0, None
    reg = ttbr0()
    if reg is None:
        t = current_thread()
        proc = int(at(t, "struct thread")["proc"]) if t else 0
        return (proc, at(proc, "struct process")) if proc else (0, None)
    if not reg & TTBR_BADDR_MASK:
        return 0, None
    for address, p in processes():
        if str(p["state"]) == "PROC_ALIVE" and owns_ttbr0(p, reg):
            return address, p
    return 0, None


def pid(p):
    return int(p["obj"]["id"])


def name(obj):
    return obj["name"].string()
