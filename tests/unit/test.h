/*
 * test.h: a minimal unit-test harness.  Each test is a function; CHECK
 * macros record failures with file and line and let the test go on.
 */
#ifndef GESTA_TEST_H
#define GESTA_TEST_H

#include <stdio.h>
#include <string.h>

extern int test_failures;
extern int test_checks;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        test_checks++;                                                               \
        if (!(cond)) {                                                               \
            test_failures++;                                                         \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

#define CHECK_INT(got, want)                                                             \
    do {                                                                                 \
        long long g_ = (long long)(got), w_ = (long long)(want);                         \
        test_checks++;                                                                   \
        if (g_ != w_) {                                                                  \
            test_failures++;                                                             \
            fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, #got, \
                    g_, w_);                                                             \
        }                                                                                \
    } while (0)

#define CHECK_STR(got, want)                                                                 \
    do {                                                                                     \
        const char *g_ = (got), *w_ = (want);                                                \
        test_checks++;                                                                       \
        if (!g_ || strcmp(g_, w_)) {                                                         \
            test_failures++;                                                                 \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #got, \
                    g_ ? g_ : "(null)", w_);                                                 \
        }                                                                                    \
    } while (0)

/* CHECK_MEM(ptr, len, "literal") */
#define CHECK_MEM(p, n, want)                                                                 \
    do {                                                                                      \
        const char *w_ = (want);                                                              \
        size_t n_ = (n);                                                                      \
        test_checks++;                                                                        \
        if (n_ != strlen(w_) || memcmp((p), w_, n_)) {                                        \
            test_failures++;                                                                  \
            fprintf(stderr, "%s:%d: %s is \"%.*s\", expected \"%s\"\n", __FILE__, __LINE__, #p, \
                    (int)n_, (const char *)(p), w_);                                          \
        }                                                                                     \
    } while (0)

typedef struct test_case {
    const char *name;
    void (*fn)(void);
} test_case;

/* Each test file exports a NULL-terminated table. */
extern const test_case core_tests[];
extern const test_case text_tests[];
extern const test_case io_tests[];
extern const test_case limit_tests[];

/* Writes data to a fresh temporary file with the given suffix; returns its
 * path (static buffer per call slot). */
const char *test_tmpfile(const char *suffix, const void *data, size_t n);

#endif
