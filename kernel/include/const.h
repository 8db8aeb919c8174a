/*
 * Constants usable from both C and assembly.
 */
#ifndef MLK_KERNEL_CONST_H
#define MLK_KERNEL_CONST_H

#ifdef __ASSEMBLER__
#define _UL(x) x
#else
#define _UL(x) x##UL
#endif

#define BIT(n) (_UL(1) << (n))

#endif
