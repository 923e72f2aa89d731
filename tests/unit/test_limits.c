/*
 * test_limits.c: every explicit limit of gesta_limits, exceeded through the
 * public API with small values, and the error or warning record that says
 * so: document size (JSON Lines, plain text, XML), sentence length in
 * tokens (text and title), token length, JSON and XML nesting depth,
 * dictionary line length and number of dictionary entries (each kind).
 * tests/robust.sh exceeds the same limits at their defaults through the
 * command line.
 */
#include "test.h"

#include "gesta.h"

#include <stdlib.h>
#include <unistd.h>

static gesta_limits small_limits(void)
{
    gesta_limits l;
    gesta_limits_default(&l);
    l.max_doc_bytes = 1000;
    l.max_sentence_tokens = 5;
    l.max_token_bytes = 10;
    l.max_json_depth = 4;
    l.max_xml_depth = 6;
    l.max_dict_line = 100;
    l.max_dict_entries = 10;
    return l;
}

/* Runs gesta_run with the given limits over data written to a file with
 * the given suffix; returns the run's status and stores the records (as
 * `gesta split` writes them) and the error records (malloc'd). */
static int run_with(const gesta_limits *lim, const char *suffix, const char *data, size_t n,
                    char **out, char **errs, gesta_run_stats *st)
{
    gesta_engine_options eo;
    gesta_engine_options_default(&eo);
    eo.limits = *lim;
    gesta_engine *eng;
    if (gesta_engine_new(&eo, &eng) < 0)
        return -100;
    const char *path = test_tmpfile(suffix, data, n);
    gesta_run_options o;
    gesta_run_options_default(&o);
    o.output = GESTA_OUTPUT_SPLIT;
    o.default_date = 20250101;
    size_t ol, el;
    o.out = open_memstream(out, &ol);
    o.errors = open_memstream(errs, &el);
    o.log = NULL;
    const char *files[] = {path};
    int rc = gesta_run(eng, &o, files, 1, st);
    fclose(o.out);
    fclose(o.errors);
    gesta_engine_free(eng);
    unlink(path);
    return rc;
}

static char *repeat(const char *unit, size_t times)
{
    size_t u = strlen(unit);
    char *s = malloc(u * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * u, unit, u);
    s[u * times] = '\0';
    return s;
}

static void document_size(void)
{
    gesta_limits lim = small_limits();
    char *out, *errs;
    gesta_run_stats st;
    /* JSON Lines: a text of 1500 bytes in a line under the line limit */
    char *text = repeat("abc. ", 300);
    char *line = malloc(2000);
    int n = snprintf(line, 2000, "{\"id\":\"big\",\"text\":\"%s\"}\n{\"id\":\"ok\",\"text\":\"Fine.\"}\n",
                     text);
    CHECK_INT(run_with(&lim, ".jsonl", line, (size_t)n, &out, &errs, &st), GESTA_EFAILED);
    CHECK(strstr(errs, "\"line\":1,\"byte\":0,\"id\":\"big\",\"severity\":\"error\",\"error\":"
                       "\"GESTA_ELIMIT\",\"message\":\"document of 1500 bytes exceeds max_doc_bytes "
                       "(1000)\"") != NULL);
    CHECK(strstr(out, "ok\t0\ttext\t0\t5\tFine.\n") != NULL);
    free(out);
    free(errs);
    /* plain text: the reader refuses the file without holding it */
    CHECK_INT(run_with(&lim, ".txt", text, strlen(text), &out, &errs, &st), GESTA_EFAILED);
    CHECK(strstr(errs, "\"message\":\"document of 1500 bytes exceeds max_doc_bytes (1000)\"") != NULL);
    free(out);
    free(errs);
    /* XML: the <Text> of one <Sentence>; the next one is read */
    n = snprintf(line, 2000,
                 "<Sentences>\n<Sentence id=\"big\"><Text>%s</Text></Sentence>\n"
                 "<Sentence id=\"ok\"><Text>Fine.</Text></Sentence>\n</Sentences>\n",
                 text);
    CHECK_INT(run_with(&lim, ".xml", line, (size_t)n, &out, &errs, &st), GESTA_EFAILED);
    CHECK(strstr(errs, "\"line\":2,") && strstr(errs, "\"message\":\"<Text> longer than "
                                                      "max_doc_bytes (1000)\""));
    CHECK(strstr(out, "ok\t0\ttext\t0\t5\tFine.\n") != NULL);
    free(out);
    free(errs);
    free(line);
    free(text);
    /* a JSON line longer than twice max_doc_bytes plus 64 KiB is skipped unread */
    text = repeat("x", 70000);
    line = malloc(71000);
    n = snprintf(line, 71000, "{\"id\":\"huge\",\"text\":\"%s\"}\n{\"id\":\"ok\",\"text\":\"Fine.\"}\n",
                 text);
    CHECK_INT(run_with(&lim, ".jsonl", line, (size_t)n, &out, &errs, &st), GESTA_EFAILED);
    CHECK(strstr(errs, "\"message\":\"record of 70023 bytes exceeds the line limit (67536 bytes; "
                       "max_doc_bytes is 1000)\"") != NULL);
    CHECK(strstr(out, "ok\t0\ttext\t0\t5\tFine.\n") != NULL);
    CHECK_INT(st.documents, 2);
    CHECK_INT(st.errors, 1);
    free(out);
    free(errs);
    free(line);
    free(text);
}

static void sentence_and_token_length(void)
{
    gesta_limits lim = small_limits();
    char *out, *errs;
    gesta_run_stats st;
    /* a title is one sentence, however many it holds, within the limit;
     * one long title sentence is cut as any sentence is */
    const char data[] = "{\"id\":\"s\",\"title\":\"One. Two. Three.\","
                        "\"text\":\"a b c d e f g h. Supercalifragilistic word.\"}\n"
                        "{\"id\":\"t\",\"title\":\"one two three four five six seven\","
                        "\"text\":\"Fine.\"}\n";
    CHECK_INT(run_with(&lim, ".jsonl", data, sizeof data - 1, &out, &errs, &st), 0);
    CHECK(strstr(errs, "\"severity\":\"warning\",\"error\":\"GESTA_ELIMIT\",\"message\":\"title "
                       "longer than max_sentence_tokens cut (title byte 15)\"") != NULL);
    CHECK(strstr(errs, "\"id\":\"t\",\"severity\":\"warning\",\"error\":\"GESTA_ELIMIT\","
                       "\"message\":\"sentence longer than max_sentence_tokens cut (title byte 23)\"") !=
          NULL);
    CHECK(strstr(out, "t\t0\ttitle\t0\t23\tone two three four five\n") != NULL);
    CHECK(strstr(errs, "\"message\":\"sentence longer than max_sentence_tokens cut (text byte 9)\"") !=
          NULL);
    CHECK(strstr(errs, "\"message\":\"token longer than max_token_bytes cut (text byte 17)\"") !=
          NULL);
    /* the title is one sentence of five tokens; the text is cut after five */
    CHECK(strstr(out, "s\t0\ttitle\t0\t15\tOne. Two. Three\n") != NULL);
    CHECK(strstr(out, "s\t1\ttext\t0\t9\ta b c d e\n") != NULL);
    CHECK_INT(st.errors, 0);
    CHECK(st.warnings >= 3);
    free(out);
    free(errs);
}

static void nesting_depth(void)
{
    gesta_limits lim = small_limits();
    char *out, *errs;
    gesta_run_stats st;
    /* the record object, then three arrays: depth 4, allowed; four: 5 */
    const char json[] = "{\"id\":\"ok\",\"text\":\"Fine.\",\"x\":[[[]]]}\n"
                        "{\"id\":\"deep\",\"text\":\"Fine.\",\"x\":[[[[]]]]}\n";
    CHECK_INT(run_with(&lim, ".jsonl", json, sizeof json - 1, &out, &errs, &st), GESTA_EFAILED);
    CHECK(strstr(errs, "\"line\":2,\"byte\":38,\"id\":\"deep\",\"severity\":\"error\",\"error\":"
                       "\"GESTA_ELIMIT\",\"message\":\"JSON nesting deeper than max_json_depth (4)\"") !=
          NULL);
    CHECK(strstr(out, "ok\t0\ttext\t0\t5\tFine.\n") != NULL);
    CHECK_INT(st.errors, 1);
    free(out);
    free(errs);
    /* <Sentences><Sentence><Text> and three more levels: 6, allowed; then 7 */
    const char xml[] = "<Sentences>\n<Sentence id=\"ok\"><Text>Fine.<a><b><c/></b></a></Text></Sentence>\n"
                       "<Sentence id=\"deep\"><Text><a><b><c><d/></c></b></a></Text></Sentence>\n"
                       "<Sentence id=\"lost\"><Text>Skipped.</Text></Sentence>\n</Sentences>\n";
    CHECK_INT(run_with(&lim, ".xml", xml, sizeof xml - 1, &out, &errs, &st), GESTA_EFAILED);
    CHECK(strstr(errs, "\"line\":3,") && strstr(errs, "\"error\":\"GESTA_ELIMIT\",\"message\":\"XML "
                                                      "nesting deeper than max_xml_depth (6); rest "
                                                      "of file skipped\""));
    CHECK(strstr(out, "ok\t0\ttext\t0\t5\tFine.\n") != NULL);
    CHECK(strstr(out, "Skipped.") == NULL);
    free(out);
    free(errs);
}

typedef struct reports {
    char text[4096];
} reports;

static void collect(void *ctx, int warning, const char *message)
{
    reports *r = ctx;
    (void)warning;
    size_t n = strlen(r->text);
    snprintf(r->text + n, sizeof r->text - n, "%s\n", message);
}

static void dictionary_line_length(void)
{
    gesta_limits lim = small_limits();
    char *longline = repeat("A", 150);
    char data[512];
    int n = snprintf(data, sizeof data, "KENYA [KEN]\n%s [AAA]\nUGANDA [UGA]\n", longline);
    const char *path = test_tmpfile(".actors.txt", data, (size_t)n);
    reports r = {""};
    gesta_dict_counts c;
    CHECK_INT(gesta_dict_check(path, -1, &lim, collect, &r, &c), 0);
    char want[256];
    snprintf(want, sizeof want, "%s:2: line of 156 bytes exceeds max_dict_line (100); skipped\n", path);
    CHECK_STR(r.text, want);
    CHECK_INT(c.entries, 2);
    CHECK_INT(c.errors, 1);
    unlink(path);
    free(longline);
}

static void dictionary_entries(void)
{
    static const struct {
        const char *suffix, *line;
    } kinds[] = {{".actors.txt", "ACTOR%d [AAA]\n"},
                 {".agents.txt", "AGENT%d [~GOV]\n"},
                 {".discards.txt", "DISCARD%d\n"},
                 {".issues.txt", "issue%d [ISSUE]\n"},
                 {".verbs.txt", "- * WORD%d + [042]\n"}};
    gesta_limits lim = small_limits();
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        char data[4096];
        size_t n = 0;
        if (k == 4)
            n += (size_t)snprintf(data, sizeof data, "--- MEET [040] ---\nMEET {MET MEETS MEETING}\n");
        for (int i = 0; i < 20; i++)
            n += (size_t)snprintf(data + n, sizeof data - n, kinds[k].line, i);
        const char *path = test_tmpfile(kinds[k].suffix, data, n);
        reports r = {""};
        gesta_dict_counts c;
        CHECK_INT(gesta_dict_check(path, -1, &lim, collect, &r, &c), GESTA_ELIMIT);
        char want[256];
        snprintf(want, sizeof want,
                 "%s:%d: more than max_dict_entries (10) entries; rest of file skipped\n", path,
                 11);
        CHECK_STR(r.text, want);
        CHECK_INT(c.errors, 1);
        /* what was read before the limit is compiled and loads */
        char out[128];
        snprintf(out, sizeof out, "%s.gdc", path);
        const char *paths[] = {path};
        CHECK_INT(gesta_dict_compile(paths, 1, out, &lim, NULL, NULL), 0);
        gesta_engine_options eo;
        gesta_engine_options_default(&eo);
        eo.limits = lim;
        const char *dicts[] = {out};
        eo.dicts = dicts;
        eo.ndicts = 1;
        gesta_engine *eng = NULL;
        CHECK_INT(gesta_engine_new(&eo, &eng), 0);
        gesta_engine_free(eng);
        unlink(out);
        unlink(path);
    }
}

const test_case limit_tests[] = {
    {"limits/document_size", document_size},
    {"limits/sentence_and_token_length", sentence_and_token_length},
    {"limits/nesting_depth", nesting_depth},
    {"limits/dictionary_line_length", dictionary_line_length},
    {"limits/dictionary_entries", dictionary_entries},
    {NULL, NULL},
};
