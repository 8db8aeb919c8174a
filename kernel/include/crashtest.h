/*
 * Deliberate kernel crashes, to test that the panic path reports them
 * (bootarg mlk.crashtest=<kind>; tests/qemu/crash-*.qt check the dump).
 */
#ifndef MLK_KERNEL_CRASHTEST_H
#define MLK_KERNEL_CRASHTEST_H

/* Crash the way `kind` says; returns only if `kind` is unknown. */
void crashtest_run(const char *kind);

#endif
