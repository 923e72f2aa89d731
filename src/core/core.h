/*
 * core.h: internal infrastructure shared by every stage: the per-document
 * arena, growable byte buffers, and small helpers.  Nothing here knows
 * about news or events.
 */
#ifndef GESTA_CORE_H
#define GESTA_CORE_H

#include "gesta.h"
#include "ascii.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define GS_UNUSED(x) ((void)(x))
#define GS_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))
#define GS_LIKELY(x) __builtin_expect(!!(x), 1)
#define GS_UNLIKELY(x) __builtin_expect(!!(x), 0)

/* ------------------------------------------------------------------ arena */

/* A bump allocator made of chunks.  gs_arena_reset() keeps the first chunk
 * (and frees the others) so that a worker that sees documents of ordinary
 * size allocates nothing after warming up. */
typedef struct gs_arena_chunk gs_arena_chunk;

typedef struct gs_arena {
    gs_arena_chunk *head;  /* current chunk; its ->next are older chunks */
    size_t chunk_size;     /* size of ordinary chunks */
} gs_arena;

void gs_arena_init(gs_arena *a, size_t chunk_size);

/* Returns n bytes aligned to 16, or NULL when memory is exhausted.  The
 * memory lives until gs_arena_reset() or gs_arena_free(). */
void *gs_arena_alloc(gs_arena *a, size_t n);

/* Copies s[0..n) into the arena and NUL-terminates it; NULL on failure. */
char *gs_arena_strndup(gs_arena *a, const char *s, size_t n);

void gs_arena_reset(gs_arena *a);
void gs_arena_free(gs_arena *a);

/* ----------------------------------------------------------------- buffer */

/* A growable byte buffer.  Appends fail (returning GESTA_ENOMEM) instead of
 * aborting; after a failure the buffer keeps its earlier contents. */
typedef struct gs_buf {
    char *data;
    size_t len;
    size_t cap;
} gs_buf;

#define GS_BUF_INIT {NULL, 0, 0}

int gs_buf_reserve(gs_buf *b, size_t extra);
int gs_buf_append(gs_buf *b, const void *p, size_t n);
/* Appends one byte (inline: most calls find room). */
static inline int gs_buf_putc(gs_buf *b, char c)
{
    if (b->cap - b->len > 1) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return 0;
    }
    return gs_buf_append(b, &c, 1);
}
/* Appends the NUL-terminated s: inline, so that a literal's length is
 * known where it is written and the copy is a few stores. */
static inline int gs_buf_puts(gs_buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->cap - b->len > n) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return 0;
    }
    return gs_buf_append(b, s, n);
}
int gs_buf_printf(gs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends an unsigned decimal number. */
int gs_buf_put_u64(gs_buf *b, uint64_t v);
/* Appends v as printf's "%.1f" does, without printf for a value with one
 * decimal (a Goldstein score). */
int gs_buf_put_dec1(gs_buf *b, double v);
/* Appends s[0..n) as the inside of a JSON string (no quotes), escaping
 * quotes, backslashes and control characters.  s must be valid UTF-8. */
int gs_buf_put_json_str(gs_buf *b, const char *s, size_t n);
/* Appends s[0..n) with tabs, newlines and carriage returns replaced by
 * spaces, for one-line-per-record text outputs. */
int gs_buf_put_oneline(gs_buf *b, const char *s, size_t n);
void gs_buf_clear(gs_buf *b);
void gs_buf_free(gs_buf *b);

/* ------------------------------------------------------------ growth vecs */

/* Grows *p (an array of elements of size esz with capacity *cap) to hold at
 * least need elements.  Returns 0 or GESTA_ENOMEM (array unchanged). */
int gs_grow(void **p, size_t *cap, size_t need, size_t esz);

/* ------------------------------------------------------------------ dates */

/* True when y-m-d is a real calendar date. */
bool gs_date_valid(int y, int m, int d);
/* Writes YYYY-MM-DD and a NUL into out[11]; "" for 0. */
void gs_date_format(int32_t date, char out[11]);

/* ------------------------------------------------------------------ ascii */

/* Is s[0..n) the NUL-terminated literal lit?  Stops at the first
 * difference, without measuring lit. */
static inline bool gs_lit_eq(const char *s, size_t n, const char *lit)
{
    size_t i = 0;
    for (; i < n; i++)
        if (lit[i] != s[i] || !lit[i])
            return false;
    return lit[i] == '\0';
}

/* Copies at most max bytes of the string src into dst, a buffer of cap
 * bytes (cap >= 1), and terminates it: snprintf(dst, cap, "%.*s", max, src)
 * without the formatting machinery, for the coder's short codes. */
static inline void gs_strcpy_max(char *dst, size_t cap, const char *src, size_t max)
{
    size_t i = 0;
    for (; i + 1 < cap && i < max && src[i]; i++)
        dst[i] = src[i];
    dst[i] = '\0';
}

/* snprintf(dst, cap, "%s", src) (cap >= 1). */
static inline void gs_strcpy(char *dst, size_t cap, const char *src)
{
    gs_strcpy_max(dst, cap, src, (size_t)-1);
}

static inline int gs_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
static inline bool gs_is_upper(int c) { return c >= 'A' && c <= 'Z'; }
/* gs_lit_eq ignoring ASCII case; lit is lower-case. */
static inline bool gs_lit_eq_nocase(const char *s, size_t n, const char *lit)
{
    size_t i = 0;
    for (; i < n; i++)
        if (!lit[i] || lit[i] != ((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]))
            return false;
    return lit[i] == '\0';
}

/* Do a and b, n bytes each, differ at most in ASCII case? */
static inline bool gs_same_nocase(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (gs_lower((unsigned char)a[i]) != gs_lower((unsigned char)b[i]))
            return false;
    return true;
}

/* gs_lit_eq and gs_lit_eq_nocase for a literal whose length the compiler
 * knows: the length first, then one block compare (or the case-blind loop);
 * any other lit as the functions do.  For small helpers inlined where they
 * are called with literals (GS_ALWAYS_INLINE). */
#define GS_LIT_EQ(s, n, lit)                                                                      \
    (__builtin_constant_p(__builtin_strlen(lit))                                                  \
         ? ((n) == __builtin_strlen(lit) && !memcmp((s), (lit), __builtin_strlen(lit)))          \
         : gs_lit_eq((s), (n), (lit)))
#define GS_LIT_EQ_NOCASE(s, n, lit)                                                               \
    (__builtin_constant_p(__builtin_strlen(lit))                                                  \
         ? ((n) == __builtin_strlen(lit) && gs_lit_eq_nocase((s), (n), (lit)))                   \
         : gs_lit_eq_nocase((s), (n), (lit)))
#define GS_ALWAYS_INLINE inline __attribute__((always_inline))

static inline bool gs_is_lower(int c) { return c >= 'a' && c <= 'z'; }
static inline bool gs_is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool gs_is_alpha(int c) { return gs_is_upper(c) || gs_is_lower(c); }

/* Case-insensitive (ASCII) comparison of s[0..n) with the NUL-terminated lit. */
bool gs_eq_nocase(const char *s, size_t n, const char *lit);
/* Is s[0..n) one of the lower-case, non-empty words of the NULL-terminated
 * list, ignoring case?  Only the words with s's first letter are compared. */
bool gs_in_nocase(const char *s, size_t n, const char *const *list);

#endif /* GESTA_CORE_H */
