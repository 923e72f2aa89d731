/*
 * chunk.c: tagged tokens -> phrases and clauses.
 *
 * A shallow parser in four passes over each sentence:
 *
 *  1. chunks, left to right: noun phrases (determiner, premodifiers, head;
 *     a possessive "X 's" continues into the possessed noun), verb groups
 *     (auxiliaries, adverbs, the main verb and its particle, with voice,
 *     tense, negation and modality), and prepositional phrases (a
 *     preposition and the noun phrase after it);
 *  2. links between noun phrases: coordination ("the United States, Japan
 *     and South Korea") and apposition ("Wang Yi, China's top diplomat,");
 *  3. clauses: subordinate (after, because, when ...), relative (which,
 *     who), reported speech (X said [that] Y attacked Z; "...," X said),
 *     coordinated clauses (", and Y did ...");
 *  4. grammatical relations: each verb group's subject (the relative
 *     pronoun's antecedent in a relative clause, the governing verb's
 *     subject for "pledged to send", the earlier verb's for "met X and
 *     signed Y"), its object, and the prepositional phrases it governs;
 *     an infinitive or gerund is linked to the verb that governs it.
 *
 * Everything is bounded by the sentence length; no pass looks back more
 * than a sentence, so the work is linear in the text.
 */
#include "lang.h"

#include <pthread.h>
#include <string.h>

/* --------------------------------------------------------------- helpers */

typedef struct ctx {
    gs_lang *L;
    const gs_text *t;
    const gs_tok *tok;
    gs_ltok *lt;
    uint32_t s, e; /* sentence token range */
} ctx;

static inline int P(const ctx *c, uint32_t i) { return i < c->e ? c->lt[i].penn : -1; }

static GS_ALWAYS_INLINE bool lemma_is(const ctx *c, uint32_t i, const char *w)
{
    if (i >= c->e)
        return false;
    return GS_LIT_EQ(c->lt[i].lemma, c->lt[i].lemma_len, w);
}

static bool lemma_in(const ctx *c, uint32_t i, const char *const *list)
{
    if (i >= c->e || !c->lt[i].lemma_len)
        return false;
    const char *lm = c->lt[i].lemma;
    size_t n = c->lt[i].lemma_len;
    for (; *list; list++)
        if ((*list)[0] == lm[0] && gs_lit_eq(lm, n, *list))
            return true;
    return false;
}

static GS_ALWAYS_INLINE bool norm_is(const ctx *c, uint32_t i, const char *w)
{
    if (i >= c->e)
        return false;
    return GS_LIT_EQ(c->tok[i].norm, c->tok[i].norm_len, w);
}

static bool is_noun(int p) { return p == GS_P_NN || p == GS_P_NNS || p == GS_P_NNP || p == GS_P_NNPS; }
static bool is_verb(int p) { return p >= GS_P_VB && p <= GS_P_VBZ; }

static bool is_neg(const ctx *c, uint32_t i) { return i < c->e && (c->lt[i].lclass & GS_LC_NEG); }

/* Subordinating conjunctions that open a clause. */
static const char *const subordinators[] = {
    "after", "before", "because", "although", "though", "while", "when", "whenever", "if",
    "since", "until", "unless", "whereas", "once", "as", "whether", "where", NULL};

/* Verbs that report speech or thought: their complement is a clause of its
 * own ("X said Y attacked Z"). */
static const char *const speech_verbs[] = {
    "say", "tell", "announce", "report", "add", "warn", "claim", "state", "insist", "confirm",
    "deny", "note", "stress", "declare", "reveal", "allege", "argue", "believe", "think",
    "fear", "suspect", "indicate", "show", "estimate", "predict", "write", "explain",
    "acknowledge", "admit", "assert", "charge", "contend", "suggest", "hope", "expect",
    "know", "learn", "understand", "agree", "accuse", "complain", "emphasize", "emphasise",
    "repeat", "reiterate", "recall", "mention", "tweet", "hint", "maintain", "signal",
    "conclude", "find", "decide", "predict", "reply", "respond", "quote", NULL};

/* Whether verb group v is headed by a speech verb (asked of the same group
 * many times while clauses are found, so remembered in the group). */
static bool vg_speech(const ctx *c, int32_t v)
{
    gs_vg *vg = &c->L->vgs[v];
    if (!vg->speech)
        vg->speech = vg->head < c->e && (c->lt[vg->head].lclass & GS_LC_SPEECH) ? 2 : 1;
    return vg->speech == 2;
}

/* The lemmas of the GS_LC_* classes in one small hash set, built once per
 * process: the tagger asks for the classes of every new word form. */
#define LC_SLOTS 512 /* a power of two, over twice the words */
static struct lc_slot {
    const char *w;
    uint8_t n, k;
} lc_set[LC_SLOTS];
static pthread_once_t lc_once = PTHREAD_ONCE_INIT;

static uint32_t lc_hash(const char *w, size_t n) { return gs_lang_hash(w, n) & (LC_SLOTS - 1); }

static void lc_add(const char *w, unsigned k)
{
    size_t n = strlen(w);
    uint32_t h = lc_hash(w, n);
    while (lc_set[h].w && !(lc_set[h].n == n && !memcmp(lc_set[h].w, w, n)))
        h = (h + 1) & (LC_SLOTS - 1);
    lc_set[h].w = w;
    lc_set[h].n = (uint8_t)n;
    lc_set[h].k |= (uint8_t)k;
}

/* Words of a time expression (and its prepositions), for only_time. */
static const char *const time_words[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "yesterday", "today", "tonight", "week", "weekend", "month", "year", "morning",
    "afternoon", "evening", "night", "day", "on", "late", "early", "earlier", "later",
    "last", "this", "next", "at", "in", "the", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
    "jan.", "feb.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", NULL};

static void lc_build(void)
{
    static const char *const neg[] = {"not", "never", NULL};
    static const char *const aux[] = {"be", "have", "do", "get", NULL};
    for (const char *const *w = neg; *w; w++)
        lc_add(*w, GS_LC_NEG);
    for (const char *const *w = aux; *w; w++)
        lc_add(*w, GS_LC_AUX);
    for (const char *const *w = speech_verbs; *w; w++)
        lc_add(*w, GS_LC_SPEECH);
    for (const char *const *w = subordinators; *w; w++)
        lc_add(*w, GS_LC_SUBORD);
    for (const char *const *w = time_words; *w; w++)
        lc_add(*w, GS_LC_TIME);
    static const char *const def[] = {"the", "this", "that", "these", "those", NULL};
    for (const char *const *w = def; *w; w++)
        lc_add(*w, GS_LC_DEF);
}

unsigned gs_lang_lemma_class(const char *lemma, size_t ll, const char *norm, size_t nl)
{
    unsigned k = 0;
    if (gs_lit_eq(norm, nl, "n't") || gs_lit_eq(norm, nl, "N'T"))
        k |= GS_LC_NEG;
    if (ll == nl && (lemma == norm || gs_same_nocase(lemma, norm, nl)))
        k |= GS_LC_FORM;
    if (!ll || ll > 16)
        return k;
    pthread_once(&lc_once, lc_build);
    for (uint32_t h = lc_hash(lemma, ll); lc_set[h].w; h = (h + 1) & (LC_SLOTS - 1))
        if (lc_set[h].n == ll && !memcmp(lc_set[h].w, lemma, ll))
            return k | lc_set[h].k;
    return k;
}

/* Auxiliaries: a form of one of these before another verb. */
static bool is_aux(const ctx *c, uint32_t i)
{
    return P(c, i) == GS_P_MD || (i < c->e && (c->lt[i].lclass & GS_LC_AUX));
}

/* The next token after i that is not an adverb. */
static uint32_t skip_adverbs(const ctx *c, uint32_t i)
{
    while (i < c->e && (P(c, i) == GS_P_RB || is_neg(c, i)))
        i++;
    return i;
}

/* ------------------------------------------------------- pass 1: chunks */

static int push_np(ctx *c, uint32_t start, uint32_t end, uint32_t head, uint32_t poss, uint16_t fl)
{
    gs_lang *L = c->L;
    if (L->nnps == L->cap_nps &&
        gs_grow((void **)&L->nps, &L->cap_nps, L->nnps + 1, sizeof(gs_np)) < 0)
        return GESTA_ENOMEM;
    gs_np *np = &L->nps[L->nnps];
    np->start = start;
    np->end = end;
    np->head = head;
    np->poss = poss;
    np->flags = fl;
    np->coord = np->appos = np->pp = -1;
    int p = P(c, head);
    if (p == GS_P_NNP || p == GS_P_NNPS)
        np->flags |= GS_NP_PROPER;
    if (p == GS_P_NNS || p == GS_P_NNPS)
        np->flags |= GS_NP_PLURAL;
    if ((start < c->e && (c->lt[start].lclass & GS_LC_DEF)) || P(c, start) == GS_P_PRPS || poss)
        np->flags |= GS_NP_DEFINITE;
    for (uint32_t k = start; k < end; k++) {
        L->tok_np[k] = (int32_t)L->nnps;
        c->lt[k].chunk = GS_CH_NP;
    }
    L->nnps++;
    return 0;
}

/* Scans a noun phrase starting at i; returns its end (i when none). */
static uint32_t scan_np(ctx *c, uint32_t i, int *rc)
{
    *rc = 0;
    int p = P(c, i);
    if (p == GS_P_PRP || p == GS_P_EX) {
        *rc = push_np(c, i, i + 1, i, 0, p == GS_P_PRP ? GS_NP_PRONOUN : 0);
        return i + 1;
    }
    uint32_t k = i;
    int32_t head = -1;
    uint32_t poss = 0;
    bool det_ok = true;
    /* a quantity opens the phrase: "at least three air strikes", "more than
     * 100 people", "up to 4,000 troops" */
    if (k + 2 < c->e && P(c, k + 2) == GS_P_CD &&
        ((lemma_is(c, k, "at") && (lemma_is(c, k + 1, "least") || lemma_is(c, k + 1, "most"))) ||
         ((lemma_is(c, k, "more") || lemma_is(c, k, "less") || lemma_is(c, k, "fewer")) &&
          lemma_is(c, k + 1, "than")) ||
         (lemma_is(c, k, "up") && lemma_is(c, k + 1, "to"))))
        k += 2;
    while (k < c->e) {
        p = P(c, k);
        if ((p == GS_P_DT || p == GS_P_PDT || p == GS_P_PRPS) && det_ok) {
            /* a determiner used alone ("that", "both") heads its phrase only
             * when nothing nominal follows */
            k++;
            if (p != GS_P_PDT)
                det_ok = false;
            continue;
        }
        det_ok = false;
        if (p == GS_P_CD || is_noun(p) || p == GS_P_JJ || p == GS_P_JJR || p == GS_P_JJS) {
            if (is_noun(p) || p == GS_P_CD)
                head = (int32_t)k;
            k++;
            continue;
        }
        if ((p == GS_P_VBN || p == GS_P_VBG) && k > i) {
            /* a participle premodifier: "the ruling party" */
            int q = P(c, k + 1);
            if (is_noun(q) || q == GS_P_JJ) {
                k++;
                continue;
            }
            break;
        }
        if (p == GS_P_RB && k + 1 < c->e && (P(c, k + 1) == GS_P_JJ || P(c, k + 1) == GS_P_CD) &&
            !is_neg(c, k) && head < 0) {
            k++; /* "very large", "about 200" */
            continue;
        }
        if (p == GS_P_POS && head >= 0) {
            /* a possessor: the phrase continues with what is possessed */
            poss = k;
            k++;
            det_ok = false;
            int q = P(c, k);
            if (!(is_noun(q) || q == GS_P_JJ || q == GS_P_JJS || q == GS_P_JJR || q == GS_P_CD ||
                  q == GS_P_VBG || q == GS_P_VBN))
                break;
            continue;
        }
        if (norm_is(c, k, "&") && head >= 0 && P(c, k + 1) == GS_P_NNP) {
            k++;
            continue;
        }
        /* coordinated or stacked modifiers inside the phrase: "awful and
         * evil minister", "economic and military aid", "a long, hard road" */
        if ((P(c, k) == GS_P_CC || norm_is(c, k, ",")) && k > i &&
            (P(c, k - 1) == GS_P_JJ || P(c, k - 1) == GS_P_JJR) && P(c, k + 1) == GS_P_JJ) {
            uint32_t q = k + 1;
            while (q < c->e && (P(c, q) == GS_P_JJ || P(c, q) == GS_P_JJR))
                q++;
            if (q < c->e && is_noun(P(c, q))) {
                k++;
                continue;
            }
        }
        break;
    }
    if (k == i)
        return i;
    /* after a possessor the possessed is the head, even when it is an
     * adjective used as a noun: "South Korea's military", "the nation's poor" */
    if (poss && head >= 0 && (uint32_t)head < poss && k - 1 > poss)
        head = (int32_t)(k - 1);
    if (head < 0) {
        /* "the poor", "the first": an adjective or determiner as head */
        uint32_t last = k - 1;
        int lp = P(c, last);
        if (lp == GS_P_JJ || lp == GS_P_JJS || lp == GS_P_JJR || lp == GS_P_DT || lp == GS_P_PDT)
            head = (int32_t)last;
        else
            return i;
    }
    /* words after the head (an adjective after the last noun) stay out */
    uint32_t end = (uint32_t)head + 1;
    if (poss && poss >= end)
        end = poss + 1;
    *rc = push_np(c, i, end, (uint32_t)head, poss, poss ? GS_NP_POSSESSIVE : 0);
    return end;
}

static int push_vg(ctx *c, uint32_t start, uint32_t end, uint32_t head, uint32_t particle,
                   uint16_t fl)
{
    gs_lang *L = c->L;
    if (L->nvgs == L->cap_vgs &&
        gs_grow((void **)&L->vgs, &L->cap_vgs, L->nvgs + 1, sizeof(gs_vg)) < 0)
        return GESTA_ENOMEM;
    gs_vg *vg = &L->vgs[L->nvgs];
    vg->start = start;
    vg->end = end;
    vg->head = head;
    vg->particle = particle;
    vg->flags = fl;
    vg->speech = 0;
    vg->governor = vg->xcomp = -1;
    vg->clause = -1;
    vg->subject = vg->object = -1;
    for (uint32_t k = start; k < end; k++) {
        L->tok_vg[k] = (int32_t)L->nvgs;
        c->lt[k].chunk = GS_CH_VG;
    }
    L->nvgs++;
    return 0;
}

/* A past participle the tagger read as an adjective after a form of
 * "have" ("has celebrated Eid"): retag it, since an adjective cannot
 * follow the auxiliary there. */
static void fix_perfect(ctx *c, uint32_t i)
{
    if (!lemma_is(c, i, "have") || !is_verb(P(c, i)))
        return;
    uint32_t k = skip_adverbs(c, i + 1);
    if (k >= c->e || P(c, k) != GS_P_JJ)
        return;
    const gs_tok *t = &c->tok[k];
    if (t->norm_len < 4 || gs_lower((unsigned char)t->norm[t->norm_len - 1]) != 'd' ||
        gs_lower((unsigned char)t->norm[t->norm_len - 2]) != 'e')
        return;
    const char *lm;
    size_t ll;
    char low[64];
    if (t->norm_len >= sizeof low)
        return;
    for (uint32_t q = 0; q < t->norm_len; q++)
        low[q] = (char)gs_lower((unsigned char)t->norm[q]);
    if (gs_verb_lemma(low, t->norm_len, &lm, &ll, c->L->arena)) {
        c->lt[k].penn = GS_P_VBN;
        c->lt[k].lemma = lm;
        c->lt[k].lemma_len = (uint32_t)ll;
        c->lt[k].lclass = (uint8_t)gs_lang_lemma_class(lm, ll, t->norm, t->norm_len);
    }
}

static bool verbal_start_slow(const ctx *c, uint32_t i);

/* Does a verb group start at token i?  The commonest answers (a verb, a
 * modal; no adverb, negation or "to") inline, the others in
 * verbal_start_slow. */
static GS_ALWAYS_INLINE bool verbal_start(const ctx *c, uint32_t i)
{
    int p = P(c, i);
    if (p == GS_P_MD || is_verb(p))
        return true;
    if (p != GS_P_TO && p != GS_P_RB && !is_neg(c, i))
        return false;
    return verbal_start_slow(c, i);
}

static bool verbal_start_slow(const ctx *c, uint32_t i)
{
    int p = P(c, i);
    if (p == GS_P_TO) {
        uint32_t k = skip_adverbs(c, i + 1);
        if (P(c, k) == GS_P_LQUOTE)
            k = skip_adverbs(c, k + 1); /* to "play a role" */
        return P(c, k) == GS_P_VB;
    }
    if (p == GS_P_RB || is_neg(c, i)) {
        uint32_t k = skip_adverbs(c, i);
        /* "not to meet": a negated infinitive */
        if (is_neg(c, i) && k < c->e && P(c, k) == GS_P_TO && verbal_start(c, k))
            return true;
        return k > i && (P(c, k) == GS_P_MD || is_verb(P(c, k))) && P(c, k) != GS_P_VBG;
    }
    return false;
}

/* Scans a verb group starting at i; returns its end. */
static uint32_t scan_vg(ctx *c, uint32_t i, int *rc)
{
    *rc = 0;
    uint32_t k = i;
    uint16_t fl = 0;
    int32_t head = -1, last_aux = -1;
    uint32_t particle = 0;
    if (is_neg(c, k) && P(c, skip_adverbs(c, k)) == GS_P_TO) {
        fl |= GS_VG_NEG; /* "pledged not to meet" */
        k = skip_adverbs(c, k);
    }
    if (P(c, k) == GS_P_TO) {
        fl |= GS_VG_INF;
        k++;
        if (P(c, skip_adverbs(c, k)) == GS_P_LQUOTE)
            k = skip_adverbs(c, k) + 1;
    }
    bool first_verb = true;
    while (k < c->e) {
        int p = P(c, k);
        if (p == GS_P_RB || is_neg(c, k)) {
            uint32_t nx = skip_adverbs(c, k);
            if (nx < c->e && (is_verb(P(c, nx)) || P(c, nx) == GS_P_MD) && head < 0) {
                for (uint32_t a = k; a < nx; a++)
                    if (is_neg(c, a))
                        fl |= GS_VG_NEG;
                k = nx;
                continue;
            }
            break;
        }
        if (p == GS_P_MD) {
            fl |= GS_VG_MODAL;
            if (lemma_is(c, k, "will") || lemma_is(c, k, "shall"))
                fl |= GS_VG_FUTURE;
            last_aux = (int32_t)k;
            first_verb = false;
            k++;
            continue;
        }
        if (is_verb(p)) {
            if (first_verb && p == GS_P_VBD)
                fl |= GS_VG_PAST;
            first_verb = false;
            uint32_t nx = skip_adverbs(c, k + 1);
            bool more = nx < c->e && is_verb(P(c, nx)) && is_aux(c, k) &&
                        !(lemma_is(c, k, "have") && P(c, nx) == GS_P_TO);
            /* "get" is an auxiliary only before a participle: "got killed" */
            if (more && lemma_is(c, k, "get") && P(c, nx) != GS_P_VBN)
                more = false;
            if (more) {
                for (uint32_t a = k + 1; a < nx; a++)
                    if (is_neg(c, a))
                        fl |= GS_VG_NEG;
                last_aux = (int32_t)k;
                k = nx;
                continue;
            }
            head = (int32_t)k;
            k++;
            if (P(c, k) == GS_P_RP) {
                particle = k;
                k++;
            }
            break;
        }
        break;
    }
    if (head < 0) {
        if (last_aux < 0)
            return i;
        head = last_aux; /* "he will." / "it is." */
    }
    int hp = P(c, (uint32_t)head);
    if (last_aux >= 0) {
        bool be = lemma_is(c, (uint32_t)last_aux, "be") || lemma_is(c, (uint32_t)last_aux, "get");
        bool have = lemma_is(c, (uint32_t)last_aux, "have");
        /* a past tense after an auxiliary is a participle: "was attacked" */
        if (hp == GS_P_VBD && (be || have)) {
            c->lt[head].penn = GS_P_VBN;
            hp = GS_P_VBN;
        }
        /* "were engaged in", "is involved in", "is opposed to": a state
         * its subject is in, not something done to it */
        bool stative = (uint32_t)head + 1 < c->e &&
                       (((lemma_is(c, (uint32_t)head, "engage") || lemma_is(c, (uint32_t)head, "involve")) &&
                         lemma_is(c, (uint32_t)head + 1, "in")) ||
                        ((lemma_is(c, (uint32_t)head, "oppose") || lemma_is(c, (uint32_t)head, "commit") ||
                          lemma_is(c, (uint32_t)head, "dedicate")) &&
                         lemma_is(c, (uint32_t)head + 1, "to")));
        if (hp == GS_P_VBN && be && !stative)
            fl |= GS_VG_PASSIVE;
        else if (hp == GS_P_VBN && have)
            fl |= GS_VG_PERFECT;
        else if (hp == GS_P_VBG && be)
            fl |= GS_VG_PROGRESSIVE;
        /* perfect passive: "has been attacked" */
        for (uint32_t a = (uint32_t)i; a < (uint32_t)head; a++)
            if (lemma_is(c, a, "have") && is_verb(P(c, a)))
                fl |= GS_VG_PERFECT;
        if (lemma_is(c, i, "have") || lemma_is(c, i, "be") || lemma_is(c, i, "do"))
            if (P(c, i) == GS_P_VBD)
                fl |= GS_VG_PAST;
    } else {
        /* "crowds burned its embassy": a bare participle between a subject
         * and an object is a past tense the tagger missed */
        if (hp == GS_P_VBN && !(fl & GS_VG_INF) && i > c->s && c->L->tok_np[i - 1] >= 0 &&
            !(c->L->nps[c->L->tok_np[i - 1]].flags & GS_NP_IN_PP)) {
            int q = P(c, k);
            if (q == GS_P_DT || q == GS_P_PRPS || q == GS_P_NNP || q == GS_P_NNPS ||
                q == GS_P_CD || q == GS_P_PRP) {
                c->lt[head].penn = GS_P_VBD;
                hp = GS_P_VBD;
                fl |= GS_VG_PAST;
            }
        }
        if (hp == GS_P_VBG && !(fl & GS_VG_INF))
            fl |= GS_VG_GERUND;
        if (hp == GS_P_VBN)
            fl |= GS_VG_PARTICIPLE;
    }
    if (lemma_is(c, (uint32_t)head, "be") && head != last_aux)
        fl |= GS_VG_COPULA;
    if (lemma_is(c, (uint32_t)head, "be") && head == last_aux && last_aux >= 0)
        fl |= GS_VG_COPULA;
    *rc = push_vg(c, i, k, (uint32_t)head, particle, fl);
    return k;
}

static int push_pp(ctx *c, uint32_t prep)
{
    gs_lang *L = c->L;
    if (L->npps == L->cap_pps &&
        gs_grow((void **)&L->pps, &L->cap_pps, L->npps + 1, sizeof(gs_pp)) < 0)
        return GESTA_ENOMEM;
    gs_pp *pp = &L->pps[L->npps++];
    pp->prep = prep;
    pp->np = -1;
    pp->vg = -1;
    c->lt[prep].chunk = GS_CH_PP;
    return 0;
}

static int chunks(ctx *c)
{
    int rc;
    int32_t open_pp = -1; /* a preposition waiting for its object */
    for (uint32_t i = c->s; i < c->e;) {
        fix_perfect(c, i);
        int p = P(c, i);
        uint32_t j;
        if (verbal_start(c, i) && !((p == GS_P_VBN || p == GS_P_VBG) && open_pp >= 0 &&
                                     is_noun(P(c, i + 1)))) {
            /* a gerund after a preposition stays a verb group: "from joining" */
            j = scan_vg(c, i, &rc);
            if (rc < 0)
                return rc;
            if (j > i) {
                if (open_pp >= 0 && (c->L->vgs[c->L->nvgs - 1].flags & GS_VG_GERUND))
                    open_pp = -1;
                open_pp = -1;
                i = j;
                continue;
            }
        }
        j = scan_np(c, i, &rc);
        if (rc < 0)
            return rc;
        if (j > i) {
            if (open_pp >= 0) {
                c->L->pps[open_pp].np = (int32_t)c->L->nnps - 1;
                c->L->nps[c->L->nnps - 1].pp = open_pp;
                c->L->nps[c->L->nnps - 1].flags |= GS_NP_IN_PP;
                open_pp = -1;
            }
            i = j;
            continue;
        }
        if (p == GS_P_IN || p == GS_P_TO) {
            if ((rc = push_pp(c, i)) < 0)
                return rc;
            open_pp = (int32_t)c->L->npps - 1;
        } else if (!(p == GS_P_RB || p == GS_P_LQUOTE || p == GS_P_RQUOTE)) {
            open_pp = -1;
        }
        i++;
    }
    return 0;
}

/* ------------------------------------------- pass 2: coordination, apposition */

static GS_ALWAYS_INLINE bool is_cc(const ctx *c, uint32_t i)
{
    return P(c, i) == GS_P_CC && (lemma_is(c, i, "and") || lemma_is(c, i, "or"));
}

/* Is there a verb group in the sentence between token a and token b? */
static bool vg_between(const ctx *c, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b && k < c->e; k++)
        if (c->L->tok_vg[k] >= 0)
            return true;
    return false;
}

/* Is the noun phrase at token i at the start of a clause (the start of the
 * sentence, or right after "that", a subordinator, a relative pronoun or a
 * speech verb), so that a verb after it is its own? */
static bool opens_clause(const ctx *c, uint32_t i)
{
    uint32_t k = i;
    while (k > c->s && (P(c, k - 1) == GS_P_RB || P(c, k - 1) == GS_P_LQUOTE))
        k--;
    if (k == c->s)
        return true;
    uint32_t q = k - 1;
    int p = P(c, q);
    if (p == GS_P_WDT || p == GS_P_WP || lemma_is(c, q, "that") || (c->lt[q].lclass & GS_LC_SUBORD))
        return true;
    if (c->L->tok_vg[q] >= 0 && vg_speech(c, c->L->tok_vg[q]))
        return true;
    if (norm_is(c, q, ",") || norm_is(c, q, ":"))
        return !vg_between(c, c->s, q);
    return false;
}

static void link_nps(ctx *c, const gs_sent_lang *sl)
{
    gs_np *nps = c->L->nps;
    for (uint32_t a = sl->np0; a + 1 < sl->np0 + sl->nnp; a++) {
        gs_np *x = &nps[a], *y = &nps[a + 1];
        uint32_t gap0 = x->end, gap1 = y->start;
        if (gap1 <= gap0)
            continue;
        bool comma = norm_is(c, gap0, ",");
        bool cc = (gap1 - gap0 == 1 && is_cc(c, gap0)) ||
                  (gap1 - gap0 == 2 && comma && is_cc(c, gap0 + 1));
        if (cc) {
            /* "Russia and China vetoed" (subjects) vs "met X, and China said"
             * (a new clause): after a verb, a conjunct followed by its own
             * verb starts a clause */
            bool verb_after = y->end < c->e && c->L->tok_vg[y->end] >= 0 &&
                              !(c->L->vgs[c->L->tok_vg[y->end]].flags & (GS_VG_INF | GS_VG_GERUND));
            uint32_t first = a;
            while (first > sl->np0 && nps[first - 1].coord == (int32_t)first)
                first--;
            /* the object of a preposition does not start a clause, except
             * after ", and" ("struck targets in Gaza, and Hamas fired") */
            bool comma_and = gap1 - gap0 == 2;
            bool verb_before = !opens_clause(c, nps[first].start) &&
                               (!(nps[first].flags & GS_NP_IN_PP) || comma_and);
            if (verb_after && verb_before)
                continue;
            x->coord = (int32_t)(a + 1);
            if (x->flags & GS_NP_IN_PP) {
                y->flags |= GS_NP_IN_PP;
                y->pp = x->pp;
            }
            continue;
        }
        /* "the European Union (EU)": the bracketed phrase is an apposition */
        if (gap1 - gap0 == 1 && norm_is(c, gap0, "(") && norm_is(c, y->end, ")")) {
            x->appos = (int32_t)(a + 1);
            y->flags |= GS_NP_APPOS;
            continue;
        }
        if (gap1 - gap0 == 1 && comma) {
            /* a list "A, B and C": B is followed by "and"/", and" + NP */
            uint32_t after = y->end;
            bool list_next = (is_cc(c, after)) || (norm_is(c, after, ",") && is_cc(c, after + 1)) ||
                             (norm_is(c, after, ",") && a + 2 < sl->np0 + sl->nnp &&
                              nps[a + 2].start == after + 1 && y->coord < 0 &&
                              !(y->flags & GS_NP_DEFINITE));
            /* "With the signing of ... Hostilities, the government and the
             * rebels have agreed": the comma closes a fronted phrase */
            bool fronted = (x->flags & GS_NP_IN_PP) && P(c, c->s) == GS_P_IN &&
                           !vg_between(c, c->s, x->end);
            if (fronted) {
                /* ... and the would-be list ends right before a verb */
                uint32_t k = y->end;
                bool last = false; /* the conjunct after "and" ends the list */
                while (!last && k + 1 < c->e && (is_cc(c, k) || norm_is(c, k, ",")) &&
                       c->L->tok_np[k + 1] >= 0 && c->L->nps[c->L->tok_np[k + 1]].start == k + 1) {
                    last = is_cc(c, k);
                    k = c->L->nps[c->L->tok_np[k + 1]].end;
                }
                fronted = k < c->e && c->L->tok_vg[k] >= 0;
            }
            if (list_next && !fronted && !(y->flags & GS_NP_POSSESSIVE) &&
                !vg_between(c, x->start, y->start)) {
                x->coord = (int32_t)(a + 1);
                if (x->flags & GS_NP_IN_PP) {
                    y->flags |= GS_NP_IN_PP;
                    y->pp = x->pp;
                }
                continue;
            }
            /* apposition: "Wang Yi, China's top diplomat, said" or at the end */
            bool closed = norm_is(c, after, ",") || norm_is(c, after, ".") || after >= c->e ||
                          norm_is(c, after, ")");
            /* ... with phrases of its own before the verb: "Pakistan, a key
             * U.S. ally in the war against terrorism, has refused" */
            const gs_lang *L = c->L;
            if (!closed && after < c->e && L->lt[after].chunk == GS_CH_PP) {
                uint32_t k = after;
                for (;;) {
                    if (k + 1 < c->e && L->lt[k].chunk == GS_CH_PP && L->tok_np[k + 1] >= 0 &&
                        L->nps[L->tok_np[k + 1]].start == k + 1)
                        k = L->nps[L->tok_np[k + 1]].end;
                    else if (k + 2 < c->e && norm_is(c, k, "(") && L->tok_np[k + 1] >= 0 &&
                             L->nps[L->tok_np[k + 1]].start == k + 1 &&
                             norm_is(c, L->nps[L->tok_np[k + 1]].end, ")"))
                        k = L->nps[L->tok_np[k + 1]].end + 1; /* "(FDD)" */
                    else
                        break;
                }
                closed = k > after && k + 1 < c->e && norm_is(c, k, ",") && L->tok_vg[k + 1] >= 0;
            }
            if (closed && !(y->flags & GS_NP_PRONOUN) && !(x->flags & GS_NP_PRONOUN)) {
                x->appos = (int32_t)(a + 1);
                y->flags |= GS_NP_APPOS;
                if (x->flags & GS_NP_IN_PP) {
                    y->flags |= GS_NP_IN_PP;
                    y->pp = x->pp;
                }
            }
        }
    }
}

/* ---------------------------------------------------------- pass 3: clauses */

static int push_clause(ctx *c, uint32_t start, int type, int32_t parent, int32_t marker)
{
    gs_lang *L = c->L;
    if (L->ncls == L->cap_cls &&
        gs_grow((void **)&L->cls, &L->cap_cls, L->ncls + 1, sizeof(gs_clause)) < 0)
        return GESTA_ENOMEM;
    gs_clause *cl = &L->cls[L->ncls++];
    cl->start = start;
    cl->end = c->e;
    cl->type = (uint8_t)type;
    cl->parent = parent;
    cl->marker = marker;
    cl->antecedent = -1;
    cl->sibling = -1;
    return 0;
}

/* Does a finite verb group follow the noun phrase at token i (within a few
 * chunks), so that the words from i form a clause? */
static bool np_then_finite(const ctx *c, uint32_t i)
{
    int32_t np = c->L->tok_np[i];
    if (np < 0)
        return false;
    const gs_np *x = &c->L->nps[np];
    /* follow coordination */
    while (x->coord >= 0)
        x = &c->L->nps[x->coord];
    uint32_t k = x->end;
    /* an apposition between subject and verb */
    if (x->appos >= 0)
        k = c->L->nps[x->appos].end;
    while (k < c->e && (norm_is(c, k, ",") || P(c, k) == GS_P_RB))
        k++;
    int32_t vg = k < c->e ? c->L->tok_vg[k] : -1;
    return vg >= 0 && !(c->L->vgs[vg].flags & (GS_VG_INF | GS_VG_GERUND | GS_VG_PARTICIPLE));
}

/* Are tokens [a, b) only a time expression ("on Tuesday", "late on
 * Monday", "yesterday", "this week", "on March 3")? */
static bool only_time(const ctx *c, uint32_t a, uint32_t b)
{
    bool any = false;
    for (uint32_t k = a; k < b; k++) {
        if (P(c, k) == GS_P_CD || (c->lt[k].lclass & GS_LC_TIME)) {
            any |= !lemma_in(c, k, (const char *const[]){"on", "at", "in", "the", NULL});
            continue;
        }
        return false;
    }
    return any;
}

static int clauses(ctx *c, gs_sent_lang *sl)
{
    gs_lang *L = c->L;
    int rc;
    sl->cl0 = (uint32_t)L->ncls;
    if ((rc = push_clause(c, c->s, GS_CL_MAIN, -1, -1)) < 0)
        return rc;
    int32_t cur = (int32_t)L->ncls - 1;
    /* a stack of clauses to return to when a relative clause closes */
    int32_t stack[16];
    int depth = 0;
    int32_t last_vg = -1; /* the last verb group of the current clause */
    for (uint32_t i = c->s; i < c->e; i++) {
        int p = P(c, i);
        int32_t open = -1;
        int type = -1;
        int32_t marker = -1, antecedent = -1;
        if ((p == GS_P_WDT || p == GS_P_WP) && !lemma_is(c, i, "what") && i > c->s) {
            /* a relative clause after a noun ("North Korea, which fired") */
            uint32_t k = i - 1;
            if (norm_is(c, k, ",") && k > c->s)
                k--;
            if (L->tok_np[k] >= 0) {
                type = GS_CL_REL;
                marker = (int32_t)i;
                antecedent = L->tok_np[k];
                /* the antecedent of "X's Y, who" is the whole phrase */
            } else if (last_vg >= 0 &&
                       vg_speech(c, last_vg)) {
                type = GS_CL_REPORTED;
                marker = (int32_t)i;
            }
        } else if ((p == GS_P_IN || p == GS_P_TO) && i + 1 < c->e && i > c->s &&
                   (P(c, i + 1) == GS_P_WDT || P(c, i + 1) == GS_P_WP) &&
                   !lemma_is(c, i + 1, "what") &&
                   L->tok_np[norm_is(c, i - 1, ",") && i - 1 > c->s ? i - 2 : i - 1] >= 0) {
            /* "the ICC, to which it is not a party", "the man for whom" */
            type = GS_CL_REL;
            marker = (int32_t)i;
            antecedent = L->tok_np[norm_is(c, i - 1, ",") && i - 1 > c->s ? i - 2 : i - 1];
        } else if (p == GS_P_IN && lemma_is(c, i, "that") && last_vg >= 0 &&
                   (L->vgs[last_vg].end + 2 >= i || only_time(c, L->vgs[last_vg].end, i))) {
            type = vg_speech(c, last_vg) ? GS_CL_REPORTED : GS_CL_SUB;
            marker = (int32_t)i;
        } else if (p == GS_P_IN && lemma_is(c, i, "that") && i > c->s && L->tok_np[i - 1] >= 0 &&
                   np_then_finite(c, i + 1)) {
            type = GS_CL_SUB; /* "the fear that X will ..." */
            marker = (int32_t)i;
        } else if ((p == GS_P_IN || p == GS_P_WRB) && (c->lt[i].lclass & GS_LC_SUBORD) &&
                   np_then_finite(c, i + 1)) {
            type = GS_CL_SUB;
            marker = (int32_t)i;
        } else if (L->tok_np[i] >= 0 && L->nps[L->tok_np[i]].start == i && last_vg >= 0 &&
                   !(L->nps[L->tok_np[i]].flags & GS_NP_IN_PP) &&
                   (L->vgs[last_vg].end == i || only_time(c, L->vgs[last_vg].end, i)) &&
                   vg_speech(c, last_vg) && np_then_finite(c, i)) {
            /* "said North Korea fired": a reported clause without "that" */
            type = GS_CL_REPORTED;
        } else if (is_cc(c, i) && last_vg >= 0 && i + 1 < c->e) {
            /* ", and China said" / "and signed": coordination of clauses */
            uint32_t k = i + 1;
            if (L->tok_np[k] >= 0 && L->nps[L->tok_np[k]].start == k && np_then_finite(c, k) &&
                (i == c->s || L->tok_np[i - 1] < 0 || L->nps[L->tok_np[i - 1]].coord < 0))
                type = GS_CL_COORD;
            else if (L->tok_vg[k] >= 0 &&
                     !(L->vgs[L->tok_vg[k]].flags & (GS_VG_INF | GS_VG_GERUND)))
                type = GS_CL_COORD;
            if (type == GS_CL_COORD)
                marker = (int32_t)i;
        }
        if (type >= 0) {
            /* a subordinator opening a clause is not a preposition */
            if (marker >= 0 && L->lt[marker].chunk == GS_CH_PP) {
                L->lt[marker].chunk = GS_CH_O;
                for (uint32_t p2 = sl->pp0; p2 < sl->pp0 + sl->npp; p2++) {
                    if (L->pps[p2].prep != (uint32_t)marker)
                        continue;
                    /* its object and everything that took its PP: conjuncts
                     * and appositions ("that Australia's markets, the U.S.,
                     * Japan and Canada, will") */
                    for (uint32_t q = sl->np0; q < sl->np0 + sl->nnp; q++)
                        if (L->nps[q].pp == (int32_t)p2) {
                            L->nps[q].flags &= (uint16_t)~GS_NP_IN_PP;
                            L->nps[q].pp = -1;
                        }
                    L->pps[p2].np = -1;
                    L->pps[p2].prep = UINT32_MAX;
                }
            }
            int32_t parent = cur;
            if (type == GS_CL_COORD) {
                parent = L->cls[cur].parent;
                /* close a relative clause that the conjunction ends */
            }
            if (type == GS_CL_REL && depth < 16)
                stack[depth++] = cur;
            if ((rc = push_clause(c, i, type, parent, marker)) < 0)
                return rc;
            open = (int32_t)L->ncls - 1;
            L->cls[open].antecedent = antecedent;
            if (type == GS_CL_COORD)
                L->cls[open].sibling = cur;
            if (cur >= 0 && L->cls[cur].end > i)
                L->cls[cur].end = i;
            cur = open;
            last_vg = -1;
        } else if (depth > 0 && norm_is(c, i, ",") && L->cls[cur].type == GS_CL_REL &&
                   last_vg >= 0) {
            /* ", which fired two missiles, condemned": the relative clause
             * ends at the comma; the outer clause resumes after it */
            L->tok_cl[i] = cur;
            L->cls[cur].end = i + 1;
            cur = stack[--depth];
            last_vg = -1;
            for (uint32_t k = L->cls[cur].start; k < i; k++)
                if (L->tok_cl[k] == cur && L->tok_vg[k] >= 0)
                    last_vg = L->tok_vg[k];
            continue;
        }
        L->tok_cl[i] = cur;
        if (L->tok_vg[i] >= 0) {
            last_vg = L->tok_vg[i];
            if (L->vgs[last_vg].clause < 0)
                L->vgs[last_vg].clause = cur;
        }
    }
    sl->ncl = (uint32_t)L->ncls - sl->cl0;
    return 0;
}

/* ------------------------------------------------------ pass 4: relations */

/* The noun phrase that stands for np: an apposition's host, the first
 * conjunct of a coordination. */
static int32_t np_host(const ctx *c, const gs_sent_lang *sl, int32_t np)
{
    const gs_np *nps = c->L->nps;
    for (;;) {
        bool moved = false;
        for (uint32_t a = sl->np0; a < (uint32_t)np; a++) {
            if (nps[a].appos == np || nps[a].coord == np) {
                np = (int32_t)a;
                moved = true;
                break;
            }
        }
        if (!moved)
            return np;
    }
}

/* Verbs whose object is the subject of their infinitive: "urged Y to
 * play", "asked Y to leave", "allowed Y to enter". */
static const char *const object_control_verbs[] = {
    "urge", "ask", "tell", "order", "force", "invite", "persuade", "allow", "encourage", "help",
    "permit", "require", "instruct", "warn", "advise", "pressure", "press", "push", "compel",
    "oblige", "lead", "expect", "enable", "authorize", "authorise", "implore", "beg", "challenge",
    "direct", "command", "request", "empower", "prompt", "cause", "get", "want", "call", "appeal",
    "pressure", "convince", "induce", "entreat", "exhort", "recommend", "dare", "forbid", "ban",
    "prohibit", "train", "teach", "remind", "mandate", "assign", "appoint", "elect", "hire", NULL};

static void relations(ctx *c, const gs_sent_lang *sl)
{
    gs_lang *L = c->L;
    for (uint32_t v = sl->vg0; v < sl->vg0 + sl->nvg; v++) {
        gs_vg *vg = &L->vgs[v];
        int32_t cl = vg->clause >= 0 ? vg->clause : L->tok_cl[vg->start];
        vg->clause = cl;
        /* the verb governing an infinitive or a gerund after a preposition:
         * "pledged to send", "refrained from joining", "accused X of forming" */
        if ((vg->flags & GS_VG_INF) && v > sl->vg0 && vg->start > c->s && is_cc(c, vg->start - 1)) {
            /* "to sign X and to open Y": the same governor as the first */
            for (uint32_t u = v; u-- > sl->vg0;) {
                if ((L->vgs[u].flags & GS_VG_INF) && L->vgs[u].governor >= 0 &&
                    L->vgs[u].clause == cl) {
                    vg->governor = L->vgs[u].governor;
                    break;
                }
            }
        } else if ((vg->flags & GS_VG_INF) && v > sl->vg0) {
            gs_vg *g = &L->vgs[v - 1];
            uint32_t gap = vg->start - g->end;
            bool direct = gap == 0;
            /* "is about to restore", "are ready to sign", "was able to leave" */
            if (!direct && gap <= 2) {
                direct = true;
                for (uint32_t q = g->end; q < vg->start; q++)
                    if (!(P(c, q) == GS_P_RB || P(c, q) == GS_P_JJ || lemma_is(c, q, "about")))
                        direct = false;
            }
            /* "urged both sides to play": governor, object, infinitive */
            if (!direct && L->tok_np[g->end] >= 0) {
                const gs_np *o = &L->nps[L->tok_np[g->end]];
                while (o->coord >= 0)
                    o = &L->nps[o->coord];
                direct = o->end == vg->start;
            }
            /* "called on Russia and Ukraine to resume", "appealed to X to" */
            if (!direct && g->end + 1 < c->e && L->lt[g->end].chunk == GS_CH_PP &&
                L->tok_np[g->end + 1] >= 0) {
                const gs_np *o = &L->nps[L->tok_np[g->end + 1]];
                while (o->coord >= 0)
                    o = &L->nps[o->coord];
                direct = o->end == vg->start;
            }
            if (direct && L->tok_cl[g->head] == cl) {
                vg->governor = (int32_t)(v - 1);
                g->xcomp = (int32_t)v;
            }
        } else if ((vg->flags & GS_VG_GERUND) && v > sl->vg0 && vg->start > c->s &&
                   L->lt[vg->start - 1].chunk == GS_CH_PP) {
            gs_vg *g = &L->vgs[v - 1];
            uint32_t prep = vg->start - 1;
            bool direct = g->end == prep;
            if (!direct && L->tok_np[g->end] >= 0) {
                const gs_np *o = &L->nps[L->tok_np[g->end]];
                while (o->coord >= 0)
                    o = &L->nps[o->coord];
                direct = o->end == prep;
            }
            if (direct && L->tok_cl[g->head] == cl) {
                vg->governor = (int32_t)(v - 1);
                g->xcomp = (int32_t)v;
            }
        }
        /* object: the noun phrase right after the verb (not a PP object) */
        uint32_t k = vg->end;
        while (k < c->e && (P(c, k) == GS_P_RB || P(c, k) == GS_P_LQUOTE))
            k++;
        if (k < c->e && L->tok_np[k] >= 0 && L->nps[L->tok_np[k]].start == k &&
            !(L->nps[L->tok_np[k]].flags & GS_NP_IN_PP) && !(vg->flags & GS_VG_COPULA) &&
            L->tok_cl[k] == cl)
            vg->object = L->tok_np[k];
        /* prepositional phrases after the verb, up to the next verb group */
        for (uint32_t q = vg->end; q < c->e; q++) {
            if (L->tok_vg[q] >= 0 && L->tok_vg[q] != (int32_t)v)
                break;
            if (L->lt[q].chunk == GS_CH_PP) {
                for (uint32_t pp = sl->pp0; pp < sl->pp0 + sl->npp; pp++)
                    if (L->pps[pp].prep == q && L->pps[pp].vg < 0)
                        L->pps[pp].vg = (int32_t)v;
            }
        }
    }
    /* subjects, in order, so that a controlled or coordinated verb can take
     * its governor's or predecessor's */
    for (uint32_t v = sl->vg0; v < sl->vg0 + sl->nvg; v++) {
        gs_vg *vg = &L->vgs[v];
        int32_t cl = vg->clause;
        if (vg->governor >= 0) {
            gs_vg *g = &L->vgs[vg->governor];
            /* "urged Y to play": the object plays (verbs of asking, ordering,
             * allowing); "pledged to send", "fired teargas to break up",
             * "accepted an invitation to meet": the subject */
            int32_t obj = g->object;
            if (obj < 0 && g->end + 1 < c->e && L->lt[g->end].chunk == GS_CH_PP)
                obj = L->tok_np[g->end + 1]; /* "called on X to" */
            vg->subject = (vg->flags & GS_VG_INF) && obj >= 0 && g->end < vg->start &&
                                  lemma_in(c, g->head, object_control_verbs)
                              ? obj
                              : g->subject;
            continue;
        }
        const gs_clause *C = cl >= 0 ? &L->cls[cl] : NULL;
        /* the nearest noun phrase before the verb in its clause */
        int32_t subj = -1;
        for (uint32_t q = vg->start; q-- > c->s;) {
            if (L->tok_cl[q] != cl)
                continue;
            if (L->tok_vg[q] >= 0)
                break; /* another verb of this clause comes first */
            int32_t np = L->tok_np[q];
            if (np < 0)
                continue;
            if (L->nps[np].flags & GS_NP_IN_PP) {
                q = L->nps[np].start;
                continue;
            }
            subj = np_host(c, sl, np);
            /* "(FDD)" after "Forces for ... Democracy": its host is inside
             * a phrase's PP, so the subject is further left */
            if (L->nps[subj].flags & GS_NP_IN_PP) {
                q = L->nps[subj].start;
                subj = -1;
                continue;
            }
            break;
        }
        if (subj < 0 && C && C->type == GS_CL_REL && C->antecedent >= 0)
            subj = np_host(c, sl, C->antecedent);
        if (subj < 0 && C && C->type == GS_CL_COORD && C->sibling >= 0) {
            /* "urged X to play a role and said ...": the subject of the
             * first verb of the clause it is coordinated with */
            for (uint32_t u = sl->vg0; u < v; u++) {
                const gs_vg *pv = &L->vgs[u];
                if (pv->clause == C->sibling && !(pv->flags & (GS_VG_INF | GS_VG_GERUND))) {
                    subj = pv->subject;
                    break;
                }
            }
        }
        if (subj < 0 && v > sl->vg0 && !(vg->flags & (GS_VG_INF | GS_VG_GERUND))) {
            /* "met X and signed Y" within one clause: the earlier verb's */
            const gs_vg *pv = &L->vgs[v - 1];
            if (pv->clause == cl && pv->subject >= 0)
                subj = pv->subject;
        }
        vg->subject = subj;
    }
}

/* ------------------------------------------- pass 5: inverted reported speech */

/* "'We will go,' the minister said." / "North Korea fired a missile, the
 * military said on Monday." / "..., said the minister.": what comes before
 * the comma is reported by the speech verb at the end, which heads the main
 * clause. */
static int invert_speech(ctx *c, gs_sent_lang *sl)
{
    gs_lang *L = c->L;
    for (uint32_t v = sl->vg0 + sl->nvg; v-- > sl->vg0;) {
        gs_vg *vg = &L->vgs[v];
        if (!vg_speech(c, (int32_t)v) || (vg->flags & (GS_VG_INF | GS_VG_GERUND)))
            continue;
        /* the rest of the sentence after the verb: objects, PPs, adverbs */
        uint32_t k = vg->end;
        while (k < c->e && (L->tok_np[k] >= 0 || L->lt[k].chunk == GS_CH_PP ||
                            P(c, k) == GS_P_RB || lemma_in(c, k, (const char *const[]){"to", NULL})))
            k++;
        while (k < c->e && (P(c, k) == GS_P_PERIOD || P(c, k) == GS_P_RQUOTE))
            k++;
        if (k < c->e)
            return 0; /* more text follows: not a sentence-final attribution */
        uint32_t front = vg->start;
        int32_t post = -1;
        if (vg->subject >= 0 && L->nps[vg->subject].end <= vg->start)
            front = L->nps[vg->subject].start;
        /* a subject too far from the verb is not this attribution's */
        if (front < vg->start && vg_between(c, L->nps[vg->subject].end, vg->start))
            front = vg->start;
        if (front == vg->start && vg->end < c->e && L->tok_np[vg->end] >= 0 &&
            L->nps[L->tok_np[vg->end]].start == vg->end) {
            post = L->tok_np[vg->end]; /* "said the minister" */
        }
        uint32_t q = front;
        while (q > c->s && (norm_is(c, q - 1, ",") || P(c, q - 1) == GS_P_RQUOTE))
            q--;
        if (q == front || q == c->s || !vg_between(c, c->s, q))
            return 0;
        if (front == vg->start && post < 0)
            return 0;
        int rc = push_clause(c, q, GS_CL_MAIN, -1, -1);
        if (rc < 0)
            return rc;
        int32_t M = (int32_t)L->ncls - 1;
        for (uint32_t t = q; t < c->e; t++)
            if (L->tok_cl[t] >= 0 && L->cls[L->tok_cl[t]].start < q)
                L->tok_cl[t] = M;
        for (uint32_t u = sl->vg0; u < sl->vg0 + sl->nvg; u++)
            if (L->vgs[u].head >= q && L->vgs[u].clause >= 0 && L->cls[L->vgs[u].clause].start < q)
                L->vgs[u].clause = M;
        for (uint32_t cl = sl->cl0; cl < (uint32_t)M; cl++)
            if (L->cls[cl].start < q && L->cls[cl].end > q)
                L->cls[cl].end = q;
        int32_t first = L->tok_cl[c->s];
        if (first >= 0) {
            L->cls[first].type = GS_CL_REPORTED;
            L->cls[first].parent = M;
        }
        if (post >= 0) {
            vg->subject = post;
            vg->object = -1;
        }
        /* prepositional phrases of the main clause belong to its verb */
        for (uint32_t p2 = sl->pp0; p2 < sl->pp0 + sl->npp; p2++)
            if (L->pps[p2].prep != UINT32_MAX && L->pps[p2].prep >= q &&
                L->pps[p2].vg >= 0 && L->vgs[L->pps[p2].vg].head < q)
                L->pps[p2].vg = L->pps[p2].prep > vg->head ? (int32_t)v : -1;
        else if (vg->subject >= 0 && L->nps[vg->subject].start < q)
            vg->subject = -1;
        sl->ncl = (uint32_t)L->ncls - sl->cl0;
        return 0;
    }
    return 0;
}

/* ----------------------------------------------------------------- driver */

int gs_lang_chunk(gs_lang *L, const gs_text *t)
{
    L->nnps = L->nvgs = L->npps = L->ncls = 0;
    if (t->nsents > L->cap_sl &&
        gs_grow((void **)&L->sl, &L->cap_sl, t->nsents, sizeof(gs_sent_lang)) < 0)
        return GESTA_ENOMEM;
    if (t->ntoks > L->cap_tokmap) {
        size_t cap = L->cap_tokmap, c1 = cap, c2 = cap;
        if (gs_grow((void **)&L->tok_np, &cap, t->ntoks, sizeof(int32_t)) < 0 ||
            gs_grow((void **)&L->tok_vg, &c1, t->ntoks, sizeof(int32_t)) < 0 ||
            gs_grow((void **)&L->tok_cl, &c2, t->ntoks, sizeof(int32_t)) < 0)
            return GESTA_ENOMEM;
        L->cap_tokmap = cap < c1 ? (cap < c2 ? cap : c2) : (c1 < c2 ? c1 : c2);
    }
    for (size_t i = 0; i < t->ntoks; i++)
        L->tok_np[i] = L->tok_vg[i] = L->tok_cl[i] = -1;
    for (size_t s = 0; s < t->nsents; s++) {
        const gs_sent *se = &t->sents[s];
        ctx c = {L, t, t->toks, L->lt, se->first, se->first + se->count};
        gs_sent_lang *sl = &L->sl[s];
        memset(sl, 0, sizeof *sl);
        sl->np0 = (uint32_t)L->nnps;
        sl->vg0 = (uint32_t)L->nvgs;
        sl->pp0 = (uint32_t)L->npps;
        int rc = chunks(&c);
        if (rc < 0)
            return rc;
        sl->nnp = (uint32_t)L->nnps - sl->np0;
        sl->nvg = (uint32_t)L->nvgs - sl->vg0;
        sl->npp = (uint32_t)L->npps - sl->pp0;
        link_nps(&c, sl);
        if ((rc = clauses(&c, sl)) < 0)
            return rc;
        relations(&c, sl);
        if ((rc = invert_speech(&c, sl)) < 0)
            return rc;
    }
    return 0;
}
