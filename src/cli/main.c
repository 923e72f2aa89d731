/*
 * main.c: the gesta command-line tool.  Thin on purpose: it parses
 * arguments, opens files, calls the library and turns results into exit
 * statuses.
 *
 * Exit status: 0 success; 1 some records failed (each has an error
 * record); 2 usage error; 3 fatal error (output could not be written,
 * out of memory).
 */
#include "gesta.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_RECORDS = 1, EXIT_USAGE = 2, EXIT_FATAL = 3 };

static const char usage_main[] =
    "usage: gesta <command> [options] [FILE...]\n"
    "\n"
    "gesta turns news text into political event data: who did what to whom,\n"
    "when and where, coded in CAMEO with PLOVER types.\n"
    "\n"
    "commands:\n"
    "  code      code events from articles (JSON Lines or TSV out)\n"
    "  split     split articles into sentences (or tokens)\n"
    "  tag       print the language analysis: tags, lemmas, phrases, clauses\n"
    "  dict      check, compile and look up dictionaries\n"
    "  validate  code PETRARCH validation records and report each as right or wrong\n"
    "  version   print the version\n"
    "  help      print this help; `gesta help COMMAND` for a command\n"
    "\n"
    "Inputs are plain text (one document per file), JSON Lines (one article a\n"
    "line: id, date, optional title, text) or PETRARCH XML; standard input\n"
    "when no FILE is given.  Exit status: 0 success, 1 some records failed,\n"
    "2 usage error, 3 fatal error (output could not be written).\n";

static const char usage_code[] =
    "usage: gesta code [options] [FILE...]\n"
    "\n"
    "Codes events from the articles in FILE... (standard input if none) and\n"
    "writes one record per event.\n"
    "\n"
    "options:\n"
    "  --input FORMAT    text, jsonl or petrarch-xml (default: by file\n"
    "                    extension, .jsonl/.json and .xml; by content on stdin)\n"
    "  --output FORMAT   jsonl (default) or tsv\n"
    "  --date DATE       date of documents that carry none (YYYY-MM-DD)\n"
    "  -o FILE           write to FILE (complete or not at all) instead of stdout\n"
    "  --errors FILE     write error records as JSON Lines to FILE\n"
    "  --no-warnings     do not report warnings (invalid UTF-8 replaced, cuts)\n"
    "  --stats           print counts and speed to standard error\n"
    "  -j N              use N worker threads (output order is unchanged)\n"
    "  --dict PATH       dictionaries to use (files, directories, a PETRARCH config\n"
    "                    file or a compiled file); each kind they provide replaces\n"
    "                    the built-in one (repeatable)\n"
    "  --dict-add        use them in addition to the built-in dictionaries\n"
    "  --require-dyad    code only events with both a source and a target\n"
    "  -h, --help        print this help\n";

static const char usage_split[] =
    "usage: gesta split [options] [FILE...]\n"
    "\n"
    "Splits the articles in FILE... (standard input if none) into sentences,\n"
    "one a line: document id, sentence index (the title is 0), field (title or\n"
    "text), start and end byte in that field, and the sentence text.\n"
    "\n"
    "options:\n"
    "  --tokens          print each sentence as its tokens: id, index, tokens\n"
    "  --input FORMAT    text, jsonl or petrarch-xml (as for `gesta code`)\n"
    "  --date DATE       date of documents that carry none (YYYY-MM-DD)\n"
    "  -o FILE           write to FILE (complete or not at all)\n"
    "  --errors FILE     write error records as JSON Lines to FILE\n"
    "  --no-warnings     do not report warnings\n"
    "  --stats           print counts and speed to standard error\n"
    "  -j N              use N worker threads\n"
    "  -h, --help        print this help\n";

static const char usage_tag[] =
    "usage: gesta tag [options] [FILE...]\n"
    "\n"
    "Prints the language analysis of the articles in FILE... (standard input\n"
    "if none): for each sentence a line '# ID sentence N', then one token a\n"
    "line with tab-separated columns, then a blank line:\n"
    "  1 index in the sentence (from 1)   2 word   3 lemma   4 Penn Treebank tag\n"
    "  5 chunk: B-NP/I-NP noun phrase, B-VG/I-VG verb group, B-PP preposition, O\n"
    "  6 clause: N:type or N:type<PARENT, type main, sub, rel, reported or coord\n"
    "  7 relations, on phrase heads: np[,poss=I][,conj=I][,appos=I];\n"
    "    vg[,past|future|modal|perfect|progressive|passive|neg|inf|gerund|\n"
    "    participle|copula][,prt=I][,subj=I][,obj=I][,gov=I]; pp[,obj=I][,vg=I];\n"
    "    I is the index of the head of the related phrase; _ elsewhere.\n"
    "\n"
    "\n"
    "With --phrases, each sentence is printed instead as a line with its\n"
    "phrases bracketed ([NP ...] [VG ...] [PP ...]), then one line per clause\n"
    "(clause N type<PARENT: words), per verb group (vg words: features;\n"
    "subj=...; obj=...; gov=...; PREP=...) and per noun-phrase link (np words:\n"
    "conj=...; appos=...).\n"
    "\n"
    "options:\n"
    "  --phrases         print phrases, clauses and relations (see above)\n"
    "  --input FORMAT    text, jsonl or petrarch-xml (as for `gesta code`)\n"
    "  --date DATE       date of documents that carry none (YYYY-MM-DD)\n"
    "  -o FILE           write to FILE (complete or not at all)\n"
    "  --errors FILE     write error records as JSON Lines to FILE\n"
    "  --no-warnings     do not report warnings\n"
    "  --stats           print counts and speed to standard error\n"
    "  -j N              use N worker threads\n"
    "  -h, --help        print this help\n";

static const char usage_dict[] =
    "usage: gesta dict check [--no-warnings] [--counts] FILE...\n"
    "       gesta dict compile PATH... -o FILE\n"
    "       gesta dict lookup [--date DATE] [--dict PATH]... [--dict-add] [PHRASE...]\n"
    "         (options and phrases in any order; -- ends the options)\n"
    "\n"
    "check    reads dictionary files in the PETRARCH/TABARI text formats (the\n"
    "         kind from the file name: *.actors.txt, *.agents.txt, *.discards.txt,\n"
    "         *Issue*, *verbs* / *verbpatterns* / CAMEO.*.txt), reports every problem\n"
    "         as file:line: message and prints what was read (with --counts as\n"
    "         'FILE KEY VALUE' lines).  Exit status 1 when a file has errors.\n"
    "compile  compiles dictionaries (files, directories, or a PETRARCH config file)\n"
    "         into one file that loads in milliseconds (--dict FILE).\n"
    "lookup   shows the actors the dictionaries find in each PHRASE (or in each\n"
    "         line of standard input) on a date (default: today), roles composed\n"
    "         (Pakistani police -> PAKCOP): one line per actor, tab-separated:\n"
    "         PHRASE, CODE, the words that named it, FILE:LINE of the entry; CODE is\n"
    "         '-' when the phrase names no actor.\n";

static void print_report(void *ctx, int warning, const char *msg);
static void quiet_report(void *ctx, int warning, const char *msg);

static int usage_error(const char *cmd_usage, const char *fmt, const char *arg)
{
    fprintf(stderr, "gesta: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n\n%s", cmd_usage);
    return EXIT_USAGE;
}

/* Output to a file is written to a temporary file beside it and renamed
 * into place only when complete.  A path that exists and is not a regular
 * file (a symbolic link such as /dev/stdout, a device such as /dev/null, a
 * pipe) is written directly: renaming over it would replace the link,
 * device or pipe with a plain file (tmp is NULL). */
typedef struct outfile {
    const char *path;
    char *tmp;
    FILE *fp;
} outfile;

static FILE *outfile_open(outfile *o, const char *path)
{
    o->path = path;
    o->tmp = NULL;
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        o->fp = fopen(path, "w");
        return o->fp;
    }
    size_t n = strlen(path) + 16;
    o->tmp = malloc(n);
    if (!o->tmp)
        return NULL;
    snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->fp = fdopen(fd, "w"))) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        o->tmp = NULL;
        errno = e;
        return NULL;
    }
    return o->fp;
}

/* Closes the temporary file and renames it into place when ok; otherwise
 * removes it.  Returns 0 or -1. */
static int outfile_close(outfile *o, int ok)
{
    int rc = 0;
    if (o->fp && fclose(o->fp) != 0)
        rc = -1;
    o->fp = NULL;
    if (!o->tmp)
        return rc;
    if (ok && rc == 0) {
        if (rename(o->tmp, o->path) != 0)
            rc = -1;
    } else {
        unlink(o->tmp);
    }
    free(o->tmp);
    o->tmp = NULL;
    return rc;
}

static int cmd_run(const char *cmd, int argc, char **argv)
{
    bool is_code = !strcmp(cmd, "code");
    bool is_tag = !strcmp(cmd, "tag");
    const char *use = is_code ? usage_code : is_tag ? usage_tag : usage_split;
    gesta_run_options ro;
    gesta_run_options_default(&ro);
    ro.output = is_code ? GESTA_OUTPUT_JSONL : is_tag ? GESTA_OUTPUT_TAG : GESTA_OUTPUT_SPLIT;
    const char *out_path = NULL, *err_path = NULL;
    bool stats = false;
    enum { O_INPUT = 256, O_OUTPUT, O_DATE, O_ERRORS, O_NOWARN, O_STATS, O_TOKENS, O_PHRASES,
           O_DICT, O_DICT_ADD, O_DYAD };
    gesta_engine_options eo;
    gesta_engine_options_default(&eo);
    const char *dicts[64];
    size_t ndicts = 0;
    static const struct option longopts[] = {
        {"input", required_argument, NULL, O_INPUT},
        {"output", required_argument, NULL, O_OUTPUT},
        {"date", required_argument, NULL, O_DATE},
        {"errors", required_argument, NULL, O_ERRORS},
        {"no-warnings", no_argument, NULL, O_NOWARN},
        {"stats", no_argument, NULL, O_STATS},
        {"tokens", no_argument, NULL, O_TOKENS},
        {"phrases", no_argument, NULL, O_PHRASES},
        {"dict", required_argument, NULL, O_DICT},
        {"dict-add", no_argument, NULL, O_DICT_ADD},
        {"require-dyad", no_argument, NULL, O_DYAD},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "hj:o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(use, stdout);
            return EXIT_OK;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 256)
                return usage_error(use, "-j needs a number of threads from 1 to 256, not '%s'",
                                   optarg);
            ro.threads = (int)n;
            break;
        }
        case 'o':
            out_path = optarg;
            break;
        case O_INPUT: {
            int f = gesta_input_format_parse(optarg);
            if (f < 0)
                return usage_error(use, "unknown input format '%s' (text, jsonl, petrarch-xml)",
                                   optarg);
            ro.input = (gesta_input_format)f;
            break;
        }
        case O_OUTPUT: {
            int f = is_code ? gesta_output_format_parse(optarg) : GESTA_EFORMAT;
            if (f < 0)
                return usage_error(use, "unknown output format '%s' (jsonl, tsv)", optarg);
            ro.output = (gesta_output_format)f;
            break;
        }
        case O_DATE:
            if (gesta_date_parse(optarg, strlen(optarg), &ro.default_date) < 0)
                return usage_error(use, "--date needs a date as YYYY-MM-DD, not '%s'", optarg);
            break;
        case O_ERRORS:
            err_path = optarg;
            break;
        case O_NOWARN:
            ro.warnings = 0;
            break;
        case O_STATS:
            stats = true;
            break;
        case O_TOKENS:
            if (is_code || is_tag)
                return usage_error(use, "unknown option '%s'", "--tokens");
            ro.output = GESTA_OUTPUT_TOKENS;
            break;
        case O_DICT:
            if (ndicts == 64)
                return usage_error(use, "too many --dict options (%s)", "64 at most");
            dicts[ndicts++] = optarg;
            break;
        case O_DICT_ADD:
            eo.dict_add = 1;
            break;
        case O_DYAD:
            eo.require_dyad = 1;
            break;
        case O_PHRASES:
            if (!is_tag)
                return usage_error(use, "unknown option '%s'", "--phrases");
            ro.output = GESTA_OUTPUT_PHRASES;
            break;
        default:
            return usage_error(use, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    gesta_engine *eng = NULL;
    eo.dicts = dicts;
    eo.ndicts = ndicts;
    eo.report = quiet_report;
    int rc = gesta_engine_new(&eo, &eng);
    if (rc < 0) {
        fprintf(stderr, "gesta: cannot start: %s\n", gesta_strerror(rc));
        return EXIT_FATAL;
    }
    outfile of = {0}, ef = {0};
    if (out_path && !(ro.out = outfile_open(&of, out_path))) {
        fprintf(stderr, "gesta: cannot write %s: %s\n", out_path, strerror(errno));
        gesta_engine_free(eng);
        return EXIT_FATAL;
    }
    if (err_path && !(ro.errors = outfile_open(&ef, err_path))) {
        fprintf(stderr, "gesta: cannot write %s: %s\n", err_path, strerror(errno));
        if (out_path)
            outfile_close(&of, 0);
        gesta_engine_free(eng);
        return EXIT_FATAL;
    }
    gesta_run_stats st;
    rc = gesta_run(eng, &ro, (const char *const *)(argv + optind), (size_t)(argc - optind), &st);
    int status = EXIT_OK;
    if (rc == GESTA_EWRITE) {
        fprintf(stderr, "gesta: writing %s: %s\n", out_path ? out_path : "standard output",
                errno ? strerror(errno) : "write failed");
        status = EXIT_FATAL;
    } else if (rc == GESTA_EFAILED) {
        status = EXIT_RECORDS;
    } else if (rc < 0) {
        fprintf(stderr, "gesta: %s\n", gesta_strerror(rc));
        status = EXIT_FATAL;
    }
    if (out_path && outfile_close(&of, status != EXIT_FATAL) < 0 && status != EXIT_FATAL) {
        fprintf(stderr, "gesta: writing %s: %s\n", out_path, strerror(errno));
        status = EXIT_FATAL;
    }
    if (err_path && outfile_close(&ef, 1) < 0) {
        fprintf(stderr, "gesta: writing %s: %s\n", err_path, strerror(errno));
        status = EXIT_FATAL;
    }
    if (stats) {
        fprintf(stderr,
                "gesta: %llu documents, %llu sentences, %llu tokens, %llu events, %llu errors, "
                "%llu warnings, %.3f s, %.0f sentences/s\n",
                (unsigned long long)st.documents, (unsigned long long)st.sentences,
                (unsigned long long)st.tokens, (unsigned long long)st.events,
                (unsigned long long)st.errors, (unsigned long long)st.warnings, st.seconds,
                st.seconds > 0 ? (double)st.sentences / st.seconds : 0.0);
        double sum = 0;
        for (int i = 0; i < GESTA_STAGE_COUNT; i++)
            sum += st.stage[i];
        fprintf(stderr, "gesta: time by stage:");
        for (int i = 0; i < GESTA_STAGE_COUNT; i++)
            fprintf(stderr, " %s %.1f%%", gesta_stage_name(i), sum > 0 ? 100.0 * st.stage[i] / sum : 0.0);
        fprintf(stderr, "\n");
    }
    gesta_engine_free(eng);
    return status;
}

static void print_report(void *ctx, int warning, const char *msg);

static const char usage_validate[] =
    "usage: gesta validate [--dict PATH]... [--dict-add] [-v] FILE.xml\n"
    "\n"
    "Codes the records of a PETRARCH validation file (<Sentence> with\n"
    "<EventCoding sourcecode= targetcode= eventcode=> or noevents= expectations)\n"
    "and reports each record as correct or WRONG with the expected and produced\n"
    "events, then the totals.  The dictionaries are those the file's\n"
    "<Environment> names unless --dict is given.  Exit status 1 when a record is\n"
    "wrong.\n";

static int cmd_validate(int argc, char **argv)
{
    gesta_engine_options eo;
    gesta_engine_options_default(&eo);
    const char *dicts[64];
    size_t nd = 0;
    int verbose = 0;
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dict") && i + 1 < argc && nd < 64)
            dicts[nd++] = argv[++i];
        else if (!strcmp(argv[i], "--dict-add"))
            eo.dict_add = 1;
        else if (!strcmp(argv[i], "-v"))
            verbose = 1;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage_validate, stdout);
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1])
            return usage_error(usage_validate, "unknown option '%s'", argv[i]);
        else
            file = argv[i];
    }
    if (!file)
        return usage_error(usage_validate, "%s", "validate needs a FILE.xml");
    eo.dicts = dicts;
    eo.ndicts = nd;
    eo.report = print_report;
    gesta_validate_stats st;
    int rc = gesta_validate(&eo, file, stdout, verbose, &st);
    if (rc == GESTA_EFAILED)
        return EXIT_RECORDS;
    if (rc < 0) {
        fprintf(stderr, "gesta: validate: %s\n", gesta_strerror(rc));
        return EXIT_FATAL;
    }
    return EXIT_OK;
}

static void print_report(void *ctx, int warning, const char *msg)
{
    (void)ctx;
    (void)warning;
    fprintf(stderr, "%s\n", msg);
}

static void quiet_report(void *ctx, int warning, const char *msg)
{
    if (!warning)
        print_report(ctx, warning, msg);
}

static const char *const kind_names[] = {"actors", "agents", "discards", "issues", "verbs", "surnames"};

static int dict_check(int argc, char **argv)
{
    bool warnings = true, keys = false;
    int status = EXIT_OK, files = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--no-warnings")) {
            warnings = false;
            continue;
        }
        if (!strcmp(argv[i], "--counts")) {
            keys = true;
            continue;
        }
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage_dict, stdout);
            return EXIT_OK;
        }
        files++;
        gesta_dict_counts c;
        int rc = gesta_dict_check(argv[i], -1, NULL, warnings ? print_report : quiet_report, NULL, &c);
        if (rc == GESTA_EFORMAT) {
            fprintf(stderr, "gesta: %s: cannot tell the dictionary kind from its name\n", argv[i]);
            status = EXIT_RECORDS;
            continue;
        }
        if (rc < 0 && rc != GESTA_ELIMIT) {
            fprintf(stderr, "gesta: %s: %s\n", argv[i], rc == GESTA_EIO ? strerror(errno) : gesta_strerror(rc));
            status = EXIT_RECORDS;
            continue;
        }
        if (keys) {
            /* one "FILE KEY VALUE" line per count, for scripts and tests */
            const struct {
                const char *k;
                uint32_t v;
            } kv[] = {{"entries", c.entries},   {"synonyms", c.synonyms},
                      {"codes", c.codes},       {"dated", c.dated},
                      {"macros", c.macros},     {"phrases", c.phrases},
                      {"story", c.story},       {"exclusions", c.exclusions},
                      {"synsets", c.synsets},   {"synset_members", c.synset_members},
                      {"blocks", c.blocks},     {"verbs", c.verbs},
                      {"forms", c.forms},       {"patterns", c.patterns},
                      {"pairs", c.pairs},       {"passive", c.passive},
                      {"transforms", c.transforms}, {"errors", c.errors},
                      {"warnings", c.warnings}};
            printf("%s kind %s\n", argv[i], kind_names[c.kind]);
            for (size_t k = 0; k < sizeof kv / sizeof kv[0]; k++)
                printf("%s %s %u\n", argv[i], kv[k].k, kv[k].v);
            if (c.errors)
                status = EXIT_RECORDS;
            continue;
        }
        printf("%s: %s", argv[i], kind_names[c.kind]);
        switch (c.kind) {
        case GESTA_DICT_ACTORS:
            printf(", %u entries, %u synonyms, %u codes, %u date-restricted", c.entries, c.synonyms,
                   c.codes, c.dated);
            break;
        case GESTA_DICT_AGENTS:
            printf(", %u entries, %u macros, %u phrases", c.entries, c.macros, c.phrases);
            break;
        case GESTA_DICT_DISCARDS:
            printf(", %u entries (%u story-level)", c.entries, c.story);
            break;
        case GESTA_DICT_ISSUES:
            printf(", %u entries, %u exclusions", c.entries, c.exclusions);
            break;
        default:
            printf(", %u synsets (%u members), %u blocks, %u verbs, %u verb forms, %u patterns "
                   "(%u reciprocal pairs, %u passive), %u transformations",
                   c.synsets, c.synset_members, c.blocks, c.verbs, c.forms, c.patterns, c.pairs,
                   c.passive, c.transforms);
        }
        printf(", %u errors, %u warnings\n", c.errors, c.warnings);
        if (c.errors)
            status = EXIT_RECORDS;
    }
    if (!files) {
        fputs(usage_dict, stderr);
        return EXIT_USAGE;
    }
    return status;
}

static int dict_compile(int argc, char **argv)
{
    const char *out = NULL;
    const char **paths = calloc((size_t)argc + 1, sizeof(char *));
    size_t n = 0;
    if (!paths)
        return EXIT_FATAL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage_dict, stdout);
            free(paths);
            return EXIT_OK;
        } else
            paths[n++] = argv[i];
    }
    if (!out || !n) {
        free(paths);
        return usage_error(usage_dict, "%s", "dict compile needs PATH... and -o FILE");
    }
    int rc = gesta_dict_compile(paths, n, out, NULL, quiet_report, NULL);
    free(paths);
    if (rc < 0) {
        fprintf(stderr, "gesta: dict compile: %s\n", gesta_strerror(rc));
        return rc == GESTA_EWRITE ? EXIT_FATAL : EXIT_RECORDS;
    }
    return EXIT_OK;
}

/* Prints the actors of one phrase: PHRASE, CODE, matched text, entry. */
static int lookup_one(gesta_worker *w, const char *phrase, size_t n, int32_t date, FILE *out)
{
    int rc = gesta_worker_lookup(w, phrase, n, date);
    if (rc < 0) {
        fprintf(stderr, "gesta: dict lookup: %.*s: %s\n", (int)n, phrase, gesta_strerror(rc));
        return rc;
    }
    if (rc == 0)
        fprintf(out, "%.*s\t-\t\t\n", (int)n, phrase);
    for (size_t i = 0; i < gesta_worker_actor_count(w); i++) {
        const gesta_actor *a = gesta_worker_actor(w, i);
        fprintf(out, "%.*s\t%s\t%.*s\t%s:%u\n", (int)n, phrase, a->code,
                (int)(a->span.end - a->span.start), phrase + a->span.start, a->rule_file,
                a->rule_line);
    }
    return 0;
}

static int dict_lookup(int argc, char **argv)
{
    gesta_engine_options eo;
    gesta_engine_options_default(&eo);
    const char *dicts[64];
    size_t nd = 0;
    int32_t date = 0;
    /* phrases and options in any order (GNU style); "--" ends the options */
    char **phrases = calloc((size_t)argc + 1, sizeof *phrases);
    int nph = 0;
    if (!phrases) {
        fprintf(stderr, "gesta: out of memory\n");
        return EXIT_FATAL;
    }
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--dict") && i + 1 < argc) {
            if (nd == 64) {
                free(phrases);
                return usage_error(usage_dict, "too many --dict options (%s)", "64 at most");
            }
            dicts[nd++] = argv[++i];
        } else if (!strcmp(argv[i], "--dict-add"))
            eo.dict_add = 1;
        else if (!strcmp(argv[i], "--date") && i + 1 < argc) {
            if (gesta_date_parse(argv[i + 1], strlen(argv[i + 1]), &date) < 0) {
                free(phrases);
                return usage_error(usage_dict, "--date needs a date as YYYY-MM-DD, not '%s'",
                                   argv[i + 1]);
            }
            i++;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            free(phrases);
            fputs(usage_dict, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--")) {
            while (++i < argc)
                phrases[nph++] = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(phrases);
            return usage_error(usage_dict, "unknown option '%s'", argv[i]);
        } else {
            phrases[nph++] = argv[i];
        }
    }
    if (!date) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        date = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
    }
    eo.dicts = dicts;
    eo.ndicts = nd;
    eo.report = quiet_report;
    gesta_engine *eng = NULL;
    gesta_worker *w = NULL;
    int rc = gesta_engine_new(&eo, &eng);
    if (rc >= 0)
        rc = gesta_worker_new(eng, &w);
    if (rc < 0) {
        fprintf(stderr, "gesta: cannot start: %s\n", gesta_strerror(rc));
        gesta_engine_free(eng);
        free(phrases);
        return EXIT_FATAL;
    }
    int status = EXIT_OK;
    if (nph > 0) {
        for (int i = 0; i < nph; i++)
            if (lookup_one(w, phrases[i], strlen(phrases[i]), date, stdout) < 0)
                status = EXIT_RECORDS;
    } else {
        /* one phrase a line from standard input */
        char *line = NULL;
        size_t cap = 0;
        ssize_t k;
        while ((k = getline(&line, &cap, stdin)) > 0) {
            while (k > 0 && (line[k - 1] == '\n' || line[k - 1] == '\r'))
                k--;
            if (k == 0)
                continue;
            if (lookup_one(w, line, (size_t)k, date, stdout) < 0)
                status = EXIT_RECORDS;
        }
        free(line);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "gesta: writing standard output: %s\n", strerror(errno));
        status = EXIT_FATAL;
    }
    gesta_worker_free(w);
    gesta_engine_free(eng);
    free(phrases);
    return status;
}

static int cmd_dict(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        fputs(usage_dict, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (!strcmp(argv[1], "check"))
        return dict_check(argc - 2, argv + 2);
    if (!strcmp(argv[1], "compile"))
        return dict_compile(argc - 2, argv + 2);
    if (!strcmp(argv[1], "lookup"))
        return dict_lookup(argc - 2, argv + 2);
    return usage_error(usage_dict, "unknown dict command '%s'", argv[1]);
}

int main(int argc, char **argv)
{
    /* A closed pipe is reported as a write error, not a silent death. */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("gesta %s\n", gesta_version());
        return EXIT_OK;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        if (argc > 2 && !strcmp(argv[2], "code"))
            fputs(usage_code, stdout);
        else if (argc > 2 && !strcmp(argv[2], "split"))
            fputs(usage_split, stdout);
        else if (argc > 2 && !strcmp(argv[2], "tag"))
            fputs(usage_tag, stdout);
        else if (argc > 2 && !strcmp(argv[2], "dict"))
            fputs(usage_dict, stdout);
        else
            fputs(usage_main, stdout);
        return EXIT_OK;
    }
    if (!strcmp(cmd, "dict"))
        return cmd_dict(argc - 1, argv + 1);
    if (!strcmp(cmd, "validate"))
        return cmd_validate(argc - 1, argv + 1);
    if (!strcmp(cmd, "code") || !strcmp(cmd, "split") || !strcmp(cmd, "tag"))
        return cmd_run(cmd, argc - 1, argv + 1);
    fprintf(stderr, "gesta: unknown command '%s'\n\n%s", cmd, usage_main);
    return EXIT_USAGE;
}
