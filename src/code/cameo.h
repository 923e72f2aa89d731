/*
 * cameo.h: the CAMEO event code table (generated into cameo.c by
 * tools/gen-cameo.c from the CAMEO codebook's codes and the CAMEO-to-PLOVER
 * correspondence).
 */
#ifndef GESTA_CAMEO_H
#define GESTA_CAMEO_H

#include <stddef.h>
#include <stdint.h>

typedef struct gs_cameo {
    char code[5];          /* "042", "0874" */
    int8_t root;           /* 1..20 */
    int8_t quad;           /* 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict */
    float goldstein;
    const char *name;
    const char *plover;    /* PLOVER event type: "CONSULT" */
    const char *mode;      /* PLOVER mode: "visit", or "" */
    const char *context;   /* PLOVER context: "diplomatic", or "" */
} gs_cameo;

extern const gs_cameo gs_cameo_table[];
extern const size_t gs_cameo_count;

/* The entry of code s[0..n); for a code the table does not have (a
 * dictionary's own "0110" or "080!"), the entry of its longest known
 * prefix of at least two digits; NULL when even the root is unknown. */
const gs_cameo *gs_cameo_find(const char *s, size_t n);

#endif
