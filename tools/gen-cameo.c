/*
 * gen-cameo.c: generates src/code/cameo.c, the table of CAMEO event codes
 * that gesta attaches to every event: name, Goldstein score, root, quad
 * class, PLOVER event type, mode and context.  These are facts of the
 * CAMEO and PLOVER standards (credited in NOTICE); the inputs are
 *
 *   cameo-codes.csv      code,name,goldstein,root,description,usage_notes,example
 *   cameo-to-plover.txt  "CODE: EVENT, MODE, CONTEXT # comment" lines
 *
 * Usage: gen-cameo CAMEO_CODES_CSV CAMEO_TO_PLOVER_TXT > src/code/cameo.c
 * Fails loudly (exit 1) when an input does not have the expected shape.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "gen-cameo: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

typedef struct row {
    char code[8];
    char name[128];
    double goldstein;
    int root;
    char plover[32], mode[48], context[96];
    int has_plover;
} row;

static row rows[600];
static int nrows;

/* Reads one CSV record (RFC 4180 quoting; fields may span lines) from f
 * into fields; returns the number of fields, or -1 at end of file. */
static int csv_record(FILE *f, char fields[][2048], int maxf)
{
    int c, nf = 0;
    size_t k = 0;
    int quoted = 0, any = 0;
    while ((c = fgetc(f)) != EOF) {
        any = 1;
        if (quoted) {
            if (c == '"') {
                int d = fgetc(f);
                if (d == '"') {
                    if (k < 2047)
                        fields[nf][k++] = '"';
                    continue;
                }
                quoted = 0;
                if (d == EOF)
                    break;
                ungetc(d, f);
                continue;
            }
            if (k < 2047)
                fields[nf][k++] = (char)c;
            continue;
        }
        if (c == '"' && k == 0) {
            quoted = 1;
            continue;
        }
        if (c == ',' || c == '\n') {
            fields[nf][k] = '\0';
            if (nf < maxf - 1)
                nf++;
            k = 0;
            if (c == '\n')
                return nf;
            continue;
        }
        if (c == '\r')
            continue;
        if (k < 2047)
            fields[nf][k++] = (char)c;
    }
    if (!any)
        return -1;
    fields[nf][k] = '\0';
    return nf + 1;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    size_t a = 0;
    while (s[a] == ' ' || s[a] == '\t')
        a++;
    memmove(s, s + a, n - a + 1);
}

static row *find(const char *code)
{
    for (int i = 0; i < nrows; i++)
        if (!strcmp(rows[i].code, code))
            return &rows[i];
    return NULL;
}

static int cmp(const void *a, const void *b) { return strcmp(((const row *)a)->code, ((const row *)b)->code); }

static void emit_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putchar('\\');
        putchar(*s);
    }
    putchar('"');
}

int main(int argc, char **argv)
{
    if (argc != 3)
        die("usage: gen-cameo CAMEO_CODES_CSV CAMEO_TO_PLOVER_TXT");
    FILE *f = fopen(argv[1], "r");
    if (!f)
        die("cannot open %s", argv[1]);
    static char fields[8][2048];
    int nf = csv_record(f, fields, 8);
    if (nf < 4 || strcmp(fields[0], "code") || strcmp(fields[1], "name") || strcmp(fields[2], "goldstein") ||
        strcmp(fields[3], "root"))
        die("%s: unexpected header", argv[1]);
    while ((nf = csv_record(f, fields, 8)) >= 0) {
        if (nf == 1 && !fields[0][0])
            continue;
        if (nf < 4)
            die("%s: record with %d fields", argv[1], nf);
        if (nrows >= 600)
            die("too many codes");
        row *r = &rows[nrows++];
        memset(r, 0, sizeof *r);
        trim(fields[0]);
        if (strlen(fields[0]) < 2 || strlen(fields[0]) > 4)
            die("%s: bad code '%s'", argv[1], fields[0]);
        snprintf(r->code, sizeof r->code, "%s", fields[0]);
        trim(fields[1]);
        snprintf(r->name, sizeof r->name, "%.127s", fields[1]);
        char *end;
        r->goldstein = strtod(fields[2], &end);
        if (end == fields[2])
            die("%s: code %s: bad Goldstein score '%s'", argv[1], r->code, fields[2]);
        r->root = atoi(fields[3]);
        if (r->root < 1 || r->root > 20 || strncmp(fields[3], r->code, 2))
            die("%s: code %s: bad root '%s'", argv[1], r->code, fields[3]);
    }
    fclose(f);
    if (nrows < 250)
        die("%s: only %d codes", argv[1], nrows);

    f = fopen(argv[2], "r");
    if (!f)
        die("cannot open %s", argv[2]);
    char line[1024];
    int mapped = 0;
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "~~~", 3))
            break; /* the end of the table */
        if (line[0] < '0' || line[0] > '9')
            continue;
        char *colon = strchr(line, ':');
        if (!colon)
            die("%s: no ':' in '%s'", argv[2], line);
        *colon = '\0';
        char code[8];
        snprintf(code, sizeof code, "%.7s", line);
        trim(code);
        char *rest = colon + 1;
        char *hash = strchr(rest, '#');
        if (hash)
            *hash = '\0';
        char empty1[1] = "", empty2[1] = "";
        char *parts[3] = {rest, empty1, empty2};
        char *c1 = strchr(rest, ',');
        if (c1) {
            *c1 = '\0';
            parts[1] = c1 + 1;
            char *c2 = strchr(parts[1], ',');
            if (c2) {
                *c2 = '\0';
                parts[2] = c2 + 1;
            }
        }
        for (int k = 0; k < 3; k++)
            trim(parts[k]);
        row *r = find(code);
        if (!r) {
            fprintf(stderr, "gen-cameo: %s: code %s is not in the CAMEO table; ignored\n", argv[2], code);
            continue;
        }
        if (r->has_plover)
            continue; /* a repeated line: the first stays */
        snprintf(r->plover, sizeof r->plover, "%s", parts[0]);
        snprintf(r->mode, sizeof r->mode, "%s", parts[1]);
        snprintf(r->context, sizeof r->context, "%s", parts[2]);
        r->has_plover = 1;
        mapped++;
    }
    fclose(f);
    if (mapped < 250)
        die("%s: only %d codes mapped", argv[2], mapped);
    qsort(rows, (size_t)nrows, sizeof(row), cmp);
    printf("/*\n * cameo.c: GENERATED by tools/gen-cameo.c -- do not edit; `make regen` rebuilds it.\n"
           " *\n * Inputs: cameo-codes.csv (CAMEO event codes, names, Goldstein scores) and\n"
           " * cameo-to-plover.txt (the CAMEO to PLOVER correspondence, PLOVER manual draft\n"
           " * 0.8); see NOTICE for their sources and terms.  %d codes, %d with PLOVER types.\n */\n",
           nrows, mapped);
    printf("#include \"cameo.h\"\n\n");
    printf("const gs_cameo gs_cameo_table[] = {\n");
    for (int i = 0; i < nrows; i++) {
        row *r = &rows[i];
        int quad = r->root <= 5 ? 1 : r->root <= 8 ? 2 : r->root <= 13 ? 3 : 4;
        printf("    {\"%s\", %d, %d, %.1ff, ", r->code, r->root, quad, r->goldstein);
        emit_str(r->name);
        printf(", ");
        emit_str(r->plover);
        printf(", ");
        emit_str(r->mode);
        printf(", ");
        emit_str(r->context);
        printf("},\n");
    }
    printf("};\n\nconst size_t gs_cameo_count = %d;\n", nrows);
    fprintf(stderr, "gen-cameo: %d codes, %d mapped to PLOVER\n", nrows, mapped);
    return 0;
}
