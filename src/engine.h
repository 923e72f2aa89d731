/*
 * engine.h: the insides of gesta_engine and gesta_worker, shared by the
 * files that implement the public API (engine.c, io/).  Stages see only the
 * parts they need, passed explicitly.
 */
#ifndef GESTA_ENGINE_H
#define GESTA_ENGINE_H

#include "code/code.h"
#include "core/core.h"
#include "dict/dict.h"
#include "lang/lang.h"
#include "text/text.h"

struct gesta_engine {
    gesta_engine_options opt;
    gs_dict *builtin;  /* gesta's own dictionaries, compiled in */
    gs_dict *user;     /* from opt.dicts */
    gs_dicts dicts;    /* which to use for each kind */
};

struct gesta_worker {
    const gesta_engine *eng;
    gs_arena arena;
    gs_text text;
    gs_lang lang;
    gs_coder coder;
    gesta_doc doc;
    gesta_diag *diags;
    size_t ndiags, cap_diags;
    size_t diags_dropped; /* beyond the per-document cap */
    gesta_event *events;
    size_t nevents, cap_events;
    double stage[GESTA_STAGE_COUNT]; /* seconds per stage, accumulated */
    gesta_actor *actors; /* gesta_worker_lookup's results */
    size_t nactors, cap_actors;
};

/* Monotonic time in seconds. */
double gs_now(void);

#endif /* GESTA_ENGINE_H */
