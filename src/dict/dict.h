/*
 * dict.h: the dictionary stage: readers for the PETRARCH/TABARI text
 * formats (actors, agents, discards, issues, verbs), the compiled tables
 * they become, and the lookups the coder makes.
 *
 * Phrases are split into words with the text stage's own tokeniser, so a
 * dictionary word is exactly what a word of running text becomes ("U.S.",
 * "AL-QAEDA", "'S"), lower-cased.  Words are interned to ids; phrases of
 * each kind form a trie over word ids whose edges also say whether other
 * words may come between two dictionary words (PETRARCH's space connector)
 * or not (its underscore).
 *
 * The compiled form (gs_dict) is a set of flat arrays addressed by indices,
 * never by pointers, so that it can be written to a file and used again
 * straight from the bytes: loading a compiled file or the built-in
 * dictionaries costs a validation pass, not a parse.
 */
#ifndef GESTA_DICT_H
#define GESTA_DICT_H

#include "../core/core.h"

/* The word hash's slots keep a word id + 1 in their low bits: a set of
 * dictionaries holds fewer than 2^24 - 1 distinct words. */
#define GS_WORD_ID_BITS 24
#define GS_WORD_ID_MASK ((1u << GS_WORD_ID_BITS) - 1)

/* Dictionary kinds, each with its own trie. */
/* GS_DK_SURNAME is derived, not read: the last word of a person's name
 * ("Bush" of GEORGE_W._BUSH), whose entry is an actor (see gs_dict_build). */
enum {
    GS_DK_ACTOR = 0,
    GS_DK_AGENT,
    GS_DK_DISCARD,
    GS_DK_ISSUE,
    GS_DK_VERB,
    GS_DK_SURNAME,
    GS_DK_COUNT
};

/* A trie node: its edges are edges[first .. first+n), sorted by word. */
typedef struct gs_tnode {
    uint32_t first;
    uint32_t n;
    uint32_t entry; /* entry index + 1 when a phrase ends here, else 0 */
} gs_tnode;

typedef struct gs_tedge {
    uint32_t word;  /* word id */
    uint32_t child; /* node index */
    uint32_t gap;   /* 1: other words may come before this one (space connector) */
} gs_tedge;

/* A code of an actor entry, possibly date-restricted. */
enum { GS_CODE_DEFAULT = 0, GS_CODE_RANGE, GS_CODE_BEFORE, GS_CODE_AFTER };

typedef struct gs_code {
    uint32_t code;  /* pool offset of the code string ("KORGOV") */
    int32_t from;   /* YYYYMMDD, for RANGE and AFTER */
    int32_t to;     /* YYYYMMDD, for RANGE and BEFORE */
    uint32_t kind;
} gs_code;

/* Provenance of every entry: file index and line. */
typedef struct gs_src {
    uint32_t file; /* index into files */
    uint32_t line;
} gs_src;

/* An actor (one root phrase with its synonyms shares an entry). */
typedef struct gs_actor {
    uint32_t codes, ncodes; /* codes[codes .. codes+ncodes), in file order */
    uint32_t root;          /* pool offset of the root phrase as written */
    gs_src src;
} gs_actor;

/* Agent composition: "[~GOV]" puts the code after the actor's country
 * (KOR + GOV), "[GOV~]" before it. */
enum { GS_AGENT_SUFFIX = 0, GS_AGENT_PREFIX = 1 };

typedef struct gs_agent {
    uint32_t code; /* pool offset of the code without the tilde */
    uint32_t how;  /* GS_AGENT_SUFFIX or GS_AGENT_PREFIX */
    gs_src src;
} gs_agent;

typedef struct gs_discard {
    uint32_t story; /* 1: '+' story-level discard */
    gs_src src;
} gs_discard;

enum { GS_ISSUE_EXCLUDE = 1, GS_ISSUE_STORY = 2 };

typedef struct gs_issue {
    uint32_t code;  /* pool offset; 0 for an exclusion */
    uint32_t flags; /* GS_ISSUE_EXCLUDE ('~'), GS_ISSUE_STORY ('~~') */
    gs_src src;
} gs_issue;

/* ----------------------------------------------------------- verbs */

/* Pattern elements. */
enum {
    GS_PE_WORD = 0, /* a word (word id in arg) */
    GS_PE_SYNSET,   /* a synset (synset index in arg) */
    GS_PE_SOURCE,   /* $ : the source actor is here */
    GS_PE_TARGET,   /* + : the target actor is here */
    GS_PE_COMPOUND, /* % : a compound actor, source and target at once */
    GS_PE_SKIP,     /* ^ : skip one noun phrase */
    GS_PE_VERB      /* * : the verb itself (splits left and right parts) */
};

typedef struct gs_pelem {
    uint16_t kind;
    uint16_t gap;  /* 1: words may come between the previous element and this */
    uint32_t arg;
} gs_pelem;

/* How a pattern's or verb's two codes combine. */
enum {
    GS_PAIR_NONE = 0,   /* one code */
    GS_PAIR_RECIPROCAL, /* PETRARCH-1 [X:Y]: X source->target and Y target->source */
    GS_PAIR_PASSIVE     /* [A|P] (gesta), [A:P] / [:P] (PETRARCH-2): A active, P passive */
};

typedef struct gs_pattern {
    uint32_t elems, nelems;  /* pelems[elems .. elems+nelems) */
    uint32_t code;           /* pool offset of the first code ("0311"), 0 for none */
    uint32_t pcode;          /* pool offset of the second code, 0 when none */
    uint32_t pair;           /* GS_PAIR_* */
    uint32_t block;          /* the verb block it belongs to */
    gs_src src;
} gs_pattern;

/* A verb block: one verb (or a set of synonymous verbs) with a default
 * code and its patterns. */
typedef struct gs_vblock {
    uint32_t name;              /* pool offset of the block's label */
    uint32_t code, pcode, pair; /* default codes (pool offsets; 0 = none) */
    uint32_t patterns, npatterns;
    gs_src src;
} gs_vblock;

/* A verb form (lemma, or a multi-word verb such as "carry out") and the
 * blocks it belongs to. */
typedef struct gs_vform {
    uint32_t block;
    uint32_t words, nwords;  /* all words of the verb in vwords[words ..
                                words+nwords), the verb word itself at pre */
    uint32_t pre;            /* words before the verb word ("RE" in RE_+ARREST) */
    uint32_t code, pcode, pair; /* the verb's own codes, 0 = the block's */
    uint32_t next;           /* the next form with the same verb word + 1, or 0 */
    gs_src src;
} gs_vform;

typedef struct gs_synset {
    uint32_t name;                  /* pool offset, without '&' */
    uint32_t members, nmembers;     /* phrase indices in synmem[] */
} gs_synset;

/* A synset member: a phrase of one or more words. */
typedef struct gs_synmem {
    uint32_t words, nwords; /* word ids in vwords[] */
} gs_synmem;

/* The compiled dictionaries: flat arrays, no pointers between them. */
typedef struct gs_dict {
    const char *pool;
    uint32_t pool_len;
    /* words: id -> pool offset; hash slot -> id + 1 */
    const uint32_t *word_str;
    uint32_t nwords;
    /* open addressing; a slot is 0 (empty) or the word's id + 1 in its low
     * GS_WORD_ID_BITS bits with the high bits of the word's hash above */
    const uint32_t *word_hash;
    uint32_t word_hash_size; /* a power of two */
    /* tries of all kinds share the node and edge arrays */
    const gs_tnode *nodes;
    uint32_t nnodes;
    const gs_tedge *edges;
    uint32_t nedges;
    uint32_t root[GS_DK_COUNT];
    const gs_actor *actors;
    uint32_t nactors;
    const gs_code *codes;
    uint32_t ncodes;
    const gs_agent *agents;
    uint32_t nagents;
    const gs_discard *discards;
    uint32_t ndiscards;
    const gs_issue *issues;
    uint32_t nissues;
    const gs_vblock *vblocks;
    uint32_t nvblocks;
    const gs_pattern *patterns;
    uint32_t npatterns;
    const gs_pelem *pelems;
    uint32_t npelems;
    const gs_vform *vforms;     /* entry index of the verb trie -> form */
    uint32_t nvforms;
    const uint32_t *vwords;
    uint32_t nvwords;
    const gs_synset *synsets;
    uint32_t nsynsets;
    const gs_synmem *synmem;
    uint32_t nsynmem;
    const uint32_t *files;      /* pool offsets of file names */
    uint32_t nfiles;
    /* which kinds were loaded (bit per GS_DK_*) */
    uint32_t kinds;
    uint32_t verb_format;       /* 1 PETRARCH-1 / gesta patterns, 2 PETRARCH-2 */
    void *owned;                /* memory to free with the dictionary, or NULL */
    /* derived when built or loaded, not stored: for each kind, a bit per
     * word id that starts one of its phrases (most words start none) */
    uint64_t *first_words;      /* GS_DK_COUNT * first_stride words */
    uint32_t first_stride;
    uint32_t *first_rank;       /* per kind and 64-word block: first words before it */
    uint32_t *first_edge;       /* per kind, per first word in rank order: its first
                                 * root edge, then one past the last (built by
                                 * first_words in build.c, read by gs_dict_match) */
    uint32_t first_edge_off[GS_DK_COUNT];
    uint32_t *syn_first_off;    /* per word id, nwords + 1 offsets into syn_first */
    uint32_t *syn_first;        /* the synsets with a member that begins with the word */
    /* the tries again, laid out for matching: each node is a run of words
     * in tz, its entry (+ 1, 0 for none), its edge count with bit 31 set
     * when one of its edges has a gap, then per edge its word and its
     * child's offset in tz with bit 31 set for a gap edge.  A node and its
     * edges are then one read (one or two cache lines) where the node and
     * edge arrays took two or three, each a likely cache miss. */
    uint32_t *tz;
    uint32_t tz_root[GS_DK_COUNT]; /* each kind's root offset in tz */
    uint32_t *first_child;      /* parallel to first_edge: the tz offset of the child of
                                 * a first word's only root edge, or UINT32_MAX when the
                                 * word has several */
    uint64_t *pattern_sig;      /* per pattern: gs_word_sig of the words it needs */
    uint32_t *synset_multi;     /* per synset: members of several words (low 24
                                   bits) and the longest one's length (high 8) */
} gs_dict;

/* May word id w start a phrase of the kind?  (false: it starts none) */
static inline bool gs_dict_may_start(const gs_dict *d, int kind, uint32_t w)
{
    if (w == UINT32_MAX)
        return false;
    return !d->first_words || w >= d->nwords ||
           ((d->first_words[(size_t)kind * d->first_stride + (w >> 6)] >> (w & 63)) & 1);
}

/* A word id's bit in a 64-bit signature of a set of words: a pattern
 * whose signature has a bit that the sentence's lacks needs a word the
 * sentence does not have. */
static inline uint64_t gs_word_sig(uint32_t w) { return 1ull << ((w * 0x9e3779b1u) >> 26); }

/* Statistics of reading, for `gesta dict check`. */
typedef struct gs_dict_stats {
    uint32_t entries;      /* root entries (actors), entries (agents, discards ...) */
    uint32_t synonyms;     /* '+' synonyms */
    uint32_t codes;        /* code brackets */
    uint32_t dated;        /* date-restricted codes */
    uint32_t macros;       /* agent substitution macros */
    uint32_t plurals;      /* generated or explicit plurals */
    uint32_t phrases;      /* phrases stored (agents: singulars, plurals, expansions) */
    uint32_t exclusions;   /* issue exclusions ~PHRASE, ~~PHRASE */
    uint32_t story;        /* story-level discards */
    uint32_t synsets, synset_members;
    uint32_t blocks, verbs, forms, patterns, pairs, passive, transforms;
    uint32_t errors, warnings;
} gs_dict_stats;

/* ----------------------------------------------------------- building */

typedef struct gs_dict_builder gs_dict_builder;

/* Problems found while reading are passed here: "file:line: message". */
typedef void (*gs_dict_report)(void *ctx, bool warning, const char *file, uint32_t line,
                               const char *msg);

int gs_dict_builder_new(gs_dict_builder **out, const gesta_limits *lim, gs_dict_report report,
                        void *report_ctx);
void gs_dict_builder_free(gs_dict_builder *b);

/* The PLOVER event type and mode a verb dictionary gives code string s
 * ("0831=RETREAT/resign" in the file), or false when s is not one of d's
 * codes or carries no refinement. */
static inline bool gs_dict_code_plover(const gs_dict *d, const char *s, const char **ev,
                                       const char **mode)
{
    if (s < d->pool || s >= d->pool + d->pool_len)
        return false;
    size_t off = (size_t)(s - d->pool);
    while (off < d->pool_len && d->pool[off])
        off++;
    if (off + 2 >= d->pool_len || d->pool[off + 1] != '\x01')
        return false;
    *ev = d->pool + off + 2;
    size_t m = off + 2;
    while (m < d->pool_len && d->pool[m])
        m++;
    if (m + 1 >= d->pool_len)
        return false;
    *mode = d->pool + m + 1;
    return true;
}

/* The kind of a dictionary file from its name as PETRARCH names them:
 * *.actors.txt, *.agents.txt, *verbs* / *verbpatterns* / CAMEO.*.txt,
 * *.discards.txt, *Issue*; or -1. */
int gs_dict_kind_of(const char *path);

/* Reads one text dictionary of the given kind into the builder.  Errors in
 * lines are reported and the rest is read; returns 0, GESTA_EIO (cannot
 * read), GESTA_ELIMIT (too many entries) or GESTA_ENOMEM.  stats, when not
 * NULL, receives the counts for this file. */
int gs_dict_read_file(gs_dict_builder *b, const char *path, int kind, gs_dict_stats *stats);
int gs_dict_read_mem(gs_dict_builder *b, const char *name, const char *text, size_t len, int kind,
                     gs_dict_stats *stats);

/* Turns the builder's contents into a dictionary (the builder is emptied;
 * the dictionary owns the memory).  Returns 0 or GESTA_ENOMEM. */
int gs_dict_build(gs_dict_builder *b, gs_dict **out);

/* Writes a dictionary in the compiled format; reads one back (the bytes
 * are copied and owned), or uses bytes in place (they must outlive the
 * dictionary and be 8-byte aligned).  Loading checks every index. */
int gs_dict_save(const gs_dict *d, gs_buf *out);
int gs_dict_load_mem(const void *bytes, size_t len, bool copy, gs_dict **out, char *err,
                     size_t errlen);
/* gs_dict_load_mem of malloc'd bytes that the dictionary takes over (no
 * copy); they are freed on failure too. */
int gs_dict_load_owned(void *bytes, size_t len, gs_dict **out, char *err, size_t errlen);
void gs_dict_free(gs_dict *d);

/* ----------------------------------------------------------- lookups */

/* The id of lower-case word w[0..n), or UINT32_MAX. */
uint32_t gs_dict_word(const gs_dict *d, const char *w, size_t n);

/* The string of a pool offset. */
static inline const char *gs_dict_str(const gs_dict *d, uint32_t off) { return d->pool + off; }

/* Longest match of a phrase of the given kind starting at words[0]: words
 * is an array of word ids (UINT32_MAX for words the dictionary does not
 * know), n its length, maxgap the most words a space connector may skip.
 * Returns the entry index + 1 (0 when none) and the number of words the
 * match spans in *len. */
uint32_t gs_dict_match(const gs_dict *d, int kind, const uint32_t *words, size_t n, size_t maxgap,
                       size_t *len);

/* The same, the i-th word being words[i * stride] (the word ids of several
 * dictionaries interleaved, as the coder keeps them). */
uint32_t gs_dict_match_strided(const gs_dict *d, int kind, const uint32_t *words, size_t stride,
                               size_t n, size_t maxgap, size_t *len);

/* The code an actor entry gives on a date (YYYYMMDD; 0 for unknown, which
 * takes the default code): the first date restriction that holds, else the
 * default.  Returns a pool offset, or 0 when the entry has no code. */
uint32_t gs_dict_actor_code(const gs_dict *d, uint32_t actor, int32_t date);
/* Has the actor a code for some dates only (so that its code depends on the
 * date)? */
bool gs_dict_actor_dated(const gs_dict *d, uint32_t actor);

#endif /* GESTA_DICT_H */
