/*
 * dict_int.h: the dictionary builder, shared by the readers (read.c) and
 * the compiler (build.c).  Not used outside src/dict.
 */
#ifndef GESTA_DICT_INT_H
#define GESTA_DICT_INT_H

#include "../text/text.h"
#include "dict.h"

#include <stdarg.h>

#define GS_MAX_PHRASE_WORDS 48

/* A phrase being read: word ids and, per word, whether other words may
 * come before it (the space connector). */
typedef struct gs_word_list {
    uint32_t word[GS_MAX_PHRASE_WORDS];
    uint8_t gap[GS_MAX_PHRASE_WORDS];
    uint32_t n;
} gs_word_list;

typedef struct gs_phrase {
    uint32_t kind;
    uint32_t words, n; /* pwords[words .. words+n): word id | gap << 31 */
    uint32_t entry;
    uint32_t order;    /* insertion order: the first of equal phrases wins */
} gs_phrase;

typedef struct gs_macro {
    char name[32];
    uint32_t members; /* pool offset of "A\0B\0C\0\0" */
} gs_macro;

/* Memory a built or loaded dictionary owns. */
struct gs_owned {
    void *blob; /* a loaded file: everything lives here */
    char *pool;
    uint32_t *word_str, *word_hash;
    gs_tnode *nodes;
    gs_tedge *edges;
    gs_actor *actors;
    gs_code *codes;
    gs_agent *agents;
    gs_discard *discards;
    gs_issue *issues;
    gs_vblock *vblocks;
    gs_pattern *patterns;
    gs_pelem *pelems;
    gs_vform *vforms;
    uint32_t *vwords;
    gs_synset *synsets;
    gs_synmem *synmem;
    uint32_t *files;
};

struct gs_dict_builder {
    const gesta_limits *lim;
    gs_dict_report report;
    void *report_ctx;
    bool oom;
    gs_dict_stats stats;        /* counts of the file being read */
    const char *cur_file_name;
    uint32_t cur_file;
    uint32_t kinds;
    uint32_t verb_format;
    /* tokenising dictionary words like text */
    gs_arena arena;
    gs_text text;
    gs_buf pool;
    uint32_t *word_str;
    size_t nwords, cap_word_str;
    uint32_t *word_hash;
    uint32_t word_hash_size;
    gs_phrase *phrases;
    size_t nphrases, cap_phrases;
    uint32_t *pwords;
    size_t npwords, cap_pwords;
    gs_actor *actors;
    size_t nactors, cap_actors;
    gs_code *codes;
    size_t ncodes, cap_codes;
    gs_agent *agents;
    size_t nagents, cap_agents;
    gs_discard *discards;
    size_t ndiscards, cap_discards;
    gs_issue *issues;
    size_t nissues, cap_issues;
    gs_vblock *vblocks;
    size_t nvblocks, cap_vblocks;
    gs_pattern *patterns;
    size_t npatterns, cap_patterns;
    gs_pelem *pelems;
    size_t npelems, cap_pelems;
    gs_vform *vforms;
    size_t nvforms, cap_vforms;
    uint32_t *vwords;
    size_t nvwords, cap_vwords;
    gs_synset *synsets;
    size_t nsynsets, cap_synsets;
    gs_synmem *synmem;
    size_t nsynmem, cap_synmem;
    uint32_t *files;
    size_t nfiles, cap_files;
    gs_macro *macros;
    size_t nmacros, cap_macros;
    /* synset references by name, resolved when the dictionary is built */
    uint32_t *synref_name;  /* pool offsets, parallel to pattern elements of kind SYNSET */
    size_t nsynref;
};

uint32_t gs_db_str(gs_dict_builder *b, const char *s, size_t n);
uint32_t gs_db_word(gs_dict_builder *b, const char *w, size_t n);
uint32_t gs_db_file(gs_dict_builder *b, const char *name);
int gs_db_phrase(gs_dict_builder *b, int kind, const gs_word_list *wl, uint32_t entry);
void gs_db_report(gs_dict_builder *b, bool warning, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Resolves synset names in patterns, links verb forms; called by build. */
int gs_db_finish_verbs(gs_dict_builder *b);

#endif
