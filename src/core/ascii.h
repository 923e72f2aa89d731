/*
 * ascii.h: ASCII case eight bytes at a time, for the tables' generator
 * (through lexicon.h) as well as the library (through core.h).
 */
#ifndef GESTA_ASCII_H
#define GESTA_ASCII_H

#include <stdint.h>

/* Is any of the eight bytes of x outside ASCII? */
static inline int gs_nonascii8(uint64_t x) { return (x & 0x8080808080808080ull) != 0; }

/* ASCII A-Z to a-z in each byte of x, the other bytes as they are. */
static inline uint64_t gs_lower8(uint64_t x)
{
    const uint64_t high = 0x8080808080808080ull;
    uint64_t low7 = x & ~high;                          /* no carry between bytes */
    uint64_t ge_a = low7 + 0x3f3f3f3f3f3f3f3full;       /* high bit: >= 'A' */
    uint64_t gt_z = low7 + 0x2525252525252525ull;       /* high bit: > 'Z' */
    uint64_t upper = ge_a & ~gt_z & ~x & high;          /* and ASCII */
    return x | upper >> 2;                              /* 0x80 >> 2 == 0x20 */
}

#endif
