/*
 * test_core.c: the arena, byte buffers, JSON escaping, dates and the error
 * table.
 */
#include "../../src/core/core.h"
#include "../../src/dict/dict.h"
#include "../../src/lang/lexicon.h"
#include "test.h"

#include <stdlib.h>

static void arena_alloc_and_reset(void)
{
    gs_arena a;
    gs_arena_init(&a, 1024);
    char *p = gs_arena_alloc(&a, 10);
    char *q = gs_arena_alloc(&a, 10);
    CHECK(p && q && q >= p + 10);
    CHECK(((uintptr_t)p & 15) == 0 && ((uintptr_t)q & 15) == 0);
    /* an oversized block does not waste the current chunk */
    char *big = gs_arena_alloc(&a, 5000);
    CHECK(big != NULL);
    memset(big, 'x', 5000);
    char *r = gs_arena_alloc(&a, 16);
    CHECK(r == q + 16);
    char *s = gs_arena_strndup(&a, "hello world", 5);
    CHECK_STR(s, "hello");
    gs_arena_reset(&a);
    /* after a reset the kept chunk is reused from its start */
    char *p2 = gs_arena_alloc(&a, 10);
    CHECK(p2 == p);
    gs_arena_free(&a);
}

static void buf_json_escaping(void)
{
    gs_buf b = GS_BUF_INIT;
    gs_buf_put_json_str(&b, "a\"b\\c\nd\te\x01", 10);
    CHECK_STR(b.data, "a\\\"b\\\\c\\nd\\te\\u0001");
    gs_buf_clear(&b);
    /* invalid UTF-8 becomes U+FFFD; valid multi-byte passes */
    gs_buf_put_json_str(&b, "caf\xc3\xa9 \xff!", 8);
    CHECK_STR(b.data, "caf\xc3\xa9 \xef\xbf\xbd!");
    gs_buf_clear(&b);
    gs_buf_put_oneline(&b, "a\tb\nc\rd", 7);
    CHECK_STR(b.data, "a b c d");
    gs_buf_clear(&b);
    gs_buf_put_u64(&b, 0);
    gs_buf_putc(&b, ' ');
    gs_buf_put_u64(&b, 18446744073709551615ull);
    CHECK_STR(b.data, "0 18446744073709551615");
    gs_buf_clear(&b);
    gs_buf_printf(&b, "%d-%s", 42, "x");
    CHECK_STR(b.data, "42-x");
    gs_buf_clear(&b);
    /* formatted in place while it fits, measured and grown when it does not */
    char big[300];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    size_t want_len = 0;
    for (int i = 0; i < 50; i++) {
        gs_buf_printf(&b, "%s|%d;", i % 7 ? "x" : big, i);
        want_len += (size_t)snprintf(NULL, 0, "%s|%d;", i % 7 ? "x" : big, i);
    }
    CHECK(b.len == want_len && strlen(b.data) == want_len); /* 8 * 299 + 42 + 100 + 90 */
    CHECK(want_len == 2624 && !strncmp(b.data + b.len - 4, "|49;", 4));
    CHECK(!strncmp(b.data + b.len - 307, "|48;", 4) && b.data[b.len - 303] == 'y');
    gs_buf_clear(&b);
    /* Goldstein scores as "%.1f" writes them, printf's own for the rest */
    const double gold[] = {0.0, 2.8, -10.0, 10.0, -0.4, 3.4, 7.0, -6.5, 0.25, -0.0, 1234.5, 1e20};
    for (size_t i = 0; i < sizeof gold / sizeof gold[0]; i++) {
        char want[64];
        snprintf(want, sizeof want, "%.1f", gold[i]);
        gs_buf_clear(&b);
        gs_buf_put_dec1(&b, gold[i]);
        CHECK_STR(b.data, want);
    }
    gs_buf_free(&b);
}

static void dates(void)
{
    int32_t d = 0;
    CHECK_INT(gesta_date_parse("2025-06-04", 10, &d), 0);
    CHECK_INT(d, 20250604);
    CHECK_INT(gesta_date_parse("19950101", 8, &d), 0);
    CHECK_INT(d, 19950101);
    CHECK_INT(gesta_date_parse("2024-02-29", 10, &d), 0);
    CHECK_INT(gesta_date_parse("2023-02-29", 10, &d), GESTA_EDATE);
    CHECK_INT(gesta_date_parse("1900-02-29", 10, &d), GESTA_EDATE);
    CHECK_INT(gesta_date_parse("2000-02-29", 10, &d), 0);
    CHECK_INT(gesta_date_parse("2025-13-01", 10, &d), GESTA_EDATE);
    CHECK_INT(gesta_date_parse("2025-6-4", 8, &d), GESTA_EDATE);
    CHECK_INT(gesta_date_parse("2025/06/04", 10, &d), GESTA_EDATE);
    CHECK_INT(gesta_date_parse(" 2025-06-04", 11, &d), GESTA_EDATE);
    CHECK_INT(gesta_date_parse("", 0, &d), GESTA_EDATE);
    char out[11];
    gs_date_format(20250604, out);
    CHECK_STR(out, "2025-06-04");
    gs_date_format(0, out);
    CHECK_STR(out, "");
}

static void errors(void)
{
    CHECK_STR(gesta_strerror(GESTA_ENOMEM), "out of memory");
    CHECK_STR(gesta_errname(GESTA_EJSON), "GESTA_EJSON");
    CHECK_STR(gesta_strerror(0), "success");
    CHECK_STR(gesta_strerror(-9999), "unknown error");
    CHECK_STR(gesta_errname(12345), "GESTA_EUNKNOWN");
    CHECK(GESTA_ENOMEM < 0 && GESTA_EFAILED < 0);
    CHECK_STR(gesta_version(), GESTA_VERSION);
}

static void grow_overflow(void)
{
    void *p = NULL;
    size_t cap = 0;
    CHECK_INT(gs_grow(&p, &cap, 10, 8), 0);
    CHECK(cap >= 10);
    CHECK_INT(gs_grow(&p, &cap, SIZE_MAX / 4, 8), GESTA_ENOMEM);
    free(p);
}

/* The caches' word keys: every byte of a word up to GS_WORDKEY_MAX bytes
 * is in its keys (a change of any one byte changes them), and every byte of
 * any word is in the lexicon's hash.  Each word sits in a block of its own
 * size, so that a sanitizer sees a read past its end. */
static void word_keys(void)
{
    unsigned seed = 12345;
    for (size_t n = 0; n <= 24; n++) {
        for (int round = 0; round < 20; round++) {
            char *w = malloc(n ? n : 1);
            for (size_t i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                w[i] = (char)("abcXYZ019-.'\xc3\xa9@[`{AZaz\xc1\xda"[(seed >> 16) % 25]);
            }
            gs_wordkey k = gs_word_key(w, n);
            uint32_t h = gs_lex_strhash(w, n);
            for (size_t i = 0; i < n; i++) {
                char old = w[i];
                w[i] = (char)(old ^ 0x40);
                if (n <= GS_WORDKEY_MAX)
                    CHECK(!gs_word_key_eq(k, gs_word_key(w, n)));
                CHECK(gs_lex_strhash(w, n) != h);
                w[i] = old;
            }
            CHECK(gs_word_key_eq(k, gs_word_key(w, n)));
            /* the keys lower-cased are the lower-cased word's */
            if (n <= GS_WORDKEY_MAX) {
                char lw[GS_WORDKEY_MAX + 1];
                for (size_t i = 0; i < n; i++)
                    lw[i] = (char)gs_lower((unsigned char)w[i]);
                CHECK(gs_word_key_eq(gs_word_key_lower(k), gs_word_key(lw, n)));
            }
            free(w);
        }
    }
}

/* The dictionaries' word hash: every word of a dictionary is found, built
 * and after a save and load, and words it lacks are not, among thousands of
 * words whose slots share their hash bits or not; a slot with hash bits but
 * no id is refused when a compiled dictionary is loaded. */
/* The longest match of an actor phrase in words w (space-separated, lower
 * case) with at most maxgap words skipped where a phrase allows it: its
 * length in words, and its entry's first code in *code ("" for none). */
static size_t match_words(const gs_dict *d, const char *w, size_t maxgap, const char **code)
{
    uint32_t ids[16];
    size_t n = 0;
    for (const char *p = w; *p && n < 16;) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        ids[n++] = gs_dict_word(d, p, len);
        p += len + (e != NULL);
    }
    size_t len = 0;
    uint32_t e = gs_dict_match(d, GS_DK_ACTOR, ids, n, maxgap, &len);
    *code = e ? gs_dict_str(d, d->codes[d->actors[e - 1].codes].code) : "";
    return e ? len : 0;
}

/* Phrase matching in the tries: the longest phrase wins, a phrase may end
 * where a longer one goes on, "_" joins adjacent words, a blank lets up to
 * maxgap words in, and one word may lead on both ways from a node. */
static void dict_match(void)
{
    static const char text[] = "UNITED_STATES [USA]\n"
                               "UNITED_NATIONS [IGOUNO]\n"
                               "UNITED_NATIONS_SECURITY_COUNCIL [IGOUNOSEC]\n"
                               "NORTH KOREA [PRK]\n"
                               "NORTH_KOREA_NEWS_AGENCY [PRKMED]\n"
                               "SOUTH_AFRICA [ZAF]\n"
                               "AFRICA [AFR]\n"
                               "KOREA [KOR]\n";
    gesta_limits lim;
    gesta_limits_default(&lim);
    gs_dict_builder *b = NULL;
    gs_dict *d = NULL, *d2 = NULL;
    CHECK_INT(gs_dict_builder_new(&b, &lim, NULL, NULL), 0);
    CHECK_INT(gs_dict_read_mem(b, "actors", text, sizeof text - 1, GS_DK_ACTOR, NULL), 0);
    CHECK_INT(gs_dict_build(b, &d), 0);
    gs_dict_builder_free(b);
    gs_buf out = GS_BUF_INIT;
    char err[128];
    if (d) {
        CHECK_INT(gs_dict_save(d, &out), 0);
        CHECK_INT(gs_dict_load_mem(out.data, out.len, true, &d2, err, sizeof err), 0);
    }
    static const struct {
        const char *words;
        size_t maxgap, len;
        const char *code;
    } cases[] = {
        {"united states said", 3, 2, "USA"},
        {"united nations security council met", 3, 4, "IGOUNOSEC"},
        {"united nations security forces", 3, 2, "IGOUNO"},
        {"united kingdom", 3, 0, ""},
        {"united", 3, 0, ""},
        {"north korea", 3, 2, "PRK"},
        {"north korea news agency said", 3, 4, "PRKMED"},
        {"north korea news", 3, 2, "PRK"},
        {"north of korea", 3, 3, "PRK"},
        {"north of korea", 0, 0, ""},
        {"north x y z korea", 3, 5, "PRK"},
        {"north w x y z korea", 3, 0, ""},
        {"south africa", 3, 2, "ZAF"},
        {"south of africa", 3, 0, ""},
        {"africa and korea", 3, 1, "AFR"},
        {"korea", 0, 1, "KOR"},
    };
    for (int pass = 0; pass < 2; pass++) {
        const gs_dict *x = pass ? d2 : d;
        if (!x)
            break;
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            const char *code;
            size_t len = match_words(x, cases[i].words, cases[i].maxgap, &code);
            if (len != cases[i].len || strcmp(code, cases[i].code))
                fprintf(stderr, "  dict_match: \"%s\" (gap %zu): %zu words %s, not %zu %s\n",
                        cases[i].words, cases[i].maxgap, len, code, cases[i].len, cases[i].code);
            CHECK(len == cases[i].len && !strcmp(code, cases[i].code));
        }
    }
    gs_dict_free(d);
    gs_dict_free(d2);
    gs_buf_free(&out);
}

static void dict_words(void)
{
    enum { N = 6000 };
    gs_buf text = GS_BUF_INIT;
    for (int i = 0; i < N; i++)
        gs_buf_printf(&text, "W%dQ {} [~X%d]\n", i, i % 100);
    gesta_limits lim;
    gesta_limits_default(&lim);
    gs_dict_builder *b = NULL;
    gs_dict *d = NULL, *d2 = NULL;
    CHECK_INT(gs_dict_builder_new(&b, &lim, NULL, NULL), 0);
    CHECK_INT(gs_dict_read_mem(b, "words", text.data, text.len, GS_DK_AGENT, NULL), 0);
    CHECK_INT(gs_dict_build(b, &d), 0);
    gs_dict_builder_free(b);
    gs_buf out = GS_BUF_INIT;
    CHECK_INT(gs_dict_save(d, &out), 0);
    char err[128];
    CHECK_INT(gs_dict_load_mem(out.data, out.len, true, &d2, err, sizeof err), 0);
    for (int pass = 0; pass < 2; pass++) {
        const gs_dict *x = pass ? d2 : d;
        if (!x)
            break;
        CHECK(x->nwords == N);
        for (int i = 0; i < N; i++) {
            char w[32];
            int n = snprintf(w, sizeof w, "w%dq", i);
            uint32_t id = gs_dict_word(x, w, (size_t)n);
            CHECK(id < x->nwords && !strcmp(gs_dict_str(x, x->word_str[id]), w));
            n = snprintf(w, sizeof w, "w%dr", i); /* absent */
            CHECK(gs_dict_word(x, w, (size_t)n) == UINT32_MAX);
            CHECK(gs_dict_word(x, w, (size_t)n - 1) == UINT32_MAX);
        }
    }
    gs_dict_free(d);
    gs_dict_free(d2);
    /* an empty slot given hash bits: corrupt (the bytes used in place, so
     * that the slots are found in them) */
    gs_dict *d3 = NULL;
    CHECK_INT(gs_dict_load_mem(out.data, out.len, false, &d3, err, sizeof err), 0);
    if (d3) {
        uint32_t *slots = (uint32_t *)(void *)(out.data + ((const char *)d3->word_hash - out.data));
        uint32_t i = 0;
        while (i < d3->word_hash_size && slots[i])
            i++;
        CHECK(i < d3->word_hash_size);
        gs_dict_free(d3);
        slots[i] = 1u << GS_WORD_ID_BITS;
        d3 = NULL;
        CHECK_INT(gs_dict_load_mem(out.data, out.len, true, &d3, err, sizeof err), GESTA_EDICT);
        CHECK(strstr(err, "word hash entry out of range") != NULL);
        gs_dict_free(d3);
        /* a file of another format version: named as such */
        uint32_t v;
        memcpy(&v, out.data + 8, 4);
        v--;
        memcpy(out.data + 8, &v, 4);
        d3 = NULL;
        CHECK_INT(gs_dict_load_mem(out.data, out.len, true, &d3, err, sizeof err), GESTA_EDICT);
        CHECK(strstr(err, "compile it again") != NULL);
    }
    gs_buf_free(&out);
    gs_buf_free(&text);
}

const test_case core_tests[] = {
    {"core/dict_words", dict_words},
    {"core/dict_match", dict_match},
    {"core/word_keys", word_keys},
    {"core/arena", arena_alloc_and_reset},
    {"core/buf_json", buf_json_escaping},
    {"core/dates", dates},
    {"core/errors", errors},
    {"core/grow_overflow", grow_overflow},
    {NULL, NULL}};
