/*
 * coder.c: verb groups -> events.
 *
 * For each verb group of a sentence: its verb forms in the verb
 * dictionaries (multi-word forms first), then the patterns of the form's
 * block in file order; the first that matches the clause gives the code
 * (none: the verb's own or the block's code; "---": no event) and may name
 * the source ($), the target (+) or a compound actor (%).  Otherwise the
 * source is the subject and the target the first actor after the verb in
 * its clause; in the passive they swap and the agent comes from "by ...".
 *
 * A negated verb codes nothing.  A verb that governs an infinitive or a
 * gerund ("pledged to send", "threatened to impose", "refused to meet",
 * "refrained from joining") is coded through its complement: intent turns
 * the complement's code into the 03x code of its family, a threat into the
 * 13x code, a refusal into the 12x code, and refraining or failing into
 * nothing; a governor pattern that itself covers the complement's words
 * wins over all of that.  The future ("will send") is intent too.  A
 * speech verb whose clause reports another one gives way to it.
 */
#include "code.h"
#include "cameo.h"
#include "../engine.h"

#include <stdio.h>

/* ------------------------------------------------------- helpers */

static GS_ALWAYS_INLINE bool lemma_is(const gs_lang *L, uint32_t k, const char *w)
{
    return GS_LIT_EQ(L->lt[k].lemma, L->lt[k].lemma_len, w);
}

static bool lemma_in(const gs_lang *L, uint32_t k, const char *const *list)
{
    const gs_ltok *lt = &L->lt[k];
    if (!lt->lemma_len)
        return false;
    char c0 = lt->lemma[0];
    for (; *list; list++)
        if ((*list)[0] == c0 && gs_lit_eq(lt->lemma, lt->lemma_len, *list))
            return true;
    return false;
}

static const char *const intent_verbs[] = {
    "pledge", "promise", "vow", "swear", "offer", "plan", "intend", "agree", "decide", "propose", "aim",
    "prepare", "commit", "undertake", "volunteer", "resolve", "hope", "want", "seek", "wish",
    "expect", "consider", "schedule", "set", NULL};
static const char *const threat_verbs[] = {"threaten", "warn", NULL};
static const char *const appeal_verbs[] = {"urge", "ask", "call", "appeal", "request", "plead",
                                           "implore", "beg", "encourage", "invite", "press",
                                           "petition", "lobby", "exhort", NULL};
static const char *const demand_verbs[] = {"demand", "order", "insist", "require", "instruct",
                                           "command", "direct", "ultimatum", NULL};
static const char *const refusal_verbs[] = {"refuse", "decline", "reject", "rule", NULL};
static const char *const suppress_verbs[] = {"refrain", "fail", "avoid", "abstain", "stop", "cease",
                                             "deny", "neglect", NULL};

/* ------------------------------------------------ intent, threat, refusal */

/* Is vg a copula whose adjective states an intention before its
 * complement: "is willing to", "was ready to", "remains determined to"? */
static bool willing(const gs_lang *L, const gs_vg *vg)
{
    static const char *const adjs[] = {"willing", "ready", "prepared", "determined", "eager",
                                       "keen", "poised", "set", "resolved", "committed", "due",
                                       NULL};
    if (vg->xcomp < 0 || !((vg->flags & GS_VG_COPULA) || lemma_is(L, vg->head, "remain") ||
                           lemma_is(L, vg->head, "seem") || lemma_is(L, vg->head, "appear")))
        return false;
    uint32_t x = L->vgs[vg->xcomp].start;
    for (uint32_t k = vg->end; k < x && k < vg->end + 3; k++)
        if (lemma_in(L, k, adjs))
            return true;
    return false;
}

/* The 03x intent code for an action code. */
static void intent_of(const char *code, char out[8])
{
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    const char *m = NULL;
    switch (root) {
    case 4: m = "036"; break;
    case 5: m = "032"; break;
    case 6:
        m = !strncmp(code, "061", 3) ? "0311" : !strncmp(code, "062", 3) ? "0312"
            : !strncmp(code, "063", 3) ? "0313" : !strncmp(code, "064", 3) ? "0314" : "031";
        break;
    case 7:
        m = !strncmp(code, "071", 3) ? "0331" : !strncmp(code, "072", 3) ? "0332"
            : !strncmp(code, "073", 3) ? "0333" : !strncmp(code, "074", 3) ? "0334" : "033";
        break;
    case 8:
        m = !strncmp(code, "0831", 4) ? "0341" : !strncmp(code, "0832", 4) ? "0342"
            : !strncmp(code, "0833", 4) ? "0343" : !strncmp(code, "0834", 4) ? "0344"
            : !strncmp(code, "083", 3) ? "034" : !strncmp(code, "081", 3) ? "0351"
            : !strncmp(code, "082", 3) ? "0352" : !strncmp(code, "084", 3) ? "0353"
            : !strncmp(code, "085", 3) ? "0354" : !strncmp(code, "086", 3) ? "0355"
            : !strncmp(code, "087", 3) ? "0356" : "035";
        break;
    default: break;
    }
    if (root >= 14)
        m = NULL;
    gs_strcpy(out, 8, m ? m : code);
}

/* The 02x appeal (demand: 10x) code for an action someone is urged to
 * take: the intent code's counterpart ("urged X to release" 0253, "demanded
 * that X release" 1053), else the general appeal 020 (demand 100). */
static void appeal_of(const char *code, bool demand, char out[8])
{
    char in[8];
    intent_of(code, in);
    char c[8] = "";
    if (in[0] == '0' && in[1] == '3') {
        if (!demand)
            snprintf(c, sizeof c, "02%s", in + 2);
        else if (!strcmp(in, "036") || !strcmp(in, "037") || !strcmp(in, "038"))
            gs_strcpy(c, sizeof c, !strcmp(in, "036") ? "106" : !strcmp(in, "037") ? "107" : "108");
        else
            snprintf(c, sizeof c, "10%s", in + 2);
    }
    const gs_cameo *cm = c[0] ? gs_cameo_find(c, strlen(c)) : NULL;
    if (!cm || strcmp(cm->code, c)) {
        /* the three-digit family, else the root's general code */
        c[3] = '\0';
        cm = c[0] ? gs_cameo_find(c, 3) : NULL;
        if (!cm || strcmp(cm->code, c))
            gs_strcpy(c, sizeof c, demand ? "100" : "020");
    }
    gs_strcpy(out, 8, c);
}

/* The 13x threat code for an action code. */
static void threat_of(const char *code, char out[8])
{
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    const char *m;
    switch (root) {
    case 14: m = "133"; break;
    case 15: m = "138"; break;
    case 16:
        m = !strncmp(code, "161", 3) ? "1313" : !strncmp(code, "162", 3) ? "1311"
            : !strncmp(code, "163", 3) ? "1312" : !strncmp(code, "164", 3) ? "134" : "131";
        break;
    case 17: m = !strncmp(code, "175", 3) ? "137" : !strncmp(code, "173", 3) ? "1322" : "132"; break;
    case 18: m = "1383"; break;
    case 19: m = !strncmp(code, "191", 3) ? "1381" : !strncmp(code, "192", 3) ? "1382" : "1384"; break;
    case 20: m = "1385"; break;
    default: m = "130"; break;
    }
    gs_strcpy(out, 8, m);
}

/* The 12x refusal code for an action code. */
static void refusal_of(const char *code, char out[8])
{
    /* the action's intent code names what is refused: 031x cooperation
     * (121x), 033x aid (122x), 034x reform (123x), 035x yielding (124x),
     * 036 meeting (125), 038/039 mediation (126) */
    char in[8], c[8] = "";
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    intent_of(code, in);
    if (root == 10)
        snprintf(c, sizeof c, "128");
    else if (!strncmp(in, "031", 3))
        snprintf(c, sizeof c, "121%s", in + 3);
    else if (!strncmp(in, "033", 3))
        snprintf(c, sizeof c, "122%s", in + 3);
    else if (!strncmp(in, "034", 3))
        snprintf(c, sizeof c, "123%s", in + 3);
    else if (!strncmp(in, "035", 3))
        snprintf(c, sizeof c, "124%s", in + 3);
    else if (!strcmp(in, "036"))
        snprintf(c, sizeof c, "125");
    else if (!strcmp(in, "038") || !strcmp(in, "039"))
        snprintf(c, sizeof c, "126");
    const gs_cameo *cm = c[0] ? gs_cameo_find(c, strlen(c)) : NULL;
    if (!cm || strcmp(cm->code, c)) {
        c[3] = '\0';
        cm = c[0] ? gs_cameo_find(c, 3) : NULL;
        if (!cm || strcmp(cm->code, c))
            snprintf(c, sizeof c, "120");
    }
    gs_strcpy(out, 8, c);
}

/* ----------------------------------------------------------- pattern match */

typedef struct pm {
    gs_coder *c;
    bool exact;            /* PETRARCH: whole words only, no lemmas */
    bool comp_left;        /* '%' was matched before the verb */
    const gs_lang *L;
    const gs_dict *d;
    uint32_t dj, nall;
    uint32_t s, e;         /* sentence */
    int32_t clause;
    int32_t src, tgt, comp; /* NP indices set by $ + % */
    int budget;
    uint32_t rend;         /* after the last token the right side matched */
    int64_t lstart;        /* the first token the left side matched */
} pm;

static inline uint32_t WID(const pm *m, uint32_t k) { return m->c->wid[(size_t)k * m->nall + m->dj]; }
static inline uint32_t LID(const pm *m, uint32_t k) { return m->c->lid[(size_t)k * m->nall + m->dj]; }

static bool word_at(const pm *m, uint32_t k, uint32_t w)
{
    return WID(m, k) == w || (!m->exact && LID(m, k) == w);
}

/* Does a member of synset si end (left) or start (right) at token k?
 * Returns the member's length, or 0. */
static uint32_t synset_scan(const pm *m, uint32_t si, uint32_t k, bool leftward);

#define GS_SYNMEMO 4096 /* entries; a power of two */

/* synset_scan, remembered for the sentence: the same synset is asked about
 * the same token by many patterns of many verbs. */
static uint32_t synset_at(const pm *m, uint32_t si, uint32_t k, bool leftward)
{
    struct gs_synmemo *memo = m->c->synmemo;
    if (!memo || k - m->s >= 1024 || si >= (1u << 20) / 2 || m->dj >= 4)
        return synset_scan(m, si, k, leftward);
    uint32_t key = ((si * 2 + (uint32_t)leftward) << 12 | (k - m->s) << 2 | m->dj) + 1;
    uint32_t h = (key * 2654435761u) >> 20 & (GS_SYNMEMO - 1);
    struct gs_synmemo *x = &memo[h];
    if (x->stamp == m->c->syn_stamp && x->key == key)
        return x->val;
    uint32_t v = synset_scan(m, si, k, leftward);
    x->key = key;
    x->stamp = m->c->syn_stamp;
    x->val = v;
    return v;
}

/* The first of members [lo, hi) (sorted by first word) whose first word is
 * w: binary search. */
static uint32_t first_with(const pm *m, const gs_synmem *mem, uint32_t lo, uint32_t hi, uint32_t w)
{
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t x = mem[mid].nwords ? m->d->vwords[mem[mid].words] : 0;
        if (x < w)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Does member mem (of nwords words) start at token first? */
static bool member_at(const pm *m, const gs_synmem *mem, uint32_t first)
{
    if (first < m->s || first + mem->nwords > m->e)
        return false;
    for (uint32_t q = 0; q < mem->nwords; q++)
        if (!word_at(m, first + q, m->d->vwords[mem->words + q]))
            return false;
    return true;
}

static uint32_t synset_scan(const pm *m, uint32_t si, uint32_t k, bool leftward)
{
    const gs_synset *sy = &m->d->synsets[si];
    const gs_synmem *mem = &m->d->synmem[sy->members];
    /* members of several words come first (sorted by first word, longest
     * first), then the one-word members by word id */
    uint32_t n = sy->nmembers, nmulti = m->d->synset_multi[si] & 0xffffff,
             maxlen = m->d->synset_multi[si] >> 24;
    uint32_t best = 0;
    if (!leftward && nmulti && k >= m->s && k < m->e) {
        /* rightward every member starts at k: one search per key, the run
         * of members with that first word is longest first */
        uint32_t keys[2] = {WID(m, k), m->exact ? UINT32_MAX : LID(m, k)};
        for (int q = 0; q < 2; q++) {
            if (keys[q] == UINT32_MAX || (q == 1 && keys[1] == keys[0]))
                continue;
            for (uint32_t i = first_with(m, mem, 0, nmulti, keys[q]);
                 i < nmulti && m->d->vwords[mem[i].words] == keys[q]; i++)
                if (mem[i].nwords > best && member_at(m, &mem[i], k)) {
                    best = mem[i].nwords;
                    break;
                }
        }
        maxlen = 1; /* done */
    }
    for (uint32_t len = maxlen; len >= 2 && !best; len--) {
        if (leftward && k + 1 < len)
            continue;
        uint32_t first = leftward ? k + 1 - len : k;
        if (first < m->s || first >= m->e)
            continue;
        uint32_t keys[2] = {WID(m, first), m->exact ? UINT32_MAX : LID(m, first)};
        for (int q = 0; q < 2 && !best; q++) {
            if (keys[q] == UINT32_MAX || (q == 1 && keys[1] == keys[0]))
                continue;
            for (uint32_t i = first_with(m, mem, 0, nmulti, keys[q]);
                 i < nmulti && m->d->vwords[mem[i].words] == keys[q]; i++)
                if (mem[i].nwords == len && member_at(m, &mem[i], first)) {
                    best = len;
                    break;
                }
        }
        if (!leftward && best)
            break;
    }
    if (best)
        return best;
    /* then one word */
    if (k < m->s || k >= m->e)
        return 0;
    uint32_t keys[2] = {WID(m, k), m->exact ? UINT32_MAX : LID(m, k)};
    for (int q = 0; q < 2; q++) {
        if (keys[q] == UINT32_MAX)
            continue;
        uint32_t lo = first_with(m, mem, nmulti, n, keys[q]);
        if (lo < n && mem[lo].nwords == 1 && m->d->vwords[mem[lo].words] == keys[q])
            return 1;
    }
    return 0;
}

/* A token the right side of a pattern may use: in the verb's clause or in
 * a clause that depends on it (its complement: "believes X can cope"). */
static bool in_region(const pm *m, uint32_t k)
{
    if (k < m->s || k >= m->e)
        return false;
    int32_t cl = m->L->tok_cl[k];
    if (m->clause < 0 || cl == m->clause)
        return true;
    if (cl < 0 || m->L->cls[cl].parent != m->clause || m->L->cls[cl].type == GS_CL_REL)
        return false;
    if (m->c->opt.compat)
        return true;
    /* not a clause it reports ("announced (that) he will withdraw weapons
     * inspectors" is coded by "withdraw", not by "announce ... weapons"),
     * nor an adverbial clause ("one day after a jet shot down truce
     * monitors"): only a "that" complement ("agreed that ...") */
    const gs_clause *sub = &m->L->cls[cl];
    return sub->type == GS_CL_SUB && sub->marker >= 0 && lemma_is(m->L, (uint32_t)sub->marker, "that");
}

/* Matches elements [i, n) rightwards from token pos. */
static bool match_right(pm *m, const gs_pelem *el, uint32_t i, uint32_t n, uint32_t pos)
{
    if (i == n) {
        m->rend = pos;
        return true;
    }
    if (--m->budget < 0)
        return false;
    const gs_pelem *e = &el[i];
    for (uint32_t k = pos; k < m->e; k++) {
        if (k > pos && !e->gap)
            break;
        if (!in_region(m, k))
            continue;
        switch (e->kind) {
        case GS_PE_WORD:
            if (word_at(m, k, e->arg) && match_right(m, el, i + 1, n, k + 1))
                return true;
            break;
        case GS_PE_SYNSET: {
            uint32_t len = synset_at(m, e->arg, k, false);
            if (len && match_right(m, el, i + 1, n, k + len))
                return true;
            break;
        }
        default: {
            int32_t np = m->L->tok_np[k];
            /* a phrase starting here, or the rest of the phrase whose words
             * the pattern has just matched ("VISITING +": "the visiting
             * Syrian president") */
            bool inside = k == pos && k > m->s && m->L->tok_np[k - 1] == np;
            if (np < 0 || (m->L->nps[np].start != k && !inside))
                break;
            /* '%' is a compound: a coordination of phrases */
            if (e->kind == GS_PE_COMPOUND && m->L->nps[np].coord < 0)
                break;
            int32_t save_s = m->src, save_t = m->tgt, save_c = m->comp;
            if (e->kind == GS_PE_SOURCE)
                m->src = np;
            else if (e->kind == GS_PE_TARGET)
                m->tgt = np;
            else if (e->kind == GS_PE_COMPOUND)
                m->comp = np;
            /* a coordination counts as one phrase */
            const gs_np *x = &m->L->nps[np];
            while (x->coord >= 0)
                x = &m->L->nps[x->coord];
            if (match_right(m, el, i + 1, n, x->end))
                return true;
            m->src = save_s;
            m->tgt = save_t;
            m->comp = save_c;
        }
        }
    }
    return false;
}

/* Matches elements [0, i) leftwards, the element i-1 ending at token pos. */
static bool match_left(pm *m, const gs_pelem *el, uint32_t i, int64_t pos, bool gap_after)
{
    if (i == 0) {
        m->lstart = pos + 1;
        return true;
    }
    if (--m->budget < 0)
        return false;
    const gs_pelem *e = &el[i - 1];
    for (int64_t k = pos; k >= (int64_t)m->s; k--) {
        if (k < pos && !gap_after)
            break;
        uint32_t uk = (uint32_t)k;
        switch (e->kind) {
        case GS_PE_WORD:
            if (word_at(m, uk, e->arg) && match_left(m, el, i - 1, k - 1, e->gap))
                return true;
            break;
        case GS_PE_SYNSET: {
            uint32_t len = synset_at(m, e->arg, uk, true);
            if (len && match_left(m, el, i - 1, k - (int64_t)len, e->gap))
                return true;
            break;
        }
        default: {
            int32_t np = m->L->tok_np[uk];
            if (np < 0 || m->L->nps[np].end != uk + 1)
                break;
            int32_t save_s = m->src, save_t = m->tgt, save_c = m->comp;
            /* the whole coordination ending here */
            uint32_t first = (uint32_t)np;
            for (bool moved = true; moved;) {
                moved = false;
                for (uint32_t q = 0; q < first; q++)
                    if (m->L->nps[q].coord == (int32_t)first) {
                        first = q;
                        moved = true;
                    }
            }
            if (e->kind == GS_PE_COMPOUND && m->L->nps[first].coord < 0)
                break; /* '%' is a compound: a coordination of phrases */
            if (e->kind == GS_PE_SOURCE)
                m->src = (int32_t)first;
            else if (e->kind == GS_PE_TARGET)
                m->tgt = (int32_t)first;
            else if (e->kind == GS_PE_COMPOUND) {
                m->comp = (int32_t)first;
                m->comp_left = true;
            }
            if (match_left(m, el, i - 1, (int64_t)m->L->nps[first].start - 1, e->gap))
                return true;
            m->src = save_s;
            m->tgt = save_t;
            m->comp = save_c;
        }
        }
    }
    return false;
}

/* ------------------------------------------------------------ the verb */

typedef struct vmatch {
    const gs_dict *d;
    uint32_t dj;
    const gs_vform *form;
    const gs_pattern *pattern; /* NULL: the verb's or block's code */
    uint32_t code, pcode, pair;
    uint32_t vend;             /* first token after the verb and its words */
    uint32_t mstart, mend;     /* the tokens [mstart, mend) the pattern matched */
    int32_t src, tgt, comp;
    bool comp_left;
    gs_src rule;
} vmatch;

/* Finds the verb form of verb group v in dictionary j: multi-word forms
 * whose other words stand next to the verb first. */
static const gs_vform *find_form(const gs_coder *c, const gs_lang *L, const gs_dict *d, uint32_t j,
                                 uint32_t nall, const gs_vg *vg, uint32_t s, uint32_t e, uint32_t *vend)
{
    uint32_t h = vg->head;
    uint32_t w = c->wid[(size_t)h * nall + j];
    uint32_t len_dummy;
    (void)len_dummy;
    size_t mlen;
    uint32_t entry = w != UINT32_MAX ? gs_dict_match(d, GS_DK_VERB, &w, 1, 0, &mlen) : 0;
    if (!entry) {
        uint32_t l = c->lid[(size_t)h * nall + j];
        if (l != UINT32_MAX)
            entry = gs_dict_match(d, GS_DK_VERB, &l, 1, 0, &mlen);
    }
    if (!entry)
        return NULL;
    const gs_vform *best = NULL;
    uint32_t best_words = 0;
    for (uint32_t f = entry - 1; f < d->nvforms;) {
        const gs_vform *vf = &d->vforms[f];
        bool ok = true;
        /* words before the verb, adjacent */
        for (uint32_t q = 0; q < vf->pre && ok; q++) {
            uint32_t k = h - vf->pre + q;
            ok = h >= vf->pre && k >= s && (c->wid[(size_t)k * nall + j] == d->vwords[vf->words + q] ||
                                            c->lid[(size_t)k * nall + j] == d->vwords[vf->words + q]);
        }
        /* words after it (a particle may already be part of the group) */
        uint32_t k = h + 1;
        for (uint32_t q = vf->pre + 1; q < vf->nwords && ok; q++, k++) {
            while (k < e && L->lt[k].penn == GS_P_RB && !L->lt[k].lemma_len)
                k++;
            ok = k < e && (c->wid[(size_t)k * nall + j] == d->vwords[vf->words + q] ||
                           c->lid[(size_t)k * nall + j] == d->vwords[vf->words + q]);
        }
        if (ok && (!best || vf->nwords > best_words)) {
            best = vf;
            best_words = vf->nwords;
            *vend = k > vg->end ? k : vg->end;
        }
        if (!vf->next)
            break;
        f = vf->next - 1;
    }
    return best;
}

/* May a member of synset si occur in the sentence?  (Its first word must.)
 * For the first four dictionaries code_sentence has marked the synsets
 * whose members begin with a word of the sentence; for others the bit set
 * present of the sentence's words is asked. */
/* Marks in synpres the synsets that may occur in the current sentence:
 * those with a member that begins with one of its words or lemmas. */
static void mark_synsets(gs_coder *c)
{
    const gs_dicts *d = c->syn_dicts;
    c->syn_marked = true;
    for (uint32_t j = 0; j < d->nall && j < 4; j++) {
        const gs_dict *dj = d->all[j];
        if (!dj->nsynsets || !c->synpres[j])
            continue;
        for (uint32_t k = c->syn_a; k < c->syn_b; k++) {
            /* (the word ids found which words begin a member) */
            if (!((c->startmask[k] | c->lstartmask[k]) & GS_START_SYN))
                continue;
            uint32_t ids[2] = {c->wid[(size_t)k * d->nall + j], c->lid[(size_t)k * d->nall + j]};
            for (int q = 0; q < 2; q++) {
                uint32_t id = ids[q];
                if (id >= dj->nwords || (q == 1 && id == ids[0]))
                    continue;
                for (uint32_t x = dj->syn_first_off[id]; x < dj->syn_first_off[id + 1]; x++)
                    c->synpres[j][dj->syn_first[x]].stamp = c->syn_stamp;
            }
        }
    }
}

static bool synset_possible(const pm *m, const uint64_t present[16], uint32_t si)
{
    if (!m->c->syn_marked)
        mark_synsets(m->c);
    const struct gs_synpres *cache = m->dj < 4 ? m->c->synpres[m->dj] : NULL;
    if (cache && si < m->c->nsynpres[m->dj])
        return cache[si].stamp == m->c->syn_stamp;
    const gs_synset *sy = &m->d->synsets[si];
    bool maybe = false;
    for (uint32_t i = 0; i < sy->nmembers && !maybe; i++) {
        const gs_synmem *mem = &m->d->synmem[sy->members + i];
        if (!mem->nwords)
            continue;
        uint32_t w = m->d->vwords[mem->words];
        maybe = (present[(w >> 6) & 15] >> (w & 63)) & 1;
    }
    return maybe;
}

/* Finds the verb and the first matching pattern for verb group v. */
static bool match_verb(gs_coder *c, const gs_lang *L, const gs_dicts *d, uint32_t v, uint32_t s,
                       uint32_t e, vmatch *out)
{
    const gs_vg *vg = &L->vgs[v];
    for (uint32_t q = 0; q < d->nuse[GS_DK_VERB]; q++) {
        const gs_dict *dict = d->use[GS_DK_VERB][q];
        uint32_t j = d->use_j[GS_DK_VERB][q];
        uint32_t vend = vg->end;
        const gs_vform *f = find_form(c, L, dict, j, d->nall, vg, s, e, &vend);
        if (!f)
            continue;
        const gs_vblock *blk = &dict->vblocks[f->block];
        memset(out, 0, sizeof *out);
        out->d = dict;
        out->dj = j;
        out->form = f;
        out->vend = vend;
        out->src = out->tgt = out->comp = -1;
        pm m = {c, c->opt.compat, false, L, dict, j, d->nall, s, e, vg->clause, -1, -1, -1, 0};
        /* the words of the sentence as a bit set: a pattern that needs a
         * word the sentence lacks is passed over without a search */
        const uint64_t *present = c->vpres[j].present;
        uint64_t sig = c->vpres[j].sig;
        const uint64_t *psig = dict->pattern_sig;
        for (uint32_t p = blk->patterns; p < blk->patterns + blk->npatterns; p++) {
            /* a word the pattern needs is missing: a test of one word, before
             * the pattern itself is read */
            if (psig[p] & ~sig)
                continue;
            const gs_pattern *pt = &dict->patterns[p];
            if (!pt->nelems)
                continue;
            const gs_pelem *el = dict->pelems + pt->elems;
            bool lacking = false;
            for (uint32_t q2 = 0; q2 < pt->nelems && !lacking; q2++) {
                uint32_t w = el[q2].arg;
                if (el[q2].kind == GS_PE_WORD && !(present[(w >> 6) & 15] & (1ull << (w & 63))))
                    lacking = true;
                else if (el[q2].kind == GS_PE_SYNSET && !synset_possible(&m, present, w))
                    lacking = true;
            }
            if (lacking)
                continue;
            uint32_t vi = 0;
            while (vi < pt->nelems && el[vi].kind != GS_PE_VERB)
                vi++;
            if (vi == pt->nelems)
                continue;
            m.src = m.tgt = m.comp = -1;
            m.comp_left = false;
            m.budget = 4000;
            /* right side from after the verb (and its own words) */
            uint32_t rpos = vend;
            m.rend = vend;
            /* an element glued to the verb with '_' must be adjacent */
            if (!match_right(&m, el + vi + 1, 0, pt->nelems - vi - 1, rpos))
                continue;
            int32_t rs = m.src, rt = m.tgt, rc = m.comp;
            m.budget = 4000;
            bool gap_after = vi + 1 <= pt->nelems && el[vi].gap;
            (void)gap_after;
            uint32_t rend = m.rend;
            /* left side from the word before the verb itself, so that a
             * pattern can see the group's auxiliaries ("&NEGAUX *") */
            m.lstart = vg->head;
            if (!match_left(&m, el, vi, (int64_t)vg->head - 1, true))
                continue;
            out->mstart = m.lstart < (int64_t)vg->start ? (uint32_t)m.lstart : vg->start;
            out->mend = rend;
            if (rs >= 0 && m.src < 0)
                m.src = rs;
            if (rt >= 0 && m.tgt < 0)
                m.tgt = rt;
            if (rc >= 0 && m.comp < 0)
                m.comp = rc;
            out->pattern = pt;
            out->code = pt->code;
            out->pcode = pt->pcode;
            out->pair = pt->pair;
            out->src = m.src;
            out->tgt = m.tgt;
            out->comp = m.comp;
            out->comp_left = m.comp_left;
            out->rule = pt->src;
            return true;
        }
        out->mstart = vg->start;
        out->mend = vend;
        out->code = f->code ? f->code : blk->code;
        out->pcode = f->code ? f->pcode : blk->pcode;
        out->pair = f->code ? f->pair : blk->pair;
        out->rule = f->src;
        return true;
    }
    return false;
}

/* ----------------------------------------------------------- events */

typedef struct emit_ctx {
    struct gesta_worker *w;
    const gs_dicts *d;
    uint32_t sentence;
    int32_t date;
    gesta_field field;
} emit_ctx;

static const char *arena_code(gs_arena *a, const char *s)
{
    return gs_arena_strndup(a, s, strlen(s));
}

static gesta_span tok_span(const gs_text *t, uint32_t a, uint32_t b)
{
    gesta_span sp = {0, 0};
    if (b > a) {
        sp.start = t->toks[a].start;
        sp.end = t->toks[b - 1].end;
    }
    return sp;
}

/* Appends one event, unless an identical one (source, target, code) was
 * already found in this sentence. */
static int add_event(emit_ctx *x, const gs_ractor *src, const gs_ractor *tgt, const char *code,
                     uint32_t v0, uint32_t v1, const gs_dict *d, gs_src rule)
{
    struct gesta_worker *w = x->w;
    if (src && tgt && !strcmp(src->code, tgt->code)) {
        /* an actor does nothing to itself: the event has no target
         * (PETRARCH drops it) */
        if (x->w->coder.opt.compat)
            return 0;
        tgt = NULL;
    }
    /* a statement about one's own country ("China's foreign ministry said
     * Beijing would not accept ...") is said to nobody in particular */
    if (src && tgt && !x->w->coder.opt.compat && code[0] == '0' && code[1] == '1' &&
        strlen(tgt->code) == 3 && !strncmp(src->code, tgt->code, 3))
        tgt = NULL;
    const char *sc = src ? src->code : "";
    const char *tc = tgt ? tgt->code : "";

    if (x->w->coder.opt.require_dyad &&
        (!src || !tgt || !strncmp(src->code, "---", 3) || !strncmp(tgt->code, "---", 3)))
        return 0;
    if (!src && !tgt)
        return 0;
    for (size_t i = w->nevents; i-- > 0;) {
        const gesta_event *e = &w->events[i];
        if (e->sentence != x->sentence)
            break;
        if (!strcmp(e->source, sc) && !strcmp(e->target, tc) && !strcmp(e->code, code))
            return 0;
    }
    /* a code outside CAMEO (a dictionary's own WEIS or test code) is kept;
     * its attributes come from its root when it has one */
    const gs_cameo *cm = gs_cameo_find(code, strlen(code));
    if (w->nevents == w->cap_events &&
        gs_grow((void **)&w->events, &w->cap_events, w->nevents + 1, sizeof(gesta_event)) < 0)
        return GESTA_ENOMEM;
    gesta_event *e = &w->events[w->nevents];
    memset(e, 0, sizeof *e);
    e->sentence = x->sentence;
    e->field = x->field;
    e->date = x->date;
    e->source = arena_code(&w->arena, sc);
    e->target = arena_code(&w->arena, tc);
    if (!e->source || !e->target)
        return GESTA_ENOMEM;
    const gs_text *t = &w->text;
    if (src)
        e->source_span = tok_span(t, src->start, src->end);
    if (tgt)
        e->target_span = tok_span(t, tgt->start, tgt->end);
    e->verb_span = tok_span(t, v0, v1);
    gs_strcpy(e->code, sizeof e->code, code);
    if (cm) {
        e->root = cm->root;
        e->quad_class = cm->quad;
        e->goldstein = cm->goldstein;
        e->plover_event = cm->plover;
        e->plover_mode = cm->mode;
        /* the dictionary's own refinement ("0831=RETREAT/resign") */
        const char *pev, *pmode;
        if (d && gs_dict_code_plover(d, code, &pev, &pmode)) {
            e->plover_event = pev;
            e->plover_mode = pmode;
        }
    } else {
        e->plover_event = e->plover_mode = "";
    }
    e->rule_file = rule.file < d->nfiles ? gs_dict_str(d, d->files[rule.file]) : "";
    e->rule_line = rule.line;
    w->nevents++;
    return 0;
}

/* The actors of np and of every conjunct coordinated with it. */
static uint32_t np_actors(const gs_coder *c, const gs_lang *L, int32_t np, const gs_ractor **out,
                          uint32_t max)
{
    uint32_t n = 0;
    for (int32_t i = np; i >= 0 && n < max; i = L->nps[i].coord) {
        if (c->skip[L->nps[i].head])
            continue;
        const gs_npact *a = &c->npact[i];
        for (uint32_t k = 0; k < a->n && n < max; k++)
            out[n++] = &c->ractors[a->first + k];
    }
    return n;
}

/* Are np's actors roles without a country or organisation ("---MIL" for
 * "missiles", "---CVL" for "civilians")?  Such a phrase is no target. */
static bool role_only(const gs_coder *c, int32_t np)
{
    const gs_npact *a = &c->npact[np];
    for (uint32_t k = 0; k < a->n; k++)
        if (strncmp(c->ractors[a->first + k].code, "---", 3))
            return false;
    return a->n > 0;
}

/* The first noun phrase with actors after the verb in its clause, else in
 * a clause depending on it; not a phrase of bare roles (gesta's own mode:
 * "delivered tanks to Ukraine" is aimed at Ukraine). */
/* Whether an event of this code happens at a place rather than to it: for
 * statements, appeals, consultations, cooperation and the verbal conflict of
 * roots 09-13 and 16, "in Vienna", "at a meeting in Geneva" say where it was
 * said or done, so the place is no target; for material acts (06-08,
 * 14-15, 17-20) "in Syria" names where the act struck. */
static bool venue_code(const char *code)
{
    if (!code || !gs_is_digit((unsigned char)code[0]) || !gs_is_digit((unsigned char)code[1]))
        return false;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    return (root >= 1 && root <= 5) || (root >= 9 && root <= 13) || root == 16;
}

/* Is noun phrase np a bare place ("Vienna", "Switzerland") after "in" or
 * "at" that says where vg happened: right after the verb ("met in Paris")
 * or after a gathering ("walked out of talks in Vienna", "at a meeting in
 * Geneva")?  Not a place that a noun is about ("the fighting in Syria", "a
 * ceasefire in Sudan"). */
static bool place_after_in(const gs_coder *c, const gs_lang *L, const gs_vg *vg, int32_t np)
{
    static const char *const gatherings[] = {
        "talk", "meeting", "conference", "summit", "session", "forum", "negotiation",
        "visit", "speech", "interview", "ceremony", "gathering", "briefing", "assembly",
        "congress", "convention", "rally", "event", "dinner", "reception", "round", NULL};
    if (L->nps[np].pp < 0)
        return false;
    uint32_t prep = L->pps[L->nps[np].pp].prep;
    if (prep == UINT32_MAX || !(lemma_is(L, prep, "in") || lemma_is(L, prep, "at")))
        return false;
    bool where = prep == vg->end || (prep > 0 && lemma_in(L, prep - 1, gatherings));
    if (!where)
        return false;
    const gs_npact *a = &c->npact[np];
    for (uint32_t i = 0; i < a->n; i++) {
        const char *code = c->ractors[a->first + i].code;
        if (strlen(code) != 3 || !gs_code_is_country(code))
            return false;
    }
    return a->n > 0;
}

static int32_t default_target(const gs_coder *c, const gs_lang *L, const gs_vg *vg, uint32_t from,
                              uint32_t e, bool venue)
{
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t k = from; k < e; k++) {
            int32_t cl = L->tok_cl[k];
            bool own = cl == vg->clause;
            bool dep = cl >= 0 && vg->clause >= 0 && L->cls[cl].parent == vg->clause &&
                       L->cls[cl].type != GS_CL_REL;
            if (pass == 0 ? !own : !dep)
                continue;
            int32_t np = L->tok_np[k];
            if (np < 0 || L->nps[np].start != k)
                continue;
            /* the agent of a passive and time phrases are not targets */
            if (L->nps[np].pp >= 0) {
                uint32_t prep = L->pps[L->nps[np].pp].prep;
                if (prep != UINT32_MAX &&
                    ((lemma_is(L, prep, "by") && (vg->flags & GS_VG_PASSIVE)) ||
                     lemma_is(L, prep, "since") || lemma_is(L, prep, "during") ||
                     lemma_is(L, prep, "until")))
                    continue;
            }
            if (venue && !c->opt.compat && place_after_in(c, L, vg, np))
                continue;
            if (c->npact[np].n && !(role_only(c, np) && !c->opt.compat))
                return np;
        }
    }
    return -1;
}

/* The noun phrase of "by ..." after a passive verb group. */
static int32_t passive_agent(const gs_lang *L, const gs_sent_lang *sl, uint32_t v)
{
    for (uint32_t p = sl->pp0; p < sl->pp0 + sl->npp; p++) {
        const gs_pp *pp = &L->pps[p];
        if (pp->vg == (int32_t)v && pp->np >= 0 && pp->prep != UINT32_MAX && lemma_is(L, pp->prep, "by"))
            return pp->np;
    }
    return -1;
}

/* Does verb group v report a clause (X said Y attacked Z)? */
static bool reports_clause(const gs_lang *L, const gs_sent_lang *sl, uint32_t v)
{
    const gs_vg *vg = &L->vgs[v];
    for (uint32_t c = sl->cl0; c < sl->cl0 + sl->ncl; c++) {
        const gs_clause *cl = &L->cls[c];
        if (cl->type == GS_CL_REPORTED && cl->parent == vg->clause)
            return true;
    }
    return false;
}

/* Does verb group vg speak of the future: "will", "shall", or "would" in a
 * reported clause ("said it would allow")? */
static bool future_of(const gs_lang *L, const gs_vg *vg)
{
    if (vg->flags & GS_VG_FUTURE)
        return true;
    return (vg->flags & GS_VG_MODAL) && L->lt[vg->start].penn == GS_P_MD &&
           lemma_is(L, vg->start, "would") && vg->clause >= 0 &&
           L->cls[vg->clause].type == GS_CL_REPORTED;
}

/* The subject of the verb that reports the clause vg is in ("X said Y
 * must ..."), or -1. */
static int32_t reporter(const gs_lang *L, const gs_sent_lang *sl, const gs_vg *vg, int32_t *verb)
{
    if (vg->clause < 0 || L->cls[vg->clause].type != GS_CL_REPORTED)
        return -1;
    int32_t parent = L->cls[vg->clause].parent;
    int32_t best = -1;
    for (uint32_t u = sl->vg0; u < sl->vg0 + sl->nvg; u++) {
        const gs_vg *p = &L->vgs[u];
        if (p->clause == parent && p->start < L->cls[vg->clause].start &&
            !(p->flags & (GS_VG_INF | GS_VG_GERUND))) {
            best = p->subject;
            *verb = (int32_t)u;
        }
    }
    return best;
}

/* The clause opened by "that" right after verb group v ("demanded that
 * Sweden extradite ..."), or -1. */
static int32_t that_clause(const gs_lang *L, const gs_sent_lang *sl, uint32_t v)
{
    const gs_vg *vg = &L->vgs[v];
    for (uint32_t k = sl->cl0; k < sl->cl0 + sl->ncl; k++) {
        const gs_clause *cl = &L->cls[k];
        if (cl->parent == vg->clause && cl->marker >= 0 && (uint32_t)cl->marker >= vg->end &&
            (uint32_t)cl->marker <= vg->end + 2 && lemma_is(L, (uint32_t)cl->marker, "that"))
            return (int32_t)k;
    }
    return -1;
}

/* The subject of the verb whose "that" clause vg is in ("declared that
 * China must ..."), or -1. */
/* Is clause k opened by "that"?  Every clause that_clause finds is, and so
 * is every clause the searches below go on to (a quick answer for the
 * others). */
static bool that_opened(const gs_lang *L, int32_t k)
{
    const gs_clause *cl = &L->cls[k];
    return cl->marker > 0 && lemma_is(L, (uint32_t)cl->marker, "that");
}

static int32_t that_reporter(const gs_lang *L, const gs_sent_lang *sl, const gs_vg *vg, int32_t *verb)
{
    if (vg->clause < 0 || !that_opened(L, vg->clause))
        return -1;
    for (uint32_t u = sl->vg0; u < sl->vg0 + sl->nvg; u++)
        if (that_clause(L, sl, u) == vg->clause) {
            *verb = (int32_t)u;
            return L->vgs[u].subject;
        }
    /* "issued a stern reminder to Iraq that it must", "sent a message
     * that X must": the clause after a noun of saying, by the verb's
     * subject before it */
    static const char *const nouns[] = {"reminder", "warning", "message", "statement", "demand",
                                        "insistence", "view", "position", "signal", "notice",
                                        "letter", "ultimatum", NULL};
    const gs_clause *cl = &L->cls[vg->clause];
    if (cl->type != GS_CL_SUB || cl->marker <= 0 || !lemma_is(L, (uint32_t)cl->marker, "that") ||
        cl->parent < 0)
        return -1;
    int32_t np = L->tok_np[cl->marker - 1];
    bool said = false;
    for (uint32_t k = np >= 0 ? L->nps[np].start : (uint32_t)cl->marker; k < (uint32_t)cl->marker; k++)
        said |= lemma_in(L, k, nouns);
    for (uint32_t k = (uint32_t)cl->marker; k-- > L->cls[cl->parent].start && !said && np >= 0;) {
        /* the noun may come before a "to Iraq" phrase */
        if (L->tok_vg[k] >= 0)
            break;
        said |= lemma_in(L, k, nouns);
    }
    if (!said)
        return -1;
    int32_t best = -1;
    for (uint32_t u = sl->vg0; u < sl->vg0 + sl->nvg; u++) {
        const gs_vg *g = &L->vgs[u];
        if (g->clause == cl->parent && g->end <= (uint32_t)cl->marker &&
            !(g->flags & (GS_VG_INF | GS_VG_GERUND)))
            best = (int32_t)u;
    }
    if (best < 0)
        return -1;
    *verb = best;
    return L->vgs[best].subject;
}

/* The demand or appeal verb whose "that" clause vg is in, or -1.  A
 * demand named by a noun counts too: "insisted on its demands that",
 * "renewed calls that" (*noun_demand says which: 1 demand, 0 appeal). */
static int32_t demander(const gs_lang *L, const gs_sent_lang *sl, const gs_vg *vg, int *noun_demand)
{
    *noun_demand = -1;
    if (vg->clause < 0 || !that_opened(L, vg->clause))
        return -1;
    for (uint32_t u = sl->vg0; u < sl->vg0 + sl->nvg; u++) {
        const gs_vg *g = &L->vgs[u];
        if (!(g->flags & GS_VG_NEG) && that_clause(L, sl, u) == vg->clause &&
            (lemma_in(L, g->head, demand_verbs) || lemma_in(L, g->head, appeal_verbs)))
            return (int32_t)u;
    }
    const gs_clause *cl = &L->cls[vg->clause];
    if (cl->marker <= 0 || !lemma_is(L, (uint32_t)cl->marker, "that") || cl->parent < 0)
        return -1;
    static const char *const dnouns[] = {"demand", "ultimatum", "insistence", NULL};
    static const char *const anouns[] = {"call", "appeal", "request", "plea", NULL};
    uint32_t n = (uint32_t)cl->marker - 1;
    bool dn = lemma_in(L, n, dnouns), an = lemma_in(L, n, anouns);
    if (!dn && !an)
        return -1;
    static const char *const voicing[] = {"repeat", "reiterate", "renew", "issue", "make", "voice",
                                          "stand", "stick", "back", "echo", "press", NULL};
    int32_t best = -1;
    for (uint32_t u = sl->vg0; u < sl->vg0 + sl->nvg; u++) {
        const gs_vg *g = &L->vgs[u];
        if (g->clause == cl->parent && g->end <= n && !(g->flags & GS_VG_NEG) &&
            (lemma_in(L, g->head, demand_verbs) || lemma_in(L, g->head, appeal_verbs) ||
             lemma_in(L, g->head, voicing)))
            best = (int32_t)u;
    }
    if (best >= 0)
        *noun_demand = dn;
    return best;
}

/* Is code an act only a state's authorities perform: investigate (09),
 * sue, try or convict (115, 116), restrict, arrest, deport (172-174)? */
static bool state_act(const char *code)
{
    return !strncmp(code, "09", 2) || !strncmp(code, "115", 3) || !strncmp(code, "116", 3) ||
           !strncmp(code, "172", 3) || !strncmp(code, "173", 3) || !strncmp(code, "174", 3);
}

/* The country of an "in X" phrase after verb group v in its clause, when
 * X is a country by name ("in Lebanon"), or NULL. */
static const gs_ractor *place_of(const gs_coder *c, const gs_text *t, const gs_lang *L,
                                 const gs_sent_lang *sl, uint32_t v)
{
    for (uint32_t p = sl->pp0; p < sl->pp0 + sl->npp; p++) {
        const gs_pp *pp = &L->pps[p];
        if (pp->vg != (int32_t)v || pp->np < 0 || pp->prep >= t->ntoks ||
            !gs_lit_eq_nocase(t->toks[pp->prep].norm, t->toks[pp->prep].norm_len, "in"))
            continue;
        const gs_npact *a = &c->npact[pp->np];
        if (a->n == 1 && strlen(c->ractors[a->first].code) == 3 &&
            gs_code_is_country(c->ractors[a->first].code))
            return &c->ractors[a->first];
    }
    return NULL;
}

/* Does an "if" or "unless" clause depend on vg's clause ("may halt ... if
 * cooperation founders")? */
static bool conditioned(const gs_lang *L, const gs_sent_lang *sl, const gs_vg *vg)
{
    for (uint32_t k = sl->cl0; k < sl->cl0 + sl->ncl; k++) {
        const gs_clause *cl = &L->cls[k];
        if (cl->parent == vg->clause && cl->type == GS_CL_SUB && cl->marker >= 0 &&
            (lemma_is(L, (uint32_t)cl->marker, "if") || lemma_is(L, (uint32_t)cl->marker, "unless")))
            return true;
    }
    return false;
}

/* Codes verb group v with code (already chosen) and roles; emits events. */
static int emit_for(emit_ctx *x, const gs_coder *c, const gs_lang *L, const gs_sent_lang *sl,
                    uint32_t v, const vmatch *m, const char *code, const char *pcode, uint32_t pair,
                    uint32_t se)
{
    const gs_vg *vg = &L->vgs[v];
    bool passive = (vg->flags & GS_VG_PASSIVE) != 0;
    if (passive && c->opt.compat && passive_agent(L, sl, v) < 0)
        passive = false; /* PETRARCH swaps roles only with "by ..." */
    const gs_ractor *srcs[16], *tgts[16];
    uint32_t ns = 0, nt = 0;
    /* the compound actor of '%' with a pair code: every pair of its
     * members, both ways; with one code its members are the sources */
    if (m->comp >= 0 && pair == GS_PAIR_RECIPROCAL) {
        const gs_ractor *all[16];
        uint32_t n = np_actors(c, L, m->comp, all, 16);
        for (uint32_t i = 0; i < n; i++)
            for (uint32_t k = 0; k < n; k++)
                if (i != k) {
                    int rc = add_event(x, all[i], all[k], code, vg->head, m->vend, m->d, m->rule);
                    if (rc < 0)
                        return rc;
                }
        return 0;
    }
    /* with one code, '%' is the source before the verb and the target after it */
    int32_t src_np = m->src >= 0 ? m->src : (m->comp_left ? m->comp : -1);
    int32_t tgt_np = m->tgt >= 0 ? m->tgt : (!m->comp_left ? m->comp : -1);
    /* in the passive, a pattern's '+' on the "by" phrase is the agent: the
     * target is the grammatical subject ("was questioned by police over") */
    if (passive && tgt_np >= 0 && tgt_np == passive_agent(L, sl, v) && m->src < 0)
        tgt_np = -1;
    if (src_np < 0)
        src_np = passive ? passive_agent(L, sl, v) : vg->subject;
    if (tgt_np < 0)
        tgt_np = passive ? vg->subject : default_target(c, L, vg, m->vend, se, venue_code(code));
    /* aid goes to its recipient: "sent 500 peacekeepers to South Sudan",
     * "offered to send troops to Haiti" */
    if (!c->opt.compat && !passive && m->tgt < 0 && code && code[0] &&
        (!strncmp(code, "07", 2) || !strncmp(code, "033", 3) || !strncmp(code, "023", 3) ||
         !strncmp(code, "103", 3))) {
        for (uint32_t p = sl->pp0; p < sl->pp0 + sl->npp; p++) {
            const gs_pp *pp = &L->pps[p];
            /* the governor's pattern may reach into its complement:
             * "offered to send peacekeepers to Haiti" */
            if ((pp->vg != (int32_t)v && (vg->xcomp < 0 || pp->vg != vg->xcomp)) || pp->np < 0 ||
                pp->prep == UINT32_MAX ||
                !lemma_is(L, pp->prep, "to") || !c->npact[pp->np].n || role_only(c, pp->np))
                continue;
            tgt_np = pp->np;
            break;
        }
    }
    /* a passive whose subject is a thing: the phrase after the verb ("aid
     * was delivered to Sudan by the UN") */
    if (passive && !c->opt.compat && tgt_np >= 0 && tgt_np == vg->subject && !c->npact[tgt_np].n)
        tgt_np = default_target(c, L, vg, m->vend, se, venue_code(code));
    if (src_np >= 0)
        ns = np_actors(c, L, src_np, srcs, 16);
    if (tgt_np >= 0)
        nt = np_actors(c, L, tgt_np, tgts, 16);
    if (!c->opt.compat) {
        /* a bare role is no target ("fired a missile", "killed civilians") */
        uint32_t keep = 0;
        for (uint32_t k = 0; k < nt; k++)
            if (strncmp(tgts[k]->code, "---", 3))
                tgts[keep++] = tgts[k];
        nt = keep;
    }
    if (passive && pcode && pcode[0] && pair == GS_PAIR_PASSIVE)
        code = pcode;
    if (!code || !code[0])
        return 0;
    /* a coordinated subject and no target: a reciprocal action between
     * them ("Russia and China met", "signed an agreement") */
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (!nt && ns > 1 && (root == 3 || root == 4 || root == 5 || root == 6 || root == 19)) {
        for (uint32_t i = 0; i < ns; i++)
            for (uint32_t k = 0; k < ns; k++)
                if (i != k) {
                    int rc = add_event(x, srcs[i], srcs[k], code, vg->head, m->vend, m->d, m->rule);
                    if (rc < 0)
                        return rc;
                }
        return 0;
    }
    if (!ns) {
        /* a passive without its agent still says what was done to whom
         * ("was arrested in Lebanon", "were killed by a bomb"); not what
         * was said or thought ("are expected to") */
        if (passive && !c->opt.compat && nt && tgt_np == vg->subject && root >= 6) {
            /* what only a state does is done by the state where it is
             * done: "was arrested in Lebanon", "put under investigation in
             * Italy" */
            const gs_ractor *where = state_act(code) ? place_of(c, &x->w->text, L, sl, v) : NULL;
            for (uint32_t k = 0; k < nt; k++) {
                if (where && !strncmp(where->code, tgts[k]->code, 3))
                    where = NULL; /* "arrested in Egypt": an Egyptian by Egypt? not said */
                int rc = add_event(x, where, tgts[k], code, vg->head, m->vend, m->d, m->rule);
                if (rc < 0)
                    return rc;
            }
        }
        return 0;
    }
    for (uint32_t i = 0; i < ns; i++) {
        if (!nt) {
            int rc = add_event(x, srcs[i], NULL, code, vg->head, m->vend, m->d, m->rule);
            if (rc < 0)
                return rc;
            continue;
        }
        for (uint32_t k = 0; k < nt; k++) {
            int rc = add_event(x, srcs[i], tgts[k], code, vg->head, m->vend, m->d, m->rule);
            if (rc < 0)
                return rc;
            /* PETRARCH-1 pair codes: the second code goes the other way */
            if (pair == GS_PAIR_RECIPROCAL && pcode && pcode[0] &&
                (rc = add_event(x, tgts[k], srcs[i], pcode, vg->head, m->vend, m->d, m->rule)) < 0)
                return rc;
        }
    }
    return 0;
}

/* PETRARCH's comma rule: text between commas (or before the first, or
 * after the last) whose length in words lies within the configured bounds
 * is left out of coding. */
static int comma_skip(gs_coder *c, const gs_text *t, const gs_lang *L, uint32_t a, uint32_t b)
{
    if (t->ntoks > c->cap_skip &&
        gs_grow((void **)&c->skip, &c->cap_skip, t->ntoks, 1) < 0)
        return GESTA_ENOMEM;
    memset(c->skip + a, 0, b - a);
    const gs_code_opts *o = &c->opt;
    if (!o->compat)
        return 0;
    uint32_t commas[64], nc = 0;
    for (uint32_t k = a; k < b && nc < 64; k++)
        if (t->toks[k].norm_len == 1 && t->toks[k].norm[0] == ',' && L->tok_np[k] < 0)
            commas[nc++] = k; /* a comma inside a noun phrase separates no clauses */
    if (!nc)
        return 0;
    for (uint32_t i = 0; i <= nc; i++) {
        uint32_t from = i == 0 ? a : commas[i - 1] + 1;
        uint32_t to = i == nc ? b : commas[i];
        uint32_t words = 0;
        bool verb = false;
        for (uint32_t k = from; k < to; k++) {
            if (!(t->toks[k].flags & GS_TF_PUNCT))
                words++;
            if (L->tok_vg[k] >= 0)
                verb = true;
        }
        /* only clauses are left out, not the items of a list */
        if (!verb)
            continue;
        uint32_t lo, hi;
        if (i == 0) {
            lo = o->comma_bmin;
            hi = o->comma_bmax;
        } else if (i == nc) {
            lo = o->comma_emin;
            hi = o->comma_emax;
        } else {
            lo = o->comma_min;
            hi = o->comma_max;
        }
        if (hi && words >= lo && words <= hi)
            memset(c->skip + from, 1, to - from);
    }
    return 0;
}

int32_t gs_when_event(gs_when *w)
{
    if (w->known)
        return w->date;
    /* "will", and arrangements not in the past tense ("is scheduled to
     * meet on Friday", "plans to visit on Monday", "is due to"): a weekday
     * is the next one */
    static const char *const ahead[] = {"schedule", "set", "plan", "intend", "expect", "prepare",
                                        NULL};
    const gs_lang *L = w->L;
    const gs_sent_lang *sl = w->sl;
    bool future_any = false;
    for (uint32_t v = sl->vg0; v < sl->vg0 + sl->nvg; v++) {
        const gs_vg *g = &L->vgs[v];
        if ((g->flags & GS_VG_FUTURE) ||
            (g->xcomp >= 0 && !(g->flags & GS_VG_PAST) &&
             (lemma_in(L, g->head, ahead) || willing(L, g))))
            future_any = true;
    }
    w->date = gs_event_date(w->t, L, w->mask, w->s, w->doc_date, future_any);
    w->known = true;
    return w->date;
}

static int code_sentence(struct gesta_worker *w, const gs_dicts *d, uint32_t si)
{
    gs_coder *c = &w->coder;
    const gs_text *t = &w->text;
    const gs_lang *L = &w->lang;
    const gs_sent *s = &t->sents[si];
    const gs_sent_lang *sl = &L->sl[si];
    uint32_t a = s->first, b = s->first + s->count;
    c->cur_sent = si;
    if (!c->synmemo && !(c->synmemo = calloc(GS_SYNMEMO, sizeof *c->synmemo)))
        return GESTA_ENOMEM;
    for (uint32_t j = 0; j < d->nall && j < 4; j++)
        if (c->nsynpres[j] < d->all[j]->nsynsets) {
            free(c->synpres[j]);
            c->nsynpres[j] = 0;
            if (!(c->synpres[j] = calloc(d->all[j]->nsynsets, sizeof *c->synpres[j])))
                return GESTA_ENOMEM;
            c->nsynpres[j] = d->all[j]->nsynsets;
        }
    if (++c->syn_stamp == 0) { /* wrapped: forget everything */
        memset(c->synmemo, 0, GS_SYNMEMO * sizeof *c->synmemo);
        for (uint32_t j = 0; j < 4; j++)
            if (c->synpres[j])
                memset(c->synpres[j], 0, c->nsynpres[j] * sizeof *c->synpres[j]);
        c->syn_stamp = 1;
    }
    if (!c->debug)
        c->debug = getenv("GESTA_DEBUG_CODE") ? 2 : 1;
    if (c->discarded[si]) {
        if (c->debug == 2)
            fprintf(stderr, "code: sentence %u discarded\n", si);
        return 0;
    }
    int rc;
    if ((rc = gs_code_mentions(c, t, L, d, a, b)) < 0)
        return rc;
    gs_when when = {false, 0, c->doc_date, t, L, c->startmask, s, sl};
    if ((rc = gs_code_resolve_nps(c, t, L, d, sl, &when, b)) < 0)
        return rc;
    /* every event has an actor: a sentence whose phrases name none has no
     * event, and its verbs need not be matched */
    bool any = false;
    for (uint32_t i = sl->np0; i < sl->np0 + sl->nnp && !any; i++)
        any = c->npact[i].n > 0;
    if (!any)
        return 0;
    /* the synsets that may occur in the sentence, marked when first asked */
    c->syn_marked = false;
    c->syn_a = a;
    c->syn_b = b;
    c->syn_dicts = d;
    /* the sentence's words as match_verb's bit sets, for each verb
     * dictionary */
    if (d->nall > c->cap_vpres && gs_grow((void **)&c->vpres, &c->cap_vpres, d->nall,
                                           sizeof *c->vpres) < 0)
        return GESTA_ENOMEM;
    for (uint32_t q = 0; q < d->nuse[GS_DK_VERB]; q++) {
        uint32_t j = d->use_j[GS_DK_VERB][q];
        struct gs_vpres *vp = &c->vpres[j];
        memset(vp, 0, sizeof *vp);
        for (uint32_t k = a; k < b; k++) {
            uint32_t wd = c->wid[(size_t)k * d->nall + j];
            uint32_t l = c->opt.compat ? UINT32_MAX : c->lid[(size_t)k * d->nall + j];
            vp->present[(wd >> 6) & 15] |= 1ull << (wd & 63);
            vp->present[(l >> 6) & 15] |= 1ull << (l & 63);
            vp->sig |= gs_word_sig(wd) | gs_word_sig(l);
        }
    }
    if ((rc = comma_skip(c, t, L, a, b)) < 0)
        return rc;
    emit_ctx x = {w, d, si, gs_when_event(&when), (gesta_field)s->field};
    /* which clauses produced events (and their ancestors), so that a
     * speech verb whose reported clause codes nothing is coded itself */
    bool clause_coded[64] = {false};
    struct {
        uint32_t v;
        vmatch m;
        const char *code, *pcode;
        uint32_t pair;
    } speech[8];
    uint32_t nspeech = 0;
    int32_t last_v = -1;
    size_t last_ev = w->nevents;
#define GS_MARK_CODED()                                                                    \
    do {                                                                                   \
        if (last_v >= 0 && w->nevents > last_ev)                                           \
            for (int32_t k = L->vgs[last_v].clause; k >= 0 && (uint32_t)k >= sl->cl0 &&     \
                                                    k - sl->cl0 < 64;                       \
                 k = L->cls[k].parent)                                                      \
                clause_coded[k - sl->cl0] = true;                                           \
    } while (0)
    for (uint32_t v = sl->vg0; v < sl->vg0 + sl->nvg; v++) {
        GS_MARK_CODED();
        last_v = (int32_t)v;
        last_ev = w->nevents;
        const gs_vg *vg = &L->vgs[v];
        if (vg->governor >= 0)
            continue; /* coded through the verb that governs it */
        if (c->skip[vg->head])
            continue;
        /* "Turkey demanded that Sweden extradite ...": Turkey's demand of
         * Sweden for the extradition */
        int noun_demand = -1;
        int32_t dem = c->opt.compat ? -1 : demander(L, sl, vg, &noun_demand);
        if (dem >= 0 && vg->subject >= 0 && !(vg->flags & GS_VG_NEG)) {
            vmatch dm;
            bool demand = noun_demand >= 0 ? noun_demand == 1 : lemma_in(L, L->vgs[dem].head, demand_verbs);
            char mapped[8] = "";
            uint32_t ev = v;
            if (match_verb(c, L, d, v, a, b, &dm) && dm.code) {
                const char *dcode = gs_dict_str(dm.d, dm.code);
                const gs_cameo *dcm = gs_cameo_find(dcode, strlen(dcode));
                if (dcm && !strcmp(dcm->code, dcode))
                    appeal_of(dcode, demand, mapped);
            }
            /* "demanded that the United States match ...": a demand of the
             * clause's subject whatever it asks for */
            if (!mapped[0] && c->npact[vg->subject].n &&
                match_verb(c, L, d, (uint32_t)dem, a, b, &dm)) {
                memcpy(mapped, demand ? "100" : "020", 4);
                ev = (uint32_t)dem;
            }
            if (mapped[0]) {
                dm.src = L->vgs[dem].subject;
                dm.tgt = vg->subject;
                if ((rc = emit_for(&x, c, L, sl, ev, &dm, mapped, NULL, 0, b)) < 0)
                    return rc;
                continue;
            }
        }
        /* the demand itself is coded through its "that" clause (above) */
        if (!c->opt.compat && !(vg->flags & GS_VG_NEG)) {
            bool coded_there = false;
            for (uint32_t u = v + 1; u < sl->vg0 + sl->nvg && !coded_there; u++) {
                const gs_vg *g = &L->vgs[u];
                int nd;
                coded_there = g->subject >= 0 && c->npact[g->subject].n && !(g->flags & GS_VG_NEG) &&
                              g->governor < 0 && demander(L, sl, g, &nd) == (int32_t)v;
            }
            if (coded_there)
                continue;
        }
        if (!c->opt.compat && (vg->flags & GS_VG_MODAL) && !(vg->flags & GS_VG_FUTURE) &&
            L->lt[vg->start].penn == GS_P_MD && !lemma_is(L, vg->start, "would") &&
            !lemma_is(L, vg->start, "will")) {
            /* "X said Y must release ...": a demand by X of Y ("should": an
             * appeal); may, might, could: not an event */
            bool must = lemma_is(L, vg->start, "must");
            int32_t speaker = -1, says = -1;
            if (must || lemma_is(L, vg->start, "should")) {
                speaker = reporter(L, sl, vg, &says);
                if (speaker < 0)
                    speaker = that_reporter(L, sl, vg, &says);
            }
            vmatch rm;
            if (speaker >= 0 && vg->subject >= 0 && !(vg->flags & GS_VG_NEG)) {
                char mapped[8] = "";
                uint32_t ev = v;
                if (match_verb(c, L, d, v, a, b, &rm) && rm.code) {
                    const char *rcode = gs_dict_str(rm.d, rm.code);
                    const gs_cameo *rcm = gs_cameo_find(rcode, strlen(rcode));
                    if (rcm && !strcmp(rcm->code, rcode))
                        appeal_of(rcode, must, mapped);
                }
                /* "said US forces must ensure security": a demand of
                 * them, whatever it asks for; not "must have", "must be" */
                if (!mapped[0] && !(vg->flags & (GS_VG_PERFECT | GS_VG_COPULA)) && c->npact[vg->subject].n &&
                    says >= 0 && match_verb(c, L, d, (uint32_t)says, a, b, &rm)) {
                    gs_strcpy(mapped, sizeof mapped, must ? "100" : "020");
                    ev = (uint32_t)says;
                }
                if (mapped[0]) {
                    rm.src = speaker;
                    rm.tgt = vg->subject;
                    if ((rc = emit_for(&x, c, L, sl, ev, &rm, mapped, NULL, 0, b)) < 0)
                        return rc;
                }
            } else if (speaker < 0 && !(vg->flags & GS_VG_NEG) && conditioned(L, sl, vg) &&
                       match_verb(c, L, d, v, a, b, &rm) && rm.code) {
                /* "the EC may halt mediation if cooperation founders": a
                 * hostile act made conditional is a threat */
                const char *rcode = gs_dict_str(rm.d, rm.code);
                const gs_cameo *rcm = gs_cameo_find(rcode, strlen(rcode));
                int rroot = (rcode[0] - '0') * 10 + (rcode[1] - '0');
                if (rcm && !strcmp(rcm->code, rcode) && rroot >= 12 && rroot != 13) {
                    char mapped[8];
                    threat_of(rcode, mapped);
                    if ((rc = emit_for(&x, c, L, sl, v, &rm, mapped, NULL, 0, b)) < 0)
                        return rc;
                }
            }
            continue;
        }
        vmatch m;
        bool matched = match_verb(c, L, d, v, a, b, &m);
        if (c->debug == 2) {
            /* GESTA_DEBUG_CODE: what the coder saw at each verb */
            const gs_ltok *h = &L->lt[vg->head];
            fprintf(stderr, "code: vg '%.*s' flags %#x subj %d (%u actors) obj %d xcomp %d gov %d: ",
                    (int)h->lemma_len, h->lemma, vg->flags, vg->subject,
                    vg->subject >= 0 ? c->npact[vg->subject].n : 0, vg->object, vg->xcomp,
                    vg->governor);
            if (!matched)
                fprintf(stderr, "no verb entry\n");
            else
                fprintf(stderr, "code %s (%s:%u)%s\n", m.code ? gs_dict_str(m.d, m.code) : "none",
                        m.rule.file < m.d->nfiles ? gs_dict_str(m.d, m.d->files[m.rule.file]) : "?",
                        m.rule.line, m.pattern ? " pattern" : " verb/block");
        }
        /* a negated verb codes nothing, unless a pattern that sees the
         * negation itself matched ("- NOT * RELATIONS", "&NEGAUX *"), on it
         * or, for PETRARCH, on its complement ("won't try to clash") */
        if ((vg->flags & GS_VG_NEG) && c->opt.compat && vg->xcomp >= 0 && !(matched && m.pattern)) {
            vmatch xm;
            if (match_verb(c, L, d, (uint32_t)vg->xcomp, a, b, &xm) && xm.code && xm.pattern) {
                const gs_pelem *el = xm.d->pelems + xm.pattern->elems;
                bool sees = false;
                for (uint32_t i = 0; i < xm.pattern->nelems && el[i].kind != GS_PE_VERB; i++)
                    if (el[i].kind == GS_PE_WORD || el[i].kind == GS_PE_SYNSET)
                        sees = true;
                if (sees) {
                    if (xm.src < 0)
                        xm.src = L->vgs[vg->xcomp].subject >= 0 ? L->vgs[vg->xcomp].subject : vg->subject;
                    rc = emit_for(&x, c, L, sl, (uint32_t)vg->xcomp, &xm, gs_dict_str(xm.d, xm.code),
                                  xm.pcode ? gs_dict_str(xm.d, xm.pcode) : NULL, xm.pair, b);
                    if (rc < 0)
                        return rc;
                }
            }
            continue;
        }
        if (vg->flags & GS_VG_NEG) {
            bool sees = false;
            if (matched && m.pattern) {
                const gs_pelem *el = m.d->pelems + m.pattern->elems;
                for (uint32_t i = 0; i < m.pattern->nelems && el[i].kind != GS_PE_VERB; i++)
                    if (el[i].kind == GS_PE_WORD || el[i].kind == GS_PE_SYNSET)
                        sees = true;
            }
            /* "will not accept refugees", "would not meet the demands": a
             * refusal of the action */
            if (!sees && !c->opt.compat && future_of(L, vg) && matched && m.code) {
                const char *ncode = gs_dict_str(m.d, m.code);
                const gs_cameo *ncm = gs_cameo_find(ncode, strlen(ncode));
                int nroot = (ncode[0] - '0') * 10 + (ncode[1] - '0');
                if (ncm && !strcmp(ncm->code, ncode) && (nroot == 4 || (nroot >= 6 && nroot <= 8))) {
                    char mapped[8];
                    refusal_of(ncode, mapped);
                    if ((rc = emit_for(&x, c, L, sl, v, &m, mapped, NULL, 0, b)) < 0)
                        return rc;
                }
            }
            if (!sees)
                continue;
        }
        const char *code = matched && m.code ? gs_dict_str(m.d, m.code) : NULL;
        const char *pcode = matched && m.pcode ? gs_dict_str(m.d, m.pcode) : NULL;
        uint32_t pair = matched ? m.pair : 0;
        /* PETRARCH: the governor as any verb; its complement when the
         * governor codes nothing */
        if (c->opt.compat && vg->xcomp >= 0 && (!matched || !code)) {
            vmatch xm;
            const gs_vg *xc = &L->vgs[vg->xcomp];
            if (!(xc->flags & GS_VG_NEG) && match_verb(c, L, d, (uint32_t)vg->xcomp, a, b, &xm) && xm.code) {
                if (xm.src < 0 && vg->subject >= 0)
                    xm.src = xc->subject >= 0 ? xc->subject : vg->subject;
                rc = emit_for(&x, c, L, sl, (uint32_t)vg->xcomp, &xm, gs_dict_str(xm.d, xm.code),
                              xm.pcode ? gs_dict_str(xm.d, xm.pcode) : NULL, xm.pair, b);
                if (rc < 0)
                    return rc;
            }
            continue;
        }
        /* a governed complement: intent, threat, refusal, appeal, demand,
         * refraining; unless the governor's own pattern reaches into it
         * ("urged X to release the hostages" as a pattern of "urge") */
        if (!c->opt.compat && vg->xcomp >= 0 &&
            !(matched && m.pattern && m.mend > L->vgs[vg->xcomp].start)) {
            const gs_vg *xc = &L->vgs[vg->xcomp];
            if (lemma_in(L, vg->head, suppress_verbs))
                continue;
            vmatch xm;
            if (xc->flags & GS_VG_NEG) {
                /* "vowed not to return the Golan Heights", "pledged not to
                 * meet": intending not to cooperate is refusing to */
                if (lemma_in(L, vg->head, intent_verbs) &&
                    match_verb(c, L, d, (uint32_t)vg->xcomp, a, b, &xm) && xm.code) {
                    const char *xcode = gs_dict_str(xm.d, xm.code);
                    const gs_cameo *xcm = gs_cameo_find(xcode, strlen(xcode));
                    int xroot = (xcode[0] - '0') * 10 + (xcode[1] - '0');
                    if (xcm && !strcmp(xcm->code, xcode) && xroot >= 4 && xroot <= 8) {
                        char mapped[8];
                        refusal_of(xcode, mapped);
                        vmatch mm = xm;
                        if (mm.src < 0)
                            mm.src = xc->subject >= 0 ? xc->subject : vg->subject;
                        if ((rc = emit_for(&x, c, L, sl, (uint32_t)vg->xcomp, &mm, mapped, NULL, 0, b)) < 0)
                            return rc;
                    }
                }
                continue;
            }
            if (match_verb(c, L, d, (uint32_t)vg->xcomp, a, b, &xm) && xm.code) {
                const char *xcode = gs_dict_str(xm.d, xm.code);
                char mapped[8];
                bool changed = true, appeal = false;
                const gs_cameo *xcm = gs_cameo_find(xcode, strlen(xcode));
                /* the complement's pattern may see the governor itself
                 * ("DECLINE_TO_* comment"): its code is final */
                bool sees_governor = false;
                if (xm.pattern && xm.mstart <= vg->head) {
                    /* by a word before the verb, not by the subject's phrase */
                    const gs_pelem *el = xm.d->pelems + xm.pattern->elems;
                    for (uint32_t i = 0; i < xm.pattern->nelems && el[i].kind != GS_PE_VERB; i++)
                        if (el[i].kind == GS_PE_WORD || el[i].kind == GS_PE_SYNSET)
                            sees_governor = true;
                }
                bool ccode = code && code[0] == '0' && code[1] == '2';
                bool dcode = code && code[0] == '1' && code[1] == '0';
                if (!xcm || strcmp(xcm->code, xcode) || sees_governor) {
                    /* not a CAMEO code (a WEIS or test dictionary): as is */
                    gs_strcpy(mapped, sizeof mapped, xcode);
                    changed = false;
                } else if (lemma_in(L, vg->head, threat_verbs) || (code && code[0] == '1' && code[1] == '3'))
                    threat_of(xcode, mapped);
                else if (lemma_in(L, vg->head, refusal_verbs) || (code && code[0] == '1' && code[1] == '2'))
                    refusal_of(xcode, mapped);
                else if (lemma_in(L, vg->head, demand_verbs) || dcode) {
                    appeal_of(xcode, true, mapped);
                    appeal = true;
                } else if (lemma_in(L, vg->head, appeal_verbs) || ccode) {
                    appeal_of(xcode, false, mapped);
                    appeal = true;
                } else if (lemma_in(L, vg->head, intent_verbs) || willing(L, vg) ||
                           (code && code[0] == '0' && code[1] == '3')) {
                    /* a plan to use force or coercion is a threat: "plans to
                     * impose restrictions", "is prepared to impose martial
                     * law" (a decision or agreement to do it is the act) */
                    int xroot = (xcode[0] - '0') * 10 + (xcode[1] - '0');
                    bool decided = lemma_is(L, vg->head, "decide") || lemma_is(L, vg->head, "resolve");
                    if (decided) {
                        /* "the court decided to allow X to run": a decision
                         * is the act itself */
                        gs_strcpy(mapped, sizeof mapped, xcode);
                        changed = false;
                    } else if (xroot >= 14 && !lemma_is(L, vg->head, "agree"))
                        threat_of(xcode, mapped);
                    else
                        intent_of(xcode, mapped);
                }
                else if (matched && code && !sees_governor) {
                    /* a governor with its own event ("accused X of
                     * attacking", "welcomed the decision to open") is the
                     * event; the complement is what it is about */
                    goto governor;
                } else {
                    /* "began to withdraw", "continued to shell": the
                     * complement is the event */
                    gs_strcpy(mapped, sizeof mapped, xcode);
                    changed = false;
                }
                vmatch mm = xm;
                if (appeal) {
                    /* an appeal is the governor's subject's, to its object */
                    mm.src = m.src >= 0 && matched ? m.src : vg->subject;
                    if (vg->object >= 0)
                        mm.tgt = vg->object;
                    else if (xc->subject >= 0 && xc->subject != vg->subject)
                        mm.tgt = xc->subject; /* "called on X to ..." */
                    else if (matched && m.tgt >= 0)
                        mm.tgt = m.tgt;
                } else if (mm.src < 0 && vg->subject >= 0 && !(xc->flags & GS_VG_PASSIVE)) {
                    /* the complement's roles, with the governor's subject */
                    mm.src = L->vgs[vg->xcomp].subject >= 0 ? L->vgs[vg->xcomp].subject : vg->subject;
                }
                /* "was quoted as saying he would ...": a statement that
                 * reports a clause gives way to it, as "said" does */
                if (!changed && !appeal && mapped[0] == '0' && mapped[1] == '1' &&
                    reports_clause(L, sl, (uint32_t)vg->xcomp) && nspeech < 8) {
                    speech[nspeech].v = (uint32_t)vg->xcomp;
                    speech[nspeech].m = mm;
                    speech[nspeech].code = xcode;
                    speech[nspeech].pcode = NULL;
                    speech[nspeech].pair = 0;
                    nspeech++;
                    continue;
                }
                rc = emit_for(&x, c, L, sl, appeal ? v : (uint32_t)vg->xcomp, &mm, mapped,
                              changed ? NULL : (xm.pcode ? gs_dict_str(xm.d, xm.pcode) : NULL),
                              changed ? 0 : xm.pair, b);
                if (rc < 0)
                    return rc;
                continue;
            }
        }
    governor:
        if (!matched || !code)
            continue;
        /* a speech verb that reports a clause gives way to it, unless the
         * clause codes nothing (then it is the statement: "said that
         * relations with Australia had reached a turning point") */
        if ((code[0] == '0' && code[1] == '1' && reports_clause(L, sl, v)) ||
            (!c->opt.compat && that_clause(L, sl, v) >= 0 &&
             (lemma_in(L, vg->head, demand_verbs) || lemma_in(L, vg->head, appeal_verbs)))) {
            if (nspeech < 8 && !c->opt.compat) {
                speech[nspeech].v = v;
                speech[nspeech].m = m;
                speech[nspeech].code = code;
                speech[nspeech].pcode = pcode;
                speech[nspeech].pair = pair;
                nspeech++;
            }
            continue;
        }
        char mapped[8];
        const gs_cameo *cm = gs_cameo_find(code, strlen(code));
        bool cameo = cm && !strcmp(cm->code, code);
        /* the future of the verb, or of a verb the pattern reached
         * ("announced that he will extend the curfew") */
        bool future = future_of(L, vg);
        for (uint32_t u = v + 1; !future && matched && m.pattern && u < sl->vg0 + sl->nvg; u++)
            if (L->vgs[u].start < m.mend && future_of(L, &L->vgs[u]))
                future = true;
        if (future && cameo && !c->opt.compat) {
            int root = (code[0] - '0') * 10 + (code[1] - '0');
            if (root >= 14) /* a protest, sanction or force to come is a threat */
                threat_of(code, mapped);
            else
                intent_of(code, mapped);
            code = mapped;
            pcode = NULL;
            pair = 0;
        }
        if ((rc = emit_for(&x, c, L, sl, v, &m, code, pcode, pair, b)) < 0)
            return rc;
    }
    GS_MARK_CODED();
#undef GS_MARK_CODED
    for (uint32_t i = 0; i < nspeech; i++) {
        const gs_vg *vg = &L->vgs[speech[i].v];
        bool coded = false;
        int32_t tc = that_clause(L, sl, speech[i].v);
        for (uint32_t k = sl->cl0; k < sl->cl0 + sl->ncl && k - sl->cl0 < 64; k++)
            if ((L->cls[k].type == GS_CL_REPORTED || (int32_t)k == tc) &&
                L->cls[k].parent == vg->clause && clause_coded[k - sl->cl0])
                coded = true;
        if (!coded && (rc = emit_for(&x, c, L, sl, speech[i].v, &speech[i].m, speech[i].code,
                                     speech[i].pcode, speech[i].pair, b)) < 0)
            return rc;
    }
    return 0;
}

int gs_code_document(struct gesta_worker *w, const gs_dicts *d)
{
    gs_coder *c = &w->coder;
    c->nractors = 0;
    c->have_person = c->have_any = c->have_country = c->have_prev_country = c->have_thing = false;
    c->nhist = c->nhist_start = 0;
    c->have_pair = false;
    c->nnamed = 0;
    c->story_discarded = false;
    if (!d || !d->nall)
        return 0;
    const gs_text *t = &w->text;
    c->doc_date = gs_dateline_date(t, w->doc.date);
    int rc = gs_code_word_ids(c, t, &w->lang, d, 0, (uint32_t)t->ntoks);
    if (rc < 0)
        return rc;
    /* discarded sentences; a story-level discard anywhere leaves the whole
     * document uncoded */
    if (t->nsents > c->cap_discarded &&
        gs_grow((void **)&c->discarded, &c->cap_discarded, t->nsents, 1) < 0)
        return GESTA_ENOMEM;
    for (size_t si = 0; si < t->nsents; si++) {
        bool story;
        const gs_sent *s = &t->sents[si];
        c->discarded[si] = gs_code_discarded(c, d, s->first, s->first + s->count, &story);
        if (story)
            return 0;
    }
    for (size_t si = 0; si < t->nsents; si++)
        if ((rc = code_sentence(w, d, (uint32_t)si)) < 0)
            return rc;
    return 0;
}

static uint32_t sentence_of(const gs_text *t, uint32_t tok)
{
    for (size_t si = 0; si < t->nsents; si++)
        if (tok >= t->sents[si].first && tok < t->sents[si].first + t->sents[si].count)
            return (uint32_t)si;
    return 0;
}

/* Pushes actor r (of dictionary set d) onto the worker's lookup results,
 * unless the sentence has an actor with the same code already: one actor
 * named by several phrases ("U.S. Secretary of State Antony Blinken"). */
static int push_actor(struct gesta_worker *w, const gs_dicts *d, const gs_ractor *r)
{
    const gs_text *t = &w->text;
    gesta_span sp = tok_span(t, r->start, r->end);
    for (size_t i = 0; i < w->nactors; i++)
        if (w->actors[i].sentence == sentence_of(t, r->start) && !strcmp(w->actors[i].code, r->code))
            return 0;
    if (w->nactors == w->cap_actors &&
        gs_grow((void **)&w->actors, &w->cap_actors, w->nactors + 1, sizeof(gesta_actor)) < 0)
        return GESTA_ENOMEM;
    gesta_actor *a = &w->actors[w->nactors];
    memset(a, 0, sizeof *a);
    a->code = arena_code(&w->arena, r->code);
    if (!a->code)
        return GESTA_ENOMEM;
    a->span = sp;
    a->sentence = sentence_of(t, r->start);
    const gs_dict *dj = r->dict < d->nall ? d->all[r->dict] : NULL;
    a->rule_file = dj && r->src.file < dj->nfiles ? gs_dict_str(dj, dj->files[r->src.file]) : "";
    a->rule_line = r->src.line;
    w->nactors++;
    return 0;
}

int gs_code_lookup(struct gesta_worker *w, const gs_dicts *d, int32_t date)
{
    gs_coder *c = &w->coder;
    c->nractors = 0;
    c->have_person = c->have_any = c->have_country = c->have_prev_country = c->have_thing = false;
    c->nhist = c->nhist_start = 0;
    c->have_pair = false;
    c->nnamed = 0;
    w->nactors = 0;
    if (!d || !d->nall)
        return 0;
    const gs_text *t = &w->text;
    const gs_lang *L = &w->lang;
    int rc = gs_code_word_ids(c, t, L, d, 0, (uint32_t)t->ntoks);
    if (rc < 0)
        return rc;
    for (uint32_t si = 0; si < t->nsents; si++) {
        const gs_sent *s = &t->sents[si];
        const gs_sent_lang *sl = &L->sl[si];
        uint32_t a = s->first, b = s->first + s->count;
        c->cur_sent = si;
        if ((rc = gs_code_mentions(c, t, L, d, a, b)) < 0)
            return rc;
        gs_when when = {true, date, date, t, L, c->startmask, s, sl};
        if ((rc = gs_code_resolve_nps(c, t, L, d, sl, &when, b)) < 0)
            return rc;
        for (uint32_t i = sl->np0; i < sl->np0 + sl->nnp; i++) {
            const gs_npact *na = &c->npact[i];
            for (uint32_t k = 0; k < na->n; k++)
                if ((rc = push_actor(w, d, &c->ractors[na->first + k])) < 0)
                    return rc;
        }
    }
    return (int)w->nactors;
}

void gs_coder_free(gs_coder *c)
{
    free(c->wid);
    free(c->startmask);
    free(c->lstartmask);
    free(c->vpres);
    free(c->lid);
    free(c->mentions);
    free(c->tok_mention);
    free(c->ractors);
    free(c->npact);
    free(c->skip);
    free(c->synmemo);
    for (int j = 0; j < 4; j++)
        free(c->synpres[j]);
    free(c->discarded);
    free(c->idcache);
    free(c->lexid);
    memset(c, 0, sizeof *c);
}
