"""Which program's symbols gdb has: those of the process the CPU is in.

All services share one link address, so at most one service's symbol
file is loaded at a time (besides the kernel's, in the upper half), and
it changes when the CPU stops in another process.  A program's symbols
come from a file given with --symbols when its code is the one packed
(it has the debug sections the image's copy may lack), else from the
image's own copy.
"""
import os
import shlex

import gdb

from . import image as image_mod

# A loadable segment's p_type (System V gABI, "Program Header").
PT_LOAD = 1


def loaded_bytes(elf):
    """The bytes of an ELF's PT_LOAD segments with their addresses, or
    None if it is no ELF64: two files with the same are one program.
    The headers are the kernel's <mlk/elf.h> types."""
    ehdr_t = image_mod.struct_type("mlk_elf64_ehdr")
    phdr_t = image_mod.struct_type("mlk_elf64_phdr")
    eh = image_mod.struct_at(elf, 0, ehdr_t)
    if eh is None or elf[:4] != b"\x7fELF":
        return None
    out = []
    for i in range(int(eh["e_phnum"])):
        ph = image_mod.struct_at(
            elf, int(eh["e_phoff"]) + i * int(eh["e_phentsize"]), phdr_t)
        if ph is None:
            return None
        if int(ph["p_type"]) == PT_LOAD:
            offset = int(ph["p_offset"])
            out.append((int(ph["p_vaddr"]),
                        elf[offset:offset + int(ph["p_filesz"])]))
    return out


class Symbols:
    def __init__(self):
        self.image = None
        self.paths = []  # --symbols: files and folders
        self.loaded = None  # (program, path)
        self.chosen = {}  # program -> path

    def use(self, image, paths):
        self.unload()
        self.image = image
        self.paths = paths
        self.chosen = {}

    def _candidates(self, program):
        for p in self.paths:
            if os.path.isdir(p):
                p = os.path.join(p, program)
            elif os.path.basename(p) != program:
                continue
            if os.path.isfile(p):
                yield p

    def path_of(self, program):
        """The file to load for `program`: a --symbols file with the
        packed code, else the image's copy."""
        if program in self.chosen:
            return self.chosen[program]
        packed = loaded_bytes(self.image.elf(program))
        path = None
        for candidate in self._candidates(program):
            with open(candidate, "rb") as f:
                if loaded_bytes(f.read()) == packed:
                    path = candidate
                    break
            print("mlk: %s is not the %s packed in %s (its code differs); "
                  "not using it" % (candidate, program, self.image.path))
        self.chosen[program] = path or self.image.extract(program)
        return self.chosen[program]

    def unload(self):
        if self.loaded:
            gdb.execute("remove-symbol-file " + shlex.quote(self.loaded[1]),
                        to_string=True)
            self.loaded = None

    def switch(self, program):
        """Have gdb use `program`'s symbols (None: no service's); True
        if that changed anything."""
        if (self.loaded[0] if self.loaded else None) == program:
            return False
        self.unload()
        if program is not None:
            path = self.path_of(program)
            # gdb splits the command's arguments at blanks: a path with
            # one (a --symbols folder, a program's name) is quoted.
            gdb.execute("add-symbol-file " + shlex.quote(path),
                        to_string=True)
            self.loaded = (program, path)
        return True

    def program_of(self, process_name):
        if self.image is None:
            return None
        return self.image.program_of(process_name)


SYMBOLS = Symbols()


def load_image(path, paths):
    SYMBOLS.use(image_mod.Image(path), paths)
    return SYMBOLS.image
