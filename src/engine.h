/*
 * engine.h: the insides of gesta_engine and gesta_worker, shared by the
 * files that implement the public API (engine.c, io/).  Stages see only the
 * parts they need, passed explicitly.
 */
#ifndef GESTA_ENGINE_H
#define GESTA_ENGINE_H

#include "core/core.h"
#include "lang/lang.h"
#include "text/text.h"

struct gesta_engine {
    gesta_engine_options opt;
};

struct gesta_worker {
    const gesta_engine *eng;
    gs_arena arena;
    gs_text text;
    gs_lang lang;
    gesta_doc doc;
    gesta_diag *diags;
    size_t ndiags, cap_diags;
    size_t diags_dropped; /* beyond the per-document cap */
    gesta_event *events;
    size_t nevents, cap_events;
};

#endif /* GESTA_ENGINE_H */
