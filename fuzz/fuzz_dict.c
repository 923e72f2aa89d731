/*
 * fuzz_dict.c: every dictionary reader (actors, agents, discards, issues,
 * verbs), the compiler and the loader of compiled dictionaries.
 *
 * The first byte of the input chooses: the kind (low nibble modulo 5),
 * whether the dictionary is added to the built-in ones rather than
 * replacing them (0x10), and small limits (0x20: lines of 256 bytes, 16
 * entries).  The rest is written to a file named for its kind
 * (x.actors.txt, x.agents.txt, x.discards.txt, x.issues.txt, x.verbs.txt)
 * in a private temporary directory.  The harness checks the file
 * (gesta_dict_check), compiles it (gesta_dict_compile), loads the compiled
 * file into an engine, and codes a fixed sentence and the dictionary's own
 * text with it, so that its phrases meet words that match them.  Every
 * report must name the file.
 */
#include "fuzz.h"

#include <string.h>
#include <unistd.h>

static char dir[64];

static void remove_dir(void)
{
    static const char *const names[] = {"x.actors.txt", "x.agents.txt", "x.discards.txt",
                                        "x.issues.txt", "x.verbs.txt",  "x.gdc"};
    char p[128];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void make_dir(void)
{
    if (dir[0])
        return;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/gesta-fuzz-XXXXXX", base);
    if (!mkdtemp(dir)) {
        perror("fuzz: mkdtemp");
        abort();
    }
    atexit(remove_dir);
}

typedef struct reports {
    const char *prefix;
    size_t n;
} reports;

static void on_report(void *ctx, int warning, const char *message)
{
    reports *r = ctx;
    (void)warning;
    FUZZ_CHECK(message);
    FUZZ_CHECK(!strncmp(message, r->prefix, strlen(r->prefix)));
    r->n++;
}

static void write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(fclose(f) == 0);
}

static void code_text(gesta_worker *w, const gesta_engine *eng, const char *text, size_t len)
{
    gesta_doc doc = {0};
    doc.id = "fuzz";
    doc.id_len = 4;
    doc.text = text;
    doc.text_len = len;
    doc.date = 20250618;
    int rc = gesta_worker_run(w, &doc);
    FUZZ_CHECK(rc >= 0);
    fuzz_check_worker(w, &doc, gesta_engine_limits(eng), 0);
    rc = gesta_worker_lookup(w, text, len, 20250618);
    FUZZ_CHECK(rc >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"x.actors.txt", "x.agents.txt", "x.discards.txt",
                                        "x.issues.txt", "x.verbs.txt"};
    static const int kinds[] = {GESTA_DICT_ACTORS, GESTA_DICT_AGENTS, GESTA_DICT_DISCARDS,
                                GESTA_DICT_ISSUES, GESTA_DICT_VERBS};
    if (size < 1)
        return 0;
    make_dir();
    int k = (data[0] & 0x0f) % 5;
    int add = (data[0] & 0x10) != 0;
    int small = (data[0] & 0x20) != 0;
    data++;
    size--;
    char path[128], out[128];
    snprintf(path, sizeof path, "%s/%s", dir, names[k]);
    snprintf(out, sizeof out, "%s/x.gdc", dir);
    write_file(path, data, size);
    unlink(out);

    gesta_limits lim;
    gesta_limits_default(&lim);
    if (small) {
        lim.max_dict_line = 256;
        lim.max_dict_entries = 16;
    }
    reports rep = {dir, 0};
    gesta_dict_counts counts;
    int rc = gesta_dict_check(path, -1, &lim, on_report, &rep, &counts);
    FUZZ_CHECK(rc == 0 || rc == GESTA_ELIMIT);
    FUZZ_CHECK(counts.kind == kinds[k]);
    FUZZ_CHECK(rep.n >= counts.errors + counts.warnings);

    const char *paths[1] = {path};
    rc = gesta_dict_compile(paths, 1, out, &lim, on_report, &rep);
    FUZZ_CHECK(rc == 0);
    FUZZ_CHECK(access(out, R_OK) == 0);

    gesta_engine_options o;
    gesta_engine_options_default(&o);
    o.limits = lim;
    const char *dicts[1] = {out};
    o.dicts = dicts;
    o.ndicts = 1;
    o.dict_add = add;
    o.report = on_report;
    o.report_ctx = &rep;
    gesta_engine *eng;
    rc = gesta_engine_new(&o, &eng);
    FUZZ_CHECK(rc == 0); /* a file gesta compiled must load */
    gesta_worker *w;
    FUZZ_CHECK(gesta_worker_new(eng, &w) == 0);
    static const char sentence[] =
        "Russian troops attacked Ukrainian forces near Kyiv on Monday, and the president of "
        "France said Paris would send aid to the refugees.";
    code_text(w, eng, sentence, sizeof sentence - 1);
    code_text(w, eng, (const char *)data, size < 4096 ? size : 4096);
    gesta_worker_free(w);
    gesta_engine_free(eng);
    return 0;
}
