/*
 * actors.c: who the noun phrases of a sentence are.
 *
 * Mentions first: at each token the longest actor phrase of the
 * dictionaries (in priority order), else the longest agent phrase.  Then
 * each noun phrase's actors: the first actor mention in it gives the base
 * code on the sentence's date (PETRARCH's first-actor rule; "A/B" codes
 * give several actors), every agent mention in it is composed in, left to
 * right ("[~GOV]" after the country, "[NGO~]" before it; a code already
 * present at a multiple of three is not added again), and "former" turns
 * the role into ELI.  A noun phrase with agents but no actor takes the
 * actor of an "of"/"in"/"from" phrase after it ("the foreign minister of
 * Iran"); an apposition lends its actor; pronouns and definite
 * descriptions ("he", "the country", "the president") take the actors most
 * recently named in the document.
 */
#include "code.h"
#include "../lang/lexicon.h"
#include "../engine.h"

#include <stdio.h>

/* ------------------------------------------------------------ helpers */

static GS_ALWAYS_INLINE bool tok_is(const gs_tok *t, const char *w)
{
    return GS_LIT_EQ_NOCASE(t->norm, t->norm_len, w); /* w is lower-case */
}

/* The kinds of phrase that may start with a word of the given ids (one per
 * dictionary), as bits 1 << kind: the dictionaries in use for the kind
 * know it as the first word of a phrase of that kind. */
static uint8_t start_mask(const gs_dicts *d, const uint32_t *ids)
{
    unsigned mask = 0;
    for (int kind = 0; kind < GS_DK_COUNT; kind++)
        for (uint32_t q = 0; q < d->nuse[kind]; q++) {
            const gs_dict *dj = d->use[kind][q];
            if (gs_dict_may_start(dj, kind, ids[d->use_j[kind][q]]))
                mask |= 1u << kind;
        }
    /* the synsets' first words, for code_sentence's marks */
    for (uint32_t j = 0; j < d->nall && j < 4; j++) {
        const gs_dict *dj = d->all[j];
        uint32_t id = ids[j];
        if (dj->nsynsets && id < dj->nwords && dj->syn_first_off[id] != dj->syn_first_off[id + 1])
            mask |= GS_START_SYN;
    }
    return (uint8_t)mask;
}

/* The id cache's hash of a word form whose gs_lang_hash is h (forms are
 * case-folded for the dictionaries). */
static uint32_t id_hash(uint32_t h) { return gs_lang_hash_mix(h, 0x200u); }

/* What an id cache entry records besides the hash, the key and the start
 * mask (in the top byte): set (never 0), folded or not, and the form's
 * length (at most GS_IDCACHE_WORD). */
static inline uint32_t id_meta(bool fold, size_t n) { return 1u | (uint32_t)fold << 1 | (uint32_t)n << 8; }

/* The id cache's answer for a word of n bytes (h: its id_hash, key: its
 * gs_word_key): its ids into out and its start mask into mask (when not
 * NULL); false when it has none.  The cache must exist and d->nall be at
 * most GS_IDCACHE_DICTS (id_cached). */
static GS_ALWAYS_INLINE bool id_hit_n(const gs_coder *c, uint32_t nall, size_t n, bool fold,
                                      uint32_t h, gs_wordkey key, uint32_t *out, uint8_t *mask)
{
    const struct gs_idcache *e = &c->idcache[h & (GS_IDCACHE - 1)];
    /* (an entry is only made for a form of 1 to GS_IDCACHE_WORD bytes, so
     * a match of its length is one of those) */
    if (e->hash != h || (e->meta & 0xffffffu) != id_meta(fold, n) || !gs_word_key_eq(e->key, key))
        return false;
    for (uint32_t j = 0; j < nall; j++)
        out[j] = e->id[j];
    if (mask)
        *mask = (uint8_t)(e->meta >> 24);
    return true;
}

static inline bool id_hit(const gs_coder *c, const gs_dicts *d, size_t n, bool fold, uint32_t h,
                          gs_wordkey key, uint32_t *out, uint8_t *mask)
{
    return id_hit_n(c, d->nall, n, fold, h, key, out, mask);
}

/* Does the id cache serve the dictionaries d? */
static inline bool id_cached(const gs_coder *c, const gs_dicts *d)
{
    return d->nall <= GS_IDCACHE_DICTS && c->idcache;
}

/* The ids of word w[0..n) (as written, before folding when fold is set) in
 * every dictionary into out, through the coder's cache of recent forms (h:
 * the form's id_hash, wk its gs_word_key); with mask, also its
 * start_mask. */
static void ids_of(gs_coder *c, const gs_dicts *d, const char *w, size_t n, bool fold, uint32_t h,
                   gs_wordkey wk, uint32_t *out, uint8_t *mask)
{
    if (!n) {
        for (uint32_t j = 0; j < d->nall; j++)
            out[j] = UINT32_MAX;
        if (mask)
            *mask = 0;
        return;
    }
    bool cached = id_cached(c, d);
    if (cached && id_hit(c, d, n, fold, h, wk, out, mask))
        return;
    struct gs_idcache *e = NULL;
    if (n <= GS_IDCACHE_WORD && cached)
        e = &c->idcache[h & (GS_IDCACHE - 1)];
    char buf[256];
    const char *key = w;
    size_t kn = n;
    if (fold) {
        kn = gs_fold_word(w, n, buf, sizeof buf);
        key = buf;
    }
    for (uint32_t j = 0; j < d->nall; j++)
        out[j] = kn ? gs_dict_word(d->all[j], key, kn) : UINT32_MAX;
    uint8_t sm = start_mask(d, out) | (gs_time_word(w, n) ? GS_START_TIME : 0);
    if (mask)
        *mask = sm;
    if (e) {
        e->hash = h;
        e->meta = id_meta(fold, n) | (uint32_t)sm << 24;
        e->key = wk;
        memcpy(e->id, out, d->nall * sizeof(uint32_t));
    }
}


/* gs_code_word_ids' loop over tokens [a, b), for nall == d->nall
 * dictionaries. */
static GS_ALWAYS_INLINE void word_ids_n(gs_coder *c, const gs_text *t, const gs_lang *L,
                                        const gs_dicts *d, uint32_t a, uint32_t b, uint32_t nall)
{
    bool cached = id_cached(c, d);
    for (uint32_t k = a; k < b; k++) {
        /* the slot of the word eight tokens on, fetched ahead: the cache is
         * larger than the processor's nearest caches */
        if (k + 8 < b)
            __builtin_prefetch(&c->idcache[id_hash(L->tokhash[k + 8]) & (GS_IDCACHE - 1)]);
        const gs_tok *tk = &t->toks[k];
        const gs_ltok *lt = &L->lt[k];
        uint32_t *wid = &c->wid[(size_t)k * nall];
        uint32_t *lid = &c->lid[(size_t)k * nall];
        uint32_t h = id_hash(L->tokhash[k]);
        struct gs_lexid *x = nall == 1 && lt->lex && c->lexid ? &c->lexid[lt->lex] : NULL;
        if (x && x->set) {
            /* a lexicon word asked before */
            wid[0] = x->id;
            c->startmask[k] = x->mask;
        } else {
            /* the cache's answer inline (most other tokens), the lookup when it
             * has none */
            if (!cached || !id_hit_n(c, nall, tk->norm_len, true, h, L->tokkey[k], wid, &c->startmask[k]))
                ids_of(c, d, tk->norm, tk->norm_len, true, h, L->tokkey[k], wid, &c->startmask[k]);
            if (x) {
                x->id = wid[0];
                x->mask = c->startmask[k];
                x->set = 1;
            }
        }
        /* a lemma that is the word itself up to case folds to the same key
         * (the tagger's finding, remembered with the lemma) */
        if (lt->lclass & GS_LC_FORM) {
            for (uint32_t j = 0; j < nall; j++)
                lid[j] = wid[j];
            c->lstartmask[k] = c->startmask[k];
        } else if (lt->lemma_len) {
            ids_of(c, d, lt->lemma, lt->lemma_len, true,
                   id_hash(gs_lang_hash(lt->lemma, lt->lemma_len)),
                   gs_word_key(lt->lemma, lt->lemma_len), lid, &c->lstartmask[k]);
        } else {
            for (uint32_t j = 0; j < nall; j++)
                lid[j] = UINT32_MAX;
            c->lstartmask[k] = 0;
        }
    }
}

/* Word ids of the tokens [a, b) in every dictionary, and their start masks. */
int gs_code_word_ids(gs_coder *c, const gs_text *t, const gs_lang *L, const gs_dicts *d, uint32_t a,
                     uint32_t b)
{
    size_t need = (size_t)t->ntoks * d->nall;
    if (need > c->cap_ids) {
        size_t cap = c->cap_ids, c2 = c->cap_ids;
        if (gs_grow((void **)&c->wid, &cap, need, sizeof(uint32_t)) < 0 ||
            gs_grow((void **)&c->lid, &c2, need, sizeof(uint32_t)) < 0)
            return GESTA_ENOMEM;
        c->cap_ids = cap < c2 ? cap : c2;
    }
    if (t->ntoks > c->cap_startmask) {
        size_t cap = c->cap_startmask, c2 = c->cap_startmask;
        if (gs_grow((void **)&c->startmask, &cap, t->ntoks, 1) < 0 ||
            gs_grow((void **)&c->lstartmask, &c2, t->ntoks, 1) < 0)
            return GESTA_ENOMEM;
        c->cap_startmask = cap < c2 ? cap : c2;
    }
    /* the cache belongs to one set of dictionaries */
    if (c->idcache_dicts != d) {
        free(c->idcache);
        free(c->lexid);
        c->lexid = NULL;
        c->idcache = calloc(GS_IDCACHE, sizeof *c->idcache);
        if (!c->idcache)
            return GESTA_ENOMEM;
        if (d->nall == 1 && !(c->lexid = calloc((size_t)gs_lex_count + 1, sizeof *c->lexid)))
            return GESTA_ENOMEM;
        c->idcache_dicts = d;
    }
    /* the common single dictionary set with its count known to the
     * compiler, which then copies one id where it would loop */
    if (d->nall == 1)
        word_ids_n(c, t, L, d, a, b, 1);
    else
        word_ids_n(c, t, L, d, a, b, d->nall);
    return 0;
}

/* The longest phrase of a kind at token k (within [k, end)), over the
 * dictionaries of that kind in priority order.  Fills *m. */
static bool match_dicts(const gs_coder *c, const gs_dicts *d, int kind, uint32_t k, uint32_t end,
                        size_t maxgap, gs_mention *m)
{
    for (uint32_t q = 0; q < d->nuse[kind]; q++) {
        const gs_dict *dj = d->use[kind][q];
        uint32_t j = d->use_j[kind][q];
        /* (gs_dict_match_strided asks gs_dict_may_start's question first) */
        size_t n = end - k < 64 ? end - k : 64;
        size_t len;
        uint32_t e = gs_dict_match_strided(dj, kind, &c->wid[(size_t)k * d->nall + j], d->nall, n,
                                           maxgap, &len);
        if (e) {
            m->start = k;
            m->end = k + (uint32_t)len;
            m->entry = e - 1;
            m->dict = (uint8_t)j;
            m->kind = (uint8_t)kind;
            return true;
        }
    }
    return false;
}

/* match_dicts, after the start mask's quick answer for most tokens. */
static inline bool match_at(const gs_coder *c, const gs_dicts *d, int kind, uint32_t k, uint32_t end,
                            size_t maxgap, gs_mention *m)
{
    return (c->startmask[k] & (1u << kind)) && match_dicts(c, d, kind, k, end, maxgap, m);
}

/* Does any discard phrase occur in tokens [a, b)?  Sets *story for a
 * story-level one. */
bool gs_code_discarded(const gs_coder *c, const gs_dicts *d, uint32_t a, uint32_t b, bool *story)
{
    *story = false;
    bool found = false;
    for (uint32_t k = a; k < b; k++) {
        gs_mention m;
        if (match_at(c, d, GS_DK_DISCARD, k, b, 0, &m)) {
            const gs_discard *dc = &d->all[m.dict]->discards[m.entry];
            found = true;
            if (dc->story) {
                *story = true;
                return true;
            }
        }
    }
    return found;
}

/* A lower-case function word ("us", "it", "may") never names an actor,
 * whatever the dictionaries say: "US" the country, not "us" the pronoun. */
static bool function_word(const gs_text *t, const gs_lang *L, uint32_t k)
{
    const gs_tok *tk = &t->toks[k];
    for (uint32_t i = 0; i < tk->norm_len; i++)
        if (!gs_is_lower((unsigned char)tk->norm[i]))
            return false;
    switch (L->lt[k].penn) {
    case GS_P_PRP: case GS_P_PRPS: case GS_P_DT: case GS_P_IN: case GS_P_CC: case GS_P_MD:
    case GS_P_TO: case GS_P_WDT: case GS_P_WP: case GS_P_WRB: case GS_P_RB: case GS_P_EX:
        return true;
    default:
        return gs_penn_is_verb(L->lt[k].penn);
    }
}

/* A lower-case common word ("western", "turkey", "chad") is not the name
 * of a country or group: the lexicon's likeliest tag for it is not a
 * proper noun. */
static bool common_word(const gs_text *t, const gs_lang *L, uint32_t k)
{
    const gs_tok *tk = &t->toks[k];
    for (uint32_t i = 0; i < tk->norm_len; i++)
        if (!gs_is_lower((unsigned char)tk->norm[i]))
            return false;
    uint32_t lex = L->lt[k].lex;
    if (!lex)
        return false;
    const gs_lex_entry *e = &gs_lex_entries[lex - 1];
    int best = -1, best_p = INT32_MIN;
    for (int i = 0; i < e->ntags; i++)
        if (gs_lex_tagv[e->tags + i].logp > best_p) {
            best_p = gs_lex_tagv[e->tags + i].logp;
            best = i;
        }
    if (best < 0)
        return (e->wn & (GS_WN_NOUN | GS_WN_ADJ)) != 0; /* known to WordNet only */
    return !gs_lang_tag_is_proper(gs_lex_tagv[e->tags + best].tag);
}

/* An actor named as the first part of a hyphenated modifier that says the
 * thing is that actor's: "Saudi-led coalition", "U.S.-run camps",
 * "Russian-controlled territory".  Not "-backed", "-based" (firms),
 * "-born", "-allied": a proxy, a birthplace, a friend are not the actor.
 * Fills *m (the whole token) and returns true. */
static bool owner_prefix(gs_coder *c, const gs_text *t, const gs_dicts *d, uint32_t k, gs_mention *m)
{
    static const char *const owned[] = {"led", "run", "owned", "controlled",
                                        "commanded", "dominated", "held", "ruled", NULL};
    const gs_tok *tk = &t->toks[k];
    if (!tk->norm_len || !gs_is_upper((unsigned char)tk->norm[0]))
        return false;
    /* every word of the list ends in d or n: most tokens are settled by
     * their last letter, before the search for a dash */
    int z = gs_lower((unsigned char)tk->norm[tk->norm_len - 1]);
    if (z != 'd' && z != 'n')
        return false;
    const char *dash = NULL;
    for (const char *p = tk->norm + tk->norm_len; p-- > tk->norm;)
        if (*p == '-') {
            dash = p;
            break;
        }
    if (!dash || dash == tk->norm || !gs_is_upper((unsigned char)tk->norm[0]))
        return false;
    size_t pre = (size_t)(dash - tk->norm), post = tk->norm_len - pre - 1;
    bool ok = false;
    for (const char *const *w = owned; *w && !ok; w++)
        ok = gs_lit_eq_nocase(dash + 1, post, *w);
    if (!ok || d->nall > 8)
        return false;
    uint32_t ids[8];
    ids_of(c, d, tk->norm, pre, true, id_hash(gs_lang_hash(tk->norm, pre)),
           gs_word_key(tk->norm, pre), ids, NULL);
    for (uint32_t q = 0; q < d->nuse[GS_DK_ACTOR]; q++) {
        const gs_dict *dj = d->use[GS_DK_ACTOR][q];
        uint32_t j = d->use_j[GS_DK_ACTOR][q];
        size_t len;
        uint32_t e = ids[j] != UINT32_MAX ? gs_dict_match(dj, GS_DK_ACTOR, &ids[j], 1, 0, &len) : 0;
        if (e) {
            *m = (gs_mention){k, k + 1, e - 1, (uint8_t)j, GS_DK_ACTOR};
            return true;
        }
    }
    return false;
}

int gs_code_mentions(gs_coder *c, const gs_text *t, const gs_lang *L, const gs_dicts *d, uint32_t a,
                     uint32_t b)
{
    c->nmentions = 0;
    if (t->ntoks > c->cap_tokm &&
        gs_grow((void **)&c->tok_mention, &c->cap_tokm, t->ntoks, sizeof(int32_t)) < 0)
        return GESTA_ENOMEM;
    for (uint32_t k = a; k < b; k++)
        c->tok_mention[k] = -1;
    for (uint32_t k = a; k < b;) {
        gs_mention m;
        /* most tokens start no actor or agent phrase: only an owner
         * prefix, a capitalised token, may still name one */
        if (!(c->startmask[k] & (1u << GS_DK_ACTOR | 1u << GS_DK_AGENT)) &&
            (c->opt.compat || !t->toks[k].norm_len ||
             !gs_is_upper((unsigned char)t->toks[k].norm[0]))) {
            k++;
            continue;
        }
        if ((match_at(c, d, GS_DK_ACTOR, k, b, 3, &m) || match_at(c, d, GS_DK_AGENT, k, b, 3, &m)) &&
            !(m.end == m.start + 1 && function_word(t, L, k)) &&
            !(m.end == m.start + 1 && m.kind == GS_DK_ACTOR && common_word(t, L, k))) {
            /* a phrase gives way to a longer name that starts inside it:
             * "the West Bank" is not "the West" + "Bank", "President Xi
             * Jinping" not "President Xi" + "Jinping" */
            bool yields = false;
            for (uint32_t q = m.start + 1; q < m.end && !yields; q++) {
                gs_mention m2;
                if (match_at(c, d, GS_DK_ACTOR, q, b, 3, &m2) && m2.end > m.end)
                    yields = true;
            }
            if (yields) {
                k++;
                continue;
            }
            if (c->nmentions == c->cap_mentions &&
                gs_grow((void **)&c->mentions, &c->cap_mentions, c->nmentions + 1, sizeof(gs_mention)) < 0)
                return GESTA_ENOMEM;
            c->mentions[c->nmentions] = m;
            for (uint32_t q = m.start; q < m.end; q++)
                c->tok_mention[q] = (int32_t)c->nmentions;
            c->nmentions++;
            k = m.end;
        } else if (!c->opt.compat && owner_prefix(c, t, d, k, &m)) {
            if (c->nmentions == c->cap_mentions &&
                gs_grow((void **)&c->mentions, &c->cap_mentions, c->nmentions + 1, sizeof(gs_mention)) < 0)
                return GESTA_ENOMEM;
            c->mentions[c->nmentions] = m;
            c->tok_mention[k] = (int32_t)c->nmentions++;
            k++;
        } else {
            k++;
        }
    }
    return 0;
}

/* ------------------------------------------------------- composition */

/* Adds an agent code to an actor code: suffix or prefix, unless the agent
 * code already occurs at a position that is a multiple of three. */
static void compose(char *code, const char *agent, uint32_t how)
{
    size_t n = strlen(code), m = strlen(agent);
    if (!m)
        return;
    for (size_t p = 0; p + m <= n; p += 3)
        if (!memcmp(code + p, agent, m))
            return;
    if (n + m >= GS_CODE_LEN)
        return;
    if (how == GS_AGENT_PREFIX) {
        memmove(code + m, code, n + 1);
        memcpy(code, agent, m);
    } else {
        memcpy(code + n, agent, m + 1);
    }
}

bool gs_code_is_country(const char *code)
{
    /* three capitals first (this also rejects a code shorter than three) */
    for (int i = 0; i < 3; i++)
        if (!gs_is_upper((unsigned char)code[i]))
            return false;
    static const char intl[][4] = {"IGO", "NGO", "IMG", "NGM", "MNC", "INT", "UIS"};
    for (size_t i = 0; i < sizeof intl / sizeof intl[0]; i++)
        if (code[0] == intl[i][0] && code[1] == intl[i][1] && code[2] == intl[i][2])
            return false;
    return true;
}

static int push_ractor(gs_coder *c, const gs_ractor *r)
{
    if (c->nractors == c->cap_ractors &&
        gs_grow((void **)&c->ractors, &c->cap_ractors, c->nractors + 1, sizeof(gs_ractor)) < 0)
        return GESTA_ENOMEM;
    c->ractors[c->nractors++] = *r;
    return 0;
}

static const char *const person_pronouns[] = {"he", "she", "him", "his", "her", "hers", NULL};
static const char *const thing_pronouns[] = {"it", "its", NULL};
static const char *const plural_pronouns[] = {"they", "them", "their", NULL};

static bool tok_in(const gs_tok *t, const char *const *list)
{
    return gs_in_nocase(t->norm, t->norm_len, list); /* the lists are lower-case */
}

/* A person named in full earlier in the document whom np names again by
 * the first or last word of the name ("Lee", "Ishiba"), or NULL.  Only a
 * capitalised proper noun of three letters or more that no dictionary
 * phrase covers counts. */
static const gs_ractor *named_person(const gs_coder *c, const gs_text *t, const gs_lang *L,
                                     const gs_np *np)
{
    if (!c->nnamed)
        return NULL;
    for (uint32_t k = np->start; k < np->end; k++) {
        const gs_tok *tk = &t->toks[k];
        if (L->lt[k].penn != GS_P_NNP || c->tok_mention[k] >= 0 || tk->norm_len < 3 ||
            !gs_is_upper((unsigned char)tk->norm[0]))
            continue;
        for (uint32_t i = c->nnamed; i-- > 0;) {
            if ((tk->norm_len == c->named[i].last_len &&
                 !memcmp(tk->norm, c->named[i].last, tk->norm_len)) ||
                (tk->norm_len == c->named[i].first_len &&
                 !memcmp(tk->norm, c->named[i].first, tk->norm_len)))
                return &c->named[i].r;
        }
    }
    return NULL;
}

/* A person named by surname alone where only a person can be meant:
 * after a title ("President Bush", "Mr. Erdogan") or before
 * "administration", "government", "cabinet" ("the Bush administration"),
 * and only if a bearer of the name held an office on the date.
 * Fills *out with the surname's actor entry (see the dictionary's
 * GS_DK_SURNAME) and returns true. */
static bool surname_at(const gs_coder *c, const gs_text *t, const gs_lang *L, const gs_dicts *d,
                       const gs_np *np, const gs_mention *const *agents, uint32_t nagents,
                       gs_when *when, gs_mention *out, uint32_t *code_out)
{
    static const char *const honorifics[] = {"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.",
                                             "madam", "madame", "monsieur", NULL};
    static const char *const after[] = {"administration", "government", "cabinet", "regime",
                                        "presidency", "camp", NULL};
    if (!d->nuse[GS_DK_SURNAME])
        return false;
    for (uint32_t k = np->start; k < np->end; k++) {
        const gs_tok *tk = &t->toks[k];
        if (L->lt[k].penn != GS_P_NNP || c->tok_mention[k] >= 0 || tk->norm_len < 3 ||
            !gs_is_upper((unsigned char)tk->norm[0]) ||
            !(c->startmask[k] & (1u << GS_DK_SURNAME)) || gs_when_date(when) <= 0)
            continue; /* (the last two: no surname match below could succeed) */
        int32_t date = gs_when_date(when);
        /* the name ends here: not "Howard" of "President Howard Dean" */
        if (k + 1 < np->end && (L->lt[k + 1].penn == GS_P_NNP || L->lt[k + 1].penn == GS_P_NNPS))
            continue;
        bool titled = k > np->start && tok_in(&t->toks[k - 1], honorifics);
        for (uint32_t i = 0; i < nagents && !titled; i++)
            titled = agents[i]->end == k;
        if (!titled && !(k + 1 < np->end && gs_penn_is_noun(L->lt[k + 1].penn) &&
                         tok_in(&t->toks[k + 1], after)))
            continue;
        /* only someone in office that day: a surname alone is weak
         * evidence, an office held on the article's date is not.  Bearers
         * of several countries in office that day: the one whose role the
         * title names ("Prime Minister Johnson" is GBRGOV, not a Liberian
         * senator), else none */
        if (date > 0 && match_at(c, d, GS_DK_SURNAME, k, k + 1, 0, out)) {
            const gs_dict *dj = d->all[out->dict];
            const char *role = NULL;
            for (uint32_t i = 0; i < nagents; i++)
                if (agents[i]->end == k)
                    role = gs_dict_str(d->all[agents[i]->dict],
                                       d->all[agents[i]->dict]->agents[agents[i]->entry].code);
            uint32_t pick = 0, pick_role = 0, who = 0, who_role = 0;
            bool mixed = false, mixed_role = false;
            /* the bearers' entries follow one another up to one without codes */
            for (uint32_t e = out->entry; e < dj->nactors && dj->actors[e].ncodes; e++) {
                const gs_actor *a = &dj->actors[e];
                for (uint32_t i = 0; i < a->ncodes; i++) {
                    const gs_code *cd = &dj->codes[a->codes + i];
                    bool holds = (cd->kind == GS_CODE_RANGE && date >= cd->from && date <= cd->to) ||
                                 (cd->kind == GS_CODE_BEFORE && date <= cd->to) ||
                                 (cd->kind == GS_CODE_AFTER && date >= cd->from);
                    if (!holds)
                        continue;
                    const char *code = gs_dict_str(dj, cd->code);
                    if (!pick) {
                        pick = cd->code;
                        who = e;
                    } else if (strncmp(gs_dict_str(dj, pick), code, 3)) {
                        mixed = true;
                    }
                    if (role && role[0] && strlen(code) > 3 && strstr(code + 3, role)) {
                        if (!pick_role) {
                            pick_role = cd->code;
                            who_role = e;
                        } else if (strncmp(gs_dict_str(dj, pick_role), code, 3)) {
                            mixed_role = true;
                        }
                    }
                    break; /* a bearer's first code that holds */
                }
            }
            if (mixed && pick_role && !mixed_role) {
                pick = pick_role;
                who = who_role;
            } else if (mixed) {
                pick = 0;
            }
            if (!pick)
                return false;
            out->kind = GS_DK_ACTOR;
            out->entry = who;
            *code_out = pick;
            return true;
        }
    }
    return false;
}

/* Is np only a modifier: adjectives ("Senior Hungarian") or a country's
 * abbreviation ("U.S.", "UK"), with no noun of its own to head it? */
static bool modifier_only(const gs_text *t, const gs_lang *L, const gs_np *np)
{
    for (uint32_t k = np->start; k < np->end; k++) {
        int p = L->lt[k].penn;
        const gs_tok *tk = &t->toks[k];
        bool abbrev = (p == GS_P_NNP) && ((tk->norm_len <= 4 && tk->norm[tk->norm_len - 1] == '.') ||
                                          ((tk->flags & GS_TF_ALLCAPS) && tk->norm_len <= 3));
        /* a proper adjective ("Hungarian") is an adjective in WordNet */
        bool proper_adj = (p == GS_P_NNP) && L->lt[k].lex &&
                          (gs_lex_entries[L->lt[k].lex - 1].wn & GS_WN_ADJ);
        if (!gs_penn_is_adj(p) && !abbrev && !proper_adj)
            return false;
    }
    return np->end > np->start;
}

/* Is a singular role phrase a person ("the Kenyan president", "a
 * spokesman"), not an institution ("the Kenyan government", "the army")? */
static bool role_person(const gs_text *t, const gs_np *np)
{
    static const char *const bodies[] = {
        "government", "army", "military", "police", "ministry", "parliament", "council",
        "cabinet", "administration", "force", "forces", "navy", "court", "party", "agency",
        "committee", "commission", "authority", "authorities", "regime", "junta", "embassy",
        "office", "department", "legislature", "assembly", "senate", "congress", "group",
        "movement", "front", "union", "organization", "organisation", "coalition", "alliance",
        "militia", "guard", "service", "bank", "company", "firm", "media", "press", "newspaper",
        "radio", "television", "agency", "opposition", "team", "delegation", "mission", NULL};
    return !tok_in(&t->toks[np->head], bodies);
}

/* Is the pronoun "it" of phrase i the object of a verb whose nearest
 * phrase before it (not in a prepositional phrase), in the same sentence,
 * is a singular thing that names no actor ("failed to adopt a resolution
 * after the United States vetoed it")?  Then "it" is that thing, not the
 * last country named. */
static bool it_is_thing(const gs_coder *c, const gs_lang *L, uint32_t i)
{
    const gs_sent_lang *sl = c->cur_sl;
    if (!sl || i <= sl->np0 || i >= sl->np0 + sl->nnp)
        return false;
    const gs_vg *verb = NULL;
    for (uint32_t v = sl->vg0; v < sl->vg0 + sl->nvg && !verb; v++)
        if (L->vgs[v].object == (int32_t)i && L->vgs[v].subject >= 0 &&
            L->tok_cl[L->nps[i].start] == L->vgs[v].clause)
            verb = &L->vgs[v];
    if (!verb)
        return false;
    /* the nearest phrase before it, skipping the verb's own subject and
     * the objects of prepositions ("a resolution on Gaza") */
    for (uint32_t j = i; j-- > sl->np0;) {
        const gs_np *q = &L->nps[j];
        if (verb->subject == (int32_t)j || (q->flags & GS_NP_PRONOUN) || q->pp >= 0)
            continue;
        return !c->npact[j].n && !(q->flags & (GS_NP_PLURAL | GS_NP_PROPER));
    }
    return false;
}

/* Is t a noun that, definite, means the country last named ("the
 * country", "the nation")? */
static bool country_noun(const gs_tok *t)
{
    return tok_is(t, "country") || tok_is(t, "nation") || tok_is(t, "state") ||
           tok_is(t, "kingdom") || tok_is(t, "republic");
}

/* Can phrase np be sure to name no actor, for the reasons resolve_np
 * would find, without the work: no dictionary phrase in it, no word that
 * begins an agent or a surname, no pronoun, no proper noun that may name
 * again a person named before, not one of "the two countries" or "the
 * country", and no new actors asked for?  (Every way resolve_np finds an
 * actor needs one of these.) */
static bool cannot_name(const gs_coder *c, const gs_text *t, const gs_lang *L, const gs_np *np)
{
    if ((np->flags & GS_NP_PRONOUN) || c->opt.new_actor_length ||
        ((np->flags & GS_NP_PLURAL) && c->nhist_start >= 2))
        return false;
    for (uint32_t k = np->start; k < np->end; k++)
        if (c->tok_mention[k] >= 0 ||
            (c->startmask[k] & (1u << GS_DK_AGENT | 1u << GS_DK_SURNAME)) ||
            (c->nnamed && L->lt[k].penn == GS_P_NNP))
            return false;
    /* "the country", "the nation": the country last named */
    return !((np->flags & GS_NP_DEFINITE) && c->have_country && country_noun(&t->toks[np->head]));
}

/* An actor's code on the sentence's date, which is found only for an actor
 * with codes for some dates (gs_dict_actor_code reads the date for no
 * other). */
static uint32_t actor_code(const gs_dict *dj, uint32_t entry, gs_when *when)
{
    return gs_dict_actor_code(dj, entry, gs_dict_actor_dated(dj, entry) ? gs_when_date(when) : 0);
}

/* Resolves the actors of noun phrase np (not following coordination). */
static int resolve_np(gs_coder *c, const gs_text *t, const gs_lang *L, const gs_dicts *d,
                      uint32_t npi, gs_when *when, uint32_t send)
{
    const gs_np *np = &L->nps[npi];
    gs_npact *act = &c->npact[npi];
    act->first = (uint32_t)c->nractors;
    act->n = 0;
    act->resolved = true;
    if (cannot_name(c, t, L, np))
        return 0;
    char base[GS_CODE_LEN] = "";
    const gs_mention *actor = NULL;
    const gs_mention *agents[16];
    uint32_t nagents = 0;
    bool former = false;
    uint32_t ev0 = np->start, ev1 = np->end;
    gs_mention agent_m[16];
    for (uint32_t k = np->start; k < np->end; k++) {
        if (tok_is(&t->toks[k], "former") || tok_is(&t->toks[k], "ex"))
            former = true;
        int32_t mi = c->tok_mention[k];
        /* the first actor named, unless a later one holds the head: the
         * person in "South Korean President Lee Jae-myung" (PETRARCH takes
         * the first) */
        if (mi >= 0 && c->mentions[mi].start == k && c->mentions[mi].kind == GS_DK_ACTOR &&
            (!actor || (!c->opt.compat && np->head >= c->mentions[mi].start &&
                        np->head < c->mentions[mi].end)))
            actor = &c->mentions[mi];
        /* agents are looked for at every word, overlapping ones included:
         * "main opposition group" is MOP and OPP */
        if (mi >= 0 && c->mentions[mi].kind == GS_DK_ACTOR)
            continue;
        if (nagents < 16 && match_at(c, d, GS_DK_AGENT, k, np->end, 3, &agent_m[nagents])) {
            agents[nagents] = &agent_m[nagents];
            nagents++;
        }
    }
    /* a role inside a longer one is part of it: "aid worker" is NGO, not
     * also LAB for "worker" (PETRARCH composes both) */
    if (nagents >= 2 && !c->opt.compat) {
        uint32_t keep = 0;
        for (uint32_t i = 0; i < nagents; i++) {
            bool inside = false;
            for (uint32_t j = 0; j < nagents && !inside; j++)
                inside = j != i && agents[j]->start <= agents[i]->start &&
                         agents[i]->end <= agents[j]->end &&
                         agents[j]->end - agents[j]->start > agents[i]->end - agents[i]->start;
            if (!inside)
                agents[keep++] = agents[i];
        }
        nagents = keep;
    }
    /* a generic head ("leaders", "officials", "spokesman") yields to the
     * role before it: "business leaders" are BUS, "military rulers" MIL */
    if (nagents >= 2) {
        static const char *const generic[] = {"leader", "official", "ruler", "spokesman",
                                              "spokeswoman", "spokesperson", "delegation",
                                              "representative", "chief", "head", "member",
                                              "source", "figure", NULL};
        uint32_t keep = 0;
        for (uint32_t i = 0; i < nagents; i++) {
            const gs_mention *g = agents[i];
            bool gen = false;
            if (i > 0 && g->end == g->start + 1)
                for (const char *const *p = generic; *p; p++)
                    if (gs_lit_eq(L->lt[g->start].lemma, L->lt[g->start].lemma_len, *p))
                        gen = true;
            if (!gen)
                agents[keep++] = g;
        }
        nagents = keep;
    }
    /* an actor mention that starts before the phrase but ends inside it
     * ("Prime Minister Shigeru Ishiba" chunked oddly) still counts */
    if (!actor && np->start < np->end) {
        int32_t mi = c->tok_mention[np->start];
        if (mi >= 0 && c->mentions[mi].kind == GS_DK_ACTOR)
            actor = &c->mentions[mi];
    }
    /* "President Bush", "the Bush administration" */
    gs_mention surname;
    uint32_t surname_code = 0;
    if (!actor && !c->opt.compat &&
        surname_at(c, t, L, d, np, agents, nagents, when, &surname, &surname_code))
        actor = &surname;
    uint8_t dict = 0;
    gs_src src = {0, 0};
    /* "ethnic Albanians", "ethnic Turks": a people, not the state of that
     * name; civilians of the country they live in ("in south Serbia"), or
     * of the one the sentence names */
    bool ethnic = false;
    /* "the Albanians of southern Serbia", "Turks in Germany": a people
     * named where they live is that country's */
    bool abroad = false;
    if (actor && !c->opt.compat && actor->end == actor->start + 1 && actor->start == np->head &&
        (np->flags & GS_NP_PLURAL) && np->end + 1 < send && L->lt[np->end].chunk == GS_CH_PP &&
        (tok_is(&t->toks[np->end], "of") || tok_is(&t->toks[np->end], "in"))) {
        int32_t q = L->tok_np[np->end + 1];
        for (uint32_t k = q >= 0 ? L->nps[q].start : 0; q >= 0 && k < L->nps[q].end && !abroad; k++) {
            int32_t mi = c->tok_mention[k];
            if (mi < 0 || c->mentions[mi].kind != GS_DK_ACTOR)
                continue;
            const gs_dict *dq = d->all[c->mentions[mi].dict];
            const gs_dict *da = d->all[actor->dict];
            uint32_t oq = actor_code(dq, c->mentions[mi].entry, when);
            uint32_t oa = actor_code(da, actor->entry, when);
            abroad = oq && oa && strlen(gs_dict_str(da, oa)) == 3 &&
                     gs_code_is_country(gs_dict_str(dq, oq)) &&
                     strncmp(gs_dict_str(dq, oq), gs_dict_str(da, oa), 3);
        }
    }
    if (actor && !c->opt.compat && actor->end == actor->start + 1 &&
        ((actor->start > np->start && tok_is(&t->toks[actor->start - 1], "ethnic")) || abroad)) {
        const gs_dict *dj = d->all[actor->dict];
        uint32_t off = actor_code(dj, actor->entry, when);
        if (off && strlen(gs_dict_str(dj, off)) == 3) {
            ethnic = true;
            src = dj->actors[actor->entry].src;
            dict = actor->dict;
            actor = NULL;
        }
    }
    bool person = false;
    uint32_t name0 = 0, name1 = 0;
    const gs_ractor *again = NULL; /* a person named again */
    if (actor) {
        const gs_dict *dj = d->all[actor->dict];
        uint32_t off = actor == &surname ? surname_code : actor_code(dj, actor->entry, when);
        gs_strcpy(base, sizeof base, off ? gs_dict_str(dj, off) : "---");
        src = dj->actors[actor->entry].src;
        dict = actor->dict;
        ev0 = actor->start;
        ev1 = actor->end;
        /* a named individual: proper nouns coded with a role, or with an
         * office held for some dates only (Kofi Annan, IGOUNO 1997-2006) */
        bool dated = !c->opt.compat && gs_dict_actor_dated(dj, actor->entry);
        person = strlen(base) >= 6 && L->lt[actor->end - 1].penn == GS_P_NNP &&
                 (gs_code_is_country(base) || (dated && actor->end - actor->start >= 2));
        if (person && actor->end - actor->start >= 2) {
            name0 = actor->start;
            name1 = actor->end;
        }
        /* coordinated modifiers share the head: "French and Egyptian
         * warships" are FRAMIL and EGYMIL */
        for (const gs_mention *prev = actor; !c->opt.compat && prev->end + 1 < np->end;) {
            uint32_t k = prev->end;
            int32_t mi = c->tok_mention[k + 1];
            if (!(tok_is(&t->toks[k], "and") || tok_is(&t->toks[k], ",")) || mi < 0 ||
                c->mentions[mi].kind != GS_DK_ACTOR || c->mentions[mi].start != k + 1)
                break;
            const gs_mention *m2 = &c->mentions[mi];
            const gs_dict *dj2 = d->all[m2->dict];
            uint32_t off2 = actor_code(dj2, m2->entry, when);
            size_t bl = strlen(base);
            if (off2 && bl + 1 + strlen(gs_dict_str(dj2, off2)) < sizeof base)
                snprintf(base + bl, sizeof base - bl, "/%s", gs_dict_str(dj2, off2));
            ev1 = m2->end;
            prev = m2;
        }
    } else if ((again = named_person(c, t, L, np)) != NULL) {
        gs_strcpy(base, sizeof base, again->code);
        src = again->src;
        dict = again->dict;
        person = true;
    } else if (np->flags & GS_NP_PRONOUN) {
        const gs_tok *tk = &t->toks[np->head];
        const gs_ractor *r = NULL;
        if (tok_is(tk, "it") && !c->opt.compat && it_is_thing(c, L, npi))
            return 0; /* "the United States vetoed it" (the resolution) */
        if (tok_in(tk, person_pronouns) && c->have_person)
            r = &c->recent_person;
        else if (tok_in(tk, thing_pronouns) && tok_is(tk, "it") && c->have_thing && !c->opt.compat)
            r = &c->recent_thing; /* "NATO confirmed it would ..." */
        else if (tok_in(tk, thing_pronouns) && c->have_country)
            r = &c->recent_country;
        else if (tok_in(tk, plural_pronouns) && c->have_any)
            r = &c->recent_any;
        if (!r)
            return 0;
        gs_ractor x = *r;
        x.start = np->start;
        x.end = np->end;
        return push_ractor(c, &x) < 0 ? GESTA_ENOMEM : (act->n = 1, 0);
    }
    /* a possessive pronoun as determiner: "its military", "their leaders" */
    if (!actor && nagents && L->lt[np->start].penn == GS_P_PRPS) {
        const gs_tok *tk = &t->toks[np->start];
        const gs_ractor *r = NULL;
        if (tok_in(tk, person_pronouns) && c->have_person)
            r = &c->recent_person;
        else if ((tok_in(tk, thing_pronouns) || tok_in(tk, plural_pronouns)) && c->have_country)
            r = &c->recent_country;
        if (r) {
            gs_strcpy_max(base, sizeof base, r->code, 3);
            src = r->src;
            dict = r->dict;
        }
    }
    /* "the two countries", "both sides", "the two governments": the two
     * countries last named, each with the role */
    bool pair = false;
    if (!actor && !base[0] && (np->flags & GS_NP_PLURAL) && c->nhist_start >= 2) {
        for (uint32_t k = np->start; k < np->end; k++)
            if (tok_is(&t->toks[k], "two") || tok_is(&t->toks[k], "both"))
                pair = true;
        static const char *const heads[] = {"countries", "nations", "sides", "neighbours",
                                            "neighbors", "states", "governments", "leaders",
                                            "presidents", "ministers", "delegations", "armies",
                                            "militaries", "capitals", "allies", NULL};
        /* the two countries last named together ("accused Seoul and Tokyo")
         * while both are among the last four named, else the two named
         * last before this sentence (not China in "China's foreign
         * ministry urged both sides") */
        if (pair && tok_in(&t->toks[np->head], heads)) {
            const gs_ractor *p0 = &c->hist_start[0], *p1 = &c->hist_start[1];
            if (c->have_pair && c->cur_sent - c->pair_sent <= 3) {
                int found = 0;
                for (uint32_t k = 0; k < c->nhist_start; k++)
                    found += !strncmp(c->hist_start[k].code, c->pair[0].code, 3) ||
                             !strncmp(c->hist_start[k].code, c->pair[1].code, 3);
                if (found == 2) {
                    /* the one named last first, as the history has them */
                    bool first = !strncmp(c->hist_start[0].code, c->pair[0].code, 3) ||
                                 (strncmp(c->hist_start[0].code, c->pair[1].code, 3) &&
                                  !strncmp(c->hist_start[1].code, c->pair[0].code, 3));
                    p0 = &c->pair[first ? 0 : 1];
                    p1 = &c->pair[first ? 1 : 0];
                }
            }
            snprintf(base, sizeof base, "%.3s/%.3s", p0->code, p1->code);
            src = p0->src;
            dict = p0->dict;
        }
    }
    /* "the country", "the nation": the country last named */
    if (!actor && !nagents && !base[0] && (np->flags & GS_NP_DEFINITE) && c->have_country) {
        if (country_noun(&t->toks[np->head])) {
            gs_ractor x = c->recent_country;
            gs_strcpy_max(x.code, sizeof x.code, c->recent_country.code, 3);
            x.start = np->start;
            x.end = np->end;
            x.person = 0;
            return push_ractor(c, &x) < 0 ? GESTA_ENOMEM : (act->n = 1, 0);
        }
    }
    if (!base[0] && !nagents && !ethnic) {
        /* PETRARCH's new actors: a short uncoded phrase named by its text */
        uint32_t n = np->end - np->start;
        if (!c->opt.new_actor_length || n > c->opt.new_actor_length || (np->flags & GS_NP_PRONOUN) ||
            !(np->flags & GS_NP_PROPER))
            return 0;
        gs_ractor r;
        memset(&r, 0, sizeof r);
        size_t k = 0;
        r.code[k++] = '"';
        uint32_t from = np->start;
        if (L->lt[from].penn == GS_P_DT)
            from++;
        for (uint32_t q = from; q < np->end && k + 2 < sizeof r.code; q++) {
            if (q > from)
                r.code[k++] = ' ';
            for (uint32_t i = 0; i < t->toks[q].norm_len && k + 2 < sizeof r.code; i++) {
                char ch = t->toks[q].norm[i];
                r.code[k++] = (ch >= 'a' && ch <= 'z') ? (char)(ch - 32) : ch;
            }
        }
        r.code[k++] = '"';
        r.code[k] = '\0';
        r.start = np->start;
        r.end = np->end;
        if (push_ractor(c, &r) < 0)
            return GESTA_ENOMEM;
        act->n = 1;
        return 0;
    }
    if (!base[0]) {
        /* agents alone: "the foreign minister of Iran", else the country of
         * the actor most recently named ("the president said") */
        int32_t ppn = -1;
        /* "lawmakers and officials in Fornost": the phrase after the last
         * conjunct completes them all */
        const gs_np *last = np;
        while (last->coord >= 0)
            last = &L->nps[last->coord];
        uint32_t after = np->end;
        if (!(after + 1 < send && L->lt[after].chunk == GS_CH_PP))
            after = last->end;
        if (after + 1 < send && L->lt[after].chunk == GS_CH_PP &&
            (tok_is(&t->toks[after], "of") || tok_is(&t->toks[after], "in") ||
             tok_is(&t->toks[after], "from") || tok_is(&t->toks[after], "for")))
            ppn = L->tok_np[after + 1];
        if (ppn >= 0 && L->nps[ppn].start == after + 1) {
            /* "the ambassadors of Arnor, Osgiliath and Gondor": one actor
             * per conjunct, each with the agents */
            size_t pos = 0;
            for (int32_t q = ppn; q >= 0 && pos + 4 < sizeof base; q = L->nps[q].coord) {
                for (uint32_t k = L->nps[q].start; k < L->nps[q].end; k++) {
                    int32_t mi = c->tok_mention[k];
                    if (mi >= 0 && c->mentions[mi].kind == GS_DK_ACTOR) {
                        const gs_mention *m = &c->mentions[mi];
                        const gs_dict *dj = d->all[m->dict];
                        uint32_t off = actor_code(dj, m->entry, when);
                        int w = snprintf(base + pos, sizeof base - pos, "%s%s", pos ? "/" : "",
                                         off ? gs_dict_str(dj, off) : "---");
                        if (w > 0 && (size_t)w < sizeof base - pos)
                            pos += (size_t)w;
                        src = dj->actors[m->entry].src;
                        dict = m->dict;
                        ev1 = L->nps[q].end;
                        break;
                    }
                }
            }
        }
        /* a definite description names someone of the country last named,
         * unless it carries a name of its own ("the agency WFNA") */
        bool named = false;
        for (uint32_t k = np->start; k < np->end; k++)
            if ((L->lt[k].penn == GS_P_NNP || L->lt[k].penn == GS_P_NNPS) && c->tok_mention[k] < 0) {
                bool agent_word = false;
                for (uint32_t i = 0; i < nagents; i++)
                    if (k >= agents[i]->start && k < agents[i]->end)
                        agent_word = true;
                if (!agent_word)
                    named = true;
            }
        if (!base[0] && !named && (np->flags & GS_NP_DEFINITE) && c->have_country) {
            gs_strcpy_max(base, sizeof base, c->recent_country.code, 3);
            src = c->recent_country.src;
            dict = c->recent_country.dict;
        }
        if (!base[0])
            snprintf(base, sizeof base, "---");
    }
    if (former && gs_code_is_country(base))
        base[3] = '\0';
    /* an actor named by its role alone ("militants") has the role as evidence */
    if (src.line == 0 && nagents) {
        src = d->all[agents[0]->dict]->agents[agents[0]->entry].src;
        dict = agents[0]->dict;
    }
    /* several codes "A/B": one actor each */
    char *save = NULL;
    char buf[GS_CODE_LEN];
    gs_strcpy(buf, sizeof buf, base);
    for (char *tok = strtok_r(buf, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
        gs_ractor r;
        memset(&r, 0, sizeof r);
        gs_strcpy(r.code, sizeof r.code, tok);
        if (former && gs_code_is_country(r.code)) {
            compose(r.code, "ELI", GS_AGENT_SUFFIX);
        } else if (person && !c->opt.compat && strlen(r.code) > 3) {
            /* a person's dated code is complete: "President Lee Jae-myung"
             * is what the dictionary says he was on that day, whatever the
             * title (PETRARCH composes the title in) */
        } else {
            for (uint32_t i = 0; i < nagents; i++) {
                const gs_dict *dj = d->all[agents[i]->dict];
                const gs_agent *ag = &dj->agents[agents[i]->entry];
                compose(r.code, gs_dict_str(dj, ag->code), ag->how);
            }
            if (ethnic && !nagents)
                compose(r.code, "CVL", GS_AGENT_SUFFIX);
        }
        if (!strcmp(r.code, "---"))
            continue;
        r.start = ev0 < np->start ? np->start : ev0;
        r.end = ev1;
        /* the evidence covers the roles composed with the actor too */
        for (uint32_t i = 0; i < nagents && !former; i++) {
            if (agents[i]->start < r.start)
                r.start = agents[i]->start;
            if (agents[i]->end > r.end)
                r.end = agents[i]->end;
        }
        r.src = src;
        r.dict = dict;
        r.person = person || (nagents && !(np->flags & GS_NP_PLURAL) && role_person(t, np) &&
                              (!actor || (actor->end <= np->head && strlen(base) == 3)));
        r.name0 = name0;
        r.name1 = name1;
        if (push_ractor(c, &r) < 0)
            return GESTA_ENOMEM;
        act->n++;
    }
    return 0;
}

/* Remembers the actors of a resolved noun phrase for later pronouns. */
static void remember(gs_coder *c, const gs_text *t, const gs_npact *a, bool plural)
{
    for (uint32_t i = 0; i < a->n; i++) {
        const gs_ractor *r = &c->ractors[a->first + i];
        if (!strncmp(r->code, "---", 3))
            continue;
        if (r->name1 > r->name0 && c->nnamed < sizeof c->named / sizeof c->named[0]) {
            const gs_tok *f = &t->toks[r->name0], *l = &t->toks[r->name1 - 1];
            c->named[c->nnamed].r = *r;
            c->named[c->nnamed].first = f->norm;
            c->named[c->nnamed].first_len = f->norm_len;
            c->named[c->nnamed].last = l->norm;
            c->named[c->nnamed].last_len = l->norm_len;
            c->nnamed++;
        }
        c->recent_any = *r;
        c->have_any = true;
        if (!r->person && !plural && a->n == 1) {
            c->recent_thing = *r;
            c->have_thing = true;
        }
        if (r->person) {
            c->recent_person = *r;
            c->have_person = true;
        }
        if (gs_code_is_country(r->code)) {
            /* the history of distinct countries, most recent first */
            uint32_t k = 0;
            while (k < c->nhist && strncmp(c->hist[k].code, r->code, 3))
                k++;
            if (k == c->nhist && c->nhist < 4)
                c->nhist++;
            if (k == 4)
                k = 3;
            memmove(&c->hist[1], &c->hist[0], k * sizeof c->hist[0]);
            c->hist[0] = *r;
            if (c->have_country && strncmp(c->recent_country.code, r->code, 3)) {
                c->prev_country = c->recent_country;
                c->have_prev_country = true;
            }
            c->recent_country = *r;
            c->have_country = true;
        }
    }
}

/* Is phrase i the object of a verb or of "against", "to", "toward",
 * "with", "on"? */
static bool acted_on(const gs_text *t, const gs_lang *L, const gs_sent_lang *sl, uint32_t i)
{
    for (uint32_t v = sl->vg0; v < sl->vg0 + sl->nvg; v++)
        if (L->vgs[v].object == (int32_t)i && !(L->vgs[v].flags & GS_VG_COPULA) &&
            L->tok_cl[L->nps[i].start] == L->vgs[v].clause) /* not "says U.S. will" */
            return true;
    int32_t pp = L->nps[i].pp;
    if (pp < 0)
        return false;
    if (L->pps[pp].prep >= t->ntoks)
        return false;
    const gs_tok *p = &t->toks[L->pps[pp].prep];
    return tok_is(p, "against") || tok_is(p, "to") || tok_is(p, "toward") || tok_is(p, "towards") ||
           tok_is(p, "with") || tok_is(p, "on");
}

int gs_code_resolve_nps(gs_coder *c, const gs_text *t, const gs_lang *L, const gs_dicts *d,
                        const gs_sent_lang *sl, gs_when *when, uint32_t send)
{
    if (L->nnps > c->cap_npact &&
        gs_grow((void **)&c->npact, &c->cap_npact, L->nnps, sizeof(gs_npact)) < 0)
        return GESTA_ENOMEM;
    memcpy(c->hist_start, c->hist, sizeof c->hist);
    c->nhist_start = c->nhist;
    c->cur_sl = sl;
    /* in text order, so that a pronoun can refer to a phrase before it */
    for (uint32_t i = sl->np0; i < sl->np0 + sl->nnp; i++) {
        int rc = resolve_np(c, t, L, d, i, when, send);
        if (rc < 0)
            return rc;
        remember(c, t, &c->npact[i], (L->nps[i].flags & GS_NP_PLURAL) != 0);
    }
    /* two countries named together, each a phrase of its own ("Seoul and
     * Tokyo", "between India and Pakistan"), are what a later "both sides"
     * or "the two countries" means */
    for (uint32_t i = sl->np0; i < sl->np0 + sl->nnp; i++) {
        const gs_np *np = &L->nps[i];
        const gs_ractor *r0, *r1;
        if (np->coord < 0 && c->npact[i].n == 2) {
            /* one phrase naming both */
            r0 = &c->ractors[c->npact[i].first];
            r1 = r0 + 1;
        } else {
            if (np->coord < 0 || L->nps[np->coord].coord >= 0)
                continue;
            bool conjunct = false; /* the second of three or more */
            for (uint32_t q = sl->np0; q < i && !conjunct; q++)
                conjunct = L->nps[q].coord == (int32_t)i;
            if (conjunct)
                continue;
            const gs_npact *a0 = &c->npact[i], *a1 = &c->npact[np->coord];
            if (a0->n != 1 || a1->n != 1)
                continue;
            r0 = &c->ractors[a0->first];
            r1 = &c->ractors[a1->first];
        }
        if (!gs_code_is_country(r0->code) || !gs_code_is_country(r1->code) ||
            !strncmp(r0->code, r1->code, 3))
            continue;
        c->pair[0] = *r0;
        c->pair[1] = *r1;
        c->have_pair = true;
        c->pair_sent = c->cur_sent;
    }
    /* a bare modifier coordinated with a phrase shares its head: "U.S. and
     * Russian negotiators", "Senior Hungarian and Romanian officials" */
    for (uint32_t i = sl->np0; i < sl->np0 + sl->nnp && !c->opt.compat; i++) {
        const gs_np *np = &L->nps[i];
        if (np->coord < 0 || !modifier_only(t, L, np))
            continue;
        int32_t last = np->coord;
        while (L->nps[last].coord >= 0)
            last = L->nps[last].coord;
        const gs_npact *la = &c->npact[last];
        if (!la->n)
            continue;
        const char *role = c->ractors[la->first].code;
        if (!gs_code_is_country(role) || strlen(role) <= 3)
            continue;
        role += 3;
        for (int32_t q = (int32_t)i; q >= 0 && q != last; q = L->nps[q].coord) {
            const gs_npact *qa = &c->npact[q];
            if (q != (int32_t)i && !modifier_only(t, L, &L->nps[q]))
                break;
            for (uint32_t k = 0; k < qa->n; k++) {
                gs_ractor *r = &c->ractors[qa->first + k];
                if (strlen(r->code) == 3 && gs_code_is_country(r->code))
                    compose(r->code, role, GS_AGENT_SUFFIX);
            }
        }
    }
    /* a quantity or a group is the people it counts: "Hundreds of
     * Pakistanis", "Thousands of Thai protesters", "a group of rebels" */
    for (uint32_t r = sl->nnp; r >= 2; r--) { /* right to left: "tens of thousands of" */
        uint32_t i = sl->np0 + r - 2;
        const gs_np *np = &L->nps[i];
        const gs_np *of = &L->nps[i + 1];
        if (c->npact[i].n || !c->npact[i + 1].n || of->start != np->end + 1 ||
            !gs_lit_eq(L->lt[np->end].lemma, L->lt[np->end].lemma_len, "of"))
            continue;
        static const char *const counts[] = {
            "hundred", "thousand", "dozen", "score", "ten", "million", "number", "group",
            "crowd", "handful", "majority", "minority", "some", "many", "several", "most", "all",
            "both", "each", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "member", "part", "band", "gang", "team", "unit", "squad", "contingent", "battalion",
            "detachment", "delegation", "wave", "flood", "mob", "throng", "column", "convoy",
            "deployment", "batch", "patch", "third", "half", "dozens", NULL};
        const gs_ltok *h = &L->lt[np->head];
        bool count = L->lt[np->head].penn == GS_P_CD;
        for (const char *const *p = counts; *p && !count; p++)
            count = gs_lit_eq(h->lemma, h->lemma_len, *p);
        if (count)
            c->npact[i] = c->npact[i + 1];
    }
    /* "the Hizbollah (Party of God) group": the head after a bracket is
     * the name's before it */
    for (uint32_t i = sl->np0 + 1; i < sl->np0 + sl->nnp; i++) {
        const gs_np *np = &L->nps[i];
        if (c->npact[i].n || np->start < 3 || !tok_is(&t->toks[np->start - 1], ")"))
            continue;
        uint32_t k = np->start - 1;
        while (k > 0 && !tok_is(&t->toks[k], "(") && np->start - k < 12)
            k--;
        if (!tok_is(&t->toks[k], "(") || k == 0 || L->tok_np[k - 1] < 0)
            continue;
        /* (the host in this sentence: an earlier sentence's phrases may not
         * have been resolved in this document) */
        int32_t host = L->tok_np[k - 1];
        if ((uint32_t)host >= sl->np0 && (uint32_t)host < i && L->nps[host].end == k &&
            c->npact[host].n)
            c->npact[i] = c->npact[host];
    }
    /* an apposition lends its actor to a phrase without one, and takes it */
    for (uint32_t i = sl->np0; i < sl->np0 + sl->nnp; i++) {
        const gs_np *np = &L->nps[i];
        if (np->appos < 0)
            continue;
        gs_npact *a = &c->npact[i], *b = &c->npact[np->appos];
        if (!a->n && b->n)
            *a = *b;
        else if (a->n && !b->n)
            *b = *a;
    }
    /* a role named without its country ("President Dos Santos", "the
     * judge") in a sentence that names one country only is that
     * country's */
    if (!c->opt.compat) {
        char country[4] = "";
        bool one = true, actor_too = false;
        for (uint32_t i = sl->np0; i < sl->np0 + sl->nnp && one; i++)
            for (uint32_t k = 0; k < c->npact[i].n; k++) {
                const char *code = c->ractors[c->npact[i].first + k].code;
                if (!gs_code_is_country(code))
                    continue;
                /* a country acted on is not the role's: "President Bush
                 * threatened Russia", "the minister accused Japan" */
                const gs_ractor *r = &c->ractors[c->npact[i].first + k];
                const gs_np *np = &L->nps[i];
                bool bare = strlen(code) == 3 && !np->poss && np->head >= r->start && np->head < r->end;
                if (!bare || !acted_on(t, L, sl, i))
                    actor_too = true;
                if (!country[0])
                    memcpy(country, code, 3);
                else if (memcmp(country, code, 3))
                    one = false;
            }
        /* subjects only: an object's role ("released the detained
         * leaders") need not be the same country's */
        /* a role acting in a country named by the verb's "in" phrase is
         * that country's: "people blocked streets in Hong Kong" */
        for (uint32_t v = sl->vg0; v < sl->vg0 + sl->nvg; v++) {
            int32_t sj = L->vgs[v].subject;
            if (sj < 0 || (L->vgs[v].flags & GS_VG_PASSIVE))
                continue;
            const char *where = NULL;
            for (uint32_t p = sl->pp0; p < sl->pp0 + sl->npp && !where; p++) {
                const gs_pp *pp = &L->pps[p];
                if (pp->vg != (int32_t)v || pp->np < 0 || pp->prep >= t->ntoks ||
                    !tok_is(&t->toks[pp->prep], "in"))
                    continue;
                const gs_npact *pa = &c->npact[pp->np];
                if (pa->n == 1 && strlen(c->ractors[pa->first].code) == 3 &&
                    gs_code_is_country(c->ractors[pa->first].code))
                    where = c->ractors[pa->first].code;
            }
            for (uint32_t k = 0; where && k < c->npact[sj].n; k++) {
                gs_ractor *r = &c->ractors[c->npact[sj].first + k];
                if (!strncmp(r->code, "---", 3) && r->code[3])
                    memcpy(r->code, where, 3);
            }
        }
        if (one && country[0] && actor_too)
            for (uint32_t i = sl->np0; i < sl->np0 + sl->nnp; i++) {
                bool subject = false;
                for (uint32_t v = sl->vg0; v < sl->vg0 + sl->nvg && !subject; v++)
                    subject = L->vgs[v].subject == (int32_t)i;
                if (!subject)
                    continue;
                for (uint32_t k = 0; k < c->npact[i].n; k++) {
                    gs_ractor *r = &c->ractors[c->npact[i].first + k];
                    if (!strncmp(r->code, "---", 3) && r->code[3])
                        memcpy(r->code, country, 3);
                }
            }
    }
    return 0;
}
