/*
 * buf.c: growable byte buffers and the escaping used by every text output
 * (JSON strings, one-line TSV fields).
 */
#include "core.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <utf8proc.h>

int gs_grow(void **p, size_t *cap, size_t need, size_t esz)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / esz)
            return GESTA_ENOMEM;
        ncap *= 2;
    }
    void *np = realloc(*p, ncap * esz);
    if (!np)
        return GESTA_ENOMEM;
    *p = np;
    *cap = ncap;
    return 0;
}

int gs_buf_reserve(gs_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return GESTA_ENOMEM;
    return gs_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1);
}

int gs_buf_append(gs_buf *b, const void *p, size_t n)
{
    if (b->cap - b->len <= n && gs_buf_reserve(b, n) < 0)
        return GESTA_ENOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}



int gs_buf_printf(gs_buf *b, const char *fmt, ...)
{
    /* formatted in place when it fits the room left (the usual case), else
     * measured, room made, and formatted again */
    va_list ap;
    size_t room = b->cap > b->len ? b->cap - b->len : 0;
    va_start(ap, fmt);
    int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n < 0)
        return GESTA_EINVAL;
    if ((size_t)n < room) {
        b->len += (size_t)n;
        return 0;
    }
    if (gs_buf_reserve(b, (size_t)n) < 0)
        return GESTA_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int gs_buf_put_dec1(gs_buf *b, double v)
{
    double t = round(v * 10.0);
    if (!(fabs(t) < 1e15) || fabs(v * 10.0 - t) > 1e-6 || (v == 0 && signbit(v)))
        return gs_buf_printf(b, "%.1f", v); /* not a value with one decimal */
    long long x = (long long)t;
    if (x < 0) {
        if (gs_buf_putc(b, '-') < 0)
            return GESTA_ENOMEM;
        x = -x;
    }
    if (gs_buf_put_u64(b, (uint64_t)(x / 10)) < 0 || gs_buf_putc(b, '.') < 0)
        return GESTA_ENOMEM;
    return gs_buf_putc(b, (char)('0' + x % 10));
}

int gs_buf_put_u64(gs_buf *b, uint64_t v)
{
    char tmp[24];
    int i = (int)sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return gs_buf_append(b, tmp + i, sizeof tmp - (size_t)i);
}

/* Length of the valid UTF-8 sequence at s[i..n), or 0 when the byte at i
 * does not start one. */
static size_t utf8_len(const char *s, size_t n, size_t i)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    return r > 0 ? (size_t)r : 0;
}

int gs_buf_put_json_str(gs_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    /* Worst case every byte becomes \u00XX. */
    if (gs_buf_reserve(b, n * 6) < 0)
        return GESTA_ENOMEM;
    char *o = b->data + b->len;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t k = utf8_len(s, n, i);
            if (k == 0) {
                memcpy(o, "\xEF\xBF\xBD", 3); /* U+FFFD for an invalid byte */
                o += 3;
            } else {
                memcpy(o, s + i, k);
                o += k;
                i += k - 1;
            }
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            *o++ = (char)c;
            continue;
        }
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return 0;
}

int gs_buf_put_oneline(gs_buf *b, const char *s, size_t n)
{
    if (gs_buf_reserve(b, n * 3) < 0)
        return GESTA_ENOMEM;
    char *o = b->data + b->len;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t k = utf8_len(s, n, i);
            if (k == 0) {
                memcpy(o, "\xEF\xBF\xBD", 3);
                o += 3;
            } else {
                memcpy(o, s + i, k);
                o += k;
                i += k - 1;
            }
            continue;
        }
        *o++ = (c == '\t' || c == '\n' || c == '\r') ? ' ' : (char)c;
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return 0;
}

void gs_buf_clear(gs_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void gs_buf_free(gs_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
