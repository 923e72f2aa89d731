/*
 * api.c: the public dictionary functions (check, compile) and loading a
 * set of dictionaries for an engine: files, directories, PETRARCH config
 * files and compiled files.
 */
#include "dict_int.h"
#include "api.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct report_fwd {
    gesta_report_fn fn;
    void *ctx;
    bool warnings;
} report_fwd;

static void forward(void *ctx, bool warning, const char *file, uint32_t line, const char *msg)
{
    report_fwd *r = ctx;
    if (!r->fn || (warning && !r->warnings))
        return;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s:%u: %s%s", file, line, warning ? "warning: " : "", msg);
    r->fn(r->ctx, warning, buf);
}

static void counts_of(const gs_dict_stats *s, int kind, gesta_dict_counts *out)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    out->entries = s->entries;
    out->synonyms = s->synonyms;
    out->codes = s->codes;
    out->dated = s->dated;
    out->macros = s->macros;
    out->plurals = s->plurals;
    out->phrases = s->phrases;
    out->exclusions = s->exclusions;
    out->story = s->story;
    out->synsets = s->synsets;
    out->synset_members = s->synset_members;
    out->blocks = s->blocks;
    out->verbs = s->verbs;
    out->forms = s->forms;
    out->patterns = s->patterns;
    out->pairs = s->pairs;
    out->passive = s->passive;
    out->transforms = s->transforms;
    out->errors = s->errors;
    out->warnings = s->warnings;
}

int gesta_dict_check(const char *path, int kind, const gesta_limits *lim, gesta_report_fn report,
                     void *ctx, gesta_dict_counts *out)
{
    gesta_limits dl;
    if (!lim) {
        gesta_limits_default(&dl);
        lim = &dl;
    }
    if (kind < 0)
        kind = gs_dict_kind_of(path);
    if (kind < 0 || kind >= GS_DK_COUNT)
        return GESTA_EFORMAT;
    report_fwd fw = {report, ctx, true};
    gs_dict_builder *b;
    int rc = gs_dict_builder_new(&b, lim, forward, &fw);
    if (rc < 0)
        return rc;
    gs_dict_stats st;
    rc = gs_dict_read_file(b, path, kind, &st);
    if (rc == 0 || rc == GESTA_ELIMIT) {
        /* resolving synsets may report more errors */
        gs_dict *d = NULL;
        int brc = gs_dict_build(b, &d);
        st.errors = b->stats.errors;
        st.warnings = b->stats.warnings;
        gs_dict_free(d);
        if (brc < 0)
            rc = brc;
    }
    if (out)
        counts_of(&st, kind, out);
    gs_dict_builder_free(b);
    return rc;
}

/* ------------------------------------------------------------- loading sets */

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Reads a PETRARCH config file's [Dictionaries] section: the files it names,
 * relative to the config's directory, into paths (caller frees each). */
static int read_config(const char *path, char ***paths, size_t *n, size_t *cap)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return GESTA_EIO;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        slash[1] = '\0';
    else
        dir[0] = '\0';
    char line[4096];
    bool in_dicts = false;
    static const char *const keys[] = {"verbfile_name", "actorfile_list", "agentfile_name",
                                       "discardfile_name", "issuefile_name", NULL};
    while (fgets(line, sizeof line, f)) {
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '#' || *s == ';' || *s == '\n' || !*s)
            continue;
        if (*s == '[') {
            in_dicts = !strncmp(s, "[Dictionaries]", 14);
            continue;
        }
        if (!in_dicts)
            continue;
        char *eq = strchr(s, '=');
        if (!eq)
            continue;
        *eq = '\0';
        char *k = s, *ke = eq;
        while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
            *--ke = '\0';
        bool known = false;
        for (const char *const *kk = keys; *kk; kk++)
            if (!strcasecmp(k, *kk))
                known = true;
        if (!known)
            continue;
        char *v = eq + 1;
        for (char *tok = strtok(v, ",\n"); tok; tok = strtok(NULL, ",\n")) {
            while (*tok == ' ' || *tok == '\t')
                tok++;
            char *te = tok + strlen(tok);
            while (te > tok && (te[-1] == ' ' || te[-1] == '\t' || te[-1] == '\r'))
                *--te = '\0';
            if (!*tok)
                continue;
            char full[8192];
            snprintf(full, sizeof full, "%s%s", tok[0] == '/' ? "" : dir, tok);
            if (*n == *cap && gs_grow((void **)paths, cap, *n + 1, sizeof(char *)) < 0) {
                fclose(f);
                return GESTA_ENOMEM;
            }
            (*paths)[(*n)++] = strdup(full);
        }
    }
    fclose(f);
    return 0;
}

/* Expands paths (files, directories, config files) into dictionary files. */
static int expand_paths(const char *const *in, size_t nin, char ***out, size_t *nout)
{
    char **paths = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (size_t i = 0; i < nin && rc == 0; i++) {
        const char *p = in[i];
        if (is_dir(p)) {
            DIR *d = opendir(p);
            if (!d) {
                rc = GESTA_EIO;
                break;
            }
            size_t first = n;
            struct dirent *de;
            while ((de = readdir(d))) {
                if (de->d_name[0] == '.')
                    continue;
                char full[8192];
                snprintf(full, sizeof full, "%s/%s", p, de->d_name);
                if (gs_dict_kind_of(de->d_name) < 0 || is_dir(full))
                    continue;
                if (n == cap && gs_grow((void **)&paths, &cap, n + 1, sizeof(char *)) < 0) {
                    rc = GESTA_ENOMEM;
                    break;
                }
                paths[n++] = strdup(full);
            }
            closedir(d);
            qsort(paths + first, n - first, sizeof(char *), name_cmp);
        } else {
            size_t len = strlen(p);
            if (len > 4 && !strcmp(p + len - 4, ".ini")) {
                rc = read_config(p, &paths, &n, &cap);
                continue;
            }
            if (n == cap && gs_grow((void **)&paths, &cap, n + 1, sizeof(char *)) < 0) {
                rc = GESTA_ENOMEM;
                break;
            }
            paths[n++] = strdup(p);
        }
    }
    *out = paths;
    *nout = n;
    return rc;
}

static void free_paths(char **p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(p[i]);
    free(p);
}

static bool is_compiled(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char m[8];
    bool yes = fread(m, 1, 8, f) == 8 && !memcmp(m, "GESTADC", 7);
    fclose(f);
    return yes;
}

static int slurp(const char *path, gs_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return GESTA_EIO;
    /* a regular file is read at once into a block of its size */
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size < SIZE_MAX / 2 && gs_buf_reserve(b, (size_t)st.st_size) == 0) {
        size_t k = fread(b->data, 1, (size_t)st.st_size, f);
        b->len = k;
        b->data[b->len] = '\0';
    }
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (gs_buf_append(b, chunk, k) < 0) {
            fclose(f);
            return GESTA_ENOMEM;
        }
    int err = ferror(f);
    fclose(f);
    return err ? GESTA_EIO : 0;
}

int gs_dict_load_set(const char *const *in, size_t nin, const gesta_limits *lim,
                     gesta_report_fn report, void *ctx, bool warnings, gs_dict **out)
{
    *out = NULL;
    char **paths;
    size_t n;
    int rc = expand_paths(in, nin, &paths, &n);
    if (rc < 0) {
        free_paths(paths, n);
        return rc;
    }
    /* a single compiled file */
    if (n == 1 && is_compiled(paths[0])) {
        gs_buf b = GS_BUF_INIT;
        rc = slurp(paths[0], &b);
        if (rc == 0) {
            char err[256];
            /* the dictionary takes the file's bytes over */
            rc = gs_dict_load_owned(b.data, b.len, out, err, sizeof err);
            b = (gs_buf)GS_BUF_INIT;
            if (rc < 0 && report) {
                char msg[512];
                snprintf(msg, sizeof msg, "%s: %s", paths[0], err);
                report(ctx, 0, msg);
            }
        }
        gs_buf_free(&b);
        free_paths(paths, n);
        return rc;
    }
    report_fwd fw = {report, ctx, warnings};
    gs_dict_builder *b;
    if ((rc = gs_dict_builder_new(&b, lim, forward, &fw)) < 0) {
        free_paths(paths, n);
        return rc;
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        int kind = gs_dict_kind_of(paths[i]);
        if (kind < 0) {
            if (report) {
                char msg[512];
                snprintf(msg, sizeof msg, "%s: not a dictionary file name this reader knows", paths[i]);
                report(ctx, 0, msg);
            }
            rc = GESTA_EFORMAT;
            break;
        }
        rc = gs_dict_read_file(b, paths[i], kind, NULL);
        if (rc == GESTA_EIO && report) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s: cannot read: %s", paths[i], strerror(errno));
            report(ctx, 0, msg);
        }
        if (rc == GESTA_ELIMIT)
            rc = 0; /* reported; what was read is kept */
    }
    if (rc == 0)
        rc = gs_dict_build(b, out);
    gs_dict_builder_free(b);
    free_paths(paths, n);
    return rc;
}

int gesta_dict_compile(const char *const *paths, size_t npaths, const char *out_path,
                       const gesta_limits *lim, gesta_report_fn report, void *ctx)
{
    gesta_limits dl;
    if (!lim) {
        gesta_limits_default(&dl);
        lim = &dl;
    }
    gs_dict *d;
    int rc = gs_dict_load_set(paths, npaths, lim, report, ctx, true, &d);
    if (rc < 0)
        return rc;
    gs_buf buf = GS_BUF_INIT;
    rc = gs_dict_save(d, &buf);
    gs_dict_free(d);
    if (rc < 0) {
        gs_buf_free(&buf);
        return rc;
    }
    size_t tl = strlen(out_path) + 16;
    char *tmp = malloc(tl);
    if (!tmp) {
        gs_buf_free(&buf);
        return GESTA_ENOMEM;
    }
    snprintf(tmp, tl, "%s.tmpXXXXXX", out_path);
    int fd = mkstemp(tmp);
    rc = 0;
    if (fd < 0) {
        rc = GESTA_EWRITE;
    } else {
        size_t off = 0;
        while (off < buf.len) {
            ssize_t k = write(fd, buf.data + off, buf.len - off);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0) {
                rc = GESTA_EWRITE;
                break;
            }
            off += (size_t)k;
        }
        if (close(fd) != 0)
            rc = GESTA_EWRITE;
        if (rc == 0 && rename(tmp, out_path) != 0)
            rc = GESTA_EWRITE;
        if (rc < 0)
            unlink(tmp);
    }
    free(tmp);
    gs_buf_free(&buf);
    return rc;
}
