/*
 * dictc.c: compiles gesta's own dictionaries (data/NAME.txt) into the
 * compiled format and writes it as a C array, so that the library carries
 * them and the tool needs no data files at run time.  Run by the build;
 * the output (build/gen/builtin_dict.c) is not committed.
 *
 * Usage: dictc OUT.c DATA_DIR
 */
#include "gesta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned errors, warnings;

static void report(void *ctx, int warning, const char *msg)
{
    (void)ctx;
    if (warning) {
        warnings++;
        return;
    }
    errors++;
    fprintf(stderr, "dictc: %s\n", msg);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: dictc OUT.c DATA_DIR\n");
        return 2;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.gdict", argv[1]);
    const char *paths[] = {argv[2]};
    int rc = gesta_dict_compile(paths, 1, tmp, NULL, report, NULL);
    if (rc < 0) {
        fprintf(stderr, "dictc: %s: %s\n", argv[2], gesta_strerror(rc));
        return 1;
    }
    FILE *in = fopen(tmp, "rb");
    if (!in) {
        perror(tmp);
        return 1;
    }
    fseek(in, 0, SEEK_END);
    long len = ftell(in);
    fseek(in, 0, SEEK_SET);
    size_t words = ((size_t)len + 7) / 8;
    uint64_t *buf = calloc(words ? words : 1, 8);
    if (!buf || fread(buf, 1, (size_t)len, in) != (size_t)len) {
        fprintf(stderr, "dictc: cannot read %s\n", tmp);
        return 1;
    }
    fclose(in);
    unlink(tmp);
    char out_tmp[4096];
    snprintf(out_tmp, sizeof out_tmp, "%s.tmp", argv[1]);
    FILE *out = fopen(out_tmp, "w");
    if (!out) {
        perror(out_tmp);
        return 1;
    }
    fprintf(out, "/* builtin_dict.c: GENERATED at build time by tools/dictc.c from %s -- do not edit. */\n",
            argv[2]);
    fprintf(out, "#include \"../../src/dict/builtin.h\"\n\n");
    fprintf(out, "const size_t gs_builtin_dict_len = %ld;\n", len);
    fprintf(out, "const uint64_t gs_builtin_dict[%zu] = {\n", words ? words : 1);
    for (size_t i = 0; i < words; i++)
        fprintf(out, "0x%016llxull,%s", (unsigned long long)buf[i], (i % 4 == 3) ? "\n" : "");
    if (!words)
        fprintf(out, "0");
    fprintf(out, "};\n");
    if (fclose(out) != 0 || rename(out_tmp, argv[1]) != 0) {
        perror(argv[1]);
        return 1;
    }
    free(buf);
    fprintf(stderr, "dictc: built-in dictionaries: %ld bytes from %s (%u errors, %u warnings in the data)\n",
            len, argv[2], errors, warnings);
    return 0;
}
