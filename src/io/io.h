/*
 * io.h: the io stage: input records in, output records out.
 *
 * A reader turns one input file into a stream of raw records without
 * interpreting them more than it must (a JSON Lines reader only finds line
 * ends; the XML reader, which libxml2 drives serially, extracts each
 * <Sentence>'s fields).  Decoding a raw record into a gesta_doc happens in
 * the worker thread (gs_record_decode), so that JSON parsing runs in
 * parallel.  Renderers write a worker's results as text records.
 */
#ifndef GESTA_IO_H
#define GESTA_IO_H

#include "../engine.h"

/* Kinds of records: documents, and the settings of a PETRARCH validation
 * file (its <Environment> and <Config> elements, "key\tvalue" lines in
 * expect), which only `gesta validate` uses. */
enum { GS_REC_DOC = 0, GS_REC_CONFIG, GS_REC_ENV };

/* One raw input record. */
typedef struct gs_record {
    int kind;           /* GS_REC_* */
    const char *file;   /* display name of the input ("-" for stdin); static for the run */
    uint64_t line;      /* 1-based line where the record starts */
    uint64_t offset;    /* byte offset in the file where the record starts */
    int format;         /* GESTA_INPUT_TEXT, _JSONL or _PETRARCH_XML */
    int error;          /* a reader-level error for this record, or 0 */
    gs_buf raw;         /* JSONL line or text file contents; for XML the <Text> */
    gs_buf id;          /* XML: the id attribute */
    gs_buf date;        /* XML: the date attribute */
    gs_buf message;     /* text of a reader-level error */
    gs_buf expect;      /* XML: <EventCoding> expectations, one per line */
    uint64_t error_offset; /* byte offset of a reader-level error */
} gs_record;

void gs_record_clear(gs_record *r);
void gs_record_free(gs_record *r);

typedef struct gs_reader gs_reader;

/* Opens path (NULL or "-" for standard input) in the given format
 * (GESTA_INPUT_AUTO chooses by extension, or by the first byte on stdin).
 * On failure returns GESTA_EIO or GESTA_EFORMAT with a message in *err
 * (caller frees) and no reader. */
int gs_reader_open(gs_reader **out, const char *path, int format, const gesta_limits *lim,
                   char **err);

/* Reads the next record into rec (cleared first).  Returns 1 when a record
 * (possibly carrying a reader-level error) was read, 0 at the end of the
 * input, or a negative error when reading cannot go on (the record then
 * carries the message). */
int gs_reader_next(gs_reader *r, gs_record *rec);

void gs_reader_close(gs_reader *r);

/* A decoded document plus what is needed to report on it. */
/* The JSON Lines fields a record's document is made of. */
enum { GS_JF_ID, GS_JF_DATE, GS_JF_TITLE, GS_JF_TEXT, GS_JF_COUNT };

typedef struct gs_docbuf {
    gesta_doc doc;
    gs_buf scratch;     /* id/text copies when they had to be decoded */
    gs_buf field[GS_JF_COUNT]; /* the decoded JSON fields, the document points into them */
    char message[256];  /* why decoding failed */
    uint64_t error_offset;
} gs_docbuf;

/* Decodes rec into d->doc.  default_date is used when the record has no
 * date.  Returns 0, or a negative error with d->message set. */
int gs_record_decode(const gs_record *rec, int32_t default_date, const gesta_limits *lim,
                     gs_docbuf *d);
void gs_docbuf_release(gs_docbuf *d);
void gs_docbuf_free(gs_docbuf *d);

/* Renders the worker's results for its last document in the given output
 * format, appending to out.  Returns 0 or GESTA_ENOMEM. */
int gs_render(const gesta_worker *w, int format, gs_buf *out);

/* Writes the header line of a format that has one (TSV). */
int gs_render_header(int format, gs_buf *out);

/* Appends an error record (JSON Lines) and a log line for it. */
int gs_render_error(const gs_record *rec, const char *doc_id, size_t id_len, int code,
                    uint64_t offset, const char *message, bool warning, gs_buf *jsonl,
                    gs_buf *log);

#endif /* GESTA_IO_H */
