/*
 * engine.c: the two handles of the public API.  The engine owns what is
 * loaded once and shared; the worker owns one thread's per-document state
 * and runs the stages in order: text (tokens, sentences), and the later
 * stages as they are added.
 */
#include "engine.h"

#include <time.h>
#include "dict/api.h"
#include "dict/builtin.h"

#include <stdio.h>

void gesta_engine_options_default(gesta_engine_options *opt)
{
    memset(opt, 0, sizeof *opt);
    gesta_limits_default(&opt->limits);
}

/* Decides which dictionary serves each kind: the user's replace the
 * built-in ones of the kinds they provide, or come first with dict_add. */
static void choose_dicts(gesta_engine *e)
{
    gs_dicts *d = &e->dicts;
    memset(d, 0, sizeof *d);
    d->require_dyad = e->opt.require_dyad != 0;
    if (e->user)
        d->all[d->nall++] = e->user;
    if (e->builtin)
        d->all[d->nall++] = e->builtin;
    for (int k = 0; k < GS_DK_COUNT; k++) {
        bool user = e->user && (e->user->kinds & (1u << k));
        if (user) {
            d->use_j[k][d->nuse[k]] = 0; /* the user's dictionary comes first in all */
            d->use[k][d->nuse[k]++] = e->user;
        }
        if (e->builtin && (!user || e->opt.dict_add) && (e->builtin->kinds & (1u << k))) {
            d->use_j[k][d->nuse[k]] = e->user ? 1 : 0;
            d->use[k][d->nuse[k]++] = e->builtin;
        }
    }
}

int gesta_engine_new(const gesta_engine_options *opt, gesta_engine **out)
{
    if (!out)
        return GESTA_EINVAL;
    *out = NULL;
    gesta_engine *e = calloc(1, sizeof *e);
    if (!e)
        return GESTA_ENOMEM;
    if (opt)
        e->opt = *opt;
    else
        gesta_engine_options_default(&e->opt);
    int rc = 0;
    if (gs_builtin_dict_len) {
        char err[256];
        rc = gs_dict_load_mem(gs_builtin_dict, gs_builtin_dict_len, false, &e->builtin, err, sizeof err);
        if (rc < 0) {
            if (e->opt.report)
                e->opt.report(e->opt.report_ctx, 0, err);
            free(e);
            return rc;
        }
    }
    if (e->opt.ndicts) {
        rc = gs_dict_load_set(e->opt.dicts, e->opt.ndicts, &e->opt.limits, e->opt.report,
                              e->opt.report_ctx, e->opt.dict_warnings != 0, &e->user);
        if (rc < 0) {
            gs_dict_free(e->builtin);
            free(e);
            return rc;
        }
    }
    /* the options may point to the caller's strings: keep no dangling copy */
    e->opt.dicts = NULL;
    e->opt.ndicts = 0;
    choose_dicts(e);
    *out = e;
    return 0;
}

void gesta_engine_free(gesta_engine *eng)
{
    if (!eng)
        return;
    gs_dict_free(eng->user);
    gs_dict_free(eng->builtin);
    free(eng);
}

const gesta_limits *gesta_engine_limits(const gesta_engine *eng) { return &eng->opt.limits; }

/* ------------------------------------------------------------------ worker */

#define GS_MAX_DIAGS 32

static int worker_diag(void *ctx, int code, int field, uint32_t offset, const char *msg)
{
    gesta_worker *w = ctx;
    if (w->ndiags >= GS_MAX_DIAGS) {
        w->diags_dropped++;
        return 0;
    }
    if (w->ndiags == w->cap_diags &&
        gs_grow((void **)&w->diags, &w->cap_diags, w->ndiags + 1, sizeof(gesta_diag)) < 0)
        return GESTA_ENOMEM;
    gesta_diag *d = &w->diags[w->ndiags++];
    d->code = code;
    d->field = (gesta_field)field;
    d->offset = offset;
    d->message = msg;
    return 0;
}

int gesta_worker_new(const gesta_engine *eng, gesta_worker **out)
{
    if (!eng || !out)
        return GESTA_EINVAL;
    gesta_worker *w = calloc(1, sizeof *w);
    if (!w) {
        *out = NULL;
        return GESTA_ENOMEM;
    }
    w->eng = eng;
    gs_arena_init(&w->arena, 256 * 1024);
    w->text.arena = &w->arena;
    w->text.lim = &eng->opt.limits;
    w->text.diag.emit = worker_diag;
    w->text.diag.ctx = w;
    w->lang.arena = &w->arena;
    w->coder.arena = &w->arena;
    w->coder.opt.require_dyad = eng->opt.require_dyad != 0;
    *out = w;
    return 0;
}

void gesta_worker_free(gesta_worker *w)
{
    if (!w)
        return;
    gs_arena_free(&w->arena);
    free(w->text.toks);
    free(w->text.sents);
    gs_lang_free(&w->lang);
    gs_coder_free(&w->coder);
    free(w->diags);
    free(w->events);
    free(w->actors);
    free(w);
}

static void worker_reset(gesta_worker *w)
{
    gs_arena_reset(&w->arena);
    w->text.ntoks = 0;
    w->text.nsents = 0;
    w->text.dateline.start = w->text.dateline.end = 0;
    w->ndiags = 0;
    w->diags_dropped = 0;
    w->nevents = 0;
    w->nactors = 0;
    memset(&w->doc, 0, sizeof w->doc);
}

/* The text and language stages on doc: tokens, sentences, tags, phrases. */
static int analyse(gesta_worker *w, const gesta_doc *doc)
{
    if (!w || !doc || (!doc->text && doc->text_len) || (!doc->title && doc->title_len))
        return GESTA_EINVAL;
    worker_reset(w);
    const gesta_limits *lim = &w->eng->opt.limits;
    if (doc->text_len + doc->title_len > lim->max_doc_bytes)
        return GESTA_ELIMIT;
    w->doc = *doc;
    double t0 = gs_now();
    int rc;
    if (doc->title && doc->title_len) {
        size_t first = w->text.ntoks;
        if ((rc = gs_tokenize(&w->text, doc->title, doc->title_len, GESTA_FIELD_TITLE)) < 0)
            return rc;
        if ((rc = gs_segment(&w->text, first, doc->title, doc->title_len, GESTA_FIELD_TITLE,
                             false)) < 0)
            return rc;
        /* A title is one sentence, whatever punctuation it has, but no
         * longer than any sentence may be (the later stages are not linear
         * in a sentence's length): its tokens past max_sentence_tokens are
         * dropped, with a warning unless the segmenter gave one there. */
        if (w->text.nsents > 1) {
            gs_sent *s0 = &w->text.sents[0];
            gs_sent *sl = &w->text.sents[w->text.nsents - 1];
            size_t count = sl->first + sl->count - s0->first;
            s0->end = sl->end;
            if (count > lim->max_sentence_tokens && lim->max_sentence_tokens) {
                bool warned = s0->count >= lim->max_sentence_tokens;
                count = lim->max_sentence_tokens;
                s0->end = w->text.toks[s0->first + count - 1].end;
                w->text.ntoks = s0->first + count;
                if (!warned && (rc = worker_diag(w, GESTA_ELIMIT, GESTA_FIELD_TITLE, s0->end,
                                                 "title longer than max_sentence_tokens cut")) < 0)
                    return rc;
            }
            s0->count = (uint32_t)count;
            w->text.nsents = 1;
        }
    }
    size_t first = w->text.ntoks;
    if ((rc = gs_tokenize(&w->text, doc->text, doc->text_len, GESTA_FIELD_TEXT)) < 0)
        return rc;
    bool had_title = w->text.nsents > 0;
    if ((rc = gs_segment(&w->text, first, doc->text, doc->text_len, GESTA_FIELD_TEXT,
                         !had_title)) < 0)
        return rc;
    double t1 = gs_now();
    w->stage[GESTA_STAGE_TEXT] += t1 - t0;
    if ((rc = gs_lang_tag(&w->lang, &w->text)) < 0)
        return rc;
    double t2 = gs_now();
    w->stage[GESTA_STAGE_TAG] += t2 - t1;
    rc = gs_lang_chunk(&w->lang, &w->text);
    w->stage[GESTA_STAGE_CHUNK] += gs_now() - t2;
    return rc;
}

double gs_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

const char *gesta_stage_name(int i)
{
    static const char *const names[GESTA_STAGE_COUNT] = {"read", "decode", "text", "tag",
                                                         "chunk", "code", "render", "write"};
    return i >= 0 && i < GESTA_STAGE_COUNT ? names[i] : "?";
}

int gesta_worker_run(gesta_worker *w, const gesta_doc *doc)
{
    int rc = analyse(w, doc);
    if (rc < 0)
        return rc;
    double t = gs_now();
    rc = gs_code_document(w, &w->eng->dicts);
    w->stage[GESTA_STAGE_CODE] += gs_now() - t;
    if (rc < 0)
        return rc;
    return (int)w->nevents;
}

int gesta_worker_lookup(gesta_worker *w, const char *text, size_t len, int32_t date)
{
    if (!w || (!text && len))
        return GESTA_EINVAL;
    gesta_doc doc = {0};
    doc.text = text;
    doc.text_len = len;
    doc.date = date;
    int rc = analyse(w, &doc);
    if (rc < 0)
        return rc;
    return gs_code_lookup(w, &w->eng->dicts, date);
}

size_t gesta_worker_actor_count(const gesta_worker *w) { return w ? w->nactors : 0; }

const gesta_actor *gesta_worker_actor(const gesta_worker *w, size_t i)
{
    return w && i < w->nactors ? &w->actors[i] : NULL;
}

size_t gesta_worker_sentence_count(const gesta_worker *w) { return w->text.nsents; }

int gesta_worker_sentence(const gesta_worker *w, size_t i, gesta_sentence *out)
{
    if (i >= w->text.nsents)
        return GESTA_ERANGE;
    const gs_sent *s = &w->text.sents[i];
    out->index = (uint32_t)i;
    out->field = (gesta_field)s->field;
    out->span.start = s->start;
    out->span.end = s->end;
    out->first_token = s->first;
    out->token_count = s->count;
    out->paragraph = s->paragraph;
    return 0;
}

size_t gesta_worker_token_count(const gesta_worker *w) { return w->text.ntoks; }

int gesta_worker_token(const gesta_worker *w, size_t i, gesta_token *out)
{
    if (i >= w->text.ntoks)
        return GESTA_ERANGE;
    const gs_tok *t = &w->text.toks[i];
    out->text = t->norm;
    out->len = t->norm_len;
    out->span.start = t->start;
    out->span.end = t->end;
    out->field = (gesta_field)t->field;
    const gs_ltok *l = &w->lang.lt[i];
    out->tag = gs_penn_names[l->penn];
    out->lemma = l->lemma;
    out->lemma_len = l->lemma_len;
    return 0;
}

gesta_span gesta_worker_dateline(const gesta_worker *w) { return w->text.dateline; }

size_t gesta_worker_diag_count(const gesta_worker *w) { return w->ndiags; }

int gesta_worker_diag(const gesta_worker *w, size_t i, gesta_diag *out)
{
    if (i >= w->ndiags)
        return GESTA_ERANGE;
    *out = w->diags[i];
    return 0;
}

size_t gesta_worker_event_count(const gesta_worker *w) { return w->nevents; }

const gesta_event *gesta_worker_event(const gesta_worker *w, size_t i)
{
    return i < w->nevents ? &w->events[i] : NULL;
}
