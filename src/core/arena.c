/*
 * arena.c: the per-document bump allocator.  Every allocation a worker makes
 * while analysing one document comes from here, so that finishing a
 * document is one reset, not thousands of frees.
 */
#include "core.h"

struct gs_arena_chunk {
    gs_arena_chunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    /* data follows, 16-aligned */
};

#define GS_CHUNK_HDR ((sizeof(gs_arena_chunk) + 15) & ~(size_t)15)

void gs_arena_init(gs_arena *a, size_t chunk_size)
{
    a->head = NULL;
    a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
}

static gs_arena_chunk *chunk_new(size_t size)
{
    gs_arena_chunk *c = malloc(GS_CHUNK_HDR + size);
    if (!c)
        return NULL;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

void *gs_arena_alloc(gs_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    gs_arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > a->chunk_size ? n : a->chunk_size;
        gs_arena_chunk *fresh = chunk_new(size);
        if (!fresh)
            return NULL;
        if (c && n > a->chunk_size) {
            /* An oversized block goes behind the current chunk so that the
             * current chunk's free space stays usable. */
            fresh->next = c->next;
            c->next = fresh;
            fresh->used = n;
            return (char *)fresh + GS_CHUNK_HDR;
        }
        fresh->next = c;
        a->head = c = fresh;
    }
    void *p = (char *)c + GS_CHUNK_HDR + c->used;
    c->used += n;
    return p;
}

char *gs_arena_strndup(gs_arena *a, const char *s, size_t n)
{
    char *p = gs_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void gs_arena_reset(gs_arena *a)
{
    /* Keep one chunk of the ordinary size, so that a worker that sees
     * documents of ordinary size stops calling malloc; oversized chunks go. */
    gs_arena_chunk *c = a->head;
    gs_arena_chunk *keep = NULL;
    while (c) {
        gs_arena_chunk *next = c->next;
        if (!keep && c->size == a->chunk_size)
            keep = c;
        else
            free(c);
        c = next;
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
    a->head = keep;
}

void gs_arena_free(gs_arena *a)
{
    gs_arena_chunk *c = a->head;
    while (c) {
        gs_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}
