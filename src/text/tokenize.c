/*
 * tokenize.c: bytes -> Penn-Treebank-style tokens, each with its byte span
 * in the original field and its normalised form.
 *
 * One pass over the bytes.  ASCII takes a table lookup; other code points
 * are decoded and classified with utf8proc.  Invalid UTF-8 is read as
 * U+FFFD and reported with its offset.  A token whose bytes are plain ASCII
 * and need no mapping keeps a pointer to the original bytes as its
 * normalised form; only the others are rewritten (typographic quotes,
 * apostrophes and dashes to ASCII, NFC) into the arena.
 *
 * Conventions follow the Penn Treebank: clitics split ("Korea's" -> Korea
 * 's, "don't" -> do n't), hyphenated words kept whole, currency symbols and
 * percent signs separate from numbers, abbreviation periods attached
 * ("U.S.", "Gen."), "..." and "--" single tokens.
 */
#include "text.h"

#include <pthread.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Character classes. */
enum {
    C_OTHER = 0, /* punctuation or symbol: a token of its own */
    C_SPACE,
    C_NL,
    C_LETTER,
    C_DIGIT,
    C_APOS,     /* ' and typographic apostrophes / single quotes */
    C_QUOTE,    /* " and typographic double quotes */
    C_HYPHEN,   /* - and the Unicode hyphens */
    C_DASH,     /* en and em dashes, minus */
    C_PERIOD,
    C_ELLIPSIS, /* U+2026 */
    C_IGNORE,   /* soft hyphen, zero-width characters: dropped from words */
    C_CURRENCY,
    C_INVALID   /* a byte that does not start valid UTF-8 */
};

static const uint8_t ascii_class[128] = {
    [0 ... 8] = C_SPACE, ['\t'] = C_SPACE, ['\n'] = C_NL, [11 ... 13] = C_SPACE,
    [14 ... 31] = C_SPACE, [' '] = C_SPACE, ['0' ... '9'] = C_DIGIT,
    ['A' ... 'Z'] = C_LETTER, ['a' ... 'z'] = C_LETTER, ['\''] = C_APOS, ['`'] = C_APOS,
    ['"'] = C_QUOTE, ['-'] = C_HYPHEN, ['.'] = C_PERIOD, ['$'] = C_CURRENCY, [127] = C_SPACE,
};

/* 1 for an ASCII letter, 2 for an ASCII digit, else 0 (any byte). */
static const uint8_t ascii_alnum[256] = {
    ['0' ... '9'] = 2, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1,
};

/* Bits of a byte's shape: 1 an ASCII letter, 2 a lower-case one, 4 not
 * ASCII. */
static const uint8_t ascii_shape[256] = {
    ['A' ... 'Z'] = 1, ['a' ... 'z'] = 3, [0x80 ... 0xff] = 4,
};

/* The end of the run of ASCII letters and digits p[j..] (up to lim), and
 * the ascii_shape bits of its bytes or'ed into *m; sixteen bytes at a time
 * where the processor can and the run may be that long. */
static inline size_t ascii_run(const uint8_t *p, size_t j, size_t lim, unsigned *m)
{
#ifdef __SSE2__
    while (j + 16 <= lim) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + j));
        __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                       _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
        __m128i lower = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)),
                                      _mm_cmplt_epi8(v, _mm_set1_epi8('z' + 1)));
        __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                      _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        unsigned alnum = (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
        /* (~alnum has bit 16 set: a run of sixteen counts as such) */
        unsigned run = (unsigned)__builtin_ctz(~alnum), rm = (1u << run) - 1;
        *m |= (unsigned)(((unsigned)_mm_movemask_epi8(letter) & rm) != 0) |
              (unsigned)(((unsigned)_mm_movemask_epi8(lower) & rm) != 0) << 1;
        j += run;
        if (run < 16)
            return j;
    }
#endif
    while (j < lim && ascii_alnum[p[j]]) {
        *m |= ascii_shape[p[j]];
        j++;
    }
    return j;
}

static int unicode_class(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032: case 0x02B9:
        return C_APOS;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2039: case 0x203A: case 0x2033: case 0x301D: case 0x301E: case 0xFF02:
        return C_QUOTE;
    case 0x2010: case 0x2011:
        return C_HYPHEN;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0xFE58:
    case 0xFE63: case 0xFF0D:
        return C_DASH;
    case 0x2026:
        return C_ELLIPSIS;
    case 0x2028: case 0x2029: case 0x0085:
        return C_NL;
    default:
        break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return C_LETTER;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC:
        return C_SPACE;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return C_NL;
    case UTF8PROC_CATEGORY_CF:
        return C_IGNORE;
    case UTF8PROC_CATEGORY_SC:
        return C_CURRENCY;
    default:
        return C_OTHER;
    }
}

/* The scanner's view of one field. */
typedef struct scan {
    gs_text *t;
    const uint8_t *s;
    size_t n;
    int field;
    size_t max_tok;
    bool warned_cut;
} scan;

/* Decodes the character at i: its class, code point and byte length.
 * Invalid bytes are one-byte C_INVALID characters; the end of the text
 * (i >= n, as when a word ends the field) reads as a space. */
static inline int cls_at(const scan *sc, size_t i, int32_t *cp, size_t *len)
{
    if (GS_UNLIKELY(i >= sc->n)) {
        *cp = ' ';
        *len = 1;
        return C_SPACE;
    }
    uint8_t b = sc->s[i];
    if (GS_LIKELY(b < 0x80)) {
        *cp = b;
        *len = 1;
        return ascii_class[b];
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t r = utf8proc_iterate(sc->s + i, (utf8proc_ssize_t)(sc->n - i), &c);
    if (r < 0) {
        *cp = 0xFFFD;
        *len = 1;
        return C_INVALID;
    }
    *cp = c;
    *len = (size_t)r;
    return unicode_class(c);
}

static inline int cls_only(const scan *sc, size_t i)
{
    if (i >= sc->n)
        return C_SPACE;
    int32_t cp;
    size_t len;
    return cls_at(sc, i, &cp, &len);
}

static inline bool is_alnum_cls(int c) { return c == C_LETTER || c == C_DIGIT || c == C_INVALID; }

static bool is_upper_cp(int32_t cp)
{
    if (cp < 0x80)
        return gs_is_upper(cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool is_lower_cp(int32_t cp)
{
    if (cp < 0x80)
        return gs_is_lower(cp);
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* ------------------------------------------------------- abbreviations */

static const char *const abbr_title[] = {
    "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "drs", "prof", "gen", "gens", "lt",
    "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "brig", "gov",
    "sen", "sens", "rep", "reps", "rev", "hon", "pres", "amb", "supt", "insp", "det", "fr",
    "msgr", "mt", "ft", "lieut", "comdr", "atty", "sra", "sgto", NULL};
static const char *const abbr_number[] = {
    "no", "nos", "art", "vol", "pp", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "ch", "sec", "para", "tel", NULL};
static const char *const abbr_other[] = {
    "inc", "corp", "co", "cos", "ltd", "bros", "plc", "llc", "vs", "etc", "al", "approx", "dept",
    "jr", "sr", "st",
    "est", "govt", "univ", "assn", "ave", "blvd", "rd", "ala", "ariz", "ark", "calif", "colo",
    "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass", "mich",
    "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt",
    "wash", "wis", "wyo", "cf", "viz", "ca", NULL};

/* Abbreviations that are written in lower case; the others must be
 * capitalised ("Ill." is Illinois, "ill." is the adjective). */
static const char *const abbr_lower[] = {"vs", "etc", "al", "approx", "cf", "viz", "ca", "est",
                                         "dept", "govt", "pp", "vol", "fig", "sec", NULL};

/* The lists above as one sorted table of packed words (abbr_key), built
 * once: a word before a period is one binary search, not a scan of every
 * list. */
#define ABBR_MAX 7 /* the longest listed word */
typedef struct abbr_ent {
    uint64_t key;
    uint8_t cls;      /* GS_ABBR_*, of the first list that has the word */
    uint8_t lower_ok; /* in abbr_lower */
} abbr_ent;
static abbr_ent abbr_table[sizeof abbr_title / sizeof *abbr_title +
                           sizeof abbr_number / sizeof *abbr_number +
                           sizeof abbr_other / sizeof *abbr_other];
static size_t abbr_count;
static pthread_once_t abbr_once = PTHREAD_ONCE_INIT;

/* The bytes of w (n <= ABBR_MAX) lower-cased (ASCII), with n in the top
 * byte. */
static uint64_t abbr_key(const char *w, size_t n)
{
    uint64_t k = (uint64_t)n << 56;
    for (size_t i = 0; i < n; i++)
        k |= (uint64_t)(uint8_t)gs_lower((unsigned char)w[i]) << (8 * i);
    return k;
}

static abbr_ent *abbr_find(uint64_t key)
{
    size_t lo = 0, hi = abbr_count;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        if (abbr_table[m].key < key)
            lo = m + 1;
        else if (abbr_table[m].key > key)
            hi = m;
        else
            return &abbr_table[m];
    }
    return NULL;
}

static int abbr_cmp(const void *a, const void *b)
{
    uint64_t x = ((const abbr_ent *)a)->key, y = ((const abbr_ent *)b)->key;
    return x < y ? -1 : x > y;
}

static void abbr_build(void)
{
    static const struct {
        const char *const *list;
        int cls;
    } lists[] = {{abbr_title, GS_ABBR_TITLE}, {abbr_number, GS_ABBR_NUMBER},
                 {abbr_other, GS_ABBR_OTHER}};
    for (size_t l = 0; l < sizeof lists / sizeof *lists; l++) {
        for (const char *const *w = lists[l].list; *w; w++) {
            uint64_t k = abbr_key(*w, strlen(*w));
            /* a word of two lists keeps the first's class */
            bool seen = false;
            for (size_t i = 0; i < abbr_count && !seen; i++)
                seen = abbr_table[i].key == k;
            if (!seen)
                abbr_table[abbr_count++] = (abbr_ent){k, (uint8_t)lists[l].cls, 0};
        }
    }
    qsort(abbr_table, abbr_count, sizeof *abbr_table, abbr_cmp);
    for (const char *const *w = abbr_lower; *w; w++) {
        abbr_ent *e = abbr_find(abbr_key(*w, strlen(*w)));
        if (e)
            e->lower_ok = 1;
    }
}

int gs_abbrev_class(const char *w, size_t n)
{
    if (n == 0 || n > ABBR_MAX)
        return GS_ABBR_NONE;
    pthread_once(&abbr_once, abbr_build);
    const abbr_ent *e = abbr_find(abbr_key(w, n));
    if (!e || (gs_is_lower((unsigned char)w[0]) && !e->lower_ok))
        return GS_ABBR_NONE;
    return e->cls;
}

/* ----------------------------------------------------------- emitting */

static int diag(scan *sc, int code, size_t offset, const char *msg)
{
    gs_text *t = sc->t;
    if (!t->diag.emit)
        return 0;
    return t->diag.emit(t->diag.ctx, code, sc->field, (uint32_t)offset, msg);
}

/* Builds the normalised form of s[a..b) into the arena: typographic
 * characters to ASCII, ignorables dropped, invalid bytes to U+FFFD, then
 * NFC if anything non-ASCII remains. */
static int normalise(scan *sc, size_t a, size_t b, const char **out, uint32_t *out_len)
{
    size_t cap = (b - a) * 3 + 4;
    char *o = gs_arena_alloc(sc->t->arena, cap);
    if (!o)
        return GESTA_ENOMEM;
    size_t k = 0;
    bool nonascii = false;
    for (size_t i = a; i < b;) {
        int32_t cp;
        size_t len;
        int c = cls_at(sc, i, &cp, &len);
        switch (c) {
        case C_APOS: o[k++] = '\''; break;
        case C_QUOTE: o[k++] = '"'; break;
        case C_HYPHEN: o[k++] = '-'; break;
        case C_DASH:
            /* A dash between digits is a range ("1990-95"); alone it is "--". */
            if (b - a == len) {
                o[k++] = '-';
                o[k++] = '-';
            } else {
                o[k++] = '-';
            }
            break;
        case C_ELLIPSIS: memcpy(o + k, "...", 3); k += 3; break;
        case C_IGNORE: break;
        case C_INVALID:
            memcpy(o + k, "\xEF\xBF\xBD", 3);
            k += 3;
            nonascii = true;
            break;
        default:
            if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A)) {
                o[k++] = ' ';
            } else {
                memcpy(o + k, sc->s + i, len);
                k += len;
                if (cp >= 0x80)
                    nonascii = true;
            }
        }
        i += len;
    }
    if (nonascii) {
        utf8proc_uint8_t *nfc = NULL;
        utf8proc_ssize_t r =
            utf8proc_map((const utf8proc_uint8_t *)o, (utf8proc_ssize_t)k, &nfc,
                         UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (r >= 0 && (size_t)r <= cap) {
            memcpy(o, nfc, (size_t)r);
            k = (size_t)r;
        }
        free(nfc);
    }
    *out = o;
    *out_len = (uint32_t)k;
    return 0;
}

/* The next token slot, for s[a..b) of the field being scanned (norm and
 * flags are left to the caller, which counts it in), or NULL when out of
 * memory. */
static inline gs_tok *new_tok(scan *sc, size_t a, size_t b)
{
    gs_text *t = sc->t;
    if (t->ntoks == t->cap_toks &&
        gs_grow((void **)&t->toks, &t->cap_toks, t->ntoks + 1, sizeof(gs_tok)) < 0)
        return NULL;
    gs_tok *tk = &t->toks[t->ntoks];
    tk->start = (uint32_t)a;
    tk->end = (uint32_t)b;
    tk->field = (uint8_t)sc->field;
    tk->pad_ = 0;
    return tk;
}

/* Appends the token s[a..b) with the given whitespace flags.  norm/nlen, if
 * norm is not NULL, is a fixed normalised form (e.g. "n't", "--"). */
static int emit(scan *sc, size_t a, size_t b, unsigned wsflags, bool needs_norm, const char *norm,
                uint32_t nlen)
{
    gs_text *t = sc->t;
    gs_tok *tk = new_tok(sc, a, b);
    if (!tk)
        return GESTA_ENOMEM;
    unsigned f = wsflags;
    if (norm) {
        tk->norm = norm;
        tk->norm_len = nlen;
    } else if (needs_norm) {
        int rc = normalise(sc, a, b, &tk->norm, &tk->norm_len);
        if (rc < 0)
            return rc;
        f |= GS_TF_NONASCII;
    } else {
        tk->norm = (const char *)sc->s + a;
        tk->norm_len = (uint32_t)(b - a);
    }
    /* Shape flags from the original characters: a fast path for ASCII */
    bool alpha = false, lower = false;
    size_t i = a;
    int32_t cp0 = 0;
    int c0 = C_OTHER;
    if (!needs_norm && !norm && b > a && sc->s[a] < 0x80) {
        const uint8_t *p = sc->s;
        cp0 = p[a];
        c0 = ascii_class[p[a]];
        unsigned m = 0;
        for (size_t j = a; j < b; j++)
            m |= ascii_shape[p[j]];
        if (!(m & 4)) {
            alpha = m & 1;
            lower = m & 2;
            i = b; /* done; otherwise the general loop looks again */
        }
    }
    for (size_t k = 0; i < b; k++) {
        int32_t cp;
        size_t len;
        int c = cls_at(sc, i, &cp, &len);
        if (k == 0) {
            cp0 = cp;
            c0 = c;
        }
        if (c == C_LETTER) {
            alpha = true;
            if (is_lower_cp(cp))
                lower = true;
        }
        if (cp >= 0x80)
            f |= GS_TF_NONASCII;
        i += len;
    }
    if (c0 == C_LETTER && is_upper_cp(cp0))
        f |= GS_TF_CAP;
    if (c0 == C_LETTER && is_lower_cp(cp0))
        f |= GS_TF_LOWER;
    if (c0 == C_DIGIT)
        f |= GS_TF_DIGIT;
    if (alpha) {
        f |= GS_TF_ALPHA;
        if (!lower)
            f |= GS_TF_ALLCAPS;
    } else if (c0 != C_DIGIT && c0 != C_INVALID) {
        bool digit = false;
        for (size_t j = a; j < b; j++)
            if (gs_is_digit(sc->s[j]))
                digit = true;
        if (!digit)
            f |= GS_TF_PUNCT;
    }
    if (b > a && sc->s[b - 1] == '.' && alpha && b - a > 1)
        f |= GS_TF_ABBR;
    tk->flags = (uint16_t)f;
    t->ntoks++;
    return 0;
}

/* --------------------------------------------------------------- words */

/* Whether a word of ASCII letters and digits that reaches position j ends
 * there whatever came before it: at the end, before whitespace, a double
 * quote, or punctuation that never joins words (a comma only after a
 * letter: "1,000" is one number). */
/* Per byte after a word: 1 it ends the word, 2 a comma (it does after a
 * letter), 0 it may not; built from ascii_class once. */
static uint8_t word_end[256];
static pthread_once_t word_end_once = PTHREAD_ONCE_INIT;

static void word_end_build(void)
{
    for (int t = 0; t < 0x80; t++) {
        switch (ascii_class[t]) {
        case C_SPACE:
        case C_NL:
        case C_QUOTE:
            word_end[t] = 1;
            break;
        case C_OTHER:
            word_end[t] = t == ',' ? 2 : t != '&' && t != '/' && t != '@' && t != ':';
            break;
        default:
            break;
        }
    }
}

static inline bool word_ends_at(const uint8_t *p, size_t n, size_t j)
{
    if (j >= n)
        return true;
    unsigned e = word_end[p[j]];
    return e == 1 || (e == 2 && ascii_alnum[p[j - 1]] == 1);
}

/* emit for a token [a, b) of ASCII letters and digits (m: the OR of their
 * ascii_shape bits), with the same flags. */
static inline int emit_ascii_word(scan *sc, size_t a, size_t b, unsigned wsflags, unsigned m)
{
    gs_text *t = sc->t;
    gs_tok *tk = new_tok(sc, a, b);
    if (!tk)
        return GESTA_ENOMEM;
    tk->norm = (const char *)sc->s + a;
    tk->norm_len = (uint32_t)(b - a);
    unsigned f = wsflags, first = ascii_shape[sc->s[a]];
    if (first == 1)
        f |= GS_TF_CAP;
    else if (first == 3)
        f |= GS_TF_LOWER;
    else
        f |= GS_TF_DIGIT;
    if (m & 1) {
        f |= GS_TF_ALPHA;
        if (!(m & 2))
            f |= GS_TF_ALLCAPS;
    }
    tk->flags = (uint16_t)f;
    t->ntoks++;
    return 0;
}

/* The ASCII word of letters and digits at i when it ends cleanly (at a byte
 * that ends every word) within max_token_bytes: emitted with the
 * whitespace flags ws, its end in *end; 1 when emitted, 0 when the general
 * path must look at it, or an error. */
static GS_ALWAYS_INLINE int ascii_word_at(scan *sc, size_t i, unsigned ws, size_t *end)
{
    size_t lim = sc->n - i > sc->max_tok ? i + sc->max_tok : sc->n;
    unsigned m = 0;
    size_t j = ascii_run(sc->s, i, lim, &m);
    if (j - i >= sc->max_tok || !word_ends_at(sc->s, sc->n, j))
        return 0;
    int rc = emit_ascii_word(sc, i, j, ws, m);
    if (rc < 0)
        return rc;
    *end = j;
    return 1;
}

/* emit for one byte of ASCII punctuation of class C_OTHER, with the same
 * flags. */
static GS_ALWAYS_INLINE int emit_ascii_punct(scan *sc, size_t i, unsigned ws)
{
    gs_tok *tk = new_tok(sc, i, i + 1);
    if (!tk)
        return GESTA_ENOMEM;
    tk->norm = (const char *)sc->s + i;
    tk->norm_len = 1;
    tk->flags = (uint16_t)(ws | GS_TF_PUNCT);
    sc->t->ntoks++;
    return 0;
}

/* Length of the clitic that starts at the apostrophe at i ("'s", "'ll"),
 * or 0.  A clitic is followed by a non-letter. */
static size_t clitic_at(const scan *sc, size_t i)
{
    int32_t cp;
    size_t alen;
    if (cls_at(sc, i, &cp, &alen) != C_APOS)
        return 0;
    size_t j = i + alen;
    char w[3];
    size_t k = 0;
    while (j < sc->n && k < 3 && sc->s[j] < 0x80 && gs_is_alpha(sc->s[j]))
        w[k++] = (char)gs_lower(sc->s[j++]);
    if (k == 0 || k > 2 || is_alnum_cls(cls_only(sc, j)))
        return 0;
    if ((k == 1 && (w[0] == 's' || w[0] == 'm' || w[0] == 'd')) ||
        (k == 2 && ((w[0] == 'r' && w[1] == 'e') || (w[0] == 'v' && w[1] == 'e') ||
                    (w[0] == 'l' && w[1] == 'l'))))
        return j - i;
    return 0;
}

/* True when the word s[a..i) ends in 'n' and is followed by the "'t" of
 * a negation clitic: "don't", "can't", "isn't". */
static bool nt_at(const scan *sc, size_t a, size_t i)
{
    if (i < a + 2 || gs_lower(sc->s[i - 1]) != 'n')
        return false;
    int32_t cp;
    size_t alen;
    if (cls_at(sc, i, &cp, &alen) != C_APOS)
        return false;
    size_t j = i + alen;
    return j < sc->n && gs_lower(sc->s[j]) == 't' && !is_alnum_cls(cls_only(sc, j + 1));
}

/* Scans a word starting at a (a letter or digit).  Returns its end and
 * whether it needs normalisation. */
static size_t scan_word(scan *sc, size_t a, bool *needs_norm, bool *cut)
{
    size_t i = a;
    int prev = C_OTHER;
    size_t seg_letters = 0; /* letters since the last period, for U.S.-style words */
    bool has_period = false, all_short_segs = true;
    *cut = false;
    size_t lim = sc->n - a > sc->max_tok ? a + sc->max_tok : sc->n;
    while (i < sc->n) {
        /* the common case first: a run of ASCII letters and digits */
        if (i < lim && ascii_alnum[sc->s[i]]) {
            size_t j = i;
            uint8_t k;
            while (j < lim && (k = ascii_alnum[sc->s[j]]) != 0) {
                seg_letters += k & 1;
                j++;
            }
            prev = ascii_alnum[sc->s[j - 1]] == 1 ? C_LETTER : C_DIGIT;
            i = j;
            if (i >= sc->n)
                break;
        }
        if (i - a >= sc->max_tok) {
            *cut = true;
            break;
        }
        int32_t cp;
        size_t len;
        int c = cls_at(sc, i, &cp, &len);
        if (c == C_LETTER || c == C_DIGIT || c == C_INVALID) {
            if (c != C_DIGIT)
                seg_letters++;
            if (cp >= 0x80 || c == C_INVALID)
                *needs_norm = true;
            prev = c;
            i += len;
            continue;
        }
        if (c == C_IGNORE && i > a) {
            *needs_norm = true;
            i += len;
            continue;
        }
        size_t nx = i + len;
        int next = cls_only(sc, nx);
        bool joined = false;
        switch (c) {
        case C_PERIOD:
            if (prev == C_DIGIT && next == C_DIGIT)
                joined = true;
            else if (prev == C_LETTER && next == C_HYPHEN && has_period && all_short_segs &&
                     seg_letters <= 2 && is_alnum_cls(cls_only(sc, nx + 1))) {
                /* "U.S.-led": the abbreviation's period, then the hyphen */
                joined = true;
                c = C_LETTER;
            }
            else if (prev == C_LETTER && next == C_LETTER) {
                joined = true;
                has_period = true;
                if (seg_letters > 2)
                    all_short_segs = false;
                seg_letters = 0;
            }
            break;
        case C_OTHER:
            if (cp == ',' && prev == C_DIGIT && nx + 3 <= sc->n && gs_is_digit(sc->s[nx]) &&
                gs_is_digit(sc->s[nx + 1]) && gs_is_digit(sc->s[nx + 2]) &&
                !gs_is_digit(nx + 3 < sc->n ? sc->s[nx + 3] : ' '))
                joined = true;
            else if (cp == '&' && prev == C_LETTER && gs_is_upper(sc->s[i - 1]) && nx < sc->n &&
                     gs_is_upper(sc->s[nx]))
                joined = true;
            else if (cp == '/' && is_alnum_cls(prev) && is_alnum_cls(next))
                joined = true;
            else if (cp == '@' && is_alnum_cls(prev) && is_alnum_cls(next))
                joined = true;
            else if (cp == ':' && prev == C_DIGIT && nx + 2 <= sc->n && gs_is_digit(sc->s[nx]) &&
                     gs_is_digit(sc->s[nx + 1]) && !(nx + 2 < sc->n && gs_is_digit(sc->s[nx + 2])))
                joined = true; /* a clock time: 10:30 */
            else if (cp == ':' && nx + 1 < sc->n && sc->s[nx] == '/' && sc->s[nx + 1] == '/') {
                /* A URL: everything up to whitespace (its non-ASCII and
                 * invalid bytes normalised like a word's). */
                while (i < sc->n) {
                    if (i - a >= sc->max_tok) {
                        *cut = true;
                        break;
                    }
                    int cc = cls_only(sc, i);
                    if (cc == C_SPACE || cc == C_NL || cc == C_QUOTE)
                        break;
                    if (sc->s[i] >= 0x80)
                        *needs_norm = true;
                    i++;
                }
                while (i > a && (sc->s[i - 1] == '.' || sc->s[i - 1] == ',' || sc->s[i - 1] == ')'))
                    i--;
                return i;
            }
            break;
        case C_HYPHEN:
            joined = is_alnum_cls(prev) && is_alnum_cls(next);
            if (cp != '-')
                *needs_norm = true;
            break;
        case C_DASH:
            /* "1990-95" with an en dash */
            joined = prev == C_DIGIT && next == C_DIGIT;
            if (joined)
                *needs_norm = true;
            break;
        case C_APOS:
            if (prev == C_LETTER && next == C_LETTER && !clitic_at(sc, i) && !nt_at(sc, a, i)) {
                joined = true;
                if (cp != '\'')
                    *needs_norm = true;
            }
            break;
        case C_CURRENCY:
            /* "US$", "HK$", "A$" */
            if (cp == '$' && prev == C_LETTER && i - a <= 3) {
                bool caps = true;
                for (size_t k = a; k < i; k++)
                    if (!gs_is_upper(sc->s[k]))
                        caps = false;
                if (caps)
                    return i + 1;
            }
            break;
        default:
            break;
        }
        if (!joined)
            break;
        prev = c;
        i = nx;
    }
    /* The period of an abbreviation belongs to the word. */
    if (!*cut && i < sc->n && sc->s[i] == '.' && !(i + 1 < sc->n && sc->s[i + 1] == '.')) {
        size_t wlen = i - a;
        bool attach = false;
        if (has_period && all_short_segs && seg_letters <= 2 && seg_letters > 0)
            attach = true; /* U.S. U.N. e.g. a.m. */
        else if (wlen == 1 && gs_is_upper(sc->s[a]))
            attach = true; /* an initial */
        else if (!has_period && gs_abbrev_class((const char *)sc->s + a, wlen) != GS_ABBR_NONE)
            attach = true;
        if (attach)
            i++;
    }
    return i;
}


/* The diagnostics of a word token [a, b) scanned from `from`: each invalid
 * byte after `from` (one at a is reported by the caller), and the cut at
 * max_token_bytes.  Needed only when the scan saw a non-ASCII byte (it then
 * asks for normalisation) or cut the word. */
static int word_diags(scan *sc, size_t a, size_t from, size_t b, bool cut)
{
    int rc;
    for (size_t k = from; k < b;) {
        int32_t cc;
        size_t l2 = 1;
        if (sc->s[k] >= 0x80 && cls_at(sc, k, &cc, &l2) == C_INVALID) {
            if ((rc = diag(sc, GESTA_EUTF8, k, "invalid UTF-8 byte replaced by U+FFFD")) < 0)
                return rc;
            k++;
        } else if (sc->s[k] >= 0x80) {
            k += l2;
        } else {
            k++;
        }
    }
    if (cut && (rc = diag(sc, GESTA_ELIMIT, a, "token longer than max_token_bytes cut")) < 0)
        return rc;
    return 0;
}

/* --------------------------------------------------------------- driver */

int gs_tokenize(gs_text *t, const char *str, size_t n, int field)
{
    pthread_once(&word_end_once, word_end_build);
    scan sc = {t, (const uint8_t *)str, n, field, t->lim->max_token_bytes, false};
    if (sc.max_tok < 8)
        sc.max_tok = 8;
    size_t i = 0;
    unsigned ws = GS_TF_NL | GS_TF_PARA; /* the field starts a paragraph */
    size_t line_indent = 0;
    bool at_line_start = true;
    int newlines = 0;
    int rc;
    while (i < n) {
        /* The commonest bytes first: an ASCII word that the general path
         * below would emit as it is and, within a line (not at its start,
         * where indentation counts), a space and one-byte punctuation. */
        uint8_t b0 = sc.s[i];
        if (ascii_alnum[b0]) {
            /* a token starts here: a paragraph when an indented line
             * follows a line break */
            if (at_line_start && newlines > 0 && line_indent >= 2)
                ws |= GS_TF_PARA;
            at_line_start = false;
            newlines = 0;
            size_t j;
            if ((rc = ascii_word_at(&sc, i, ws, &j)) < 0)
                return rc;
            if (rc) {
                ws = 0;
                i = j;
                continue;
            }
        } else if (!at_line_start) {
            if (b0 == ' ') {
                ws |= GS_TF_SPACE;
                i++;
                continue;
            }
            if (b0 < 0x80 && ascii_class[b0] == C_OTHER) {
                /* ASCII punctuation of no class of its own (a comma, a
                 * colon, a bracket): a token of one byte */
                if ((rc = emit_ascii_punct(&sc, i, ws)) < 0)
                    return rc;
                ws = 0;
                i++;
                continue;
            }
        }
        int32_t cp;
        size_t len;
        int c = cls_at(&sc, i, &cp, &len);
        if (c == C_SPACE || c == C_NL || (c == C_IGNORE)) {
            ws |= GS_TF_SPACE;
            if (c == C_NL) {
                newlines++;
                ws |= GS_TF_NL;
                if (newlines >= 2)
                    ws |= GS_TF_PARA | GS_TF_BLANK;
                at_line_start = true;
                line_indent = 0;
            } else if (at_line_start && c == C_SPACE) {
                line_indent += (cp == '\t') ? 4 : 1;
            }
            i += len;
            continue;
        }
        if (at_line_start && newlines > 0 && line_indent >= 2)
            ws |= GS_TF_PARA;
        at_line_start = false;
        newlines = 0;
        size_t a = i, b;
        bool needs_norm = (c != C_LETTER && c != C_DIGIT && c != C_OTHER && c != C_PERIOD &&
                           c != C_CURRENCY) || cp >= 0x80;
        const char *fixed = NULL;
        uint32_t flen = 0;
        if (c == C_INVALID) {
            if ((rc = diag(&sc, GESTA_EUTF8, i, "invalid UTF-8 byte replaced by U+FFFD")) < 0)
                return rc;
        }
        switch (c) {
        case C_LETTER:
        case C_DIGIT:
        case C_INVALID: {
            /* (an ASCII word that ends cleanly was taken above) */
            bool cut;
            bool nn = needs_norm;
            b = scan_word(&sc, a, &nn, &cut);
            needs_norm = nn;
            /* further invalid bytes inside the word (the first character,
             * at a, was reported above) */
            if ((needs_norm || cut) && (rc = word_diags(&sc, a, a + len, b, cut)) < 0)
                return rc;
            /* "don't" -> "do" + "n't" */
            if (!cut && nt_at(&sc, a, b)) {
                if (b - 1 > a) {
                    if ((rc = emit(&sc, a, b - 1, ws, needs_norm, NULL, 0)) < 0)
                        return rc;
                    ws = 0;
                }
                size_t apos_len;
                cls_at(&sc, b, &cp, &apos_len);
                if ((rc = emit(&sc, b - 1, b + apos_len + 1, ws, cp != '\'', NULL, 0)) < 0)
                    return rc;
                ws = 0;
                i = b + apos_len + 1;
                continue;
            }
            if ((rc = emit(&sc, a, b, ws | (cut ? GS_TF_CUT : 0), needs_norm, NULL, 0)) < 0)
                return rc;
            ws = 0;
            i = b;
            size_t cl = clitic_at(&sc, i);
            if (cl) {
                size_t ce = i + cl;
                bool nn2 = sc.s[i] != '\'';
                if ((rc = emit(&sc, i, ce, 0, nn2, NULL, 0)) < 0)
                    return rc;
                i = ce;
            }
            continue;
        }
        case C_APOS: {
            /* "'80s" */
            size_t j = i + len;
            if (j < n && gs_is_digit(sc.s[j]) && !(ws == 0 && i > 0 && gs_is_alpha(sc.s[i - 1]))) {
                bool cut, nn = needs_norm;
                b = scan_word(&sc, j, &nn, &cut);
                needs_norm = nn;
                if ((nn || cut) && (rc = word_diags(&sc, a, j, b, cut)) < 0)
                    return rc;
                break;
            }
            /* "``" and "''" are double quotes */
            int32_t cp2;
            size_t len2;
            if (j < n && cls_at(&sc, j, &cp2, &len2) == C_APOS && cp2 == cp) {
                b = j + len2;
                fixed = "\"";
                flen = 1;
                break;
            }
            b = j;
            if (cp != '\'') {
                fixed = "'";
                flen = 1;
            }
            break;
        }
        case C_QUOTE:
            b = i + len;
            fixed = "\"";
            flen = 1;
            break;
        case C_HYPHEN:
        case C_DASH: {
            b = i + len;
            int32_t cp2;
            size_t len2;
            int c2;
            while (b < n && ((c2 = cls_at(&sc, b, &cp2, &len2)) == C_HYPHEN || c2 == C_DASH))
                b += len2;
            if (b - i > len || c == C_DASH) {
                fixed = "--";
                flen = 2;
            } else if (cp != '-') {
                fixed = "-";
                flen = 1;
            }
            break;
        }
        case C_PERIOD:
            b = i + 1;
            if (b < n && gs_is_digit(sc.s[b]) && (ws & GS_TF_SPACE || i == 0)) {
                /* ".5": the word scanned may go on with anything a word
                 * holds, invalid bytes too, which must be normalised */
                bool cut, nn = false;
                size_t d = b;
                b = scan_word(&sc, d, &nn, &cut);
                needs_norm = nn;
                if ((nn || cut) && (rc = word_diags(&sc, a, d, b, cut)) < 0)
                    return rc;
                break;
            }
            while (b < n && sc.s[b] == '.')
                b++;
            if (b - i >= 2) {
                fixed = "...";
                flen = 3;
            }
            break;
        case C_ELLIPSIS:
            b = i + len;
            fixed = "...";
            flen = 3;
            break;
        default:
            b = i + len;
            break;
        }
        if ((rc = emit(&sc, a, b, ws, needs_norm && !fixed, fixed, flen)) < 0)
            return rc;
        ws = 0;
        i = b;
    }
    return 0;
}
