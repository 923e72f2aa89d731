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
    uint8_t lclass;      /* GS_LC_* of its lemma and word */
} gs_ltok;

/* Word classes that the chunker asks of many tokens, found once per word
 * form and tag (the tagger remembers them with the lemma). */
enum {
    GS_LC_NEG = 1,    /* not, never, n't */
    GS_LC_AUX = 2,    /* a form of be, have, do or get */
    GS_LC_SPEECH = 4, /* a verb of speech or thought: say, warn, believe ... */
    GS_LC_SUBORD = 8, /* a subordinating conjunction: after, because, if ... */
    GS_LC_TIME = 16,  /* a word of a time expression: Monday, week, last, at ... */
    GS_LC_DEF = 32,   /* a definite determiner: the, this, that, these, those */
    GS_LC_FORM = 64   /* the lemma is the word itself, up to ASCII case */
};

/* The GS_LC_* classes of a token with the given lemma and normalised word. */
unsigned gs_lang_lemma_class(const char *lemma, size_t ll, const char *norm, size_t nl);

/* ---------------------------------------------------------------- phrases */

typedef enum gs_chunk_kind { GS_CH_O = 0, GS_CH_NP, GS_CH_VG, GS_CH_PP } gs_chunk_kind;

/* Noun phrase flags. */
enum {
    GS_NP_PRONOUN = 1 << 0, /* a personal pronoun: he, they, it */
    GS_NP_PROPER = 1 << 1,  /* its head is a proper noun */
    GS_NP_PLURAL = 1 << 2,
    GS_NP_DEFINITE = 1 << 3, /* the ..., this ..., a possessor */
    GS_NP_IN_PP = 1 << 4,    /* the object of a preposition */
    GS_NP_APPOS = 1 << 5,    /* an apposition to the NP before it */
    GS_NP_POSSESSIVE = 1 << 6 /* has a possessor: "Israel 's military" */
};

/* A noun phrase: tokens [start, end) (document indices). */
typedef struct gs_np {
    uint32_t start, end;
    uint32_t head;      /* the head token */
    uint32_t poss;      /* the POS token when possessive ("'s"), else 0 */
    uint16_t flags;
    int32_t coord;      /* the next conjunct of a coordination, or -1 */
    int32_t appos;      /* the apposition that follows, or -1 */
    int32_t pp;         /* the PP whose object it is, or -1 */
} gs_np;

/* Verb group flags. */
enum {
    GS_VG_PASSIVE = 1 << 0,
    GS_VG_NEG = 1 << 1,       /* not, n't, never */
    GS_VG_MODAL = 1 << 2,     /* will, may, could ... */
    GS_VG_FUTURE = 1 << 3,    /* will, shall, going to */
    GS_VG_PAST = 1 << 4,
    GS_VG_PERFECT = 1 << 5,
    GS_VG_PROGRESSIVE = 1 << 6,
    GS_VG_INF = 1 << 7,       /* to + base form */
    GS_VG_GERUND = 1 << 8,    /* a VBG heading its own group ("from joining") */
    GS_VG_COPULA = 1 << 9,    /* a form of "be" as the main verb */
    GS_VG_PARTICIPLE = 1 << 10 /* a bare past participle: "troops stationed in" */
};

/* A verb group: auxiliaries, adverbs and the main verb. */
typedef struct gs_vg {
    uint32_t start, end;
    uint32_t head;     /* the main verb */
    uint32_t particle; /* a particle ("down" in "burned down"), or 0 */
    uint16_t flags;
    uint8_t speech;    /* memo of the chunker: 0 not known, 1 no, 2 a speech verb */
    int32_t governor;  /* "pledged" for "to send" (its xcomp), or -1 */
    int32_t xcomp;     /* "to send" for "pledged", or -1 */
    int32_t clause;
    int32_t subject;   /* NP index, or -1 */
    int32_t object;    /* first NP after the verb, or -1 */
} gs_vg;

/* A prepositional phrase: the preposition and its object. */
typedef struct gs_pp {
    uint32_t prep;     /* token */
    int32_t np;        /* object NP, or -1 */
    int32_t vg;        /* the verb group it follows in its clause, or -1 */
} gs_pp;

typedef enum gs_clause_type {
    GS_CL_MAIN = 0,
    GS_CL_SUB,       /* after, because, when, if ... */
    GS_CL_REL,       /* which, who, that after a noun */
    GS_CL_REPORTED,  /* what a speech verb reports: X said (that) Y attacked Z */
    GS_CL_COORD      /* ", and Y did ..." : a clause coordinated with the one before */
} gs_clause_type;

typedef struct gs_clause {
    uint32_t start, end;  /* tokens */
    uint8_t type;
    int32_t parent;       /* the clause it depends on, or -1 */
    int32_t marker;       /* the subordinator or relative pronoun token, or -1 */
    int32_t antecedent;   /* for a relative clause: the NP it modifies, or -1 */
    int32_t sibling;      /* for a coordinated clause: the clause before it, or -1 */
} gs_clause;

/* The phrases of one sentence are contiguous ranges of the document arrays. */
typedef struct gs_sent_lang {
    uint32_t np0, nnp;
    uint32_t vg0, nvg;
    uint32_t pp0, npp;
    uint32_t cl0, ncl;
} gs_sent_lang;

/* Per-worker state of the lang stage: the token annotations for the whole
 * document (parallel to gs_text.toks) and the tagger's scratch space. */
typedef struct gs_lang {
    gs_arena *arena;
    int debug; /* 0 unknown, 1 off, 2 on: GESTA_DEBUG_TAGS prints tag candidates */
    gs_ltok *lt;
    size_t cap_lt;
    /* phrases, for the whole document */
    gs_np *nps;
    size_t nnps, cap_nps;
    gs_vg *vgs;
    size_t nvgs, cap_vgs;
    gs_pp *pps;
    size_t npps, cap_pps;
    gs_clause *cls;
    size_t ncls, cap_cls;
    gs_sent_lang *sl;   /* per sentence */
    size_t cap_sl;
    int32_t *tok_np;    /* per token: NP index or -1 */
    int32_t *tok_vg;    /* per token: VG index or -1 */
    int32_t *tok_cl;    /* per token: clause index */
    size_t cap_tokmap;
    /* Viterbi scratch, grown to the longest sentence seen */
    float *score;
    uint8_t *back;
    uint8_t *cand;
    float *emit;
    uint8_t *ncand;
    uint8_t *aux;       /* per position: a form of be, have, get or do */
    uint32_t *tokhash;  /* per token of the document: gs_lang_hash of its normalised form */
    size_t cap_tokhash;
    gs_wordkey *tokkey; /* per token: gs_word_key of its normalised form */
    size_t cap_tokkey;
    struct gs_wkey {
        uint32_t h, ctx, lh;
    } *keys;            /* per token (word_keys): the word cache's hash and context, the
                         * lexicon's hash of the lower-cased form */
    size_t cap_keys;
    uint32_t *wh;       /* per position: the lemma cache hash */
    struct gs_wcache *wcache; /* the tagger's candidates of recent word forms */
    struct gs_lcache *lcache; /* the lemmas of recent (word form, tag) pairs */
    size_t cap_n;
} gs_lang;

void gs_lang_free(gs_lang *L);

/* The hash of a token's normalised form (L->tokhash): the lexicon's own
 * hash; the caches keyed by a word and something else derive theirs with
 * gs_lang_hash_mix. */
static inline uint32_t gs_lang_hash(const char *s, size_t n) { return gs_lex_strhash(s, n); }

static inline uint32_t gs_lang_hash_mix(uint32_t h, uint32_t x)
{
    h ^= x * 0x9e3779b9u;
    h *= 0x85ebca6bu;
    return h ^ (h >> 15);
}

/* Tags, lemmatises the sentences of t (all of them), filling L->lt[i] for
 * every token.  Returns 0 or GESTA_ENOMEM. */
int gs_lang_tag(gs_lang *L, const gs_text *t);

/* Is the lexicon's tag t (gs_lex_tagp.tag) a proper noun's? */
bool gs_lang_tag_is_proper(int t);

/* Finds the phrases and clauses of every sentence (after gs_lang_tag).
 * Returns 0 or GESTA_ENOMEM. */
int gs_lang_chunk(gs_lang *L, const gs_text *t);

/* The lexicon entry of the lower-case word w[0..n), or NULL. */
const gs_lex_entry *gs_lex_find(const char *w, size_t n);

/* Lemma of a verb form / noun form w[0..n) (lower case): writes a pointer
 * and length; the result points into the static tables or into w.  Returns
 * true when a lemma different from w was found. */
bool gs_verb_lemma(const char *w, size_t n, const char **out, size_t *out_len, gs_arena *a);
bool gs_noun_lemma(const char *w, size_t n, const char **out, size_t *out_len, gs_arena *a);

#endif /* GESTA_LANG_H */
