/*
 * gen-lang.c: generates src/lang/lexicon.c, the language tables of gesta,
 * from two Debian data packages:
 *
 *   festlex-poslex  /usr/share/festival/dicts/wsj.wp39.poslexR
 *                   (a Wall Street Journal lexicon: for each lower-case word,
 *                   its tags with log P(word | tag)) and wsj.wp39.tri.ngrambin
 *                   (tag trigram counts, Edinburgh Speech Tools binary n-gram)
 *   wordnet-base    /usr/share/wordnet/index.{noun,verb,adj,adv} and
 *                   {noun,verb,adj}.exc (base forms, word classes, irregular
 *                   inflections)
 *
 * Output (C arrays, committed with a banner so that a normal build needs
 * neither package):
 *   - the tag set (festival's 38 tags less its two unused ones) and the
 *     interpolated trigram transition table log P(t3 | t1 t2);
 *   - the lexicon: an open-addressing hash table over words; per word its
 *     tags with quantised log P(word | tag), its WordNet classes, and its
 *     verb and noun lemmas;
 *   - the suffix model for unknown words: for suffixes of length 1..5 of
 *     rare words, P(tag | suffix), and the tag prior;
 *   - irregular forms are folded into the lemma fields.
 *
 * Usage: gen-lang FESTIVAL_DICT_DIR WORDNET_DIR > src/lang/lexicon.c
 * It fails loudly (exit 1) when an input does not have the expected shape.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/lang/lexicon.h"

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "gen-lang: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        die("out of memory");
    return p;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = xmalloc((size_t)n + 1);
    if (fread(p, 1, (size_t)n, f) != (size_t)n)
        die("cannot read %s", path);
    fclose(f);
    p[n] = 0;
    *len = (size_t)n;
    return p;
}

/* ------------------------------------------------------------- tag set */

/* festival's tags in the order of the trigram file's vocabulary; "1" and
 * "2" carry a few hundred stray counts and no real words: they are dropped. */
#define NFEST 38
static const char *fest_vocab_expected[NFEST] = {
    "nn", "punc", "nnp", "dt", "in", "jj", "nns", "cd", "rb", "vbd", "vb", "prp", "cc",
    "of", "to", "vbz", "vbn", "vbg", "vbp", "md", "pos", "wdt", "jjr", "wp", "nnps",
    "wrb", "jjs", "rbr", "rp", "ex", "rbs", "pdt", "fw", "1", "uh", "sym", "ls", "2"};
#define NT 36
static int fest_to_t[NFEST]; /* festival index -> our tag or -1 */
static const char *tag_names[NT];

static int tag_of(const char *name)
{
    for (int i = 0; i < NT; i++)
        if (!strcmp(tag_names[i], name))
            return i;
    return -1;
}

/* -------------------------------------------------------------- trigram */

static double tri[NT][NT][NT];

static double be_double(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | p[i];
    double d;
    memcpy(&d, &v, 8);
    return d;
}

static void read_trigrams(const char *path)
{
    size_t len;
    unsigned char *d = (unsigned char *)slurp(path, &len);
    /* 4-byte magic, then "mBin_2 3\n", vocabulary line, predictee line */
    if (len < 16 || memcmp(d + 4, "mBin_2 3\n", 9) != 0)
        die("%s: not an EST binary trigram file (NgramBin_2 order 3)", path);
    size_t i = 13;
    char *voc[2][64];
    int nv[2] = {0, 0};
    for (int line = 0; line < 2; line++) {
        char buf[4096];
        size_t k = 0;
        while (i < len && d[i] != '\n' && k < sizeof buf - 1)
            buf[k++] = (char)d[i++];
        buf[k] = 0;
        i++;
        for (char *t = strtok(buf, " "); t; t = strtok(NULL, " ")) {
            if (nv[line] >= 64)
                die("%s: vocabulary too long", path);
            voc[line][nv[line]++] = xstrdup(t);
        }
    }
    if (nv[0] != NFEST || nv[1] != NFEST)
        die("%s: expected %d tags, found %d/%d", path, NFEST, nv[0], nv[1]);
    for (int k = 0; k < NFEST; k++)
        if (strcmp(voc[0][k], fest_vocab_expected[k]) || strcmp(voc[1][k], fest_vocab_expected[k]))
            die("%s: tag %d is '%s', expected '%s'", path, k, voc[0][k], fest_vocab_expected[k]);
    /* doubles, run-length encoded: a value < -1 repeats the previous one */
    size_t need = (size_t)NFEST * NFEST * NFEST;
    double *vals = xmalloc(need * sizeof(double));
    size_t n = 0;
    for (; i + 8 <= len; i += 8) {
        double v = be_double(d + i);
        if (v < -1) {
            if (n == 0)
                die("%s: run length before any value", path);
            for (int r = 0; r < (int)(-v) - 1; r++) {
                if (n >= need)
                    die("%s: too many values", path);
                vals[n] = vals[n - 1];
                n++;
            }
        } else {
            if (n >= need)
                die("%s: too many values", path);
            vals[n++] = v;
        }
    }
    if (n != need)
        die("%s: %zu trigram values, expected %zu", path, n, need);
    for (int a = 0; a < NFEST; a++)
        for (int b = 0; b < NFEST; b++)
            for (int c = 0; c < NFEST; c++) {
                int ta = fest_to_t[a], tb = fest_to_t[b], tc = fest_to_t[c];
                if (ta >= 0 && tb >= 0 && tc >= 0)
                    tri[ta][tb][tc] += vals[((size_t)a * NFEST + (size_t)b) * NFEST + (size_t)c];
            }
    free(vals);
    free(d);
}

/* Deleted interpolation (Brants 2000, TnT) over the trigram counts. */
static double uni[NT], bi[NT][NT], total;
static float trans[NT][NT][NT];
static double lambda[3];

static void build_transitions(void)
{
    for (int a = 0; a < NT; a++)
        for (int b = 0; b < NT; b++)
            for (int c = 0; c < NT; c++) {
                bi[b][c] += tri[a][b][c];
                uni[c] += tri[a][b][c];
                total += tri[a][b][c];
            }
    double l[3] = {0, 0, 0};
    for (int a = 0; a < NT; a++)
        for (int b = 0; b < NT; b++) {
            double ab = 0;
            for (int c = 0; c < NT; c++)
                ab += tri[a][b][c];
            for (int c = 0; c < NT; c++) {
                double f = tri[a][b][c];
                if (f < 1)
                    continue;
                double c3 = ab > 1 ? (f - 1) / (ab - 1) : 0;
                double c2 = uni[b] > 1 ? (bi[b][c] - 1) / (uni[b] - 1) : 0;
                double c1 = (uni[c] - 1) / (total - 1);
                if (c3 >= c2 && c3 >= c1)
                    l[2] += f;
                else if (c2 >= c1)
                    l[1] += f;
                else
                    l[0] += f;
            }
        }
    double s = l[0] + l[1] + l[2];
    for (int k = 0; k < 3; k++)
        lambda[k] = l[k] / s;
    for (int a = 0; a < NT; a++)
        for (int b = 0; b < NT; b++) {
            double ab = 0;
            for (int c = 0; c < NT; c++)
                ab += tri[a][b][c];
            for (int c = 0; c < NT; c++) {
                double p3 = ab > 0 ? tri[a][b][c] / ab : 0;
                double p2 = uni[b] > 0 ? bi[b][c] / uni[b] : 0;
                double p1 = uni[c] / total;
                double p = lambda[2] * p3 + lambda[1] * p2 + lambda[0] * p1;
                if (p < 1e-9)
                    p = 1e-9;
                trans[a][b][c] = (float)log(p);
            }
        }
}

/* -------------------------------------------------------------- lexicon */

#define MAXT 8

typedef struct word {
    char *w;
    int ntag;
    uint8_t tag[MAXT];
    float logp[MAXT];
    uint8_t wn;       /* WordNet classes: 1 noun, 2 verb, 4 adj, 8 adv */
    char *vlemma;     /* verb lemma when different from w */
    char *nlemma;     /* noun lemma when different from w */
} word;

static word *words;
static size_t nwords, capwords;

#define HBITS 18
#define HSIZE (1u << HBITS)
static int32_t *htab; /* word index + 1 */
/* the bits of a hash slot that hold the index (GS_LEX_IBITS in lexicon.h) */
#define IBITS 17

static uint32_t slot_of(int32_t index1, uint32_t hash)
{
    return index1 ? ((hash >> IBITS) << IBITS) | (uint32_t)index1 : 0;
}

/* The hash the tables are built with: the lexicon's own, gs_lex_strhash */
static uint32_t strhash(const char *s) { return gs_lex_strhash(s, strlen(s)); }

static word *find(const char *w)
{
    uint32_t h = strhash(w) & (HSIZE - 1);
    while (htab[h]) {
        word *x = &words[htab[h] - 1];
        if (!strcmp(x->w, w))
            return x;
        h = (h + 1) & (HSIZE - 1);
    }
    return NULL;
}

static word *add(const char *w)
{
    word *x = find(w);
    if (x)
        return x;
    if (nwords == capwords) {
        capwords = capwords ? capwords * 2 : 65536;
        words = realloc(words, capwords * sizeof(word));
        if (!words)
            die("out of memory");
    }
    if (nwords >= HSIZE / 2)
        die("lexicon too large for the hash table");
    x = &words[nwords++];
    memset(x, 0, sizeof *x);
    x->w = xstrdup(w);
    uint32_t h = strhash(w) & (HSIZE - 1);
    while (htab[h])
        h = (h + 1) & (HSIZE - 1);
    htab[h] = (int32_t)nwords;
    return x;
}

static void read_lexicon(const char *path)
{
    size_t len;
    char *d = slurp(path, &len);
    char *line = strtok(d, "\n");
    int n = 0;
    if (!line || strcmp(line, "MNCL"))
        die("%s: expected the MNCL header", path);
    while ((line = strtok(NULL, "\n"))) {
        /* ("word" ((tag logp) (tag logp) ) () ) */
        if (line[0] != '(' || line[1] != '"')
            die("%s: unexpected line: %.60s", path, line);
        char *q = strchr(line + 2, '"');
        if (!q)
            die("%s: unterminated word: %.60s", path, line);
        *q = 0;
        word *x = add(line + 2);
        char *p = q + 1;
        while ((p = strchr(p, '('))) {
            char tag[16];
            double lp;
            if (p[1] == '(') {
                p++;
                continue;
            }
            if (p[1] == ')')
                break;
            if (sscanf(p + 1, "%15s %lf", tag, &lp) != 2)
                die("%s: bad tag entry for %s", path, x->w);
            p++;
            int fi = -1;
            for (int k = 0; k < NFEST; k++)
                if (!strcmp(fest_vocab_expected[k], tag))
                    fi = k;
            if (fi < 0)
                die("%s: unknown tag %s for %s", path, tag, x->w);
            int t = fest_to_t[fi];
            if (t < 0 || x->ntag >= MAXT)
                continue;
            x->tag[x->ntag] = (uint8_t)t;
            x->logp[x->ntag] = (float)lp;
            x->ntag++;
        }
        n++;
    }
    if (n < 30000)
        die("%s: only %d words read", path, n);
    free(d);
}

/* WordNet base forms: index.POS lines start with the lemma (spaces as _). */
static void read_wn_index(const char *dir, const char *pos, uint8_t bit)
{
    char path[512];
    snprintf(path, sizeof path, "%s/index.%s", dir, pos);
    size_t len;
    char *d = slurp(path, &len);
    int n = 0;
    for (char *line = strtok(d, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == ' ')
            continue; /* licence header */
        char *sp = strchr(line, ' ');
        if (!sp)
            continue;
        *sp = 0;
        if (strchr(line, '_'))
            continue; /* multi-word lemmas are the dictionaries' business */
        add(line)->wn |= bit;
        n++;
    }
    if (n < 1000)
        die("%s: only %d lemmas", path, n);
    free(d);
}

static int wn_has(const char *w, uint8_t bit)
{
    word *x = find(w);
    return x && (x->wn & bit);
}

/* Irregular forms: "inflected base" lines of POS.exc. */
static void read_wn_exc(const char *dir, const char *pos, int verb)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.exc", dir, pos);
    size_t len;
    char *d = slurp(path, &len);
    for (char *line = strtok(d, "\n"); line; line = strtok(NULL, "\n")) {
        char form[128], base[128];
        if (sscanf(line, "%127s %127s", form, base) != 2)
            die("%s: bad line %.60s", path, line);
        if (strchr(form, '_') || strchr(base, '_'))
            continue;
        word *x = add(form);
        char **slot = verb ? &x->vlemma : &x->nlemma;
        if (!*slot && strcmp(form, base))
            *slot = xstrdup(base);
    }
    free(d);
}

/* WordNet's morphological rules (morphy), validated against base forms. */
static char *morphy(const char *w, int verb)
{
    static const char *const vsuf[][2] = {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""},
                                          {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}};
    static const char *const nsuf[][2] = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
                                          {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
                                          {"ies", "y"}};
    size_t n = strlen(w);
    int cnt = verb ? 8 : 8;
    uint8_t bit = verb ? 2 : 1;
    for (int i = 0; i < cnt; i++) {
        const char *suf = verb ? vsuf[i][0] : nsuf[i][0];
        const char *rep = verb ? vsuf[i][1] : nsuf[i][1];
        size_t sl = strlen(suf);
        if (n <= sl + 1 || strcmp(w + n - sl, suf))
            continue;
        char buf[256];
        if (n - sl + strlen(rep) >= sizeof buf)
            continue;
        memcpy(buf, w, n - sl);
        strcpy(buf + n - sl, rep);
        if (wn_has(buf, bit))
            return xstrdup(buf);
        /* doubled consonant: "stopped" -> "stop", "planning" -> "plan" */
        if (verb && (i >= 4) && n - sl >= 3 && buf[n - sl - 1] == buf[n - sl - 2] && !*rep) {
            buf[n - sl - 1] = 0;
            if (wn_has(buf, bit))
                return xstrdup(buf);
        }
    }
    return NULL;
}

static int has_tag(const word *x, const char *name)
{
    int t = tag_of(name);
    for (int i = 0; i < x->ntag; i++)
        if (x->tag[i] == t)
            return 1;
    return 0;
}

static void build_lemmas(void)
{
    for (size_t i = 0; i < nwords; i++) {
        word *x = &words[i];
        int verbish = has_tag(x, "vbd") || has_tag(x, "vbn") || has_tag(x, "vbg") ||
                      has_tag(x, "vbz") || (!x->ntag && !(x->wn & 2));
        int nounish = has_tag(x, "nns") || has_tag(x, "nnps") || (!x->ntag && !(x->wn & 1));
        if (!x->vlemma && verbish && !(x->wn & 2 && !has_tag(x, "vbd") && !has_tag(x, "vbn") &&
                                       !has_tag(x, "vbg") && !has_tag(x, "vbz")))
            x->vlemma = morphy(x->w, 1);
        if (!x->nlemma && nounish && !(x->wn & 1 && !has_tag(x, "nns")))
            x->nlemma = morphy(x->w, 0);
        if (x->vlemma && !strcmp(x->vlemma, x->w)) {
            free(x->vlemma);
            x->vlemma = NULL;
        }
        if (x->nlemma && !strcmp(x->nlemma, x->w)) {
            free(x->nlemma);
            x->nlemma = NULL;
        }
    }
}

/* ------------------------------------------------------ suffix model */

#define MAXSUF 5
typedef struct suffix {
    char s[MAXSUF + 1];
    double c[NT];
    double tot;
} suffix;
static suffix *sufs;
static size_t nsufs, capsufs;
#define SBITS 16
#define SSIZE (1u << SBITS)
static int32_t *stab;

static suffix *suf_get(const char *s)
{
    uint32_t h = strhash(s) & (SSIZE - 1);
    while (stab[h]) {
        suffix *x = &sufs[stab[h] - 1];
        if (!strcmp(x->s, s))
            return x;
        h = (h + 1) & (SSIZE - 1);
    }
    if (nsufs == capsufs) {
        capsufs = capsufs ? capsufs * 2 : 16384;
        sufs = realloc(sufs, capsufs * sizeof(suffix));
        if (!sufs)
            die("out of memory");
    }
    if (nsufs >= SSIZE / 2)
        die("too many suffixes");
    suffix *x = &sufs[nsufs++];
    memset(x, 0, sizeof *x);
    snprintf(x->s, sizeof x->s, "%s", s);
    stab[h] = (int32_t)nsufs;
    return x;
}

static int is_letters(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '-'))
            return 0;
    return 1;
}

static void build_suffixes(void)
{
    /* count(word, tag) = P(word | tag) * count(tag); rare words (count <= 10)
     * stand in for the unknown words of running text */
    for (size_t i = 0; i < nwords; i++) {
        word *x = &words[i];
        if (!x->ntag || !is_letters(x->w))
            continue;
        double c[NT] = {0}, tot = 0;
        for (int k = 0; k < x->ntag; k++) {
            c[x->tag[k]] = exp(x->logp[k]) * uni[x->tag[k]];
            tot += c[x->tag[k]];
        }
        if (tot > 10 || tot <= 0)
            continue;
        size_t n = strlen(x->w);
        for (size_t l = 1; l <= MAXSUF && l < n; l++) {
            suffix *s = suf_get(x->w + n - l);
            for (int t = 0; t < NT; t++)
                s->c[t] += c[t];
            s->tot += tot;
        }
    }
}

/* ------------------------------------------------------------- output */

static void emit_str(FILE *o, const char *s)
{
    fputc('"', o);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', o);
        fputc(*s, o);
    }
    fputc('"', o);
}

int main(int argc, char **argv)
{
    if (argc != 3)
        die("usage: gen-lang FESTIVAL_DICT_DIR WORDNET_DIR");
    const char *fdir = argv[1], *wdir = argv[2];
    for (int k = 0, t = 0; k < NFEST; k++) {
        if (!strcmp(fest_vocab_expected[k], "1") || !strcmp(fest_vocab_expected[k], "2")) {
            fest_to_t[k] = -1;
        } else {
            fest_to_t[k] = t;
            tag_names[t++] = fest_vocab_expected[k];
        }
    }
    htab = xmalloc(HSIZE * sizeof(int32_t));
    stab = xmalloc(SSIZE * sizeof(int32_t));
    char path[512];
    snprintf(path, sizeof path, "%s/wsj.wp39.tri.ngrambin", fdir);
    read_trigrams(path);
    build_transitions();
    snprintf(path, sizeof path, "%s/wsj.wp39.poslexR", fdir);
    read_lexicon(path);
    size_t nfest = nwords;
    read_wn_index(wdir, "noun", 1);
    read_wn_index(wdir, "verb", 2);
    read_wn_index(wdir, "adj", 4);
    read_wn_index(wdir, "adv", 8);
    read_wn_exc(wdir, "verb", 1);
    read_wn_exc(wdir, "noun", 0);
    build_lemmas();
    build_suffixes();

    FILE *o = stdout;
    fprintf(o, "/*\n * lexicon.c: GENERATED by tools/gen-lang.c -- do not edit; `make regen` rebuilds it.\n"
               " *\n * Inputs: festlex-poslex (wsj.wp39.poslexR: %zu words; wsj.wp39.tri.ngrambin:\n"
               " * tag trigram counts, %.0f tokens) and wordnet-base 3.0 (index.{noun,verb,adj,adv},\n"
               " * verb.exc, noun.exc): %zu entries in all.\n"
               " * Trigram interpolation weights (deleted interpolation): %.4f %.4f %.4f.\n */\n",
            nfest, total, nwords, lambda[0], lambda[1], lambda[2]);
    fprintf(o, "#include \"lexicon.h\"\n\n");
    fprintf(o, "const char *const gs_tag_names[GS_NTAGS] = {");
    for (int t = 0; t < NT; t++)
        fprintf(o, "%s\"%s\"", t ? ", " : "", tag_names[t]);
    fprintf(o, "};\n\n");
    /* tag prior */
    fprintf(o, "const float gs_tag_logprior[GS_NTAGS] = {");
    for (int t = 0; t < NT; t++)
        fprintf(o, "%s%.5ff", t ? ", " : "", log((uni[t] + 1) / (total + NT)));
    fprintf(o, "};\n\n");
    fprintf(o, "const float gs_trans[GS_NTAGS][GS_NTAGS][GS_NTAGS] = {\n");
    for (int a = 0; a < NT; a++) {
        fprintf(o, " {");
        for (int b = 0; b < NT; b++) {
            fprintf(o, "{");
            for (int c = 0; c < NT; c++)
                fprintf(o, "%s%.3ff", c ? "," : "", trans[a][b][c]);
            fprintf(o, "}%s", b < NT - 1 ? "," : "");
        }
        fprintf(o, "}%s\n", a < NT - 1 ? "," : "");
    }
    fprintf(o, "};\n\n");

    /* strings: one pool; offset 0 is the empty string */
    fprintf(o, "const char gs_lex_pool[] =\n    \"\\0\"\n");
    size_t off = 1;
    uint32_t *woff = xmalloc(nwords * sizeof(uint32_t));
    uint32_t *voff = xmalloc(nwords * sizeof(uint32_t));
    uint32_t *noff = xmalloc(nwords * sizeof(uint32_t));
    for (size_t i = 0; i < nwords; i++) {
        word *x = &words[i];
        woff[i] = (uint32_t)off;
        fprintf(o, "    ");
        emit_str(o, x->w);
        fprintf(o, " \"\\0\"");
        off += strlen(x->w) + 1;
        voff[i] = noff[i] = 0;
        if (x->vlemma) {
            word *l = find(x->vlemma);
            if (l && (size_t)(l - words) < i) {
                voff[i] = woff[l - words];
            } else {
                voff[i] = (uint32_t)off;
                fprintf(o, " ");
                emit_str(o, x->vlemma);
                fprintf(o, " \"\\0\"");
                off += strlen(x->vlemma) + 1;
            }
        }
        if (x->nlemma) {
            word *l = find(x->nlemma);
            if (l && (size_t)(l - words) < i) {
                noff[i] = woff[l - words];
            } else {
                noff[i] = (uint32_t)off;
                fprintf(o, " ");
                emit_str(o, x->nlemma);
                fprintf(o, " \"\\0\"");
                off += strlen(x->nlemma) + 1;
            }
        }
        fprintf(o, "\n");
    }
    fprintf(o, ";\n\n");

    size_t ntagv = 0;
    fprintf(o, "const gs_lex_tagp gs_lex_tagv[] = {\n");
    for (size_t i = 0; i < nwords; i++) {
        word *x = &words[i];
        for (int k = 0; k < x->ntag; k++) {
            fprintf(o, "{%d,%d},", x->tag[k], (int)lrint(x->logp[k] * 256));
            ntagv++;
        }
        if (x->ntag)
            fprintf(o, "\n");
    }
    fprintf(o, "{0,0}};\n\n");
    fprintf(o, "const gs_lex_entry gs_lex_entries[%zu] = {\n", nwords);
    size_t tv = 0;
    for (size_t i = 0; i < nwords; i++) {
        word *x = &words[i];
        fprintf(o, "{%u,%u,%u,%zu,%d,%d},\n", woff[i], voff[i], noff[i], tv, x->ntag, x->wn);
        tv += (size_t)x->ntag;
    }
    fprintf(o, "};\nconst uint32_t gs_lex_count = %zu;\n\n", nwords);
    /* a slot: the entry's index + 1 in its low IBITS bits, the high bits of
     * the word's hash above them (a probe that fails reads no entry) */
    if (nwords >= (1u << IBITS))
        die("lexicon too large for the slot's index bits");
    fprintf(o, "const uint32_t gs_lex_hash[GS_LEX_HSIZE] = {\n");
    for (size_t i = 0; i < HSIZE; i++)
        fprintf(o, "%u,%s", slot_of(htab[i], htab[i] ? strhash(words[htab[i] - 1].w) : 0),
                (i % 16 == 15) ? "\n" : "");
    fprintf(o, "};\n\n");

    /* suffix model: keep suffixes seen with enough mass; P(tag|suffix) as
     * log probabilities, tags below 1% dropped */
    fprintf(o, "const gs_suffix_entry gs_suffixes[] = {\n");
    size_t nsout = 0;
    int32_t *shash = xmalloc(SSIZE * sizeof(int32_t));
    uint32_t *shash_of = xmalloc(nsufs * sizeof(uint32_t)); /* by output index */
    for (size_t i = 0; i < nsufs; i++) {
        suffix *s = &sufs[i];
        if (s->tot < 2.0)
            continue;
        fprintf(o, "{");
        emit_str(o, s->s);
        fprintf(o, ",{");
        int k = 0;
        for (int t = 0; t < NT && k < 6; t++) {
            double p = s->c[t] / s->tot;
            if (p < 0.01)
                continue;
            fprintf(o, "{%d,%d},", t, (int)lrint(log(p) * 256));
            k++;
        }
        fprintf(o, "},%d},\n", k);
        uint32_t h = strhash(s->s) & (SSIZE - 1);
        shash_of[nsout] = strhash(s->s);
        while (shash[h])
            h = (h + 1) & (SSIZE - 1);
        shash[h] = (int32_t)++nsout;
    }
    fprintf(o, "};\n\n");
    if (nsout >= (1u << IBITS))
        die("too many suffixes for the slot's index bits");
    fprintf(o, "const uint32_t gs_suffix_hash[GS_SUFFIX_HSIZE] = {\n");
    for (size_t i = 0; i < SSIZE; i++)
        fprintf(o, "%u,%s", slot_of(shash[i], shash[i] ? shash_of[shash[i] - 1] : 0),
                (i % 16 == 15) ? "\n" : "");
    fprintf(o, "};\n");
    fprintf(stderr, "gen-lang: %zu entries (%zu from festival), %zu tag probabilities, %zu suffixes\n",
            nwords, nfest, ntagv, nsout);
    return 0;
}
