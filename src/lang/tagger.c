/*
 * tagger.c: part-of-speech tags and lemmas for every sentence of a
 * document.
 *
 * For each token the tagger builds a short list of candidate tags with
 * emission scores: from the lexicon (log P(word | tag)) for known words;
 * for unknown words from the suffix model (log P(tag | suffix) - log P(tag),
 * Bayes' rule up to a constant per token), shape rules (numbers, ordinals,
 * decades) and WordNet's word classes.  Capitalisation in mid-sentence,
 * which the lower-case lexicon cannot see, shifts weight to proper nouns.
 * A second-order Viterbi search over the candidates with the interpolated
 * trigram transitions picks the tag sequence; festival tags are then mapped
 * to Penn Treebank tags by the word (punctuation, possessive pronouns).
 */
#include "lang.h"

#include <math.h>
#include <sys/mman.h>
#include <stdio.h>

const char *const gs_penn_names[GS_P_COUNT] = {
#define GS_PENN_NAME(id, name) name,
    GS_PENN_TAGS(GS_PENN_NAME)
#undef GS_PENN_NAME
};

/* festival tag indices, in the generated order (checked by a unit test) */
enum {
    F_NN, F_PUNC, F_NNP, F_DT, F_IN, F_JJ, F_NNS, F_CD, F_RB, F_VBD, F_VB, F_PRP, F_CC, F_OF,
    F_TO, F_VBZ, F_VBN, F_VBG, F_VBP, F_MD, F_POS, F_WDT, F_JJR, F_WP, F_NNPS, F_WRB, F_JJS,
    F_RBR, F_RP, F_EX, F_RBS, F_PDT, F_FW, F_UH, F_SYM, F_LS
};

#define MAXC 8 /* candidates per token */

/* ---------------------------------------------------------------- lookup */

const gs_lex_entry *gs_lex_find(const char *w, size_t n)
{
    uint32_t full = gs_lex_strhash(w, n), h = full & (GS_LEX_HSIZE - 1);
    for (;;) {
        uint32_t e = gs_lex_hash[h];
        if (!e)
            return NULL;
        if (!((e ^ full) & ~GS_LEX_IMASK)) {
            const gs_lex_entry *x = &gs_lex_entries[(e & GS_LEX_IMASK) - 1];
            const char *s = gs_lex_pool + x->word;
            if (gs_lit_eq(w, n, s))
                return x;
        }
        h = (h + 1) & (GS_LEX_HSIZE - 1);
    }
}

static const gs_suffix_entry *suffix_find(const char *w, size_t n)
{
    uint32_t full = gs_lex_strhash(w, n), h = full & (GS_SUFFIX_HSIZE - 1);
    for (;;) {
        uint32_t e = gs_suffix_hash[h];
        if (!e)
            return NULL;
        if (!((e ^ full) & ~GS_LEX_IMASK)) {
            const gs_suffix_entry *x = &gs_suffixes[(e & GS_LEX_IMASK) - 1];
            if (gs_lit_eq(w, n, x->s)) /* (n <= 5: see unknown_cands) */
                return x;
        }
        h = (h + 1) & (GS_SUFFIX_HSIZE - 1);
    }
}

/* ---------------------------------------------------------------- lemmas */

static bool wn_is(const char *w, size_t n, uint8_t bit)
{
    const gs_lex_entry *e = gs_lex_find(w, n);
    return e && (e->wn & bit);
}

/* WordNet's morphy for words the tables do not list.  With a NULL arena it
 * only answers whether the word has such a lemma. */
static bool morphy(const char *w, size_t n, bool verb, const char **out, size_t *out_len,
                   gs_arena *a)
{
    /* suffix, replacement and their lengths */
    static const struct rule {
        const char *suf, *rep;
        uint8_t sl, rl;
    } vsuf[] = {{"ies", "y", 3, 1}, {"es", "e", 2, 1}, {"es", "", 2, 0},   {"s", "", 1, 0},
                {"ed", "e", 2, 1},  {"ed", "", 2, 0},  {"ing", "e", 3, 1}, {"ing", "", 3, 0}},
      nsuf[] = {{"ses", "s", 3, 1},    {"xes", "x", 3, 1},    {"zes", "z", 3, 1},
                {"ches", "ch", 4, 2}, {"shes", "sh", 4, 2}, {"men", "man", 3, 3},
                {"ies", "y", 3, 1},   {"s", "", 1, 0}};
    char buf[64];
    if (n >= sizeof buf - 4)
        return false;
    for (int i = 0; i < 8; i++) {
        const struct rule *r = verb ? &vsuf[i] : &nsuf[i];
        const char *suf = r->suf, *rep = r->rep;
        size_t sl = r->sl, rl = r->rl;
        if (n <= sl + 1 || memcmp(w + n - sl, suf, sl))
            continue;
        memcpy(buf, w, n - sl);
        memcpy(buf + n - sl, rep, rl);
        size_t bl = n - sl + rl;
        bool ok = wn_is(buf, bl, verb ? GS_WN_VERB : GS_WN_NOUN);
        if (!ok && verb && i >= 4 && !rl && bl >= 3 && buf[bl - 1] == buf[bl - 2]) {
            bl--; /* "shelled" -> "shell" is found above; "stopped" -> "stop" here */
            ok = wn_is(buf, bl, GS_WN_VERB);
        }
        if (ok && !a) {
            *out = NULL; /* only asked whether there is one */
            *out_len = 0;
            return true;
        }
        if (ok) {
            char *p = gs_arena_strndup(a, buf, bl);
            if (!p)
                return false;
            *out = p;
            *out_len = bl;
            return true;
        }
    }
    return false;
}

/* lemma_of when e, the lexicon's entry for w (NULL: w is not in it), is
 * already known. */
static bool lemma_of_e(const gs_lex_entry *e, const char *w, size_t n, bool verb, const char **out,
                       size_t *out_len, gs_arena *a)
{
    if (e) {
        uint32_t off = verb ? e->vlemma : e->nlemma;
        if (off) {
            *out = gs_lex_pool + off;
            *out_len = strlen(*out);
            return true;
        }
        if (e->wn & (verb ? GS_WN_VERB : GS_WN_NOUN))
            return false; /* a base form */
    }
    return morphy(w, n, verb, out, out_len, a);
}

static bool lemma_of(const char *w, size_t n, bool verb, const char **out, size_t *out_len,
                     gs_arena *a)
{
    return lemma_of_e(gs_lex_find(w, n), w, n, verb, out, out_len, a);
}

bool gs_verb_lemma(const char *w, size_t n, const char **out, size_t *out_len, gs_arena *a)
{
    return lemma_of(w, n, true, out, out_len, a);
}

bool gs_noun_lemma(const char *w, size_t n, const char **out, size_t *out_len, gs_arena *a)
{
    return lemma_of(w, n, false, out, out_len, a);
}

/* ------------------------------------------------------------ candidates */

typedef struct cands {
    uint8_t n;
    uint8_t tag[MAXC];
    float score[MAXC];
} cands;

static void cand_add(cands *c, int tag, float score)
{
    for (int i = 0; i < c->n; i++) {
        if (c->tag[i] == tag) {
            if (score > c->score[i])
                c->score[i] = score;
            return;
        }
    }
    if (c->n < MAXC) {
        c->tag[c->n] = (uint8_t)tag;
        c->score[c->n] = score;
        c->n++;
        return;
    }
    /* replace the weakest */
    int w = 0;
    for (int i = 1; i < c->n; i++)
        if (c->score[i] < c->score[w])
            w = i;
    if (score > c->score[w]) {
        c->tag[w] = (uint8_t)tag;
        c->score[w] = score;
    }
}

static bool ends_with(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k && !memcmp(w + n - k, suf, k);
}

/* May a word of WordNet classes wn (w[0..n)) carry tag t?  Participles of
 * verbs may be adjectives; other verb forms may not. */
static bool tag_in_class(int t, uint8_t wn, const char *w, size_t n)
{
    switch (t) {
    case F_NN: case F_NNS: case F_NNP: case F_NNPS: return wn & GS_WN_NOUN;
    case F_VB: case F_VBD: case F_VBG: case F_VBN: case F_VBP: case F_VBZ:
        return wn & GS_WN_VERB;
    case F_JJ: case F_JJR: case F_JJS:
        return (wn & GS_WN_ADJ) || ((wn & GS_WN_VERB) && (ends_with(w, n, "ed") || ends_with(w, n, "ing") ||
                                                         ends_with(w, n, "en")));
    case F_RB: case F_RBR: case F_RBS: return wn & GS_WN_ADV;
    default: return false;
    }
}

/* Shape of a token with digits: 1 number, 2 ordinal, 3 decade, 4 mixed. */
static int digit_shape(const char *w, size_t n)
{
    size_t digits = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (gs_is_digit((unsigned char)w[i]))
            digits++;
        else if (gs_is_alpha((unsigned char)w[i]))
            letters++;
    }
    if (!digits)
        return 0;
    if (!letters)
        return 1;
    if (n >= 3 && gs_is_digit((unsigned char)w[n - 3]) &&
        (!strncmp(w + n - 2, "st", 2) || !strncmp(w + n - 2, "nd", 2) ||
         !strncmp(w + n - 2, "rd", 2) || !strncmp(w + n - 2, "th", 2)) &&
        letters == 2)
        return 2;
    if (n >= 3 && w[n - 1] == 's' && letters == 1)
        return 3;
    return 4;
}

/* Tags an unknown word may take: the open classes (a word missing from
 * the lexicon is never a determiner, pronoun or interjection). */
static bool open_class(int t)
{
    switch (t) {
    case F_NN: case F_NNS: case F_NNP: case F_NNPS: case F_JJ: case F_JJR: case F_JJS:
    case F_VB: case F_VBD: case F_VBG: case F_VBN: case F_VBP: case F_VBZ:
    case F_RB: case F_RBR: case F_RBS: case F_CD: case F_FW:
        return true;
    default:
        return false;
    }
}

/* Unknown word: the suffix model on the lower-case word lw. */
static void unknown_cands(cands *c, const char *lw, size_t n, uint8_t wn)
{
    /* the part after the last hyphen carries the class */
    const char *hy = memrchr(lw, '-', n);
    const char *base = lw;
    size_t bn = n;
    if (hy && (size_t)(hy - lw) + 1 < n) {
        base = hy + 1;
        bn = n - (size_t)(hy - lw) - 1;
        cand_add(c, F_JJ, -0.5f);
    }
    /* the longest known suffix whose tags agree with the word's WordNet
     * classes ("departs", a verb, is not read like "counterparts") */
    cands tmp = {0};
    for (size_t l = bn > 5 ? 5 : bn; l >= 1 && !tmp.n; l--) {
        if (l >= bn && bn > 1)
            continue;
        const gs_suffix_entry *s = suffix_find(base + bn - l, l);
        if (!s)
            continue;
        for (int i = 0; i < s->n; i++)
            if (open_class(s->p[i].tag) && (!wn || tag_in_class(s->p[i].tag, wn, lw, n)))
                cand_add(&tmp, s->p[i].tag, (float)s->p[i].logp / 256.0f - gs_tag_logprior[s->p[i].tag]);
    }
    if (!tmp.n) {
        static const uint8_t open[] = {F_NN, F_NNS, F_JJ, F_VB, F_VBD, F_VBN, F_VBG, F_VBZ, F_RB};
        for (size_t i = 0; i < sizeof open; i++)
            if (!wn || tag_in_class(open[i], wn, lw, n))
                cand_add(&tmp, open[i], 0.0f);
    }
    /* the forms WordNet's classes imply, when the suffix statistics left
     * them out ("cancelled" is a verb form as well as an adjective) */
    if (wn) {
        float best = -1e9f;
        for (int i = 0; i < tmp.n; i++)
            if (tmp.score[i] > best)
                best = tmp.score[i];
        if (!tmp.n)
            best = 0.0f;
        if (wn & GS_WN_VERB) {
            if (ends_with(lw, n, "ed")) {
                cand_add(&tmp, F_VBD, best - 1.0f);
                cand_add(&tmp, F_VBN, best - 1.0f);
            } else if (ends_with(lw, n, "ing")) {
                cand_add(&tmp, F_VBG, best - 1.0f);
            } else if (ends_with(lw, n, "s")) {
                cand_add(&tmp, F_VBZ, best - 1.0f);
            }
        }
        if ((wn & GS_WN_NOUN) && !ends_with(lw, n, "ed"))
            cand_add(&tmp, ends_with(lw, n, "s") ? F_NNS : F_NN, best - 1.0f);
    }
    if (!tmp.n)
        cand_add(&tmp, F_NN, 0.0f);
    for (int i = 0; i < tmp.n; i++)
        cand_add(c, tmp.tag[i], tmp.score[i]);
}

static GS_ALWAYS_INLINE bool norm_is(const gs_tok *t, const char *lit)
{
    return GS_LIT_EQ(t->norm, t->norm_len, lit);
}

/* Candidates for token i of the sentence.  lw is its lower-case form. */
static void token_cands(cands *c, const gs_tok *tk, const char *lw, size_t n, bool initial,
                        bool caps_mode, uint32_t *lex_out)
{
    c->n = 0;
    *lex_out = 0;
    const gs_lex_entry *e = n ? gs_lex_find(lw, n) : NULL;
    if (e)
        *lex_out = (uint32_t)(e - gs_lex_entries) + 1;
    if (tk->flags & GS_TF_PUNCT) {
        if (e && e->ntags) {
            for (int i = 0; i < e->ntags; i++) {
                const gs_lex_tagp *p = &gs_lex_tagv[e->tags + i];
                cand_add(c, p->tag, (float)p->logp / 256.0f);
            }
        } else {
            cand_add(c, F_PUNC, 0.0f);
        }
        return;
    }
    bool cap = (tk->flags & GS_TF_CAP) && !caps_mode;
    bool allcaps = (tk->flags & GS_TF_ALLCAPS) && !caps_mode && n > 1;
    if (e && e->ntags && allcaps && n <= 4 && !initial) {
        /* "US", "IT", "AM" in running text are acronyms, not pronouns */
        bool open_class = false;
        for (int i = 0; i < e->ntags; i++) {
            int tg = gs_lex_tagv[e->tags + i].tag;
            if (tg == F_NN || tg == F_NNS || tg == F_JJ || tg == F_VB || tg == F_NNP)
                open_class = true;
        }
        if (!open_class) {
            cand_add(c, F_NNP, 0.0f);
            return;
        }
    }
    if (e && e->ntags) {
        float best = -1e9f;
        bool has_nnp = false;
        for (int i = 0; i < e->ntags; i++) {
            const gs_lex_tagp *p = &gs_lex_tagv[e->tags + i];
            float sc = (float)p->logp / 256.0f;
            cand_add(c, p->tag, sc);
            if (sc > best)
                best = sc;
            if (p->tag == F_NNP || p->tag == F_NNPS)
                has_nnp = true;
        }
        /* the lexicon lists only the uses its corpus saw: a regular past
         * form seen as VBD is also a VBN ("has celebrated"), and one seen as
         * VBN is also a VBD ("police detained dozens"), less likely */
        if (n > 3 && lw[n - 2] == 'e' && lw[n - 1] == 'd') {
            int has_vbd = -1, has_vbn = -1;
            for (int i = 0; i < c->n; i++) {
                if (c->tag[i] == F_VBD)
                    has_vbd = i;
                if (c->tag[i] == F_VBN)
                    has_vbn = i;
            }
            if (has_vbd >= 0 && has_vbn < 0)
                cand_add(c, F_VBN, c->score[has_vbd] - 2.0f);
            else if (has_vbn >= 0 && has_vbd < 0)
                cand_add(c, F_VBD, c->score[has_vbn] - 3.0f);
            else if (has_vbn < 0 && has_vbd < 0) {
                /* seen only as a noun or adjective ("abducted"), yet the
                 * past of a WordNet verb ("abduct") */
                const char *lm;
                size_t ll;
                if (lemma_of_e(e, lw, n, true, &lm, &ll, NULL)) {
                    cand_add(c, F_VBN, best - 1.0f);
                    cand_add(c, F_VBD, best - 2.0f);
                }
            }
        }
        /* seen only as a verb in -s ("inspectors" in the lexicon's
         * corpus), yet the plural of a WordNet noun that is no verb */
        if (n > 3 && lw[n - 1] == 's') {
            bool verb_only = true;
            for (int i = 0; i < c->n && verb_only; i++)
                verb_only = c->tag[i] == F_VB || c->tag[i] == F_VBD || c->tag[i] == F_VBG ||
                            c->tag[i] == F_VBN || c->tag[i] == F_VBP || c->tag[i] == F_VBZ;
            const char *lm;
            size_t ll;
            if (verb_only && !lemma_of_e(e, lw, n, true, &lm, &ll, NULL) &&
                lemma_of_e(e, lw, n, false, &lm, &ll, NULL))
                cand_add(c, F_NNS, best + 1.0f);
        }
        if ((cap && !initial && !(n == 1 && lw[0] == 'i')) || (allcaps && n <= 6)) {
            /* mid-sentence capital: a proper noun, or an adjective of
             * nationality ("Chinese troops"), rarely anything else */
            for (int i = 0; i < c->n; i++) {
                if (c->tag[i] == F_NNP || c->tag[i] == F_NNPS)
                    c->score[i] += 2.0f;
                else if (c->tag[i] != F_JJ)
                    c->score[i] -= 2.5f;
            }
            if (!has_nnp)
                cand_add(c, (n > 3 && lw[n - 1] == 's' && lw[n - 2] != 's') ? F_NNPS : F_NNP,
                         best - 0.5f);
        } else if (cap && initial && has_nnp) {
            for (int i = 0; i < c->n; i++)
                if (c->tag[i] == F_NNP || c->tag[i] == F_NNPS)
                    c->score[i] += 0.5f;
        } else if ((tk->flags & GS_TF_LOWER) && !caps_mode && c->n > 1) {
            /* a lower-case word is rarely a proper noun in running text */
            for (int i = 0; i < c->n; i++)
                if (c->tag[i] == F_NNP || c->tag[i] == F_NNPS)
                    c->score[i] -= 4.0f;
        }
        return;
    }
    /* a word the lexicon does not know: its shape when it has digits */
    int shape = (tk->flags & (GS_TF_DIGIT | GS_TF_ALPHA)) ? digit_shape(lw, n) : 0;
    switch (shape) {
    case 1:
        cand_add(c, F_CD, 0.0f);
        return;
    case 2:
        cand_add(c, F_JJ, 0.0f);
        cand_add(c, F_NN, -2.0f);
        return;
    case 3:
        cand_add(c, F_NNS, 0.0f);
        cand_add(c, F_CD, -1.0f);
        return;
    case 4:
        cand_add(c, F_NNP, 0.0f);
        cand_add(c, F_NN, -0.5f);
        cand_add(c, F_CD, -1.0f);
        cand_add(c, F_JJ, -1.0f);
        return;
    default:
        break;
    }
    uint8_t wn = e ? e->wn : 0;
    if (n > 3) {
        const char *lm;
        size_t ll;
        /* also an inflected form of a WordNet verb or noun ("cancelled" is
         * listed as an adjective and is a form of "cancel") */
        if (!(wn & GS_WN_VERB) && lemma_of_e(e, lw, n, true, &lm, &ll, NULL))
            wn |= GS_WN_VERB;
        if (!(wn & GS_WN_NOUN) && lemma_of_e(e, lw, n, false, &lm, &ll, NULL))
            wn |= GS_WN_NOUN;
    }
    if (cap || allcaps) {
        bool plural = n > 3 && lw[n - 1] == 's' && lw[n - 2] != 's' && !allcaps;
        cand_add(c, plural ? F_NNPS : F_NNP, 2.0f);
        if (plural)
            cand_add(c, F_NNP, 1.0f);
        cands u = {0};
        unknown_cands(&u, lw, n, wn);
        for (int i = 0; i < u.n; i++)
            cand_add(c, u.tag[i], u.score[i] - (initial ? 0.5f : 3.0f));
        return;
    }
    unknown_cands(c, lw, n, wn);
    if (!c->n)
        cand_add(c, F_NN, 0.0f);
    if ((tk->flags & GS_TF_LOWER) && !caps_mode && c->n > 1)
        for (int i = 0; i < c->n; i++)
            if (c->tag[i] == F_NNP || c->tag[i] == F_NNPS)
                c->score[i] -= 4.0f;
}

/* ------------------------------------------------------------------ penn */

static int penn_punct(const gs_tok *tk, const gs_tok *prev, const gs_tok *next)
{
    const char *w = tk->norm;
    size_t n = tk->norm_len;
    if (n == 1) {
        switch (w[0]) {
        case ',': return GS_P_COMMA;
        case '.': case '!': case '?': return GS_P_PERIOD;
        case ':': case ';': case '-': return GS_P_COLON;
        case '(': case '[': case '{': return GS_P_LRB;
        case ')': case ']': case '}': return GS_P_RRB;
        case '$': return GS_P_DOLLAR;
        case '#': return GS_P_HASH;
        case '%': return GS_P_NN;
        case '&': return GS_P_CC;
        case '"': case '\'': {
            /* opening when it starts something: after a space or at the
             * start, and touching the next token */
            bool space_before = !prev || (tk->flags & GS_TF_SPACE);
            bool space_after = !next || (next->flags & GS_TF_SPACE);
            if (space_before && !space_after)
                return GS_P_LQUOTE;
            if (!space_before && space_after)
                return GS_P_RQUOTE;
            return space_before ? GS_P_LQUOTE : GS_P_RQUOTE;
        }
        default: break;
        }
    }
    if ((n == 2 && !memcmp(w, "--", 2)) || (n == 3 && !memcmp(w, "...", 3)))
        return GS_P_COLON;
    if ((unsigned char)w[0] >= 0x80) {
        /* currency symbols are the only non-ASCII punctuation with a tag */
        if (!memcmp(w, "\xe2\x82\xac", 3) || !memcmp(w, "\xc2\xa3", 2) ||
            !memcmp(w, "\xc2\xa5", 2))
            return GS_P_DOLLAR;
    }
    if (n > 1 && w[n - 1] == '$')
        return GS_P_DOLLAR;
    return GS_P_SYM;
}

static bool is_possessive_pronoun(const char *lw, size_t n)
{
    static const char *const ps[] = {"my", "your", "his", "its", "our", "their", "thy", NULL};
    for (const char *const *p = ps; *p; p++)
        if (gs_lit_eq(lw, n, *p))
            return true;
    return false;
}

/* The Penn tag of each tagger tag that needs no context, plus one (0: the
 * tag needs to_penn's look at the word or its neighbours).  A table, not a
 * switch: the tags of running text follow no pattern that a processor's
 * prediction of an indirect jump could learn. */
static const uint8_t penn_plain[GS_NTAGS] = {
    [F_NN] = GS_P_NN + 1,     [F_NNP] = GS_P_NNP + 1,   [F_DT] = GS_P_DT + 1,
    [F_IN] = GS_P_IN + 1,     [F_JJ] = GS_P_JJ + 1,     [F_NNS] = GS_P_NNS + 1,
    [F_CD] = GS_P_CD + 1,     [F_RB] = GS_P_RB + 1,     [F_VBD] = GS_P_VBD + 1,
    [F_VB] = GS_P_VB + 1,     [F_CC] = GS_P_CC + 1,     [F_OF] = GS_P_IN + 1,
    [F_TO] = GS_P_TO + 1,     [F_VBZ] = GS_P_VBZ + 1,   [F_VBN] = GS_P_VBN + 1,
    [F_VBG] = GS_P_VBG + 1,   [F_VBP] = GS_P_VBP + 1,   [F_MD] = GS_P_MD + 1,
    [F_POS] = GS_P_POS + 1,   [F_WDT] = GS_P_WDT + 1,   [F_JJR] = GS_P_JJR + 1,
    [F_NNPS] = GS_P_NNPS + 1, [F_WRB] = GS_P_WRB + 1,   [F_JJS] = GS_P_JJS + 1,
    [F_RBR] = GS_P_RBR + 1,   [F_RP] = GS_P_RP + 1,     [F_EX] = GS_P_EX + 1,
    [F_RBS] = GS_P_RBS + 1,   [F_PDT] = GS_P_PDT + 1,   [F_FW] = GS_P_FW + 1,
    [F_UH] = GS_P_UH + 1,     [F_SYM] = GS_P_SYM + 1,   [F_LS] = GS_P_LS + 1,
};

static int to_penn(int f, const gs_tok *tk, const gs_tok *prev, const gs_tok *next,
                   int next_ftag, const char *lw, size_t n)
{
    if (f >= 0 && f < GS_NTAGS && penn_plain[f])
        return penn_plain[f] - 1;
    if (f == F_PUNC)
        return penn_punct(tk, prev, next);
    if (f == F_PRP) {
        if (is_possessive_pronoun(lw, n))
            return GS_P_PRPS;
        if (n == 3 && !memcmp(lw, "her", 3) &&
            (next_ftag == F_NN || next_ftag == F_NNS || next_ftag == F_NNP || next_ftag == F_NNPS ||
             next_ftag == F_JJ || next_ftag == F_JJS || next_ftag == F_JJR || next_ftag == F_CD ||
             next_ftag == F_VBG))
            return GS_P_PRPS;
        return GS_P_PRP;
    }
    if (f == F_WP)
        return (n == 5 && !memcmp(lw, "whose", 5)) ? GS_P_WPS : GS_P_WP;
    return GS_P_SYM;
}

/* Lemmas of clitics and contractions that no table lists. */
static bool special_lemma(const char *w, size_t n, int penn, const char **out, size_t *out_len)
{
    static const struct {
        const char *w, *lemma;
        int verb; /* 1 only as a verb, 0 any tag */
    } sp[] = {{"n't", "not", 0}, {"'s", "be", 1}, {"'re", "be", 0}, {"'m", "be", 0},
              {"'ll", "will", 0}, {"'d", "would", 0}, {"'ve", "have", 0}, {"ca", "can", 0},
              {"wo", "will", 0}, {"sha", "shall", 0}};
    for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++) {
        if (gs_lit_eq(w, n, sp[i].w) &&
            (!sp[i].verb || gs_penn_is_verb(penn))) {
            *out = sp[i].lemma;
            *out_len = strlen(sp[i].lemma);
            return true;
        }
    }
    return false;
}

/* ---------------------------------------------------------------- viterbi */

static void caches_free(gs_lang *L);

void gs_lang_free(gs_lang *L)
{
    caches_free(L);
    free(L->lt);
    free(L->score);
    free(L->back);
    free(L->cand);
    free(L->emit);
    free(L->ncand);
    free(L->aux);
    free(L->wh);
    free(L->tokhash);
    free(L->tokkey);
    free(L->keys);
    free(L->nps);
    free(L->vgs);
    free(L->pps);
    free(L->cls);
    free(L->sl);
    free(L->tok_np);
    free(L->tok_vg);
    free(L->tok_cl);
    memset(L, 0, sizeof *L);
}

static int ensure(gs_lang *L, size_t n)
{
    if (n <= L->cap_n)
        return 0;
    size_t cap = L->cap_n ? L->cap_n : 64;
    while (cap < n)
        cap *= 2;
    float *score = realloc(L->score, cap * MAXC * MAXC * sizeof(float));
    if (!score)
        return GESTA_ENOMEM;
    L->score = score;
    uint8_t *back = realloc(L->back, cap * MAXC * MAXC);
    if (!back)
        return GESTA_ENOMEM;
    L->back = back;
    uint8_t *cand = realloc(L->cand, cap * MAXC);
    if (!cand)
        return GESTA_ENOMEM;
    L->cand = cand;
    float *emit = realloc(L->emit, cap * MAXC * sizeof(float));
    if (!emit)
        return GESTA_ENOMEM;
    L->emit = emit;
    uint8_t *nc = realloc(L->ncand, cap);
    if (!nc)
        return GESTA_ENOMEM;
    L->ncand = nc;
    uint8_t *ax = realloc(L->aux, cap);
    if (!ax)
        return GESTA_ENOMEM;
    L->aux = ax;
    uint32_t *wh = realloc(L->wh, cap * sizeof *wh);
    if (!wh)
        return GESTA_ENOMEM;
    L->wh = wh;
    L->cap_n = cap;
    return 0;
}

/* Articles, unlike demonstratives (which share the tag DT: "This is"), are
 * never followed directly by a finite verb, a modal or "to". */
static bool is_article(const char *w, size_t n)
{
    return (n == 3 && !memcmp(w, "the", 3)) || (n == 1 && w[0] == 'a') ||
           (n == 2 && !memcmp(w, "an", 2)) || (n == 5 && !memcmp(w, "every", 5));
}

static bool is_modal_word(const gs_tok *tk)
{
    static const char *const modals[] = {"will", "would", "can", "could", "may", "might", "shall",
                                         "should", "must", "'ll", "wo", "ca", NULL};
    if (tk->norm_len < 2 || tk->norm_len > 6) /* the lengths of the list's words */
        return false;
    return gs_in_nocase(tk->norm, tk->norm_len, modals);
}

static void drop_verbs(cands *c)
{
    cands f = {0};
    for (int i = 0; i < c->n; i++) {
        int t = c->tag[i];
        if (t == F_VB || t == F_VBD || t == F_VBZ || t == F_VBP || t == F_MD || t == F_TO ||
            t == F_PRP || t == F_DT || t == F_IN || t == F_OF)
            continue;
        cand_add(&f, t, c->score[i]);
    }
    if (f.n)
        *c = f;
}

/* Forms of the auxiliaries be, have, get and do. */
static bool is_aux_word(const char *w, size_t n)
{
    /* by first letter, so that a word is compared with a few forms only */
    static const char *const be_i[] = {"is", NULL}, *const be_a[] = {"are", "am", NULL},
                             *const be_w[] = {"was", "were", NULL},
                             *const be_b[] = {"be", "been", "being", NULL},
                             *const clitic[] = {"'s", "'re", "'m", "'ve", "'d", NULL},
                             *const have[] = {"has", "have", "had", "having", NULL},
                             *const get[] = {"get", "gets", "got", "gotten", "getting", NULL},
                             *const did[] = {"do", "does", "did", NULL};
    if (n < 2 || n > 7) /* the lengths of the forms */
        return false;
    const char *const *list;
    switch (w[0]) {
    case 'i': list = be_i; break;
    case 'a': list = be_a; break;
    case 'w': list = be_w; break;
    case 'b': list = be_b; break;
    case '\'': list = clitic; break;
    case 'h': list = have; break;
    case 'g': list = get; break;
    case 'd': list = did; break;
    default: return false;
    }
    for (; *list; list++)
        if (gs_lit_eq(w, n, *list))
            return true;
    return false;
}

/* A finite verb directly followed by a participle is an auxiliary ("is
 * burned", "has burned"); any other verb there ("crowds burned" read as
 * verb + participle) is penalised. */
static inline float syntax_penalty(const gs_lang *L, size_t i, int ta, int tb)
{
    if (tb == F_VBN && (ta == F_VBZ || ta == F_VBP || ta == F_VBD) && !L->aux[i - 1])
        return -4.0f;
    return 0.0f;
}

/* Lexical corrections after decoding, each a general fact of English that a
 * tag trigram model cannot see. */
static void correct(gs_ltok *lt, const gs_tok *toks, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        /* "is about to leave": "about" heads the infinitive (IN) */
        if (lt[i].ftag == F_RB && toks[i].norm_len == 5 &&
            GS_LIT_EQ_NOCASE(toks[i].norm, 5, "about") && lt[i + 1].ftag == F_TO)
            lt[i].ftag = F_IN;
        /* a possessive determiner is followed by a noun, never a verb:
         * "renewed its calls", "their demands" */
        if ((lt[i + 1].ftag == F_VBZ || lt[i + 1].ftag == F_VBP || lt[i + 1].ftag == F_VB) &&
            (GS_LIT_EQ_NOCASE(toks[i].norm, toks[i].norm_len, "its") ||
             GS_LIT_EQ_NOCASE(toks[i].norm, toks[i].norm_len, "their") ||
             GS_LIT_EQ_NOCASE(toks[i].norm, toks[i].norm_len, "our") ||
             GS_LIT_EQ_NOCASE(toks[i].norm, toks[i].norm_len, "your") ||
             GS_LIT_EQ_NOCASE(toks[i].norm, toks[i].norm_len, "my")))
            lt[i + 1].ftag = lt[i + 1].ftag == F_VBZ ? F_NNS : F_NN;
        /* "About 200 supporters", "around 5,000 troops" at the start of a
         * clause: an approximation of the number (RB), not a preposition */
        if (lt[i].ftag == F_IN && lt[i + 1].ftag == F_CD &&
            (i == 0 || toks[i - 1].norm[0] == ',') &&
            (GS_LIT_EQ_NOCASE(toks[i].norm, toks[i].norm_len, "about") ||
             GS_LIT_EQ_NOCASE(toks[i].norm, toks[i].norm_len, "around") ||
             GS_LIT_EQ_NOCASE(toks[i].norm, toks[i].norm_len, "over") ||
             GS_LIT_EQ_NOCASE(toks[i].norm, toks[i].norm_len, "nearly")))
            lt[i].ftag = F_RB;
    }
}

static bool has_cand(const gs_lang *L, size_t i, int tag)
{
    for (int k = 0; k < L->ncand[i]; k++)
        if (L->cand[i * MAXC + (size_t)k] == tag)
            return true;
    return false;
}

/* A sentence of the body has a finite verb.  When the decoder found none
 * and read a subject + past tense as an adjective + participle ("The
 * military fired rockets" as "the military-fired rockets"), the first
 * participle that may be a past tense becomes one, and an adjective before
 * it that may be a noun becomes its subject. */
static bool is_finite_tag(int t) { return t == F_VBD || t == F_VBZ || t == F_VBP || t == F_MD; }

static void repair_no_verb(const gs_lang *L, gs_ltok *lt, const gs_tok *toks, const gs_sent *s, size_t n)
{
    if (s->paragraph == 0 || n < 4)
        return;
    /* the subject's verb read as a participle before any finite verb, with
     * an object after it and no finite verb soon after ("The U.S. military
     * launched air strikes ... after attackers launched"; not "weapons
     * seized last year were destroyed") */
    for (size_t i = 1; i + 1 < n && !is_finite_tag(lt[i].ftag); i++) {
        if ((lt[i].ftag != F_VBN && lt[i].ftag != F_JJ) || !has_cand(L, i, F_VBD))
            continue;
        int p = lt[i - 1].ftag, q = lt[i + 1].ftag;
        bool nominal = p == F_NN || p == F_NNS || p == F_NNP || p == F_NNPS || p == F_PRP;
        bool adj_noun = p == F_JJ && has_cand(L, i - 1, F_NN);
        bool object = q == F_DT || q == F_PRP || q == F_CD || q == F_NN || q == F_NNS ||
                      q == F_NNP || q == F_NNPS || q == F_JJ;
        bool finite_soon = false;
        for (size_t k = i + 1; k < n && k <= i + 5; k++)
            if (is_finite_tag(lt[k].ftag))
                finite_soon = true;
        /* "Prisoners rioted at a jail ..., locals said": a preposition
         * after the sentence's first phrase, and no finite verb after it but
         * an attribution (not "Weapons seized at the border were
         * destroyed") */
        if (q == F_IN || q == F_TO) {
            bool first_np = true;
            for (size_t k = 0; k < i && first_np; k++) {
                int t = lt[k].ftag;
                first_np = t == F_DT || t == F_JJ || t == F_NN || t == F_NNS || t == F_NNP ||
                           t == F_NNPS || t == F_CD || t == F_POS;
            }
            static const char *const says[] = {"said", "says", "told", "tells", "reported",
                                               "reports", "added", "adds", "stated", NULL};
            bool finite_later = false;
            for (size_t k = i + 1; k < n; k++) {
                if (!is_finite_tag(lt[k].ftag))
                    continue;
                bool speech = false;
                for (const char *const *w = says; *w && !speech; w++)
                    speech = gs_eq_nocase(toks[k].norm, toks[k].norm_len, *w);
                finite_later |= !speech;
            }
            object = first_np && !finite_later;
            finite_soon = finite_later; /* an attribution may come soon */
        }
        if ((nominal || adj_noun) && object && !finite_soon) {
            lt[i].ftag = F_VBD;
            if (adj_noun)
                lt[i - 1].ftag = F_NN;
        }
        break;
    }
    for (size_t i = 0; i < n; i++) {
        int t = lt[i].ftag;
        if (is_finite_tag(t))
            return;
    }
    for (size_t i = 1; i < n; i++) {
        if ((lt[i].ftag != F_VBN && lt[i].ftag != F_JJ) || !has_cand(L, i, F_VBD))
            continue;
        int p = lt[i - 1].ftag;
        bool nominal = p == F_NN || p == F_NNS || p == F_NNP || p == F_NNPS || p == F_PRP;
        bool adj_noun = p == F_JJ && has_cand(L, i - 1, F_NN);
        if (!nominal && !adj_noun)
            continue;
        lt[i].ftag = F_VBD;
        if (adj_noun)
            lt[i - 1].ftag = F_NN;
        return;
    }
}

/* Lower-cases an ASCII token into buf; returns its length, or 0 when the
 * token does not fit or is not worth a lexicon lookup. */
static size_t lower(const gs_tok *tk, char *buf, size_t cap)
{
    size_t n = tk->norm_len, i = 0;
    if (n >= cap)
        return 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, tk->norm + i, 8);
        x = gs_lower8(x);
        memcpy(buf + i, &x, 8);
    }
    for (; i < n; i++)
        buf[i] = (char)gs_lower((unsigned char)tk->norm[i]);
    return n;
}

/* A word form's candidates in one context, remembered: news repeats its
 * words, and the lexicon, suffix and WordNet work is the same each time. */
#define GS_WCACHE 32768 /* entries, a power of two */
/* the token flags that token_cands reads (the others, such as the space
 * before the token, would only make the same word miss) */
#define GS_WCACHE_FLAGS \
    (GS_TF_PUNCT | GS_TF_CAP | GS_TF_ALLCAPS | GS_TF_DIGIT | GS_TF_ALPHA | GS_TF_LOWER)
#define GS_WCACHE_WORD GS_WORDKEY_MAX /* longest form remembered */

struct gs_wcache {
    uint32_t hash, ctx; /* ctx 0: empty */
    uint32_t lex;
    uint8_t len, aux, article, modal;
    uint8_t keep;       /* prune_mask of the candidates in their own order */
    uint8_t nkeep;      /* the number of bits in keep */
    uint8_t wn_verb;    /* a WordNet verb (its lexicon entry's GS_WN_VERB) */
    gs_wordkey key;     /* the form (gs_word_key) */
    cands c;            /* the candidates that prune keeps first (kept_first) */
};

/* Drops candidates far less likely than the best one: no tag context
 * makes up GS_PRUNE of emission log probability, and the decoder's work
 * grows with the cube of the candidates. */
#define GS_PRUNE 6.0f

/* The candidates that prune keeps, as bits 1 << i. */
static unsigned prune_mask(const cands *c)
{
    if (c->n <= 2)
        return (1u << c->n) - 1;
    float best = c->score[0];
    for (int i = 1; i < c->n; i++)
        if (c->score[i] > best)
            best = c->score[i];
    unsigned m = 0;
    for (int i = 0; i < c->n; i++)
        if (c->score[i] >= best - GS_PRUNE)
            m |= 1u << i;
    return m;
}

/* c with the candidates of keep first and the others after, each in
 * their order: the kept ones are then copied as whole rows, and the order
 * comes back with unkeep. */
static cands kept_first(const cands *c, unsigned keep)
{
    cands r;
    r.n = c->n;
    int o = 0;
    for (int pass = 1; pass >= 0; pass--)
        for (int q = 0; q < c->n; q++)
            if ((int)(keep >> q & 1) == pass) {
                r.tag[o] = c->tag[q];
                r.score[o] = c->score[q];
                o++;
            }
    return r;
}

/* The inverse of kept_first. */
static cands unkeep(const cands *c, unsigned keep)
{
    cands r;
    r.n = c->n;
    int kept = 0, dropped = __builtin_popcount(keep);
    for (int q = 0; q < c->n; q++) {
        int from = (keep >> q & 1) ? kept++ : dropped++;
        r.tag[q] = c->tag[from];
        r.score[q] = c->score[from];
    }
    return r;
}

static void prune(cands *c)
{
    unsigned m = prune_mask(c);
    int k = 0;
    for (int i = 0; i < c->n; i++)
        if (m >> i & 1) {
            c->tag[k] = c->tag[i];
            c->score[k] = c->score[i];
            k++;
        }
    c->n = (uint8_t)k;
}

/* The lemma of a word form with a Penn tag, remembered: it depends on
 * nothing else, and morphology and lexicon lookups cost far more than a
 * probe.  A lemma that is the word itself is kept as such (the token's own
 * text is used), one of the lexicon's or the special forms' by its static
 * string; any other is copied into the document's arena on a hit. */
#define GS_LCACHE 32768 /* entries, a power of two */
#define GS_LCACHE_WORD GS_WORDKEY_MAX
#define GS_LCACHE_LEMMA 31

struct gs_lcache {
    uint32_t hash;
    uint8_t len, penn, same, llen; /* len 0: empty */
    gs_wordkey key;                /* the form (gs_word_key) */
    const char *fixed;             /* the lemma when it is a static string, else NULL */
    char lemma[GS_LCACHE_LEMMA];   /* else the lemma (same: none) */
    uint8_t lclass;                /* GS_LC_* */
};

_Static_assert(sizeof(struct gs_lcache) == 64, "a lemma cache entry fills one cache line");

/* A zeroed cache table, mapped from the system (its pages are zero until
 * touched, with no clearing pass) and 2 MB aligned on large pages where
 * the system has them: probes land anywhere in megabytes, and with small
 * pages nearly every one also missed the address translation cache. */
#define GS_HUGE ((size_t)2 << 20)
static size_t cache_size(size_t size) { return (size + GS_HUGE - 1) & ~(GS_HUGE - 1); }

static void *cache_alloc(size_t size)
{
    size_t sz = cache_size(size);
    char *p = mmap(NULL, sz + GS_HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    /* keep the aligned part only */
    size_t head = (GS_HUGE - ((uintptr_t)p & (GS_HUGE - 1))) & (GS_HUGE - 1);
    if (head)
        munmap(p, head);
    if (GS_HUGE - head)
        munmap(p + head + sz, GS_HUGE - head);
    p += head;
#ifdef MADV_HUGEPAGE
    (void)madvise(p, sz, MADV_HUGEPAGE); /* advice only: small pages work too */
#endif
    return p;
}

static void cache_free(void *p, size_t size)
{
    if (p)
        munmap(p, cache_size(size));
}

static void caches_free(gs_lang *L)
{
    cache_free(L->wcache, GS_WCACHE * sizeof *L->wcache);
    cache_free(L->lcache, GS_LCACHE * sizeof *L->lcache);
}

/* The word cache's keys (context and hash) and the lexicon's hash of the
 * tokens of sentence s, into L->keys, and the slots of both fetched ahead:
 * the tables are larger than the processor's nearest caches, and
 * gs_lang_tag asks for them two sentences ahead, so their misses overlap
 * the work. */
static void word_keys(gs_lang *L, const gs_text *t, const gs_sent *s)
{
    size_t n = s->count;
    const gs_tok *toks = t->toks + s->first;
    /* headlines in capitals give no capitalisation signal */
    size_t alpha = 0, caps = 0;
    for (size_t i = 0; i < n; i++) {
        if (toks[i].flags & GS_TF_ALPHA) {
            alpha++;
            if (toks[i].flags & GS_TF_ALLCAPS)
                caps++;
        }
    }
    bool caps_mode = alpha >= 3 && caps * 2 > alpha;
    /* also title-case headlines: most words capitalised */
    size_t capwords = 0;
    for (size_t i = 0; i < n; i++)
        if ((toks[i].flags & GS_TF_CAP) && toks[i].norm_len > 3)
            capwords++;
    if (s->paragraph == 0 && alpha >= 4 && capwords * 4 >= alpha * 3)
        caps_mode = true;
    bool initial = true;
    for (size_t i = 0; i < n; i++) {
        const gs_tok *tk = &toks[i];
        /* the context that token_cands reads besides the word itself */
        uint32_t ctx = 1u | (uint32_t)initial << 1 | (uint32_t)caps_mode << 2 |
                       (uint32_t)(tk->flags & GS_WCACHE_FLAGS) << 3;
        L->keys[s->first + i].ctx = ctx;
        uint32_t h = gs_lang_hash_mix(L->tokhash[s->first + i], ctx);
        L->keys[s->first + i].h = h;
        if (tk->norm_len <= GS_WCACHE_WORD) {
            const char *slot = (const char *)&L->wcache[h & (GS_WCACHE - 1)];
            __builtin_prefetch(slot);
            __builtin_prefetch(slot + sizeof *L->wcache - 1);
            /* and the lexicon's hash slot, should the word cache miss: the
             * hash of the lower-cased form, which is the token's own hash
             * when it starts in lower case (a word that has capitals further
             * on only fetches a slot in vain) */
            uint32_t lh = L->tokhash[s->first + i];
            if (!(tk->flags & GS_TF_LOWER))
                lh = gs_lex_keyhash(gs_word_key_lower(L->tokkey[s->first + i]), tk->norm_len);
            __builtin_prefetch(&gs_lex_hash[lh & (GS_LEX_HSIZE - 1)]);
            L->keys[s->first + i].lh = lh;
        }
        /* the next word starts a sentence after an opening quote or colon */
        if (tk->flags & GS_TF_PUNCT)
            initial = initial || norm_is(tk, "\"") || norm_is(tk, ":") || norm_is(tk, "--") ||
                      norm_is(tk, "(");
        else
            initial = false;
    }
}

/* The lexicon entries of the tokens of sentence s that its word cache
 * slots do not know, fetched ahead.  word_keys fetched the word cache and
 * lexicon hash slots a sentence earlier, so they have arrived by now; the
 * entries arrive while the sentence before s is tagged. */
static void lex_ahead(const gs_lang *L, const gs_text *t, const gs_sent *s)
{
    for (size_t i = 0; i < s->count; i++) {
        const gs_tok *tk = &t->toks[s->first + i];
        const struct gs_wkey *k = &L->keys[s->first + i];
        if (tk->norm_len > GS_WCACHE_WORD)
            continue;
        const struct gs_wcache *wc = &L->wcache[k->h & (GS_WCACHE - 1)];
        if (wc->hash == k->h && wc->ctx == k->ctx)
            continue; /* (most likely) a hit */
        for (uint32_t h = k->lh & (GS_LEX_HSIZE - 1);; h = (h + 1) & (GS_LEX_HSIZE - 1)) {
            uint32_t e = gs_lex_hash[h];
            if (!e)
                break;
            if (!((e ^ k->lh) & ~GS_LEX_IMASK)) {
                __builtin_prefetch(&gs_lex_entries[(e & GS_LEX_IMASK) - 1]);
                break;
            }
        }
    }
}

static int tag_sentence(gs_lang *L, const gs_text *t, const gs_sent *s)
{
    size_t n = s->count;
    if (!n)
        return 0;
    int rc = ensure(L, n);
    if (rc < 0)
        return rc;
    const gs_tok *toks = t->toks + s->first;
    gs_ltok *lt = L->lt + s->first;
    /* the keys of the word cache, found and fetched by word_keys (for this
     * sentence while the one before was tagged) */
    const struct gs_wkey *keys = L->keys + s->first;
    bool caps_mode = keys[0].ctx >> 2 & 1;
    char buf[128];
    bool initial = true, after_article = false, after_modal = false;
    if (!L->debug)
        L->debug = getenv("GESTA_DEBUG_TAGS") ? 2 : 1;
    bool debug = L->debug == 2;
    for (size_t i = 0; i < n; i++) {
        const gs_tok *tk = &toks[i];
        cands c;
        uint32_t lex;
        bool aux, article, modal;
        uint32_t ctx = keys[i].ctx;
        initial = ctx >> 1 & 1;
        struct gs_wcache *wc = NULL;
        if (tk->norm_len <= GS_WCACHE_WORD) {
            uint32_t h = keys[i].h;
            wc = &L->wcache[h & (GS_WCACHE - 1)];
            if (wc->ctx == ctx && wc->hash == h && wc->len == tk->norm_len &&
                gs_word_key_eq(wc->key, L->tokkey[s->first + i])) {
                if (!after_article && !(after_modal && wc->wn_verb) && !debug) {
                    /* the common case: the pruned candidates as they are */
                    /* the kept candidates come first: whole rows */
                    const cands *cc = &wc->c;
                    memcpy(&L->cand[i * MAXC], cc->tag, sizeof cc->tag);
                    memcpy(&L->emit[i * MAXC], cc->score, sizeof cc->score);
                    L->ncand[i] = wc->nkeep;
                    lt[i].lex = wc->lex;
                    L->aux[i] = wc->aux;
                    after_article = wc->article;
                    after_modal = wc->modal;
                    continue;
                }
                c = unkeep(&wc->c, wc->keep);
                lex = wc->lex;
                aux = wc->aux;
                article = wc->article;
                modal = wc->modal;
                wc = NULL; /* found */
                goto have;
            }
            wc->hash = h;
        }
        {
            size_t ln = lower(tk, buf, sizeof buf);
            token_cands(&c, tk, buf, ln, initial, caps_mode, &lex);
            aux = is_aux_word(buf, ln);
            article = is_article(buf, ln);
            modal = is_modal_word(tk);
            if (wc) {
                wc->ctx = ctx;
                wc->len = (uint8_t)tk->norm_len;
                wc->key = L->tokkey[s->first + i];
                unsigned keep = prune_mask(&c);
                wc->c = kept_first(&c, keep);
                wc->keep = (uint8_t)keep;
                wc->nkeep = (uint8_t)__builtin_popcount(keep);
                wc->wn_verb = lex && (gs_lex_entries[lex - 1].wn & GS_WN_VERB);
                wc->lex = lex;
                wc->aux = aux;
                wc->article = article;
                wc->modal = modal;
            }
        }
    have:
        if (after_article)
            drop_verbs(&c);
        /* after a modal, a WordNet verb may be its base form even where the
         * lexicon saw only a noun ("would boycott", "will veto") */
        if (after_modal && lex && (gs_lex_entries[lex - 1].wn & GS_WN_VERB)) {
            bool has_vb = false;
            float best = -1e9f;
            for (int q = 0; q < c.n; q++) {
                has_vb |= c.tag[q] == F_VB;
                if (c.score[q] > best)
                    best = c.score[q];
            }
            if (!has_vb)
                cand_add(&c, F_VB, best);
        }
        after_modal = modal;
        prune(&c);
        if (debug) {
            fprintf(stderr, "%.*s:", (int)tk->norm_len, tk->norm);
            for (int q = 0; q < c.n; q++)
                fprintf(stderr, " %s=%.2f", gs_tag_names[c.tag[q]], c.score[q]);
            fprintf(stderr, "\n");
        }
        after_article = article;
        lt[i].lex = lex;
        L->aux[i] = aux;
        L->ncand[i] = c.n;
        for (int k = 0; k < c.n; k++) {
            L->cand[i * MAXC + (size_t)k] = c.tag[k];
            L->emit[i * MAXC + (size_t)k] = c.score[k];
        }
    }
    /* Viterbi over pairs (tag of i-1, tag of i); index [i][a][b] where a is
     * the candidate of i-1 and b of i.  Before the sentence: punc, punc. */
    float *sc = L->score;
    uint8_t *bk = L->back;
#define SC(i, a, b) sc[((i) * MAXC + (a)) * MAXC + (b)]
#define BK(i, a, b) bk[((i) * MAXC + (a)) * MAXC + (b)]
    for (int b = 0; b < L->ncand[0]; b++) {
        int tb = L->cand[b];
        SC(0, 0, b) = gs_trans[F_PUNC][F_PUNC][tb] + L->emit[b];
        BK(0, 0, b) = 0;
    }
    static const uint8_t punc_before[1] = {F_PUNC}; /* the virtual tag before token 0 */
    size_t nz = 1;
    for (size_t i = 1; i < n; i++) {
        size_t na = L->ncand[i - 1], nb = L->ncand[i];
        const uint8_t *cz = i >= 2 ? &L->cand[(i - 2) * MAXC] : punc_before;
        const uint8_t *ca = &L->cand[(i - 1) * MAXC], *cb = &L->cand[i * MAXC];
        const float *eb = &L->emit[i * MAXC];
        /* syntax_penalty, hoisted: it depends on i only through aux[i-1] */
        float pen = syntax_penalty(L, i, F_VBD, F_VBN);
        if (nz == 1) {
            /* one history (the previous word had one candidate): nothing to
             * choose, the common case */
            const float(*tz)[GS_NTAGS] = gs_trans[cz[0]];
            for (size_t a = 0; a < na; a++) {
                int ta = ca[a];
                float apen = (ta == F_VBZ || ta == F_VBP || ta == F_VBD) ? pen : 0.0f;
                float p0 = SC(i - 1, 0, a);
                const float *row = tz[ta];
                float *out = &SC(i, a, 0);
                uint8_t *ob = &BK(i, a, 0);
                for (size_t b = 0; b < nb; b++) {
                    int tb = cb[b];
                    out[b] = p0 + row[tb] + (tb == F_VBN ? apen : 0.0f) + eb[b];
                    ob[b] = 0;
                }
            }
            nz = na;
            continue;
        }
        if (nz == 2) {
            /* two histories, the next most common case */
            const float(*t0)[GS_NTAGS] = gs_trans[cz[0]], (*t1)[GS_NTAGS] = gs_trans[cz[1]];
            for (size_t a = 0; a < na; a++) {
                int ta = ca[a];
                float apen = (ta == F_VBZ || ta == F_VBP || ta == F_VBD) ? pen : 0.0f;
                float p0 = SC(i - 1, 0, a), p1 = SC(i - 1, 1, a);
                const float *r0 = t0[ta], *r1 = t1[ta];
                float *out = &SC(i, a, 0);
                uint8_t *ob = &BK(i, a, 0);
                for (size_t b = 0; b < nb; b++) {
                    int tb = cb[b];
                    float best = p0 + r0[tb], v = p1 + r1[tb];
                    uint8_t arg = 0;
                    if (v > best) {
                        best = v;
                        arg = 1;
                    }
                    out[b] = best + (tb == F_VBN ? apen : 0.0f) + eb[b];
                    ob[b] = arg;
                }
            }
            nz = na;
            continue;
        }
        for (size_t a = 0; a < na; a++) {
            int ta = ca[a];
            float apen = (ta == F_VBZ || ta == F_VBP || ta == F_VBD) ? pen : 0.0f;
            /* the scores of (z, a) for every z, at a stride of MAXC */
            const float *prev = &SC(i - 1, 0, a);
            float *out = &SC(i, a, 0);
            uint8_t *ob = &BK(i, a, 0);
            /* the table's row for each history, found once for every b */
            const float *rows[MAXC];
            for (size_t z = 0; z < nz; z++)
                rows[z] = gs_trans[cz[z]][ta];
            for (size_t b = 0; b < nb; b++) {
                int tb = cb[b];
                float best = prev[0] + rows[0][tb];
                uint8_t arg = 0;
                for (size_t z = 1; z < nz; z++) {
                    float v = prev[z * MAXC] + rows[z][tb];
                    if (v > best) {
                        best = v;
                        arg = (uint8_t)z;
                    }
                }
                out[b] = best + (tb == F_VBN ? apen : 0.0f) + eb[b];
                ob[b] = arg;
            }
        }
        nz = na;
    }
    /* end: the sentence is followed by punctuation */
    size_t last = n - 1;
    size_t na = n >= 2 ? L->ncand[n - 2] : 1;
    float best = -1e30f;
    size_t ba = 0, bb = 0;
    for (size_t a = 0; a < na; a++) {
        int ta = n >= 2 ? L->cand[(n - 2) * MAXC + a] : F_PUNC;
        for (size_t b = 0; b < L->ncand[last]; b++) {
            int tb = L->cand[last * MAXC + b];
            float v = SC(last, a, b) + gs_trans[ta][tb][F_PUNC];
            if (v > best) {
                best = v;
                ba = a;
                bb = b;
            }
        }
    }
    /* back-trace */
    for (size_t i = last + 1; i-- > 0;) {
        lt[i].ftag = L->cand[i * MAXC + bb];
        size_t z = BK(i, ba, bb);
        bb = ba;
        ba = z;
    }
#undef SC
#undef BK
    correct(lt, toks, n);
    repair_no_verb(L, lt, toks, s, n);
    /* Penn tags and lemmas */
    if (!L->lcache && !(L->lcache = cache_alloc(GS_LCACHE * sizeof *L->lcache)))
        return GESTA_ENOMEM;
    /* the Penn tags first, and the lemma cache slots fetched ahead */
    for (size_t i = 0; i < n; i++) {
        const gs_tok *tk = &toks[i];
        int next_ftag = i + 1 < n ? lt[i + 1].ftag : F_PUNC;
        /* only pronouns need the lower-cased word to choose their Penn tag */
        size_t ln = 0;
        if (lt[i].ftag == F_PRP || lt[i].ftag == F_WP)
            ln = lower(tk, buf, sizeof buf);
        int p = to_penn(lt[i].ftag, tk, i ? &toks[i - 1] : NULL, i + 1 < n ? &toks[i + 1] : NULL,
                        next_ftag, buf, ln);
        lt[i].penn = (uint8_t)p;
        lt[i].chunk = 0;
        lt[i].flags = 0;
        if (tk->norm_len && tk->norm_len <= GS_LCACHE_WORD) {
            uint32_t h = gs_lang_hash_mix(L->tokhash[s->first + i], 0x100u | (uint32_t)p);
            L->wh[i] = h;
            __builtin_prefetch(&L->lcache[h & (GS_LCACHE - 1)]);
        }
    }
    for (size_t i = 0; i < n; i++) {
        const gs_tok *tk = &toks[i];
        int p = lt[i].penn;
        size_t ln = 0;
        const char *lm = NULL;
        size_t ll = 0;
        struct gs_lcache *lc = NULL;
        if (tk->norm_len && tk->norm_len <= GS_LCACHE_WORD) {
            uint32_t h = L->wh[i];
            lc = &L->lcache[h & (GS_LCACHE - 1)];
            if (lc->hash == h && lc->len == tk->norm_len && lc->penn == p &&
                gs_word_key_eq(lc->key, L->tokkey[s->first + i])) {
                if (lc->same) {
                    lm = tk->norm;
                    ll = tk->norm_len;
                } else if (lc->fixed) {
                    lm = lc->fixed;
                    ll = lc->llen;
                } else {
                    char *cp = gs_arena_strndup(L->arena, lc->lemma, lc->llen);
                    if (!cp)
                        return GESTA_ENOMEM;
                    lm = cp;
                    ll = lc->llen;
                }
                lt[i].lemma = lm;
                lt[i].lemma_len = (uint32_t)ll;
                lt[i].lclass = lc->lclass;
                continue;
            }
            lc->hash = h;
            lc->len = 0; /* filled below when the lemma is known */
        }
        ln = lower(tk, buf, sizeof buf);
        /* the special forms all start with an apostrophe, n, c, w or s */
        bool found = ln && (buf[0] == '\'' || buf[0] == 'n' || buf[0] == 'c' || buf[0] == 'w' ||
                            buf[0] == 's') &&
                     special_lemma(buf, ln, p, &lm, &ll);
        bool fixed = found; /* special forms' lemmas are static strings */
        if (ln && !found) {
            /* the word's lexicon entry is known from its candidates */
            const gs_lex_entry *e = lt[i].lex ? &gs_lex_entries[lt[i].lex - 1] : NULL;
            if (gs_penn_is_verb(p) || p == GS_P_MD)
                found = lemma_of_e(e, buf, ln, true, &lm, &ll, L->arena);
            else if (p == GS_P_NNS || p == GS_P_NNPS)
                found = lemma_of_e(e, buf, ln, false, &lm, &ll, L->arena);
            /* the lexicon's own lemmas are in its string pool */
            fixed = found && e &&
                    ((e->vlemma && lm == gs_lex_pool + e->vlemma) ||
                     (e->nlemma && lm == gs_lex_pool + e->nlemma));
        }
        if (!found) {
            /* the word itself, lower-cased (into the arena when it differs) */
            bool same = true;
            for (size_t k = 0; k < ln; k++)
                if (buf[k] != tk->norm[k])
                    same = false;
            if (!ln || same) {
                lm = tk->norm;
                ll = tk->norm_len;
            } else if (lt[i].lex) {
                /* the lexicon's entry is the lower-cased word */
                lm = gs_lex_pool + gs_lex_entries[lt[i].lex - 1].word;
                ll = ln;
                fixed = true;
            } else {
                char *cp = gs_arena_strndup(L->arena, buf, ln);
                if (!cp)
                    return GESTA_ENOMEM;
                lm = cp;
                ll = ln;
            }
        }
        lt[i].lemma = lm;
        lt[i].lemma_len = (uint32_t)ll;
        lt[i].lclass = (uint8_t)gs_lang_lemma_class(lm, ll, tk->norm, tk->norm_len);
        if (lc && (lm == tk->norm || fixed || ll <= GS_LCACHE_LEMMA) && ll <= UINT8_MAX) {
            lc->lclass = lt[i].lclass;
            lc->len = (uint8_t)tk->norm_len;
            lc->penn = (uint8_t)p;
            lc->key = L->tokkey[s->first + i];
            lc->same = lm == tk->norm;
            lc->llen = (uint8_t)(lc->same ? 0 : ll);
            lc->fixed = !lc->same && fixed ? lm : NULL;
            if (!lc->same && !fixed)
                memcpy(lc->lemma, lm, ll);
        }
    }
    return 0;
}

bool gs_lang_tag_is_proper(int t) { return t == F_NNP || t == F_NNPS; }

int gs_lang_tag(gs_lang *L, const gs_text *t)
{
    if (t->ntoks > L->cap_lt &&
        gs_grow((void **)&L->lt, &L->cap_lt, t->ntoks, sizeof(gs_ltok)) < 0)
        return GESTA_ENOMEM;
    /* tag_sentence sets every field of its tokens; tokens outside every
     * sentence (none, as the segmenter works now) are cleared */
    size_t covered = 0;
    for (size_t i = 0; i < t->nsents; i++) {
        const gs_sent *s = &t->sents[i];
        if (s->first > covered)
            memset(L->lt + covered, 0, (s->first - covered) * sizeof(gs_ltok));
        if ((size_t)s->first + s->count > covered)
            covered = (size_t)s->first + s->count;
    }
    if (t->ntoks > covered)
        memset(L->lt + covered, 0, (t->ntoks - covered) * sizeof(gs_ltok));
    if (t->ntoks > L->cap_tokhash &&
        gs_grow((void **)&L->tokhash, &L->cap_tokhash, t->ntoks, sizeof(uint32_t)) < 0)
        return GESTA_ENOMEM;
    if (t->ntoks > L->cap_tokkey &&
        gs_grow((void **)&L->tokkey, &L->cap_tokkey, t->ntoks, sizeof *L->tokkey) < 0)
        return GESTA_ENOMEM;
    for (size_t i = 0; i < t->ntoks; i++) {
        const gs_tok *tk = &t->toks[i];
        gs_wordkey k = gs_word_key(tk->norm, tk->norm_len);
        L->tokkey[i] = k;
        L->tokhash[i] = tk->norm_len <= GS_WORDKEY_MAX ? gs_lex_keyhash(k, tk->norm_len)
                                                       : gs_lang_hash(tk->norm, tk->norm_len);
    }
    if (t->ntoks > L->cap_keys &&
        gs_grow((void **)&L->keys, &L->cap_keys, t->ntoks, sizeof *L->keys) < 0)
        return GESTA_ENOMEM;
    if (!L->wcache && !(L->wcache = cache_alloc(GS_WCACHE * sizeof *L->wcache)))
        return GESTA_ENOMEM;
    /* the caches' slots two sentences ahead, the lexicon's entries one
     * sentence ahead */
    for (size_t i = 0; i < t->nsents && i < 2; i++)
        word_keys(L, t, &t->sents[i]);
    for (size_t i = 0; i < t->nsents; i++) {
        if (i + 2 < t->nsents)
            word_keys(L, t, &t->sents[i + 2]);
        if (i + 1 < t->nsents)
            lex_ahead(L, t, &t->sents[i + 1]);
        int rc = tag_sentence(L, t, &t->sents[i]);
        if (rc < 0)
            return rc;
    }
    return 0;
}
