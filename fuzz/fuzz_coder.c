/*
 * fuzz_coder.c: the whole coder (tags, phrases, clauses, actors, verb
 * patterns, events, dates) with the built-in dictionaries on arbitrary
 * text, and the actor lookup.
 *
 * The input is the text of one document.  The harness codes it with
 * gesta_worker_run(), checks the worker's results (fuzz_check_worker:
 * spans inside the text, events' fields in range), renders them in every
 * output format (events as JSON Lines must be one JSON object a line, TSV
 * one line an event), then looks the same text up with
 * gesta_worker_lookup() and checks each actor's evidence.
 */
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static gesta_worker *w;
    const gesta_engine *eng = fuzz_engine();
    if (!w)
        FUZZ_CHECK(gesta_worker_new(eng, &w) == 0);
    gesta_doc doc = {0};
    doc.id = "fuzz";
    doc.id_len = 4;
    doc.text = (const char *)data;
    doc.text_len = size;
    doc.date = 20250618;
    int rc = gesta_worker_run(w, &doc);
    const gesta_limits *lim = gesta_engine_limits(eng);
    if (size > lim->max_doc_bytes) {
        FUZZ_CHECK(rc == GESTA_ELIMIT);
        return 0;
    }
    FUZZ_CHECK(rc >= 0);
    size_t nev = gesta_worker_event_count(w);
    FUZZ_CHECK((size_t)rc == nev);
    fuzz_check_worker(w, &doc, lim, 1);

    static const int formats[] = {GESTA_OUTPUT_JSONL, GESTA_OUTPUT_TSV, GESTA_OUTPUT_TAG,
                                  GESTA_OUTPUT_PHRASES};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char *out;
        size_t len;
        FUZZ_CHECK(gesta_worker_render(w, formats[i], &out, &len) == 0);
        FUZZ_CHECK(out && out[len] == '\0');
        if (formats[i] == GESTA_OUTPUT_JSONL) {
            FUZZ_CHECK(fuzz_check_json_lines(out, len, NULL, NULL) == nev);
        } else if (formats[i] == GESTA_OUTPUT_TSV) {
            size_t lines = 0;
            for (size_t k = 0; k < len; k++)
                lines += out[k] == '\n';
            FUZZ_CHECK(lines == nev);
        }
        free(out);
    }

    rc = gesta_worker_lookup(w, (const char *)data, size, (size & 1) ? 20250618 : 0);
    FUZZ_CHECK(rc >= 0);
    FUZZ_CHECK((size_t)rc == gesta_worker_actor_count(w));
    size_t nsent = gesta_worker_sentence_count(w);
    for (size_t i = 0; i < (size_t)rc; i++) {
        const gesta_actor *a = gesta_worker_actor(w, i);
        FUZZ_CHECK(a && a->code && a->code[0] && a->rule_file);
        FUZZ_CHECK(a->sentence < nsent);
        FUZZ_CHECK(a->span.start <= a->span.end && a->span.end <= size);
    }
    FUZZ_CHECK(gesta_worker_actor(w, (size_t)rc) == NULL);
    return 0;
}
