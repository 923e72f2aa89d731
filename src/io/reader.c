/*
 * reader.c: input files -> raw records.
 *
 * Three formats.  Plain text: the whole file is one record.  JSON Lines:
 * each non-blank line is a record; the reader only finds line ends (JSON is
 * decoded later, in a worker).  PETRARCH XML: libxml2's SAX2 push parser,
 * in recovery mode, reads the file a chunk at a time; each <Sentence>
 * element becomes a record holding its id and date attributes, its <Text>
 * and any <EventCoding> expectations, and each well-formedness error
 * becomes an error record at its line, in document order, while parsing
 * goes on with the records after it.
 *
 * Limits: a JSON line longer than twice max_doc_bytes (room for escapes) is
 * skipped without being held in memory and reported; a text file larger
 * than max_doc_bytes likewise; XML deeper than max_xml_depth stops the file
 * with an error.  Memory held by a reader is bounded by those limits.
 */
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <unistd.h>

#define GS_READ_CHUNK (256 * 1024)

struct gs_reader {
    int format;
    char *name;
    int fd;
    bool own_fd;
    const gesta_limits *lim;
    /* byte buffer over the file: data[pos..len) not yet consumed */
    char *data;
    size_t pos, len, cap;
    bool eof;
    int io_errno;
    uint64_t base;  /* file offset of data[0] */
    uint64_t line;  /* line number of data[pos] (1-based) */
    bool done;
    /* XML: records completed by the SAX callbacks wait in a queue */
    xmlParserCtxtPtr xctx;
    gs_record *xq;
    size_t xq_head, xq_len, xq_cap;
    size_t xml_depth;
    size_t xml_nerrors;
    char xml_generic[256]; /* a message libxml2 gave its generic handler */
    bool xml_generic_done; /* its first line became an error record */
    bool xml_too_deep;
    bool in_sentence, in_text, have_text;
    bool in_env;        /* inside <Environment> */
    gs_buf env_key;     /* the child element of <Environment> being read */
    gs_buf env_val;
    size_t env_idx;     /* queue index of the environment record */
    size_t cur_idx; /* queue index of the <Sentence> being read */
};

void gs_record_clear(gs_record *r)
{
    r->kind = GS_REC_DOC;
    r->line = 0;
    r->offset = 0;
    r->error = 0;
    r->error_offset = 0;
    gs_buf_clear(&r->raw);
    gs_buf_clear(&r->id);
    gs_buf_clear(&r->date);
    gs_buf_clear(&r->message);
    gs_buf_clear(&r->expect);
}

void gs_record_free(gs_record *r)
{
    gs_buf_free(&r->raw);
    gs_buf_free(&r->id);
    gs_buf_free(&r->date);
    gs_buf_free(&r->message);
    gs_buf_free(&r->expect);
}

/* Reads more bytes into the buffer, compacting first.  Returns the number
 * of bytes added (0 at end of file). */
static size_t fill(gs_reader *r)
{
    if (r->eof)
        return 0;
    if (r->pos > 0) {
        memmove(r->data, r->data + r->pos, r->len - r->pos);
        r->base += r->pos;
        r->len -= r->pos;
        r->pos = 0;
    }
    if (r->cap - r->len < GS_READ_CHUNK) {
        size_t cap = r->cap;
        if (gs_grow((void **)&r->data, &cap, r->len + GS_READ_CHUNK + 1, 1) < 0) {
            r->io_errno = ENOMEM;
            r->eof = true;
            return 0;
        }
        r->cap = cap;
    }
    for (;;) {
        ssize_t k = read(r->fd, r->data + r->len, r->cap - r->len - 1);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            r->io_errno = errno;
            r->eof = true;
            return 0;
        }
        if (k == 0) {
            r->eof = true;
            return 0;
        }
        r->len += (size_t)k;
        return (size_t)k;
    }
}

static int ext_format(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return GESTA_INPUT_TEXT;
    if (!strcmp(dot, ".jsonl") || !strcmp(dot, ".json") || !strcmp(dot, ".ndjson"))
        return GESTA_INPUT_JSONL;
    if (!strcmp(dot, ".xml"))
        return GESTA_INPUT_PETRARCH_XML;
    return GESTA_INPUT_TEXT;
}

static int xml_start(gs_reader *r);

int gs_reader_open(gs_reader **out, const char *path, int format, const gesta_limits *lim,
                   char **err)
{
    *out = NULL;
    *err = NULL;
    bool is_stdin = !path || !strcmp(path, "-");
    gs_reader *r = calloc(1, sizeof *r);
    if (!r)
        return GESTA_ENOMEM;
    r->lim = lim;
    r->line = 1;
    r->name = strdup(is_stdin ? "-" : path);
    if (!r->name) {
        free(r);
        return GESTA_ENOMEM;
    }
    if (is_stdin) {
        r->fd = 0;
    } else {
        r->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (r->fd < 0) {
            int e = errno;
            if (asprintf(err, "%s: cannot open: %s", path, strerror(e)) < 0)
                *err = NULL;
            free(r->name);
            free(r);
            return GESTA_EIO;
        }
        r->own_fd = true;
    }
    if (format == GESTA_INPUT_AUTO) {
        if (!is_stdin) {
            format = ext_format(path);
        } else {
            /* Sniff the first non-blank byte. */
            format = GESTA_INPUT_TEXT;
            for (;;) {
                size_t i = r->pos;
                while (i < r->len && (r->data[i] == ' ' || r->data[i] == '\n' ||
                                      r->data[i] == '\r' || r->data[i] == '\t'))
                    i++;
                if (i < r->len) {
                    if (r->data[i] == '{')
                        format = GESTA_INPUT_JSONL;
                    else if (r->data[i] == '<')
                        format = GESTA_INPUT_PETRARCH_XML;
                    break;
                }
                if (r->len >= 4096 || !fill(r))
                    break;
            }
        }
    }
    r->format = format;
    if (format == GESTA_INPUT_PETRARCH_XML) {
        int rc = xml_start(r);
        if (rc < 0) {
            if (asprintf(err, "%s: cannot start the XML parser", r->name) < 0)
                *err = NULL;
            gs_reader_close(r);
            return rc;
        }
    }
    *out = r;
    return 0;
}

void gs_reader_close(gs_reader *r)
{
    if (!r)
        return;
    if (r->xctx) {
        xmlFreeDoc(r->xctx->myDoc);
        xmlFreeParserCtxt(r->xctx);
    }
    for (size_t i = 0; i < r->xq_cap; i++)
        gs_record_free(&r->xq[i]);
    free(r->xq);
    gs_buf_free(&r->env_key);
    gs_buf_free(&r->env_val);
    if (r->own_fd)
        close(r->fd);
    free(r->data);
    free(r->name);
    free(r);
}

static void set_error(gs_record *rec, int code, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void set_error(gs_record *rec, int code, uint64_t offset, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rec->error = code;
    rec->error_offset = offset;
    gs_buf_clear(&rec->message);
    gs_buf_puts(&rec->message, msg);
}

/* ------------------------------------------------------------------- text */

static int next_text(gs_reader *r, gs_record *rec)
{
    if (r->done)
        return 0;
    r->done = true;
    rec->line = 1;
    rec->offset = 0;
    size_t max = r->lim->max_doc_bytes;
    for (;;) {
        if (r->len - r->pos > max) {
            /* Too large: count the rest without keeping it. */
            uint64_t total = r->base + r->len;
            r->pos = r->len;
            while (fill(r)) {
                total = r->base + r->len;
                r->pos = r->len;
            }
            set_error(rec, GESTA_ELIMIT, 0,
                      "document of %llu bytes exceeds max_doc_bytes (%zu)",
                      (unsigned long long)total, max);
            return 1;
        }
        if (!fill(r))
            break;
    }
    if (r->io_errno) {
        set_error(rec, GESTA_EIO, r->base + r->len, "read error: %s", strerror(r->io_errno));
        return 1;
    }
    if (gs_buf_append(&rec->raw, r->data + r->pos, r->len - r->pos) < 0)
        return GESTA_ENOMEM;
    r->pos = r->len;
    return 1;
}

/* ------------------------------------------------------------- JSON Lines */

static int next_jsonl(gs_reader *r, gs_record *rec)
{
    /* room for escapes: a document of max_doc_bytes may take more as JSON */
    size_t max_line = r->lim->max_doc_bytes * 2 + 65536;
    for (;;) {
        /* find the end of the line at data[pos] */
        size_t scanned = r->pos;
        char *nl = NULL;
        for (;;) {
            nl = r->len > scanned ? memchr(r->data + scanned, '\n', r->len - scanned) : NULL;
            if (nl)
                break;
            if (r->len - r->pos > max_line) {
                /* Skip the rest of this line without storing it. */
                uint64_t start = r->base + r->pos, line = r->line;
                for (;;) {
                    r->pos = r->len;
                    if (!fill(r))
                        break;
                    nl = memchr(r->data, '\n', r->len);
                    if (nl) {
                        r->pos = (size_t)(nl - r->data) + 1;
                        break;
                    }
                }
                uint64_t end = r->base + r->pos;
                rec->line = line;
                rec->offset = start;
                r->line++;
                set_error(rec, GESTA_ELIMIT, start,
                          "record of %llu bytes exceeds the line limit (%zu bytes; max_doc_bytes is %zu)",
                          (unsigned long long)(end - start - (nl ? 1 : 0)), max_line,
                          r->lim->max_doc_bytes);
                return 1;
            }
            scanned = r->len;
            size_t rel = scanned - r->pos;
            if (!fill(r)) {
                if (r->io_errno) {
                    rec->line = r->line;
                    rec->offset = r->base + r->pos;
                    set_error(rec, GESTA_EIO, rec->offset, "read error: %s",
                              strerror(r->io_errno));
                    r->pos = r->len;
                    return -1;
                }
                break;
            }
            scanned = r->pos + rel;
        }
        size_t start = r->pos;
        size_t end = nl ? (size_t)(nl - r->data) : r->len;
        if (start >= r->len && !nl)
            return 0; /* end of input */
        rec->line = r->line;
        rec->offset = r->base + start;
        r->pos = nl ? end + 1 : end;
        r->line++;
        if (end - start > max_line) {
            set_error(rec, GESTA_ELIMIT, rec->offset,
                      "record of %zu bytes exceeds the line limit (%zu bytes; max_doc_bytes is %zu)",
                      end - start, max_line, r->lim->max_doc_bytes);
            return 1;
        }
        size_t e = end;
        if (e > start && r->data[e - 1] == '\r')
            e--;
        bool blank = true;
        for (size_t i = start; i < e; i++) {
            char c = r->data[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                blank = false;
                break;
            }
        }
        if (blank) {
            if (!nl)
                return 0;
            continue;
        }
        if (gs_buf_append(&rec->raw, r->data + start, e - start) < 0)
            return GESTA_ENOMEM;
        return 1;
    }
}

/* -------------------------------------------------------------------- XML */

#define GS_XML_CHUNK (64 * 1024)
#define GS_XML_MAX_ERRORS 20

/* A fresh record at the tail of the queue, or NULL when out of memory. */
static gs_record *xq_push(gs_reader *r)
{
    if (r->xq_head > 0 && r->xq_head == r->xq_len) {
        r->xq_head = r->xq_len = 0;
    }
    if (r->xq_len == r->xq_cap) {
        size_t old = r->xq_cap;
        if (gs_grow((void **)&r->xq, &r->xq_cap, r->xq_len + 1, sizeof(gs_record)) < 0)
            return NULL;
        memset(r->xq + old, 0, (r->xq_cap - old) * sizeof(gs_record));
    }
    gs_record *rec = &r->xq[r->xq_len++];
    gs_record_clear(rec);
    rec->format = GESTA_INPUT_PETRARCH_XML;
    return rec;
}

static uint64_t xml_line(gs_reader *r)
{
    return (uint64_t)(r->xctx && r->xctx->input ? r->xctx->input->line : 0);
}

/* The byte offset libxml2 has reached or, when it cannot tell (after an
 * encoding error it returns -1), that of the chunk being parsed. */
static uint64_t xml_offset(gs_reader *r)
{
    long c = r->xctx ? xmlByteConsumed(r->xctx) : -1;
    return c >= 0 ? (uint64_t)c : r->base + r->pos;
}

static void xml_error_cb(void *ctx, xmlErrorPtr e)
{
    gs_reader *r = ctx;
    if (!e || e->level == XML_ERR_WARNING)
        return;
    r->xml_nerrors++;
    if (r->xml_nerrors > GS_XML_MAX_ERRORS)
        return;
    gs_record *rec = xq_push(r);
    if (!rec)
        return;
    const char *m = e->message ? e->message : "XML error";
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
        n--;
    rec->line = e->line > 0 ? (uint64_t)e->line : xml_line(r);
    rec->offset = xml_offset(r);
    set_error(rec, GESTA_EXML, rec->offset, "malformed XML: %.*s", (int)n, m);
}

/* Some errors (an input conversion failure, after which libxml2 stops)
 * reach only libxml2's generic handler, which would print them to standard
 * error.  While gesta parses, the handler is this one: the first line it
 * receives becomes an error record (the lines after it repeat the failure
 * in other words). */
static void xml_generic_cb(void *ctx, const char *fmt, ...)
{
    gs_reader *r = ctx;
    size_t n = strlen(r->xml_generic);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->xml_generic + n, sizeof r->xml_generic - n, fmt, ap);
    va_end(ap);
    char *nl;
    while ((nl = strchr(r->xml_generic, '\n'))) {
        *nl = '\0';
        size_t k = strlen(r->xml_generic);
        while (k && r->xml_generic[k - 1] == ' ')
            r->xml_generic[--k] = '\0';
        /* "encoding error : input conversion failed due to input error" */
        if (k && !r->xml_generic_done && ++r->xml_nerrors <= GS_XML_MAX_ERRORS) {
            r->xml_generic_done = true;
            gs_record *rec = xq_push(r);
            if (rec) {
                rec->line = xml_line(r);
                rec->offset = xml_offset(r);
                set_error(rec, GESTA_EXML, rec->offset, "malformed XML: %s", r->xml_generic);
            }
        }
        memmove(r->xml_generic, nl + 1, strlen(nl + 1) + 1);
    }
}

/* Hands n bytes (terminate: the end) to libxml2 with the generic handler
 * above in place; libxml2 keeps that handler per thread. */
static void xml_feed(gs_reader *r, const char *p, int n, int terminate)
{
    xmlGenericErrorFunc old = xmlGenericError;
    void *old_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(r, xml_generic_cb);
    xmlParseChunk(r->xctx, p, n, terminate);
    if (r->xml_generic[0])
        xml_generic_cb(r, "\n");
    xmlSetGenericErrorFunc(old_ctx, old);
}

static bool lname_is(const xmlChar *n, const char *lit) { return n && !strcmp((const char *)n, lit); }

static void put_attr(gs_buf *b, const xmlChar **attrs, int nattrs, const char *name)
{
    /* SAX2 attributes: localname, prefix, URI, value start, value end */
    for (int i = 0; i < nattrs; i++) {
        const xmlChar **a = attrs + i * 5;
        if (lname_is(a[0], name)) {
            gs_buf_append(b, (const char *)a[3], (size_t)(a[4] - a[3]));
            return;
        }
    }
}

/* The record of the <Sentence> being read, or NULL. */
static gs_record *current(gs_reader *r)
{
    return r->in_sentence && r->cur_idx < r->xq_len ? &r->xq[r->cur_idx] : NULL;
}

static void sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                      const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
                      int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    (void)prefix;
    (void)URI;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;
    gs_reader *r = ctx;
    r->xml_depth++;
    if (r->xml_depth > r->lim->max_xml_depth) {
        if (!r->xml_too_deep) {
            r->xml_too_deep = true;
            gs_record *rec = xq_push(r);
            if (rec) {
                rec->line = xml_line(r);
                rec->offset = xml_offset(r);
                set_error(rec, GESTA_ELIMIT, rec->offset,
                          "XML nesting deeper than max_xml_depth (%zu); rest of file skipped",
                          r->lim->max_xml_depth);
            }
            xmlStopParser(r->xctx);
        }
        return;
    }
    if (lname_is(localname, "Environment") && !r->in_sentence) {
        gs_record *rec = xq_push(r);
        if (!rec)
            return;
        rec->kind = GS_REC_ENV;
        rec->line = xml_line(r);
        rec->offset = xml_offset(r);
        r->env_idx = r->xq_len - 1;
        r->in_env = true;
        return;
    }
    if (lname_is(localname, "Config") && !r->in_sentence) {
        gs_buf *dst = NULL;
        if (r->in_env && r->env_idx < r->xq_len) {
            dst = &r->xq[r->env_idx].expect;
        } else {
            gs_record *rec = xq_push(r);
            if (!rec)
                return;
            rec->kind = GS_REC_CONFIG;
            rec->line = xml_line(r);
            rec->offset = xml_offset(r);
            dst = &rec->expect;
        }
        gs_buf_puts(dst, "config:");
        put_attr(dst, attributes, nb_attributes, "option");
        gs_buf_putc(dst, '\t');
        put_attr(dst, attributes, nb_attributes, "value");
        gs_buf_putc(dst, '\n');
        return;
    }
    if (r->in_env) {
        gs_buf_clear(&r->env_key);
        gs_buf_clear(&r->env_val);
        gs_buf_puts(&r->env_key, (const char *)localname);
        return;
    }
    if (lname_is(localname, "Sentence")) {
        gs_record *rec = xq_push(r);
        if (!rec)
            return;
        r->cur_idx = r->xq_len - 1;
        r->in_sentence = true;
        r->in_text = false;
        r->have_text = false;
        rec->line = xml_line(r);
        rec->offset = xml_offset(r);
        put_attr(&rec->id, attributes, nb_attributes, "id");
        put_attr(&rec->date, attributes, nb_attributes, "date");
        gs_buf v = GS_BUF_INIT;
        put_attr(&v, attributes, nb_attributes, "valid");
        if (v.len) {
            gs_buf_puts(&rec->expect, "valid\t");
            gs_buf_append(&rec->expect, v.data, v.len);
            gs_buf_putc(&rec->expect, '\n');
        }
        gs_buf_free(&v);
        return;
    }
    gs_record *rec = current(r);
    if (!rec)
        return;
    if (lname_is(localname, "Text") && !r->have_text) {
        r->in_text = true;
        r->have_text = true;
    } else if (lname_is(localname, "EventCoding")) {
        static const char *const names[] = {"sourcecode", "targetcode", "eventcode", "noevents",
                                            "error", NULL};
        gs_buf_puts(&rec->expect, "event");
        for (const char *const *a = names; *a; a++) {
            gs_buf_putc(&rec->expect, '\t');
            gs_buf_puts(&rec->expect, *a);
            gs_buf_putc(&rec->expect, '=');
            put_attr(&rec->expect, attributes, nb_attributes, *a);
        }
        gs_buf_putc(&rec->expect, '\n');
    }
}

static void sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI)
{
    (void)prefix;
    (void)URI;
    gs_reader *r = ctx;
    if (r->xml_depth)
        r->xml_depth--;
    if (r->in_env) {
        if (lname_is(localname, "Environment")) {
            r->in_env = false;
        } else if (r->env_key.len && r->env_idx < r->xq_len &&
                   !strcmp(r->env_key.data, (const char *)localname)) {
            gs_buf *dst = &r->xq[r->env_idx].expect;
            gs_buf_append(dst, r->env_key.data, r->env_key.len);
            gs_buf_putc(dst, '\t');
            /* trimmed value */
            const char *v = r->env_val.data ? r->env_val.data : "";
            size_t n = r->env_val.len;
            while (n && (*v == ' ' || *v == '\n' || *v == '\t' || *v == '\r')) {
                v++;
                n--;
            }
            while (n && (v[n - 1] == ' ' || v[n - 1] == '\n' || v[n - 1] == '\t' || v[n - 1] == '\r'))
                n--;
            gs_buf_append(dst, v, n);
            gs_buf_putc(dst, '\n');
            gs_buf_clear(&r->env_key);
        }
        return;
    }
    if (lname_is(localname, "Text")) {
        r->in_text = false;
    } else if (lname_is(localname, "Sentence") && r->in_sentence) {
        gs_record *rec = current(r);
        if (rec && !r->have_text)
            set_error(rec, GESTA_EFIELD, rec->offset, "<Sentence> has no <Text>");
        r->in_sentence = r->in_text = false;
    }
}

static void sax_chars(void *ctx, const xmlChar *ch, int len)
{
    gs_reader *r = ctx;
    if (r->in_env && r->env_key.len) {
        if (r->env_val.len < 4096)
            gs_buf_append(&r->env_val, ch, (size_t)len);
        return;
    }
    if (!r->in_text)
        return;
    gs_record *rec = current(r);
    if (!rec)
        return;
    if (rec->raw.len + (size_t)len > r->lim->max_doc_bytes) {
        if (!rec->error)
            set_error(rec, GESTA_ELIMIT, rec->offset,
                      "<Text> longer than max_doc_bytes (%zu)", r->lim->max_doc_bytes);
        return;
    }
    gs_buf_append(&rec->raw, ch, (size_t)len);
}

static int xml_start(gs_reader *r)
{
    static xmlSAXHandler sax;
    if (sax.initialized != XML_SAX2_MAGIC) {
        memset(&sax, 0, sizeof sax);
        sax.initialized = XML_SAX2_MAGIC;
        sax.startElementNs = sax_start;
        sax.endElementNs = sax_end;
        sax.characters = sax_chars;
        sax.cdataBlock = sax_chars;
        sax.serror = xml_error_cb;
    }
    r->xctx = xmlCreatePushParserCtxt(&sax, r, NULL, 0, r->name);
    if (!r->xctx)
        return GESTA_ENOMEM;
    xmlCtxtUseOptions(r->xctx, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                   XML_PARSE_NOWARNING);
    return 0;
}

static int next_xml(gs_reader *r, gs_record *rec)
{
    for (;;) {
        /* a queued record is complete unless it is the open <Sentence> */
        if (r->xq_head < r->xq_len) {
            gs_record *q = &r->xq[r->xq_head];
            bool open = q == current(r) || (r->in_env && r->xq_head == r->env_idx);
            if (!open || r->done) {
                gs_record tmp = *rec;
                *rec = *q;
                *q = tmp;
                rec->file = tmp.file;
                r->xq_head++;
                if (r->xq_head == r->xq_len)
                    r->xq_head = r->xq_len = 0;
                return 1;
            }
        }
        if (r->done) {
            if (r->xml_nerrors > GS_XML_MAX_ERRORS) {
                rec->line = 0;
                rec->offset = r->base + r->len;
                set_error(rec, GESTA_EXML, rec->offset, "%zu further XML errors not shown",
                          r->xml_nerrors - GS_XML_MAX_ERRORS);
                r->xml_nerrors = 0;
                return 1;
            }
            return 0;
        }
        if (r->pos >= r->len && !fill(r)) {
            if (r->io_errno) {
                r->done = true;
                rec->line = xml_line(r);
                rec->offset = r->base + r->len;
                set_error(rec, GESTA_EIO, rec->offset, "read error: %s", strerror(r->io_errno));
                return 1;
            }
            xml_feed(r, NULL, 0, 1);
            r->done = true;
            continue;
        }
        size_t n = r->len - r->pos;
        if (n > GS_XML_CHUNK)
            n = GS_XML_CHUNK;
        xml_feed(r, r->data + r->pos, (int)n, 0);
        r->pos += n;
        if (r->xml_too_deep)
            r->done = true;
    }
}

int gs_reader_next(gs_reader *r, gs_record *rec)
{
    gs_record_clear(rec);
    if (!rec->file)
        rec->file = r->name;
    rec->format = r->format;
    switch (r->format) {
    case GESTA_INPUT_TEXT: return next_text(r, rec);
    case GESTA_INPUT_JSONL: return next_jsonl(r, rec);
    case GESTA_INPUT_PETRARCH_XML: return next_xml(r, rec);
    default: return GESTA_EFORMAT;
    }
}
