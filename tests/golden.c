/*
 * golden.c: runs the plain-text golden tests (tests/golden/NAME.txt), each
 * case through the library and again through the command-line tool.
 *
 * File format (one file holds many cases):
 *
 *     # a comment line (outside a case)
 *     === MODE NAME
 *     input text, any number of lines; \xHH stands for a byte
 *     ---
 *     expected output, one line per record
 *
 * A case ends at the next "===" line or at the end of the file.  Trailing
 * blank lines of input and expected output are ignored.  MODEs:
 *
 *     split   the sentences, one a line ("T: " marks the title, a first
 *             line "DATELINE: ..." the dateline)
 *     tokens  the tokens of each sentence separated by spaces, one sentence
 *             a line
 *     spans   every token as text@start-end, one sentence a line
 *     diag    the diagnostics, one a line: CODE field byte message
 *     phrases the language analysis as `gesta tag --phrases` prints it,
 *             without its "# id sentence N" lines (library:
 *             gesta_worker_render; CLI: gesta tag --phrases)
 *     lookup DATE
 *             each input line is a phrase; the expected line lists the
 *             actor codes found in it on DATE (YYYY-MM-DD), space-separated,
 *             or "-" (library: gesta_worker_lookup; CLI: gesta dict lookup)
 *     events DATE
 *             the input is a document of date DATE; one expected line per
 *             event: SOURCE TARGET CODE, "-" for an empty actor (library:
 *             gesta_worker_run; CLI: gesta code --output tsv)
 *
 * The CLI path runs `gesta split --input text [--tokens]` on the input and
 * checks the same sentences (split and tokens modes).
 *
 * Usage: golden GESTA_BINARY FILE...   Exit status 0 when every case passes.
 */
#include "gesta.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p) {
            perror("golden");
            exit(2);
        }
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}
static void sb_puts(sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }
static void sb_trim(sbuf *b)
{
    while (b->n && (b->p[b->n - 1] == '\n' || b->p[b->n - 1] == ' '))
        b->n--;
    if (b->p)
        b->p[b->n] = '\0';
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Appends an input line, decoding \xHH escapes. */
static void add_input_line(sbuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 3 < n && s[i + 1] == 'x' && hexval((unsigned char)s[i + 2]) >= 0 &&
            hexval((unsigned char)s[i + 3]) >= 0) {
            char c = (char)(hexval((unsigned char)s[i + 2]) * 16 + hexval((unsigned char)s[i + 3]));
            sb_add(b, &c, 1);
            i += 3;
        } else {
            sb_add(b, s + i, 1);
        }
    }
}

static void one_line(sbuf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n' || c == '\t' || c == '\r')
            c = ' ';
        sb_add(out, &c, 1);
    }
}

/* Appends text without its "# ..." lines. */
static void strip_comments(sbuf *out, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) + 1 : n;
        if (s[i] != '#')
            sb_add(out, s + i, e - i);
        i = e;
    }
}

/* The lookup mode through the library: one line of codes per phrase. */
static void run_lookup(gesta_worker *w, int32_t date, const sbuf *in, sbuf *out)
{
    const char *p = in->p ? in->p : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        int rc = gesta_worker_lookup(w, p, n, date);
        if (rc < 0) {
            sb_puts(out, "ERROR ");
            sb_puts(out, gesta_errname(rc));
        } else if (rc == 0) {
            sb_puts(out, "-");
        }
        for (int i = 0; i < rc; i++) {
            if (i)
                sb_puts(out, " ");
            sb_puts(out, gesta_worker_actor(w, (size_t)i)->code);
        }
        sb_puts(out, "\n");
        p += n + (nl ? 1 : 0);
    }
}

static const char *or_dash(const char *s) { return s && *s ? s : "-"; }

/* Renders the library's view of the input in the given mode. */
static void run_library(gesta_worker *w, const char *mode, int32_t date, const sbuf *in, sbuf *out)
{
    if (!strcmp(mode, "lookup")) {
        run_lookup(w, date, in, out);
        return;
    }
    gesta_doc doc = {"case", 4, NULL, 0, in->p ? in->p : "", in->n, date ? date : 20250101};
    int rc = gesta_worker_run(w, &doc);
    if (rc < 0) {
        sb_puts(out, "ERROR ");
        sb_puts(out, gesta_errname(rc));
        sb_puts(out, "\n");
        return;
    }
    if (!strcmp(mode, "events")) {
        for (size_t i = 0; i < gesta_worker_event_count(w); i++) {
            const gesta_event *e = gesta_worker_event(w, i);
            char line[200];
            snprintf(line, sizeof line, "%s %s %s\n", or_dash(e->source), or_dash(e->target),
                     e->code);
            sb_puts(out, line);
        }
        return;
    }
    if (!strcmp(mode, "phrases")) {
        char *r = NULL;
        size_t rl = 0;
        if (gesta_worker_render(w, GESTA_OUTPUT_PHRASES, &r, &rl) < 0) {
            sb_puts(out, "ERROR render\n");
            return;
        }
        strip_comments(out, r, rl);
        free(r);
        return;
    }
    if (!strcmp(mode, "diag")) {
        size_t nd = gesta_worker_diag_count(w);
        for (size_t i = 0; i < nd; i++) {
            gesta_diag d;
            gesta_worker_diag(w, i, &d);
            char line[300];
            snprintf(line, sizeof line, "%s %s %u %s\n", gesta_errname(d.code),
                     d.field == GESTA_FIELD_TITLE ? "title" : "text", d.offset, d.message);
            sb_puts(out, line);
        }
        return;
    }
    gesta_span dl = gesta_worker_dateline(w);
    bool dateline_due = !strcmp(mode, "split") && dl.end > dl.start;
    size_t ns = gesta_worker_sentence_count(w);
    for (size_t i = 0; i < ns; i++) {
        gesta_sentence s;
        gesta_worker_sentence(w, i, &s);
        /* the dateline comes after the headline, before the body */
        if (dateline_due && s.paragraph > 0) {
            sb_puts(out, "DATELINE: ");
            one_line(out, in->p + dl.start, dl.end - dl.start);
            sb_puts(out, "\n");
            dateline_due = false;
        }
        if (!strcmp(mode, "split")) {
            if (s.paragraph == 0)
                sb_puts(out, "T: ");
            /* the original text of the sentence with line breaks as spaces */
            one_line(out, in->p + s.span.start, s.span.end - s.span.start);
        } else {
            for (uint32_t k = 0; k < s.token_count; k++) {
                gesta_token t;
                gesta_worker_token(w, s.first_token + k, &t);
                if (k)
                    sb_puts(out, " ");
                one_line(out, t.text, t.len);
                if (!strcmp(mode, "spans")) {
                    char sp[40];
                    snprintf(sp, sizeof sp, "@%u-%u", t.span.start, t.span.end);
                    sb_puts(out, sp);
                }
            }
        }
        sb_puts(out, "\n");
    }
}

/* The CLI's view: `gesta split` prints id, index, field, start, end, text;
 * with --tokens id, index, tokens.  We keep the last column. */
static bool run_cli(const char *gesta, const char *mode, const char *date, const sbuf *in,
                    sbuf *out)
{
    char path[] = "/tmp/gesta-golden-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return false;
    if (in->n && write(fd, in->p, in->n) != (ssize_t)in->n) {
        close(fd);
        unlink(path);
        return false;
    }
    close(fd);
    char cmd[1024];
    if (!strcmp(mode, "phrases"))
        snprintf(cmd, sizeof cmd, "%s tag --phrases --no-warnings --input text %s", gesta, path);
    else if (!strcmp(mode, "lookup"))
        snprintf(cmd, sizeof cmd, "%s dict lookup --date %s < %s", gesta, date, path);
    else if (!strcmp(mode, "events"))
        snprintf(cmd, sizeof cmd, "%s code --no-warnings --input text --output tsv --date %s %s",
                 gesta, date, path);
    else
        snprintf(cmd, sizeof cmd, "%s split --no-warnings --input text %s %s", gesta,
                 strcmp(mode, "tokens") ? "" : "--tokens", path);
    FILE *p = popen(cmd, "r");
    if (!p) {
        unlink(path);
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    const char *next = in->p ? in->p : ""; /* lookup: the phrase expected next */
    bool header = true, first = true;
    while ((n = getline(&line, &cap, p)) > 0) {
        if (n && line[n - 1] == '\n')
            line[--n] = '\0';
        char *f[24] = {0};
        int nf = 0;
        if (!strcmp(mode, "lookup") || !strcmp(mode, "events")) {
            for (char *q = line; nf < 24;) {
                f[nf++] = q;
                char *tab = strchr(q, '\t');
                if (!tab)
                    break;
                *tab = '\0';
                q = tab + 1;
            }
        }
        if (!strcmp(mode, "lookup")) {
            /* PHRASE CODE TEXT RULE: a new output line for each new phrase */
            const char *nl = strchr(next, '\n');
            size_t pn = nl ? (size_t)(nl - next) : strlen(next);
            bool same = strlen(f[0]) == pn && !strncmp(f[0], next, pn);
            if (!first && !same) {
                sb_puts(out, "\n");
                next += pn + (nl ? 1 : 0);
            } else if (!first)
                sb_puts(out, " ");
            first = false;
            sb_puts(out, nf > 1 ? f[1] : "?");
            continue;
        }
        if (!strcmp(mode, "events")) {
            if (header) {
                header = false;
                continue;
            }
            char l2[200];
            snprintf(l2, sizeof l2, "%s %s %s\n", nf > 4 ? or_dash(f[3]) : "?",
                     nf > 4 ? or_dash(f[4]) : "?", nf > 8 ? f[8] : "?");
            sb_puts(out, l2);
            continue;
        }
        line[n++] = '\n';
        if (!strcmp(mode, "phrases")) {
            if (line[0] != '#')
                sb_add(out, line, (size_t)n);
            continue;
        }
        char *last = strrchr(line, '\t');
        char *s = last ? last + 1 : line;
        sb_add(out, s, strlen(s));
    }
    free(line);
    pclose(p);
    unlink(path);
    return true;
}

typedef struct stats {
    int cases, failed;
} stats;

static void check(stats *st, const char *file, int line, const char *name, const char *path,
                  const sbuf *expect, const sbuf *got)
{
    if (expect->n == got->n && (!got->n || !memcmp(expect->p, got->p, got->n)))
        return;
    st->failed++;
    printf("FAIL %s:%d: %s (%s)\n--- expected\n%s\n--- got\n%s\n\n", file, line, name, path,
           expect->p ? expect->p : "", got->p ? got->p : "");
}

static void run_case(stats *st, gesta_worker *w, const char *gesta, const char *file, int line,
                     const char *header, sbuf *in, sbuf *expect)
{
    char mode[32] = "";
    const char *name = header;
    sscanf(header, "%31s", mode);
    name = header + strlen(mode);
    while (*name == ' ')
        name++;
    char date_s[16] = "";
    int32_t date = 0;
    if (!strcmp(mode, "lookup") || !strcmp(mode, "events")) {
        sscanf(name, "%15s", date_s);
        if (gesta_date_parse(date_s, strlen(date_s), &date) < 0) {
            st->failed++;
            printf("FAIL %s:%d: %s: needs a date YYYY-MM-DD\n", file, line, header);
            return;
        }
        name += strlen(date_s);
        while (*name == ' ')
            name++;
    }
    /* trailing blank input lines are not part of the text */
    while (in->n && in->p[in->n - 1] == '\n')
        in->n--;
    if (in->p)
        in->p[in->n] = '\0';
    sb_trim(expect);
    st->cases++;
    sbuf got = {0};
    run_library(w, mode, date, in, &got);
    sb_trim(&got);
    check(st, file, line, name, "library", expect, &got);
    if (!strcmp(mode, "phrases") || !strcmp(mode, "lookup") || !strcmp(mode, "events")) {
        sbuf cli = {0};
        if (!run_cli(gesta, mode, date_s, in, &cli)) {
            st->failed++;
            printf("FAIL %s:%d: %s: cannot run %s\n", file, line, name, gesta);
        } else {
            sb_trim(&cli);
            check(st, file, line, name, "cli", expect, &cli);
        }
        free(cli.p);
    } else if (!strcmp(mode, "split") || !strcmp(mode, "tokens")) {
        /* The CLI has no dateline line; compare sentences only. */
        sbuf exp2 = {0};
        const char *p = expect->p ? expect->p : "";
        while (*p) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            if (!(n >= 10 && !strncmp(p, "DATELINE: ", 10))) {
                const char *q = p;
                size_t m = n;
                if (m >= 3 && !strncmp(q, "T: ", 3)) {
                    q += 3;
                    m -= 3;
                }
                sb_add(&exp2, q, m);
                sb_puts(&exp2, "\n");
            }
            p += n + (nl ? 1 : 0);
        }
        sb_trim(&exp2);
        sbuf cli = {0};
        if (!run_cli(gesta, mode, date_s, in, &cli)) {
            st->failed++;
            printf("FAIL %s:%d: %s: cannot run %s\n", file, line, name, gesta);
        } else {
            sb_trim(&cli);
            /* The CLI prints normalised tokens for split; compare with the
             * library's tokens-joined form only in tokens mode. */
            if (!strcmp(mode, "tokens"))
                check(st, file, line, name, "cli", &exp2, &cli);
            else {
                /* same number of sentences */
                size_t a = 0, b = 0;
                for (size_t i = 0; i < exp2.n; i++)
                    a += exp2.p[i] == '\n';
                for (size_t i = 0; i < cli.n; i++)
                    b += cli.p[i] == '\n';
                if (exp2.n && cli.n && a != b) {
                    st->failed++;
                    printf("FAIL %s:%d: %s (cli): %zu sentences, expected %zu\n%s\n", file, line,
                           name, b + 1, a + 1, cli.p);
                }
            }
        }
        free(cli.p);
        free(exp2.p);
    }
    free(got.p);
}

static int run_file(stats *st, gesta_worker *w, const char *gesta, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0, case_line = 0;
    enum { OUTSIDE, INPUT, EXPECT } state = OUTSIDE;
    char header[256] = "";
    sbuf in = {0}, expect = {0};
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (n && line[n - 1] == '\n')
            line[--n] = '\0';
        if (!strncmp(line, "=== ", 4)) {
            if (state != OUTSIDE)
                run_case(st, w, gesta, path, case_line, header, &in, &expect);
            snprintf(header, sizeof header, "%s", line + 4);
            in.n = expect.n = 0;
            state = INPUT;
            case_line = lineno;
            continue;
        }
        if (state == INPUT && !strcmp(line, "---")) {
            state = EXPECT;
            continue;
        }
        if (state == INPUT) {
            add_input_line(&in, line, (size_t)n);
            sb_puts(&in, "\n");
        } else if (state == EXPECT) {
            sb_add(&expect, line, (size_t)n);
            sb_puts(&expect, "\n");
        }
    }
    if (state != OUTSIDE)
        run_case(st, w, gesta, path, case_line, header, &in, &expect);
    free(line);
    free(in.p);
    free(expect.p);
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: golden GESTA_BINARY FILE...\n");
        return 2;
    }
    gesta_engine *eng;
    gesta_worker *w;
    if (gesta_engine_new(NULL, &eng) < 0 || gesta_worker_new(eng, &w) < 0) {
        fprintf(stderr, "golden: cannot create engine\n");
        return 2;
    }
    stats st = {0, 0};
    for (int i = 2; i < argc; i++)
        if (run_file(&st, w, argv[1], argv[i]) < 0)
            st.failed++;
    gesta_worker_free(w);
    gesta_engine_free(eng);
    printf("golden: %d cases, %d failed\n", st.cases, st.failed);
    return st.failed ? 1 : 0;
}
