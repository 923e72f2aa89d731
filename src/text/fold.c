/*
 * fold.c: the matching key of a word, shared by the dictionary builder and
 * the coder so that a phrase and the text it names fold the same way.
 */
#include "text.h"

#include <utf8proc.h>

size_t gs_fold_word(const char *w, size_t n, char *out, size_t cap)
{
    if (n == 0 || cap == 0)
        return 0;
    /* ASCII (most words): eight bytes at a time */
    bool ascii = true;
    size_t i = 0;
    for (; i + 8 <= n && ascii; i += 8) {
        uint64_t x;
        memcpy(&x, w + i, 8);
        ascii = !gs_nonascii8(x);
    }
    for (; i < n && ascii; i++)
        ascii = (unsigned char)w[i] < 0x80;
    if (ascii) {
        if (n >= cap)
            return 0;
        for (i = 0; i + 8 <= n; i += 8) {
            uint64_t x;
            memcpy(&x, w + i, 8);
            x = gs_lower8(x);
            memcpy(out + i, &x, 8);
        }
        for (; i < n; i++)
            out[i] = (char)gs_lower((unsigned char)w[i]);
        out[n] = '\0';
        return n;
    }
    /* Decompose, drop combining marks, fold case, recompose; the code
     * points are re-encoded as UTF-8 in place. */
    utf8proc_int32_t cps[256];
    const utf8proc_option_t opt =
        UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD;
    utf8proc_ssize_t k = utf8proc_decompose((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, cps,
                                            (utf8proc_ssize_t)(sizeof cps / sizeof cps[0]), opt);
    if (k <= 0 || k > (utf8proc_ssize_t)(sizeof cps / sizeof cps[0]))
        return 0;
    k = utf8proc_normalize_utf32(cps, k, opt);
    if (k < 0)
        return 0;
    k = utf8proc_reencode(cps, k, opt);
    if (k <= 0 || (size_t)k >= cap)
        return 0;
    memcpy(out, cps, (size_t)k);
    out[k] = '\0';
    return (size_t)k;
}
