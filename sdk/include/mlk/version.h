/*
 * MyLittleKernel version: the one place it is written down.
 *
 * configure.ac reads the three numbers below (see mlk_version_part there),
 * so the Autotools package version, the kernel banner, mlk.pc and the
 * Debian package all follow this file.  tests/sdk/version.test checks that
 * debian/changelog agrees.
 */
#ifndef MLK_VERSION_H
#define MLK_VERSION_H

#define MLK_VERSION_MAJOR 0
#define MLK_VERSION_MINOR 1
#define MLK_VERSION_MICRO 0

#define MLK_VERSION_STR_(x) #x
#define MLK_VERSION_STR(x) MLK_VERSION_STR_(x)

/* "0.1.0" */
#define MLK_VERSION_STRING                                                     \
	MLK_VERSION_STR(MLK_VERSION_MAJOR)                                     \
	"." MLK_VERSION_STR(MLK_VERSION_MINOR) "." MLK_VERSION_STR(            \
		MLK_VERSION_MICRO)

/* One number that compares in order: 0x00MMmmuu. */
#define MLK_VERSION_NUMBER                                                     \
	((MLK_VERSION_MAJOR << 16) | (MLK_VERSION_MINOR << 8) |                \
	 MLK_VERSION_MICRO)

#endif
