/*
 * lexicon.h: the shapes of the generated language tables in lexicon.c
 * (made by tools/gen-lang.c from festlex-poslex and wordnet-base).
 *
 * Tags are festival's WSJ tag set less its two unused tags: 36 tags, in the
 * order of gs_tag_names.  Punctuation is one tag ("punc") and possessive
 * pronouns share "prp"; the tagger maps them to Penn Treebank tags by the
 * word.  Log probabilities in the lexicon and suffix tables are natural logs
 * scaled by 256 and rounded.
 */
#ifndef GESTA_LEXICON_H
#define GESTA_LEXICON_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../core/ascii.h"

#define GS_NTAGS 36
#define GS_LEX_HSIZE (1u << 18)
#define GS_SUFFIX_HSIZE (1u << 16)

typedef struct gs_lex_tagp {
    uint8_t tag;
    int16_t logp; /* log P(word | tag) * 256 */
} gs_lex_tagp;

/* WordNet classes of a word (bits of gs_lex_entry.wn). */
enum { GS_WN_NOUN = 1, GS_WN_VERB = 2, GS_WN_ADJ = 4, GS_WN_ADV = 8 };

typedef struct gs_lex_entry {
    uint32_t word;   /* offset of the word in gs_lex_pool */
    uint32_t vlemma; /* offset of its verb lemma, 0 when the word is its own */
    uint32_t nlemma; /* offset of its noun lemma, 0 when the word is its own */
    uint32_t tags;   /* first of its tags in gs_lex_tagv */
    uint8_t ntags;   /* 0 for words known only to WordNet */
    uint8_t wn;      /* GS_WN_* */
} gs_lex_entry;

typedef struct gs_suffix_entry {
    char s[6];
    gs_lex_tagp p[6]; /* log P(tag | suffix) * 256 */
    uint8_t n;
} gs_suffix_entry;

extern const char *const gs_tag_names[GS_NTAGS];
extern const float gs_tag_logprior[GS_NTAGS];
extern const float gs_trans[GS_NTAGS][GS_NTAGS][GS_NTAGS];
extern const char gs_lex_pool[];
extern const gs_lex_tagp gs_lex_tagv[];
extern const gs_lex_entry gs_lex_entries[];
extern const uint32_t gs_lex_count;
/* Hash slots: 0 when empty, else the entry's index + 1 in the low
 * GS_LEX_IBITS bits and the high bits of the word's hash above them, so
 * that a probe for another word rarely reads an entry. */
#define GS_LEX_IBITS 17
#define GS_LEX_IMASK ((1u << GS_LEX_IBITS) - 1)
extern const uint32_t gs_lex_hash[GS_LEX_HSIZE];
extern const gs_suffix_entry gs_suffixes[];
extern const uint32_t gs_suffix_hash[GS_SUFFIX_HSIZE];

/* A 64-bit mix of the lexicon's hash. */
static inline uint64_t gs_lex_mix64(uint64_t x)
{
    x ^= x >> 32;
    x *= 0xd6e8feb86659fd93ull;
    return x ^ (x >> 32);
}

/* A word of at most GS_WORDKEY_MAX bytes as two 64-bit keys: with its
 * length they determine it exactly, so that the caches compare two words
 * instead of the bytes.  (A longer word's keys are its first and last eight
 * bytes.)  Reads only the n bytes of s. */
#define GS_WORDKEY_MAX 16
typedef struct gs_wordkey {
    uint64_t a, b;
} gs_wordkey;

static inline gs_wordkey gs_word_key(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    gs_wordkey k = {0, 0};
    uint32_t x, y;
    if (n >= 8) {
        memcpy(&k.a, p, 8);
        memcpy(&k.b, p + n - 8, 8);
    } else if (n >= 4) {
        memcpy(&x, p, 4);
        memcpy(&y, p + n - 4, 4);
        k.a = x | (uint64_t)y << 32;
    } else if (n) {
        k.a = p[0] | (uint64_t)p[n / 2] << 8 | (uint64_t)p[n - 1] << 16;
    }
    return k;
}

static inline bool gs_word_key_eq(gs_wordkey x, gs_wordkey y) { return x.a == y.a && x.b == y.b; }

/* The keys of the ASCII-lower-cased word, from the word's keys: every byte
 * of a key is a byte of the word or a zero. */
static inline gs_wordkey gs_word_key_lower(gs_wordkey k)
{
    gs_wordkey r = {gs_lower8(k.a), gs_lower8(k.b)};
    return r;
}

/* The lexicon's hash of a word of n <= GS_WORDKEY_MAX bytes whose keys are
 * k (see gs_lex_strhash). */
static inline uint32_t gs_lex_keyhash(gs_wordkey k, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    if (n > 8)
        return (uint32_t)gs_lex_mix64((gs_lex_mix64(h ^ k.a) + 0x9e3779b97f4a7c15ull) ^ k.b);
    return (uint32_t)gs_lex_mix64(h ^ k.a);
}

/* The hash the tables were built with (tools/gen-lang.c calls it): a word
 * of up to eight bytes is one 64-bit multiply, a longer one one per eight
 * bytes, where a byte-at-a-time hash would chain a multiply per byte.
 * Reads only the n bytes of s. */
static inline uint32_t gs_lex_strhash(const char *s, size_t n)
{
    if (n <= GS_WORDKEY_MAX)
        return gs_lex_keyhash(gs_word_key(s, n), n);
    /* eight bytes at a time, then the last eight (overlapping) */
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n, v;
    for (; n > 8; p += 8, n -= 8) {
        memcpy(&v, p, 8);
        h = gs_lex_mix64(h ^ v) + 0x9e3779b97f4a7c15ull;
    }
    memcpy(&v, p + n - 8, 8);
    return (uint32_t)gs_lex_mix64(h ^ v);
}

#endif
