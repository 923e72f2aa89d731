/*
 * build.c: the dictionary builder (word interning, phrase tries, entry
 * arrays), the compiled format (save and load), and the lookups.
 *
 * Readers (read.c) hand the builder phrases as word lists with
 * connectors; gs_dict_build() turns each kind's phrases into a trie and
 * freezes everything into a gs_dict of flat arrays.  gs_dict_save() writes
 * those arrays after a header and a section table; gs_dict_load_mem()
 * checks every index and points the arrays into the bytes.
 */
#include "dict_int.h"

#include <stdio.h>

/* ---------------------------------------------------------------- vectors */

#define VEC_PUSH(b, arr, n, cap, val)                                                  \
    ((n) == (cap) && gs_grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))) < 0     \
         ? GESTA_ENOMEM                                                                \
         : ((arr)[(n)++] = (val), 0))

/* ------------------------------------------------------------------ pool */

uint32_t gs_db_str(gs_dict_builder *b, const char *s, size_t n)
{
    if (n == 0)
        return 0; /* offset 0 is "" */
    if (gs_buf_reserve(&b->pool, n + 1) < 0) {
        b->oom = true;
        return 0;
    }
    if (b->pool.len == 0)
        gs_buf_putc(&b->pool, '\0');
    uint32_t off = (uint32_t)b->pool.len;
    gs_buf_append(&b->pool, s, n);
    gs_buf_putc(&b->pool, '\0');
    return off;
}

/* ------------------------------------------------------------------ words */

static uint32_t fnv(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

/* A slot of the word hash: the word's id + 1 in its low GS_WORD_ID_BITS
 * bits, and the top bits of its hash above them, so that a probe passes
 * over the slots of other words without reading their strings. */
static inline uint32_t word_slot(uint32_t id, uint32_t hash)
{
    return (id + 1) | (hash & ~GS_WORD_ID_MASK);
}

static int word_rehash(gs_dict_builder *b, uint32_t size)
{
    uint32_t *t = calloc(size, sizeof(uint32_t));
    if (!t)
        return GESTA_ENOMEM;
    for (uint32_t id = 0; id < b->nwords; id++) {
        const char *s = b->pool.data + b->word_str[id];
        uint32_t fh = fnv(s, strlen(s)), h = fh & (size - 1);
        while (t[h])
            h = (h + 1) & (size - 1);
        t[h] = word_slot(id, fh);
    }
    free(b->word_hash);
    b->word_hash = t;
    b->word_hash_size = size;
    return 0;
}

/* Interns a lower-case word; returns its id or UINT32_MAX when out of memory. */
uint32_t gs_db_word(gs_dict_builder *b, const char *w, size_t n)
{
    if ((b->nwords + 1) * 2 > b->word_hash_size &&
        word_rehash(b, b->word_hash_size ? b->word_hash_size * 2 : 4096) < 0) {
        b->oom = true;
        return UINT32_MAX;
    }
    uint32_t fh = fnv(w, n), h = fh & (b->word_hash_size - 1);
    while (b->word_hash[h]) {
        uint32_t e = b->word_hash[h];
        if (!((e ^ fh) & ~GS_WORD_ID_MASK)) {
            uint32_t id = (e & GS_WORD_ID_MASK) - 1;
            const char *s = b->pool.data + b->word_str[id];
            if (!strncmp(s, w, n) && s[n] == '\0')
                return id;
        }
        h = (h + 1) & (b->word_hash_size - 1);
    }
    if (b->nwords >= GS_WORD_ID_MASK - 1) {
        /* the word hash's slots hold ids below 2^GS_WORD_ID_BITS - 1 */
        if (!b->oom)
            gs_db_report(b, false, 0, "more than %u distinct words in one set of dictionaries",
                         GS_WORD_ID_MASK - 2);
        b->oom = true;
        return UINT32_MAX;
    }
    uint32_t off = gs_db_str(b, w, n);
    if (b->oom || VEC_PUSH(b, b->word_str, b->nwords, b->cap_word_str, off) < 0) {
        b->oom = true;
        return UINT32_MAX;
    }
    b->word_hash[h] = word_slot(b->nwords - 1, fh);
    return b->nwords - 1;
}

/* --------------------------------------------------------------- builder */

int gs_dict_builder_new(gs_dict_builder **out, const gesta_limits *lim, gs_dict_report report,
                        void *report_ctx)
{
    gs_dict_builder *b = calloc(1, sizeof *b);
    if (!b)
        return GESTA_ENOMEM;
    b->lim = lim;
    b->report = report;
    b->report_ctx = report_ctx;
    gs_arena_init(&b->arena, 64 * 1024);
    b->text.arena = &b->arena;
    b->text.lim = lim;
    gs_buf_putc(&b->pool, '\0');
    *out = b;
    return 0;
}

void gs_dict_builder_free(gs_dict_builder *b)
{
    if (!b)
        return;
    gs_buf_free(&b->pool);
    free(b->word_str);
    free(b->word_hash);
    free(b->phrases);
    free(b->pwords);
    free(b->actors);
    free(b->codes);
    free(b->agents);
    free(b->discards);
    free(b->issues);
    free(b->vblocks);
    free(b->patterns);
    free(b->pelems);
    free(b->vforms);
    free(b->vwords);
    free(b->synsets);
    free(b->synmem);
    free(b->files);
    free(b->macros);
    free(b->text.toks);
    free(b->text.sents);
    gs_arena_free(&b->arena);
    free(b);
}

void gs_db_report(gs_dict_builder *b, bool warning, uint32_t line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (warning)
        b->stats.warnings++;
    else
        b->stats.errors++;
    if (b->report)
        b->report(b->report_ctx, warning, b->cur_file_name, line, msg);
}

uint32_t gs_db_file(gs_dict_builder *b, const char *name)
{
    uint32_t off = gs_db_str(b, name, strlen(name));
    if (VEC_PUSH(b, b->files, b->nfiles, b->cap_files, off) < 0)
        b->oom = true;
    return b->nfiles - 1;
}

int gs_db_phrase(gs_dict_builder *b, int kind, const gs_word_list *wl, uint32_t entry)
{
    if (wl->n == 0)
        return 0;
    if (b->nphrases >= b->lim->max_dict_entries * 4)
        return GESTA_ELIMIT;
    gs_phrase p = {(uint32_t)kind, b->npwords, wl->n, entry, b->nphrases};
    for (uint32_t i = 0; i < wl->n; i++) {
        uint32_t packed = wl->word[i] | (wl->gap[i] ? 0x80000000u : 0);
        if (VEC_PUSH(b, b->pwords, b->npwords, b->cap_pwords, packed) < 0)
            return GESTA_ENOMEM;
    }
    if (VEC_PUSH(b, b->phrases, b->nphrases, b->cap_phrases, p) < 0)
        return GESTA_ENOMEM;
    return 0;
}

/* ------------------------------------------------------------------ tries */

/* Phrases sorted by kind, then word by word (word id, then gap), then
 * insertion order, so that a trie is laid out breadth-first per level by
 * a single pass over equal prefixes. */
static const gs_dict_builder *sort_b;

static int phrase_cmp(const void *pa, const void *pb)
{
    const gs_phrase *a = pa, *b = pb;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    uint32_t n = a->n < b->n ? a->n : b->n;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t x = sort_b->pwords[a->words + i], y = sort_b->pwords[b->words + i];
        uint32_t xw = x & 0x7fffffffu, yw = y & 0x7fffffffu;
        if (xw != yw)
            return xw < yw ? -1 : 1;
        if (x != y)
            return x < y ? -1 : 1;
    }
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    return a->order < b->order ? -1 : (a->order > b->order);
}

typedef struct tbuild {
    gs_tnode *nodes;
    size_t nnodes, cap_nodes;
    gs_tedge *edges;
    size_t nedges, cap_edges;
} tbuild;

static int new_node(tbuild *t, uint32_t *out)
{
    gs_tnode n = {0, 0, 0};
    if (t->nnodes == t->cap_nodes &&
        gs_grow((void **)&t->nodes, &t->cap_nodes, t->nnodes + 1, sizeof(gs_tnode)) < 0)
        return GESTA_ENOMEM;
    t->nodes[t->nnodes] = n;
    *out = (uint32_t)t->nnodes++;
    return 0;
}

/* Builds the subtrie for phrases ph[lo..hi) that share their first depth
 * words, rooted at node.  Children of a node are made contiguous. */
static int build_level(gs_dict_builder *b, tbuild *t, const gs_phrase *ph, size_t lo, size_t hi,
                       uint32_t depth, uint32_t node, uint32_t kind)
{
    /* phrases that end here: the first (file order) wins */
    size_t i = lo;
    uint32_t best_order = UINT32_MAX;
    while (i < hi && ph[i].n == depth) {
        if (ph[i].order < best_order) {
            if (best_order != UINT32_MAX && kind == GS_DK_ACTOR)
                b->stats.warnings += 0; /* a repeated phrase: the first stays */
            best_order = ph[i].order;
            t->nodes[node].entry = ph[i].entry + 1;
        }
        i++;
    }
    /* group the rest by (word, gap) at this depth */
    size_t groups = 0;
    for (size_t j = i; j < hi;) {
        uint32_t key = b->pwords[ph[j].words + depth];
        size_t k = j;
        while (k < hi && b->pwords[ph[k].words + depth] == key)
            k++;
        groups++;
        j = k;
    }
    if (!groups)
        return 0;
    uint32_t first = (uint32_t)t->nedges;
    if (gs_grow((void **)&t->edges, &t->cap_edges, t->nedges + groups, sizeof(gs_tedge)) < 0)
        return GESTA_ENOMEM;
    t->nedges += groups;
    t->nodes[node].first = first;
    t->nodes[node].n = (uint32_t)groups;
    size_t g = 0;
    for (size_t j = i; j < hi; g++) {
        uint32_t key = b->pwords[ph[j].words + depth];
        size_t k = j;
        while (k < hi && b->pwords[ph[k].words + depth] == key)
            k++;
        uint32_t child;
        int rc = new_node(t, &child);
        if (rc < 0)
            return rc;
        t->edges[first + g].word = key & 0x7fffffffu;
        t->edges[first + g].gap = key >> 31;
        t->edges[first + g].child = child;
        if ((rc = build_level(b, t, ph, j, k, depth + 1, child, kind)) < 0)
            return rc;
        j = k;
    }
    return 0;
}

/* ---------------------------------------------------------------- freeze */


static int first_words(gs_dict *d);

static const uint32_t *sort_vwords;

/* Multi-word members first, by first word id and then longest first; then
 * one-word members by word id. */
static int synmem_cmp(const void *pa, const void *pb)
{
    const gs_synmem *a = pa, *b = pb;
    bool am = a->nwords > 1, bm = b->nwords > 1;
    if (am != bm)
        return am ? -1 : 1;
    uint32_t x = a->nwords ? sort_vwords[a->words] : 0, y = b->nwords ? sort_vwords[b->words] : 0;
    if (x != y)
        return x < y ? -1 : 1;
    if (a->nwords != b->nwords)
        return a->nwords > b->nwords ? -1 : 1;
    return a->words < b->words ? -1 : a->words > b->words;
}

/* Orders every synset's members for matching: the longest phrase wins, and
 * one-word members are found by binary search (gs_synset_match). */
static void sort_synsets(gs_dict_builder *b)
{
    sort_vwords = b->vwords;
    for (uint32_t i = 0; i < b->nsynsets; i++) {
        gs_synset *sy = &b->synsets[i];
        if (sy->nmembers > 1)
            qsort(b->synmem + sy->members, sy->nmembers, sizeof(gs_synmem), synmem_cmp);
    }
}

/* ------------------------------------------------------------- surnames */

typedef struct sname {
    uint32_t word, actor;
} sname;

static int sname_cmp(const void *pa, const void *pb)
{
    const sname *a = pa, *b = pb;
    if (a->word != b->word)
        return a->word < b->word ? -1 : 1;
    return a->actor < b->actor ? -1 : (a->actor > b->actor);
}

/* Is actor entry a a person: a code that holds for some dates only (an
 * office), every code of one country or organisation? */
static bool person_entry(const gs_dict_builder *b, const gs_actor *a, char country[4])
{
    bool dated = false;
    for (uint32_t i = 0; i < a->ncodes; i++) {
        const gs_code *c = &b->codes[a->codes + i];
        const char *s = b->pool.data + c->code;
        if (strlen(s) < 6)
            return false; /* a person holds a role: USAGOV, not USA */
        if (!country[0])
            memcpy(country, s, 3);
        else if (memcmp(country, s, 3))
            return false;
        dated |= c->kind != GS_CODE_DEFAULT;
    }
    return dated;
}

/* Surnames: a person's entry can be named by the last word of the name
 * after a title or before "administration" ("President Bush", "the Bush
 * administration"); the coder decides when, and which bearer the date and
 * the title point to.  Per surname, extra actor entries: one per bearer
 * with its dated codes and its record's provenance, then one without codes
 * that ends the list; the surname's phrase names the first. */
static int add_surnames(gs_dict_builder *b)
{
    size_t n0 = b->nphrases, nv = 0;
    sname *v = malloc((n0 ? n0 : 1) * sizeof *v);
    if (!v)
        return GESTA_ENOMEM;
    for (size_t i = 0; i < n0; i++) {
        const gs_phrase *p = &b->phrases[i];
        if (p->kind != GS_DK_ACTOR || p->n < 2 || p->n > 6 || p->entry >= b->nactors)
            continue;
        char country[4] = "";
        if (!person_entry(b, &b->actors[p->entry], country))
            continue;
        uint32_t last = p->n - 1;
        const char *w = b->pool.data + b->word_str[b->pwords[p->words + last] & 0x7fffffffu];
        if ((!strcmp(w, "jr.") || !strcmp(w, "jr") || !strcmp(w, "sr.") || !strcmp(w, "ii") ||
             !strcmp(w, "iii")) && last >= 2)
            last--;
        uint32_t word = b->pwords[p->words + last] & 0x7fffffffu;
        w = b->pool.data + b->word_str[word];
        if (strlen(w) < 3 || !((w[0] >= 'a' && w[0] <= 'z') || (unsigned char)w[0] >= 0x80))
            continue;
        v[nv++] = (sname){word, p->entry};
    }
    qsort(v, nv, sizeof *v, sname_cmp);
    /* a word that begins some person's name elsewhere ("Musa", "Ali",
     * "Lee") is a given name too (or a family name written first): not a
     * surname alone; a middle word ("Johnson" of Ellen Johnson Sirleaf)
     * does not count */
    uint8_t *seen = calloc(b->nactors ? b->nactors : 1, 1);
    if (!seen) {
        free(v);
        return GESTA_ENOMEM;
    }
    for (size_t i = 0; i < n0; i++) {
        const gs_phrase *p = &b->phrases[i];
        if (p->kind != GS_DK_ACTOR || p->n < 2 || p->n > 6 || p->entry >= b->nactors)
            continue;
        /* the root phrase only (the first of its entry): a synonym may
         * put the surname first ("JOHNSON_SIRLEAF") */
        if (seen[p->entry]++)
            continue;
        char country[4] = "";
        if (!person_entry(b, &b->actors[p->entry], country))
            continue;
        for (uint32_t k = 0; k < 1; k++) {
            sname key = {b->pwords[p->words + k] & 0x7fffffffu, 0};
            size_t lo = 0, hi = nv;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (v[mid].word < key.word)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (; lo < nv && v[lo].word == key.word; lo++)
                v[lo].actor = UINT32_MAX; /* dropped below */
        }
    }
    free(seen);
    int rc = 0;
    for (size_t lo = 0, hi; lo < nv && rc == 0; lo = hi) {
        bool given = false;
        for (hi = lo; hi < nv && v[hi].word == v[lo].word; hi++)
            given |= v[hi].actor == UINT32_MAX;
        if (given)
            continue;
        if (b->nactors >= b->lim->max_dict_entries * 2) {
            rc = GESTA_ELIMIT;
            break;
        }
        /* one entry per bearer with its dated codes and its own record
         * as evidence, then an entry without codes that ends the list */
        uint32_t first_entry = (uint32_t)b->nactors;
        for (size_t k = lo; k < hi && rc == 0; k++) {
            if (k > lo && v[k].actor == v[k - 1].actor)
                continue;
            gs_actor a = b->actors[v[k].actor]; /* a copy: the array grows */
            gs_actor sa = {(uint32_t)b->ncodes, 0, a.root, a.src};
            for (uint32_t i = 0; i < a.ncodes && rc == 0; i++)
                if (b->codes[a.codes + i].kind != GS_CODE_DEFAULT) {
                    rc = VEC_PUSH(b, b->codes, b->ncodes, b->cap_codes, b->codes[a.codes + i]);
                    sa.ncodes++;
                }
            if (rc == 0 && sa.ncodes)
                rc = VEC_PUSH(b, b->actors, b->nactors, b->cap_actors, sa);
        }
        gs_actor end = {(uint32_t)b->ncodes, 0, 0, {0, 0}};
        gs_word_list wl = {.n = 1};
        wl.word[0] = v[lo].word;
        if (rc == 0 && b->nactors > first_entry &&
            (rc = VEC_PUSH(b, b->actors, b->nactors, b->cap_actors, end)) == 0)
            rc = gs_db_phrase(b, GS_DK_SURNAME, &wl, first_entry);
    }
    free(v);
    if (rc == 0 && (b->kinds & (1u << GS_DK_ACTOR)))
        b->kinds |= 1u << GS_DK_SURNAME;
    return rc;
}

int gs_dict_build(gs_dict_builder *b, gs_dict **out)
{
    *out = NULL;
    if (b->oom)
        return GESTA_ENOMEM;
    int rc = gs_db_finish_verbs(b);
    if (rc < 0)
        return rc;
    if ((rc = add_surnames(b)) < 0)
        return rc;
    gs_dict *d = calloc(1, sizeof *d);
    if (!d)
        return GESTA_ENOMEM;
    tbuild t = {0};
    sort_b = b;
    if (b->nphrases)
        qsort(b->phrases, b->nphrases, sizeof(gs_phrase), phrase_cmp);
    size_t lo = 0;
    for (uint32_t kind = 0; kind < GS_DK_COUNT; kind++) {
        uint32_t root;
        if ((rc = new_node(&t, &root)) < 0)
            goto fail;
        d->root[kind] = root;
        size_t hi = lo;
        while (hi < b->nphrases && b->phrases[hi].kind == kind)
            hi++;
        if ((rc = build_level(b, &t, b->phrases, lo, hi, 0, root, kind)) < 0)
            goto fail;
        lo = hi;
    }
    /* move everything into one owned block, in the same layout as the file */
    struct gs_owned *o = calloc(1, sizeof *o);
    if (!o) {
        rc = GESTA_ENOMEM;
        goto fail;
    }
    o->pool = b->pool.data;
    o->word_str = b->word_str;
    o->word_hash = b->word_hash;
    o->nodes = t.nodes;
    o->edges = t.edges;
    o->actors = b->actors;
    o->codes = b->codes;
    o->agents = b->agents;
    o->discards = b->discards;
    o->issues = b->issues;
    o->vblocks = b->vblocks;
    o->patterns = b->patterns;
    o->pelems = b->pelems;
    o->vforms = b->vforms;
    o->vwords = b->vwords;
    o->synsets = b->synsets;
    o->synmem = b->synmem;
    o->files = b->files;
    d->owned = o;
    d->pool = b->pool.data;
    d->pool_len = (uint32_t)b->pool.len;
    d->word_str = b->word_str;
    d->nwords = b->nwords;
    d->word_hash = b->word_hash;
    d->word_hash_size = b->word_hash_size;
    d->nodes = t.nodes;
    d->nnodes = (uint32_t)t.nnodes;
    d->edges = t.edges;
    d->nedges = (uint32_t)t.nedges;
    d->actors = b->actors;
    d->nactors = b->nactors;
    d->codes = b->codes;
    d->ncodes = b->ncodes;
    d->agents = b->agents;
    d->nagents = b->nagents;
    d->discards = b->discards;
    d->ndiscards = b->ndiscards;
    d->issues = b->issues;
    d->nissues = b->nissues;
    d->vblocks = b->vblocks;
    d->nvblocks = b->nvblocks;
    d->patterns = b->patterns;
    d->npatterns = b->npatterns;
    d->pelems = b->pelems;
    d->npelems = b->npelems;
    d->vforms = b->vforms;
    d->nvforms = b->nvforms;
    d->vwords = b->vwords;
    d->nvwords = b->nvwords;
    sort_synsets(b);
    d->synsets = b->synsets;
    d->nsynsets = b->nsynsets;
    d->synmem = b->synmem;
    d->nsynmem = b->nsynmem;
    d->files = b->files;
    d->nfiles = b->nfiles;
    d->kinds = b->kinds;
    d->verb_format = b->verb_format;
    /* the builder no longer owns these */
    memset(&b->pool, 0, sizeof b->pool);
    b->word_str = b->word_hash = NULL;
    b->actors = NULL;
    b->codes = NULL;
    b->agents = NULL;
    b->discards = NULL;
    b->issues = NULL;
    b->vblocks = NULL;
    b->patterns = NULL;
    b->pelems = NULL;
    b->vforms = NULL;
    b->vwords = NULL;
    b->synsets = NULL;
    b->synmem = NULL;
    b->files = NULL;
    b->nwords = b->nactors = b->ncodes = b->nagents = b->ndiscards = b->nissues = 0;
    b->nvblocks = b->npatterns = b->npelems = b->nvforms = b->nvwords = b->nsynsets = 0;
    b->nsynmem = b->nfiles = 0;
    b->word_hash_size = 0;
    if (first_words(d) < 0) {
        gs_dict_free(d);
        return GESTA_ENOMEM;
    }
    *out = d;
    return 0;
fail:
    free(t.nodes);
    free(t.edges);
    free(d);
    return rc;
}

/* Computes d->first_words from the tries' root edges.  Returns 0 or
 * GESTA_ENOMEM. */
/* The bits set in x, inline (the baseline x86-64 instruction set has no
 * popcnt, and the compiler's fallback is a library call). */
static inline uint32_t popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (uint32_t)((x * 0x0101010101010101ull) >> 56);
}

static int first_words(gs_dict *d)
{
    d->first_stride = (d->nwords + 64) / 64;
    d->first_words = calloc((size_t)GS_DK_COUNT * d->first_stride, sizeof(uint64_t));
    if (!d->first_words)
        return GESTA_ENOMEM;
    size_t nfirst = 0;
    for (int k = 0; k < GS_DK_COUNT; k++) {
        const gs_tnode *root = &d->nodes[d->root[k]];
        uint64_t *bits = d->first_words + (size_t)k * d->first_stride;
        for (uint32_t e = root->first; e < root->first + root->n; e++) {
            uint32_t w = d->edges[e].word;
            if (w < d->nwords && !((bits[w >> 6] >> (w & 63)) & 1)) {
                bits[w >> 6] |= 1ull << (w & 63);
                nfirst++;
            }
        }
    }
    /* the root edges of each first word found without a search: the
     * edges are sorted by word, so the r-th first word (by rank in the
     * bitmap) owns edges first_edge[r] up to first_edge[r + 1] */
    d->first_rank = malloc((size_t)GS_DK_COUNT * d->first_stride * sizeof(uint32_t));
    d->first_edge = malloc((nfirst + GS_DK_COUNT) * sizeof(uint32_t));
    if (!d->first_rank || !d->first_edge)
        return GESTA_ENOMEM;
    uint32_t off = 0;
    for (int k = 0; k < GS_DK_COUNT; k++) {
        const uint64_t *bits = d->first_words + (size_t)k * d->first_stride;
        uint32_t *rank = d->first_rank + (size_t)k * d->first_stride;
        uint32_t r = 0;
        for (uint32_t b = 0; b < d->first_stride; b++) {
            rank[b] = r;
            r += popcount64(bits[b]);
        }
        d->first_edge_off[k] = off;
        const gs_tnode *root = &d->nodes[d->root[k]];
        uint32_t e = root->first, end = root->first + root->n;
        for (; e < end && d->edges[e].word < d->nwords; e++)
            if (e == root->first || d->edges[e].word != d->edges[e - 1].word)
                d->first_edge[off++] = e;
        d->first_edge[off++] = e; /* the end of the last word's edges */
    }
    d->synset_multi = calloc(d->nsynsets ? d->nsynsets : 1, sizeof(uint32_t));
    if (!d->synset_multi)
        return GESTA_ENOMEM;
    for (uint32_t i = 0; i < d->nsynsets; i++) {
        uint32_t n = 0, maxlen = 1;
        /* (synmem is NULL when no synset has members) */
        const gs_synmem *m = d->synsets[i].nmembers ? d->synmem + d->synsets[i].members : NULL;
        while (n < d->synsets[i].nmembers && n < 0xffffff && m[n].nwords > 1) {
            if (m[n].nwords > maxlen)
                maxlen = m[n].nwords < 255 ? m[n].nwords : 255;
            n++;
        }
        d->synset_multi[i] = n | maxlen << 24;
    }
    /* the tries laid out for matching (tz, in gs_dict) */
    uint32_t *toff = malloc(((size_t)d->nnodes + 1) * sizeof(uint32_t));
    if (!toff)
        return GESTA_ENOMEM;
    uint64_t tzn = 0;
    for (uint32_t i = 0; i < d->nnodes; i++) {
        toff[i] = (uint32_t)tzn;
        tzn += 2 + 2 * (uint64_t)d->nodes[i].n;
        if (tzn >= 0x80000000u) { /* offsets must leave bit 31 free */
            free(toff);
            return GESTA_ENOMEM;
        }
    }
    d->tz = malloc((tzn ? tzn : 1) * sizeof(uint32_t));
    d->first_child = malloc((nfirst + GS_DK_COUNT) * sizeof(uint32_t));
    if (!d->tz || !d->first_child) {
        free(toff);
        return GESTA_ENOMEM;
    }
    for (uint32_t i = 0; i < d->nnodes; i++) {
        const gs_tnode *nd = &d->nodes[i];
        uint32_t *o = d->tz + toff[i], gap = 0;
        o[0] = nd->entry;
        for (uint32_t k = 0; k < nd->n; k++) {
            const gs_tedge *e = &d->edges[nd->first + k];
            o[2 + 2 * k] = e->word;
            o[3 + 2 * k] = toff[e->child] | (uint32_t)(e->gap != 0) << 31;
            gap |= e->gap != 0;
        }
        o[1] = nd->n | gap << 31;
    }
    for (int k = 0; k < GS_DK_COUNT; k++) {
        d->tz_root[k] = toff[d->root[k]];
        /* (a kind's first words in first_edge, and one more for the end) */
        uint32_t nf = (k + 1 < GS_DK_COUNT ? d->first_edge_off[k + 1] : (uint32_t)(nfirst + GS_DK_COUNT)) -
                      d->first_edge_off[k];
        for (uint32_t r = 0; r + 1 < nf; r++) {
            uint32_t lo = d->first_edge[d->first_edge_off[k] + r],
                     hi = d->first_edge[d->first_edge_off[k] + r + 1];
            d->first_child[d->first_edge_off[k] + r] =
                hi - lo == 1 ? toff[d->edges[lo].child] : UINT32_MAX;
        }
        d->first_child[d->first_edge_off[k] + nf - 1] = UINT32_MAX;
    }
    free(toff);
    /* each pattern's signature of the words it needs */
    d->pattern_sig = calloc(d->npatterns ? d->npatterns : 1, sizeof(uint64_t));
    if (!d->pattern_sig)
        return GESTA_ENOMEM;
    for (uint32_t p = 0; p < d->npatterns; p++)
        for (uint32_t q = 0; q < d->patterns[p].nelems; q++) {
            const gs_pelem *el = &d->pelems[d->patterns[p].elems + q];
            if (el->kind == GS_PE_WORD)
                d->pattern_sig[p] |= gs_word_sig(el->arg);
        }
    /* the synsets by their members' first words (counts, then the lists) */
    d->syn_first_off = calloc((size_t)d->nwords + 2, sizeof(uint32_t));
    if (!d->syn_first_off)
        return GESTA_ENOMEM;
    size_t total = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < d->nsynsets; i++)
            for (uint32_t k = 0; k < d->synsets[i].nmembers; k++) {
                const gs_synmem *m = &d->synmem[d->synsets[i].members + k];
                uint32_t w = m->nwords ? d->vwords[m->words] : UINT32_MAX;
                if (w >= d->nwords)
                    continue;
                if (pass == 0) {
                    d->syn_first_off[w + 2]++;
                    total++;
                } else {
                    d->syn_first[d->syn_first_off[w + 1]++] = i;
                }
            }
        if (pass == 0) {
            for (uint32_t w = 0; w < d->nwords; w++)
                d->syn_first_off[w + 2] += d->syn_first_off[w + 1];
            d->syn_first = malloc((total ? total : 1) * sizeof(uint32_t));
            if (!d->syn_first)
                return GESTA_ENOMEM;
        }
    }
    return 0;
}

void gs_dict_free(gs_dict *d)
{
    if (!d)
        return;
    free(d->first_words);
    free(d->first_rank);
    free(d->first_edge);
    free(d->synset_multi);
    free(d->tz);
    free(d->first_child);
    free(d->pattern_sig);
    free(d->syn_first_off);
    free(d->syn_first);
    struct gs_owned *o = d->owned;
    if (o) {
        if (o->blob) {
            free(o->blob);
        } else {
            free(o->pool);
            free(o->word_str);
            free(o->word_hash);
            free(o->nodes);
            free(o->edges);
            free(o->actors);
            free(o->codes);
            free(o->agents);
            free(o->discards);
            free(o->issues);
            free(o->vblocks);
            free(o->patterns);
            free(o->pelems);
            free(o->vforms);
            free(o->vwords);
            free(o->synsets);
            free(o->synmem);
            free(o->files);
        }
        free(o);
    }
    free(d);
}

/* ------------------------------------------------------- compiled format */

/* File layout: header, then sections, each 8-byte aligned.
 *   "GESTADC\1" magic, uint32 version, uint32 nsections, uint32 kinds,
 *   uint32 verb_format, uint32 root[GS_DK_COUNT], then per section
 *   {uint32 id, uint32 pad, uint64 offset, uint64 size}.  All integers are
 *   little-endian host order (the file records its byte order in the
 *   magic's last byte: 1 = little-endian). */
#define GS_DC_MAGIC "GESTADC\1"
#define GS_DC_VERSION 6 /* 6: hash bits in the word hash's slots */

enum {
    S_POOL, S_WORD_STR, S_WORD_HASH, S_NODES, S_EDGES, S_ACTORS, S_CODES, S_AGENTS, S_DISCARDS,
    S_ISSUES, S_VBLOCKS, S_PATTERNS, S_PELEMS, S_VFORMS, S_VWORDS, S_SYNSETS, S_SYNMEM, S_FILES,
    S_COUNT
};

/* 8-byte aligned so that the section table after it is aligned whatever the
 * number of dictionary kinds (the padding is zeroed by the writer). */
typedef struct dc_header {
    _Alignas(8) char magic[8];
    uint32_t version, nsections, kinds, verb_format;
    uint32_t root[GS_DK_COUNT];
} dc_header;
_Static_assert(sizeof(dc_header) % 8 == 0, "section table must be 8-byte aligned");

typedef struct dc_section {
    uint32_t id, pad;
    uint64_t offset, size;
} dc_section;

typedef struct dc_span {
    const void *p;
    size_t size;
} dc_span;

static void sections_of(const gs_dict *d, dc_span *s)
{
    s[S_POOL].p = d->pool, s[S_POOL].size = d->pool_len;
    s[S_WORD_STR].p = d->word_str, s[S_WORD_STR].size = (size_t)d->nwords * 4;
    s[S_WORD_HASH].p = d->word_hash, s[S_WORD_HASH].size = (size_t)d->word_hash_size * 4;
    s[S_NODES].p = d->nodes, s[S_NODES].size = (size_t)d->nnodes * sizeof(gs_tnode);
    s[S_EDGES].p = d->edges, s[S_EDGES].size = (size_t)d->nedges * sizeof(gs_tedge);
    s[S_ACTORS].p = d->actors, s[S_ACTORS].size = (size_t)d->nactors * sizeof(gs_actor);
    s[S_CODES].p = d->codes, s[S_CODES].size = (size_t)d->ncodes * sizeof(gs_code);
    s[S_AGENTS].p = d->agents, s[S_AGENTS].size = (size_t)d->nagents * sizeof(gs_agent);
    s[S_DISCARDS].p = d->discards, s[S_DISCARDS].size = (size_t)d->ndiscards * sizeof(gs_discard);
    s[S_ISSUES].p = d->issues, s[S_ISSUES].size = (size_t)d->nissues * sizeof(gs_issue);
    s[S_VBLOCKS].p = d->vblocks, s[S_VBLOCKS].size = (size_t)d->nvblocks * sizeof(gs_vblock);
    s[S_PATTERNS].p = d->patterns, s[S_PATTERNS].size = (size_t)d->npatterns * sizeof(gs_pattern);
    s[S_PELEMS].p = d->pelems, s[S_PELEMS].size = (size_t)d->npelems * sizeof(gs_pelem);
    s[S_VFORMS].p = d->vforms, s[S_VFORMS].size = (size_t)d->nvforms * sizeof(gs_vform);
    s[S_VWORDS].p = d->vwords, s[S_VWORDS].size = (size_t)d->nvwords * 4;
    s[S_SYNSETS].p = d->synsets, s[S_SYNSETS].size = (size_t)d->nsynsets * sizeof(gs_synset);
    s[S_SYNMEM].p = d->synmem, s[S_SYNMEM].size = (size_t)d->nsynmem * sizeof(gs_synmem);
    s[S_FILES].p = d->files, s[S_FILES].size = (size_t)d->nfiles * 4;
}

int gs_dict_save(const gs_dict *d, gs_buf *out)
{
    dc_span s[S_COUNT];
    sections_of(d, s);
    dc_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GS_DC_MAGIC, 8);
    h.version = GS_DC_VERSION;
    h.nsections = S_COUNT;
    h.kinds = d->kinds;
    h.verb_format = d->verb_format;
    memcpy(h.root, d->root, sizeof h.root);
    size_t off = sizeof h + S_COUNT * sizeof(dc_section);
    off = (off + 7) & ~(size_t)7;
    dc_section sec[S_COUNT];
    for (int i = 0; i < S_COUNT; i++) {
        sec[i].id = (uint32_t)i;
        sec[i].pad = 0;
        sec[i].offset = off;
        sec[i].size = s[i].size;
        off += (s[i].size + 7) & ~(size_t)7;
    }
    if (gs_buf_reserve(out, off) < 0)
        return GESTA_ENOMEM;
    gs_buf_append(out, &h, sizeof h);
    gs_buf_append(out, sec, sizeof sec);
    static const char zeros[8] = {0};
    while (out->len & 7)
        gs_buf_putc(out, 0);
    for (int i = 0; i < S_COUNT; i++) {
        if (s[i].size)
            gs_buf_append(out, s[i].p, s[i].size);
        gs_buf_append(out, zeros, ((s[i].size + 7) & ~(size_t)7) - s[i].size);
    }
    return 0;
}

/* Checks that every index stored in the arrays points inside its target. */
static const char *validate(const gs_dict *d)
{
    if (d->pool_len == 0 || d->pool[d->pool_len - 1] != '\0')
        return "string pool not terminated";
#define OFF_OK(o) ((o) < d->pool_len)
    for (uint32_t i = 0; i < d->nwords; i++)
        if (!OFF_OK(d->word_str[i]))
            return "word string out of range";
    if (d->word_hash_size & (d->word_hash_size - 1))
        return "word hash size not a power of two";
    for (uint32_t i = 0; i < d->word_hash_size; i++) {
        uint32_t e = d->word_hash[i];
        if ((e & GS_WORD_ID_MASK) > d->nwords || (e && !(e & GS_WORD_ID_MASK)))
            return "word hash entry out of range";
    }
    for (int k = 0; k < GS_DK_COUNT; k++)
        if (d->root[k] >= d->nnodes)
            return "trie root out of range";
    for (uint32_t i = 0; i < d->nnodes; i++) {
        const gs_tnode *n = &d->nodes[i];
        if (n->n && ((uint64_t)n->first + n->n > d->nedges))
            return "trie edges out of range";
    }
    for (uint32_t i = 0; i < d->nedges; i++)
        if (d->edges[i].child >= d->nnodes || d->edges[i].word >= d->nwords || d->edges[i].gap > 1)
            return "trie edge out of range";
    for (uint32_t i = 0; i < d->nactors; i++) {
        const gs_actor *a = &d->actors[i];
        if ((uint64_t)a->codes + a->ncodes > d->ncodes || !OFF_OK(a->root) ||
            a->src.file >= d->nfiles)
            return "actor out of range";
    }
    for (uint32_t i = 0; i < d->ncodes; i++)
        if (!OFF_OK(d->codes[i].code) || d->codes[i].kind > GS_CODE_AFTER)
            return "code out of range";
    for (uint32_t i = 0; i < d->nagents; i++)
        if (!OFF_OK(d->agents[i].code) || d->agents[i].src.file >= d->nfiles)
            return "agent out of range";
    for (uint32_t i = 0; i < d->ndiscards; i++)
        if (d->discards[i].src.file >= d->nfiles)
            return "discard out of range";
    for (uint32_t i = 0; i < d->nissues; i++)
        if (!OFF_OK(d->issues[i].code) || d->issues[i].src.file >= d->nfiles)
            return "issue out of range";
    for (uint32_t i = 0; i < d->nvblocks; i++) {
        const gs_vblock *v = &d->vblocks[i];
        if (!OFF_OK(v->name) || !OFF_OK(v->code) || !OFF_OK(v->pcode) ||
            (uint64_t)v->patterns + v->npatterns > d->npatterns || v->src.file >= d->nfiles)
            return "verb block out of range";
    }
    for (uint32_t i = 0; i < d->npatterns; i++) {
        const gs_pattern *p = &d->patterns[i];
        if ((uint64_t)p->elems + p->nelems > d->npelems || !OFF_OK(p->code) || !OFF_OK(p->pcode) ||
            p->block >= d->nvblocks || p->src.file >= d->nfiles)
            return "pattern out of range";
    }
    for (uint32_t i = 0; i < d->npelems; i++) {
        const gs_pelem *e = &d->pelems[i];
        if ((e->kind == GS_PE_WORD && e->arg >= d->nwords) ||
            (e->kind == GS_PE_SYNSET && e->arg >= d->nsynsets) || e->kind > GS_PE_VERB)
            return "pattern element out of range";
    }
    for (uint32_t i = 0; i < d->nvforms; i++) {
        const gs_vform *f = &d->vforms[i];
        if (f->block >= d->nvblocks || (uint64_t)f->words + f->nwords > d->nvwords ||
            f->pre > f->nwords || !OFF_OK(f->code) || !OFF_OK(f->pcode) ||
            f->src.file >= d->nfiles)
            return "verb form out of range";
    }
    for (uint32_t i = 0; i < d->nvwords; i++)
        if (d->vwords[i] >= d->nwords)
            return "verb word out of range";
    for (uint32_t i = 0; i < d->nsynsets; i++)
        if (!OFF_OK(d->synsets[i].name) ||
            (uint64_t)d->synsets[i].members + d->synsets[i].nmembers > d->nsynmem)
            return "synset out of range";
    for (uint32_t i = 0; i < d->nsynmem; i++)
        if ((uint64_t)d->synmem[i].words + d->synmem[i].nwords > d->nvwords)
            return "synset member out of range";
    for (uint32_t i = 0; i < d->nsynsets; i++) {
        const gs_synmem *m = d->synmem + d->synsets[i].members;
        for (uint32_t k = 1; k < d->synsets[i].nmembers; k++) {
            bool pm = m[k - 1].nwords > 1, cm = m[k].nwords > 1;
            if ((cm && !pm) || (pm == cm && m[k - 1].nwords && m[k].nwords &&
                                d->vwords[m[k - 1].words] > d->vwords[m[k].words]))
                return "synset members out of order";
        }
    }
    for (uint32_t i = 0; i < d->nfiles; i++)
        if (!OFF_OK(d->files[i]))
            return "file name out of range";
    /* the entries the tries point to: a kind's nodes are contiguous and
     * start at its root */
    for (int k = 0; k < GS_DK_COUNT; k++) {
        uint32_t limit = k == GS_DK_ACTOR     ? d->nactors
                         : k == GS_DK_AGENT   ? d->nagents
                         : k == GS_DK_DISCARD ? d->ndiscards
                         : k == GS_DK_ISSUE   ? d->nissues
                         : k == GS_DK_SURNAME ? d->nactors
                                              : d->nvforms;
        uint32_t end = k + 1 < GS_DK_COUNT ? d->root[k + 1] : d->nnodes;
        if (end < d->root[k])
            return "trie roots out of order";
        for (uint32_t i = d->root[k]; i < end; i++) {
            if (d->nodes[i].entry > limit)
                return "trie entry out of range";
            for (uint32_t e = d->nodes[i].first; e < d->nodes[i].first + d->nodes[i].n; e++)
                if (d->edges[e].child <= i || d->edges[e].child >= end)
                    return "trie edge leaves its trie";
        }
    }
#undef OFF_OK
    return NULL;
}

static int load_mem(const void *bytes, size_t len, bool copy, void *owned, gs_dict **out,
                    char *err, size_t errlen);

int gs_dict_load_mem(const void *bytes, size_t len, bool copy, gs_dict **out, char *err,
                     size_t errlen)
{
    return load_mem(bytes, len, copy, NULL, out, err, errlen);
}

int gs_dict_load_owned(void *bytes, size_t len, gs_dict **out, char *err, size_t errlen)
{
    if ((uintptr_t)bytes & 7) { /* (malloc's blocks never are) */
        int rc = load_mem(bytes, len, true, NULL, out, err, errlen);
        free(bytes);
        return rc;
    }
    return load_mem(bytes, len, false, bytes, out, err, errlen);
}

/* gs_dict_load_mem; with owned (== bytes), the dictionary takes the
 * memory, and it is freed on failure too. */
static int load_mem(const void *bytes, size_t len, bool copy, void *owned, gs_dict **out,
                    char *err, size_t errlen)
{
    *out = NULL;
    const char *why = NULL;
    if (len < sizeof(dc_header) || memcmp(bytes, GS_DC_MAGIC, 8) != 0) {
        snprintf(err, errlen, "not a compiled gesta dictionary");
        free(owned);
        return GESTA_EDICT;
    }
    void *blob = owned;
    if (!owned && (copy || ((uintptr_t)bytes & 7))) {
        blob = malloc(len);
        if (!blob)
            return GESTA_ENOMEM;
        memcpy(blob, bytes, len);
        bytes = blob;
    }
    const dc_header *h = bytes;
    const dc_section *sec = (const dc_section *)((const char *)bytes + sizeof *h);
    gs_dict *d = calloc(1, sizeof *d);
    struct gs_owned *o = calloc(1, sizeof *o);
    if (!d || !o) {
        free(d);
        free(o);
        free(blob);
        return GESTA_ENOMEM;
    }
    o->blob = blob;
    d->owned = o;
    if (h->version != GS_DC_VERSION) {
        snprintf(err, errlen,
                 "compiled dictionary of format version %u; this gesta reads version %d: "
                 "compile it again from its text files",
                 h->version, GS_DC_VERSION);
        gs_dict_free(d);
        return GESTA_EDICT;
    }
    if (h->nsections != S_COUNT || len < sizeof *h + S_COUNT * sizeof(dc_section)) {
        why = "bad section table";
        goto bad;
    }
    const void *p[S_COUNT];
    size_t size[S_COUNT];
    static const size_t unit[S_COUNT] = {
        1, 4, 4, sizeof(gs_tnode), sizeof(gs_tedge), sizeof(gs_actor), sizeof(gs_code),
        sizeof(gs_agent), sizeof(gs_discard), sizeof(gs_issue), sizeof(gs_vblock),
        sizeof(gs_pattern), sizeof(gs_pelem), sizeof(gs_vform), 4, sizeof(gs_synset),
        sizeof(gs_synmem), 4};
    for (int i = 0; i < S_COUNT; i++) {
        if (sec[i].id != (uint32_t)i || sec[i].offset > len || sec[i].size > len - sec[i].offset ||
            (sec[i].offset & 7) || sec[i].size % unit[i]) {
            why = "section out of range";
            goto bad;
        }
        p[i] = (const char *)bytes + sec[i].offset;
        size[i] = sec[i].size;
    }
    d->pool = p[S_POOL];
    d->pool_len = (uint32_t)size[S_POOL];
    d->word_str = p[S_WORD_STR];
    d->nwords = (uint32_t)(size[S_WORD_STR] / 4);
    d->word_hash = p[S_WORD_HASH];
    d->word_hash_size = (uint32_t)(size[S_WORD_HASH] / 4);
    d->nodes = p[S_NODES];
    d->nnodes = (uint32_t)(size[S_NODES] / sizeof(gs_tnode));
    d->edges = p[S_EDGES];
    d->nedges = (uint32_t)(size[S_EDGES] / sizeof(gs_tedge));
    d->actors = p[S_ACTORS];
    d->nactors = (uint32_t)(size[S_ACTORS] / sizeof(gs_actor));
    d->codes = p[S_CODES];
    d->ncodes = (uint32_t)(size[S_CODES] / sizeof(gs_code));
    d->agents = p[S_AGENTS];
    d->nagents = (uint32_t)(size[S_AGENTS] / sizeof(gs_agent));
    d->discards = p[S_DISCARDS];
    d->ndiscards = (uint32_t)(size[S_DISCARDS] / sizeof(gs_discard));
    d->issues = p[S_ISSUES];
    d->nissues = (uint32_t)(size[S_ISSUES] / sizeof(gs_issue));
    d->vblocks = p[S_VBLOCKS];
    d->nvblocks = (uint32_t)(size[S_VBLOCKS] / sizeof(gs_vblock));
    d->patterns = p[S_PATTERNS];
    d->npatterns = (uint32_t)(size[S_PATTERNS] / sizeof(gs_pattern));
    d->pelems = p[S_PELEMS];
    d->npelems = (uint32_t)(size[S_PELEMS] / sizeof(gs_pelem));
    d->vforms = p[S_VFORMS];
    d->nvforms = (uint32_t)(size[S_VFORMS] / sizeof(gs_vform));
    d->vwords = p[S_VWORDS];
    d->nvwords = (uint32_t)(size[S_VWORDS] / 4);
    d->synsets = p[S_SYNSETS];
    d->nsynsets = (uint32_t)(size[S_SYNSETS] / sizeof(gs_synset));
    d->synmem = p[S_SYNMEM];
    d->nsynmem = (uint32_t)(size[S_SYNMEM] / sizeof(gs_synmem));
    d->files = p[S_FILES];
    d->nfiles = (uint32_t)(size[S_FILES] / 4);
    d->kinds = h->kinds;
    d->verb_format = h->verb_format;
    memcpy(d->root, h->root, sizeof d->root);
    if ((why = validate(d)) != NULL)
        goto bad;
    if (first_words(d) < 0) {
        gs_dict_free(d);
        return GESTA_ENOMEM;
    }
    *out = d;
    return 0;
bad:
    snprintf(err, errlen, "corrupt compiled dictionary: %s", why);
    gs_dict_free(d);
    return GESTA_EDICT;
}

/* ---------------------------------------------------------------- lookups */

uint32_t gs_dict_word(const gs_dict *d, const char *w, size_t n)
{
    if (!d->word_hash_size)
        return UINT32_MAX;
    uint32_t fh = fnv(w, n), h = fh & (d->word_hash_size - 1);
    for (;;) {
        uint32_t e = d->word_hash[h];
        if (!e)
            return UINT32_MAX;
        /* the slot's hash bits first: most slots probed hold other words */
        if (!((e ^ fh) & ~GS_WORD_ID_MASK)) {
            const char *s = d->pool + d->word_str[(e & GS_WORD_ID_MASK) - 1];
            if (gs_lit_eq(w, n, s))
                return (e & GS_WORD_ID_MASK) - 1;
        }
        h = (h + 1) & (d->word_hash_size - 1);
    }
}

/* The edges of the tz node at nd (see gs_dict) with the given word, as
 * edge indices [lo, hi) of the node: its edges are sorted by word. */
static inline void tz_range(const uint32_t *nd, uint32_t word, uint32_t *lo, uint32_t *hi)
{
    const uint32_t *e = nd + 2;
    uint32_t n = nd[1] & 0x7fffffffu, a = 0, b = n;
    while (a < b) {
        uint32_t m = a + (b - a) / 2;
        if (e[2 * m] < word)
            a = m + 1;
        else
            b = m;
    }
    uint32_t x = a;
    while (x < n && e[2 * x] == word)
        x++;
    *lo = a;
    *hi = x;
}

/* Edge k of the tz node at nd: its child's offset, and whether it is a gap
 * edge. */
static inline uint32_t tz_child(const uint32_t *nd, uint32_t k) { return nd[3 + 2 * k] & 0x7fffffffu; }
static inline bool tz_gap(const uint32_t *nd, uint32_t k) { return nd[3 + 2 * k] >> 31; }

typedef struct mstate {
    const gs_dict *d;
    const uint32_t *words;
    size_t stride, n, maxgap;
    uint32_t best_entry;
    size_t best_len;
    int depth;
} mstate;

/* Matches from the tz node at offset node, word pos of m->words on. */
static void match_from(mstate *m, uint32_t node, size_t pos)
{
    int depth0 = m->depth;
    const uint32_t *tz = m->d->tz;
    /* down a single path without recursing: most nodes take only the next
     * word, and most words have one edge from a node */
    for (;;) {
        const uint32_t *nd = tz + node;
        if (nd[0] && pos > m->best_len) {
            m->best_entry = nd[0];
            m->best_len = pos;
        }
        if (!(nd[1] & 0x7fffffffu) || pos >= m->n || m->depth > 64)
            break;
        m->depth++;
        /* past the next word only through a gap edge */
        size_t maxgap = nd[1] >> 31 ? m->maxgap : 0;
        if (maxgap) {
            for (size_t j = pos; j < m->n && j <= pos + maxgap; j++) {
                uint32_t w = m->words[j * m->stride];
                if (w == UINT32_MAX)
                    continue;
                uint32_t lo, hi;
                tz_range(nd, w, &lo, &hi);
                for (uint32_t e = lo; e < hi; e++)
                    if (j == pos || tz_gap(nd, e))
                        match_from(m, tz_child(nd, e), j + 1);
            }
            break;
        }
        uint32_t w = m->words[pos * m->stride];
        if (w == UINT32_MAX)
            break;
        uint32_t lo, hi;
        tz_range(nd, w, &lo, &hi);
        if (hi - lo != 1) {
            for (uint32_t e = lo; e < hi; e++)
                match_from(m, tz_child(nd, e), pos + 1);
            break;
        }
        node = tz_child(nd, lo);
        pos++;
    }
    m->depth = depth0;
}

uint32_t gs_dict_match(const gs_dict *d, int kind, const uint32_t *words, size_t n, size_t maxgap,
                       size_t *len)
{
    return gs_dict_match_strided(d, kind, words, 1, n, maxgap, len);
}

uint32_t gs_dict_match_strided(const gs_dict *d, int kind, const uint32_t *words, size_t stride,
                               size_t n, size_t maxgap, size_t *len)
{
    *len = 0;
    if (!n || words[0] == UINT32_MAX || kind < 0 || kind >= GS_DK_COUNT)
        return 0;
    uint32_t lo, hi, w = words[0], child = UINT32_MAX;
    const uint32_t *root = d->tz + d->tz_root[kind];
    if (w < d->nwords) {
        size_t blk = (size_t)kind * d->first_stride + (w >> 6);
        uint64_t bits = d->first_words[blk];
        if (!((bits >> (w & 63)) & 1))
            return 0;
        uint32_t r = d->first_edge_off[kind] + d->first_rank[blk] +
                     popcount64(bits & ((1ull << (w & 63)) - 1));
        child = d->first_child[r];
        if (child == UINT32_MAX) {
            /* several root edges: their indices among the root's */
            lo = d->first_edge[r] - d->nodes[d->root[kind]].first;
            hi = d->first_edge[r + 1] - d->nodes[d->root[kind]].first;
        }
    } else {
        tz_range(root, w, &lo, &hi);
        if (hi - lo == 1)
            child = tz_child(root, lo);
    }
    if (child != UINT32_MAX) {
        /* one edge for the first word (most): its path is walked here while
         * it neither branches nor allows a gap, and searched by match_from
         * from where it does, as match_from alone would */
        const uint32_t *tz = d->tz;
        uint32_t node = child, best = 0;
        size_t best_len = 0, pos = 1;
        int depth = 0;
        for (;;) {
            const uint32_t *nd = tz + node;
            if (nd[0] && pos > best_len) {
                best = nd[0];
                best_len = pos;
            }
            if (!(nd[1] & 0x7fffffffu) || pos >= n || depth > 64)
                break;
            bool gap = maxgap && (nd[1] >> 31);
            uint32_t l2 = 0, h2 = 0;
            if (!gap) {
                uint32_t w2 = words[pos * stride];
                if (w2 == UINT32_MAX)
                    break;
                tz_range(nd, w2, &l2, &h2);
                if (l2 == h2)
                    break;
            }
            if (gap || h2 - l2 != 1) {
                mstate m = {d, words, stride, n, maxgap, best, best_len, depth};
                match_from(&m, node, pos);
                best = m.best_entry;
                best_len = m.best_len;
                break;
            }
            depth++;
            node = tz_child(nd, l2);
            pos++;
        }
        *len = best_len;
        return best;
    }
    if (lo == hi)
        return 0;
    mstate m = {d, words, stride, n, maxgap, 0, 0, 0};
    for (uint32_t e = lo; e < hi; e++)
        match_from(&m, tz_child(root, e), 1);
    *len = m.best_len;
    return m.best_entry;
}

bool gs_dict_actor_dated(const gs_dict *d, uint32_t actor)
{
    if (actor >= d->nactors)
        return false;
    const gs_actor *a = &d->actors[actor];
    for (uint32_t i = 0; i < a->ncodes; i++)
        if (d->codes[a->codes + i].kind != GS_CODE_DEFAULT)
            return true;
    return false;
}

uint32_t gs_dict_actor_code(const gs_dict *d, uint32_t actor, int32_t date)
{
    if (actor >= d->nactors)
        return 0;
    const gs_actor *a = &d->actors[actor];
    const gs_code *c = d->codes + a->codes;
    if (date > 0) {
        for (uint32_t i = 0; i < a->ncodes; i++) {
            switch (c[i].kind) {
            case GS_CODE_RANGE:
                if (date >= c[i].from && date <= c[i].to)
                    return c[i].code;
                break;
            case GS_CODE_BEFORE:
                if (date <= c[i].to)
                    return c[i].code;
                break;
            case GS_CODE_AFTER:
                if (date >= c[i].from)
                    return c[i].code;
                break;
            default:
                break;
            }
        }
    }
    for (uint32_t i = 0; i < a->ncodes; i++)
        if (c[i].kind == GS_CODE_DEFAULT)
            return c[i].code;
    return 0;
}
