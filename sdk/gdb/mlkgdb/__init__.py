"""mlk-gdb's commands: gdb sees MLK's kernel and services as they run.

Every service is linked at the same address (0x400000), so plain gdb
cannot tell whose code a pc is in.  This package keeps the symbols of the
process the CPU is in loaded (symbols.py), lists the kernel's processes
and threads from its own variables and DWARF types (kernel.py), and sets
breakpoints that stop in one service only (breaks.py).  The boot image
is read with the kernel's DWARF types for the bundle (image.py), so no
layout is written down twice.  commands.py is the `mlk` command.
"""
