# The SDK: ABI headers shared by the kernel, libmlk, services and third
# parties.

mlkincludedir = $(includedir)/mlk
mlkinclude_HEADERS = \
	sdk/include/mlk/version.h
