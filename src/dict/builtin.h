/*
 * builtin.h: gesta's own dictionaries (data/NAME.txt), compiled at build time
 * by tools/dictc.c into the compiled format and linked into the library as
 * this byte array (build/gen/builtin_dict.c).
 */
#ifndef GESTA_DICT_BUILTIN_H
#define GESTA_DICT_BUILTIN_H

#include <stddef.h>
#include <stdint.h>

extern const uint64_t gs_builtin_dict[];   /* 8-byte aligned */
extern const size_t gs_builtin_dict_len;   /* in bytes; 0 when there is none */

#endif
