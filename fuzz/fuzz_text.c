/*
 * fuzz_text.c: the text stage (tokens, sentences, headline, dateline) on
 * arbitrary bytes, through gesta_worker_run().
 *
 * The first byte of the input chooses the engine (high bit: the
 * small-limits engine, whose sentences are cut at 12 tokens and tokens at
 * 16 bytes) and the length of the title (low 7 bits, 0 for none); the title
 * follows, and the rest is the text.  Besides the sanitizers, the harness
 * checks the text stage's contract (fuzz_check_worker): token spans inside
 * their field, in order and without overlap, normalised forms in valid
 * UTF-8, sentences in order covering their tokens and within the sentence
 * limit, the dateline outside every sentence; then renders the sentences
 * and tokens as `gesta split` does.  Workers are reused across inputs, as
 * gesta_run() reuses them across documents.
 */
#include "fuzz.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static gesta_worker *workers[2];
    if (size < 1)
        return 0;
    int small = (data[0] & 0x80) != 0;
    size_t title_len = data[0] & 0x7f;
    if (title_len > size - 1)
        title_len = size - 1;
    const gesta_engine *eng = small ? fuzz_engine_small() : fuzz_engine();
    if (!workers[small])
        FUZZ_CHECK(gesta_worker_new(eng, &workers[small]) == 0);
    gesta_worker *w = workers[small];

    gesta_doc doc = {0};
    doc.id = "fuzz";
    doc.id_len = 4;
    doc.title = title_len ? (const char *)data + 1 : NULL;
    doc.title_len = title_len;
    doc.text = (const char *)data + 1 + title_len;
    doc.text_len = size - 1 - title_len;
    doc.date = 20250618;
    int rc = gesta_worker_run(w, &doc);
    const gesta_limits *lim = gesta_engine_limits(eng);
    if (doc.title_len + doc.text_len > lim->max_doc_bytes) {
        FUZZ_CHECK(rc == GESTA_ELIMIT);
        return 0;
    }
    FUZZ_CHECK(rc >= 0);
    FUZZ_CHECK((size_t)rc == gesta_worker_event_count(w));
    fuzz_check_worker(w, &doc, lim, 1);
    static const int formats[] = {GESTA_OUTPUT_SPLIT, GESTA_OUTPUT_TOKENS};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char *out;
        size_t len;
        FUZZ_CHECK(gesta_worker_render(w, formats[i], &out, &len) == 0);
        FUZZ_CHECK(strlen(out) == len);
        /* one line per sentence */
        size_t lines = 0;
        for (size_t k = 0; k < len; k++)
            lines += out[k] == '\n';
        FUZZ_CHECK(lines == gesta_worker_sentence_count(w));
        free(out);
    }
    return 0;
}
