/*
 * gen-countries.c: generates data/countries.actors.txt, gesta's dictionary
 * of countries, from Debian data packages and gesta's own corrections:
 *
 *   iso_3166-1.json  (iso-codes)     the names of every ISO 3166-1 entry
 *   data.noun, data.adj (wordnet-base) each country's synset: its other
 *                                    names, its national capital(s) and the
 *                                    adjectives that pertain to it ("German")
 *   tools/countries-extra.txt        additions, removals, seats of
 *                                    government, written for gesta
 *
 * Usage: gen-countries ISO_JSON WORDNET_DIR EXTRA_TXT > data/countries.actors.txt
 *
 * A phrase that two countries would claim is left out unless the extra
 * file assigns it; every such decision is reported on stderr.  Fails
 * loudly (exit 1) when an input does not have the expected shape.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "gen-countries: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static void *xcalloc(size_t n, size_t s)
{
    void *p = calloc(n ? n : 1, s);
    if (!p)
        die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        die("out of memory");
    return d;
}

#define GROW(arr, n, cap)                                                              \
    do {                                                                               \
        if ((n) == (cap)) {                                                            \
            (cap) = (cap) ? (cap) * 2 : 64;                                            \
            void *np_ = realloc((arr), (cap) * sizeof *(arr));                         \
            if (!np_)                                                                  \
                die("out of memory");                                                  \
            (arr) = np_;                                                               \
        }                                                                              \
    } while (0)

/* ------------------------------------------------------------- WordNet */

typedef struct ptr {
    char sym[3];
    long target;
    char pos;
    int src, dst; /* word numbers of a lexical pointer, 0 = whole synset */
} ptr;

typedef struct synset {
    long off;
    int lex;
    int nwords;
    char **words;
    int nptrs;
    ptr *ptrs;
} synset;

typedef struct wordnet {
    synset *s;
    size_t n, cap;
} wordnet;

/* Reads a WordNet data file (data.noun, data.adj). */
static void wn_read(wordnet *wn, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: cannot open", path);
    static char line[65536];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == ' ')
            continue; /* licence header */
        char *bar = strstr(line, " | ");
        if (bar)
            *bar = '\0';
        char *save = NULL;
        static char *tok[16384];
        int nt = 0;
        for (char *t = strtok_r(line, " \n", &save); t && nt < 16384; t = strtok_r(NULL, " \n", &save))
            tok[nt++] = t;
        if (nt < 6)
            die("%s: short synset line", path);
        synset s = {0};
        s.off = atol(tok[0]);
        s.lex = atoi(tok[1]);
        s.nwords = (int)strtol(tok[3], NULL, 16);
        int i = 4;
        if (s.nwords <= 0 || i + 2 * s.nwords >= nt)
            die("%s: bad word count at %ld", path, s.off);
        s.words = xcalloc((size_t)s.nwords, sizeof(char *));
        for (int k = 0; k < s.nwords; k++) {
            char *w = tok[i + 2 * k];
            char *paren = strchr(w, '('); /* adjective markers: German(a) */
            if (paren)
                *paren = '\0';
            s.words[k] = xstrdup(w);
        }
        i += 2 * s.nwords;
        s.nptrs = atoi(tok[i++]);
        if (s.nptrs < 0 || i + 4 * s.nptrs > nt)
            die("%s: bad pointer count at %ld", path, s.off);
        s.ptrs = xcalloc((size_t)s.nptrs, sizeof(ptr));
        for (int k = 0; k < s.nptrs; k++, i += 4) {
            ptr *p = &s.ptrs[k];
            snprintf(p->sym, sizeof p->sym, "%s", tok[i]);
            p->target = atol(tok[i + 1]);
            p->pos = tok[i + 2][0];
            unsigned st = (unsigned)strtoul(tok[i + 3], NULL, 16);
            p->src = (int)(st >> 8);
            p->dst = (int)(st & 0xff);
        }
        GROW(wn->s, wn->n, wn->cap);
        wn->s[wn->n++] = s;
    }
    fclose(f);
    if (wn->n == 0)
        die("%s: no synsets", path);
}

/* The synset at byte offset off (files are sorted by offset). */
static synset *wn_at(wordnet *wn, long off)
{
    size_t lo = 0, hi = wn->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (wn->s[mid].off < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < wn->n && wn->s[lo].off == off ? &wn->s[lo] : NULL;
}

/* ----------------------------------------------------------- phrases */

/* The matching key of a phrase: words joined by '_', case-folded and
 * stripped of diacritics (as gesta's matcher does). */
static char *key_of(const char *phrase)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)phrase, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK |
                                          UTF8PROC_CASEFOLD);
    if (r < 0)
        die("phrase '%s' is not valid UTF-8", phrase);
    for (char *s = (char *)out; *s; s++)
        if (*s == ' ')
            *s = '_';
    return (char *)out;
}

/* A name as a dictionary phrase: parenthesised parts dropped, spaces as
 * '_', ASCII letters upper-cased (others keep their case: matching folds). */
static char *phrase_of(const char *name)
{
    size_t n = strlen(name);
    char *p = xcalloc(n + 1, 1);
    size_t k = 0;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (c == '(') {
            depth++;
            continue;
        }
        if (c == ')') {
            depth--;
            continue;
        }
        if (depth > 0)
            continue;
        if (c == ' ')
            c = '_';
        p[k++] = (char)((c >= 'a' && c <= 'z') ? c - 32 : c);
    }
    while (k > 0 && p[k - 1] == '_')
        k--;
    p[k] = '\0';
    /* collapse "__" left by dropped parentheses */
    char *w = p;
    for (char *r = p; *r; r++)
        if (!(*r == '_' && (w == p || w[-1] == '_')))
            *w++ = *r;
    *w = '\0';
    if (w > p && w[-1] == '_')
        w[-1] = '\0';
    return p;
}

/* ---------------------------------------------------------- countries */

enum kind { K_NAME, K_SYN, K_DEMONYM, K_CAPITAL, K_SEAT };

typedef struct entry {
    char *phrase; /* as written */
    char *key;
    int country;
    enum kind kind;
    char code[32]; /* for seats */
    bool explicit_; /* from the extra file */
    bool removed;
    const char *note;
} entry;

typedef struct country {
    char iso[4];
    char code[32]; /* CAMEO code */
    char *name;   /* display name */
    char *root;   /* root phrase */
    char **names; /* names to look up in WordNet */
    size_t nnames, cap_names;
    long synset; /* chosen WordNet synset, 0 if none */
} country;

static country *cs;
static size_t ncs, cap_cs;
static entry *es;
static size_t nes, cap_es;

static int country_by_iso(const char *iso)
{
    for (size_t i = 0; i < ncs; i++)
        if (!strcmp(cs[i].iso, iso))
            return (int)i;
    return -1;
}

static void add_name(country *c, const char *name)
{
    for (size_t i = 0; i < c->nnames; i++)
        if (!strcasecmp(c->names[i], name))
            return;
    GROW(c->names, c->nnames, c->cap_names);
    c->names[c->nnames++] = xstrdup(name);
}

static void add_entry(int country, const char *phrase, enum kind kind, const char *code,
                      bool explicit_, const char *note)
{
    entry e = {0};
    e.phrase = xstrdup(phrase);
    e.key = key_of(phrase);
    e.country = country;
    e.kind = kind;
    snprintf(e.code, sizeof e.code, "%s", code ? code : "");
    e.explicit_ = explicit_;
    e.note = note;
    GROW(es, nes, cap_es);
    es[nes++] = e;
}

/* "Korea, Republic of" -> "Republic of Korea"; "Virgin Islands, British" ->
 * "British Virgin Islands"; NULL when the inversion is not a name
 * ("Taiwan, Province of China"). */
static char *uninvert(const char *name)
{
    const char *comma = strchr(name, ',');
    if (!comma)
        return NULL;
    const char *after = comma + 1;
    while (*after == ' ')
        after++;
    size_t la = strlen(after);
    bool of_end = (la > 3 && !strcmp(after + la - 3, " of")) ||
                  (la > 7 && !strcmp(after + la - 7, " of the"));
    if (!of_end && strstr(after, " of "))
        return NULL;
    if (!strncmp(after, "The ", 4))
        after += 4;
    char *r = xcalloc(strlen(name) + 4, 1);
    sprintf(r, "%s %.*s", after, (int)(comma - name), name);
    return r;
}

static void read_iso(const char *path)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root)
        die("%s:%d: %s", path, err.line, err.text);
    json_t *arr = json_object_get(root, "3166-1");
    if (!json_is_array(arr) || json_array_size(arr) < 200)
        die("%s: no 3166-1 array", path);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        const char *a3 = json_string_value(json_object_get(v, "alpha_3"));
        const char *name = json_string_value(json_object_get(v, "name"));
        const char *off = json_string_value(json_object_get(v, "official_name"));
        const char *com = json_string_value(json_object_get(v, "common_name"));
        if (!a3 || strlen(a3) != 3 || !name)
            die("%s: entry %zu lacks alpha_3 or name", path, i);
        GROW(cs, ncs, cap_cs);
        country *c = &cs[ncs++];
        memset(c, 0, sizeof *c);
        snprintf(c->iso, sizeof c->iso, "%s", a3);
        snprintf(c->code, sizeof c->code, "%s", a3);
        char *inv = uninvert(name);
        char *before = xstrdup(name);
        char *comma = strchr(before, ',');
        if (comma)
            *comma = '\0';
        /* display and root: the common name, else the plain name */
        const char *disp = com ? com : comma ? before : name;
        c->name = xstrdup(disp);
        char *rp = phrase_of(disp);
        c->root = rp;
        add_name(c, disp);
        add_name(c, name);
        if (inv)
            add_name(c, inv);
        if (comma)
            add_name(c, before);
        if (off)
            add_name(c, off);
        if (com)
            add_name(c, com);
        int ci = (int)(c - cs);
        for (size_t k = 0; k < c->nnames; k++) {
            if (strchr(c->names[k], ','))
                continue;
            char *p = phrase_of(c->names[k]);
            add_entry(ci, p, K_NAME, NULL, false, "ISO 3166-1");
            free(p);
        }
        free(inv);
        free(before);
    }
    json_decref(root);
}

/* ------------------------------------------------------------- extra */

typedef struct directive {
    int line;
    char iso[4];
    char op[16]; /* +, -, CAPITAL, SEAT, CODE, NAME */
    char arg[256];
    char code[32];
} directive;

static directive *ds;
static size_t nds, cap_ds;

static void read_extra(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: cannot open", path);
    char line[1024];
    int ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char a[64] = "", b[200] = "", c[200] = "", d[30] = "";
        int n = sscanf(line, "%63s %199s %199s %29s", a, b, c, d);
        if (n <= 0)
            continue;
        if (strlen(a) != 3 || n < 2)
            die("%s:%d: expected 'CCC +PHRASE' or 'CCC KEYWORD ARG'", path, ln);
        directive dv = {0};
        dv.line = ln;
        memcpy(dv.iso, a, 4);
        if (b[0] == '+' || b[0] == '-') {
            dv.op[0] = b[0];
            snprintf(dv.arg, sizeof dv.arg, "%s", b + 1);
            if (n > 2)
                die("%s:%d: extra words after the phrase", path, ln);
        } else if (!strcmp(b, "CAPITAL") || !strcmp(b, "CODE") || !strcmp(b, "NAME") ||
                   !strcmp(b, "SEAT")) {
            snprintf(dv.op, sizeof dv.op, "%s", b);
            if (n < 3)
                die("%s:%d: %s needs an argument", path, ln, b);
            snprintf(dv.arg, sizeof dv.arg, "%s", c);
            if (!strcmp(b, "SEAT")) {
                size_t dl = strlen(d);
                if (n < 4 || d[0] != '[' || dl < 3 || d[dl - 1] != ']')
                    die("%s:%d: SEAT needs a [CODE]", path, ln);
                snprintf(dv.code, sizeof dv.code, "%.*s", (int)(dl - 2), d + 1);
            } else if (n > 3)
                die("%s:%d: extra words after %s", path, ln, b);
        } else
            die("%s:%d: unknown directive '%s'", path, ln, b);
        if (!dv.arg[0])
            die("%s:%d: empty phrase", path, ln);
        GROW(ds, nds, cap_ds);
        ds[nds++] = dv;
    }
    fclose(f);
}

/* NAME and CODE first (they create countries and set codes), then the
 * '+' names that help find WordNet synsets. */
static void apply_names(const char *path)
{
    for (size_t i = 0; i < nds; i++) {
        directive *d = &ds[i];
        if (!strcmp(d->op, "NAME") && country_by_iso(d->iso) < 0) {
            GROW(cs, ncs, cap_cs);
            country *c = &cs[ncs++];
            memset(c, 0, sizeof *c);
            memcpy(c->iso, d->iso, 4);
            memcpy(c->code, d->iso, 4);
            char disp[256];
            snprintf(disp, sizeof disp, "%s", d->arg);
            bool start = true; /* KOSOVO -> Kosovo */
            for (char *s = disp; *s; s++) {
                *s = *s == '_' ? ' ' : (char)(start ? *s : tolower((unsigned char)*s));
                start = *s == ' ' || *s == '-';
            }
            c->name = xstrdup(disp);
            c->root = xstrdup(d->arg);
            add_name(c, disp);
        }
    }
    for (size_t i = 0; i < nds; i++) {
        directive *d = &ds[i];
        int ci = country_by_iso(d->iso);
        if (ci < 0)
            die("%s:%d: %s is neither an ISO 3166-1 code nor NAMEd", path, d->line, d->iso);
        if (!strcmp(d->op, "CODE"))
            snprintf(cs[ci].code, sizeof cs[ci].code, "%.31s", d->arg);
        if (!strcmp(d->op, "+")) {
            char name[256];
            snprintf(name, sizeof name, "%s", d->arg);
            for (char *s = name; *s; s++)
                *s = *s == '_' ? ' ' : *s;
            add_name(&cs[ci], name);
        }
    }
}

static void apply_rest(void)
{
    for (size_t i = 0; i < nds; i++) {
        directive *d = &ds[i];
        int ci = country_by_iso(d->iso);
        if (!strcmp(d->op, "+") || !strcmp(d->op, "NAME"))
            add_entry(ci, d->arg, K_NAME, NULL, true, "gesta");
        else if (!strcmp(d->op, "CAPITAL"))
            add_entry(ci, d->arg, K_CAPITAL, NULL, true, "capital");
        else if (!strcmp(d->op, "SEAT")) {
            if (strncmp(d->code, cs[ci].code, strlen(cs[ci].code)))
                die("countries-extra line %d: seat code %s does not start with %s", d->line,
                    d->code, cs[ci].code);
            add_entry(ci, d->arg, K_SEAT, d->code, true, "seat of government");
        }
    }
    /* removals apply to generated and explicit entries of that country */
    for (size_t i = 0; i < nds; i++) {
        directive *d = &ds[i];
        if (strcmp(d->op, "-"))
            continue;
        int ci = country_by_iso(d->iso);
        char *k = key_of(d->arg);
        for (size_t j = 0; j < nes; j++)
            if (es[j].country == ci && !strcmp(es[j].key, k))
                es[j].removed = true;
        free(k);
    }
}

/* ------------------------------------------------------- WordNet part */

/* How much the @i hypernym h says "country": 2 for countries and states,
 * 1 for islands, colonies and other territories, 0 otherwise. */
static int country_score(const synset *h)
{
    static const char *const strong[] = {"country", "State", "kingdom", "principality",
                                         "commonwealth", "sultanate", "emirate", "nation", NULL};
    static const char *const weak[] = {"island", "archipelago", "possession", "colony", "district",
                                       "geographical_area", "mandate", "dependency", "territory",
                                       NULL};
    const char *w = h->words[0];
    if (!strcmp(w, "American_state"))
        return 0;
    for (int i = 0; strong[i]; i++)
        if (strstr(w, strong[i]))
            return 2;
    for (int i = 0; weak[i]; i++)
        if (!strcmp(w, weak[i]))
            return 1;
    return 0;
}

static bool same_name(const char *wn, const char *name)
{
    size_t n = strlen(name);
    if (strlen(wn) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char a = wn[i] == '_' ? ' ' : wn[i];
        if (tolower((unsigned char)a) != tolower((unsigned char)name[i]))
            return false;
    }
    return true;
}

/* A WordNet synonym is kept when it is a name: capitalised, not a two-letter
 * abbreviation, not a common word ("Man" for the Isle of Man). */
static bool good_synonym(wordnet *noun, const char *w)
{
    if (!isupper((unsigned char)w[0]))
        return strncmp(w, "the_", 4) == 0;
    size_t n = strlen(w);
    if (n <= 2)
        return false;
    if (!strchr(w, '_')) {
        char low[256];
        snprintf(low, sizeof low, "%s", w);
        for (char *s = low; *s; s++)
            *s = (char)tolower((unsigned char)*s);
        for (size_t i = 0; i < noun->n; i++)
            for (int k = 0; k < noun->s[i].nwords; k++)
                if (!strcmp(noun->s[i].words[k], low))
                    return false;
    }
    return true;
}

static void wordnet_part(wordnet *noun, wordnet *adj)
{
    long capital_off = 0;
    for (size_t i = 0; i < noun->n && !capital_off; i++)
        if (!strcmp(noun->s[i].words[0], "national_capital"))
            capital_off = noun->s[i].off;
    if (!capital_off)
        die("WordNet has no national_capital synset");
    for (size_t ci = 0; ci < ncs; ci++) {
        country *c = &cs[ci];
        synset *best = NULL;
        int best_score = 0, best_hits = 0;
        for (size_t i = 0; i < noun->n; i++) {
            synset *s = &noun->s[i];
            if (s->lex != 15)
                continue;
            int hits = 0;
            for (int k = 0; k < s->nwords; k++)
                for (size_t j = 0; j < c->nnames; j++)
                    if (same_name(s->words[k], c->names[j]))
                        hits++;
            if (!hits)
                continue;
            int score = 0;
            for (int k = 0; k < s->nptrs; k++)
                if (!strcmp(s->ptrs[k].sym, "@i")) {
                    synset *h = wn_at(noun, s->ptrs[k].target);
                    int sc = h ? country_score(h) : 0;
                    if (sc > score)
                        score = sc;
                }
            if (score > best_score || (score == best_score && score > 0 && hits > best_hits)) {
                best = s;
                best_score = score;
                best_hits = hits;
            }
        }
        if (!best) {
            fprintf(stderr, "gen-countries: %s (%s): no WordNet synset\n", c->iso, c->name);
            continue;
        }
        c->synset = best->off;
        for (int k = 0; k < best->nwords; k++)
            if (good_synonym(noun, best->words[k]))
                add_entry((int)ci, best->words[k], K_SYN, NULL, false, "WordNet");
        /* capitals: instances of national_capital that are part of it */
        for (size_t i = 0; i < noun->n; i++) {
            synset *s = &noun->s[i];
            bool is_cap = false, part = false;
            for (int k = 0; k < s->nptrs; k++) {
                if (!strcmp(s->ptrs[k].sym, "@i") && s->ptrs[k].target == capital_off)
                    is_cap = true;
                if (!strcmp(s->ptrs[k].sym, "#p") && s->ptrs[k].target == best->off)
                    part = true;
            }
            if (is_cap && part)
                for (int k = 0; k < s->nwords; k++)
                    if (isupper((unsigned char)s->words[k][0]) && strncmp(s->words[k], "capital_of", 10))
                        add_entry((int)ci, s->words[k], K_CAPITAL, NULL, false, "capital (WordNet)");
        }
        /* demonyms: adjectives that pertain to the synset, and their plurals */
        for (size_t i = 0; i < adj->n; i++) {
            synset *s = &adj->s[i];
            for (int k = 0; k < s->nptrs; k++) {
                ptr *p = &s->ptrs[k];
                if (strcmp(p->sym, "\\") || p->pos != 'n' || p->target != best->off)
                    continue;
                const char *w = s->words[p->src > 0 && p->src <= s->nwords ? p->src - 1 : 0];
                if (!isupper((unsigned char)w[0]) || strchr(w, '-'))
                    continue;
                add_entry((int)ci, w, K_DEMONYM, NULL, false, "WordNet demonym");
                size_t n = strlen(w);
                char last = w[n - 1];
                if (last == 'n' || last == 'i' || last == 'o') {
                    char pl[256];
                    snprintf(pl, sizeof pl, "%ss", w);
                    add_entry((int)ci, pl, K_DEMONYM, NULL, false, "WordNet demonym, plural");
                }
            }
        }
    }
}

/* ------------------------------------------------------------ resolve */

static int by_key(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->explicit_ != y->explicit_)
        return x->explicit_ ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

/* For each key keeps one entry: the extra file's if any (two different
 * explicit codes are an error), else the generated one when every claim
 * names the same country, else none. */
static void resolve(void)
{
    qsort(es, nes, sizeof *es, by_key);
    for (size_t i = 0; i < nes;) {
        size_t j = i;
        while (j < nes && !strcmp(es[j].key, es[i].key))
            j++;
        size_t first = j; /* the first entry still standing */
        for (size_t k = i; k < j && first == j; k++)
            if (!es[k].removed)
                first = k;
        size_t keep = first;
        if (first < j && es[first].explicit_) {
            for (size_t k = first + 1; k < j; k++) {
                if (es[k].removed)
                    continue;
                if (es[k].explicit_ &&
                    (es[k].country != es[first].country || strcmp(es[k].code, es[first].code)))
                    die("phrase %s is given to both %s and %s in the extra file", es[first].phrase,
                        cs[es[first].country].iso, cs[es[k].country].iso);
                if (!es[k].explicit_ && es[k].country != es[first].country)
                    fprintf(stderr, "gen-countries: %s: %s (extra) overrides %s (%s)\n",
                            es[first].phrase, cs[es[first].country].iso, cs[es[k].country].iso,
                            es[k].note);
            }
        } else if (first < j) {
            bool same = true;
            for (size_t k = first + 1; k < j; k++)
                if (!es[k].removed && es[k].country != es[first].country)
                    same = false;
            if (!same) {
                fprintf(stderr, "gen-countries: %s: claimed by", es[first].phrase);
                for (size_t k = first; k < j; k++)
                    if (!es[k].removed)
                        fprintf(stderr, " %s(%s)", cs[es[k].country].iso, es[k].note);
                fprintf(stderr, "; left out\n");
                keep = j;
            }
        }
        for (size_t k = i; k < j; k++)
            if (k != keep)
                es[k].removed = true;
        i = j;
    }
}

/* ------------------------------------------------------------- output */

static int by_country(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->country != y->country) {
        int c = strcmp(cs[x->country].name, cs[y->country].name);
        return c ? c : x->country - y->country;
    }
    if (x->kind != y->kind)
        return (int)x->kind - (int)y->kind;
    return strcmp(x->key, y->key);
}

static void emit(const char *iso_path, const char *wn_dir, const char *extra)
{
    qsort(es, nes, sizeof *es, by_country);
    printf("# countries.actors.txt: GENERATED by tools/gen-countries.c -- do not edit; run make regen.\n"
           "# Inputs: %s (Debian iso-codes), %s/data.noun and data.adj (Debian wordnet-base),\n"
           "# %s (gesta's own corrections).\n"
           "#\n"
           "# One entry per country: the ISO 3166-1 names, the other names of its WordNet\n"
           "# synset, its demonyms, then its capitals and seats of government as entries of\n"
           "# their own.  The trailing comment of each line says where the phrase comes from.\n"
           "# A phrase that two countries would claim is left out unless the corrections file\n"
           "# assigns it.\n",
           iso_path, wn_dir, extra);
    size_t i = 0;
    while (i < nes) {
        int ci = es[i].country;
        size_t j = i;
        while (j < nes && es[j].country == ci)
            j++;
        const country *c = &cs[ci];
        printf("\n# ===== %s (%s) =====\n", c->name, c->iso);
        /* the root: the country's root phrase if it survived, else its first name */
        size_t root = j;
        char *rk = key_of(c->root);
        for (size_t k = i; k < j; k++)
            if (!es[k].removed && es[k].kind <= K_DEMONYM && !strcmp(es[k].key, rk))
                root = k;
        free(rk);
        for (size_t k = i; k < j && root == j; k++)
            if (!es[k].removed && es[k].kind <= K_DEMONYM)
                root = k;
        if (root < j) {
            printf("%s [%s]  # %s: %s\n", es[root].phrase, c->code, c->name, es[root].note);
            for (size_t k = i; k < j; k++)
                if (k != root && !es[k].removed && es[k].kind <= K_DEMONYM)
                    printf("+%s  # %s\n", es[k].phrase, es[k].note);
        }
        for (size_t k = i; k < j; k++)
            if (!es[k].removed && es[k].kind == K_CAPITAL)
                printf("%s [%s]  # %s of %s\n", es[k].phrase, c->code, es[k].note, c->name);
        for (size_t k = i; k < j; k++)
            if (!es[k].removed && es[k].kind == K_SEAT)
                printf("%s [%s]  # %s, %s\n", es[k].phrase, es[k].code, es[k].note, c->name);
        i = j;
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gen-countries ISO_3166-1_JSON WORDNET_DIR EXTRA_TXT\n");
        return 2;
    }
    read_iso(argv[1]);
    read_extra(argv[3]);
    apply_names(argv[3]);
    wordnet noun = {0}, adj = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s/data.noun", argv[2]);
    wn_read(&noun, path);
    snprintf(path, sizeof path, "%s/data.adj", argv[2]);
    wn_read(&adj, path);
    wordnet_part(&noun, &adj);
    apply_rest();
    resolve();
    emit(argv[1], argv[2], argv[3]);
    return 0;
}
