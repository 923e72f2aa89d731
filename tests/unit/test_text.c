/*
 * test_text.c: the text stage through the public worker API: offsets,
 * normalisation, diagnostics and limits.  (Segmentation and tokenisation
 * cases in bulk are golden tests in tests/golden/.)
 */
#include "gesta.h"
#include "../../src/text/text.h"
#include "test.h"

#include <stdlib.h>

static gesta_engine *eng;
static gesta_worker *w;

static void setup(const gesta_limits *lim)
{
    gesta_engine_options o;
    gesta_engine_options_default(&o);
    if (lim)
        o.limits = *lim;
    gesta_worker_free(w);
    gesta_engine_free(eng);
    w = NULL;
    eng = NULL;
    if (gesta_engine_new(&o, &eng) < 0 || gesta_worker_new(eng, &w) < 0) {
        fprintf(stderr, "cannot create engine\n");
        exit(2);
    }
}

static int run_text(const char *text, size_t n)
{
    gesta_doc d = {"t", 1, NULL, 0, text, n, 20250101};
    return gesta_worker_run(w, &d);
}

static void offsets_index_original_bytes(void)
{
    setup(NULL);
    /* curly quotes and an em dash are 3 bytes each in the original */
    const char *s = "\xe2\x80\x9cWe will\xe2\x80\x94not\xe2\x80\x9d go.";
    CHECK_INT(run_text(s, strlen(s)), 0);
    CHECK_INT(gesta_worker_token_count(w), 8);
    gesta_token t;
    gesta_worker_token(w, 0, &t);
    CHECK_MEM(t.text, t.len, "\"");
    CHECK_INT(t.span.start, 0);
    CHECK_INT(t.span.end, 3);
    gesta_worker_token(w, 3, &t);
    CHECK_MEM(t.text, t.len, "--");
    CHECK_INT(t.span.start, 10);
    CHECK_INT(t.span.end, 13);
    gesta_worker_token(w, 4, &t);
    CHECK_MEM(t.text, t.len, "not");
    CHECK_INT(t.span.start, 13);
    gesta_worker_token(w, 6, &t);
    CHECK_MEM(t.text, t.len, "go");
    gesta_worker_token(w, 7, &t);
    CHECK_MEM(t.text, t.len, ".");
    CHECK_INT(t.span.start, 22);
    (void)t;
}

static void nfc_and_apostrophes(void)
{
    setup(NULL);
    /* decomposed e + combining acute is composed; a typographic apostrophe
     * in a possessive splits off as 's */
    const char *s = "Cafe\xcc\x81 Korea\xe2\x80\x99s army";
    CHECK_INT(run_text(s, strlen(s)), 0);
    CHECK_INT(gesta_worker_token_count(w), 4);
    gesta_token t;
    gesta_worker_token(w, 0, &t);
    CHECK_MEM(t.text, t.len, "Caf\xc3\xa9");
    CHECK_INT(t.span.end, 6);
    gesta_worker_token(w, 2, &t);
    CHECK_MEM(t.text, t.len, "'s");
    CHECK_INT(t.span.start, 12);
    CHECK_INT(t.span.end, 16);
}

static void invalid_utf8_is_reported_and_replaced(void)
{
    setup(NULL);
    const char s[] = "Seoul \xff\xfe said \xc3 no.";
    CHECK(run_text(s, sizeof s - 1) >= 0); /* the number of events */
    CHECK_INT(gesta_worker_diag_count(w), 3);
    gesta_diag d;
    gesta_worker_diag(w, 0, &d);
    CHECK_INT(d.code, GESTA_EUTF8);
    CHECK_INT(d.offset, 6);
    gesta_worker_diag(w, 2, &d);
    CHECK_INT(d.offset, 14);
    gesta_token t;
    gesta_worker_token(w, 1, &t);
    CHECK_MEM(t.text, t.len, "\xef\xbf\xbd\xef\xbf\xbd");
}

/* A number that starts with its decimal point (".5") and a year that starts
 * with an apostrophe ("'80s") are words too: invalid bytes inside them are
 * reported and replaced like anywhere else. */
static void invalid_utf8_inside_numbers(void)
{
    setup(NULL);
    const char s[] = "It fell .5\xbd\xbd and '80\xffs ok.";
    CHECK(run_text(s, sizeof s - 1) >= 0);
    CHECK_INT(gesta_worker_diag_count(w), 3);
    gesta_diag d;
    gesta_worker_diag(w, 0, &d);
    CHECK_INT(d.code, GESTA_EUTF8);
    CHECK_INT(d.offset, 10);
    gesta_worker_diag(w, 2, &d);
    CHECK_INT(d.offset, 20);
    gesta_token t;
    gesta_worker_token(w, 2, &t);
    CHECK_MEM(t.text, t.len, ".5\xef\xbf\xbd\xef\xbf\xbd");
    gesta_worker_token(w, 4, &t);
    CHECK_MEM(t.text, t.len, "'80\xef\xbf\xbds");
}

static void token_and_sentence_limits(void)
{
    gesta_limits lim;
    gesta_limits_default(&lim);
    lim.max_token_bytes = 10;
    lim.max_sentence_tokens = 5;
    setup(&lim);
    char s[64] = "abcdefghijklmnopqrstuvwxyz one two three four five six";
    CHECK_INT(run_text(s, strlen(s)), 0);
    gesta_token t;
    gesta_worker_token(w, 0, &t);
    CHECK_INT(t.len, 10);
    gesta_worker_token(w, 2, &t);
    CHECK_INT(t.len, 6); /* the rest of the alphabet */
    /* 9 tokens in sentences of at most 5 */
    CHECK_INT(gesta_worker_sentence_count(w), 2);
    gesta_sentence se;
    gesta_worker_sentence(w, 0, &se);
    CHECK_INT(se.token_count, 5);
    CHECK(gesta_worker_diag_count(w) >= 2);
}

static void document_limit(void)
{
    gesta_limits lim;
    gesta_limits_default(&lim);
    lim.max_doc_bytes = 16;
    setup(&lim);
    CHECK_INT(run_text("This text is longer than sixteen bytes.", 39), GESTA_ELIMIT);
    CHECK_INT(run_text("Short.", 6), 0);
    CHECK_INT(gesta_worker_sentence_count(w), 1);
}

static void title_is_sentence_zero(void)
{
    setup(NULL);
    gesta_doc d = {"t", 1, "Macron hosts Modi. In Paris", 27, "Talks began. They ended.", 24,
                   20250101};
    CHECK(gesta_worker_run(w, &d) >= 0); /* the number of events */
    CHECK_INT(gesta_worker_sentence_count(w), 3);
    gesta_sentence s;
    gesta_worker_sentence(w, 0, &s);
    CHECK_INT(s.field, GESTA_FIELD_TITLE);
    CHECK_INT(s.span.start, 0);
    CHECK_INT(s.span.end, 27);
    CHECK_INT(s.paragraph, 0);
    gesta_worker_sentence(w, 2, &s);
    CHECK_INT(s.field, GESTA_FIELD_TEXT);
    CHECK_INT(s.span.start, 13);
    CHECK_INT(s.index, 2);
}

static void empty_and_blank_documents(void)
{
    setup(NULL);
    CHECK_INT(run_text("", 0), 0);
    CHECK_INT(gesta_worker_sentence_count(w), 0);
    CHECK_INT(run_text(" \n\n\t ", 5), 0);
    CHECK_INT(gesta_worker_sentence_count(w), 0);
    gesta_doc d = {"t", 1, NULL, 5, "x", 1, 0};
    CHECK_INT(gesta_worker_run(w, &d), GESTA_EINVAL);
    CHECK_INT(gesta_worker_run(NULL, &d), GESTA_EINVAL);
    gesta_sentence s;
    CHECK_INT(gesta_worker_sentence(w, 0, &s), GESTA_ERANGE);
    gesta_worker_free(w);
    gesta_engine_free(eng);
    w = NULL;
    eng = NULL;
}

/* Runs of ASCII letters and digits are scanned sixteen bytes at a time
 * where the text allows: words of every length, at every offset from a
 * block boundary, ended by a space, punctuation, a non-ASCII letter (which
 * continues the word) or the end of the text, come out whole.  Each text
 * sits in a block of its own size, so that a sanitizer sees a read past
 * its end. */
static void ascii_runs_at_block_edges(void)
{
    setup(NULL);
    static const char alnum[] = "aZ0bY9cX8dW7eV6";
    static const char *const ends[] = {" next", ", next", "\xc3\xa9 next", ""};
    for (size_t pad = 0; pad <= 17; pad++)
        for (size_t len = 1; len <= 40; len++)
            for (size_t e = 0; e < 4; e++) {
                size_t el = strlen(ends[e]), n = pad + len + el;
                char *text = malloc(n);
                memset(text, ' ', pad);
                for (size_t i = 0; i < len; i++)
                    text[pad + i] = alnum[(i + len) % 15];
                memcpy(text + pad + len, ends[e], el);
                CHECK_INT(run_text(text, n), 0);
                gesta_token t;
                CHECK_INT(gesta_worker_token(w, 0, &t), 0);
                size_t want = len + (e == 2 ? 2 : 0); /* "é" is part of the word */
                CHECK_INT(t.len, want);
                CHECK(t.len == want && !memcmp(t.text, text + pad, want));
                CHECK_INT(t.span.start, pad);
                CHECK_INT(t.span.end, pad + want);
                CHECK_INT(gesta_worker_token_count(w), e == 3 ? 1 : e == 1 ? 3 : 2);
                free(text);
            }
}

/* Abbreviations before a period, by class: titles, before numbers, others;
 * a lower-case word only when it is written so ("etc", not "ill"). */
static void abbreviation_classes(void)
{
    static const struct {
        const char *w;
        int cls;
    } cases[] = {
        {"Mr", GS_ABBR_TITLE},      {"MR", GS_ABBR_TITLE},       {"mr", GS_ABBR_NONE},
        {"Messrs", GS_ABBR_TITLE},  {"Sgto", GS_ABBR_TITLE},     {"Gen", GS_ABBR_TITLE},
        {"Jan", GS_ABBR_NUMBER},    {"No", GS_ABBR_NUMBER},      {"sec", GS_ABBR_NUMBER},
        {"vol", GS_ABBR_NUMBER},    {"Sept", GS_ABBR_NUMBER},    {"Inc", GS_ABBR_OTHER},
        {"etc", GS_ABBR_OTHER},     {"est", GS_ABBR_OTHER},      {"Approx", GS_ABBR_OTHER},
        {"approx", GS_ABBR_OTHER},  {"Ill", GS_ABBR_OTHER},      {"ill", GS_ABBR_NONE},
        {"Calif", GS_ABBR_OTHER},   {"ca", GS_ABBR_OTHER},       {"Wyo", GS_ABBR_OTHER},
        {"Mrx", GS_ABBR_NONE},      {"M", GS_ABBR_NONE},         {"", GS_ABBR_NONE},
        {"Lieutenant", GS_ABBR_NONE}, {"Messrsx", GS_ABBR_NONE}, {"M\xc3\xa9", GS_ABBR_NONE},
        {"Co", GS_ABBR_OTHER},      {"Cos", GS_ABBR_OTHER},      {"Col", GS_ABBR_TITLE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = strlen(cases[i].w);
        char *word = malloc(n ? n : 1); /* exact size, for ASan */
        memcpy(word, cases[i].w, n);
        int got = gs_abbrev_class(word, n);
        if (got != cases[i].cls)
            fprintf(stderr, "abbreviation %s: class %d, want %d\n", cases[i].w, got, cases[i].cls);
        CHECK(got == cases[i].cls);
        free(word);
    }
    /* a listed word followed by more letters is not listed */
    CHECK(gs_abbrev_class("Mrs", 2) == GS_ABBR_TITLE);
    CHECK(gs_abbrev_class("Mrs", 3) == GS_ABBR_TITLE);
}

/* The matching key of a word: ASCII lower-cased byte for byte (eight at a
 * time inside), whatever the length; a word with a byte outside ASCII
 * anywhere, even after the first eight, is folded by Unicode (accents
 * dropped); a key that does not fit is refused. */
static void fold_words(void)
{
    char word[48] = "", out[64], want[64];
    for (size_t n = 0; n <= 40; n++) {
        for (size_t i = 0; i < n; i++)
            word[i] = "AbCdEfGhIjKlMnOpQrStUvWxYz@[`{0-9'"[i % 35];
        for (size_t i = 0; i < n; i++)
            want[i] = (char)gs_lower((unsigned char)word[i]);
        char *exact = malloc(n ? n : 1); /* exact size, for ASan */
        memcpy(exact, word, n ? n : 1);
        size_t k = gs_fold_word(exact, n, out, sizeof out);
        CHECK(k == n && !memcmp(out, want, n) && (n == 0 || out[n] == '\0'));
        CHECK(gs_fold_word(exact, n, out, n) == 0); /* no room for the NUL */
        free(exact);
    }
    const char *mixed[] = {"ABCDEFGH\xc3\x89TAT", "Caf\xc3\xa9", "abcdefghijklmnop\xc3\xa9"};
    const char *folded[] = {"abcdefghetat", "cafe", "abcdefghijklmnope"};
    for (size_t i = 0; i < 3; i++) {
        size_t k = gs_fold_word(mixed[i], strlen(mixed[i]), out, sizeof out);
        CHECK(k == strlen(folded[i]) && !strcmp(out, folded[i]));
    }
}

const test_case text_tests[] = {
    {"text/fold_words", fold_words},
    {"text/abbreviations", abbreviation_classes},
    {"text/ascii_runs", ascii_runs_at_block_edges},
    {"text/offsets", offsets_index_original_bytes},
    {"text/nfc_apostrophes", nfc_and_apostrophes},
    {"text/invalid_utf8", invalid_utf8_is_reported_and_replaced},
    {"text/invalid_utf8_in_numbers", invalid_utf8_inside_numbers},
    {"text/limits", token_and_sentence_limits},
    {"text/doc_limit", document_limit},
    {"text/title", title_is_sentence_zero},
    {"text/empty", empty_and_blank_documents},
    {NULL, NULL}};
