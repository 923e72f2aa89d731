/*
 * decode.c: raw records -> gesta_doc.  Runs in worker threads.
 *
 * JSON Lines records are parsed with yajl's event parser (strings are
 * validated as UTF-8; "\u0000" is kept as a byte).  The fields: "id"
 * (string or integer, required), "date" ("YYYY-MM-DD" or "YYYYMMDD";
 * required unless a default date was given), "title" (string or null,
 * optional), "text" (string, required).  Other fields are ignored; a field
 * given twice takes its last value.  Nesting deeper than max_json_depth is
 * refused (the parse stops there), so that no record can make later stages
 * recurse without bound.
 */
#include "io.h"

#include <stdarg.h>
#include <stdio.h>
#include <yajl/yajl_parse.h>

void gs_docbuf_release(gs_docbuf *d)
{
    gs_buf_clear(&d->scratch);
    for (int i = 0; i < GS_JF_COUNT; i++)
        gs_buf_clear(&d->field[i]);
    memset(&d->doc, 0, sizeof d->doc);
    d->message[0] = '\0';
    d->error_offset = 0;
}

void gs_docbuf_free(gs_docbuf *d)
{
    gs_docbuf_release(d);
    gs_buf_free(&d->scratch);
    for (int i = 0; i < GS_JF_COUNT; i++)
        gs_buf_free(&d->field[i]);
}

static int fail(gs_docbuf *d, int code, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(gs_docbuf *d, int code, uint64_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->message, sizeof d->message, fmt, ap);
    va_end(ap);
    d->error_offset = offset;
    return code;
}

/* ------------------------------------------------------------ JSON Lines */

/* The type of a JSON value, for messages. */
enum { JT_NONE = 0, JT_OBJECT, JT_ARRAY, JT_STRING, JT_INTEGER, JT_REAL, JT_BOOL, JT_NULL };

static const char *type_name(int t)
{
    switch (t) {
    case JT_OBJECT: return "an object";
    case JT_ARRAY: return "an array";
    case JT_STRING: return "a string";
    case JT_INTEGER: return "an integer";
    case JT_REAL: return "a number";
    case JT_BOOL: return "a boolean";
    default: return "null";
    }
}

/* The state of one record's parse. */
typedef struct jstate {
    gs_docbuf *d;
    size_t max_depth;
    size_t open;        /* containers open */
    bool too_deep;
    int root;           /* the type of the record's value */
    int key;            /* the field the next value at depth 1 belongs to, or -1 */
    int type[GS_JF_COUNT]; /* the type each field was given, JT_NONE if absent */
} jstate;

static const char *const field_names[GS_JF_COUNT] = {"id", "date", "title", "text"};

/* A value begins: its depth, the record's type, and which field it is. */
static int value(jstate *s, int type, bool container, const unsigned char *str, size_t len)
{
    size_t depth = s->open + 1; /* a scalar inside n containers is at depth n + 1 */
    if (depth > s->max_depth) {
        s->too_deep = true;
        return 0; /* stop the parse */
    }
    if (s->open == 0)
        s->root = type;
    if (s->open == 1 && s->key >= 0) {
        s->type[s->key] = type;
        gs_buf *b = &s->d->field[s->key];
        gs_buf_clear(b);
        if (str && gs_buf_append(b, (const char *)str, len) < 0)
            return 0;
        s->key = -1;
    }
    if (container)
        s->open++;
    return 1;
}

static int on_null(void *ctx) { return value(ctx, JT_NULL, false, NULL, 0); }
static int on_bool(void *ctx, int b)
{
    (void)b;
    return value(ctx, JT_BOOL, false, NULL, 0);
}
static int on_number(void *ctx, const char *s, size_t n)
{
    bool real = memchr(s, '.', n) || memchr(s, 'e', n) || memchr(s, 'E', n);
    return value(ctx, real ? JT_REAL : JT_INTEGER, false, (const unsigned char *)s, n);
}
static int on_string(void *ctx, const unsigned char *s, size_t n)
{
    return value(ctx, JT_STRING, false, s, n);
}
static int on_start_map(void *ctx) { return value(ctx, JT_OBJECT, true, NULL, 0); }
static int on_start_array(void *ctx) { return value(ctx, JT_ARRAY, true, NULL, 0); }
static int on_end(void *ctx)
{
    jstate *s = ctx;
    s->open--;
    return 1;
}
static int on_key(void *ctx, const unsigned char *k, size_t n)
{
    jstate *s = ctx;
    s->key = -1;
    if (s->open == 1)
        for (int i = 0; i < GS_JF_COUNT; i++)
            if (strlen(field_names[i]) == n && !memcmp(field_names[i], k, n))
                s->key = i;
    return 1;
}

static const yajl_callbacks callbacks = {on_null,   on_bool,      NULL,   NULL,  on_number,
                                         on_string, on_start_map, on_key, on_end, on_start_array,
                                         on_end};

/* Field i's bytes (NUL-terminated). */
static const char *field(gs_docbuf *d, int i, size_t *len)
{
    gs_buf *b = &d->field[i];
    if (gs_buf_putc(b, '\0') < 0)
        return NULL;
    b->len--;
    *len = b->len;
    return b->data;
}

static int decode_jsonl(const gs_record *rec, int32_t default_date, const gesta_limits *lim,
                        gs_docbuf *d)
{
    jstate s;
    memset(&s, 0, sizeof s);
    s.d = d;
    s.max_depth = lim->max_json_depth;
    s.key = -1;
    for (int i = 0; i < GS_JF_COUNT; i++)
        gs_buf_clear(&d->field[i]);
    yajl_handle h = yajl_alloc(&callbacks, NULL, &s);
    if (!h)
        return fail(d, GESTA_ENOMEM, rec->offset, "out of memory");
    yajl_status st = yajl_parse(h, (const unsigned char *)rec->raw.data, rec->raw.len);
    if (st == yajl_status_ok)
        st = yajl_complete_parse(h);
    if (st != yajl_status_ok && !s.too_deep) {
        size_t at = yajl_get_bytes_consumed(h);
        unsigned char *msg = yajl_get_error(h, 0, NULL, 0);
        char why[160];
        snprintf(why, sizeof why, "%s", msg ? (const char *)msg : "parse error");
        if (msg)
            yajl_free_error(h, msg);
        yajl_free(h);
        /* yajl's messages end with a full stop and a newline */
        size_t wl = strlen(why);
        while (wl && (why[wl - 1] == '\n' || why[wl - 1] == '.' || why[wl - 1] == ' '))
            why[--wl] = '\0';
        if (st == yajl_status_client_canceled)
            return fail(d, GESTA_ENOMEM, rec->offset, "out of memory");
        return fail(d, GESTA_EJSON, rec->offset + at, "malformed JSON at byte %zu: %s", at, why);
    }
    yajl_free(h);
    if (!s.too_deep && s.root != JT_OBJECT)
        return fail(d, GESTA_EFIELD, rec->offset, "record is %s, not a JSON object",
                    type_name(s.root));
    size_t n = 0;
    if (s.type[GS_JF_ID] == JT_STRING || s.type[GS_JF_ID] == JT_INTEGER) {
        d->doc.id = field(d, GS_JF_ID, &n);
        d->doc.id_len = n;
    } else if (s.type[GS_JF_ID] == JT_NONE && !s.too_deep) {
        return fail(d, GESTA_EFIELD, rec->offset, "missing field \"id\"");
    } else if (s.type[GS_JF_ID] != JT_NONE) {
        return fail(d, GESTA_EFIELD, rec->offset, "field \"id\" is %s, not a string",
                    type_name(s.type[GS_JF_ID]));
    }
    if (!d->doc.id && s.type[GS_JF_ID] != JT_NONE)
        return fail(d, GESTA_ENOMEM, rec->offset, "out of memory");
    /* after the id, so that the error record can name the document */
    if (s.too_deep)
        return fail(d, GESTA_ELIMIT, rec->offset, "JSON nesting deeper than max_json_depth (%zu)",
                    lim->max_json_depth);
    if (s.type[GS_JF_TEXT] == JT_NONE)
        return fail(d, GESTA_EFIELD, rec->offset, "missing field \"text\"");
    if (s.type[GS_JF_TEXT] != JT_STRING)
        return fail(d, GESTA_EFIELD, rec->offset, "field \"text\" is %s, not a string",
                    type_name(s.type[GS_JF_TEXT]));
    d->doc.text = field(d, GS_JF_TEXT, &n);
    d->doc.text_len = n;
    if (s.type[GS_JF_TITLE] == JT_STRING) {
        d->doc.title = field(d, GS_JF_TITLE, &n);
        d->doc.title_len = n;
    } else if (s.type[GS_JF_TITLE] != JT_NONE && s.type[GS_JF_TITLE] != JT_NULL) {
        return fail(d, GESTA_EFIELD, rec->offset, "field \"title\" is %s, not a string",
                    type_name(s.type[GS_JF_TITLE]));
    }
    if (!d->doc.text || (s.type[GS_JF_TITLE] == JT_STRING && !d->doc.title))
        return fail(d, GESTA_ENOMEM, rec->offset, "out of memory");
    int dt = s.type[GS_JF_DATE];
    if (dt == JT_STRING || dt == JT_INTEGER) {
        const char *date = field(d, GS_JF_DATE, &n);
        if (!date)
            return fail(d, GESTA_ENOMEM, rec->offset, "out of memory");
        if (gesta_date_parse(date, n, &d->doc.date) < 0)
            return fail(d, GESTA_EDATE, rec->offset,
                        dt == JT_STRING
                            ? "field \"date\" is not a date as YYYY-MM-DD or YYYYMMDD: \"%.40s\""
                            : "field \"date\" is not a date: %.40s",
                        date);
    } else if (dt != JT_NONE && dt != JT_NULL) {
        return fail(d, GESTA_EFIELD, rec->offset, "field \"date\" is %s, not a string",
                    type_name(dt));
    } else if (default_date) {
        d->doc.date = default_date;
    } else {
        return fail(d, GESTA_EFIELD, rec->offset, "missing field \"date\" (and no --date given)");
    }
    return 0;
}

int gs_record_decode(const gs_record *rec, int32_t default_date, const gesta_limits *lim,
                     gs_docbuf *d)
{
    gs_docbuf_release(d);
    if (rec->error) {
        snprintf(d->message, sizeof d->message, "%s", rec->message.data ? rec->message.data : "");
        d->error_offset = rec->error_offset;
        /* an XML record knows its id even when its reading failed */
        d->doc.id = rec->id.len ? rec->id.data : NULL;
        d->doc.id_len = rec->id.len;
        return rec->error;
    }
    switch (rec->format) {
    case GESTA_INPUT_JSONL:
        return decode_jsonl(rec, default_date, lim, d);
    case GESTA_INPUT_TEXT:
        d->doc.id = rec->file;
        d->doc.id_len = strlen(rec->file);
        d->doc.text = rec->raw.data ? rec->raw.data : "";
        d->doc.text_len = rec->raw.len;
        d->doc.date = default_date;
        return 0;
    case GESTA_INPUT_PETRARCH_XML:
        if (!rec->id.len)
            return fail(d, GESTA_EFIELD, rec->offset, "<Sentence> has no id attribute");
        d->doc.id = rec->id.data;
        d->doc.id_len = rec->id.len;
        d->doc.text = rec->raw.data ? rec->raw.data : "";
        d->doc.text_len = rec->raw.len;
        if (rec->date.len) {
            if (gesta_date_parse(rec->date.data, rec->date.len, &d->doc.date) < 0)
                return fail(d, GESTA_EDATE, rec->offset,
                            "date attribute is not a date as YYYYMMDD: \"%.40s\"", rec->date.data);
        } else if (default_date) {
            d->doc.date = default_date;
        } else {
            return fail(d, GESTA_EFIELD, rec->offset, "<Sentence> has no date attribute");
        }
        return 0;
    default:
        return fail(d, GESTA_EFORMAT, rec->offset, "unknown input format");
    }
}
