/*
 * lang.h: the second stage of the pipeline: tokens -> part-of-speech tags,
 * lemmas, phrases (chunks) and clauses.
 *
 * The tagger is a second-order hidden Markov model decoded with Viterbi:
 * emissions log P(word | tag) from the WSJ lexicon of festlex-poslex,
 * transitions from its tag trigram counts (interpolated), and for unknown
 * words a suffix model with capitalisation and shape rules, constrained by
 * WordNet's word classes.  Its tag set is festival's; the results are
 * reported as Penn Treebank tags.
 *
 * The chunker and clause finder work on the tags: noun phrases (with
 * heads, possessives, appositions, coordination), verb groups (with voice,
 * negation and modality), prepositional phrases, and clauses (main,
 * subordinate, relative, reported speech), so that the coder can pair each
 * verb group with its subject and objects.
 */
#ifndef GESTA_LANG_H
#define GESTA_LANG_H

#include "../text/text.h"
#include "lexicon.h"

/* Penn Treebank tags. */
#define GS_PENN_TAGS(X)                                                                    \
    X(CC, "CC") X(CD, "CD") X(DT, "DT") X(EX, "EX") X(FW, "FW") X(IN, "IN") X(JJ, "JJ")    \
    X(JJR, "JJR") X(JJS, "JJS") X(LS, "LS") X(MD, "MD") X(NN, "NN") X(NNS, "NNS")          \
    X(NNP, "NNP") X(NNPS, "NNPS") X(PDT, "PDT") X(POS, "POS") X(PRP, "PRP")                \
    X(PRPS, "PRP$") X(RB, "RB") X(RBR, "RBR") X(RBS, "RBS") X(RP, "RP") X(SYM, "SYM")      \
    X(TO, "TO") X(UH, "UH") X(VB, "VB") X(VBD, "VBD") X(VBG, "VBG") X(VBN, "VBN")          \
    X(VBP, "VBP") X(VBZ, "VBZ") X(WDT, "WDT") X(WP, "WP") X(WPS, "WP$") X(WRB, "WRB")      \
    X(HASH, "#") X(DOLLAR, "$") X(PERIOD, ".") X(COMMA, ",") X(COLON, ":")                 \
    X(LQUOTE, "``") X(RQUOTE, "''") X(LRB, "-LRB-") X(RRB, "-RRB-")

typedef enum gs_penn {
#define GS_PENN_ENUM(id, name) GS_P_##id,
    GS_PENN_TAGS(GS_PENN_ENUM)
#undef GS_PENN_ENUM
        GS_P_COUNT
} gs_penn;

extern const char *const gs_penn_names[GS_P_COUNT];

static inline bool gs_penn_is_verb(int t) { return t >= GS_P_VB && t <= GS_P_VBZ; }
static inline bool gs_penn_is_noun(int t) { return t >= GS_P_NN && t <= GS_P_NNPS; }
static inline bool gs_penn_is_adj(int t) { return t >= GS_P_JJ && t <= GS_P_JJS; }

/* What the lang stage knows about one token. */
typedef struct gs_ltok {
    const char *lemma;   /* lower-case lemma, not NUL-terminated */
    uint32_t lemma_len;
    uint32_t lex;        /* lexicon entry + 1, or 0 for an unknown word */
    uint8_t penn;        /* gs_penn */
    uint8_t ftag;        /* the tagger's own tag (festival's set) */
    uint8_t chunk;       /* gs_chunk_kind of the chunk it belongs to */
    uint8_t flags;
} gs_ltok;

/* Per-worker state of the lang stage: the token annotations for the whole
 * document (parallel to gs_text.toks) and the tagger's scratch space. */
typedef struct gs_lang {
    gs_arena *arena;
    gs_ltok *lt;
    size_t cap_lt;
    /* Viterbi scratch, grown to the longest sentence seen */
    float *score;
    uint8_t *back;
    uint8_t *cand;
    float *emit;
    uint8_t *ncand;
    size_t cap_n;
} gs_lang;

void gs_lang_free(gs_lang *L);

/* Tags, lemmatises the sentences of t (all of them), filling L->lt[i] for
 * every token.  Returns 0 or GESTA_ENOMEM. */
int gs_lang_tag(gs_lang *L, const gs_text *t);

/* The lexicon entry of the lower-case word w[0..n), or NULL. */
const gs_lex_entry *gs_lex_find(const char *w, size_t n);

/* Lemma of a verb form / noun form w[0..n) (lower case): writes a pointer
 * and length; the result points into the static tables or into w.  Returns
 * true when a lemma different from w was found. */
bool gs_verb_lemma(const char *w, size_t n, const char **out, size_t *out_len, gs_arena *a);
bool gs_noun_lemma(const char *w, size_t n, const char **out, size_t *out_len, gs_arena *a);

#endif /* GESTA_LANG_H */
