/*
 * code.h: the coding stage: actors, verbs, events and dates.
 *
 * For each sentence: word ids of its tokens in every dictionary in use;
 * discards; actor and agent mentions (longest dictionary match at each
 * position, actors before agents); the actors of each noun phrase
 * (composed with agents, completed from possessors, "of"-phrases,
 * appositions, and from earlier sentences for pronouns and definite
 * descriptions); then each verb group's pattern match, voice, negation,
 * intent and governing verb decide the events, their source and target.
 */
#ifndef GESTA_CODE_H
#define GESTA_CODE_H

#include "../dict/dict.h"
#include "../lang/lang.h"

#define GS_MAX_DICTS 4
#define GS_CODE_LEN 32
#define GS_IDCACHE 16384    /* word forms remembered per worker, a power of two */
#define GS_IDCACHE_WORD GS_WORDKEY_MAX /* longest form remembered */
#define GS_IDCACHE_DICTS 4  /* dictionaries remembered per form */
#define GS_START_TIME 0x80  /* gs_coder.startmask: a word gs_event_date looks at */
#define GS_START_SYN 0x40   /* gs_coder.startmask: a word that begins a member of a synset of
                             * one of the first four dictionaries */
_Static_assert(GS_DK_COUNT < 8, "the start mask holds a bit per dictionary kind and the time bit");

/* The dictionaries an engine uses for each kind, in priority order. */
typedef struct gs_dicts {
    const gs_dict *use[GS_DK_COUNT][2];
    uint8_t use_j[GS_DK_COUNT][2];   /* the index in all of each dictionary of use */
    uint32_t nuse[GS_DK_COUNT];
    const gs_dict *all[GS_MAX_DICTS]; /* distinct dictionaries */
    uint32_t nall;
    bool require_dyad;
} gs_dicts;

/* A dictionary mention in the text. */
typedef struct gs_mention {
    uint32_t start, end;  /* tokens */
    uint32_t entry;       /* actor or agent index */
    uint8_t dict;         /* index into gs_dicts.all */
    uint8_t kind;         /* GS_DK_ACTOR or GS_DK_AGENT */
} gs_mention;

/* One resolved actor of a noun phrase. */
typedef struct gs_ractor {
    char code[GS_CODE_LEN];
    uint32_t start, end;  /* evidence tokens */
    gs_src src;           /* the dictionary entry */
    uint8_t dict;
    uint8_t person;       /* a named individual (for he/she) */
    uint32_t name0, name1; /* a person's name tokens [name0, name1), else 0, 0 */
} gs_ractor;

/* The actors of one noun phrase (a coordination is expanded elsewhere). */
typedef struct gs_npact {
    uint32_t first, n;    /* into the worker's ractor array */
    bool resolved;
} gs_npact;

/* Options of coding that a validation file may change between records. */
typedef struct gs_code_opts {
    bool require_dyad;     /* events need a source and a target */
    uint32_t new_actor_length; /* uncoded noun phrases of at most this many words
                                  become actors named by their text (PETRARCH) */
    /* PETRARCH-1 compatibility, for dictionaries written for it (gesta
     * validate): no intent/threat/refusal mapping of the future or of
     * governed complements, modal verbs coded, the passive only with a
     * "by" agent, and comma-delimited clauses of the lengths below left
     * out of coding (internal, at the beginning, at the end; 0 max = off) */
    bool compat;
    uint32_t comma_min, comma_max, comma_bmin, comma_bmax, comma_emin, comma_emax;
} gs_code_opts;

/* Per-worker state of the coding stage. */
typedef struct gs_coder {
    gs_arena *arena;
    gs_code_opts opt;
    uint32_t *wid;        /* per token and dictionary: word id (ntoks * nall) */
    uint32_t *lid;        /* lemma word id */
    size_t cap_ids;
    uint8_t *startmask;   /* per token: bit 1 << kind when a phrase of that kind may start
                           * there; GS_START_TIME when it is a time word */
    uint8_t *lstartmask;  /* per token: the same of its lemma */
    size_t cap_startmask;
    gs_mention *mentions;
    size_t nmentions, cap_mentions;
    int32_t *tok_mention; /* per token: mention index or -1 */
    size_t cap_tokm;
    gs_ractor *ractors;
    size_t nractors, cap_ractors;
    gs_npact *npact;      /* per NP of the document */
    size_t cap_npact;
    /* the document's recent actors, for pronouns and descriptions */
    gs_ractor recent_person, recent_any, recent_country;
    gs_ractor recent_thing; /* the last country or organisation, for "it" */
    gs_ractor prev_country; /* the country named before recent_country */
    gs_ractor hist[4];      /* distinct countries named, most recent first */
    uint32_t nhist;
    gs_ractor hist_start[4]; /* hist as it was when the sentence began */
    uint32_t nhist_start;
    gs_ractor pair[2];      /* the last two countries named together ("Seoul and Tokyo") */
    bool have_pair;
    uint32_t pair_sent;     /* the sentence that named them */
    uint32_t cur_sent;      /* the sentence being coded */
    const struct gs_sent_lang *cur_sl; /* its phrases (while its noun phrases are resolved) */
    bool have_person, have_any, have_country, have_prev_country, have_thing;
    /* people named in full earlier in the document, for a second mention
     * by one of their names ("Lee Jae-myung ... Lee said") */
    struct {
        gs_ractor r;
        const char *first, *last;
        uint32_t first_len, last_len;
    } named[32];
    uint32_t nnamed;
    bool story_discarded;
    int32_t doc_date;     /* the document's date, from its dateline when it has one */
    /* synset matches of the current sentence: key (dictionary, synset,
     * token, direction) -> length + 1, valid while stamp == syn_stamp */
    struct gs_synmemo {
        uint32_t key, stamp;
        uint32_t val;
    } *synmemo;
    uint32_t syn_stamp;
    /* the synsets of the current sentence are marked in synpres when
     * first asked (synset_possible): tokens [syn_a, syn_b) with the
     * dictionaries syn_dicts */
    bool syn_marked;
    uint32_t syn_a, syn_b;
    const void *syn_dicts;
    /* per dictionary: the current sentence's words and lemmas as a bit set
     * of 1024 (a Bloom filter of one hash) and their 64-bit signature
     * (gs_word_sig), which verb patterns test before a search; code_sentence
     * fills them for the verb dictionaries */
    struct gs_vpres {
        uint64_t present[16], sig;
    } *vpres;
    size_t cap_vpres;
    /* per dictionary (the first four) and synset: may a member occur in the
     * current sentence?  Yes when stamp == syn_stamp: code_sentence marks
     * the synsets with a member that begins with a word of the sentence */
    struct gs_synpres {
        uint32_t stamp;
    } *synpres[4];
    uint32_t nsynpres[4];
    /* dictionary word ids of recent word forms (for idcache_dicts) */
    struct gs_idcache {
        uint32_t hash;
        uint32_t meta;  /* id_meta(fold, length) | start mask << 24; 0: empty */
        gs_wordkey key; /* the form (gs_word_key) */
        uint32_t id[GS_IDCACHE_DICTS];
    } *idcache;
    const void *idcache_dicts;
    /* with one dictionary set: the word ids and start mask of each word of
     * the tagger's lexicon, by its entry (gs_ltok.lex), filled when first
     * asked.  Every token with a lexicon entry folds to that entry's word
     * (the tagger found the entry by the token lower-cased, and folding
     * lowers ASCII the same way), so its answer is the entry's, without a
     * probe of the id cache and its conflicts.  It belongs to idcache_dicts,
     * as the id cache does. */
    struct gs_lexid {
        uint32_t id;
        uint8_t mask;
        uint8_t set;
    } *lexid;
    uint8_t *skip;        /* per token: left out by the comma rule */
    int debug;            /* 0 unknown, 1 off, 2 GESTA_DEBUG_CODE set */
    uint8_t *discarded;   /* per sentence of the document: a discard phrase occurs */
    size_t cap_discarded;
    size_t cap_skip;
} gs_coder;

struct gesta_worker;

void gs_coder_free(gs_coder *c);

/* Codes the worker's analysed document with the dictionaries; appends
 * events to the worker.  Returns 0 or GESTA_ENOMEM. */
int gs_code_document(struct gesta_worker *w, const gs_dicts *d);

/* The steps, in src/code/actors.c: word ids of tokens [a, b) in every
 * dictionary, with each token's start mask (L must have tagged t: its
 * token hashes are used); whether a discard occurs there (story-level in
 * *story); the actor and agent mentions; the actors of the sentence's noun
 * phrases (send: the sentence's end). */
int gs_code_word_ids(gs_coder *c, const gs_text *t, const gs_lang *L, const gs_dicts *d, uint32_t a,
                     uint32_t b);
bool gs_code_discarded(const gs_coder *c, const gs_dicts *d, uint32_t a, uint32_t b, bool *story);
/* Does an actor code begin with a country's code (not IGO, NGO, "---" ...)? */
bool gs_code_is_country(const char *code);

int gs_code_mentions(gs_coder *c, const gs_text *t, const gs_lang *L, const gs_dicts *d, uint32_t a,
                     uint32_t b);
/* The date on which a sentence's actors are coded, found when first asked:
 * most sentences name no actor whose code depends on the date.  Either
 * fixed (known set) or gs_event_date's for sentence s of t (for which
 * future_any tells whether a verb group looks ahead). */
typedef struct gs_when {
    bool known;
    int32_t date;     /* gs_event_date's: 0 when the sentence has none */
    int32_t doc_date; /* used when date is 0 */
    const gs_text *t;
    const gs_lang *L;
    const uint8_t *mask;
    const gs_sent *s;
    const gs_sent_lang *sl;
} gs_when;

/* The sentence's own date (0: none); found on the first call. */
int32_t gs_when_event(gs_when *w);
/* The date to code actors on: the sentence's, else the document's. */
static inline int32_t gs_when_date(gs_when *w)
{
    int32_t d = gs_when_event(w);
    return d ? d : w->doc_date;
}

int gs_code_resolve_nps(gs_coder *c, const gs_text *t, const gs_lang *L, const gs_dicts *d,
                        const gs_sent_lang *sl, gs_when *when, uint32_t send);

/* Actor recognition alone (gesta_worker_lookup, `gesta dict lookup`): the
 * actors of every noun phrase of the analysed document on date (YYYYMMDD),
 * appended to the worker's actor list.  Returns their number or an error. */
int gs_code_lookup(struct gesta_worker *w, const gs_dicts *d, int32_t date);

/* The date of a dateline ("SEOUL, June 4 (Reuters) -") in the year that
 * puts it nearest doc_date (YYYYMMDD); doc_date when there is none. */
int32_t gs_dateline_date(const gs_text *t, int32_t doc_date);

/* Event date of a sentence from its time expressions and the document
 * date (YYYYMMDD); future selects the next rather than the last weekday.
 * mask: per token of t, GS_START_TIME set for the words for which
 * gs_time_word is true (others are passed over). */
int32_t gs_event_date(const gs_text *t, const gs_lang *L, const uint8_t *mask, const gs_sent *s,
                      int32_t doc_date, bool future);

/* Whether a token with this normalised form may be part of a time expression
 * that gs_event_date reads (a time word or a month's name). */
bool gs_time_word(const char *norm, size_t n);

#endif /* GESTA_CODE_H */
