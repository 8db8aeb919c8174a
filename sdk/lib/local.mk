# The shared modules (sdk/lib/README.md): freestanding code that the
# kernel, libmlk, init and mlk-mkimage each compile from here with their
# own flags.  Each user names the sources it needs from these lists and
# adds SHARED_CPP_FLAGS (or -iquote of SHARED_INCLUDE, for build-machine
# programs whose <...> includes must stay the C library's).
SHARED_INCLUDE = $(srcdir)/sdk/lib/include
SHARED_CPP_FLAGS = -I$(SHARED_INCLUDE)
SHARED_HEADER_FILES = \
	sdk/lib/include/args.h \
	sdk/lib/include/crc32.h \
	sdk/lib/include/devtree.h \
	sdk/lib/include/fault_name.h \
	sdk/lib/include/format.h \
	sdk/lib/include/ipv4_text.h \
	sdk/lib/include/kstring.h
# The boot bundle and ELF checkers: the kernel, libmlk and mlk-mkimage
# compile both (with their own string functions).
SHARED_IMAGE_SRC = sdk/lib/bundle.c sdk/lib/elf.c
# A program's arguments, packed as init passes them: libmlk's spawn packs,
# mlk-mkimage refuses at pack time what would not pack.
SHARED_ARGS_SRC = sdk/lib/args.c
# IPv4 addresses as text: libmlk's network client and the network
# service's stack (which the unit tests and a fuzz harness also build).
SHARED_IPV4_SRC = sdk/lib/ipv4_text.c
noinst_HEADERS = $(SHARED_HEADER_FILES)
EXTRA_DIST += sdk/lib/README.md
