/*
 * reader.c: input files -> raw records.
 *
 * Three formats.  Plain text: the whole file is one record.  JSON Lines:
 * each non-blank line is a record; the reader only finds line ends (JSON is
 * decoded later, in a worker).  PETRARCH XML: libxml2's streaming reader
 * walks the file and each <Sentence> element becomes a record holding its
 * id and date attributes, its <Text> and any <EventCoding> expectations.
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
#include <libxml/xmlreader.h>
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
    /* XML */
    xmlTextReaderPtr xr;
    bool xml_positioned;  /* the current node has not been looked at yet */
    gs_buf xml_err;
    int xml_err_line;
};

void gs_record_clear(gs_record *r)
{
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

static int xml_read_cb(void *ctx, char *out, int n)
{
    gs_reader *r = ctx;
    if (r->pos >= r->len && !fill(r))
        return r->io_errno ? -1 : 0;
    size_t k = r->len - r->pos;
    if (k > (size_t)n)
        k = (size_t)n;
    memcpy(out, r->data + r->pos, k);
    r->pos += k;
    return (int)k;
}

static void xml_error_cb(void *ctx, xmlErrorPtr e)
{
    gs_reader *r = ctx;
    if (!e || r->xml_err.len)
        return; /* keep the first error of a record */
    r->xml_err_line = e->line;
    const char *m = e->message ? e->message : "XML error";
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
        n--;
    gs_buf_append(&r->xml_err, m, n);
}

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
        r->xr = xmlReaderForIO(xml_read_cb, NULL, r, is_stdin ? "stdin" : path, NULL,
                               XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                   XML_PARSE_NOWARNING);
        if (!r->xr) {
            if (asprintf(err, "%s: cannot start the XML reader", r->name) < 0)
                *err = NULL;
            gs_reader_close(r);
            return GESTA_EXML;
        }
        xmlTextReaderSetStructuredErrorHandler(r->xr, xml_error_cb, r);
    }
    *out = r;
    return 0;
}

void gs_reader_close(gs_reader *r)
{
    if (!r)
        return;
    if (r->xr)
        xmlFreeTextReader(r->xr);
    if (r->own_fd)
        close(r->fd);
    free(r->data);
    free(r->name);
    gs_buf_free(&r->xml_err);
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
            nl = memchr(r->data + scanned, '\n', r->len - scanned);
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

static bool name_is(const xmlChar *n, const char *lit)
{
    return n && !strcmp((const char *)n, lit);
}

static void attr_into(xmlNodePtr node, const char *name, gs_buf *b)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    if (v) {
        gs_buf_puts(b, (const char *)v);
        xmlFree(v);
    }
}

/* Collects one <Sentence> element's fields. */
static int xml_sentence(gs_reader *r, gs_record *rec, xmlNodePtr node)
{
    attr_into(node, "id", &rec->id);
    attr_into(node, "date", &rec->date);
    bool have_text = false;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(c->name, "Text") && !have_text) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t) {
                if (gs_buf_puts(&rec->raw, (const char *)t) < 0) {
                    xmlFree(t);
                    return GESTA_ENOMEM;
                }
                xmlFree(t);
            }
            have_text = true;
        } else if (name_is(c->name, "EventCoding")) {
            /* expectations for `gesta validate`: one line per coding */
            gs_buf_puts(&rec->expect, "event");
            static const char *const attrs[] = {"sourcecode", "targetcode", "eventcode",
                                                "noevents", "error", NULL};
            for (const char *const *a = attrs; *a; a++) {
                gs_buf_putc(&rec->expect, '\t');
                gs_buf_puts(&rec->expect, *a);
                gs_buf_putc(&rec->expect, '=');
                attr_into(c, *a, &rec->expect);
            }
            gs_buf_putc(&rec->expect, '\n');
        }
    }
    (void)r;
    if (!have_text)
        set_error(rec, GESTA_EFIELD, rec->offset, "<Sentence> has no <Text>");
    return 0;
}

static int next_xml(gs_reader *r, gs_record *rec)
{
    if (r->done)
        return 0;
    for (;;) {
        int ret = 1;
        if (!r->xml_positioned)
            ret = xmlTextReaderRead(r->xr);
        r->xml_positioned = false;
        if (ret == 0) {
            r->done = true;
            return 0;
        }
        if (ret < 0 || r->xml_err.len) {
            r->done = ret < 0;
            rec->line = (uint64_t)(r->xml_err_line > 0 ? r->xml_err_line : 0);
            rec->offset = (uint64_t)xmlTextReaderByteConsumed(r->xr);
            set_error(rec, GESTA_EXML, rec->offset, "%s",
                      r->xml_err.len ? r->xml_err.data : "malformed XML");
            gs_buf_clear(&r->xml_err);
            if (ret < 0)
                return 1;
            if (ret == 1 && xmlTextReaderNodeType(r->xr) == XML_READER_TYPE_ELEMENT)
                r->xml_positioned = true;
            return 1;
        }
        int depth = xmlTextReaderDepth(r->xr);
        if (depth >= 0 && (size_t)depth > r->lim->max_xml_depth) {
            r->done = true;
            rec->line = (uint64_t)xmlTextReaderGetParserLineNumber(r->xr);
            rec->offset = (uint64_t)xmlTextReaderByteConsumed(r->xr);
            set_error(rec, GESTA_ELIMIT, rec->offset,
                      "XML nesting deeper than max_xml_depth (%zu); rest of file skipped",
                      r->lim->max_xml_depth);
            return 1;
        }
        if (xmlTextReaderNodeType(r->xr) != XML_READER_TYPE_ELEMENT ||
            !name_is(xmlTextReaderConstLocalName(r->xr), "Sentence"))
            continue;
        rec->line = (uint64_t)xmlTextReaderGetParserLineNumber(r->xr);
        rec->offset = (uint64_t)xmlTextReaderByteConsumed(r->xr);
        xmlNodePtr node = xmlTextReaderExpand(r->xr);
        if (!node) {
            r->done = true;
            set_error(rec, GESTA_EXML, rec->offset, "%s",
                      r->xml_err.len ? r->xml_err.data : "malformed <Sentence>");
            gs_buf_clear(&r->xml_err);
            return 1;
        }
        int rc = xml_sentence(r, rec, node);
        if (rc < 0)
            return rc;
        /* Move past the subtree; the node we land on is examined next time. */
        ret = xmlTextReaderNext(r->xr);
        if (ret == 1)
            r->xml_positioned = true;
        else if (ret == 0)
            r->done = true;
        if (r->xml_err.len && !rec->error) {
            set_error(rec, GESTA_EXML, rec->offset, "%s", r->xml_err.data);
            gs_buf_clear(&r->xml_err);
        }
        return 1;
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
