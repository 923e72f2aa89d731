/*
 * gesta.h: the one public header of gesta, a library that turns news text into
 * political event data (who did what to whom, when and where).
 *
 * The pipeline, one source folder per stage:
 *
 *     io     reads documents (plain text, JSON Lines, PETRARCH XML) and writes
 *            records (events as JSON Lines or TSV, sentences, token analyses);
 *     text   bytes -> validated, normalised tokens with byte offsets -> sentences;
 *     lang   part-of-speech tags, lemmas, phrases and clauses;
 *     dict   dictionary readers (PETRARCH/TABARI formats) and compiled tables;
 *     code   actors, verb patterns, events, dates.
 *
 * Two handles carry all state.  A gesta_engine holds what is loaded once
 * (dictionaries, models, limits); it is immutable after gesta_engine_new()
 * returns and may be shared by any number of threads.  A gesta_worker holds
 * what one thread needs to analyse one document at a time: an arena that is
 * reset between documents, token and sentence arrays, and the events found.
 * A worker must not be used by two threads at once.
 *
 * Errors are negative numbers (GESTA_E*); gesta_strerror() names them.  A
 * non-negative return is success.  The library never aborts on allocation
 * failure: it returns GESTA_ENOMEM.
 *
 * Strings handed to gesta are UTF-8 with explicit lengths; they need not be
 * NUL-terminated and may contain invalid bytes (these are reported and read
 * as U+FFFD).  Byte offsets reported by gesta always index the caller's
 * original bytes, never a normalised copy.
 */
#ifndef GESTA_H
#define GESTA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(GESTA_BUILDING) && defined(__GNUC__)
#define GESTA_API __attribute__((visibility("default")))
#else
#define GESTA_API
#endif

/* ---------------------------------------------------------------- version */

#define GESTA_VERSION_MAJOR 0
#define GESTA_VERSION_MINOR 1
#define GESTA_VERSION_PATCH 0
#define GESTA_VERSION "0.1.0"

/* The version of the library linked at run time, e.g. "0.1.0". Static string. */
GESTA_API const char *gesta_version(void);

/* ----------------------------------------------------------------- errors */

/* X(name, value, message): every error gesta can return.  The enum, the
 * names and gesta_strerror() are generated from this one table. */
#define GESTA_ERRNO_MAP(X)                                                   \
    X(NOMEM, -1, "out of memory")                                            \
    X(INVAL, -2, "invalid argument")                                         \
    X(IO, -3, "input/output error")                                          \
    X(UTF8, -4, "invalid UTF-8")                                             \
    X(JSON, -5, "malformed JSON")                                            \
    X(XML, -6, "malformed XML")                                              \
    X(FIELD, -7, "missing or ill-typed field")                               \
    X(DATE, -8, "invalid date")                                              \
    X(LIMIT, -9, "size limit exceeded")                                      \
    X(DICT, -10, "malformed dictionary")                                     \
    X(FORMAT, -11, "unknown or unsupported format")                          \
    X(NOTFOUND, -12, "not found")                                            \
    X(RANGE, -13, "index out of range")                                      \
    X(WRITE, -14, "write failed")                                            \
    X(FAILED, -15, "some records failed")

typedef enum gesta_error {
#define GESTA_ERRNO_ENUM_(name, value, msg) GESTA_E##name = (value),
    GESTA_ERRNO_MAP(GESTA_ERRNO_ENUM_)
#undef GESTA_ERRNO_ENUM_
    GESTA_OK = 0
} gesta_error;

/* A static English message for an error code ("out of memory"); for a
 * value that is not an error code, "unknown error". */
GESTA_API const char *gesta_strerror(int err);

/* The symbolic name of an error code ("GESTA_ENOMEM"), or "GESTA_EUNKNOWN". */
GESTA_API const char *gesta_errname(int err);

/* ----------------------------------------------------------------- limits */

/* Explicit limits on every input that could otherwise grow without bound.
 * Exceeding a limit is never a crash: the record gets an error (or, where
 * the text can still be analysed, a warning) that names the limit. */
typedef struct gesta_limits {
    size_t max_doc_bytes;       /* one document (title + text); default 8 MiB.
                                   Larger records fail with GESTA_ELIMIT. */
    size_t max_sentence_tokens; /* a longer sentence is cut into pieces of
                                   this many tokens, with a warning; default 300 */
    size_t max_token_bytes;     /* a longer token is cut, with a warning;
                                   default 200 */
    size_t max_json_depth;      /* nesting of a JSON Lines record; default 32 */
    size_t max_xml_depth;       /* nesting of a PETRARCH XML file; default 64 */
    size_t max_dict_line;       /* one dictionary line, bytes; default 64 KiB;
                                   a longer line is reported and skipped */
    size_t max_dict_entries;    /* entries (content lines) in one dictionary
                                   file; default 4 M; the rest of the file is
                                   reported and skipped (GESTA_ELIMIT) */
} gesta_limits;

/* Fills *lim with the defaults above. */
GESTA_API void gesta_limits_default(gesta_limits *lim);

/* ----------------------------------------------------------- dictionaries */

/* Dictionary kinds, as PETRARCH names their files: *.actors.txt,
 * *.agents.txt, *.discards.txt, *Issue*, and verb files (*verbs*,
 * *verbpatterns*, CAMEO.*.txt). */
typedef enum gesta_dict_kind {
    GESTA_DICT_ACTORS = 0,
    GESTA_DICT_AGENTS,
    GESTA_DICT_DISCARDS,
    GESTA_DICT_ISSUES,
    GESTA_DICT_VERBS
} gesta_dict_kind;

/* Receives each problem found in a dictionary, as "file:line: message". */
typedef void (*gesta_report_fn)(void *ctx, int warning, const char *message);

/* What reading one dictionary file found. */
typedef struct gesta_dict_counts {
    int kind;                  /* gesta_dict_kind */
    uint32_t entries;          /* actor records' root lines, agent/discard/issue entries */
    uint32_t synonyms;         /* actor '+' synonyms */
    uint32_t codes;            /* actor code groups [...] */
    uint32_t dated;            /* date-restricted code groups */
    uint32_t macros;           /* agent substitution macros !NAME! = ... */
    uint32_t plurals;          /* agent phrases added as plurals or macro expansions */
    uint32_t phrases;          /* agent phrases stored in all */
    uint32_t exclusions;       /* issue exclusions (~PHRASE, ~~PHRASE) */
    uint32_t story;            /* story-level discards */
    uint32_t synsets, synset_members;
    uint32_t blocks, verbs, forms, patterns;
    uint32_t pairs;            /* patterns with a reciprocal pair code [X:Y] */
    uint32_t passive;          /* patterns with a passive code */
    uint32_t transforms;       /* PETRARCH-2 transformation lines */
    uint32_t errors, warnings; /* lines reported */
} gesta_dict_counts;

/* Reads one dictionary file (kind -1: by its name) and fills *out.  Every
 * problem goes to report (may be NULL).  Returns 0 when the file was read
 * (even with errors in lines: see out->errors), GESTA_EIO, GESTA_EFORMAT
 * (kind unknown), GESTA_ELIMIT or GESTA_ENOMEM. */
GESTA_API int gesta_dict_check(const char *path, int kind, const gesta_limits *lim,
                               gesta_report_fn report, void *ctx, gesta_dict_counts *out);

/* Compiles the dictionaries at paths (files, or directories whose
 * dictionary files are recognised by name, or a PETRARCH config file) into
 * the compiled format and writes it to out_path (complete or not at all).
 * Returns 0, GESTA_EIO, GESTA_EWRITE, GESTA_ELIMIT or GESTA_ENOMEM. */
GESTA_API int gesta_dict_compile(const char *const *paths, size_t npaths, const char *out_path,
                                 const gesta_limits *lim, gesta_report_fn report, void *ctx);

/* ----------------------------------------------------------------- engine */

typedef struct gesta_engine gesta_engine;

typedef struct gesta_engine_options {
    gesta_limits limits;
    /* Dictionaries to use: files, directories, PETRARCH config files or
     * compiled files (gesta dict compile).  Each kind they provide replaces
     * the built-in dictionary of that kind, unless dict_add is set, in which
     * case both are used (these first). */
    const char *const *dicts;
    size_t ndicts;
    int dict_add;
    gesta_report_fn report;   /* problems in dictionaries, or NULL */
    void *report_ctx;
    int dict_warnings;        /* also report warnings */
    int require_dyad;         /* code only events with both a source and a target
                                 (default: a target may be absent, "") */
} gesta_engine_options;

/* Fills *opt with defaults: built-in dictionaries and models, default limits. */
GESTA_API void gesta_engine_options_default(gesta_engine_options *opt);

/* Creates an engine.  opt may be NULL for the defaults.  On success stores
 * the engine in *out and returns 0; on failure stores NULL and returns
 * GESTA_ENOMEM, GESTA_EINVAL, GESTA_EIO (a dictionary cannot be read) or
 * GESTA_EDICT (a compiled dictionary is corrupt or of another format
 * version: compile it again).  Errors inside text
 * dictionaries are reported and do not stop loading.  The engine is immutable from here on and
 * may be shared across threads; free it with gesta_engine_free() after every
 * worker made from it is freed. */
GESTA_API int gesta_engine_new(const gesta_engine_options *opt, gesta_engine **out);

/* Frees an engine; NULL is allowed. */
GESTA_API void gesta_engine_free(gesta_engine *eng);

/* The limits the engine was made with.  Valid while the engine lives. */
GESTA_API const gesta_limits *gesta_engine_limits(const gesta_engine *eng);

/* --------------------------------------------------------------- document */

/* Dates are integers YYYYMMDD (20250604); 0 means unknown. */

/* Parses "YYYY-MM-DD" or "YYYYMMDD" (exactly; no surrounding space) into
 * *out.  Returns 0, or GESTA_EDATE if the text is not a real calendar date
 * between 1800-01-01 and 2199-12-31. */
GESTA_API int gesta_date_parse(const char *s, size_t len, int32_t *out);

/* One document to analyse.  All pointers are borrowed for the duration of
 * gesta_worker_run(); gesta copies nothing it keeps.  title may be NULL
 * (title_len 0): when present it is analysed as sentence 0. */
typedef struct gesta_doc {
    const char *id;
    size_t id_len;
    const char *title;
    size_t title_len;
    const char *text;
    size_t text_len;
    int32_t date;
} gesta_doc;

/* Which field of a gesta_doc a byte span indexes. */
typedef enum gesta_field {
    GESTA_FIELD_TEXT = 0,
    GESTA_FIELD_TITLE = 1
} gesta_field;

/* A half-open byte range [start, end) in one field of the document.  An
 * absent span has start == end. */
typedef struct gesta_span {
    uint32_t start;
    uint32_t end;
} gesta_span;

/* ----------------------------------------------------------------- worker */

typedef struct gesta_worker gesta_worker;

/* Creates a worker for one thread.  Returns 0 and stores it in *out, or
 * GESTA_ENOMEM.  The engine must outlive the worker. */
GESTA_API int gesta_worker_new(const gesta_engine *eng, gesta_worker **out);

/* Frees a worker and everything it holds; NULL is allowed. */
GESTA_API void gesta_worker_free(gesta_worker *w);

/* Analyses and codes one document: segmentation, tokens, and (as the later
 * stages land) tags, phrases, actors and events.  Everything the accessors
 * below return stays valid until the next gesta_worker_run() or
 * gesta_worker_free() on this worker.  Returns the number of events found
 * (>= 0), or GESTA_ELIMIT when the document exceeds max_doc_bytes,
 * GESTA_ENOMEM, GESTA_EINVAL (NULL arguments).  Invalid UTF-8 and cut
 * sentences or tokens are not errors: they are reported as diagnostics. */
GESTA_API int gesta_worker_run(gesta_worker *w, const gesta_doc *doc);

/* A sentence of the last document.  index counts from 0 in document order;
 * the title, when present, is sentence 0.  span indexes field. */
typedef struct gesta_sentence {
    uint32_t index;
    gesta_field field;
    gesta_span span;
    uint32_t first_token; /* index of its first token in the document */
    uint32_t token_count;
    uint32_t paragraph;   /* 0 for the title; paragraphs of the text from 1 */
} gesta_sentence;

/* Number of sentences in the last document. */
GESTA_API size_t gesta_worker_sentence_count(const gesta_worker *w);

/* Copies sentence i into *out.  Returns 0 or GESTA_ERANGE. */
GESTA_API int gesta_worker_sentence(const gesta_worker *w, size_t i, gesta_sentence *out);

/* A token.  text/len is its normalised form (NFC, typographic quotes,
 * apostrophes and dashes as ASCII, invalid bytes as U+FFFD); span is the
 * original bytes.  text is not NUL-terminated.  tag is its Penn Treebank
 * part-of-speech tag ("NNP", "VBD", "PRP$", "-LRB-"; a static string);
 * lemma/lemma_len its lower-case lemma ("say" for "said", "rebel" for
 * "rebels"), not NUL-terminated. */
typedef struct gesta_token {
    const char *text;
    size_t len;
    gesta_span span;
    gesta_field field;
    const char *tag;
    const char *lemma;
    size_t lemma_len;
} gesta_token;

/* Total number of tokens in the sentences of the last document. */
GESTA_API size_t gesta_worker_token_count(const gesta_worker *w);

/* Copies token i (document order, as gesta_sentence.first_token counts)
 * into *out.  Returns 0 or GESTA_ERANGE. */
GESTA_API int gesta_worker_token(const gesta_worker *w, size_t i, gesta_token *out);

/* Where the text opens with a dateline ("SEOUL, June 4 (Reuters) -"), its
 * span in the text field; start == end when there is none.  The dateline is
 * not part of any sentence. */
GESTA_API gesta_span gesta_worker_dateline(const gesta_worker *w);

/* A diagnostic about the last document that did not stop its analysis:
 * invalid UTF-8 replaced, a sentence or token cut at a limit. */
typedef struct gesta_diag {
    int code;        /* GESTA_EUTF8, GESTA_ELIMIT */
    gesta_field field;
    uint32_t offset; /* byte offset in field */
    const char *message; /* static or worker-owned, NUL-terminated */
} gesta_diag;

GESTA_API size_t gesta_worker_diag_count(const gesta_worker *w);
GESTA_API int gesta_worker_diag(const gesta_worker *w, size_t i, gesta_diag *out);

/* ----------------------------------------------------------------- events */

/* One coded event: the record schema of gesta.  Strings are NUL-terminated
 * and owned by the worker (valid until its next run).
 *
 *   sentence      index of the sentence (the title is 0 when present)
 *   field         which field the spans below index
 *   date          event date YYYYMMDD, resolved from the sentence's time
 *                 expressions against the document date (0 if unknown)
 *   source,target CAMEO actor codes ("KORGOV"); "" when absent
 *   source_span, verb_span, target_span
 *                 evidence: byte spans of the actor and verb text
 *   code          CAMEO event code ("042", "0874")
 *   root          CAMEO root, 1..20
 *   quad_class    1 verbal cooperation, 2 material cooperation,
 *                 3 verbal conflict, 4 material conflict (01-05, 06-08,
 *                 09-13, 14-20)
 *   goldstein     Goldstein score of the code, -10..10
 *                 (root, quad_class and goldstein are 0 for a code outside
 *                 CAMEO, which only a user's dictionary can give)
 *   plover_event, plover_mode
 *                 PLOVER event type ("CONSULT") and mode ("visit", "")
 *   rule_file, rule_line
 *                 the dictionary entry that produced the event
 */
typedef struct gesta_event {
    uint32_t sentence;
    gesta_field field;
    int32_t date;
    const char *source;
    const char *target;
    gesta_span source_span;
    gesta_span verb_span;
    gesta_span target_span;
    char code[8];
    int root;
    int quad_class;
    double goldstein;
    const char *plover_event;
    const char *plover_mode;
    const char *rule_file;
    uint32_t rule_line;
} gesta_event;

/* Number of events found in the last document. */
GESTA_API size_t gesta_worker_event_count(const gesta_worker *w);

/* Event i of the last document, or NULL when i is out of range.  Valid
 * until the next run of the worker. */
GESTA_API const gesta_event *gesta_worker_event(const gesta_worker *w, size_t i);

/* Renders the last document's results in one of the output formats (the
 * same text `gesta code`, `gesta split` or `gesta tag` writes for it) and
 * stores a malloc'd, NUL-terminated string in *out (free it with free())
 * and its length in *len.  Returns 0, GESTA_EINVAL or GESTA_ENOMEM. */
GESTA_API int gesta_worker_render(const gesta_worker *w, int format, char **out, size_t *len);

/* ---------------------------------------------------------------- actor lookup */

/* An actor that the dictionaries recognise in a text, with its evidence:
 *   code        the actor code on the lookup date ("USAGOV")
 *   sentence    the sentence it is in
 *   span        the bytes of the text that named it
 *   rule_file, rule_line
 *               the dictionary entry that gave the code */
typedef struct gesta_actor {
    const char *code;
    uint32_t sentence;
    gesta_span span;
    const char *rule_file;
    uint32_t rule_line;
} gesta_actor;

/* Analyses text[0..len) as a document of the given date (YYYYMMDD, 0 for
 * none: then dated dictionary codes fall back to their defaults) and finds
 * the actors of its noun phrases, as the coder would see them, without
 * coding events.  Returns the number of actors or a negative error code.
 * The results replace the worker's previous document. */
GESTA_API int gesta_worker_lookup(gesta_worker *w, const char *text, size_t len, int32_t date);

/* Number of actors the last lookup found. */
GESTA_API size_t gesta_worker_actor_count(const gesta_worker *w);

/* Actor i of the last lookup, or NULL when i is out of range.  Valid until
 * the next run of the worker. */
GESTA_API const gesta_actor *gesta_worker_actor(const gesta_worker *w, size_t i);

/* ---------------------------------------------------------------- running */

typedef enum gesta_input_format {
    GESTA_INPUT_AUTO = 0,      /* by file extension; by content on stdin */
    GESTA_INPUT_TEXT,          /* one document per file */
    GESTA_INPUT_JSONL,         /* one JSON object per line */
    GESTA_INPUT_PETRARCH_XML   /* <Sentences><Sentence date= id=><Text> */
} gesta_input_format;

typedef enum gesta_output_format {
    GESTA_OUTPUT_JSONL = 0,    /* events, one JSON object per line */
    GESTA_OUTPUT_TSV,          /* events, tab-separated with a header line */
    GESTA_OUTPUT_SPLIT,        /* sentences: id, index, field, start, end, text */
    GESTA_OUTPUT_TOKENS,       /* sentences as their tokens: id, index, tokens */
    GESTA_OUTPUT_TAG,          /* the analysis: one token a line (see `gesta help tag`) */
    GESTA_OUTPUT_PHRASES       /* the analysis as bracketed phrases, clauses, relations */
} gesta_output_format;

/* Parses "text", "jsonl", "petrarch-xml" (also "xml"); returns the format or
 * GESTA_EFORMAT. */
GESTA_API int gesta_input_format_parse(const char *name);

/* Parses "jsonl", "tsv"; returns the format or GESTA_EFORMAT. */
GESTA_API int gesta_output_format_parse(const char *name);

/* Options of gesta_run(). */
typedef struct gesta_run_options {
    gesta_input_format input;
    gesta_output_format output;
    int32_t default_date;   /* for documents without a date (plain text) */
    int threads;            /* worker threads; 1 runs in the calling thread */
    FILE *out;              /* records are written here */
    FILE *errors;           /* error records as JSON Lines, or NULL */
    FILE *log;              /* one human-readable line per error/warning, or NULL */
    int warnings;           /* also log warnings (invalid UTF-8 replaced, cuts) */
} gesta_run_options;

/* Fills *opt: auto input, JSONL output, one thread, out = stdout,
 * log = stderr, no error file, warnings on. */
GESTA_API void gesta_run_options_default(gesta_run_options *opt);

/* Counts of one run. */
typedef struct gesta_run_stats {
    uint64_t documents;   /* records read, good or bad */
    uint64_t sentences;
    uint64_t tokens;
    uint64_t events;
    uint64_t errors;      /* records that produced an error record */
    uint64_t warnings;
    uint64_t bytes;       /* input bytes read */
    double seconds;       /* wall-clock time of the run */
    /* time spent in each stage, summed over threads (seconds): see
     * gesta_stage_name() */
    double stage[8];
} gesta_run_stats;

/* The pipeline stages whose time gesta_run_stats.stage[] holds. */
enum {
    GESTA_STAGE_READ = 0, /* reading and splitting input records */
    GESTA_STAGE_DECODE,   /* JSON / XML decoding of a record */
    GESTA_STAGE_TEXT,     /* tokens and sentences */
    GESTA_STAGE_TAG,      /* part-of-speech tags and lemmas */
    GESTA_STAGE_CHUNK,    /* phrases and clauses */
    GESTA_STAGE_CODE,     /* actors and events */
    GESTA_STAGE_RENDER,   /* output records */
    GESTA_STAGE_WRITE,    /* writing output */
    GESTA_STAGE_COUNT
};

/* The name of stage i ("read", "decode", ...), or "?" out of range. */
GESTA_API const char *gesta_stage_name(int i);

/* Reads every file (NULL or "-" is standard input) in order, analyses each
 * record with the engine on opt->threads threads, and writes the records of
 * opt->output to opt->out in input order, whatever the number of threads.
 * Memory stays bounded by a fixed number of records in flight.
 *
 * A bad record (malformed JSON, missing field, bad date, too large, file
 * that cannot be opened) does not stop the run: it produces an error record
 * naming file, line and byte offset, and the next record is read.
 *
 * Returns 0 when every record succeeded, GESTA_EFAILED when some failed
 * (counted in stats->errors), GESTA_EWRITE when writing the output failed
 * (the run stops), GESTA_ENOMEM, or GESTA_EINVAL.  stats may be NULL. */
GESTA_API int gesta_run(const gesta_engine *eng, const gesta_run_options *opt,
                        const char *const *files, size_t nfiles,
                        gesta_run_stats *stats);

/* ------------------------------------------------------------- validation */

/* Totals of gesta_validate(). */
typedef struct gesta_validate_stats {
    uint64_t records;  /* validation records coded */
    uint64_t correct;  /* records whose events equal the expected ones */
    uint64_t skipped;  /* records marked valid="false" */
    uint64_t errors;   /* records that could not be read or coded */
    uint64_t expected; /* events expected, over all records */
    uint64_t produced; /* events produced */
    uint64_t matched_strict; /* produced events equal to an expected one */
    uint64_t matched_loose;  /* ... equal in actor countries (3 characters) and CAMEO root */
} gesta_validate_stats;

/* Codes the records of a PETRARCH validation file (<Sentence> elements with
 * <EventCoding sourcecode= targetcode= eventcode=> or noevents=
 * expectations, <Config> options such as require_dyad between them) and
 * writes to out, per record, "ID: correct" or "ID: WRONG" with the
 * expected and produced events, then the totals.  The dictionaries are
 * opt->dicts when given, else those the file's <Environment> names
 * (relative to the file).  verbose also lists correct records' events.
 * Returns 0, GESTA_EFAILED when some record is wrong, or an error. */
GESTA_API int gesta_validate(const gesta_engine_options *opt, const char *path, FILE *out,
                             int verbose, gesta_validate_stats *stats);

#ifdef __cplusplus
}
#endif

#endif /* GESTA_H */
