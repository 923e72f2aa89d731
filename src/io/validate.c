/*
 * validate.c: gesta_validate(), coding a PETRARCH validation file and
 * comparing each record's events with the expected ones.  This is what
 * users run after changing dictionaries.
 */
#include "io.h"

#include <stdio.h>
#include <strings.h>

typedef struct evset {
    char (*s)[96];
    size_t n, cap;
} evset;

static int ev_add(evset *v, const char *src, const char *tgt, const char *code)
{
    char buf[96];
    snprintf(buf, sizeof buf, "%s %s %s", src[0] ? src : "---", tgt[0] ? tgt : "---", code);
    for (size_t i = 0; i < v->n; i++)
        if (!strcmp(v->s[i], buf))
            return 0;
    if (v->n == v->cap && gs_grow((void **)&v->s, &v->cap, v->n + 1, sizeof *v->s) < 0)
        return GESTA_ENOMEM;
    memcpy(v->s[v->n++], buf, sizeof buf);
    return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(a, b); }

static bool same(evset *a, evset *b)
{
    if (a->n != b->n)
        return false;
    qsort(a->s, a->n, sizeof *a->s, cmp_str);
    qsort(b->s, b->n, sizeof *b->s, cmp_str);
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->s[i], b->s[i]))
            return false;
    return true;
}

/* The loose form of an event string "SRC TGT CODE": the first three
 * characters of each actor and the CAMEO root. */
static void loose_of(const char *ev, char *out, size_t cap)
{
    char a[40] = "", b[40] = "", c[16] = "";
    sscanf(ev, "%39s %39s %15s", a, b, c);
    snprintf(out, cap, "%.3s %.3s %.2s", a, b, c);
}

/* Counts the events of got that match one of exp (each used once), exactly
 * and loosely. */
static void count_matches(const evset *exp, const evset *got, uint64_t *strict, uint64_t *loose)
{
    bool used[256] = {false}, used2[256] = {false};
    size_t ng = got->n < 256 ? got->n : 256;
    for (size_t i = 0; i < exp->n; i++) {
        for (size_t j = 0; j < ng; j++)
            if (!used[j] && !strcmp(exp->s[i], got->s[j])) {
                used[j] = true;
                (*strict)++;
                break;
            }
        char le[64], lg[64];
        loose_of(exp->s[i], le, sizeof le);
        for (size_t j = 0; j < ng; j++) {
            loose_of(got->s[j], lg, sizeof lg);
            if (!used2[j] && !strcmp(le, lg)) {
                used2[j] = true;
                (*loose)++;
                break;
            }
        }
    }
}

static void print_set(FILE *out, const char *label, const evset *v)
{
    fprintf(out, "  %-9s", label);
    if (!v->n)
        fprintf(out, " (none)");
    for (size_t i = 0; i < v->n; i++)
        fprintf(out, "%s %s", i ? "," : "", v->s[i]);
    fprintf(out, "\n");
}

/* The value of "key=" in a tab-separated expectation line, copied to out. */
static void field(const char *line, const char *key, char *out, size_t cap)
{
    out[0] = '\0';
    size_t kn = strlen(key);
    for (const char *p = line; p && *p;) {
        if (!strncmp(p, key, kn) && p[kn] == '=') {
            const char *v = p + kn + 1;
            const char *e = strpbrk(v, "\t\n");
            size_t n = e ? (size_t)(e - v) : strlen(v);
            /* values may carry their own quotes: keep them */
            snprintf(out, cap, "%.*s", (int)n, v);
            return;
        }
        p = strchr(p, '\t');
        if (p)
            p++;
    }
}

static bool truthy(const char *v) { return !strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "yes"); }

typedef struct vstate {
    const gesta_engine_options *base;
    const char *path;
    gesta_engine *eng;
    gesta_worker *w;
    gs_code_opts copt;
    FILE *out;
} vstate;

static int start_engine(vstate *v, const gs_record *env)
{
    gesta_engine_options o = *v->base;
    char *paths[8];
    size_t np = 0;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", v->path);
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[1] = '\0';
    else
        dir[0] = '\0';
    if (!o.ndicts && env && env->expect.data) {
        static const char *const keys[] = {"Verbfile", "Actorfile", "Agentfile", "Discardfile",
                                           "Issuefile", NULL};
        for (const char *line = env->expect.data; *line && np < 8;) {
            const char *nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            for (const char *const *k = keys; *k; k++) {
                size_t kl = strlen(*k);
                if (n > kl + 1 && !strncmp(line, *k, kl) && line[kl] == '\t') {
                    char full[8192];
                    snprintf(full, sizeof full, "%s%.*s", line[kl + 1] == '/' ? "" : dir,
                             (int)(n - kl - 1), line + kl + 1);
                    paths[np++] = strdup(full);
                }
            }
            line += n + (nl ? 1 : 0);
        }
        o.dicts = (const char *const *)paths;
        o.ndicts = np;
    }
    int rc = gesta_engine_new(&o, &v->eng);
    for (size_t i = 0; i < np; i++)
        free(paths[i]);
    if (rc < 0)
        return rc;
    rc = gesta_worker_new(v->eng, &v->w);
    if (rc == 0)
        v->w->coder.opt = v->copt;
    return rc;
}

static void apply_config(vstate *v, const gs_record *rec)
{
    if (!rec->expect.data)
        return;
    for (const char *line = rec->expect.data; *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        char opt[64] = "", val[64] = "";
        if (n > 7 && !strncmp(line, "config:", 7)) {
            const char *tab = memchr(line, '\t', n);
            if (tab) {
                snprintf(opt, sizeof opt, "%.*s", (int)(tab - line - 7), line + 7);
                snprintf(val, sizeof val, "%.*s", (int)(line + n - tab - 1), tab + 1);
            }
            if (!strcasecmp(opt, "require_dyad"))
                v->copt.require_dyad = truthy(val);
            else if (!strcasecmp(opt, "new_actor_length"))
                v->copt.new_actor_length = (uint32_t)atoi(val);
            else if (!strcasecmp(opt, "comma_min"))
                v->copt.comma_min = (uint32_t)atoi(val);
            else if (!strcasecmp(opt, "comma_max"))
                v->copt.comma_max = (uint32_t)atoi(val);
            else if (!strcasecmp(opt, "comma_bmin"))
                v->copt.comma_bmin = (uint32_t)atoi(val);
            else if (!strcasecmp(opt, "comma_bmax"))
                v->copt.comma_bmax = (uint32_t)atoi(val);
            else if (!strcasecmp(opt, "comma_emin"))
                v->copt.comma_emin = (uint32_t)atoi(val);
            else if (!strcasecmp(opt, "comma_emax"))
                v->copt.comma_emax = (uint32_t)atoi(val);
            if (v->w)
                v->w->coder.opt = v->copt;
        }
        line += n + (nl ? 1 : 0);
    }
}

int gesta_validate(const gesta_engine_options *opt, const char *path, FILE *out, int verbose,
                   gesta_validate_stats *stats)
{
    gesta_engine_options def;
    if (!opt) {
        gesta_engine_options_default(&def);
        opt = &def;
    }
    gesta_validate_stats st;
    memset(&st, 0, sizeof st);
    vstate v;
    memset(&v, 0, sizeof v);
    v.base = opt;
    v.path = path;
    v.out = out;
    /* PETRARCH's defaults: events need both actors; comma rule 2-8 words
     * inside and at the end, off at the beginning */
    v.copt.require_dyad = true;
    v.copt.compat = true;
    v.copt.comma_min = 2;
    v.copt.comma_max = 8;
    v.copt.comma_emin = 2;
    v.copt.comma_emax = 8;
    gs_reader *r;
    char *err = NULL;
    int rc = gs_reader_open(&r, path, GESTA_INPUT_PETRARCH_XML, &opt->limits, &err);
    if (rc < 0) {
        if (err)
            fprintf(out, "%s\n", err);
        free(err);
        return rc;
    }
    gs_record rec;
    memset(&rec, 0, sizeof rec);
    gs_docbuf d;
    memset(&d, 0, sizeof d);
    evset exp = {0}, got = {0};
    while ((rc = gs_reader_next(r, &rec)) > 0) {
        rec.file = path;
        if (rec.kind == GS_REC_ENV) {
            apply_config(&v, &rec);
            if (!v.eng && (rc = start_engine(&v, &rec)) < 0)
                break;
            continue;
        }
        if (rec.kind == GS_REC_CONFIG) {
            apply_config(&v, &rec);
            continue;
        }
        if (!v.eng && (rc = start_engine(&v, NULL)) < 0)
            break;
        const char *id = rec.id.len ? rec.id.data : "?";
        bool valid = !(rec.expect.data && strstr(rec.expect.data, "valid\tfalse"));
        if (!valid) {
            st.skipped++;
            if (verbose)
                fprintf(out, "%s: skipped (valid=\"false\")\n", id);
            continue;
        }
        st.records++;
        if (rec.error || gs_record_decode(&rec, 0, &opt->limits, &d) < 0 ||
            gesta_worker_run(v.w, &d.doc) < 0) {
            st.errors++;
            fprintf(out, "%s: ERROR %s\n", id, rec.error ? rec.message.data : d.message);
            continue;
        }
        exp.n = got.n = 0;
        for (const char *line = rec.expect.data ? rec.expect.data : ""; *line;) {
            const char *nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            if (n > 6 && !strncmp(line, "event\t", 6)) {
                char lbuf[1024], s[128], t[128], c[32], none[16], e[64];
                snprintf(lbuf, sizeof lbuf, "%.*s", (int)n, line);
                field(lbuf, "sourcecode", s, sizeof s);
                field(lbuf, "targetcode", t, sizeof t);
                field(lbuf, "eventcode", c, sizeof c);
                field(lbuf, "noevents", none, sizeof none);
                field(lbuf, "error", e, sizeof e);
                if (c[0] && !truthy(none) && !e[0] && ev_add(&exp, s, t, c) < 0) {
                    rc = GESTA_ENOMEM;
                    goto done;
                }
            }
            line += n + (nl ? 1 : 0);
        }
        for (size_t i = 0; i < gesta_worker_event_count(v.w); i++) {
            const gesta_event *e = gesta_worker_event(v.w, i);
            if (ev_add(&got, e->source, e->target, e->code) < 0) {
                rc = GESTA_ENOMEM;
                goto done;
            }
        }
        st.expected += exp.n;
        st.produced += got.n;
        count_matches(&exp, &got, &st.matched_strict, &st.matched_loose);
        if (same(&exp, &got)) {
            st.correct++;
            fprintf(out, "%s: correct\n", id);
            if (verbose)
                print_set(out, "events:", &got);
        } else {
            fprintf(out, "%s: WRONG\n", id);
            print_set(out, "expected:", &exp);
            print_set(out, "got:", &got);
        }
    }
done:
    fprintf(out, "validate: %llu records, %llu correct (%.1f%%), %llu wrong, %llu errors, %llu skipped (valid=\"false\")\n",
            (unsigned long long)st.records, (unsigned long long)st.correct,
            st.records ? 100.0 * (double)st.correct / (double)st.records : 0.0,
            (unsigned long long)(st.records - st.correct - st.errors), (unsigned long long)st.errors,
            (unsigned long long)st.skipped);
    free(exp.s);
    free(got.s);
    gs_docbuf_free(&d);
    gs_record_free(&rec);
    gs_reader_close(r);
    gesta_worker_free(v.w);
    gesta_engine_free(v.eng);
    if (stats)
        *stats = st;
    if (rc < 0)
        return rc;
    return st.correct == st.records ? 0 : GESTA_EFAILED;
}
