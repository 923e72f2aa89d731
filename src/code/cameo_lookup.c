/*
 * cameo_lookup.c: finding a code in the generated CAMEO table.
 */
#include "cameo.h"

#include <string.h>

static const gs_cameo *exact(const char *s, size_t n)
{
    size_t lo = 0, hi = gs_cameo_count;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        int c = strncmp(gs_cameo_table[m].code, s, n);
        if (c == 0 && gs_cameo_table[m].code[n] != '\0')
            c = 1;
        if (c < 0)
            lo = m + 1;
        else if (c > 0)
            hi = m;
        else
            return &gs_cameo_table[m];
    }
    return NULL;
}

const gs_cameo *gs_cameo_find(const char *s, size_t n)
{
    if (n > 4)
        n = 4;
    for (; n >= 2; n--) {
        const gs_cameo *c = exact(s, n);
        if (c)
            return c;
    }
    return NULL;
}
