/*
 * fuzz.h: what gesta's fuzz harnesses share.
 *
 * Each harness defines LLVMFuzzerTestOneInput() and is built two ways: with
 * libFuzzer (clang -fsanitize=fuzzer,address,undefined; `make fuzz`) to
 * search for inputs that crash or break an invariant, and with replay.c,
 * which supplies main() and runs the harness on the files it is given
 * (`make fuzz-replay`, and `make test` over fuzz/corpus and fuzz/crashes).
 *
 * A broken invariant aborts through FUZZ_CHECK, so that libFuzzer keeps the
 * input as a crash file just as it does for a sanitizer report.
 */
#ifndef GESTA_FUZZ_H
#define GESTA_FUZZ_H

#include "gesta.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with the file, line and condition when cond is false. */
#define FUZZ_CHECK(cond)                                                              \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                  \
        }                                                                             \
    } while (0)

/* The engine with the built-in dictionaries and default limits, created on
 * first use and kept for the life of the process (an engine is immutable
 * and loading it for every input would dominate the run). */
const gesta_engine *fuzz_engine(void);

/* A second engine with small limits (short sentences and tokens, shallow
 * nesting, small documents), so that inputs of a few kilobytes reach the
 * code that cuts and refuses. */
const gesta_engine *fuzz_engine_small(void);

/* Copies data[0..size) into an anonymous in-memory file and returns a path
 * that opens it ("/proc/self/fd/N") in buf; *fd receives the descriptor to
 * close when done.  Aborts when the file cannot be made. */
const char *fuzz_memfile(const uint8_t *data, size_t size, char *buf, size_t cap, int *fd);

/* Checks the invariants of the worker's last document against doc: token
 * spans inside their field and in order without overlap, sentences in
 * order, covering their tokens, within the sentence limit; diagnostics and
 * the dateline inside the text; event spans inside their field and event
 * fields in range.  lim is the engine's limits.  With cameo_only (the
 * built-in dictionaries) every event has a CAMEO root; otherwise a code
 * outside CAMEO from a user dictionary may come without one (root 0). */
void fuzz_check_worker(const gesta_worker *w, const gesta_doc *doc, const gesta_limits *lim,
                       int cameo_only);

/* Checks that every line of text[0..len) is one JSON object (jansson) and
 * calls fn (may be NULL) with each; returns the number of lines. */
size_t fuzz_check_json_lines(const char *text, size_t len, void (*fn)(void *ctx, void *obj),
                             void *ctx);

/* What one gesta_run() over an in-memory file produced. */
typedef struct fuzz_run_result {
    int rc;
    gesta_run_stats st;
    char *out;       /* the records written (malloc'd) */
    size_t out_len;
    char *errs;      /* the error records (malloc'd) */
    size_t errs_len;
} fuzz_run_result;

/* Runs gesta_run() with eng on data[0..size) read as the given input
 * format on the given number of threads, writing events as JSON Lines,
 * error and warning records to a buffer and no log.  Free the result with
 * fuzz_run_free(). */
void fuzz_run(const gesta_engine *eng, const uint8_t *data, size_t size, int input,
              int32_t default_date, int threads, fuzz_run_result *res);

/* Checks that two runs wrote the same records and error records and
 * counted the same (the output does not depend on the thread count). */
void fuzz_check_same_run(const fuzz_run_result *a, const fuzz_run_result *b);
void fuzz_run_free(fuzz_run_result *res);

#endif /* GESTA_FUZZ_H */
