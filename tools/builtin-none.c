/*
 * builtin-none.c: an empty built-in dictionary, linked into the tool that
 * compiles the real one (tools/dictc.c) so that it does not depend on its
 * own output.
 */
#include "../src/dict/builtin.h"

const uint64_t gs_builtin_dict[1] = {0};
const size_t gs_builtin_dict_len = 0;
