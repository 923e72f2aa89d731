/*
 * eval-tags.c: part-of-speech agreement of gesta's tagger with the Penn
 * Treebank parses that come with PETRARCH validation records
 * (<Sentence><Text>...</Text><Parse>(ROOT (S (NP (NNP Arnor)) ...))</Parse>).
 *
 * Each <Text> is analysed by the library; its tokens are aligned with the
 * parse's leaves (an edit-distance alignment on the words, so that a
 * tokenisation difference costs only the tokens involved) and the tags of
 * aligned tokens are compared.  Prints the agreement and the most frequent
 * confusions.  Used by `make eval`.
 *
 * Usage: eval-tags FILE.xml [-v]
 */
#include "gesta.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct leaf {
    char word[96];
    char tag[16];
} leaf;

/* Reads the leaves "(TAG word)" of a bracketed parse. */
static size_t parse_leaves(const char *s, leaf *out, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        const char *open = strchr(s, '(');
        if (!open)
            break;
        const char *p = open + 1;
        /* a leaf is "(TAG word)" with no '(' before its ')' */
        const char *close = strchr(p, ')');
        const char *next_open = strchr(p, '(');
        if (close && (!next_open || close < next_open)) {
            char tag[16], word[256];
            if (sscanf(p, "%15s %255[^)]", tag, word) == 2) {
                snprintf(out[n].tag, sizeof out[n].tag, "%s", tag);
                /* trim trailing spaces */
                size_t wl = strlen(word);
                while (wl && word[wl - 1] == ' ')
                    word[--wl] = 0;
                snprintf(out[n].word, sizeof out[n].word, "%s", word);
                n++;
            }
            s = close + 1;
        } else {
            s = p;
        }
    }
    return n;
}

static void norm_word(const char *w, char *out, size_t cap)
{
    if (!strcmp(w, "-LRB-") || !strcmp(w, "-LCB-") || !strcmp(w, "-LSB-"))
        w = "(";
    else if (!strcmp(w, "-RRB-") || !strcmp(w, "-RCB-") || !strcmp(w, "-RSB-"))
        w = ")";
    else if (!strcmp(w, "``") || !strcmp(w, "''"))
        w = "\"";
    else if (!strcmp(w, "`"))
        w = "'";
    size_t i = 0;
    for (; w[i] && i + 1 < cap; i++)
        out[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
    out[i] = 0;
}

typedef struct conf {
    char gold[16], got[16];
    int n;
} conf;

static conf confs[4096];
static int nconfs;

static void confuse(const char *gold, const char *got)
{
    for (int i = 0; i < nconfs; i++)
        if (!strcmp(confs[i].gold, gold) && !strcmp(confs[i].got, got)) {
            confs[i].n++;
            return;
        }
    if (nconfs < 4096) {
        snprintf(confs[nconfs].gold, 16, "%s", gold);
        snprintf(confs[nconfs].got, 16, "%s", got);
        confs[nconfs++].n = 1;
    }
}

static int by_count(const void *a, const void *b)
{
    return ((const conf *)b)->n - ((const conf *)a)->n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: eval-tags FILE.xml [-v]\n");
        return 2;
    }
    bool verbose = argc > 2 && !strcmp(argv[2], "-v");
    xmlDocPtr doc = xmlReadFile(argv[1], NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
    if (!doc) {
        fprintf(stderr, "eval-tags: cannot read %s\n", argv[1]);
        return 2;
    }
    gesta_engine *eng;
    gesta_worker *w;
    if (gesta_engine_new(NULL, &eng) < 0 || gesta_worker_new(eng, &w) < 0)
        return 2;
    long gold_total = 0, aligned = 0, agree = 0, sentences = 0;
    static leaf gold[2048];
    xmlNodePtr root = xmlDocGetRootElement(doc);
    /* walk every <Sentence>, depth first */
    xmlNodePtr n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "Sentence") && n->children) {
            n = n->children;
            continue;
        }
        xmlNodePtr cur = n;
        /* advance: next sibling, or up and next */
        while (n && !n->next)
            n = n->parent;
        if (n)
            n = n->next;
        if (cur->type != XML_ELEMENT_NODE || strcmp((const char *)cur->name, "Sentence"))
            continue;
        xmlChar *text = NULL, *parse = NULL;
        for (xmlNodePtr c = cur->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            if (!strcmp((const char *)c->name, "Text") && !text)
                text = xmlNodeGetContent(c);
            else if (!strcmp((const char *)c->name, "Parse") && !parse)
                parse = xmlNodeGetContent(c);
        }
        if (text && parse) {
            size_t ng = parse_leaves((const char *)parse, gold, 2048);
            gesta_doc d = {"s", 1, NULL, 0, (const char *)text, strlen((const char *)text),
                           20000101};
            if (gesta_worker_run(w, &d) >= 0 && ng) {
                sentences++;
                size_t nt = gesta_worker_token_count(w);
                /* edit-distance alignment on normalised words */
                size_t *dp = calloc((ng + 1) * (nt + 1), sizeof(size_t));
                char (*gw)[96] = calloc(ng, 96);
                char (*tw)[96] = calloc(nt ? nt : 1, 96);
                const char **tt = calloc(nt ? nt : 1, sizeof(char *));
                for (size_t i = 0; i < ng; i++)
                    norm_word(gold[i].word, gw[i], 96);
                for (size_t j = 0; j < nt; j++) {
                    gesta_token t;
                    gesta_worker_token(w, j, &t);
                    char tmp[96];
                    snprintf(tmp, sizeof tmp, "%.*s", (int)(t.len < 95 ? t.len : 95), t.text);
                    norm_word(tmp, tw[j], 96);
                    tt[j] = t.tag;
                }
#define D(i, j) dp[(i) * (nt + 1) + (j)]
                for (size_t i = 0; i <= ng; i++)
                    D(i, 0) = i;
                for (size_t j = 0; j <= nt; j++)
                    D(0, j) = j;
                for (size_t i = 1; i <= ng; i++)
                    for (size_t j = 1; j <= nt; j++) {
                        size_t sub = D(i - 1, j - 1) + (strcmp(gw[i - 1], tw[j - 1]) ? 2 : 0);
                        size_t del = D(i - 1, j) + 1, ins = D(i, j - 1) + 1;
                        D(i, j) = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
                    }
                size_t i = ng, j = nt;
                while (i > 0 && j > 0) {
                    if (!strcmp(gw[i - 1], tw[j - 1]) && D(i, j) == D(i - 1, j - 1)) {
                        aligned++;
                        if (!strcmp(gold[i - 1].tag, tt[j - 1]))
                            agree++;
                        else {
                            confuse(gold[i - 1].tag, tt[j - 1]);
                            if (verbose)
                                printf("%s: gold %s got %s\n", gold[i - 1].word, gold[i - 1].tag,
                                       tt[j - 1]);
                        }
                        i--;
                        j--;
                    } else if (D(i, j) == D(i - 1, j) + 1) {
                        i--;
                    } else if (D(i, j) == D(i, j - 1) + 1) {
                        j--;
                    } else {
                        i--;
                        j--;
                    }
                }
#undef D
                gold_total += (long)ng;
                free(dp);
                free(gw);
                free(tw);
                free(tt);
            }
        }
        xmlFree(text);
        xmlFree(parse);
    }
    qsort(confs, (size_t)nconfs, sizeof(conf), by_count);
    printf("pos-tags  %s: %ld sentences, %ld gold tokens, %ld aligned (%.1f%%), "
           "tag agreement %.2f%% (%ld/%ld)\n",
           argv[1], sentences, gold_total, aligned,
           gold_total ? 100.0 * (double)aligned / (double)gold_total : 0.0,
           aligned ? 100.0 * (double)agree / (double)aligned : 0.0, agree, aligned);
    printf("  most frequent confusions (gold->gesta):");
    for (int k = 0; k < nconfs && k < 12; k++)
        printf(" %s->%s:%d", confs[k].gold, confs[k].got, confs[k].n);
    printf("\n");
    gesta_worker_free(w);
    gesta_engine_free(eng);
    xmlFreeDoc(doc);
    return 0;
}
