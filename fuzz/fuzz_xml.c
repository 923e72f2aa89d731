/*
 * fuzz_xml.c: the PETRARCH XML reader (libxml2's SAX2 push parser in
 * recovery mode, src/io/reader.c) and the whole pipeline behind it.
 *
 * The input is an XML file.  It goes through gesta_run(): with the default
 * engine and a default date on one thread and on two, and with the
 * small-limits engine (nesting of 6, documents of 4 KiB) and no default
 * date.  The harness checks that the run's error count equals the error
 * records written, that each names a line of the file (0 only for the
 * summary of errors not shown), that every output line is one JSON object,
 * and that two threads write exactly what one writes.
 */
#include "fuzz.h"

#include <jansson.h>
#include <string.h>

typedef struct seen {
    uint64_t nlines;
    uint64_t errors;
} seen;

static void on_error_record(void *ctx, void *obj)
{
    seen *S = ctx;
    json_t *v = obj;
    const char *sev = json_string_value(json_object_get(v, "severity"));
    FUZZ_CHECK(sev);
    json_t *line = json_object_get(v, "line");
    FUZZ_CHECK(json_is_integer(line));
    json_int_t ln = json_integer_value(line);
    FUZZ_CHECK(ln >= 0 && (uint64_t)ln <= S->nlines + 1);
    FUZZ_CHECK(json_is_integer(json_object_get(v, "byte")));
    FUZZ_CHECK(json_is_string(json_object_get(v, "message")));
    if (!strcmp(sev, "error"))
        S->errors++;
    else
        FUZZ_CHECK(!strcmp(sev, "warning"));
}

static void one(const gesta_engine *eng, const uint8_t *data, size_t size, int32_t date,
                int threads)
{
    seen S = {1, 0};
    for (size_t i = 0; i < size; i++)
        S.nlines += data[i] == '\n';
    fuzz_run_result r;
    fuzz_run(eng, data, size, GESTA_INPUT_PETRARCH_XML, date, 1, &r);
    FUZZ_CHECK(r.rc == 0 || r.rc == GESTA_EFAILED);
    FUZZ_CHECK((r.rc == GESTA_EFAILED) == (r.st.errors > 0));
    fuzz_check_json_lines(r.out, r.out_len, NULL, NULL);
    fuzz_check_json_lines(r.errs, r.errs_len, on_error_record, &S);
    FUZZ_CHECK(S.errors == r.st.errors);
    if (threads > 1) {
        fuzz_run_result rj;
        fuzz_run(eng, data, size, GESTA_INPUT_PETRARCH_XML, date, threads, &rj);
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
