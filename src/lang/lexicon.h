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
#include <stdint.h>

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

/* FNV-1a, the hash the tables were built with. */
static inline uint32_t gs_lex_fnv(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

#endif
