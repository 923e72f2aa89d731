/*
 * main.c: runs every unit test table; optional arguments select tests whose
 * name contains one of them.
 */
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

int test_failures;
int test_checks;

const char *test_tmpfile(const char *suffix, const void *data, size_t n)
{
    static char paths[8][64];
    static int slot;
    char *p = paths[slot++ % 8];
    snprintf(p, 64, "/tmp/gesta-unit-XXXXXX%s", suffix);
    int fd = mkstemps(p, (int)strlen(suffix));
    if (fd < 0) {
        perror("mkstemps");
        exit(2);
    }
    if (n && write(fd, data, n) != (ssize_t)n) {
        perror("write");
        exit(2);
    }
    close(fd);
    return p;
}

static const test_case *const tables[] = {core_tests, text_tests, io_tests, limit_tests, NULL};

int main(int argc, char **argv)
{
    int ran = 0;
    for (const test_case *const *t = tables; *t; t++) {
        for (const test_case *c = *t; c->name; c++) {
            int selected = argc < 2;
            for (int i = 1; i < argc; i++)
                if (strstr(c->name, argv[i]))
                    selected = 1;
            if (!selected)
                continue;
            int before = test_failures;
            c->fn();
            ran++;
            if (test_failures != before)
                fprintf(stderr, "FAIL %s\n", c->name);
        }
    }
    printf("unit: %d tests, %d checks, %d failed\n", ran, test_checks, test_failures);
    return test_failures ? 1 : 0;
}
