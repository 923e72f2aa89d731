/*
 * fuzz_jsonl.c: the JSON Lines reader and the whole pipeline behind it.
 *
 * The input is a JSON Lines file.  It goes through gesta_run() (reader,
 * decoding, text stage, coder, renderer, error records): with the default
 * engine and a default date on one thread and on two, and with the
 * small-limits engine and no default date.  Besides the sanitizers, the
 * harness checks what the README promises for bad input: nothing is
 * dropped silently (every non-blank line is a record, and the run's error
 * count equals the error records written, each naming a line that holds a
 * record), every output line, event or error, is one JSON object, and two
 * threads write exactly what one writes.
 */
#include "fuzz.h"

#include <jansson.h>
#include <string.h>

typedef struct lines {
    const uint8_t *data;
    size_t size;
    uint64_t nlines;  /* lines in the input */
    uint64_t records; /* non-blank lines */
    uint64_t errors;  /* error records seen */
} lines;

/* Whether line number ln (1-based) of the input is blank as the reader
 * sees it: only spaces, tabs and carriage returns. */
static int line_is_blank(const lines *L, uint64_t ln)
{
    uint64_t cur = 1;
    size_t i = 0;
    while (cur < ln && i < L->size) {
        const uint8_t *nl = memchr(L->data + i, '\n', L->size - i);
        if (!nl)
            return 1;
        i = (size_t)(nl - L->data) + 1;
        cur++;
    }
    for (; i < L->size && L->data[i] != '\n'; i++)
        if (L->data[i] != ' ' && L->data[i] != '\t' && L->data[i] != '\r')
            return 0;
    return 1;
}

static void count_lines(lines *L)
{
    L->nlines = L->records = 0;
    size_t i = 0;
    while (i < L->size) {
        const uint8_t *nl = memchr(L->data + i, '\n', L->size - i);
        size_t end = nl ? (size_t)(nl - L->data) : L->size;
        L->nlines++;
        for (size_t k = i; k < end; k++)
            if (L->data[k] != ' ' && L->data[k] != '\t' && L->data[k] != '\r') {
                L->records++;
                break;
            }
        i = end + 1;
    }
}

static void on_error_record(void *ctx, void *obj)
{
    lines *L = ctx;
    json_t *v = obj;
    const char *sev = json_string_value(json_object_get(v, "severity"));
    FUZZ_CHECK(sev);
    json_t *line = json_object_get(v, "line");
    FUZZ_CHECK(json_is_integer(line));
    json_int_t ln = json_integer_value(line);
    FUZZ_CHECK(ln >= 1 && (uint64_t)ln <= L->nlines);
    FUZZ_CHECK(!line_is_blank(L, (uint64_t)ln));
    FUZZ_CHECK(json_is_integer(json_object_get(v, "byte")));
    FUZZ_CHECK(json_is_string(json_object_get(v, "message")));
    if (!strcmp(sev, "error"))
        L->errors++;
    else
        FUZZ_CHECK(!strcmp(sev, "warning"));
}

static void one(const gesta_engine *eng, const uint8_t *data, size_t size, int32_t date,
                int threads)
{
    lines L = {data, size, 0, 0, 0};
    count_lines(&L);
    fuzz_run_result r;
    fuzz_run(eng, data, size, GESTA_INPUT_JSONL, date, 1, &r);
    FUZZ_CHECK(r.rc == 0 || r.rc == GESTA_EFAILED);
    FUZZ_CHECK((r.rc == GESTA_EFAILED) == (r.st.errors > 0));
    FUZZ_CHECK(r.st.documents == L.records);
    fuzz_check_json_lines(r.out, r.out_len, NULL, NULL);
    fuzz_check_json_lines(r.errs, r.errs_len, on_error_record, &L);
    FUZZ_CHECK(L.errors == r.st.errors);
    if (threads > 1) {
        fuzz_run_result rj;
        fuzz_run(eng, data, size, GESTA_INPUT_JSONL, date, threads, &rj);
        fuzz_check_same_run(&r, &rj);
        fuzz_run_free(&rj);
    }
    fuzz_run_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one(fuzz_engine(), data, size, 20250618, 2);
    one(fuzz_engine_small(), data, size, 0, 1);
    return 0;
}
