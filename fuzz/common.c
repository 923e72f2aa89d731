/*
 * common.c: the engines, in-memory files and invariant checks that the
 * fuzz harnesses share (see fuzz.h).
 */
#include "fuzz.h"

#include <jansson.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static gesta_engine *engine_default;
static gesta_engine *engine_small;

const gesta_engine *fuzz_engine(void)
{
    if (!engine_default && gesta_engine_new(NULL, &engine_default) < 0) {
        fprintf(stderr, "fuzz: cannot create the engine\n");
        abort();
    }
    return engine_default;
}

const gesta_engine *fuzz_engine_small(void)
{
    if (!engine_small) {
        gesta_engine_options o;
        gesta_engine_options_default(&o);
        o.limits.max_doc_bytes = 4096;
        o.limits.max_sentence_tokens = 12;
        o.limits.max_token_bytes = 16;
        o.limits.max_json_depth = 4;
        o.limits.max_xml_depth = 6;
        if (gesta_engine_new(&o, &engine_small) < 0) {
            fprintf(stderr, "fuzz: cannot create the engine\n");
            abort();
        }
    }
    return engine_small;
}

const char *fuzz_memfile(const uint8_t *data, size_t size, char *buf, size_t cap, int *fd)
{
    *fd = memfd_create("gesta-fuzz", MFD_CLOEXEC);
    if (*fd < 0) {
        perror("fuzz: memfd_create");
        abort();
    }
    size_t off = 0;
    while (off < size) {
        ssize_t k = write(*fd, data + off, size - off);
        if (k <= 0) {
            perror("fuzz: write");
            abort();
        }
        off += (size_t)k;
    }
    snprintf(buf, cap, "/proc/self/fd/%d", *fd);
    return buf;
}

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
static int valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t k;
        unsigned min, cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            k = 1, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            k = 2, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            k = 3, min = 0x10000, cp = c & 0x07;
        } else {
            return 0;
        }
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= n || (p[i + j] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

static size_t field_len(const gesta_doc *doc, gesta_field f)
{
    return f == GESTA_FIELD_TITLE ? doc->title_len : doc->text_len;
}

void fuzz_check_worker(const gesta_worker *w, const gesta_doc *doc, const gesta_limits *lim,
                       int cameo_only)
{
    size_t ntok = gesta_worker_token_count(w);
    gesta_token prev;
    int have_prev = 0;
    for (size_t i = 0; i < ntok; i++) {
        gesta_token t;
        FUZZ_CHECK(gesta_worker_token(w, i, &t) == 0);
        FUZZ_CHECK(t.field == GESTA_FIELD_TEXT || t.field == GESTA_FIELD_TITLE);
        FUZZ_CHECK(t.span.start < t.span.end);
        FUZZ_CHECK(t.span.end <= field_len(doc, t.field));
        FUZZ_CHECK(t.text && t.len > 0);
        FUZZ_CHECK(valid_utf8(t.text, t.len));
        FUZZ_CHECK(t.tag && t.tag[0]);
        FUZZ_CHECK(t.lemma || t.lemma_len == 0);
        if (have_prev) {
            /* the title's tokens come first; within a field, in order */
            FUZZ_CHECK(t.field == prev.field || prev.field == GESTA_FIELD_TITLE);
            if (t.field == prev.field)
                FUZZ_CHECK(t.span.start >= prev.span.end);
        }
        prev = t;
        have_prev = 1;
    }
    FUZZ_CHECK(gesta_worker_token(w, ntok, &prev) == GESTA_ERANGE);

    size_t nsent = gesta_worker_sentence_count(w);
    gesta_sentence ps;
    gesta_span dl = gesta_worker_dateline(w);
    FUZZ_CHECK(dl.start <= dl.end && dl.end <= doc->text_len);
    for (size_t i = 0; i < nsent; i++) {
        gesta_sentence s;
        FUZZ_CHECK(gesta_worker_sentence(w, i, &s) == 0);
        FUZZ_CHECK(s.index == i);
        FUZZ_CHECK(s.span.start <= s.span.end && s.span.end <= field_len(doc, s.field));
        FUZZ_CHECK(s.token_count >= 1);
        FUZZ_CHECK(s.token_count <= lim->max_sentence_tokens);
        FUZZ_CHECK(s.first_token < ntok && s.token_count <= ntok - s.first_token);
        gesta_token a, z;
        gesta_worker_token(w, s.first_token, &a);
        gesta_worker_token(w, s.first_token + s.token_count - 1, &z);
        FUZZ_CHECK(a.field == s.field && z.field == s.field);
        FUZZ_CHECK(s.span.start <= a.span.start && z.span.end <= s.span.end);
        if (s.field == GESTA_FIELD_TITLE)
            FUZZ_CHECK(i == 0 && s.paragraph == 0);
        if (s.field == GESTA_FIELD_TEXT && dl.end > dl.start)
            FUZZ_CHECK(s.span.end <= dl.start || s.span.start >= dl.end);
        if (i > 0) {
            FUZZ_CHECK(s.first_token >= ps.first_token + ps.token_count);
            if (s.field == ps.field) {
                FUZZ_CHECK(s.span.start >= ps.span.end);
                FUZZ_CHECK(s.paragraph >= ps.paragraph);
            }
        }
        ps = s;
    }
    FUZZ_CHECK(gesta_worker_sentence(w, nsent, &ps) == GESTA_ERANGE);

    for (size_t i = 0; i < gesta_worker_diag_count(w); i++) {
        gesta_diag d;
        FUZZ_CHECK(gesta_worker_diag(w, i, &d) == 0);
        FUZZ_CHECK(d.code == GESTA_EUTF8 || d.code == GESTA_ELIMIT);
        FUZZ_CHECK(d.message && d.message[0]);
        FUZZ_CHECK(d.offset <= field_len(doc, d.field));
    }

    for (size_t i = 0; i < gesta_worker_event_count(w); i++) {
        const gesta_event *e = gesta_worker_event(w, i);
        FUZZ_CHECK(e);
        FUZZ_CHECK(e->sentence < nsent);
        gesta_sentence s;
        gesta_worker_sentence(w, e->sentence, &s);
        FUZZ_CHECK(e->field == s.field);
        size_t n = field_len(doc, e->field);
        const gesta_span sp[3] = {e->source_span, e->verb_span, e->target_span};
        for (int k = 0; k < 3; k++)
            FUZZ_CHECK(sp[k].start <= sp[k].end && sp[k].end <= n);
        FUZZ_CHECK(e->source && e->target);
        FUZZ_CHECK(e->code[0] && strlen(e->code) < sizeof e->code);
        if (e->root == 0 && !cameo_only) {
            /* a user dictionary's code outside CAMEO: kept, without attributes */
            FUZZ_CHECK(e->quad_class == 0 && e->goldstein == 0.0);
        } else {
            FUZZ_CHECK(e->root >= 1 && e->root <= 20);
            FUZZ_CHECK(e->quad_class >= 1 && e->quad_class <= 4);
            FUZZ_CHECK(e->goldstein >= -10.0 && e->goldstein <= 10.0);
        }
        FUZZ_CHECK(e->plover_event && e->plover_mode);
        FUZZ_CHECK(e->rule_file);
    }
    FUZZ_CHECK(gesta_worker_event(w, gesta_worker_event_count(w)) == NULL);
}

size_t fuzz_check_json_lines(const char *text, size_t len, void (*fn)(void *ctx, void *obj),
                             void *ctx)
{
    size_t i = 0, lines = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        FUZZ_CHECK(nl); /* every record ends with a line break */
        size_t n = (size_t)(nl - (text + i));
        json_error_t je;
        json_t *v = json_loadb(text + i, n, JSON_ALLOW_NUL, &je); /* \u0000 is JSON */
        if (!v)
            fprintf(stderr, "fuzz: not JSON: %.*s\n(%s)\n", (int)n, text + i, je.text);
        FUZZ_CHECK(v && json_is_object(v));
        if (fn)
            fn(ctx, v);
        json_decref(v);
        i += n + 1;
        lines++;
    }
    return lines;
}

void fuzz_run(const gesta_engine *eng, const uint8_t *data, size_t size, int input,
              int32_t default_date, int threads, fuzz_run_result *res)
{
    memset(res, 0, sizeof *res);
    char path[64];
    int fd;
    const char *files[1] = {fuzz_memfile(data, size, path, sizeof path, &fd)};
    gesta_run_options o;
    gesta_run_options_default(&o);
    o.input = (gesta_input_format)input;
    o.output = GESTA_OUTPUT_JSONL;
    o.default_date = default_date;
    o.threads = threads;
    o.out = open_memstream(&res->out, &res->out_len);
    o.errors = open_memstream(&res->errs, &res->errs_len);
    o.log = NULL;
    FUZZ_CHECK(o.out && o.errors);
    res->rc = gesta_run(eng, &o, files, 1, &res->st);
    FUZZ_CHECK(fclose(o.out) == 0 && fclose(o.errors) == 0);
    close(fd);
}

void fuzz_check_same_run(const fuzz_run_result *a, const fuzz_run_result *b)
{
    FUZZ_CHECK(a->rc == b->rc);
    FUZZ_CHECK(a->out_len == b->out_len && !memcmp(a->out, b->out, a->out_len));
    FUZZ_CHECK(a->errs_len == b->errs_len && !memcmp(a->errs, b->errs, a->errs_len));
    FUZZ_CHECK(a->st.documents == b->st.documents && a->st.sentences == b->st.sentences &&
               a->st.tokens == b->st.tokens && a->st.events == b->st.events &&
               a->st.errors == b->st.errors && a->st.warnings == b->st.warnings);
}

void fuzz_run_free(fuzz_run_result *res)
{
    free(res->out);
    free(res->errs);
    memset(res, 0, sizeof *res);
}
