"""The boot image mlk-mkimage made: its bundle's programs and manifest.

The structures are the kernel's own (<mlk/bundle.h>), read through the
kernel ELF's DWARF types, so this file holds no offset or size of them.
"""
import os
import re
import tempfile

import gdb

# mlk-mkimage puts the bundle on a page boundary after the kernel
# (MLK_BUNDLE_ALIGN), and the bundle runs to the end of the file.
PAGE = 4096
# enum mlk_bundle_kind sits in bits 0..7 of an entry's flags
# (MLK_BUNDLE_KIND).
KIND_MASK = 0xFF


def struct_type(name):
    try:
        return gdb.lookup_type("struct " + name)
    except gdb.error:
        raise gdb.GdbError(
            "mlk: the kernel's symbols have no struct %s: load the "
            "kernel ELF with debug info first (mlk load --kernel)" % name
        )


def _enum(name):
    return int(gdb.parse_and_eval("(int)" + name))


def struct_at(data, offset, gtype):
    """The struct `gtype` found at `offset` of `data`."""
    chunk = data[offset:offset + gtype.sizeof]
    if len(chunk) < gtype.sizeof:
        return None
    return gdb.Value(chunk, gtype)


def _file_name(program):
    """A file name in the extraction folder for a program's name, which
    comes from the image and may hold "/" or be ".." (a manifest's
    "service ../x" packs one; a hand-made image, anything): never a path
    out of the folder.  A plain name stays as it is."""
    name = program.replace("%", "%25").replace("/", "%2F")
    if name in (".", ".."):
        name = name.replace(".", "%2E")
    return name


class Image:
    """What a boot image holds: program ELFs by name, manifest entries."""

    def __init__(self, path):
        self.path = path
        try:
            with open(path, "rb") as f:
                self.data = f.read()
        except OSError as e:
            raise gdb.GdbError("mlk: %s: %s" % (path, e.strerror))
        self.header_t = struct_type("mlk_bundle_header")
        self.entry_t = struct_type("mlk_bundle_entry")
        self.bundle = self._find_bundle()
        self.programs = {}  # name -> (offset, size) in self.data
        self.virtio = {}  # instance prefix ("blk") -> program name
        self._read_entries()
        self.folder = None

    def _find_bundle(self):
        hsize, esize = self.header_t.sizeof, self.entry_t.sizeof
        for off in range(PAGE, len(self.data), PAGE):
            h = struct_at(self.data, off, self.header_t)
            if h is None:
                break
            if (int(h["header_size"]) == hsize and
                    int(h["entry_size"]) == esize and
                    int(h["total_size"]) == len(self.data) - off):
                return off
        raise gdb.GdbError(
            "mlk: %s: no boot bundle after the kernel (not an image "
            "mlk-mkimage made?)" % self.path
        )

    def _read_entries(self):
        h = struct_at(self.data, self.bundle, self.header_t)
        table = self.bundle + int(h["header_size"])
        elf_kinds = (_enum("MLK_BUNDLE_INIT"), _enum("MLK_BUNDLE_SERVICE"))
        for i in range(int(h["entry_count"])):
            e = struct_at(self.data, table + i * self.entry_t.sizeof,
                       self.entry_t)
            if e is None:
                raise gdb.GdbError("mlk: %s: bundle entry table truncated"
                                   % self.path)
            name = e["name"].string()
            kind = int(e["flags"]) & KIND_MASK
            where = (self.bundle + int(e["offset"]), int(e["size"]))
            if kind in elf_kinds:
                self.programs[name] = where
            elif kind == _enum("MLK_BUNDLE_MANIFEST"):
                self._read_manifest(*where)

    def _read_manifest(self, offset, size):
        mh_t = struct_type("mlk_manifest_header")
        ms_t = struct_type("mlk_manifest_service")
        mh = struct_at(self.data, offset, mh_t)
        virtio = _enum("MLK_GRANT_VIRTIO")
        for i in range(int(mh["count"])):
            at = offset + mh_t.sizeof + i * ms_t.sizeof
            if at + ms_t.sizeof > offset + size:
                break
            svc = struct_at(self.data, at, ms_t)
            for g in range(int(svc["ngrants"])):
                grant = svc["grants"][g]
                if int(grant["kind"]) == virtio:
                    self.virtio[grant["arg"].string()] = \
                        svc["name"].string()

    def program_of(self, process):
        """The bundle program a process of that name runs, or None: its
        own name, or for an instance of a grant=virtio=TYPE service
        ("blk0"), that service's program."""
        if process in self.programs:
            return process
        m = re.fullmatch(r"(.*?)[0-9]+", process)
        if m and m.group(1) in self.virtio:
            return self.virtio[m.group(1)]
        return None

    def elf(self, program):
        offset, size = self.programs[program]
        return self.data[offset:offset + size]

    def extract(self, program):
        """The path of a file holding the program's ELF as packed."""
        if self.folder is None:
            self.folder = tempfile.TemporaryDirectory(prefix="mlk-gdb.")
        path = os.path.join(self.folder.name, _file_name(program))
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(self.elf(program))
        return path
